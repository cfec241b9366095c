"""The dashboard (the politicians' start page) and the effect chains with their diagram."""

import datetime
import os
import re
from html import unescape

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from areas.handbook import AREAS
from collab import registry
from collab.models import Role
from followup import effect_diagram
from followup.models import EffectChain, EffectStep, Stage
from procurement.models import Procedure, Status
from tests.factories import (
    ActivityFactory,
    EffectChainFactory,
    EffectStepFactory,
    GoverningDocumentFactory,
    ManualIndicatorFactory,
    MeasurementFactory,
    MeetingActionFactory,
    PartnershipFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
    TargetFactory,
)

TODAY = timezone.localdate()
YEAR = TODAY.year
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english(client):
    """These tests read the English texts (the Swedish catalogue is checked elsewhere)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _row(html: str, text: str) -> str:
    """The table row (``<tr>…</tr>``) that contains ``text``."""
    for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        if text in row:
            return row
    raise AssertionError(f"no table row with {text!r}")


def _card(html: str, text: str) -> str:
    """The key-figure card (``<li>…</li>``) that contains ``text``."""
    for card in re.findall(r'<li class="col-sm-6 col-xl-3">.*?</li>', html, flags=re.S):
        if text in card:
            return card
    raise AssertionError(f"no key figure with {text!r}")


def _enterprises(organisation, *, last_year: int, this_year: int, places: int = 3):
    for _ in range(last_year):
        SocialEnterpriseFactory(
            organisation=organisation,
            identified_on=datetime.date(YEAR - 1, 3, 1),
            work_training_places=places,
        )
    for _ in range(this_year):
        SocialEnterpriseFactory(
            organisation=organisation,
            identified_on=datetime.date(YEAR, 1, 1),
            work_training_places=places,
        )


@pytest.fixture
def dashboard_data(world):
    """Organisation A: 3 enterprises identified last year and 2 this year (3 places each) and
    2 IOP partners identified long ago (no places): 7 enterprises and 15 places this year,
    5 and 9 last year, 2 and 0 the year before; targets off track, at risk and on track;
    overdue items, recent procurements and IOPs. Organisation B has records of its own that A
    must never see."""
    a, b = world.a.organisation, world.b.organisation
    _enterprises(a, last_year=3, this_year=2)
    TargetFactory(organisation=a, indicator_key="enterprises_identified", year=YEAR, value=10)
    TargetFactory(organisation=a, indicator_key="work_training_places", year=YEAR, value=16)
    manual = ManualIndicatorFactory(organisation=a, name="Deltagare i arbete", unit="personer")
    MeasurementFactory(organisation=a, indicator=manual, year=YEAR, value=12)
    TargetFactory(organisation=a, indicator_key="", manual=manual, year=YEAR, value=12)
    ActivityFactory(organisation=a, title="Kartlägga sociala företag", due_date=YESTERDAY)
    ActivityFactory(organisation=a, title="Framtida aktivitet", due_date=TODAY)
    GoverningDocumentFactory(organisation=a, title="Program 2024", next_review=TODAY)
    MeetingActionFactory(organisation=a, what="Skicka inbjudan till forumet", due_date=YESTERDAY)
    ProcurementFactory(
        organisation=a,
        title="Snöröjning reserverad",
        procedure=Procedure.RESERVED,
        employment_requirement=False,
    )
    ProcurementFactory(
        organisation=a,
        title="Vanlig kontorsmaterialupphandling",
        procedure=Procedure.OPEN,
        employment_requirement=False,
    )
    ProcurementFactory(organisation=a, title="Avbruten lokalvård", status=Status.CANCELLED)
    # Their two partners are in the register since long ago, without work-training places.
    long_ago = {"partner__identified_on": datetime.date(2010, 1, 1)}
    long_ago["partner__work_training_places"] = 0
    PartnershipFactory(
        organisation=a,
        title="Mötesplats Väster",
        status="pagar",
        start_date=datetime.date(2020, 1, 1),
        **long_ago,
    )
    PartnershipFactory(organisation=a, title="Bara en idé", status="ide", **long_ago)
    # Organisation B's records.
    SocialEnterpriseFactory(organisation=b, name="Betabys företag")
    GoverningDocumentFactory(organisation=b, title="Betabys program", next_review=TODAY)
    ProcurementFactory(organisation=b, title="Betabys upphandling")
    TargetFactory(organisation=b, indicator_key="iop_active", year=YEAR, value=7)
    return world


# --- the dashboard -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_viewer_sees_key_figures_with_trend_and_definition(client, dashboard_data):
    client.force_login(dashboard_data.a.viewer)
    response = client.get(reverse("followup:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Dashboard {YEAR}" in html
    card = _card(html, "Identified social enterprises")
    assert '<span class="fs-3 fw-semibold">7</span> enterprises' in card
    assert f"+2 enterprises compared with {YEAR - 1}" in card
    assert '<span aria-hidden="true" class="trend-arrow">▲</span>' in card
    assert "<details" in card and "identified on or before 31 December" in card
    places = _card(html, "Work-training places")
    assert '<span class="fs-3 fw-semibold">15</span> places' in places
    assert f"+6 places compared with {YEAR - 1}" in places
    assert "Betabys företag" not in html


@pytest.mark.django_db
def test_dashboard_shows_levels_targets_charts_attention_and_recent_records(client, dashboard_data):
    client.force_login(dashboard_data.a.viewer)
    html = client.get(reverse("followup:dashboard")).content.decode()
    # the seven areas with their levels
    for area in AREAS:
        assert reverse("areas:area_detail", kwargs={"number": area.number}) in html
    assert "Level 0 of 4: Not started" in html
    # targets with a status in words, and the rule
    assert "Off track" in _row(html, "Identified social enterprises")
    assert "At risk" in _row(html, "Work-training places")
    assert "On track" in _row(html, "Deltagare i arbete")
    assert "10 enterprises" in _row(html, "Identified social enterprises")
    assert "short of the target by at most 10 %" in html
    assert "Active IOP partnerships</a></th>" not in html  # B's target only
    # charts over five years, each with its table
    assert html.count('role="img"') >= 4
    assert 'id="chart-enterprises_identified-title"' in html
    chart_table = _row(html, f">{YEAR - 4}<")
    assert all(f">{year}<" in chart_table for year in range(YEAR - 4, YEAR + 1))
    # what needs attention
    assert "1 overdue activity in the action plan" in html
    assert "Kartlägga sociala företag" in html and "Framtida aktivitet" not in html
    assert "1 governing document due for review" in html and "Program 2024" in html
    assert "1 overdue action from meetings" in html and "Skicka inbjudan till forumet" in html
    assert "Betabys program" not in html
    # the latest procurements with social considerations and decided or ongoing IOPs
    assert "Snöröjning reserverad" in html and "· reserved" in html
    assert "Vanlig kontorsmaterialupphandling" not in html
    assert "Avbruten lokalvård" not in html and "Betabys upphandling" not in html
    assert "Mötesplats Väster" in html and "Bara en idé" not in html
    # the status report for the same year, and no way to edit from here
    assert f'{reverse("followup:report_pdf")}?year={YEAR}"' in html
    assert "Status report (PDF)" in html
    assert reverse("areas:activity_create") not in html


@pytest.mark.django_db
def test_year_selector_and_invalid_years(client, dashboard_data):
    client.force_login(dashboard_data.a.viewer)
    url = reverse("followup:dashboard")
    html = client.get(url, {"year": YEAR - 1}).content.decode()
    assert f"Dashboard {YEAR - 1}" in html
    card = _card(html, "Identified social enterprises")
    assert '<span class="fs-3 fw-semibold">5</span>' in card
    assert f"+3 enterprises compared with {YEAR - 2}" in card
    assert f'{reverse("followup:report_pdf")}?year={YEAR - 1}"' in html
    assert f'<option value="{YEAR - 1}" selected>' in html
    for invalid in ["abc", "1999", str(YEAR + 2), "99999999999999999999999", "²", "", "-1"]:
        response = client.get(url, {"year": invalid})
        assert response.status_code == 200, invalid
        assert f"Dashboard {YEAR}" in response.content.decode(), invalid


@pytest.mark.django_db
def test_viewer_lands_on_the_dashboard_others_on_the_home_page(client, world):
    assert registry.start_page(Role.VIEWER) == "followup:dashboard"
    client.force_login(world.a.viewer)
    response = client.get(reverse("collab:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:dashboard")
    for user in (world.a.coordinator, world.a.admin, world.network_coordinator, world.outsider):
        client.force_login(user)
        response = client.get(reverse("collab:home"))
        assert response.status_code == 200, user
        assert "collab/home.html" in [t.name for t in response.templates], user
    # A politician who also coordinates a network keeps the home page with the networks.
    world.network.coordinators.add(world.a.viewer)
    client.force_login(world.a.viewer)
    response = client.get(reverse("collab:home"))
    assert response.status_code == 200
    assert world.network.name in response.content.decode()


@pytest.mark.django_db
def test_coordinator_finds_the_dashboard_and_effect_chains_in_the_menu(client, world):
    client.force_login(world.a.coordinator)
    html = client.get(reverse("collab:home")).content.decode()
    assert f'href="{reverse("followup:dashboard")}"' in html
    assert f'href="{reverse("followup:effectchain_list")}"' in html


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow(client, world):
    org = world.b.organisation
    client.force_login(world.b.viewer)
    url = reverse("followup:dashboard")

    def add_rows(count):
        for _ in range(count):
            _enterprises(org, last_year=1, this_year=1)
            ProcurementFactory(organisation=org, procedure=Procedure.RESERVED)
            PartnershipFactory(organisation=org)
            ActivityFactory(organisation=org, due_date=YESTERDAY)
            GoverningDocumentFactory(organisation=org, next_review=TODAY)
            MeetingActionFactory(organisation=org, due_date=YESTERDAY)
            manual = ManualIndicatorFactory(organisation=org)
            MeasurementFactory(organisation=org, indicator=manual, year=YEAR)
            TargetFactory(organisation=org, indicator_key="", manual=manual, year=YEAR)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]

    # Each time: the first request after a change computes the open years' stored figures
    # again, the next one reads them.
    add_rows(1)
    count()
    add_rows(1)
    recomputed, _sql = count()
    stored, _sql = count()
    add_rows(9)
    recomputed_more, sql = count()
    assert recomputed == recomputed_more, "\n".join(sql)
    stored_more, sql = count()
    assert stored == stored_more, "\n".join(sql)
    assert stored < recomputed


# --- effect chains -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_effect_chain_crud_with_computed_and_manual_indicators(client, world):
    org = world.a.organisation
    _enterprises(org, last_year=0, this_year=2)  # 6 work-training places this year
    manual = ManualIndicatorFactory(organisation=org, name="Deltagare i arbete", unit="personer")
    MeasurementFactory(organisation=org, indicator=manual, year=YEAR, value=12)
    client.force_login(world.a.coordinator)

    response = client.post(
        reverse("followup:effectchain_create"),
        {"title": "Arbetsintegrering", "description": "Fler i arbete."},
    )
    assert response.status_code == 302
    with scopes_disabled():
        chain = EffectChain.objects.get(title="Arbetsintegrering")
    assert chain.organisation == org
    assert response["Location"] == chain.get_absolute_url()

    create = reverse("followup:effectstep_create") + f"?chain={chain.pk}&stage=resultat"
    form = client.get(create).content.decode()
    assert f'<option value="{chain.pk}" selected>' in form
    assert re.search(r'<input type="radio"[^>]*value="resultat"[^>]*checked', form)
    response = client.post(
        create,
        {
            "chain": chain.pk,
            "stage": Stage.OUTCOMES,
            "title": "Deltagare går vidare till arbete",
            "description": "Efter arbetsträningen.",
            "position": 10,
            "indicator_keys": ["work_training_places"],
            "manual_indicators": [manual.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(chain.get_absolute_url())
    with scopes_disabled():
        step = EffectStep.objects.get(chain=chain)
        assert step.indicator_keys == ["work_training_places"]
        assert list(step.manual_indicators.all()) == [manual]

    html = client.get(chain.get_absolute_url()).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for stage in Stage:
        assert f">{stage.label}</text>" in svg
    assert "• Work-training places" in svg and "• Deltagare i arbete" in svg
    assert "Deltagare går vidare till arbete (measured by" in svg  # the description
    # the same content as a list, with this year's values
    listing = html[html.index('id="steg"') :]
    assert "Deltagare går vidare till arbete" in listing and "Efter arbetsträningen." in listing
    assert "6 places" in _row(listing, "Work-training places")
    assert "12 personer" in _row(listing, "Deltagare i arbete")
    assert reverse("followup:effectstep_update", kwargs={"pk": step.pk}) in listing

    response = client.post(
        reverse("followup:effectstep_update", kwargs={"pk": step.pk}),
        {
            "chain": chain.pk,
            "stage": Stage.OUTPUTS,
            "title": "Arbetsträningsplatser",
            "position": 5,
            "indicator_keys": ["work_training_places", "enterprises_identified"],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        step.refresh_from_db()
        assert step.stage == Stage.OUTPUTS
        assert step.indicator_keys == ["work_training_places", "enterprises_identified"]
        assert not step.manual_indicators.exists()
        assert step.history.count() == 2

    response = client.post(reverse("followup:effectstep_delete", kwargs={"pk": step.pk}))
    assert response.status_code == 302 and response["Location"] == chain.get_absolute_url()
    response = client.post(reverse("followup:effectchain_delete", kwargs={"pk": chain.pk}))
    assert response["Location"] == reverse("followup:effectchain_list")
    with scopes_disabled():
        assert not EffectChain.objects.filter(pk=chain.pk).exists()


@pytest.mark.django_db
def test_step_form_rejects_unknown_indicators_and_other_organisations_records(client, world):
    org = world.a.organisation
    chain = EffectChainFactory(organisation=org)
    other_chain = EffectChainFactory(organisation=world.b.organisation, title="Betabys kedja")
    other_manual = ManualIndicatorFactory(organisation=world.b.organisation, name="Betabys mått")
    client.force_login(world.a.coordinator)
    url = reverse("followup:effectstep_create")
    form = client.get(url).content.decode()
    assert "Betabys kedja" not in form and "Betabys mått" not in form
    data = {"chain": chain.pk, "stage": Stage.OUTPUTS, "title": "Platser", "position": 1}
    response = client.post(url, {**data, "indicator_keys": ["nonsense"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice. nonsense is not one of the available choices." in html
    assert "Nothing has been saved." in html
    response = client.post(url, {**data, "manual_indicators": [other_manual.pk]})
    assert response.status_code == 200
    response = client.post(url, {**data, "chain": other_chain.pk})
    assert response.status_code == 200
    response = client.post(url, {**data, "title": "", "stage": "nonsense"})
    assert response.status_code == 200
    with scopes_disabled():
        assert not EffectStep.objects.exists()


@pytest.mark.django_db
def test_other_organisations_chains_are_invisible(client, world):
    EffectChainFactory(organisation=world.a.organisation, title="Alfastads kedja")
    EffectChainFactory(organisation=world.b.organisation, title="Betabys kedja")
    client.force_login(world.a.viewer)
    html = client.get(reverse("followup:effectchain_list")).content.decode()
    assert "Alfastads kedja" in html and "Betabys kedja" not in html
    assert reverse("followup:effectchain_create") not in html  # a viewer edits nothing


@pytest.mark.django_db
def test_empty_states_explain_the_effect_chain(client, world):
    client.force_login(world.a.coordinator)
    html = client.get(reverse("followup:effectchain_list")).content.decode()
    assert "What is an effect chain?" in html
    assert "Add the first effect chain" in html
    chain = EffectChainFactory(organisation=world.a.organisation)
    html = client.get(chain.get_absolute_url()).content.decode()
    assert "What is an effect chain?" in html
    assert "<svg" not in html
    assert reverse("followup:effectstep_create") + f"?chain={chain.pk}" in html
    client.force_login(world.a.viewer)
    html = client.get(chain.get_absolute_url()).content.decode()
    assert "What is an effect chain?" in html
    assert reverse("followup:effectstep_create") not in html


@pytest.mark.django_db
def test_chain_page_query_count_does_not_grow_with_steps(client, world):
    org = world.b.organisation
    chain = EffectChainFactory(organisation=org)
    client.force_login(world.b.viewer)

    def add_steps(count):
        for index in range(count):
            step = EffectStepFactory(
                organisation=org,
                chain=chain,
                stage=list(Stage)[index % 5],
                indicator_keys=["work_training_places"],
            )
            with scopes_disabled():
                step.manual_indicators.add(ManualIndicatorFactory(organisation=org))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(chain.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]

    add_steps(1)
    count()  # the closed years are computed once and stored
    add_steps(1)
    first, _sql = count()
    add_steps(8)
    second, sql = count()
    assert first == second, "\n".join(sql)


# --- the diagram -------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    light, dark = sorted([_luminance(first), _luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_diagram_colours_have_enough_contrast():
    d = effect_diagram
    for text, background in [
        (d.HEADING_TEXT, d.HEADING_FILL),
        (d.TEXT, d.BOX_FILL),
        (d.INDICATOR_TEXT, d.BOX_FILL),
        (d.EMPTY_TEXT, "#ffffff"),
    ]:
        assert _contrast(text, background) >= 4.5, (text, background)
    for mark, background in [
        (d.ARROW, "#ffffff"),
        (d.BOX_BORDER, "#ffffff"),
        (d.BOX_BORDER, d.BOX_FILL),
        (d.EMPTY_BORDER, "#ffffff"),
    ]:
        assert _contrast(mark, background) >= 3, (mark, background)


@pytest.mark.django_db
def test_diagram_orders_wraps_and_escapes(world):
    org = world.a.organisation
    chain = EffectChainFactory(organisation=org)
    EffectStepFactory(
        organisation=org, chain=chain, stage=Stage.IMPACTS, title="<script>x</script>"
    )
    EffectStepFactory(
        organisation=org,
        chain=chain,
        stage=Stage.RESOURCES,
        title="Samordnare på halvtid inom arbetsmarknadsenheten",
        indicator_keys=["iop_kronor", "gone_from_the_catalogue"],
    )
    with scope(organisation=org):
        steps = list(EffectStep.objects.prefetch_related("manual_indicators"))
        svg = str(
            effect_diagram.effect_chain_svg(
                steps,
                title="Kedja & mått",
                chart_id="test",
                indicator_names={"iop_kronor": "Kronor till IOP"},
            )
        )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Kedja &amp; mått" in svg
    assert svg.index(">Resources<") < svg.index(">Impacts<")
    # long Swedish compounds are split over lines within the box
    lines = re.findall(r'font-weight="600" fill="#212529">([^<]*)<', svg)
    assert "arbetsmarknadsenhete-" in lines or "arbetsmarknadsenheten" in lines
    assert all(len(unescape(line)) <= effect_diagram.TITLE_CHARS for line in lines)
    assert "• Kronor till IOP" in svg and "• gone_from_the_catalogue" in svg
    assert "No steps yet" in svg  # the empty columns


@pytest.mark.django_db
def test_demo_has_an_effect_chain_measured_by_computed_and_manual_indicators():
    from django.core.management import call_command

    from collab.models import Organisation
    from followup.demo_data.sjostad import CHAIN as DEMO_CHAIN
    from followup.demo_data.sjostad import CHAIN_STEPS as DEMO_STEPS

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with scopes_disabled():
        chains = EffectChain.objects.filter(title=DEMO_CHAIN)
        assert chains.count() == 1, "seeding twice makes one chain"
        chain = chains.get()
        assert chain.organisation == Organisation.objects.get(slug="sjostad")
        steps = list(chain.steps.prefetch_related("manual_indicators"))
        assert len(steps) == len(DEMO_STEPS)
        assert {step.stage for step in steps} == set(Stage)
        outcome = next(step for step in steps if step.stage == Stage.OUTCOMES)
        assert [m.organisation_id for m in outcome.manual_indicators.all()] == [
            chain.organisation_id
        ]
        assert any(step.indicator_keys for step in steps)
        assert not EffectChain.objects.filter(organisation__slug="norrbyn").exists()
