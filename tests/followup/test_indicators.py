"""Follow-up indicators: every computed indicator against hand-counted data, the target
status rule at its boundaries, and the indicator pages (list, detail, manual indicators,
measurements, targets)."""

import datetime
import os
from decimal import Decimal
from html import escape

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from areas.models import ActivityStatus, DocumentStatus, GroupKind, PartnershipStatus
from collab.models import Organisation
from enterprises.models import EnterpriseStatus
from followup.indicator_views import describe_change
from followup.indicators import CATALOGUE, get_indicator
from followup.models import (
    Direction,
    ManualIndicator,
    Measurement,
    Periodicity,
    Target,
    YearlyValue,
)
from followup.selectors import IndicatorRow, indicator_rows
from followup.targets import AT_RISK, OFF_TRACK, ON_TRACK, TARGET_RULE, target_status
from procurement.models import Procedure, Status
from tests.factories import (
    ActivityFactory,
    CoordinationGroupFactory,
    EmploymentReportFactory,
    GoverningDocumentFactory,
    ManualIndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
    PartnershipFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
    SupplierPaymentFactory,
    TargetFactory,
)

TODAY = timezone.localdate()
Y = TODAY.year


def d(year, month, day):
    return datetime.date(year, month, day)


@pytest.fixture(autouse=True)
def english(client):
    """These tests read the English texts (the Swedish catalogue is checked elsewhere)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def compute(organisation, key, years):
    with scope(organisation=organisation):
        return get_indicator(key).compute(years)


# --- every computed indicator against hand-counted data ---------------------------------------


def test_the_catalogue_is_what_these_tests_cover():
    tested = {
        "enterprises_identified",
        "work_training_places",
        "iop_active",
        "iop_kronor",
        "procurements_social",
        "procurements_social_share",
        "procurements_reserved",
        "spend_social",
        "spend_social_share",
        "employment_months",
        "meetings_with_enterprises",
        "documents_adopted",
        "action_plan_completion",
    }
    assert {i.key for i in CATALOGUE} == tested
    for indicator in CATALOGUE:
        assert str(indicator.definition).strip(), indicator.key
        assert 1 <= indicator.area <= 7


@pytest.fixture
def register(world):
    """Enterprises for the register's indicators (years Y-3 … Y)."""
    a, b = world.a.organisation, world.b.organisation
    make = SocialEnterpriseFactory
    make(organisation=a, identified_on=d(Y - 3, 12, 31), work_training_places=2)
    make(organisation=a, identified_on=d(Y - 2, 1, 1), work_training_places=5)
    make(
        organisation=a,
        identified_on=d(Y - 2, 5, 5),
        status=EnterpriseStatus.DORMANT,
        work_training_places=1,
    )
    make(
        organisation=a,
        identified_on=d(Y - 1, 6, 1),
        status=EnterpriseStatus.ACTIVE,
        work_training_places=0,
    )
    # Without an identification date: counts from the current year only.
    make(organisation=a, identified_on=None, work_training_places=10)
    # Never: ended, or identified after the years asked for, or another organisation's.
    make(
        organisation=a,
        identified_on=d(Y - 3, 1, 1),
        status=EnterpriseStatus.ENDED,
        work_training_places=100,
    )
    make(organisation=a, identified_on=d(Y + 1, 1, 1), work_training_places=100)
    make(organisation=b, identified_on=d(Y - 3, 1, 1), work_training_places=100)
    return a


def test_enterprises_identified(register):
    years = [Y - 4, Y - 3, Y - 2, Y - 1, Y]
    assert compute(register, "enterprises_identified", years) == {
        Y - 4: 0,
        Y - 3: 1,  # identified on 31 December
        Y - 2: 3,  # + 1 January, + the dormant one
        Y - 1: 4,
        Y: 5,  # + the one without a date
    }


def test_work_training_places(register):
    years = [Y - 4, Y - 3, Y - 2, Y - 1, Y]
    assert compute(register, "work_training_places", years) == {
        Y - 4: 0,
        Y - 3: 2,
        Y - 2: 8,
        Y - 1: 8,
        Y: 18,
    }


@pytest.fixture
def partnerships(world):
    a, b = world.a.organisation, world.b.organisation

    def make(status, start, end, kronor, organisation=a):
        return PartnershipFactory(
            organisation=organisation,
            status=status,
            start_date=start,
            end_date=end,
            municipality_contribution=kronor,
        )

    make(PartnershipStatus.DECIDED, d(2023, 12, 31), None, 100_000)  # 2023–
    make(PartnershipStatus.ONGOING, d(2024, 1, 1), d(2024, 12, 31), 50_000)  # 2024
    make(PartnershipStatus.ENDED, d(2022, 3, 1), d(2023, 1, 1), 10_000)  # 2022–2023
    make(PartnershipStatus.ONGOING, d(2024, 6, 1), None, 20_000)  # 2024–
    make(PartnershipStatus.ONGOING, d(2025, 1, 1), d(2025, 1, 1), 7_000)  # 2025
    # Never: an idea, a dialogue, no start date, another organisation's.
    make(PartnershipStatus.IDEA, d(2023, 1, 1), None, 999)
    make(PartnershipStatus.DIALOGUE, d(2023, 1, 1), None, 999)
    make(PartnershipStatus.ONGOING, None, None, 999)
    make(PartnershipStatus.ONGOING, d(2023, 1, 1), None, 999, organisation=b)
    return a


