"""IOP partnerships: Forum's criteria and their advice, the partner rule, bad input, filters,
exports, the enterprise page, protection of the register entry, demo data."""

import csv
import html
import io
import os
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from areas import services
from areas.models import IOP_CRITERIA, CriterionAnswer, Partnership, PartnershipStatus
from collab.models import Organisation
from enterprises.models import EnterpriseKind, SocialEnterprise, SocietalChallenge
from tests.factories import PartnershipFactory, SocialEnterpriseFactory

KEYS = [c.key for c in IOP_CRITERIA]


def sv(text) -> str:
    """The text as the (Swedish) pages show it; English until the catalogue has it."""
    with translation.override("sv"):
        return gettext(str(text)) if isinstance(text, str) else str(text)


def shown(text, content: str) -> bool:
    """Whether the page shows ``text`` (escaped or not: {% translate %} does not escape)."""
    text = sv(text)
    return text in content or html.escape(text) in content


def _all(answer) -> dict:
    return {key: {"answer": answer, "note": ""} for key in KEYS}


def _nonprofit(organisation, **kwargs):
    return SocialEnterpriseFactory(
        organisation=organisation, kind=EnterpriseKind.NON_PROFIT, **kwargs
    )


def _count(organisation=None):
    with scopes_disabled():
        qs = Partnership.objects.all()
        if organisation is not None:
            qs = qs.filter(organisation=organisation)
        return qs.count()


def _post_data(partner, **overrides) -> dict:
    data = {
        "title": "Läxhjälp i Folkets hus",
        "partner": partner.pk,
        "challenge": "",
        "status": PartnershipStatus.DIALOGUE,
        "purpose": "Läxhjälp för barn i årskurs 4–9.",
        "goals": "60 barn per termin.",
        "start_date": "2026-01-01",
        "end_date": "2028-12-31",
        "municipality_contribution": "300000",
        "partner_contribution_money": "25000",
        "partner_volunteer_hours": "1200",
        "partner_contribution_other": "Lokaler",
        "committee": "Barn- och utbildningsnämnden",
        "decision_date": "",
        "case_number": "BUN 2026/12",
        "next_follow_up": "2026-06-01",
        "follow_up_notes": "",
    }
    for key in KEYS:
        data[f"criterion_{key}"] = CriterionAnswer.MET
        data[f"criterion_{key}_note"] = ""
    data.update(overrides)
    return data


# --- criteria logic -------------------------------------------------------------------------


def test_there_are_forums_seven_criteria_each_with_advice():
    assert KEYS == [
        "initiative",
        "political_programme",
        "not_association_grant",
        "no_market",
        "co_financing",
        "no_detailed_steering",
        "long_term",
    ]
    for criterion in IOP_CRITERIA:
        assert str(criterion.label) and str(criterion.help_text) and str(criterion.advice)


def test_unmet_criteria_are_exactly_the_not_met_answers():
    criteria = _all(CriterionAnswer.MET)
    criteria["no_market"]["answer"] = CriterionAnswer.NOT_MET
    criteria["long_term"]["answer"] = CriterionAnswer.NOT_MET
    criteria["initiative"]["answer"] = CriterionAnswer.NOT_ASSESSED
    partnership = Partnership(criteria=criteria)
    assert [row.criterion.key for row in partnership.unmet_criteria()] == [
        "no_market",
        "long_term",
    ]
    rows = {row.criterion.key: row for row in partnership.criteria_rows()}
    assert rows["no_market"].advice == IOP_CRITERIA[3].advice
    assert rows["initiative"].advice == "" and rows["political_programme"].advice == ""


def test_an_unanswered_criterion_counts_as_not_assessed():
    rows = Partnership(criteria={}).criteria_rows()
    assert len(rows) == 7
    assert all(row.answer == CriterionAnswer.NOT_ASSESSED for row in rows)
    assert Partnership(criteria={}).unmet_criteria() == []


@pytest.mark.parametrize(
    "criteria",
    [
        {"unknown": {"answer": CriterionAnswer.MET, "note": ""}},
        {"initiative": {"answer": "kanske", "note": ""}},
        {"initiative": "ja"},
        ["initiative"],
    ],
)
def test_malformed_criteria_are_refused(world, criteria):
    partner = _nonprofit(world.a.organisation)
    with scope(organisation=world.a.organisation.pk), pytest.raises(ValidationError):
        services.create_partnership(
            organisation=world.a.organisation, title="X", partner=partner, criteria=criteria
        )
    assert _count() == 0


def _advice_keys(content: str) -> list[str]:
    return [key for key in KEYS if f'data-criterion="{key}"' in content]


