"""The network's own pages: the list of the user's networks and a network's overview."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from collab.models import Access, Network, NetworkMembership
from network import selectors
from network.access import NetworkAccessMixin


class NetworkListView(LoginRequiredMixin, TemplateView):
    """The networks the user coordinates and those their organisation is a member of (or is
    invited to)."""

    template_name = "network/network_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        coordinated = Network.objects.all() if user.is_superuser else user.coordinated_networks
        context["coordinated"] = list(coordinated.order_by("name"))
        organisation = getattr(self.request, "organisation", None)
        context["memberships"] = (
            list(
                NetworkMembership.objects.filter(
                    organisation=organisation,
                    status__in=[NetworkMembership.Status.ACTIVE, NetworkMembership.Status.INVITED],
                )
                .select_related("network")
                .order_by("network__name")
            )
            if organisation is not None
            else []
        )
        membership = getattr(self.request, "membership", None)
        context["can_answer"] = membership is not None and membership.access >= Access.MANAGE
        return context


class NetworkOverviewView(NetworkAccessMixin, TemplateView):
    """A network's start page: its members, what each shares, and its parts."""

    template_name = "network/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.memberships(self.network)
        context["share_kinds"] = NetworkMembership.SHARE_KINDS
        context["invitations"] = selectors.invitations(self.network) if self.is_coordinator else []
        return context
