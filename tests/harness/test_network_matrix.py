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


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_anonymous_is_sent_to_login(client, world, route):
    url = _url(route, world.network, _make(route, world.network, world.a.organisation))
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, route
        assert response["Location"].startswith(reverse("login")), route


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_outsiders_get_404_and_change_nothing(client, world, route):
    obj = _make(route, world.network, world.a.organisation)
    url = _url(route, world.network, obj)
    other_network = NetworkFactory(name="Ett annat nätverk")
    other_coordinator = UserFactory(username="other-network-coordinator")
    other_network.coordinators.add(other_coordinator)
    stranger = OrganisationFactory(name="Främlingsby kommun")
    stranger_admin = UserFactory(username="stranger-admin")
    from collab.models import Membership, Role

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
    for user in (world.outsider, other_coordinator, stranger_admin, invited_admin):
        client.force_login(user)
        _denied(client, route, url, obj, 404)


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_network_coordinator(client, world, route):
    obj = _make(route, world.network, world.a.organisation)
    url = _url(route, world.network, obj)
    client.force_login(world.network_coordinator)
    if route.audience == MEMBER:
        _denied(client, route, url, obj, 404)
    elif route.allows_get:
        assert client.get(url).status_code == 200, route


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_member_with_the_required_role(client, world, route):
    obj = _make(route, world.network, world.a.organisation)
    url = _url(route, world.network, obj)
    client.force_login(world.a.user_for(route.member_access))
    if route.audience == COORDINATOR:
        _denied(client, route, url, obj, 404)
    elif route.allows_get:
        assert client.get(url).status_code == 200, route


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.audience in (BOTH, MEMBER) and r.member_access > Access.READ],
    ids=str,
)
def test_member_with_a_weaker_role_gets_403(client, world, route):
    obj = _make(route, world.network, world.a.organisation)
    url = _url(route, world.network, obj)
    weaker = world.a.viewer if route.member_access == Access.EDIT else world.a.coordinator
    client.force_login(weaker)
    _denied(client, route, url, obj, 403)


@pytest.mark.parametrize("route", [r for r in ROUTES if r.needs_object], ids=str)
def test_another_networks_object_is_404(client, world, route):
    other_network = NetworkFactory(name="Grannätverket")
    NetworkMembership.objects.create(
        network=other_network,
        organisation=world.a.organisation,
        status=NetworkMembership.Status.ACTIVE,
        share_figures=True,
        share_levels=True,
        share_examples=True,
    )
    obj = _make(route, other_network, world.a.organisation)
    url = _url(route, world.network, obj)  # this network's URL, the other network's object
    user = world.network_coordinator if route.audience != MEMBER else world.a.admin
    client.force_login(user)
    _denied(client, route, url, obj, 404)