def test_detail_page_gives_advice_exactly_for_the_criteria_not_met(client, world):
    criteria = _all(CriterionAnswer.MET)
    criteria["no_market"] = {"answer": CriterionAnswer.NOT_MET, "note": "Tre företag finns."}
    criteria["no_detailed_steering"]["answer"] = CriterionAnswer.NOT_MET
    criteria["long_term"]["answer"] = CriterionAnswer.NOT_ASSESSED
    partnership = PartnershipFactory(organisation=world.a.organisation, criteria=criteria)
    client.force_login(world.a.viewer)
    content = client.get(partnership.get_absolute_url()).content.decode()
    assert _advice_keys(content) == ["no_market", "no_detailed_steering"]
    for criterion in IOP_CRITERIA:
        expected = criterion.key in {"no_market", "no_detailed_steering"}
        assert shown(criterion.advice, content) == expected, criterion.key
    assert "Tre företag finns." in content
    assert shown("Procurement or a grant may be the right route", content)


def test_all_criteria_met_gives_no_advice(client, world):
    partnership = PartnershipFactory(
        organisation=world.a.organisation, criteria=_all(CriterionAnswer.MET)
    )
    client.force_login(world.a.viewer)
    content = client.get(partnership.get_absolute_url()).content.decode()
    assert _advice_keys(content) == []
    assert not shown("Procurement or a grant may be the right route", content)
    assert shown("All of Forum's criteria are met.", content)


# --- create and edit ------------------------------------------------------------------------