def test_iop_active(partnerships):
    assert compute(partnerships, "iop_active", [2021, 2023, 2024, 2025]) == {
        2021: 0,
        2023: 2,
        2024: 3,
        2025: 3,
    }


def test_iop_kronor(partnerships):
    assert compute(partnerships, "iop_kronor", [2021, 2023, 2024, 2025]) == {
        2021: 0,
        2023: 110_000,
        2024: 170_000,
        2025: 127_000,
    }


@pytest.fixture
def procurements(world):
    a, b = world.a.organisation, world.b.organisation

    def make(start, organisation=a, **kwargs):
        values = {
            "procedure": Procedure.OPEN,
            "employment_requirement": False,
            "employment_target_type": "",
            "employment_target": None,
        }
        values.update(kwargs)
        return ProcurementFactory(organisation=organisation, planned_start=start, **values)

    make(d(2023, 12, 31), divided_into_lots=True)  # social 2023
    make(d(2024, 1, 1), employment_requirement=True)  # social 2024
    make(d(2024, 12, 31), procedure=Procedure.RESERVED)  # social, reserved 2024
    make(d(2024, 6, 1))  # plain 2024
    make(d(2025, 1, 1), market_dialogue_held=True)  # social 2025
    make(d(2025, 2, 1), other_social_requirements="Lärlingsplatser")  # social 2025
    make(d(2025, 3, 1), procedure=Procedure.RESERVED_NON_PROFIT)  # social, reserved 2025
    make(d(2025, 4, 1), procedure=Procedure.RESERVED_SERVICES)  # social, reserved 2025
    make(d(2025, 5, 1))  # plain 2025
    # Never: cancelled, no contract start, outside the years, another organisation's.
    make(d(2024, 5, 1), procedure=Procedure.RESERVED, status=Status.CANCELLED)
    make(None, procedure=Procedure.RESERVED)
    make(d(2026, 1, 1), procedure=Procedure.RESERVED)
    make(d(2022, 12, 31), procedure=Procedure.RESERVED)
    make(d(2024, 3, 1), procedure=Procedure.RESERVED, organisation=b)
    return a


YEARS = [2021, 2023, 2024, 2025]


def test_procurements_social(procurements):
    assert compute(procurements, "procurements_social", YEARS) == {
        2021: 0,
        2023: 1,
        2024: 2,
        2025: 4,
    }


def test_procurements_social_share(procurements):
    assert compute(procurements, "procurements_social_share", YEARS) == {
        2021: None,  # nothing to divide by: no value, not 0 %
        2023: Decimal("100.0"),
        2024: Decimal("66.7"),  # 2 of 3
        2025: Decimal("80.0"),  # 4 of 5
    }


def test_procurements_reserved(procurements):
    assert compute(procurements, "procurements_reserved", YEARS) == {
        2021: 0,
        2023: 0,
        2024: 1,
        2025: 2,
    }


def test_employment_months(world):
    a, b = world.a.organisation, world.b.organisation
    make = EmploymentReportFactory
    make(
        organisation=a, period_start=d(2024, 10, 1), period_end=d(2024, 12, 31), months_delivered=3
    )
    make(organisation=a, period_start=d(2024, 12, 1), period_end=d(2025, 1, 1), months_delivered=2)
    make(organisation=a, period_start=d(2025, 1, 1), period_end=d(2025, 3, 31), months_delivered=4)
    make(organisation=a, period_start=d(2025, 10, 1), period_end=d(2026, 1, 1), months_delivered=8)
    make(organisation=b, period_start=d(2025, 1, 1), period_end=d(2025, 3, 31), months_delivered=9)
    # No report period ends in 2023: no data, not zero months.
    assert compute(a, "employment_months", [2023, 2024, 2025]) == {2023: None, 2024: 3, 2025: 6}


@pytest.fixture
def payments(world):
    a, b = world.a.organisation, world.b.organisation
    with scopes_disabled():
        enterprise = SocialEnterpriseFactory(organisation=a)
        other = SocialEnterpriseFactory(organisation=b)

    def pay(day, amount, matched=None, organisation=a):
        SupplierPaymentFactory(
            organisation=organisation, booking_date=day, amount=amount, matched_enterprise=matched
        )

    pay(d(2023, 12, 31), 1_000, enterprise)
    pay(d(2023, 1, 1), 2_000)
    pay(d(2024, 1, 1), 10_000, enterprise)
    pay(d(2024, 12, 31), 5_000, enterprise)
    pay(d(2024, 6, 1), 85_000)
    pay(d(2025, 1, 1), -1_000, enterprise)  # a credit note
    pay(d(2025, 3, 3), 4_000, enterprise)
    pay(d(2025, 4, 4), 9_000)
    # Never: outside the years, another organisation's.
    pay(d(2022, 12, 31), 50_000, enterprise)
    pay(d(2026, 1, 1), 50_000, enterprise)
    pay(d(2024, 5, 5), 77_777, other, organisation=b)
    return a


