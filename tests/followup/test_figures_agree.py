"""One figure, one number: the demo organisations' home page, area pages, dashboard, indicator
pages and PDF report show the same value for every figure they have in common, and a home card
opens the list of exactly the records it counted.

Then the stored table's promises: a closed year does not change when today's records are
edited, a recalculation is explicit and logged, and a year without source data says so."""

import datetime
import io
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from collab import figures, formatting
from collab.models import FigureRecalculation, RecordsChange, YearlyFigure
from enterprises.models import SocialEnterprise
from tests.factories import SocialEnterpriseFactory, SupplierPaymentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year


def texts(value) -> str:
    return " ".join(str(value).replace("\xa0", " ").replace("\u202f", " ").split())


def num(value) -> str:
    return texts(formatting.number(value))


def pct(value) -> str:
    return texts(formatting.percent(value))


def kr(value) -> str:
    return texts(formatting.kronor(value))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True
    )
    return texts(result.stdout)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_every_figure_shown_in_several_places_is_the_same_number(client, demo, tmp_path):
    for username in ["samordnare.sjostad", "admin.norrbyn"]:
        client.force_login(get_user_model().objects.get(username=username))
        figures_agree(client, tmp_path)


def figures_agree(client, tmp_path):
    home = client.get(reverse("collab:home"))
    organisation = home.wsgi_request.organisation
    cards = {card.label: card for card in home.context["figures"]}
    indicators = {
        view.row.key: view.row
        for view in client.get(reverse("followup:indicator_list")).context["computed"]
    }
    dashboard = client.get(reverse("followup:dashboard")).context
    key_figures = {figure["row"].key: figure for figure in dashboard["key_figures"]}
    walk = {status.area.number: status for status in dashboard["walk"]}
    overview = {
        s.area.number: s for s in client.get(reverse("areas:area_list")).context["statuses"]
    }
    with scope(organisation=organisation):
        stored = figures.values(
            organisation,
            [f.key for f in figures.catalogue()],
            [YEAR],
        )
    value = {key: by_year[YEAR] for key, by_year in stored.items()}

    def card(key):
        return cards[str(figures.get(key).name)]

    # The home page's cards, the indicator list and the dashboard: the stored figure.
    for key in ["enterprises_identified", "work_training_places", "iop_active"]:
        assert card(key).value == value[key] == indicators[key].value, key
    assert card("procurements_social").value == value["procurements_social"]
    for key, figure in key_figures.items():
        assert figure["row"].value == indicators[key].value == value[key], key
        detail = client.get(reverse("followup:indicator_detail", kwargs={"key": key})).context
        assert detail["row"].value == value[key], key
    # A card opens the list of exactly the records it counted.
    enterprises = client.get(card("enterprises_identified").url)
    assert enterprises.context["total_count"] == value["enterprises_identified"]
    procurements = client.get(card("procurements_social").url)
    assert procurements.context["total_count"] == value["procurements_social"]
    # The details under the cards.
    assert num(value["iop_kronor"]) in texts(card("iop_active").detail)
    assert (
        pct(value["procurements_social_share"]) in texts(card("procurements_social").detail)
        or value["procurements_social_share"] is None
    )
    # The seven areas' evidence (home page, overview, dashboard, area page): same numbers.
    for number in (4, 6, 7):
        page = client.get(reverse("areas:area_detail", kwargs={"number": number})).context
        area_figures = [
            {label: texts(shown) for e in s.evidence for label, shown in e.figures}
            for s in (walk[number], overview[number], page["status"])
        ]
        assert area_figures[0] == area_figures[1] == area_figures[2], number
    area_4 = {label: texts(v) for e in walk[4].evidence for label, v in e.figures}
    area_6 = {label: texts(v) for e in walk[6].evidence for label, v in e.figures}
    area_7 = {label: texts(v) for e in walk[7].evidence for label, v in e.figures}
    completion = value["action_plan_completion"]
    if completion is not None:
        assert area_4["Genomförandegrad"].startswith(pct(completion))
        assert area_7["Handlingsplanens genomförandegrad"].startswith(pct(completion))
        assert (
            f"{value['activities_done']} av {value['activities_due']}" in area_4["Genomförandegrad"]
        )
    assert area_6["Aktiva i år"] == num(value["iop_active"])
    assert area_6["Kommunens insats per år"] == kr(value["iop_kronor"])
    assert area_6["Med sociala hänsyn"].startswith(num(value["procurements_social"]))
    # The PDF report shows the key figures with the same values.
    report = client.get(reverse("followup:report_pdf") + f"?year={YEAR}")
    text = pdf_text(report.content, tmp_path)
    for key in ["enterprises_identified", "iop_active", "iop_kronor", "procurements_social_share"]:
        if value[key] is not None:
            shown = num(value[key])
            name = str(figures.get(key).name)
            # The key-figure table's row: the name, then this year's value first.
            found = re.search(rf"{re.escape(name)} {re.escape(shown)}(?![\d,]| \d{{3}})", text)
            assert found, (
                key,
                shown,
                [text[m.start() : m.start() + 90] for m in re.finditer(re.escape(name[:20]), text)],
            )


