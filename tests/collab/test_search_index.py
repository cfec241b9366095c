"""On PostgreSQL the search of the larger kinds (register, procurements, meetings, activities)
reads their GIN index: for the register and procurements, the index on the stored vector
(their ``search_document`` migrations), which ``collab.search`` reads; for meetings and
activities, an index on the expression (``0005_search_document_text`` of areas), which must be
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
            "enterprises_socialenterprise_search_document",
        ),
        (
            Procurement,
            procurement_search.TITLE,
            procurement_search.BODY,
            "procurement_procurement_search_document",
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


# --- SQLite: the trigram full-text index of the large kinds (collab.search_index) ----------


def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the trigram index exists on SQLite only")


def found(model, query, title, body):
    with scopes_disabled():
        return set(
            search.ranked(model.objects.all(), query, title=title, body=body).values_list(
                "name" if model is SocialEnterprise else "title", flat=True
            )
        )


def enterprises_found(query):
    return found(SocialEnterprise, query, enterprise_search.TITLE, enterprise_search.BODY)


def test_sqlite_looks_words_up_in_the_index_and_short_ones_in_the_table(db):
    sqlite_only()
    from collab import search_index

    index = search_index.index_for(
        SocialEnterprise, [enterprise_search.TITLE, *enterprise_search.BODY]
    )
    assert index is not None
    with scopes_disabled():
        long_query = search.ranked(
            SocialEnterprise.objects.all(),
            "lokalvård",
            title=enterprise_search.TITLE,
            body=enterprise_search.BODY,
        )
        short_query = search.ranked(
            SocialEnterprise.objects.all(),
            "lo vård",
            title=enterprise_search.TITLE,
            body=enterprise_search.BODY,
        )
    assert f'"{index.table}" MATCH' in str(long_query.query)
    assert "MATCH" not in str(short_query.query)


def test_sqlite_index_finds_what_the_scan_finds_and_follows_every_write(db):
    sqlite_only()
    from tests.factories.enterprises import SocialEnterpriseFactory

    first = SocialEnterpriseFactory(name="ÖSTRA LOKALVÅRDEN ek. för.", offer="Städ")
    SocialEnterpriseFactory(name="Café Ängen", offer="Lunch och lokalvård", notes="Ö-vik")
    SocialEnterpriseFactory(name="Snickeriet", offer="Möbler")
    # Any case, Swedish letters, part of a word, every word somewhere in the fields.
    assert enterprises_found("lokalvård") == {"ÖSTRA LOKALVÅRDEN ek. för.", "Café Ängen"}
    assert enterprises_found("ÄNGEN lunch") == {"Café Ängen"}
    assert enterprises_found("ängen möbler") == set()
    assert enterprises_found('"östra"') == set()  # quotes are text, never FTS5 syntax
    # An update (save and QuerySet.update), a bulk insert and a delete are seen at once.
    first.name = "Västra städet"
    first.save()
    assert enterprises_found("lokalvård") == {"Café Ängen"}
    with scopes_disabled():
        SocialEnterprise.objects.filter(name="Snickeriet").update(offer="Lokalvård i trapphus")
        SocialEnterprise.objects.bulk_create(
            [SocialEnterprise(organisation=first.organisation, name="Lokalvårdarna", org_number="")]
        )
        SocialEnterprise.objects.filter(name="Café Ängen").delete()
    assert enterprises_found("lokalvård") == {"Snickeriet", "Lokalvårdarna"}


def test_sqlite_index_is_rebuilt_when_a_migration_dropped_its_triggers(db):
    sqlite_only()
    from collab import search_index
    from tests.factories.enterprises import SocialEnterpriseFactory

    index = search_index.index_for(
        SocialEnterprise, [enterprise_search.TITLE, *enterprise_search.BODY]
    )
    # A migration that rebuilds the table on SQLite drops the table's triggers with it.
    with connection.cursor() as cursor:
        for suffix in ("_ai", "_ad", "_au"):
            cursor.execute(f'DROP TRIGGER "{index.table}{suffix}"')
    SocialEnterpriseFactory(name="Trädgårdsgruppen")
    assert enterprises_found("trädgård") == set()  # written while the index was not kept
    search_index.ensure_indexes()  # runs after every migrate (post_migrate)
    assert enterprises_found("trädgård") == {"Trädgårdsgruppen"}
    SocialEnterpriseFactory(name="Trädgårdslaget")
    assert enterprises_found("trädgård") == {"Trädgårdsgruppen", "Trädgårdslaget"}


def test_sqlite_procurements_are_found_through_their_index(db):
    sqlite_only()
    from tests.factories.procurement import ProcurementFactory

    ProcurementFactory(title="Lokalvård av skolor", reference="2026/0077", description="")
    ProcurementFactory(title="Catering", reference="2026/0078", description="Även LOKALVÅRD")
    ProcurementFactory(title="Snöröjning", reference="2026/0079", description="")
    assert found(Procurement, "lokalvård", procurement_search.TITLE, procurement_search.BODY) == {
        "Lokalvård av skolor",
        "Catering",
    }
    assert found(Procurement, "2026/0079", procurement_search.TITLE, procurement_search.BODY) == {
        "Snöröjning"
    }
