"""Platform pages: home, health check, organisation switcher, organisation and members."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.http import (
    FileResponse,
    Http404,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView

from collab import accounts, export, registry, selectors, services, versioning
from collab.filters import InvitationFilter, MembershipFilter
from collab.forms import InviteMemberForm, MembershipRoleForm, NewAccountForm, OrganisationForm
from collab.generic import (
    ALREADY_SAVED,
    Column,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgQuerysetMixin,
    OrgUpdateView,
    add_errors,
    add_integrity_error,
)
from collab.middleware import SESSION_KEY
from collab.models import ROLE_HELP, Access, Invitation, Membership, Organisation, Role
from collab.submissions import add_submission_field, claim, earlier_result, record


@never_cache
@login_not_required
def healthz(request):
    """200 with a JSON body when every configured database answers, 503 when one does not."""
    status = {}
    healthy = True
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            status[alias] = "ok"
        except DatabaseError:
            status[alias] = "unavailable"
            healthy = False
    response = JsonResponse(
        {"status": "ok" if healthy else "error", "database": status},
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = "30"
    return response


class HomeView(TemplateView):
    template_name = "collab/home.html"

    def get(self, request, *args, **kwargs):
        # A role with its own start page (a politician's dashboard) lands there; a network
        # coordinator keeps the home page, which lists the networks they coordinate.
        membership = request.membership
        if membership is not None:
            url_name = registry.start_page(membership.role)
            if url_name and not selectors.networks_for_user(request.user).exists():
                return HttpResponseRedirect(reverse(url_name))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        context["coordinated_networks"] = selectors.networks_for_user(request.user)
        membership = request.membership
        if membership is not None:
            overview = selectors.organisation_overview(request.organisation)
            context.update(overview)
            context["role_help"] = ROLE_HELP[Role(membership.role)]
            context["first_steps"] = first_steps(request, overview)
            today = timezone.localdate()
            context["figures"] = registry.home_figures(request, today)
            context["figures_year"] = today.year
            context["home_sections"] = registry.home_sections(request, today)
        return context


def first_steps(request, overview) -> list[dict]:
    """What to do first, from the organisation's actual state."""
    membership = request.membership
    organisation = request.organisation
    steps = [
        {
            "done": bool(organisation.population),
            "title": _("Enter the number of inhabitants"),
            "text": _("Needed for figures per 10,000 inhabitants in follow-up and reports."),
            "url": reverse("collab:organisation_update")
            if membership.access >= Access.MANAGE
            else None,
        },
        {
            "done": overview["members_by_role"].get(Role.COORDINATOR, 0)
            + overview["members_by_role"].get(Role.ADMINISTRATOR, 0)
            > 1,
            "title": _("Give your colleagues access"),
            "text": _(
                "Add the officers who coordinate the work with social enterprises "
                "(business, purchasing, labour market) as coordinators."
            ),
            "url": reverse("collab:membership_create")
            if membership.access >= Access.MANAGE
            else None,
        },
        {
            "done": overview["members_by_role"].get(Role.VIEWER, 0) > 0,
            "title": _("Invite the responsible committee"),
            "text": _(
                "Elected representatives get read access to the records, dashboards and reports."
            ),
            "url": reverse("collab:membership_create")
            if membership.access >= Access.MANAGE
            else None,
        },
    ]
    return steps


@require_POST
def switch_organisation(request):
    """Make another of the user's organisations the active one (header switcher)."""
    try:
        wanted = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404 from None
    membership = next((m for m in request.memberships if m.organisation_id == wanted), None)
    if membership is None:
        raise Http404
    request.session[SESSION_KEY] = membership.organisation_id
    services.remember_landing_organisation(user=request.user, organisation=membership.organisation)
    messages.info(
        request, _("You are now working in %(name)s.") % {"name": membership.organisation.name}
    )
    return HttpResponseRedirect(page_after_switch(request, request.POST.get("next", "")))


def page_after_switch(request, target: str) -> str:
    """Where the switcher lands: the page it was used on (``target``) when that page exists in
    every organisation, that is a path on this site without an object's id in it (a list, the
    organisation's page), and not a form that creates a record; otherwise the new
    organisation's home page. A detail page's record belongs to the organisation left behind:
    in the new one it would be a 404."""
    home = reverse("collab:home")
    if not target or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return home
    try:
        match = resolve(parts.path)
    except Resolver404:
        return home
    if match.args or match.kwargs or (match.url_name or "").endswith("_create"):
        return home
    return target


class OrganisationDetailView(OrganisationAccessMixin, TemplateView):
    template_name = "collab/organisation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.request.organisation
        context.update(selectors.organisation_overview(organisation))
        context["organisation"] = organisation
        context["history"] = selectors.history_for(organisation)
        context["roles"] = [(label, ROLE_HELP[Role(value)]) for value, label in Role.choices]
        return context