def test_a_closed_year_keeps_its_figures_and_a_recalculation_is_logged(client, world):
    organisation = world.a.organisation
    last_year = YEAR - 1
    with scopes_disabled():
        enterprise = SocialEnterpriseFactory(
            organisation=organisation,
            identified_on=datetime.date(last_year, 3, 1),
            work_training_places=328,
        )
    client.force_login(world.a.coordinator)

    def places(year):
        rows = client.get(reverse("followup:indicator_list"), {"year": year}).context["computed"]
        return {view.row.key: view.row for view in rows}["work_training_places"].values

    assert places(YEAR)[last_year] == 328
    # Edited today: this year's figure follows, last year's (closed) stays.
    with scopes_disabled():
        enterprise.work_training_places = 330
        enterprise.save()
    assert places(YEAR)[YEAR] == 330
    assert places(YEAR)[last_year] == 328
    assert places(last_year)[last_year] == 328
    page = client.get(reverse("followup:indicator_list"), {"year": last_year})
    assert "är stängt" in page.content.decode()
    url = reverse("collab:figures_recalculate", kwargs={"year": last_year})
    preview = client.get(url)
    assert [(c["before"], c["after"]) for c in preview.context["changes"]] == [
        ("328 platser", "330 platser")
    ]
    # A reason is required; nothing changes without one.
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    assert places(YEAR)[last_year] == 328
    response = client.post(url, {"reason": "Fel antal platser i registret"})
    assert response.status_code == 302
    assert places(YEAR)[last_year] == 330
    with scopes_disabled():
        entry = FigureRecalculation.objects.get(organisation=organisation, year=last_year)
    assert entry.reason == "Fel antal platser i registret"
    assert entry.changed_by == world.a.coordinator
    assert entry.changes == [{"key": "work_training_places", "before": 328, "after": 330}]
    assert (
        "Fel antal platser i registret"
        in client.get(reverse("followup:indicator_list"), {"year": last_year}).content.decode()
    )


def test_recalculation_is_for_editors_and_closed_years_only(client, world):
    client.force_login(world.a.viewer)
    url = reverse("collab:figures_recalculate", kwargs={"year": YEAR - 1})
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(world.a.coordinator)
    current = reverse("collab:figures_recalculate", kwargs={"year": YEAR})
    assert client.get(current).status_code == 404


def test_a_year_without_payments_has_no_spend_figure_and_no_trend(client, world):
    organisation = world.a.organisation
    with scopes_disabled():
        enterprise = SocialEnterpriseFactory(organisation=organisation)
        SupplierPaymentFactory(
            organisation=organisation,
            booking_date=datetime.date(YEAR - 1, 5, 1),
            amount=1_762_868,
            matched_enterprise=enterprise,
        )
    client.force_login(world.a.viewer)
    dashboard = client.get(reverse("followup:dashboard"))
    spend = {f["row"].key: f for f in dashboard.context["key_figures"]}["spend_social"]
    assert spend["row"].value is None and spend["change"] is None
    text = texts(dashboard.content.decode())
    assert f"Uppgifter saknas för {YEAR}" in text
    assert "−1 762 868 kr" not in text
    indicators = client.get(reverse("followup:indicator_list")).content.decode()
    assert "uppgifter saknas" in indicators


