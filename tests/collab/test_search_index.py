"""On PostgreSQL the search of the larger kinds (register, procurements, meetings, activities)
reads their GIN index: the index's expression (the migrations ``0005_search_index`` of
enterprises, ``0003_search_index`` of procurement, ``0004_search_document_text`` of areas) is
the vector ``collab.search`` builds. A change to either that leaves them apart fails here."""

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from areas import search as area_search
from areas.models import Activity, Meeting
from collab import search
from enterprises import search as enterprise_search
from enterprises.models import SocialEnterprise
from procurement import search as procurement_search
from procurement.models import Procurement


@pytest.mark.parametrize(
    "model, title, body, index",
    [
        (
            SocialEnterprise,
            enterprise_search.TITLE,
            enterprise_search.BODY,
            "enterprises_search_swedish",
        ),
        (
            Procurement,
            procurement_search.TITLE,
            procurement_search.BODY,
            "procurement_search_swedish",
        ),
        (
            Meeting,
            area_search.MEETING_TITLE,
            area_search.MEETING_BODY,
            "areas_meeting_search_swedish",
        ),
        (
            Activity,
            area_search.ACTIVITY_TITLE,
            area_search.ACTIVITY_BODY,
            "areas_activity_search_swedish",
        ),
    ],
)
def test_the_search_uses_the_index(db, model, title, body, index):
    if connection.vendor != "postgresql":
        pytest.skip("the index exists on PostgreSQL only")
    # Outside a scope (no organisation filter, whose index could serve the query instead),
    # with table scans discouraged: the plan reads the GIN index if its expression matches.
    with scopes_disabled():
        queryset = search.ranked(model.objects.all(), "lokalvård", title=title, body=body)
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
