"""How Samverka shows dates, kronor, numbers, percentages and counts (collab.formatting): the
functions, the template filters, Swedish singular and plural on real pages, and the one date
widget every model form's date field gets."""

import datetime
import html
import re
import zoneinfo
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope

from areas.models import GroupKind
from collab import formatting
from collab.forms import ScopedModelForm
from followup.indicators import get_indicator
from tests.factories import (
    CoordinatingFunctionFactory,
    CoordinationGroupFactory,
    EmploymentReportFactory,
    FunctionMemberFactory,
    MeetingFactory,
    PartnershipFactory,
    ProcurementFactory,
)

NBSP = "\xa0"
Y = timezone.localdate().year - 1  # a whole year, with a year before it to compare with


@pytest.fixture
def swedish():
    with translation.override("sv"):
        yield


# --- the functions ------------------------------------------------------------------------------


def test_kronor_are_whole_kronor_with_swedish_grouping(swedish):
    assert formatting.kronor(1_234_567) == f"1{NBSP}234{NBSP}567 kr"
    assert formatting.kronor(-1_234) == f"-1{NBSP}234 kr"
    assert formatting.kronor(0) == "0 kr"
    assert formatting.kronor(Decimal("1234.50")) == f"1{NBSP}234 kr"  # whole kronor (half-even)
    assert formatting.kronor(None) == "–"


def test_numbers_and_percentages_use_the_decimal_comma(swedish):
    assert formatting.number(1_234_567) == f"1{NBSP}234{NBSP}567"
    assert formatting.number(Decimal("12.5")) == "12,5"
    assert formatting.number(12.5) == "12,5"
    assert formatting.number(7) == "7"
    assert formatting.number(None) == "–"
    assert formatting.number("n/a") == "n/a"  # not a number: as it is, never an error
    assert formatting.percent(67) == "67 %"
    assert formatting.percent(Decimal("12.5")) == "12,5 %"
    assert formatting.percent(12.5, 2) == "12,50 %"
    assert formatting.percent(None) == "–"


def test_dates_in_swedish_and_in_local_time(swedish):
    assert formatting.date(datetime.date(2026, 11, 22)) == "22 november 2026"
    assert formatting.date(None) == "–"
    # 23:30 UTC on 21 November is already 22 November in Stockholm.
    moment = datetime.datetime(2026, 11, 21, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert formatting.date_time(moment) == "22 november 2026 00:30"
    assert formatting.date(moment) == "22 november 2026"


def test_counts_take_the_singular_or_the_plural(swedish):
    procurements = get_indicator("procurements_social").unit
    months = get_indicator("employment_months").unit
    meetings = get_indicator("meetings_with_enterprises").unit
    assert formatting.quantity(1, procurements) == "1 upphandling"
    assert formatting.quantity(2, procurements) == "2 upphandlingar"
    assert formatting.quantity(0, procurements) == "0 upphandlingar"
    assert formatting.quantity(1, meetings) == "1 möte"
    assert formatting.quantity(3, meetings) == "3 möten"
    assert formatting.quantity(Decimal("1.5"), months) == "1,5 månader"
    assert str(procurements) == "upphandlingar"  # a heading: "(upphandlingar)"
    assert formatting.people(1) == "1 person"
    assert formatting.people(4) == "4 personer"
    assert formatting.full_time_equivalents_text(100) == "1 heltidstjänst"
    assert formatting.full_time_equivalents_text(175) == "1,75 heltidstjänster"


def test_changes_carry_their_sign_and_agree_with_their_number(swedish):
    months = get_indicator("employment_months").unit
    assert formatting.signed(1, months) == "+1 månad"
    assert formatting.signed(3, months) == "+3 månader"
    assert formatting.signed(-1, months) == "\u22121 månad"
    assert formatting.signed(-3, "kr") == "\u22123 kr"
    assert formatting.signed(Decimal("-2.5"), "%") == "\u22122,5 %"
    assert formatting.signed(0, "kr") == "0 kr"
    assert formatting.signed(1, formatting.PERCENTAGE_POINTS) == "+1 procentenhet"
    assert formatting.signed(None) == "–"


def test_megabytes_round_up_so_a_file_over_a_limit_never_reads_as_the_limit(swedish):
    assert formatting.megabytes(20 * 1024 * 1024) == "20,0"
    assert formatting.megabytes(20 * 1024 * 1024 + 1) == "20,1"


def test_template_filters_give_the_same_text(swedish):
    template = Template(
        "{% load samverka_format %}{{ k|kronor }}|{{ n|number }}|{{ p|percent }}|"
        "{{ s|percent:2 }}|{{ d|sv_date }}|{{ none|sv_date }}|{{ c|signed:'kr' }}"
    )
    text = template.render(
        Context(
            {
                "k": 1_234_567,
                "n": 1234,
                "p": 67,
                "s": 12.5,
                "d": datetime.date(2026, 11, 22),
                "none": None,
                "c": -3,
            }
        )
    )
    assert text == (f"1{NBSP}234{NBSP}567 kr|1{NBSP}234|67 %|12,50 %|22 november 2026|–|\u22123 kr")


# --- on real pages ------------------------------------------------------------------------------


def page_text(response) -> str:
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text).replace(NBSP, " "))


