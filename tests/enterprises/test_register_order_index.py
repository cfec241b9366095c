"""The register's first page is read in Swedish alphabetical order from an index, not sorted
whole (on SQLite every comparison of the collation is a Python call)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SocialEnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_register_list_is_read_in_order_from_the_index(client, world):
    for name in ["Örtagården", "Ängsbacken", "Åkeriet", "Zebra"]:
        SocialEnterpriseFactory(organisation=world.a.organisation, name=name)
    client.force_login(world.a.viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("enterprises:socialenterprise_list"))
    names = [e.name for e in response.context["object_list"]]
    assert names == ["Zebra", "Åkeriet", "Ängsbacken", "Örtagården"]
    (page,) = [
        q["sql"]
        for q in queries.captured_queries
        if "ORDER BY" in q["sql"]
        and q["sql"].startswith('SELECT "enterprises_socialenterprise"."id"')
    ]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + page)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "enterprise_org_name_swedish" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
