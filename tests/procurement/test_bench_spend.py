"""The spend page's year list and the supplier-payment import's matching, at scale: the year
list is one query that calls no Python function per payment on SQLite (it grew with the data),
and lists exactly the years that have payments."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from procurement import spend
from tests.factories import SupplierPaymentFactory

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