def test_spend_social(payments):
    assert compute(payments, "spend_social", YEARS) == {
        2021: None,  # no payments imported for the year: no data, not 0 kr
        2023: 1_000,
        2024: 15_000,
        2025: 3_000,
    }


def test_spend_social_share(payments):
    assert compute(payments, "spend_social_share", YEARS) == {
        2021: None,
        2023: Decimal("33.3"),  # 1 000 of 3 000
        2024: Decimal("15.0"),  # 15 000 of 100 000
        2025: Decimal("25.0"),  # 3 000 of 12 000
    }


def test_meetings_with_enterprises(world):
    a, b = world.a.organisation, world.b.organisation
    with scopes_disabled():
        external = CoordinationGroupFactory(organisation=a, kind=GroupKind.EXTERNAL)
        internal = CoordinationGroupFactory(organisation=a, kind=GroupKind.INTERNAL)
        enterprises = [SocialEnterpriseFactory(organisation=a) for _ in range(2)]
        MeetingFactory(organisation=a, group=external, date=d(Y - 1, 1, 1))
        attended = MeetingFactory(organisation=a, group=internal, date=d(Y - 1, 12, 31))
        attended.attending_enterprises.set(enterprises)  # counted once, not twice
        MeetingFactory(organisation=a, group=internal, date=d(Y - 1, 6, 1))  # no enterprise
        MeetingFactory(organisation=a, group=external, date=d(Y - 2, 12, 31))  # earlier year
        MeetingFactory(organisation=a, group=external, date=TODAY)  # held today
        if (TODAY + datetime.timedelta(days=1)).year == Y:
            # Planned for tomorrow: not held yet.
            MeetingFactory(organisation=a, group=external, date=TODAY + datetime.timedelta(1))
        other = CoordinationGroupFactory(organisation=b, kind=GroupKind.EXTERNAL)
        MeetingFactory(organisation=b, group=other, date=d(Y - 1, 5, 5))
    assert compute(a, "meetings_with_enterprises", [Y - 1, Y]) == {Y - 1: 2, Y: 1}


def test_documents_adopted(world):
    a, b = world.a.organisation, world.b.organisation

    def doc(status, adopted, valid_from=None, valid_to=None, organisation=a):
        GoverningDocumentFactory(
            organisation=organisation,
            status=status,
            adopted_on=adopted,
            valid_from=valid_from,
            valid_to=valid_to,
        )

    adopted, repealed = DocumentStatus.ADOPTED, DocumentStatus.REPEALED
    doc(adopted, d(2023, 12, 31))  # 2023–
    doc(adopted, d(2024, 1, 1), d(2024, 2, 1), d(2024, 12, 31))  # valid to 31 December: 2024
    doc(adopted, d(2024, 3, 1), None, d(2024, 12, 30))  # ended before the year's end: never
    doc(repealed, d(2023, 5, 1), None, d(2024, 12, 31))  # 2023–2024
    doc(repealed, d(2023, 1, 1))  # repealed without an end of validity: never
    doc(DocumentStatus.DRAFT, d(2023, 1, 1))  # a draft: never
    doc(adopted, d(2025, 12, 31), d(2026, 1, 1))  # valid only from the next year: never
    doc(adopted, d(2025, 6, 1))  # 2025–
    doc(adopted, d(2023, 1, 1), organisation=b)
    assert compute(a, "documents_adopted", [2022, 2023, 2024, 2025]) == {
        2022: 0,
        2023: 2,
        2024: 3,
        2025: 2,
    }


def test_action_plan_completion(world):
    a, b = world.a.organisation, world.b.organisation

    def activity(status, due, organisation=a):
        percent = {ActivityStatus.DONE: 100, ActivityStatus.NOT_STARTED: 0}.get(status, 50)
        ActivityFactory(
            organisation=organisation, status=status, due_date=due, percent_complete=percent
        )

    done = ActivityStatus.DONE
    activity(done, d(2024, 12, 31))
    activity(ActivityStatus.ONGOING, d(2024, 1, 1))
    activity(ActivityStatus.CANCELLED, d(2024, 6, 1))  # not counted at all
    activity(done, d(2025, 1, 1))
    activity(done, d(2025, 6, 1))
    activity(ActivityStatus.NOT_STARTED, d(2025, 12, 31))
    activity(done, d(2026, 1, 1))  # due later
    activity(done, d(2024, 3, 3), organisation=b)
    assert compute(a, "action_plan_completion", [2023, 2024, 2025]) == {
        2023: None,  # nothing due yet: no value
        2024: Decimal("50.0"),  # 1 of 2
        2025: Decimal("60.0"),  # 3 of 5
    }