def test_coordinator_creates_a_partnership_with_its_criteria(client, world):
    partner = _nonprofit(world.a.organisation)
    client.force_login(world.a.coordinator)
    data = _post_data(
        partner,
        criterion_no_market=CriterionAnswer.NOT_MET,
        criterion_no_market_note="Det finns en marknad.",
    )
    response = client.post(reverse("areas:partnership_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with scopes_disabled():
        partnership = Partnership.objects.get()
    assert partnership.organisation == world.a.organisation
    assert partnership.partner == partner
    assert partnership.municipality_contribution == 300_000
    assert partnership.criteria["no_market"] == {
        "answer": CriterionAnswer.NOT_MET,
        "note": "Det finns en marknad.",
    }
    assert partnership.criteria["initiative"]["answer"] == CriterionAnswer.MET
    assert response["Location"] == partnership.get_absolute_url()


def test_editing_the_criteria_is_written_to_the_change_history(client, world):
    partnership = PartnershipFactory(
        organisation=world.a.organisation, criteria=_all(CriterionAnswer.NOT_ASSESSED)
    )
    client.force_login(world.a.coordinator)
    data = _post_data(partnership.partner, title=partnership.title)
    data["criterion_long_term"] = CriterionAnswer.NOT_MET
    response = client.post(reverse("areas:partnership_update", args=[partnership.pk]), data)
    assert response.status_code == 302
    with scope(organisation=world.a.organisation.pk):
        record = Partnership.history.filter(id=partnership.pk).order_by("-history_date")[0]
        assert Partnership.objects.get().criteria["long_term"]["answer"] == "ej_uppfyllt"
    assert sv(IOP_CRITERIA[6].label) in record.history_change_reason
    content = client.get(partnership.get_absolute_url()).content.decode()
    assert html.escape(record.history_change_reason) in content


def test_create_page_preselects_the_partner_from_the_enterprise_page(client, world):
    partner = _nonprofit(world.a.organisation)
    client.force_login(world.a.coordinator)
    response = client.get(reverse("areas:partnership_create") + f"?partner={partner.pk}")
    assert response.context["form"].initial["partner"] == partner.pk


# --- the partner must be an idéburen organisation in the own register -------------------------


def test_partner_choices_are_the_own_idéburna_organisations(client, world):
    own = _nonprofit(world.a.organisation, name="Föreningen Egen")
    wise = SocialEnterpriseFactory(organisation=world.a.organisation, kind=EnterpriseKind.WISE)
    other = _nonprofit(world.b.organisation, name="Föreningen Annan")
    client.force_login(world.a.coordinator)
    response = client.get(reverse("areas:partnership_create"))
    choices = list(response.context["form"].fields["partner"].queryset)
    assert choices == [own]
    for enterprise in (wise, other):
        response = client.post(
            reverse("areas:partnership_create"), _post_data(enterprise, title="Försök")
        )
        assert response.status_code == 200
        assert response.context["form"].errors["partner"]
    assert _count() == 0


def test_service_refuses_a_partner_that_is_not_idéburen(world):
    wise = SocialEnterpriseFactory(
        organisation=world.a.organisation, kind=EnterpriseKind.WISE, name="Returcykeln"
    )
    with scope(organisation=world.a.organisation.pk):
        with pytest.raises(ValidationError) as excinfo:
            services.create_partnership(
                organisation=world.a.organisation, title="IOP", partner=wise
            )
    assert "Returcykeln" in excinfo.value.message_dict["partner"][0]
    assert _count() == 0


def test_service_refuses_another_organisations_enterprise(world):
    other = _nonprofit(world.b.organisation)
    with scope(organisation=world.a.organisation.pk), pytest.raises(ValidationError) as excinfo:
        services.create_partnership(organisation=world.a.organisation, title="IOP", partner=other)
    assert "partner" in excinfo.value.message_dict
    assert _count() == 0


def test_partner_whose_kind_changed_is_explained_on_edit(client, world):
    partnership = PartnershipFactory(organisation=world.a.organisation)
    with scopes_disabled():
        SocialEnterprise.objects.filter(pk=partnership.partner_id).update(kind=EnterpriseKind.WISE)
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_update", args=[partnership.pk]),
        _post_data(partnership.partner, title="Nytt namn"),
    )
    assert response.status_code == 200
    assert partnership.partner.name in " ".join(response.context["form"].errors["partner"])
    with scopes_disabled():
        assert Partnership.objects.get().title == partnership.title


# --- bad input: nothing stored ------------------------------------------------------------------


def test_end_before_start_is_refused_and_nothing_is_stored(client, world):
    partner = _nonprofit(world.a.organisation)
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _post_data(partner, start_date="2027-01-01", end_date="2026-12-31"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [
        sv("The end date is before the start date.")
    ]
    assert _count() == 0


@pytest.mark.parametrize(
    "field",
    ["municipality_contribution", "partner_contribution_money", "partner_volunteer_hours"],
)
def test_negative_contribution_is_refused_and_nothing_is_stored(client, world, field):
    partner = _nonprofit(world.a.organisation)
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"), _post_data(partner, **{field: "-5"})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [sv("An amount cannot be negative.")]
    assert _count() == 0


def test_service_refuses_end_before_start_and_negative_amounts(world):
    partner = _nonprofit(world.a.organisation)
    with scope(organisation=world.a.organisation.pk):
        with pytest.raises(ValidationError) as excinfo:
            services.create_partnership(
                organisation=world.a.organisation,
                title="IOP",
                partner=partner,
                start_date=date(2026, 5, 1),
                end_date=date(2026, 4, 30),
                municipality_contribution=-1,
            )
    assert {"end_date", "municipality_contribution"} <= set(excinfo.value.message_dict)
    assert _count() == 0


def test_failed_edit_changes_nothing(client, world):
    partnership = PartnershipFactory(
        organisation=world.a.organisation, start_date=date(2026, 1, 1), end_date=date(2027, 1, 1)
    )
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_update", args=[partnership.pk]),
        _post_data(partnership.partner, title="Ändrad", end_date="2025-01-01"),
    )
    assert response.status_code == 200
    with scopes_disabled():
        stored = Partnership.objects.get()
        assert (stored.title, stored.end_date) == (partnership.title, date(2027, 1, 1))
        assert Partnership.history.filter(id=partnership.pk).count() == 1


# --- list: filters and exports --------------------------------------------------------------


@pytest.fixture
def three(world):
    org = world.a.organisation
    with scopes_disabled():
        integration = SocietalChallenge.objects.get(slug="integration")
        elderly = SocietalChallenge.objects.get(slug="aldre")
    market = _all(CriterionAnswer.MET)
    market["no_market"]["answer"] = CriterionAnswer.NOT_MET
    return {
        "ongoing": PartnershipFactory(
            organisation=org,
            title="Språkcafé",
            status=PartnershipStatus.ONGOING,
            challenge=integration,
            partner=_nonprofit(org, name="Stadsdelsmammorna"),
            criteria=_all(CriterionAnswer.MET),
            municipality_contribution=1_234_567,
        ),
        "idea": PartnershipFactory(
            organisation=org,
            title="Trädgårdsträffar",
            status=PartnershipStatus.IDEA,
            challenge=elderly,
            partner=_nonprofit(org, name="Trädgårdsvännerna"),
            criteria=market,
        ),
        "other_org": PartnershipFactory(organisation=world.b.organisation, title="Betabys IOP"),
    }


def _titles(client, query=""):
    response = client.get(reverse("areas:partnership_list") + query)
    assert response.status_code == 200
    return [row["object"].title for row in response.context["rows"]]


def test_list_shows_own_partnerships_and_filters(client, world, three):
    client.force_login(world.a.viewer)
    assert _titles(client) == ["Språkcafé", "Trädgårdsträffar"]
    assert _titles(client, "?status=ide") == ["Trädgårdsträffar"]
    challenge = three["ongoing"].challenge_id
    assert _titles(client, f"?challenge={challenge}") == ["Språkcafé"]
    assert _titles(client, "?q=mammorna") == ["Språkcafé"]
    assert _titles(client, "?q=träffar") == ["Trädgårdsträffar"]
    assert _titles(client, "?criteria=ej_uppfyllt") == ["Trädgårdsträffar"]
    assert _titles(client, "?criteria=ej_bedomt") == []
    assert _titles(client, "?q=Betaby") == []


def test_csv_and_excel_exports_follow_the_filter(client, world, three):
    client.force_login(world.a.viewer)
    url = reverse("areas:partnership_list")
    response = client.get(url + "?status=pagar&export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == "Språkcafé" and rows[1][1] == "Stadsdelsmammorna"
    assert "1234567" in rows[1]
    response = client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert [v[0] for v in values[1:]] == ["Språkcafé", "Trädgårdsträffar"]
    assert 1_234_567 in values[1]


def test_list_shows_money_swedish_style(client, world, three):
    client.force_login(world.a.viewer)
    content = client.get(reverse("areas:partnership_list")).content.decode()
    assert "1\xa0234\xa0567" in content or "1 234 567" in content


# --- the register: enterprise page and protection ------------------------------------------------


def test_enterprise_page_lists_its_partnerships(client, world, three):
    client.force_login(world.a.viewer)
    partner = three["ongoing"].partner
    content = client.get(partner.get_absolute_url()).content.decode()
    assert three["ongoing"].get_absolute_url() in content
    assert "Språkcafé" in content
    assert "Trädgårdsträffar" not in content
    # An idéburen organisation without a partnership: the section says so.
    lonely = _nonprofit(world.a.organisation)
    content = client.get(lonely.get_absolute_url()).content.decode()
    assert shown("No IOP partnership with this organisation.", content)
    # Other kinds of enterprise: no IOP section at all.
    wise = SocialEnterpriseFactory(organisation=world.a.organisation, kind=EnterpriseKind.WISE)
    content = client.get(wise.get_absolute_url()).content.decode()
    assert not shown("No IOP partnership with this organisation.", content)


def test_enterprise_in_a_partnership_cannot_be_deleted(client, world, three):
    partner = three["ongoing"].partner
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_delete", args=[partner.pk])
    response = client.get(url)
    assert response.status_code == 200
    reason = response.context["refuse_reason"]
    assert reason and sv("IOP partnerships").lower() in reason.lower()
    response = client.post(url)
    assert response.status_code == 302
    with scopes_disabled():
        assert SocialEnterprise.objects.filter(pk=partner.pk).exists()
        assert Partnership.objects.filter(pk=three["ongoing"].pk).exists()


def test_deleting_a_partnership_frees_the_enterprise(client, world, three):
    partnership = three["ongoing"]
    client.force_login(world.a.coordinator)
    response = client.post(reverse("areas:partnership_delete", args=[partnership.pk]))
    assert response.status_code == 302
    with scopes_disabled():
        assert not Partnership.objects.filter(pk=partnership.pk).exists()
    response = client.get(
        reverse("enterprises:socialenterprise_delete", args=[partnership.partner_id])
    )
    assert response.context["refuse_reason"] is None


# --- demo data ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_partnerships_are_realistic_and_seeded_once():
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
        with scopes_disabled():
            first = (Partnership.objects.count(), Partnership.history.count())
        call_command("seed_demo", stdout=devnull)
    with scopes_disabled():
        assert (Partnership.objects.count(), Partnership.history.count()) == first
        far = Partnership.objects.filter(organisation=Organisation.objects.get(slug="sjostad"))
        start = Partnership.objects.filter(organisation=Organisation.objects.get(slug="norrbyn"))
        assert far.count() == 5
        assert start.count() <= 1
        assert all(p.status == PartnershipStatus.IDEA for p in start)
        for partnership in [*far, *start]:
            partnership.full_clean()
            assert partnership.partner.kind == EnterpriseKind.NON_PROFIT
            assert partnership.partner.organisation_id == partnership.organisation_id
        unmet = [p for p in far if p.unmet_criteria()]
        assert 1 <= len(unmet) < far.count(), "one shows the advice, the others meet Forum's"
        assert any(all(r.is_met for r in p.criteria_rows()) for p in far)
