"""On PostgreSQL the search of the large kinds (register, procurements) reads their GIN index:
the index's expression (the ``search_index`` migrations) is the vector ``collab.search``
builds. A change to either that leaves them apart fails here."""

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from collab import search
from enterprises import search as enterprise_search
from enterprises.models import SocialEnterprise
from procurement import search as procurement_search
from procurement.models import Procurement


@pytest.mark.parametrize(
    "model, fields, index",
    [
        (SocialEnterprise, enterprise_search, "enterprises_search_swedish"),
        (Procurement, procurement_search, "procurement_search_swedish"),
    ],
)
def test_the_search_uses_the_index(db, model, fields, index):
    if connection.vendor != "postgresql":
        pytest.skip("the index exists on PostgreSQL only")
    # Outside a scope (no organisation filter, whose index could serve the query instead),
    # with table scans discouraged: the plan reads the GIN index if its expression matches.
    with scopes_disabled():
        queryset = search.ranked(
            model.objects.all(), "lokalvård", title=fields.TITLE, body=fields.BODY
        )
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