def test_every_indicator_runs_in_a_fixed_number_of_queries(world, register):
    for indicator in CATALOGUE:
        with scope(organisation=register):
            with CaptureQueriesContext(connection) as few:
                indicator.compute([Y])
            with CaptureQueriesContext(connection) as many:
                indicator.compute(list(range(Y - 9, Y + 1)))
        # Two per figure at most (its records, and for "no data" the source rows); a share
        # computes its part and its whole.
        assert len(few) == len(many) <= (4 if indicator.is_share else 2), indicator.key


def test_manual_indicator_rows_sum_quarters_and_keep_missing_years(world):
    a = world.a.organisation
    quarterly = ManualIndicatorFactory(organisation=a, periodicity=Periodicity.QUARTER)
    for quarter, value in [(1, 3), (2, 4), (4, Decimal("2.5"))]:
        MeasurementFactory(
            organisation=a, indicator=quarterly, year=2025, quarter=quarter, value=value
        )
    TargetFactory(organisation=a, indicator_key="", manual=quarterly, year=2025, value=10)
    with scope(organisation=a):
        (row,) = indicator_rows(a, 2025, keys=[f"manual-{quarterly.pk}"])
    assert row.value == Decimal("9.5")
    assert row.previous is None and row.change is None
    assert row.target == 10
    assert row.status.key == AT_RISK  # 9,5 is 5 % short of 10


@pytest.mark.parametrize(
    ("yearly_value", "expected"),
    [
        (YearlyValue.SUM, Decimal("9.5")),
        (YearlyValue.AVERAGE, Decimal("3.17")),  # (3 + 4 + 2,5) / 3
        (YearlyValue.LATEST, Decimal("2.5")),  # quarter 4
    ],
)
def test_quarterly_indicator_combines_its_quarters_as_chosen(world, yearly_value, expected):
    a = world.a.organisation
    quarterly = ManualIndicatorFactory(
        organisation=a, periodicity=Periodicity.QUARTER, yearly_value=yearly_value
    )
    for quarter, value in [(2, 4), (4, Decimal("2.5")), (1, 3)]:
        MeasurementFactory(
            organisation=a, indicator=quarterly, year=2025, quarter=quarter, value=value
        )
    with scope(organisation=a):
        (row,) = indicator_rows(a, 2025, keys=[f"manual-{quarterly.pk}"])
    assert row.value == expected


# --- the status rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "higher", "expected"),
    [
        (100, 100, True, ON_TRACK),  # exactly at target
        (120, 100, True, ON_TRACK),
        (90, 100, True, AT_RISK),  # exactly 10 % short
        (Decimal("89.99"), 100, True, OFF_TRACK),  # just over 10 % short
        (50, 100, True, OFF_TRACK),
        (100, 100, False, ON_TRACK),  # lower is better: at most the target
        (80, 100, False, ON_TRACK),
        (110, 100, False, AT_RISK),
        (Decimal("110.01"), 100, False, OFF_TRACK),
        (0, 0, True, ON_TRACK),  # target 0
        (5, 0, True, ON_TRACK),
        (0, 0, False, ON_TRACK),
        (1, 0, False, OFF_TRACK),
        (Decimal("45.5"), Decimal("50.0"), True, AT_RISK),  # a share in per cent
    ],
)
def test_target_status(value, target, higher, expected):
    assert target_status(value, target, higher_is_better=higher).key == expected


@pytest.mark.parametrize(("value", "target"), [(None, 100), (100, None), (None, None)])
def test_target_status_without_value_or_target(value, target):
    assert target_status(value, target) is None


# --- the list page ---------------------------------------------------------------------------