@pytest.fixture
def one_of_each(world):
    """In year Y: one procurement with social considerations, one month of employment (two
    the year before) and one meeting of an external forum."""
    a = world.a.organisation
    procurement = ProcurementFactory(organisation=a, planned_start=datetime.date(Y, 3, 1))
    EmploymentReportFactory(
        organisation=a,
        procurement=procurement,
        period_start=datetime.date(Y - 1, 1, 1),
        period_end=datetime.date(Y - 1, 3, 31),
        months_delivered=2,
    )
    EmploymentReportFactory(
        organisation=a,
        procurement=procurement,
        period_start=datetime.date(Y, 1, 1),
        period_end=datetime.date(Y, 3, 31),
        months_delivered=1,
    )
    with scope(organisation=a):
        forum = CoordinationGroupFactory(organisation=a, kind=GroupKind.EXTERNAL)
        MeetingFactory(organisation=a, group=forum, date=datetime.date(Y, 5, 5))
    return a


def test_indicator_list_says_1_upphandling_not_1_upphandlingar(client, world, one_of_each):
    client.force_login(world.a.viewer)
    text = page_text(client.get(reverse("followup:indicator_list"), {"year": Y}))
    assert "1 upphandling " in text
    assert "1 upphandlingar" not in text
    assert "1 möte " in text
    assert "1 möten" not in text
    assert "1 månad " in text
    assert "1 månader" not in text


def test_dashboard_says_1_mote_and_plus_1_manad(client, world, one_of_each):
    client.force_login(world.a.viewer)
    text = page_text(client.get(reverse("followup:dashboard"), {"year": Y}))
    assert "1 möte" in text
    assert "1 möten" not in text
    assert f"−1 månad jämfört med {Y - 1}" in text
    assert "−1 månader" not in text


def test_coordinating_function_evidence_counts_one_person(client, world):
    a = world.a.organisation
    with scope(organisation=a):
        function = CoordinatingFunctionFactory(organisation=a, ended_on=None)
        FunctionMemberFactory(organisation=a, function=function, share_of_full_time=100)
    client.force_login(world.a.coordinator)
    text = page_text(client.get(reverse("areas:area_detail", kwargs={"number": 2})))
    assert "1 person, 1 heltidstjänst" in text
    assert "1 personer" not in text


# --- one date widget ----------------------------------------------------------------------------


def _scoped_forms():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(set(subclasses(ScopedModelForm)), key=lambda c: (c.__module__, c.__name__))


def test_every_date_field_of_every_model_form_is_a_date_picker_with_an_iso_value():
    date_fields = []
    for form_class in _scoped_forms():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
                date_fields.append(f"{form_class.__name__}.{name}")
                rendered = field.widget.render(name, datetime.date(2026, 11, 22))
                assert 'type="date"' in rendered, (form_class, name)
                assert 'value="2026-11-22"' in rendered, (form_class, name)
    # The forms that have dates: the partnership, records, groups, procurement, enterprises.
    assert {"PartnershipForm.start_date", "MeetingForm.date", "ProcurementForm.planned_start"} <= (
        set(date_fields)
    )
    assert "SocialEnterpriseForm.identified_on" in date_fields


def test_the_edit_page_gives_the_browser_a_date_picker_with_the_iso_date(client, world):
    partnership = PartnershipFactory(
        organisation=world.a.organisation, start_date=datetime.date(2026, 11, 22)
    )
    client.force_login(world.a.coordinator)
    response = client.get(reverse("areas:partnership_update", kwargs={"pk": partnership.pk}))
    assert response.status_code == 200
    field = re.search(r'<input[^>]*name="start_date"[^>]*>', response.content.decode()).group()
    assert 'type="date"' in field
    assert 'value="2026-11-22"' in field
