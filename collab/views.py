"""Platform pages: home, health check, organisation switcher, organisation and members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from collab import accounts, registry, selectors, services, versioning, walk
from collab.filters import MembershipFilter
from collab.forms import AddMemberForm, MembershipRoleForm, OrganisationForm
from collab.generic import (
    Column,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgUpdateView,
    add_errors,
    add_integrity_error,
)
from collab.middleware import SESSION_KEY
from collab.models import ROLE_HELP, Access, Membership, Organisation, Role


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
            context["figures"] = registry.home_figures(request)
            today = timezone.localdate()
            context["walk"] = walk.walk_status(request.organisation, today)
            context.update(selectors.needs_attention(today))
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
    messages.info(
        request, _("You are now working in %(name)s.") % {"name": membership.organisation.name}
    )
    target = request.POST.get("next") or reverse("collab:home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("collab:home")
    return HttpResponseRedirect(target)


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
        return form

    def get(self, request):
        return self.render_form(self.get_form(request.organisation))

    def post(self, request):
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
            try:
                with transaction.atomic():
                    services.update_organisation(
                        organisation=organisation,
                        name=form.cleaned_data["name"],
                        population=form.cleaned_data["population"],
                        require_two_factor=form.cleaned_data["require_two_factor"],
                    )
            except ValidationError as exc:
                add_errors(form, exc)
                return self.render_form(form)
            except IntegrityError as exc:
                add_integrity_error(form, Organisation, exc)
                return self.render_form(form)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("collab:organisation_detail"))


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
        Column("created_at", gettext_lazy("Member since"), sort="created_at"),
    ]
    default_sort = "user__last_name"
    create_url_name = "collab:membership_create"
    create_access = Access.MANAGE
    export_name = "medlemmar"


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
        return context


class MembershipCreateView(OrgCreateView):
    model = Membership
    form_class = AddMemberForm
    required_access = Access.MANAGE
    list_url_name = "collab:membership_list"

    def save(self, form):
        membership, created = services.add_member(
            organisation=self.request.organisation,
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            role=form.cleaned_data["role"],
            request=self.request,
        )
        if created:
            self.success_message = _(
                "The account was created and an invitation with a link to choose a password "
                "was sent to %(email)s."
            ) % {"email": membership.user.email}
        else:
            self.success_message = _("%(name)s was added to the organisation.") % {
                "name": membership.user.get_full_name() or membership.user.email
            }
        return membership

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs


class MembershipUpdateView(OrgUpdateView):
    model = Membership
    form_class = MembershipRoleForm
    select_related = ("user",)
    required_access = Access.MANAGE
    list_url_name = "collab:membership_list"

    def save(self, form):
        return services.change_role(membership=self.object, role=form.cleaned_data["role"])


class MembershipDeleteView(OrgDeleteView):
    model = Membership
    select_related = ("user",)
    required_access = Access.MANAGE
    list_url_name = "collab:membership_list"

    def refuse_reason(self, obj):
        return services.removal_refused(obj)
