"""The seven-area matrix reads every member's stored levels in a constant number of queries:
2 members or 30, as the network's coordinator and as a member."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collab.models import NetworkMembership
from tests.factories import OrganisationFactory
from tests.network.test_matrix_page import store_levels

YEAR = datetime.date.today().year
LEVELS = {YEAR - 1: [0, 1, 2, 3, 4, 1, None], YEAR: [1, 1, 3, 3, 4, 2, 0]}
MAX_QUERIES = 12


def _queries(client, url, *, cached) -> tuple[int, str]:
    """The queries of one reading of the matrix, from the cache or built afresh."""
    if cached:
        client.get(url)
    else:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), "\n".join(q["sql"] for q in captured.captured_queries)


def test_matrix_query_count_does_not_grow_with_the_members(client, world):
    url = reverse("network:area_matrix", kwargs={"network": world.network.slug})
    for organisation in (world.a.organisation, world.b.organisation):
        store_levels(organisation, LEVELS)
    counts = {}
    for user in (world.network_coordinator, world.a.viewer):
        client.force_login(user)
        counts[user.username] = [_queries(client, url, cached=c) for c in (False, True)]
    for number in range(28):
        organisation = OrganisationFactory(
            name=f"Skalby {number:02d} kommun", scb_code=f"03{number + 10:02d}"
        )
        NetworkMembership.objects.create(
            network=world.network,
            organisation=organisation,
            status=NetworkMembership.Status.ACTIVE,
            share_levels=number % 5 != 0,  # some do not share
        )
        store_levels(organisation, LEVELS)
    for user in (world.network_coordinator, world.a.viewer):
        client.force_login(user)
        response = client.get(url)
        assert len(response.context["matrix"].rows) == 30
        counts[user.username] += [_queries(client, url, cached=c) for c in (False, True)]
    for username, (built, cached, built_30, cached_30) in counts.items():
        assert built[0] == built_30[0] <= MAX_QUERIES, f"{username}: {built[0]} → {built_30}"
        assert cached[0] == cached_30[0] <= built[0], f"{username}: {cached[0]} → {cached_30}"