def content(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def data(world):
    """Organisation A: 4 enterprises identified by Y-1, 3 of them by Y-2; a target of 5 for
    Y-1; a manual indicator with values. Organisation B: its own target and indicator."""
    a, b = world.a.organisation, world.b.organisation
    for year in (Y - 2, Y - 2, Y - 2, Y - 1):
        SocialEnterpriseFactory(organisation=a, identified_on=d(year, 3, 1))
    TargetFactory(
        organisation=a, indicator_key="enterprises_identified", year=Y - 1, value=Decimal("4.4")
    )
    manual = ManualIndicatorFactory(
        organisation=a,
        name="Deltagare som gått vidare till arbete eller studier",
        unit="personer",
        definition="Deltagare i arbetsträning som fått jobb eller börjat studera under året.",
        per_capita=True,
    )
    MeasurementFactory(organisation=a, indicator=manual, year=Y - 2, value=14, source="Enkät")
    MeasurementFactory(organisation=a, indicator=manual, year=Y - 1, value=11, source="Enkät")
    TargetFactory(organisation=a, indicator_key="", manual=manual, year=Y - 1, value=20)
    TargetFactory(
        organisation=b, indicator_key="enterprises_identified", year=Y - 1, value=Decimal("777.77")
    )
    other = ManualIndicatorFactory(organisation=b, name="Betabys hemliga indikator")
    MeasurementFactory(organisation=b, indicator=other, year=Y - 1, value=Decimal("4321.5"))
    return manual


def test_list_shows_values_targets_status_and_definitions_to_a_viewer(client, world, data):
    client.force_login(world.a.viewer)
    page = content(client.get(reverse("followup:indicator_list"), {"year": Y - 1}))
    assert f"Indicators {Y - 1}" in page
    for indicator in CATALOGUE:
        assert escape(str(indicator.name)) in page
        assert escape(str(indicator.definition)) in page
    assert page.count(escape(str(TARGET_RULE))) == 1
    # Identified enterprises: 4 this year, 3 last year, target 4.4 -> on track; per 10 000
    # inhabitants of 25 000: 1.6.
    assert "4 enterprises" in page and "3 enterprises" in page
    assert "up 1 (better)" in page
    assert "4.4 enterprises" in page
    assert "On track" in page
    assert "1.6" in page
    # The manual indicator: 11 people, down 3, target 20 -> off track.
    assert data.name in page
    assert data.definition in page
    assert "11 personer" in page and "down 3 (worse)" in page
    assert "Off track" in page
    # A viewer reads; adds nothing.
    assert reverse("followup:manualindicator_create") not in page
    assert reverse("followup:target_create") not in page


def test_list_never_shows_another_organisations_data(client, world, data):
    client.force_login(world.a.coordinator)
    page = content(client.get(reverse("followup:indicator_list"), {"year": Y - 1}))
    assert "777.77" not in page and "777,77" not in page
    assert "Betabys hemliga indikator" not in page
    assert "4321" not in page and "4 321" not in page


def test_list_offers_adding_to_a_coordinator(client, world):
    client.force_login(world.a.coordinator)
    page = content(client.get(reverse("followup:indicator_list")))
    assert reverse("followup:manualindicator_create") in page
    assert reverse("followup:target_create") in page
    assert "No indicators of your own yet" in page
    assert "Deltagare som gått vidare till arbete eller studier" in page  # the example


@pytest.mark.parametrize("year", ["", "abc", "99999", "1999", "-1", str(Y) + "x"])
def test_list_falls_back_to_the_current_year(client, world, year):
    client.force_login(world.a.viewer)
    page = content(client.get(reverse("followup:indicator_list"), {"year": year}))
    assert f"Indicators {Y}" in page


def test_year_selector_chooses_the_year(client, world, data):
    client.force_login(world.a.viewer)
    page = content(client.get(reverse("followup:indicator_list"), {"year": Y - 2}))
    assert f"Indicators {Y - 2}" in page
    assert f'<option value="{Y - 2}" selected>' in page
    assert "14 personer" in page  # the manual value of that year
    assert "3 enterprises" in page


def test_area_filter(client, world):
    client.force_login(world.a.viewer)
    page = content(client.get(reverse("followup:indicator_list"), {"area": 4}))
    assert str(get_indicator("documents_adopted").name) in page
    assert str(get_indicator("action_plan_completion").name) in page
    assert str(get_indicator("enterprises_identified").name) not in page
    assert str(get_indicator("spend_social").name) not in page
    # An unknown area shows everything.
    page = content(client.get(reverse("followup:indicator_list"), {"area": 9}))
    assert str(get_indicator("enterprises_identified").name) in page


def test_list_asks_for_the_population_when_it_is_missing(client, world):
    a = world.a.organisation
    a.population = None
    a.save()
    client.force_login(world.a.admin)
    page = content(client.get(reverse("followup:indicator_list")))
    assert "Enter the population" in page
    assert reverse("collab:organisation_update") in page


def test_list_query_count_does_not_grow(client, world):
    a = world.a.organisation
    client.force_login(world.a.viewer)
    url = reverse("followup:indicator_list")

    def add_rows():
        SocialEnterpriseFactory(organisation=a, identified_on=d(Y - 1, 1, 1))
        PartnershipFactory(organisation=a, start_date=d(Y - 1, 1, 1))
        indicator = ManualIndicatorFactory(organisation=a)
        MeasurementFactory(organisation=a, indicator=indicator, year=Y)
        TargetFactory(organisation=a, indicator_key="", manual=indicator, year=Y)

    client.get(url)  # the closed years are computed once and stored
    add_rows()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for _ in range(9):
        add_rows()
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(first) == len(second), "\n".join(q["sql"] for q in second.captured_queries)


def _same_query_count(client, url, add_rows):
    client.get(url)  # the closed years are computed once and stored
    add_rows(0)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for index in range(1, 10):
        add_rows(index)
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(first) == len(second), "\n".join(q["sql"] for q in second.captured_queries)


def test_detail_pages_query_count_does_not_grow(client, world):
    a = world.a.organisation
    client.force_login(world.a.coordinator)
    indicator = ManualIndicatorFactory(organisation=a, periodicity=Periodicity.QUARTER)

    def add_rows(index):
        TargetFactory(organisation=a, indicator_key="iop_active", year=2000 + index)
        TargetFactory(organisation=a, indicator_key="", manual=indicator, year=2000 + index)
        for quarter in (1, 2):
            MeasurementFactory(organisation=a, indicator=indicator, year=Y - index, quarter=quarter)

    url = reverse("followup:indicator_detail", kwargs={"key": "iop_active"})
    _same_query_count(client, url, add_rows)
    indicator_2 = ManualIndicatorFactory(organisation=a, periodicity=Periodicity.QUARTER)

    def add_more(index):
        TargetFactory(organisation=a, indicator_key="", manual=indicator_2, year=2000 + index)
        MeasurementFactory(organisation=a, indicator=indicator_2, year=Y - index, quarter=1)

    _same_query_count(client, indicator_2.get_absolute_url(), add_more)


# --- the detail page of a computed indicator -------------------------------------------------


def test_detail_shows_definition_chart_and_the_same_numbers_in_a_table(client, world, data):
    client.force_login(world.a.viewer)
    url = reverse("followup:indicator_detail", kwargs={"key": "enterprises_identified"})
    page = content(client.get(url, {"year": Y - 1}))
    indicator = get_indicator("enterprises_identified")
    assert escape(str(indicator.definition)) in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page
    assert 'stroke-dasharray="5 3"' in page  # the target mark
    # The table: five years up to Y-1, values 0, 0, 0, 3, 4 with the target and its status.
    for year in range(Y - 5, Y):
        assert f'<th scope="row">{year}</th>' in page
    assert "On track" in page
    assert "4.4 enterprises" in page
    assert "Per 10 000 inhabitants" in page
    assert "777.77" not in page  # organisation B's target
    assert reverse("followup:target_create") not in page  # a viewer adds no target


def test_detail_offers_targets_to_a_coordinator(client, world, data):
    client.force_login(world.a.coordinator)
    url = reverse("followup:indicator_detail", kwargs={"key": "enterprises_identified"})
    page = content(client.get(url))
    assert reverse("followup:target_create") + "?indicator_key=enterprises_identified" in page
    with scopes_disabled():
        target = Target.objects.get(organisation=world.a.organisation, manual__isnull=True)
    assert reverse("followup:target_update", kwargs={"pk": target.pk}) in page
    assert reverse("followup:target_delete", kwargs={"pk": target.pk}) in page


def test_unknown_indicator_is_404(client, world):
    client.force_login(world.a.viewer)
    url = reverse("followup:indicator_detail", kwargs={"key": "no-such-indicator"})
    assert client.get(url).status_code == 404


def test_share_without_data_shows_no_value(client, world):
    client.force_login(world.a.viewer)
    url = reverse("followup:indicator_detail", kwargs={"key": "procurements_social_share"})
    page = content(client.get(url))
    assert ">0 %<" not in page
    assert "<rect" not in page  # no bars in the chart either
    assert "No target" in page


# --- manual indicators and measurements ------------------------------------------------------


def test_manual_indicator_page(client, world, data):
    client.force_login(world.a.coordinator)
    page = content(client.get(data.get_absolute_url(), {"year": Y - 1}))
    assert data.definition in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page
    assert "Enkät" in page  # the source
    assert "14 personer" in page and "11 personer" in page
    assert "20 personer" in page  # the target
    assert "Change history" in page
    assert reverse("followup:measurement_create") + f"?indicator={data.pk}" in page
    assert reverse("followup:target_create") + f"?manual={data.pk}" in page


def test_quarterly_indicator_lists_its_quarters(client, world):
    a = world.a.organisation
    indicator = ManualIndicatorFactory(organisation=a, periodicity=Periodicity.QUARTER)
    MeasurementFactory(organisation=a, indicator=indicator, year=Y, quarter=1, value=3)
    MeasurementFactory(organisation=a, indicator=indicator, year=Y, quarter=2, value=4)
    client.force_login(world.a.viewer)
    page = content(client.get(indicator.get_absolute_url()))
    assert "Q1: 3" in page and "Q2: 4" in page
    assert f"{Y} quarter 2" in page
    assert "7 personer" in page  # the year's value: the sum of the quarters


def test_create_manual_indicator(client, world):
    client.force_login(world.a.coordinator)
    url = reverse("followup:manualindicator_create")
    assert "A manual indicator is for" in content(client.get(url))
    response = client.post(
        url,
        {
            "name": "Deltagare som gått vidare till arbete eller studier",
            "unit": "personer",
            "definition": "Enligt företagens rapporter i december.",
            "periodicity": Periodicity.YEAR,
            "yearly_value": YearlyValue.SUM,
            "direction": Direction.HIGHER,
            "area": 7,
            "per_capita": "on",
        },
    )
    with scopes_disabled():
        indicator = ManualIndicator.objects.get()
    assert indicator.organisation == world.a.organisation
    assert response.status_code == 302
    assert response["Location"] == indicator.get_absolute_url()


def measurement_post(indicator, **kwargs):
    data = {"indicator": indicator.pk, "year": 2025, "quarter": 0, "value": "12.5"}
    data.update(kwargs)
    return data


def test_create_measurement_goes_back_to_the_indicator(client, world):
    indicator = ManualIndicatorFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("followup:measurement_create")
    form_page = content(client.get(url, {"indicator": indicator.pk}))
    assert f'<option value="{indicator.pk}" selected>' in form_page
    assert indicator.get_absolute_url() in form_page  # cancel
    response = client.post(url, measurement_post(indicator, source="Enkät"))
    assert response.status_code == 302
    assert response["Location"] == indicator.get_absolute_url() + "#matvarden"
    with scopes_disabled():
        measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.value == Decimal("12.5")
    assert measurement.organisation == world.a.organisation


def test_measurement_value_with_a_swedish_decimal_comma(client, world):
    indicator = ManualIndicatorFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with translation.override("sv"):
        response = client.post(
            reverse("followup:measurement_create"), measurement_post(indicator, value="12,5")
        )
    assert response.status_code == 302
    with scopes_disabled():
        assert Measurement.objects.get(indicator=indicator).value == Decimal("12.5")


def test_duplicate_measurement_is_explained_next_to_the_year(client, world):
    a = world.a.organisation
    indicator = ManualIndicatorFactory(organisation=a, name="Deltagare i arbete")
    MeasurementFactory(organisation=a, indicator=indicator, year=2025, quarter=0)
    client.force_login(world.a.coordinator)
    response = client.post(reverse("followup:measurement_create"), measurement_post(indicator))
    page = content(response)
    errors = response.context["form"].errors
    assert list(errors) == ["year"]
    assert "Deltagare i arbete already has a value for 2025" in errors["year"][0]
    assert "already has a value for 2025" in page
    with scopes_disabled():
        assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_editing_a_measurement_is_not_a_duplicate_of_itself(client, world):
    a = world.a.organisation
    measurement = MeasurementFactory(organisation=a, year=2025, quarter=0, value=1)
    client.force_login(world.a.coordinator)
    url = reverse("followup:measurement_update", kwargs={"pk": measurement.pk})
    response = client.post(url, measurement_post(measurement.indicator, value="2"))
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.value == 2


@pytest.mark.parametrize(
    ("periodicity", "quarter", "message"),
    [
        (Periodicity.YEAR, 2, "The indicator is measured per year: leave the quarter at 0."),
        (Periodicity.QUARTER, 0, "The indicator is measured per quarter: choose quarter 1–4."),
    ],
)
def test_quarter_must_fit_the_periodicity(client, world, periodicity, quarter, message):
    indicator = ManualIndicatorFactory(organisation=world.a.organisation, periodicity=periodicity)
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("followup:measurement_create"), measurement_post(indicator, quarter=quarter)
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"quarter": [message]}


