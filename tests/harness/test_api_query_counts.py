"""Every API list's query count is the same with 1 and with 4 rows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OWNED_FACTORIES
from tests.factories.api import api_key_for, bearer
from tests.harness.urls_matrix import api_routes

LISTS = [r for r in api_routes() if r.model is not None and not r.needs_object]


def _count(client, url, secret) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **bearer(secret))
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("route", LISTS, ids=str)
def test_api_list_query_count_does_not_grow(client, world, route):
    organisation = world.a.organisation
    _key, secret = api_key_for(organisation)
    url = reverse(route.name, kwargs=route.kwargs())
    make = OWNED_FACTORIES[route.model]
    make(organisation)
    client.get(url, **bearer(secret))  # warm: the key's "last used" is written once a minute
    few, _ = _count(client, url, secret)
    for _ in range(3):
        make(organisation)
    many, sql = _count(client, url, secret)
    assert many == few, f"{route}: {few} queries with 1 row, {many} with 4:\n" + "\n".join(sql)
