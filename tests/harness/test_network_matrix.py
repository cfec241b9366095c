"""The network matrix: who may open every network page (``/natverk/<network>/...``).

For every URL whose view is built on ``network.access.NetworkAccessMixin``: anonymous users
log in; users outside the network (no organisation, a non-member organisation, an invited
organisation that has not accepted, another network's coordinator) get 404 and change nothing;
the network's coordinator opens the coordinator's pages and members open the members' pages
with the role the view requires (a weaker role gets 403); an object of another network under
this network's URL is a 404. ``tests/factories/network.py`` makes the objects."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from collab.models import Access, NetworkMembership
from network.access import BOTH, COORDINATOR, MEMBER
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.factories.network import NETWORK_FACTORIES
from tests.harness.urls_matrix import network_routes

ROUTES = network_routes()
POST_DATA = {"title": "x", "name": "x", "status": "active", "text": "x"}


def _make(route, network, organisation):
    if not route.needs_object:
        return None
    return NETWORK_FACTORIES[route.model](network, organisation)


def _url(route, network, obj=None):
    kwargs = route.kwargs(obj) or {}
    kwargs["network"] = network.slug
    return reverse(route.name, kwargs=kwargs)


def _snapshot(obj):
    if obj is None:
        return None
    fresh = type(obj)._base_manager.filter(pk=obj.pk).first()
    return model_to_dict(fresh) if fresh is not None else None


def _denied(client, route, url, obj, status):
    """GET and POST answer ``status`` (405 for a GET of a POST-only page) and change nothing."""
    before = _snapshot(obj)
    get_status = client.get(url).status_code
    assert get_status == status or (get_status == 405 and not route.allows_get), (
        route,
        get_status,
    )
    assert client.post(url, POST_DATA).status_code == status, route
    assert _snapshot(obj) == before, f"{route}: a denied POST changed the row"


def test_network_pages_exist():
    assert ROUTES, "no network pages found"


def test_every_network_object_model_has_a_maker():
    models = {r.model for r in ROUTES if r.needs_object}
    missing = sorted(m.__name__ for m in models if m not in NETWORK_FACTORIES)
    assert not missing, f"Add a maker to tests/factories/network.py for: {missing}"


def _outsiders(world):
    """Users outside the network: another network's coordinator, a non-member organisation's
    administrator, and an invited organisation's administrator (not yet accepted)."""
    from collab.models import Membership, Role

    other_network = NetworkFactory(name="Ett annat nätverk")
    other_coordinator = UserFactory(username="other-network-coordinator")
    other_network.coordinators.add(other_coordinator)
    stranger = OrganisationFactory(name="Främlingsby kommun")
    stranger_admin = UserFactory(username="stranger-admin")
    Membership.objects.create(organisation=stranger, user=stranger_admin, role=Role.ADMINISTRATOR)
    invited = OrganisationFactory(name="Inbjudenby kommun")
    invited_admin = UserFactory(username="invited-admin")
    Membership.objects.create(organisation=invited, user=invited_admin, role=Role.ADMINISTRATOR)
    NetworkMembership.objects.create(
        network=world.network,
        organisation=invited,
        status=NetworkMembership.Status.INVITED,
        share_figures=True,
        share_levels=True,
        share_examples=True,
    )
    return (world.outsider, other_coordinator, stranger_admin, invited_admin)


# One test per page runs every role in turn (a fresh world per page, not per role: the
# matrix is the suite's largest).
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_role_on_every_network_page(client, world, route):
    obj = _make(route, world.network, world.a.organisation)
    url = _url(route, world.network, obj)

    # Anonymous: to the login page.
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, route
        assert response["Location"].startswith(reverse("login")), route

    # Outside the network: 404, and nothing changes.
    for user in _outsiders(world):
        client.force_login(user)
        _denied(client, route, url, obj, 404)

    # The network's coordinator: the coordinator's and shared pages; members' pages are 404.
    client.force_login(world.network_coordinator)
    if route.audience == MEMBER:
        _denied(client, route, url, obj, 404)
    elif route.allows_get:
        assert client.get(url).status_code == 200, route

    # A member with the role the page needs; the coordinator's pages are 404 for members.
    client.force_login(world.a.user_for(route.member_access))
    if route.audience == COORDINATOR:
        _denied(client, route, url, obj, 404)
    elif route.allows_get:
        assert client.get(url).status_code == 200, route

    # A member with a weaker role: 403 on writes, nothing changes.
    if route.audience in (BOTH, MEMBER) and route.member_access > Access.READ:
        weaker = world.a.viewer if route.member_access == Access.EDIT else world.a.coordinator
        client.force_login(weaker)
        _denied(client, route, url, obj, 403)

    # Another network's object under this network's URL: 404.
    if route.needs_object:
        other_network = NetworkFactory(name="Grannätverket")
        NetworkMembership.objects.create(
            network=other_network,
            organisation=world.a.organisation,
            status=NetworkMembership.Status.ACTIVE,
            share_figures=True,
            share_levels=True,
            share_examples=True,
        )
        foreign = _make(route, other_network, world.a.organisation)
        user = world.network_coordinator if route.audience != MEMBER else world.a.admin
        client.force_login(user)
        _denied(client, route, _url(route, world.network, foreign), foreign, 404)
