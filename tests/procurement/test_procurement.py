"""Procurements: thresholds, advice, who can bid, bids, employment follow-up, pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from enterprises.models import ServiceCategory, SocialEnterprise
from procurement import selectors, services
from procurement.models import (
    Bid,
    EmploymentReport,
    Procedure,
    Procurement,
    Status,
    TargetType,
    Threshold,
)
from tests.factories import (
    BidFactory,
    EmploymentReportFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)

D = datetime.date


def t(text: str) -> str:
    """The text as the (Swedish) pages show it, translated or not yet."""
    with translation.override("sv"):
        return gettext(text)


DIRECT = Threshold.Kind.DIRECT_AWARD


def _category(name="Lokalvård"):
    return ServiceCategory.objects.get(name=name)


def _enterprise(organisation, category=None, **kwargs):
    enterprise = SocialEnterpriseFactory(organisation=organisation, **kwargs)
    if category is not None:
        with scopes_disabled():
            enterprise.categories.add(category)
    return enterprise


# --- thresholds ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("on_date", "amount"),
    [
        (D(2014, 6, 30), None),
        (D(2014, 7, 1), 505_800),
        (D(2019, 12, 31), 586_907),
        (D(2021, 6, 1), 615_312),
        (D(2022, 1, 31), 615_312),
        (D(2022, 2, 1), 700_000),
        (D(2026, 11, 22), 700_000),
    ],
)
def test_direct_award_limit_in_force_on_a_date(on_date, amount):
    limit = selectors.threshold_in_force(DIRECT, on_date)
    assert (limit.amount if limit else None) == amount


@pytest.mark.django_db
def test_eu_thresholds_2026_are_stored_in_euro():
    limit = selectors.threshold_in_force(Threshold.Kind.EU_SOCIAL_SERVICES, D(2026, 6, 1))
    assert (limit.amount, limit.currency) == (750_000, "EUR")
    assert selectors.threshold_in_force(Threshold.Kind.EU_WORKS, D(2026, 6, 1)).amount == 5_404_000


def _warnings(**kwargs):
    defaults = {"procedure": Procedure.DIRECT_AWARD, "category": None}
    return [a for a in selectors.procurement_advice(**(defaults | kwargs)) if a.kind == "warning"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "start", "warned"),
    [
        (700_000, D(2022, 2, 1), False),  # exactly at the limit
        (700_001, D(2022, 2, 1), True),  # one krona over
        (650_000, D(2022, 1, 31), True),  # the day before the new limit: 615 312 kr
        (650_000, D(2022, 2, 1), False),
        (615_312, D(2022, 1, 31), False),
        (615_313, D(2022, 1, 31), True),
    ],
)
def test_direct_award_warning_at_the_boundaries(value, start, warned):
    assert bool(_warnings(estimated_value=value, planned_start=start)) is warned


@pytest.mark.django_db
def test_warning_names_the_limit_and_its_date_and_uses_today_without_a_start():
    (warning,) = _warnings(estimated_value=800_000, planned_start=None, today=D(2026, 5, 1))
    text = " ".join(warning.paragraphs)
    assert "700" in text and "000" in text and "2022" in text
    assert not _warnings(estimated_value=800_000, procedure=Procedure.OPEN, planned_start=None)


# --- the pages ---------------------------------------------------------------------------------


def _detail(client, user, procurement):
    client.force_login(user)
    response = client.get(procurement.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_detail_warning_appears_and_disappears(client, world):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        procedure=Procedure.DIRECT_AWARD,
        estimated_value=750_000,
        planned_start=D(2026, 3, 1),
    )
    assert t("Over the direct-award limit") in _detail(client, world.a.viewer, procurement)
    with scopes_disabled():
        Procurement.objects.filter(pk=procurement.pk).update(estimated_value=690_000)
    assert t("Over the direct-award limit") not in _detail(client, world.a.viewer, procurement)


def test_form_warns_but_saves_a_direct_award_over_the_limit(client, world):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("procurement:procurement_create"),
        {
            "title": "Flytt av kontor",
            "procedure": Procedure.DIRECT_AWARD,
            "status": Status.PLANNED,
            "estimated_value": "900000",
            "planned_start": "2026-02-01",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert t("Over the direct-award limit") in response.content.decode()
    with scope(organisation=world.a.organisation.pk):
        saved = Procurement.objects.get(title="Flytt av kontor")
    assert saved.status_date is not None  # set when the status is new


def test_reserved_options_explained_only_when_the_register_has_the_category(client, world):
    category = _category()
    procurement = ProcurementFactory(organisation=world.a.organisation, category=category)
    # another organisation's enterprise offering the category does not count
    _enterprise(world.b.organisation, category)
    assert "LOU 4 kap. 18 §" not in _detail(client, world.a.viewer, procurement)
    _enterprise(world.a.organisation, category)
    html = _detail(client, world.a.viewer, procurement)
    assert "LOU 4 kap. 18 §" in html and "19 kap. 25 a §" in html


def test_who_can_bid_lists_own_enterprises_offering_the_category(client, world):
    category = _category()
    procurement = ProcurementFactory(organisation=world.a.organisation, category=category)
    own = _enterprise(world.a.organisation, category, name="Rena Rum ek. för.")
    _enterprise(world.a.organisation, _category("Biltvätt"), name="Blanka Bilar ek. för.")
    _enterprise(world.b.organisation, category, name="Betabys Städ ek. för.")
    html = _detail(client, world.a.viewer, procurement)
    assert own.name in html
    assert "Blanka Bilar" not in html
    assert "Betabys Städ" not in html


def _post_bid(client, user, procurement, **data):
    client.force_login(user)
    payload = {"procurement": procurement.pk, "supplier_name": "Städbolaget AB"} | data
    return client.post(reverse("procurement:bid_create"), payload)


def test_award_on_a_cancelled_procurement_is_refused(client, world):
    procurement = ProcurementFactory(organisation=world.a.organisation, status=Status.CANCELLED)
    response = _post_bid(client, world.a.coordinator, procurement, awarded="on")
    assert response.status_code == 200
    assert t("The procurement is cancelled: a cancelled procurement cannot be awarded.") in (
        response.content.decode()
    )
    with scopes_disabled():
        assert not Bid.objects.exists()
    # a bid that is not awarded may still be recorded
    response = _post_bid(client, world.a.coordinator, procurement)
    assert response.status_code == 302
    with scopes_disabled():
        assert Bid.objects.count() == 1


def test_cancelling_a_procurement_with_an_award_is_refused(world):
    bid = BidFactory(organisation=world.a.organisation, awarded=True, contract_value=900_000)
    with scope(organisation=world.a.organisation.pk):
        procurement = Procurement.objects.get(pk=bid.procurement_id)
        procurement.status = Status.CANCELLED
        with pytest.raises(ValidationError) as excinfo:
            services.save_procurement(procurement=procurement, previous_status=Status.AWARDED)
    assert "status" in excinfo.value.error_dict


def test_bid_org_number_matches_the_register(client, world):
    procurement = ProcurementFactory(organisation=world.a.organisation)
    enterprise = _enterprise(world.a.organisation)
    digits = enterprise.org_number.replace("-", "")
    response = _post_bid(
        client, world.a.coordinator, procurement, supplier_name="X", supplier_org_number=digits
    )
    assert response.status_code == 302
    with scopes_disabled():
        bid = Bid.objects.get()
    assert bid.supplier == enterprise and bid.supplier_name == ""


def test_end_before_start_and_negative_value_are_refused(client, world):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("procurement:procurement_create"),
        {
            "title": "Trasig",
            "procedure": Procedure.OPEN,
            "status": Status.PLANNED,
            "estimated_value": "-5",
            "planned_start": "2026-05-01",
            "planned_end": "2026-04-30",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["estimated_value"] == [t("An amount cannot be negative.")]
    with scopes_disabled():
        assert not Procurement.objects.exists()
    response = client.post(
        reverse("procurement:procurement_create"),
        {
            "title": "Trasig",
            "procedure": Procedure.OPEN,
            "status": Status.PLANNED,
            "planned_start": "2026-05-01",
            "planned_end": "2026-04-30",
        },
    )
    assert response.context["form"].errors["planned_end"] == [
        t("The contract cannot end before it starts.")
    ]
    with scopes_disabled():
        assert not Procurement.objects.exists()


def test_negative_bid_value_is_refused(client, world):
    procurement = ProcurementFactory(organisation=world.a.organisation)
    response = _post_bid(client, world.a.coordinator, procurement, bid_value="-1")
    assert response.context["form"].errors["bid_value"] == [t("An amount cannot be negative.")]


# --- employment follow-up ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delivered", "as_of", "status"),
    [
        (24, D(2026, 2, 1), "met"),  # the target reached early
        (30, D(2027, 12, 31), "met"),
        (12, D(2026, 12, 31), "on_track"),  # half the period, half the target (12 of 24)
        (11, D(2026, 12, 31), "behind"),
        (0, D(2025, 12, 1), "on_track"),  # before the contract starts
        (23, D(2028, 6, 1), "behind"),  # after the end, short of the target
    ],
)
def test_follow_up_rule(delivered, as_of, status):
    result = selectors.follow_up_status(
        target_type=TargetType.MONTHS,
        target=24,
        delivered=delivered,
        start=D(2026, 1, 1),
        end=D(2027, 12, 31),
        as_of=as_of,
    )
    assert result.status == status


def test_the_rule_compares_the_expected_number_the_page_shows():
    """40 months over 2 499 days, 1 250 days in: 20.008 months are due, shown as 20; 20 delivered
    is on track (the rule once compared with 20.008 and said "behind" next to "expected 20")."""
    start = D(2026, 1, 1)
    result = selectors.follow_up_status(
        target_type=TargetType.MONTHS,
        target=40,
        delivered=20,
        start=start,
        end=start + datetime.timedelta(days=2499),
        as_of=start + datetime.timedelta(days=1250),
    )
    assert (result.expected, result.status) == (20, "on_track")


def _post_report(client, user, procurement, **overrides):
    data = {
        "procurement": procurement.pk,
        "period_start": "2026-04-01",
        "period_end": "2026-06-30",
        "months_delivered": "2",
        "people_delivered": "0",
        "placements_delivered": "0",
        "comment": "",
    } | overrides
    client.force_login(user)
    return client.post(reverse("procurement:employmentreport_create"), data)


def test_a_report_period_that_overlaps_another_is_refused_next_to_the_field(client, world):
    report = EmploymentReportFactory(organisation=world.a.organisation)  # 1 Jan – 31 Mar 2026
    response = _post_report(
        client, world.a.coordinator, report.procurement, period_start="2026-03-01"
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["period_start"]
    assert "1 januari 2026 – 31 mars 2026" in message
    assert response.context["form"]["period_start"].value() == "2026-03-01"  # input kept
    with scopes_disabled():
        assert EmploymentReport.objects.filter(procurement=report.procurement).count() == 1
    # The next quarter, which starts the day after, is fine.
    assert _post_report(client, world.a.coordinator, report.procurement).status_code == 302


def test_a_report_period_that_ends_after_today_is_refused(client, world):
    report = EmploymentReportFactory(organisation=world.a.organisation)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _post_report(
        client,
        world.a.coordinator,
        report.procurement,
        period_start=timezone.localdate().isoformat(),
        period_end=tomorrow.isoformat(),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        t("A report covers a period that has ended: the period cannot end after today.")
    ]


def test_follow_up_without_contract_period():
    result = selectors.follow_up_status(
        target_type=TargetType.PEOPLE, target=3, delivered=1, start=None, end=None, as_of=D.today()
    )
    assert result.status == "no_period"


def test_report_detail_shows_target_against_delivered(client, world):
    report = EmploymentReportFactory(organisation=world.a.organisation, months_delivered=3)
    client.force_login(world.a.viewer)
    html = client.get(report.get_absolute_url()).content.decode()
    # target 24 months over 2026–2027; by 31 March 2026 about 2.9 months were due
    assert t("Target and delivered so far") in html
    assert t("On track") in html


def test_report_needs_an_employment_requirement_and_a_valid_period(client, world):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
    )
    with scope(organisation=world.a.organisation.pk):
        report = EmploymentReport(
            organisation=world.a.organisation,
            procurement=procurement,
            period_start=D(2026, 4, 1),
            period_end=D(2026, 3, 1),
        )
        with pytest.raises(ValidationError) as excinfo:
            services.save_employment_report(report=report)
    assert {"procurement", "period_end"} <= set(excinfo.value.error_dict)


# --- the register ------------------------------------------------------------------------------


def test_enterprise_with_a_bid_cannot_be_deleted(client, world):
    bid = BidFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_delete", kwargs={"pk": bid.supplier_id})
    reason = client.get(url).context["refuse_reason"]
    with translation.override("sv"):
        bids = str(Bid._meta.verbose_name_plural)
    assert reason and bids in reason  # names what refers to it
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [reason]
    with scopes_disabled():
        assert SocialEnterprise.objects.filter(pk=bid.supplier_id).exists()


def test_enterprise_page_shows_its_bids_awards_and_dialogues(client, world):
    bid = BidFactory(organisation=world.a.organisation, awarded=True, contract_value=800_000)
    other = ProcurementFactory(organisation=world.a.organisation, title="Dialog om fruktkorgar")
    with scope(organisation=world.a.organisation.pk):
        enterprise = SocialEnterprise.objects.get(pk=bid.supplier_id)
        other.market_dialogue_held = True
        services.save_procurement(
            procurement=other, previous_status=other.status, invited=[enterprise]
        )
        title = bid.procurement.title
    client.force_login(world.a.viewer)
    html = client.get(enterprise.get_absolute_url()).content.decode()
    assert t("%(procurement)s – awarded") % {"procurement": title} in html
    assert "Dialog om fruktkorgar" in html


# --- list, filters, board ------------------------------------------------------------------------


def test_filters_and_board(client, world):
    org = world.a.organisation
    ProcurementFactory(
        organisation=org, title="Reserverad snöröjning", procedure=Procedure.RESERVED
    )
    ProcurementFactory(
        organisation=org,
        title="Öppen städning",
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
        status=Status.ADVERTISED,
    )
    ProcurementFactory(organisation=world.b.organisation, title="Betabys upphandling")
    client.force_login(world.a.viewer)
    url = reverse("procurement:procurement_list")

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {t for t in ("Reserverad snöröjning", "Öppen städning") if t in html}

    assert titles(reserved="ja") == {"Reserverad snöröjning"}
    assert titles(reserved="nej") == {"Öppen städning"}
    assert titles(employment="ja") == {"Reserverad snöröjning"}
    assert titles(status=Status.ADVERTISED) == {"Öppen städning"}
    assert titles(procedure=Procedure.RESERVED) == {"Reserverad snöröjning"}
    export = client.get(url, {"export": "csv", "reserved": "ja"}).content.decode()
    assert "Reserverad snöröjning" in export and "Öppen städning" not in export

    board = client.get(reverse("procurement:board")).content.decode()
    assert "Betabys upphandling" not in board
    advertised = board.split('id="status-annonserad"')[1].split("</section>")[0]
    assert "Öppen städning" in advertised and "Reserverad snöröjning" not in advertised


def test_board_shows_the_latest_of_a_long_column_and_links_to_all(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org = world.a.organisation
    for day in range(1, 28):
        ProcurementFactory(
            organisation=org,
            title=f"Avslutad upphandling {day:02d}",
            status=Status.CLOSED,
            status_date=datetime.date(2025, 1, day),
        )
    client.force_login(world.a.viewer)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("procurement:board"))
    for _ in range(5):
        ProcurementFactory(organisation=org, status=Status.PLANNED)
    with CaptureQueriesContext(connection) as more:
        board = client.get(reverse("procurement:board")).content.decode()
    assert len(few.captured_queries) == len(more.captured_queries)
    closed = board.split('id="status-avslutad"')[1].split("</section>")[0]
    assert "Avslutad upphandling 27" in closed  # the most recent first
    assert "Avslutad upphandling 03" in closed  # the 25th most recent
    assert "Avslutad upphandling 02" not in closed
    assert f"?status={Status.CLOSED}" in closed and "27" in closed


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    import os

    from django.core.management import call_command

    def counts():
        with scopes_disabled():
            return (
                Procurement.objects.count(),
                Bid.objects.count(),
                EmploymentReport.objects.count(),
            )

    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
        first = counts()
        call_command("seed_demo", stdout=devnull)
    assert counts() == first
    assert first[0] >= 14 and first[1] >= 10 and first[2] >= 5


def test_reserved_options_not_repeated_for_a_reserved_procurement(client, world):
    category = _category()
    _enterprise(world.a.organisation, category)
    procurement = ProcurementFactory(
        organisation=world.a.organisation, category=category, procedure=Procedure.RESERVED
    )
    assert "LOU 19 kap. 25 a §" not in _detail(client, world.a.viewer, procurement)


def test_bid_list_filters_awarded_bids(client, world):
    BidFactory(organisation=world.a.organisation, supplier=None, supplier_name="Vinnaren AB")
    with scopes_disabled():
        Bid.objects.filter(supplier_name="Vinnaren AB").update(awarded=True)
    BidFactory(organisation=world.a.organisation, supplier=None, supplier_name="Förloraren AB")
    client.force_login(world.a.viewer)
    html = client.get(reverse("procurement:bid_list"), {"awarded": "ja"}).content.decode()
    assert "Vinnaren AB" in html and "Förloraren AB" not in html