def test_every_change_to_the_records_bumps_the_version_in_the_same_transaction(world):
    organisation = world.a.organisation
    with scopes_disabled():
        before = figures.records_version(organisation)
        enterprise = SocialEnterpriseFactory(organisation=organisation)
        after_create = figures.records_version(organisation)
        enterprise.delete()
        after_delete = figures.records_version(organisation)
        other = figures.records_version(world.b.organisation)
        assert before < after_create < after_delete
        assert RecordsChange.objects.filter(organisation=world.b.organisation).count() >= 0
        assert other == figures.records_version(world.b.organisation)


def test_the_stored_figures_are_read_in_two_queries(world, django_assert_num_queries):
    organisation = world.a.organisation
    keys = [f.key for f in figures.catalogue()]
    with scope(organisation=organisation):
        figures.values(organisation, keys, range(YEAR - 4, YEAR + 1))
        with django_assert_num_queries(2):
            figures.values(organisation, keys, range(YEAR - 4, YEAR + 1))
        assert YearlyFigure.objects.filter(organisation=organisation).count() == len(keys) * 5


def test_the_list_behind_a_figure_ignores_a_figure_of_another_list(client, world):
    with scopes_disabled():
        SocialEnterpriseFactory(organisation=world.a.organisation)
        total = SocialEnterprise.objects.filter(organisation=world.a.organisation).count()
    client.force_login(world.a.viewer)
    url = reverse("enterprises:socialenterprise_list")
    # A procurement figure on the register's list, or a nonsense year: the whole list.
    for query in ["?figure=procurements_social&figure_year=2026", "?figure=x&figure_year=1"]:
        assert client.get(url + query).context["total_count"] == total


def test_the_current_year_is_computed_again_after_each_commit(
    world, django_capture_on_commit_callbacks
):
    """The stored current year follows every committed change at once (so at year end it holds
    31 December's values), also after a rolled-back transaction."""
    from django.db import connection, transaction

    # The fixtures' records were "committed": their refreshes have run.
    for _savepoints, callback, _robust in connection.run_on_commit:
        callback()
    organisation = world.a.organisation
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        enterprise = SocialEnterpriseFactory(organisation=organisation, work_training_places=5)
    with scope(organisation=organisation):
        assert figures.values(organisation, ["work_training_places"], [YEAR]) == {
            "work_training_places": {YEAR: 5}
        }

    def stored():
        with scopes_disabled():
            return YearlyFigure.objects.get(
                organisation=organisation, key="work_training_places", year=YEAR
            ).value

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic(), scopes_disabled():
            enterprise.work_training_places = 99
            enterprise.save()
            raise RuntimeError("rolled back")
    assert callbacks == [] and stored() == 5
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic(), scopes_disabled():
            enterprise.work_training_places = 7
            enterprise.save()
            enterprise.save()  # twice in one transaction: computed once
    assert len(callbacks) == 1 and stored() == 7
    # Only the latest change is kept: it alone names the version.
    with scopes_disabled():
        assert RecordsChange.objects.filter(organisation=organisation).count() == 1


def test_the_spend_page_shows_the_stored_figures_and_says_when_a_closed_year_differs(client, world):
    organisation = world.a.organisation
    last_year = YEAR - 1
    with scopes_disabled():
        enterprise = SocialEnterpriseFactory(organisation=organisation)
        SupplierPaymentFactory(
            organisation=organisation,
            booking_date=datetime.date(last_year, 3, 1),
            amount=1_000,
            matched_enterprise=enterprise,
        )
        SupplierPaymentFactory(
            organisation=organisation, booking_date=datetime.date(last_year, 4, 1), amount=3_000
        )
    client.force_login(world.a.coordinator)
    url = reverse("procurement:spend") + f"?year={last_year}"
    page = client.get(url)
    assert page.context["figures"]["spend_social_share"] == 25
    assert not page.context["closed_differs"]
    # A late payment for the closed year: the page keeps the stored figures and says so.
    with scopes_disabled():
        SupplierPaymentFactory(
            organisation=organisation,
            booking_date=datetime.date(last_year, 12, 1),
            amount=4_000,
            matched_enterprise=enterprise,
        )
    page = client.get(url)
    assert page.context["figures"]["spend_social"] == 1_000
    assert page.context["closed_differs"]
    assert "är stängt" in page.content.decode()
    client.post(page.context["recalculate_url"], {"reason": "Sen import av decemberbetalningar"})
    page = client.get(url)
    assert page.context["figures"]["spend_social"] == 5_000
    assert not page.context["closed_differs"]
