"""Helpers of the mentor and programme tests: members with stored levels, a third member."""

from django.utils import timezone
from django_scopes import scopes_disabled

from areas.figures import level_key
from collab.models import Membership, NetworkMembership, Role, YearlyFigure
from tests.factories import OrganisationFactory, UserFactory

FRESH = 10**12  # a stored row's records version newer than any change: read as it is


def set_levels(organisation, levels: dict[int, int], year=None) -> None:
    """Store ``organisation``'s seven-area levels for ``year`` (this year): ``{area: level}``,
    the other areas 0 — as the yearly figures hold them."""
    today = timezone.localdate()
    year = year or today.year
    with scopes_disabled():
        for area in range(1, 8):
            YearlyFigure.objects.update_or_create(
                organisation=organisation,
                key=level_key(area),
                year=year,
                defaults={
                    "value": levels.get(area, 0),
                    "version": FRESH,
                    "computed_at": timezone.now(),
                    "computed_on": today,
                },
            )


def add_member(network, name: str, slug: str, *, share_levels=True):
    """A third active member with a coordinator (EDIT) and a viewer; returns (org, users)."""
    organisation = OrganisationFactory(name=name, slug=slug)
    NetworkMembership.objects.create(
        network=network,
        organisation=organisation,
        status=NetworkMembership.Status.ACTIVE,
        share_figures=True,
        share_levels=share_levels,
    )
    users = {}
    for role, key in [(Role.COORDINATOR, "coordinator"), (Role.VIEWER, "viewer")]:
        user = UserFactory(username=f"{key}-{slug}")
        with scopes_disabled():
            Membership.objects.create(organisation=organisation, user=user, role=role)
        users[key] = user
    return organisation, users
