"""Every list and detail page issues the same number of queries with 1 and with 10 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from collab.generic import OrgDetailView, OrgListView
from tests.factories import OWNED_FACTORIES
from tests.harness.urls_matrix import generic_routes

LISTS = [r for r in generic_routes() if issubclass(r.view_class, OrgListView)]
DETAILS = [r for r in generic_routes() if issubclass(r.view_class, OrgDetailView)]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def _assert_same(first, second, what):
    (n1, _sql1), (n10, sql10) = first, second
    assert n1 == n10, (
        f"{what}: {n1} queries with 1 row, {n10} with 10 rows (N+1?).\n"
        "--- with 10 rows:\n" + "\n".join(sql10)
    )


@pytest.mark.parametrize("route", LISTS, ids=str)
def test_list_query_count_does_not_grow(client, world, route):
    make = OWNED_FACTORIES[route.model]
    organisation = world.b.organisation
    client.force_login(world.b.admin)
    url = reverse(route.name)
    make(organisation)
    first = _count(client, url)
    for _ in range(9):
        make(organisation)
    second = _count(client, url)
    _assert_same(first, second, route.name)


@pytest.mark.parametrize("route", DETAILS, ids=str)
def test_detail_query_count_does_not_grow_with_history(client, world, route):
    obj = OWNED_FACTORIES[route.model](world.b.organisation)
    client.force_login(world.b.admin)
    url = reverse(route.name, kwargs={"pk": obj.pk})
    first = _count(client, url)
    with scopes_disabled():
        for _ in range(9):
            obj.save()
    second = _count(client, url)
    _assert_same(first, second, route.name)


def test_member_list_pins_its_query_count(client, world):
    """The hot member list: session, user, the user's memberships, count, one page of rows,
    and (for an administrator) the number of invitations awaiting an answer."""
    client.force_login(world.a.admin)
    n, sql = _count(client, reverse("collab:membership_list"))
    assert n == 6, "\n".join(sql)