class OrganisationUpdateView(OrganisationAccessMixin, View):
    required_access = Access.MANAGE
    template_name = "generic/form.html"

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": _("Organisation details"),
                "cancel_url": reverse("collab:organisation_detail"),
            },
            status=status,
        )

    def get_form(self, organisation, data=None):
        form = OrganisationForm(
            data,
            instance=organisation,
            user_has_two_factor=accounts.two_factor_enabled(self.request),
        )
        versioning.add_version_field(form)
        add_submission_field(form)  # a double click on "Save" saves once
        return form

    def get(self, request):
        return self.render_form(self.get_form(request.organisation))

    def saved_before(self, url):
        """The same form sent again (a double click): to the first save's result."""
        messages.info(self.request, ALREADY_SAVED)
        return HttpResponseRedirect(url)

    def post(self, request):
        earlier = earlier_result(request)
        if earlier is not None:
            return self.saved_before(earlier)
        with transaction.atomic():
            # The row locked and read again: the version check and the save are one step.
            organisation = Organisation.objects.select_for_update().get(pk=request.organisation.pk)
            form = self.get_form(organisation, request.POST)
            valid = form.is_valid()
            conflict = versioning.check(form, organisation)
            if conflict is not None:
                for line in conflict.messages():
                    form.add_error(None, line)
                return self.render_form(form, status=409)
            if not valid:
                return self.render_form(form)
            done = reverse("collab:organisation_detail")
            try:
                with transaction.atomic():
                    earlier = claim(request)
                    if earlier is None:
                        services.update_organisation(
                            organisation=organisation,
                            name=form.cleaned_data["name"],
                            population=form.cleaned_data["population"],
                            require_two_factor=form.cleaned_data["require_two_factor"],
                        )
                        record(request, done)
            except ValidationError as exc:
                add_errors(form, exc)
                return self.render_form(form)
            except IntegrityError as exc:
                add_integrity_error(form, Organisation, exc)
                return self.render_form(form)
        if earlier is not None:  # the same form, sent twice at the same moment
            return self.saved_before(earlier)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(done)


class OrganisationExportView(OrganisationAccessMixin, View):
    """Everything the organisation owns in one ZIP: CSV and JSON per kind of record, with
    the document files (administrators)."""

    required_access = Access.MANAGE

    def get(self, request):
        organisation = request.organisation
        archive = export.build_archive(organisation)
        stamp = timezone.localdate().isoformat()
        return FileResponse(
            archive,
            as_attachment=True,
            filename=f"samverka-{organisation.slug}-{stamp}.zip",
            content_type="application/zip",
        )


class MembershipListView(OrgListView):
    model = Membership
    filterset_class = MembershipFilter
    select_related = ("user",)
    title = gettext_lazy("Members")
    intro = gettext_lazy(
        "The people who have access to the organisation's records in Samverka, and their roles."
    )
    empty_text = gettext_lazy("No members yet.")
    columns = [
        Column("user.get_full_name", gettext_lazy("Name"), sort="user__last_name", link=True),
        Column("user.email", gettext_lazy("E-mail address"), sort="user__email"),
        Column("get_role_display", gettext_lazy("Role"), sort="role"),
        Column("status_display", gettext_lazy("Status"), sort="is_active"),
        Column("created_at", gettext_lazy("Member since"), sort="created_at"),
    ]
    default_sort = "user__last_name"
    template_name = "collab/membership_list.html"
    create_url_name = "collab:membership_create"
    create_access = Access.MANAGE
    export_name = "medlemmar"

    def get_context_data(self, **kwargs):
        """Administrators get a link to the invitations awaiting an answer."""
        context = super().get_context_data(**kwargs)
        if self.request.membership.access >= Access.MANAGE:
            context["pending_invitations"] = Invitation.objects.pending().count()
            context["pending_url"] = reverse("collab:invitation_list") + "?state=pending"
        return context


class MembershipDetailView(OrgDetailView):
    model = Membership
    select_related = ("user",)
    edit_access = Access.MANAGE
    update_url_name = "collab:membership_update"
    delete_url_name = "collab:membership_delete"
    list_url_name = "collab:membership_list"
    fields = [
        Column("user.get_full_name", gettext_lazy("Name")),
        Column("user.email", gettext_lazy("E-mail address")),
        Column("get_role_display", gettext_lazy("Role")),
        Column("status_display", gettext_lazy("Status")),
        Column("created_at", gettext_lazy("Member since")),
        Column("user.last_login", gettext_lazy("Last login")),
    ]
    template_name = "collab/membership_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.object.user
        context["two_factor_on"] = accounts.has_two_factor(user)
        context["login_blocked"] = bool(accounts.locked_usernames([user.get_username()]))
        if self.request.membership.access >= Access.MANAGE:
            context["unlock_url"] = reverse(
                "collab:membership_unlock", kwargs={"pk": self.object.pk}
            )
            name = "membership_deactivate" if self.object.is_active else "membership_reactivate"
            context["activation_url"] = reverse(f"collab:{name}", kwargs={"pk": self.object.pk})
        return context


