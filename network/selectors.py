"""What a network may read of its members: only what each member shares (one place).

Every read of a member organisation's data by a network page goes through here. A member
that does not share a kind is "not shared" (never a value); a membership that is not active
shares nothing.
"""

from collab.models import NetworkMembership, Organisation


def memberships(network):
    """The network's active memberships, with their organisations, in name order."""
    return list(
        NetworkMembership.objects.filter(network=network, status=NetworkMembership.Status.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def sharing(network, kind: str) -> list[Organisation]:
    """The active members that share ``kind`` ("figures", "levels", "examples", "documents",
    "contacts") with the network."""
    return [m.organisation for m in memberships(network) if m.shares(kind)]


def shares(network, organisation, kind: str) -> bool:
    return NetworkMembership.objects.filter(
        network=network,
        organisation=organisation,
        status=NetworkMembership.Status.ACTIVE,
        **{f"share_{kind}": True},
    ).exists()


def networks_of(organisation):
    """The networks the organisation is an active member of."""
    from collab.models import Network

    return Network.objects.filter(
        memberships__organisation=organisation,
        memberships__status=NetworkMembership.Status.ACTIVE,
    ).order_by("name")