def test_duplicate_quarter_is_explained(client, world):
    a = world.a.organisation
    indicator = ManualIndicatorFactory(organisation=a, periodicity=Periodicity.QUARTER)
    MeasurementFactory(organisation=a, indicator=indicator, year=2025, quarter=3)
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("followup:measurement_create"), measurement_post(indicator, quarter=3)
    )
    assert "already has a value for quarter 3 of 2025" in response.context["form"].errors["year"][0]
    response = client.post(
        reverse("followup:measurement_create"), measurement_post(indicator, quarter=4)
    )
    assert response.status_code == 302


def test_measurement_for_another_organisations_indicator_is_refused(client, world):
    other = ManualIndicatorFactory(organisation=world.b.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("followup:measurement_create")
    assert other.name not in content(client.get(url))
    response = client.post(url, measurement_post(other))
    assert response.status_code == 200
    assert "indicator" in response.context["form"].errors
    with scopes_disabled():
        assert not Measurement.objects.exists()


def test_delete_measurement_goes_back_to_the_indicator(client, world):
    measurement = MeasurementFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    response = client.post(reverse("followup:measurement_delete", kwargs={"pk": measurement.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(measurement.indicator.get_absolute_url())
    with scopes_disabled():
        assert not Measurement.objects.filter(pk=measurement.pk).exists()


# --- targets ---------------------------------------------------------------------------------


def target_post(**kwargs):
    data = {"indicator_key": "", "manual": "", "year": 2025, "value": "40", "comment": ""}
    data.update(kwargs)
    return data


def test_create_target_for_a_computed_indicator(client, world):
    client.force_login(world.a.coordinator)
    url = reverse("followup:target_create")
    form_page = content(client.get(url, {"indicator_key": "iop_active"}))
    assert '<option value="iop_active" selected>' in form_page
    detail = reverse("followup:indicator_detail", kwargs={"key": "iop_active"})
    assert detail in form_page  # cancel
    response = client.post(url, target_post(indicator_key="iop_active", value="3"))
    assert response.status_code == 302
    assert response["Location"] == detail + "#mal"
    with scopes_disabled():
        target = Target.objects.get()
    assert (target.organisation, target.indicator_key, target.year, target.value) == (
        world.a.organisation,
        "iop_active",
        2025,
        3,
    )


def test_create_target_for_a_manual_indicator(client, world):
    indicator = ManualIndicatorFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("followup:target_create")
    assert f'<option value="{indicator.pk}" selected>' in content(
        client.get(url, {"manual": indicator.pk})
    )
    response = client.post(url, target_post(manual=indicator.pk))
    assert response.status_code == 302
    assert response["Location"] == indicator.get_absolute_url() + "#mal"


def test_duplicate_target_is_explained_next_to_the_year(client, world):
    a = world.a.organisation
    TargetFactory(organisation=a, indicator_key="iop_active", year=2025)
    # The same indicator and year in another organisation is no duplicate.
    TargetFactory(organisation=world.b.organisation, indicator_key="iop_kronor", year=2025)
    client.force_login(world.a.coordinator)
    url = reverse("followup:target_create")
    response = client.post(url, target_post(indicator_key="iop_active"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "year": ["There is already a target for this indicator in 2025. Edit it instead."]
    }
    assert client.post(url, target_post(indicator_key="iop_kronor")).status_code == 302


def test_duplicate_manual_target_is_explained(client, world):
    a = world.a.organisation
    indicator = ManualIndicatorFactory(organisation=a)
    TargetFactory(organisation=a, indicator_key="", manual=indicator, year=2025)
    client.force_login(world.a.coordinator)
    response = client.post(reverse("followup:target_create"), target_post(manual=indicator.pk))
    assert list(response.context["form"].errors) == ["year"]


def test_target_needs_exactly_one_indicator(client, world):
    indicator = ManualIndicatorFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("followup:target_create")
    both = client.post(url, target_post(indicator_key="iop_active", manual=indicator.pk))
    assert both.status_code == 200
    assert list(both.context["form"].errors) == ["manual"]
    assert "not both" in both.context["form"].errors["manual"][0]
    none = client.post(url, target_post())
    assert list(none.context["form"].errors) == ["indicator_key"]
    assert "Choose the indicator the target is for" in content(none)
    with scopes_disabled():
        assert not Target.objects.exists()


def test_target_for_another_organisations_manual_indicator_is_refused(client, world):
    other = ManualIndicatorFactory(organisation=world.b.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("followup:target_create")
    assert other.name not in content(client.get(url))
    response = client.post(url, target_post(manual=other.pk))
    assert "manual" in response.context["form"].errors
    with scopes_disabled():
        assert not Target.objects.exists()


def test_delete_target_goes_back_to_the_indicator(client, world):
    target = TargetFactory(organisation=world.a.organisation, indicator_key="iop_active")
    client.force_login(world.a.coordinator)
    response = client.post(reverse("followup:target_delete", kwargs={"pk": target.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("followup:indicator_detail", kwargs={"key": "iop_active"})
    )


def _row(values, *, unit="personer", is_share=False, higher_is_better=True):
    return IndicatorRow(
        key="x",
        name="x",
        unit=unit,
        definition="",
        area=7,
        url="/",
        year=2025,
        values=values,
        is_share=is_share,
        higher_is_better=higher_is_better,
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row({2024: 3, 2025: 5}), ("▲", "up 2", "better")),
        (_row({2024: 3, 2025: 5}, higher_is_better=False), ("▲", "up 2", "worse")),
        (_row({2024: 1500, 2025: 500}, unit="kr"), ("▼", "down 1,000 kr", "worse")),
        (
            _row({2024: Decimal("50.0"), 2025: Decimal("62.5")}, unit="%", is_share=True),
            ("▲", "up 12.5 percentage points", "better"),
        ),
        (_row({2024: 4, 2025: 4}), ("", "unchanged", "")),
    ],
)
def test_change_is_said_in_words(row, expected):
    change = describe_change(row)
    assert (change.arrow, change.text, change.judgement) == expected


@pytest.mark.parametrize("values", [{2024: None, 2025: 5}, {2024: 3, 2025: None}])
def test_no_change_without_both_years(values):
    assert describe_change(_row(values)) is None


# --- demo data -------------------------------------------------------------------------------


def _follow_up_counts():
    with scopes_disabled():
        return {
            model.__name__: {
                slug: model.objects.filter(organisation__slug=slug).count()
                for slug in ("sjostad", "norrbyn")
            }
            for model in (ManualIndicator, Measurement, Target)
        }


def test_demo_has_indicators_values_and_targets_and_seeding_twice_adds_nothing(db):
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    first = _follow_up_counts()
    assert first["ManualIndicator"] == {"sjostad": 2, "norrbyn": 0}  # Norrbyn: the empty state
    assert first["Measurement"]["sjostad"] == 12
    assert first["Target"]["sjostad"] == 7
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    assert _follow_up_counts() == first
    with scopes_disabled():
        sjostad = Organisation.objects.get(slug="sjostad")
    with scope(organisation=sjostad.pk):
        rows = {row.name: row for row in indicator_rows(sjostad, Y)}
    assert rows["Deltagare som påbörjat arbetsträning"].value == 23  # three quarters so far
    assert rows["Deltagare som gått vidare till arbete eller studier"].status is not None