class MembershipCreateView(OrgCreateView):
    """Adding a person is an invitation: the same page follows whether or not they have an
    account, and nothing about them (name, last login) is shown before they accept."""

    model = Invitation
    form_class = InviteMemberForm
    required_access = Access.MANAGE
    list_url_name = "collab:invitation_list"

    def save(self, form):
        invitation = services.invite(
            organisation=self.request.organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=self.request.user,
            request=self.request,
        )
        self.success_message = _("An invitation was sent to %(email)s.") % {
            "email": invitation.email
        }
        return invitation

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Invite a member")
        return context


class InvitationListView(OrgListView):
    model = Invitation
    filterset_class = InvitationFilter
    select_related = ("invited_by",)
    required_access = Access.MANAGE
    title = gettext_lazy("Invitations")
    intro = gettext_lazy(
        "Invitations sent to join the organisation. A person becomes a member when they accept."
    )
    empty_text = gettext_lazy("No invitations yet.")
    columns = [
        Column("email", gettext_lazy("E-mail address"), sort="email", link=True),
        Column("get_role_display", gettext_lazy("Role"), sort="role"),
        Column("status", gettext_lazy("Status")),
        Column("sent_at", gettext_lazy("Sent"), sort="sent_at"),
        Column("expires_at", gettext_lazy("Valid until"), sort="expires_at"),
    ]
    default_sort = "-sent_at"
    create_url_name = "collab:membership_create"
    create_access = Access.MANAGE
    export_name = "inbjudningar"


class InvitationDetailView(OrgDetailView):
    model = Invitation
    select_related = ("invited_by",)
    required_access = Access.MANAGE
    template_name = "collab/invitation_detail.html"
    list_url_name = "collab:invitation_list"
    fields = [
        Column("email", gettext_lazy("E-mail address")),
        Column("get_role_display", gettext_lazy("Role")),
        Column("status", gettext_lazy("Status")),
        Column("invited_by.get_full_name", gettext_lazy("Invited by")),
        Column("sent_at", gettext_lazy("Sent")),
        Column("expires_at", gettext_lazy("Valid until")),
        Column("accepted_at", gettext_lazy("Accepted")),
        Column("declined_at", gettext_lazy("Declined")),
        Column("withdrawn_at", gettext_lazy("Withdrawn")),
    ]


class InvitationActionView(OrganisationAccessMixin, OrgQuerysetMixin, DetailView):
    """Confirm, then resend or withdraw an unanswered invitation (administrators)."""

    model = Invitation
    required_access = Access.MANAGE
    template_name = "collab/invitation_confirm.html"
    title = ""
    question = ""
    button = ""

    def act(self, invitation):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": self.title % {"email": self.object.email},
                "question": self.question,
                "button": self.button,
                "answered": self.object.is_answered,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.act(self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class InvitationResendView(InvitationActionView):
    title = gettext_lazy("Send the invitation to %(email)s again")
    question = gettext_lazy(
        "A new link valid for 14 days is sent. The link in the earlier e-mail stops working."
    )
    button = gettext_lazy("Send again")

    def act(self, invitation):
        services.resend_invitation(invitation=invitation, request=self.request)
        return _("The invitation was sent again to %(email)s.") % {"email": invitation.email}


class InvitationWithdrawView(InvitationActionView):
    title = gettext_lazy("Withdraw the invitation to %(email)s")
    question = gettext_lazy("The link in the e-mail stops working. You can invite again later.")
    button = gettext_lazy("Withdraw invitation")

    def act(self, invitation):
        services.withdraw_invitation(invitation=invitation)
        return _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}


@method_decorator(login_not_required, name="dispatch")
class AccessibilityStatementView(TemplateView):
    """The accessibility statement (tillgänglighetsredogörelse) the Swedish DOS law requires:
    readable without logging in, linked from every page's footer. No database query of its
    own, so ``bench`` also uses it as the floor: the base layout and the middleware only."""

    template_name = "collab/accessibility.html"
    extra_context = {"title": gettext_lazy("Accessibility statement")}


