"""Every network page issues the same number of queries with 3 and with 8 members, each
sharing everything and each with an object of every kind the network shows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collab.models import NetworkMembership
from network.access import MEMBER
from tests.factories import OrganisationFactory
from tests.factories.network import NETWORK_FACTORIES
from tests.harness.urls_matrix import network_routes

PAGES = [r for r in network_routes() if not r.needs_object and r.allows_get]


def _add_members(network, count):
    for _ in range(count):
        organisation = OrganisationFactory(population=12_000)
        NetworkMembership.objects.create(
            network=network,
            organisation=organisation,
            status=NetworkMembership.Status.ACTIVE,
            **{name: True for name, _label in NetworkMembership.SHARE_KINDS},
        )
        for make in NETWORK_FACTORIES.values():
            make(network, organisation)


def _count(client, url):
    client.get(url)  # the first reading stores what is missing (yearly figures, levels)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_network_page_query_count_does_not_grow_with_members(client, world, route):
    user = world.a.admin if route.audience == MEMBER else world.network_coordinator
    client.force_login(user)
    url = reverse(route.name, kwargs={**(route.kwargs() or {}), "network": world.network.slug})
    _add_members(world.network, 1)
    few, _sql = _count(client, url)
    _add_members(world.network, 5)
    many, sql = _count(client, url)
    assert few == many, (
        f"{route}: {few} queries with 3 members, {many} with 8 (N+1?).\n" + "\n".join(sql)
    )
