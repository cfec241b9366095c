"""Membership and consent pages: a superuser creates a network, its coordinators invite and
remove members, an organisation's administrator answers an invitation, chooses what to share
and leaves; members read the governing documents the others share."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from collab.models import Access, Network, NetworkMembership
from collab.selectors import history_for
from network import membership as services
from network import selectors
from network.access import COORDINATOR, MEMBER, NetworkAccessMixin
from network.member_forms import InviteForm, NetworkForm, PopulationForm, SharingForm
from network.models import ReferenceOrganisation
from network.population import save_population

# What exactly the network and its other members see when a member shares each kind.
SHARE_EXPLANATIONS = {
    "share_figures": gettext_lazy(
        "The network coordinator and the other members see your yearly figures (the follow-up "
        "indicators, e.g. the number of social enterprises and the spend with them) for each "
        "year, next to your organisation's name, in the network's comparison."
    ),
    "share_levels": gettext_lazy(
        "They see your level (0–4) in each of the seven areas and its change since last year, "
        "in the network's matrix and in suggested mentor pairs; not the reasons, the checklist "
        "or the records behind the levels."
    ),
    "share_examples": gettext_lazy(
        "They see the good examples you choose to publish to the network, and only those."
    ),
    "share_documents": gettext_lazy(
        "They see the title, kind, adopting body, adoption date and case number of your "
        "adopted governing documents; not drafts and not the files."
    ),
    "share_contacts": gettext_lazy(
        "They see the name and e-mail address of the contact person you give here."
    ),
}
NOTHING_ELSE = gettext_lazy(
    "Nothing else of your organisation is visible to the network: not the register of social "
    "enterprises, procurements, partnerships, meetings or anything you have not ticked here. "
    "You can change this at any time."
)


def share_rows(membership) -> list[dict]:
    """Each kind with its label, whether it is shared and what the others then see."""
    return [
        {
            "field": name,
            "label": label,
            "shared": getattr(membership, name),
            "explanation": SHARE_EXPLANATIONS[name],
        }
        for name, label in NetworkMembership.SHARE_KINDS
    ]


def _sharing_form_context(form) -> dict:
    """The form's fields in the kinds' order, each with what the others see."""
    return {
        "form": form,
        "share_fields": [
            (form[name], SHARE_EXPLANATIONS[name]) for name, _label in NetworkMembership.SHARE_KINDS
        ],
        "nothing_else": NOTHING_ELSE,
    }


# --- a platform superuser: the network itself ----------------------------------------------


class SuperuserOnlyMixin:
    """Platform superusers only; anyone else: the page does not exist (404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise Http404(_("No such page."))
        return super().dispatch(request, *args, **kwargs)


class NetworkFormView(SuperuserOnlyMixin, View):
    template_name = "generic/form.html"

    def get_network(self):
        if "network" in self.kwargs:
            return get_object_or_404(Network, slug=self.kwargs["network"])
        return Network()

    def render_form(self, form, network):
        title = _("Edit %(name)s") % {"name": network.name} if network.pk else _("New network")
        cancel = network.get_absolute_url() if network.pk else reverse("network:list")
        return render(
            self.request,
            self.template_name,
            {"form": form, "title": title, "cancel_url": cancel},
        )

    def get(self, request, **kwargs):
        network = self.get_network()
        return self.render_form(NetworkForm(instance=network), network)

    def post(self, request, **kwargs):
        network = self.get_network()
        form = NetworkForm(request.POST, instance=network)
        if not form.is_valid():
            return self.render_form(form, network)
        created = network.pk is None
        network = services.save_network(
            network=form.save(commit=False), coordinators=form.cleaned_data["coordinators"]
        )
        messages.success(
            request,
            (_("The network %(name)s was created.") if created else _("%(name)s was saved."))
            % {"name": network.name},
        )
        return HttpResponseRedirect(network.get_absolute_url())


# --- the network's coordinator: members and invitations ------------------------------------


class MemberListView(NetworkAccessMixin, TemplateView):
    """Every organisation ever invited, with its status."""

    audience = COORDINATOR
    template_name = "network/members.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["all_memberships"] = selectors.all_memberships(self.network)
        return context


class InviteView(NetworkAccessMixin, TemplateView):
    """Search the reference list of 290 kommuner and 21 regioner and invite one."""

    audience = COORDINATOR
    template_name = "network/invite.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        taken = NetworkMembership.objects.filter(
            network=self.network,
            status__in=[NetworkMembership.Status.ACTIVE, NetworkMembership.Status.INVITED],
        ).values("organisation__scb_code")
        references = ReferenceOrganisation.objects.exclude(scb_code__in=taken)
        if query:
            references = references.filter(Q(name__icontains=query) | Q(scb_code__startswith=query))
        context["query"] = query
        context["references"] = list(references.order_by("kind", "name")[:50])
        context["more"] = references.count() > 50
        return context

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("reference", [])))
            return HttpResponseRedirect(request.path)
        try:
            membership = services.invite(
                network=self.network, reference=form.cleaned_data["reference"], user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("%(name)s was invited. Its administrator in Samverka answers the invitation.")
            % {"name": membership.organisation.name},
        )
        return HttpResponseRedirect(
            reverse("network:members", kwargs={"network": self.network.slug})
        )


