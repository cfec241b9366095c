"""The spend page's year list and the supplier-payment import, at scale: the year list is one
query that calls no Python function per payment on SQLite (it grew with the data) and lists
exactly the years that have payments; the import writes with COPY on PostgreSQL and matches with
one join, so the stored text must be exactly the file's and the match the organisation's own."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import ScopeError, scope, scopes_disabled

from enterprises.orgnr import complete_with_check_digit
from procurement import spend
from procurement.models import SpendImport, SupplierPayment
from tests.factories import SocialEnterpriseFactory, SupplierPaymentFactory

# The SQL functions Django defines in Python for SQLite: called once per row.
PYTHON_FUNCTIONS = ("django_date_extract", "django_date_trunc", "django_datetime_")


def _pay(organisation, *days):
    for day in days:
        SupplierPaymentFactory(organisation=organisation, booking_date=day)


def test_spend_page_lists_the_years_with_payments_newest_first(client, world):
    _pay(
        world.a.organisation,
        datetime.date(2021, 12, 31),
        datetime.date(2023, 1, 1),
        datetime.date(2023, 6, 30),
        datetime.date(2024, 2, 29),
    )
    _pay(world.b.organisation, datetime.date(2019, 5, 5))  # another organisation's year
    client.force_login(world.a.coordinator)
    response = client.get(reverse("procurement:spend"))
    assert response.context["years"] == [2024, 2023, 2021]  # no 2022: nothing was paid
    assert response.context["year"] == 2024
    with scope(organisation=world.b.organisation.pk):
        assert spend.spend_years() == [2019]


def test_year_list_is_one_query_without_a_python_function_per_payment(world):
    _pay(world.a.organisation, datetime.date(2024, 1, 1), datetime.date(2025, 1, 1))
    with scope(organisation=world.a.organisation.pk):
        with CaptureQueriesContext(connection) as queries:
            assert spend.spend_years() == [2025, 2024]
    assert len(queries) == 1
    sql = queries.captured_queries[0]["sql"]
    assert not any(name in sql for name in PYTHON_FUNCTIONS), sql


def test_spend_page_calls_no_python_function_per_payment(client, world):
    _pay(world.a.organisation, datetime.date(2024, 1, 1), datetime.date(2025, 1, 1))
    client.force_login(world.a.coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("procurement:spend"), {"year": 2024})
    assert response.status_code == 200
    assert response.context["summary"].rows == 1
    calls = [
        q["sql"] for q in queries.captured_queries if any(n in q["sql"] for n in PYTHON_FUNCTIONS)
    ]
    assert not calls, "\n".join(calls)


# --- The import: written with COPY on PostgreSQL, matched with one join ---------------------

OURS = complete_with_check_digit("769512345")
THEIRS = complete_with_check_digit("802512345")  # in B's register only
LATER = complete_with_check_digit("556712345")  # added to A's register after the import
AWKWARD = "Kafé \"Bryggan\", ek. för.; \\ 50 % 'rabatt'"


def _import(client, organisation, rows: list[str]) -> SpendImport:
    content = "bokforingsdatum;leverantor;organisationsnummer;belopp;personuppgift\r\n"
    content += "".join(f"{row}\r\n" for row in rows)
    upload = SimpleUploadedFile("reskontra.csv", content.encode("utf-8"))
    client.post(reverse("procurement:spendimport_create"), {"file": upload})
    with scopes_disabled():
        spend_import = SpendImport.objects.filter(organisation=organisation).latest("pk")
    fingerprint = client.get(spend_import.get_absolute_url()).context["fingerprint"]
    client.post(spend_import.get_absolute_url(), {"fingerprint": fingerprint})
    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.APPLIED
    return spend_import


def test_imported_text_is_stored_as_in_the_file_and_matched_in_the_own_register(client, world):
    ours = SocialEnterpriseFactory(organisation=world.a.organisation, org_number=OURS)
    SocialEnterpriseFactory(organisation=world.b.organisation, org_number=THEIRS)
    client.force_login(world.a.coordinator)
    quoted = '"' + AWKWARD.replace('"', '""') + '"'
    spend_import = _import(
        client,
        world.a.organisation,
        [
            f"2025-01-10;{quoted};{OURS};1 000;nej",
            f"2025-01-11;Annan AB;{THEIRS};2 000;",
            f"2025-01-12;Nybörjarna AB;{LATER};3 000;",
            "2025-01-13;Anna Andersson;;4 000;ja",
        ],
    )
    assert spend_import.payment_count == 4 and spend_import.matched_count == 1
    with scope(organisation=world.a.organisation.pk):
        payments = {p.line: p for p in SupplierPayment.objects.all()}
        assert len(payments) == 4
        first, theirs, later, person = (payments[line] for line in sorted(payments))
        assert first.supplier_name == AWKWARD
        assert (first.amount, first.booking_date) == (1000, datetime.date(2025, 1, 10))
        assert first.matched_enterprise == ours and first.personal_data is False
        assert theirs.matched_enterprise is None  # B's enterprise is not A's to match
        assert later.matched_enterprise is None
        assert person.personal_data is True and person.supplier_org_number == ""
        assert person.invoice_number == "" and person.matched_enterprise is None

        # "Match again" after the register grew: the new enterprise is matched, only in A.
        newcomer = SocialEnterpriseFactory(organisation=world.a.organisation, org_number=LATER)
        assert spend.match_payments() == 2
        later.refresh_from_db()
        first.refresh_from_db()
        assert later.matched_enterprise == newcomer and first.matched_enterprise == ours


def test_matching_again_needs_one_organisation(world):
    with scopes_disabled(), pytest.raises(ScopeError):
        spend.match_payments()