@method_decorator(login_not_required, name="dispatch")
class InvitationAcceptView(View):
    """The page behind the e-mailed link: the invited person accepts or declines.

    The invitation is bound to its e-mail address: a logged-in user with another address
    cannot accept it; a person without an account creates one here.
    """

    template_name = "collab/invitation_accept.html"

    def dispatch(self, request, token, *args, **kwargs):
        self.invitation = services.find_invitation(token)
        problem = services.invitation_problem(self.invitation)
        if problem:
            status = 404 if self.invitation is None else 410
            return self.render({"problem": problem}, status=status)
        return super().dispatch(request, token, *args, **kwargs)

    def render(self, context, status=200):
        context.setdefault("invitation", getattr(self, "invitation", None))
        return render(self.request, self.template_name, context, status=status)

    def state(self, form=None):
        user = self.request.user
        invitation = self.invitation
        if user.is_authenticated:
            if not services.is_addressee(invitation, user):
                return self.render({"wrong_user": True}, status=403)
            return self.render({"confirm": True})
        if services.account_exists(invitation.email):
            login_url = reverse("login") + "?" + urlencode({"next": self.request.path})
            return self.render({"needs_login": True, "login_url": login_url})
        if form is None:
            form = NewAccountForm(initial={"username": invitation.email})
        return self.render({"form": form})

    def get(self, request, token):
        return self.state()

    def post(self, request, token):
        invitation = self.invitation
        user = request.user
        if not user.is_authenticated:
            if services.account_exists(invitation.email):
                return self.state()
            form = NewAccountForm(request.POST)
            if not form.is_valid():
                return self.state(form)
            try:
                user, membership = services.accept_invitation_with_new_account(
                    invitation=invitation,
                    username=form.cleaned_data["username"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
                return self.state(form)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return self.welcome(membership, created=True)
        if not services.is_addressee(invitation, user):
            return self.state()
        try:
            if request.POST.get("answer") == "decline":
                services.decline_invitation(invitation=invitation, user=user)
                messages.info(request, _("You declined the invitation."))
                return HttpResponseRedirect(reverse("collab:home"))
            membership, created = services.accept_invitation(invitation=invitation, user=user)
        except ValidationError as exc:
            return self.render({"problem": " ".join(exc.messages)}, status=409)
        return self.welcome(membership, created=created)

    def welcome(self, membership, *, created):
        name = self.invitation.organisation.name
        if created:
            message = _("Welcome! You are now a member of %(name)s as %(role)s.") % {
                "name": name,
                "role": membership.get_role_display().lower(),
            }
        else:
            message = _("You are already a member of %(name)s; your role there is unchanged.") % {
                "name": name
            }
        # This session continues in the organisation just joined; where the user lands at their
        # next login stays their own choice (the switcher).
        self.request.session[SESSION_KEY] = membership.organisation_id
        messages.success(self.request, message)
        return HttpResponseRedirect(reverse("collab:home"))


class MembershipUpdateView(OrgUpdateView):
    model = Membership
    form_class = MembershipRoleForm
    select_related = ("user",)
    required_access = Access.MANAGE
    list_url_name = "collab:membership_list"

    def save(self, form):
        return services.change_role(membership=self.object, role=form.cleaned_data["role"])


class MembershipActivationView(OrganisationAccessMixin, OrgQuerysetMixin, DetailView):
    """Confirm, then deactivate or reactivate a member (administrators): the page says what
    happens, or why it is refused, and the change is made only by the confirming POST."""

    model = Membership
    select_related = ("user",)
    required_access = Access.MANAGE
    template_name = "collab/membership_activation.html"
    title = ""
    question = ""
    button = ""

    def refused(self, membership) -> str | None:
        return None

    def act(self, membership) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": self.title % {"name": self.object},
                "question": self.question,
                "button": self.button,
                "refused": self.refused(self.object),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.act(self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class MembershipDeactivateView(MembershipActivationView):
    title = gettext_lazy("Deactivate %(name)s")
    question = gettext_lazy(
        "The member can no longer open the organisation or its records, and is no longer "
        "offered as an owner or attendee. What they recorded stays, with their name. You can "
        "reactivate them later."
    )
    button = gettext_lazy("Deactivate member")

    def refused(self, membership):
        if not membership.is_active:
            return _("The member is already deactivated.")
        return services.deactivation_refused(membership, by=self.request.user)

    def act(self, membership):
        services.deactivate_member(membership=membership, by=self.request.user)
        return _("%(name)s was deactivated.") % {"name": services.member_name(membership)}


class MembershipReactivateView(MembershipActivationView):
    title = gettext_lazy("Reactivate %(name)s")
    question = gettext_lazy("The member can open the organisation again, with the role they had.")
    button = gettext_lazy("Reactivate member")

    def refused(self, membership):
        return _("The member is active.") if membership.is_active else None

    def act(self, membership):
        services.reactivate_member(membership=membership)
        return _("%(name)s was reactivated.") % {"name": services.member_name(membership)}


class MembershipDeleteView(OrgDeleteView):
    model = Membership
    select_related = ("user",)
    required_access = Access.MANAGE
    list_url_name = "collab:membership_list"

    def refuse_reason(self, obj):
        return services.removal_refused(obj)
