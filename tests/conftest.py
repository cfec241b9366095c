"""The ``world``: two organisations with data in both and a user for every role in each."""

from dataclasses import dataclass

import pytest
from django_scopes import scopes_disabled

from collab.models import Membership, Role
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)


@dataclass
class Side:
    organisation: object
    admin: object
    coordinator: object
    viewer: object

    def user_for(self, access: int):
        from collab.models import Access

        return {Access.READ: self.viewer, Access.EDIT: self.coordinator}.get(access, self.admin)


@dataclass
class World:
    a: Side
    b: Side
    network_coordinator: object
    outsider: object
    network: object


def _side(name: str, slug: str, code: str) -> Side:
    organisation = OrganisationFactory(name=name, slug=slug, scb_code=code)
    users = {}
    for role, key in [
        (Role.ADMINISTRATOR, "admin"),
        (Role.COORDINATOR, "coordinator"),
        (Role.VIEWER, "viewer"),
    ]:
        user = UserFactory(username=f"{key}-{slug}")
        MembershipFactory(organisation=organisation, user=user, role=role)
        users[key] = user
    return Side(organisation=organisation, **users)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files (governing documents) go to a temporary directory, never DATA_DIR."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db) -> World:
    a = _side("Alfastads kommun", "alfastad", "0114")
    b = _side("Betaby kommun", "betaby", "2580")
    network = NetworkFactory(name="Testnätverket")
    network.organisations.add(a.organisation, b.organisation)
    network_coordinator = UserFactory(username="network-coordinator")
    network.coordinators.add(network_coordinator)
    outsider = UserFactory(username="outsider")
    return World(
        a=a, b=b, network_coordinator=network_coordinator, outsider=outsider, network=network
    )


@pytest.fixture
def login(client):
    """Log ``client`` in as a user; returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield


def memberships_of(organisation):
    with scopes_disabled():
        return list(Membership.objects.filter(organisation=organisation))


__all__ = ["PASSWORD", "memberships_of"]