class MemberRemoveView(NetworkAccessMixin, TemplateView):
    """Confirm, then withdraw an invitation or remove a member."""

    audience = COORDINATOR
    model = NetworkMembership
    template_name = "network/member_remove.html"

    def get_object(self):
        return get_object_or_404(
            NetworkMembership.objects.select_related("organisation"),
            network=self.network,
            pk=self.kwargs["pk"],
            status__in=[NetworkMembership.Status.ACTIVE, NetworkMembership.Status.INVITED],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        outcome = services.remove(membership=obj, user=request.user)
        name = obj.organisation.name
        messages.success(
            request,
            (
                _("The invitation to %(name)s was withdrawn.")
                if outcome == "withdrawn"
                else _("%(name)s is no longer a member.")
            )
            % {"name": name},
        )
        return HttpResponseRedirect(
            reverse("network:members", kwargs={"network": self.network.slug})
        )


# --- an invited organisation's administrator: the answer ------------------------------------


class InvitationAnswerView(View):
    """An invitation to the viewer's organisation: accept (choosing what to share) or decline.
    Only the organisation's administrators answer (others: 403); another organisation's
    invitation does not exist (404)."""

    template_name = "network/invitation_answer.html"

    def dispatch(self, request, *args, **kwargs):
        membership = getattr(request, "membership", None)
        if membership is None or membership.access < Access.MANAGE:
            raise PermissionDenied(_("Only the organisation's administrators answer invitations."))
        self.object = get_object_or_404(
            NetworkMembership.objects.select_related("network", "organisation"),
            pk=kwargs["pk"],
            organisation=request.organisation,
            status=NetworkMembership.Status.INVITED,
        )
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form):
        context = {"invitation": self.object, "network": self.object.network}
        context.update(_sharing_form_context(form))
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render_form(SharingForm(instance=self.object, prefix="consent"))

    def post(self, request, *args, **kwargs):
        network = self.object.network
        if "decline" in request.POST:
            services.decline(membership=self.object, user=request.user)
            messages.success(
                request, _("You declined the invitation to %(name)s.") % {"name": network.name}
            )
            return HttpResponseRedirect(reverse("network:list"))
        form = SharingForm(request.POST, instance=self.object, prefix="consent")
        if not form.is_valid():
            return self.render_form(form)
        services.accept(membership=self.object, user=request.user, sharing=form.sharing())
        messages.success(
            request, _("Your organisation is now a member of %(name)s.") % {"name": network.name}
        )
        return HttpResponseRedirect(network.get_absolute_url())


# --- a member: what it shares, and leaving --------------------------------------------------


class SharingView(NetworkAccessMixin, TemplateView):
    """What the viewer's organisation shares with the network, and the history of changes
    (read-only; the administrators change it)."""

    audience = MEMBER
    template_name = "network/sharing.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["share_rows"] = share_rows(self.membership)
        context["nothing_else"] = NOTHING_ELSE
        context["history"] = history_for(self.membership)
        return context


class SharingUpdateView(NetworkAccessMixin, TemplateView):
    audience = MEMBER
    member_access = Access.MANAGE
    template_name = "network/sharing_form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_sharing_form_context(form or SharingForm(instance=self.membership)))
        return context

    def post(self, request, *args, **kwargs):
        form = SharingForm(request.POST, instance=self.membership)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.change_sharing(membership=self.membership, sharing=form.sharing())
        messages.success(request, _("What you share with the network was saved."))
        return HttpResponseRedirect(
            reverse("network:sharing", kwargs={"network": self.network.slug})
        )


class LeaveView(NetworkAccessMixin, TemplateView):
    audience = MEMBER
    member_access = Access.MANAGE
    template_name = "network/leave.html"

    def post(self, request, *args, **kwargs):
        services.leave(membership=self.membership, user=request.user)
        messages.success(
            request, _("Your organisation has left %(name)s.") % {"name": self.network.name}
        )
        return HttpResponseRedirect(reverse("network:list"))


# --- every member and the coordinator: shared governing documents ---------------------------


class DocumentListView(NetworkAccessMixin, TemplateView):
    """The adopted governing documents of the members that share them."""

    template_name = "network/documents.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = selectors.shared_documents(self.network)
        return context


# --- the network's coordinator: the members' populations (dated data) -----------------------


class PopulationView(NetworkAccessMixin, TemplateView):
    """The members' dated populations (from the reference list), and a form to add one."""

    audience = COORDINATOR
    template_name = "network/populations.html"

    def member_references(self):
        codes = NetworkMembership.objects.filter(
            network=self.network,
            status__in=[NetworkMembership.Status.ACTIVE, NetworkMembership.Status.INVITED],
        ).values("organisation__scb_code")
        return ReferenceOrganisation.objects.filter(scb_code__in=codes).order_by("name")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        references = self.member_references().prefetch_related("populations")
        context["references"] = references
        context["form"] = form or PopulationForm(references=self.member_references())
        return context

    def post(self, request, *args, **kwargs):
        form = PopulationForm(request.POST, references=self.member_references())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        save_population(
            reference=data["reference"],
            date=data["date"],
            inhabitants=data["inhabitants"],
            source=data["source"],
        )
        messages.success(
            request,
            _("The population of %(name)s was saved.") % {"name": data["reference"].name},
        )
        return HttpResponseRedirect(request.path)
