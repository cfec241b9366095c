"""Who may open a network's pages (one place).

A network page is ``/natverk/<network>/...``. The viewer is one of:

- the network's **coordinator** (``Network.coordinators``; a platform superuser counts as one):
  reads every page of the network and runs it (invites, curates, confirms mentors, sends
  questionnaires, runs programmes); never opens a member's own records;
- a **member**: a user whose active organisation is an active member of the network; reads
  what members share, and writes for their own organisation as their role allows
  (``Access.EDIT`` to publish, answer and submit; ``Access.MANAGE`` to accept, leave and choose
  what is shared).

Anyone else gets 404: the network does not exist for them. A view declares who may open it
(``audience``) and, for members, the access its writes need (``member_access``).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from collab.models import Access, Network, NetworkMembership

COORDINATOR = "coordinator"
MEMBER = "member"
BOTH = "both"


class NetworkAccessMixin:
    """Resolves ``self.network`` from the URL and checks the viewer.

    ``audience``: ``BOTH`` (coordinator and members), ``COORDINATOR`` or ``MEMBER``.
    ``member_access``: the member's role's access a request needs (READ for pages, EDIT or
    MANAGE for their writes); too little is 403, as on organisation pages."""

    audience = BOTH
    member_access = Access.READ

    def dispatch(self, request, *args, **kwargs):
        self.network = get_object_or_404(Network, slug=kwargs["network"])
        self.is_coordinator = is_coordinator(request.user, self.network)
        self.membership = member_of(request, self.network)
        allowed = (self.is_coordinator and self.audience in (BOTH, COORDINATOR)) or (
            self.membership is not None and self.audience in (BOTH, MEMBER)
        )
        if not allowed:
            raise Http404(_("No such network."))
        if not self.is_coordinator or self.audience == MEMBER:
            if request.membership.access < self.member_access:
                raise PermissionDenied(_("Your role does not allow this."))
        return super().dispatch(request, *args, **kwargs)

    @property
    def viewer_organisation(self):
        """The member organisation the viewer acts for (None for the coordinator)."""
        return self.membership.organisation if self.membership is not None else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        context["is_network_coordinator"] = self.is_coordinator
        context["network_membership"] = self.membership
        context["viewer_organisation"] = self.viewer_organisation
        membership = getattr(self.request, "membership", None)
        context["can_edit"] = membership is not None and membership.access >= Access.EDIT
        context["can_manage"] = membership is not None and membership.access >= Access.MANAGE
        return context


def is_coordinator(user, network) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return network.coordinators.filter(pk=user.pk).exists()


def member_of(request, network) -> NetworkMembership | None:
    """The active membership of the viewer's active organisation in ``network``, if any."""
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    return NetworkMembership.objects.filter(
        network=network, organisation=organisation, status=NetworkMembership.Status.ACTIVE
    ).first()
