"""Rules and forms users tripped over in the areas: an IOP is decided only with Forum's
criteria assessed and the decision recorded; a document's edit form links to its file."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from areas import services
from areas.models import IOP_CRITERIA, CriterionAnswer, Partnership, PartnershipStatus
from enterprises.models import EnterpriseKind
from tests.factories import GoverningDocumentFactory, SocialEnterpriseFactory

pytestmark = pytest.mark.django_db

KEYS = [c.key for c in IOP_CRITERIA]


def sv(text) -> str:
    with translation.override("sv"):
        return gettext(str(text))


def _data(partner, **overrides) -> dict:
    data = {
        "title": "Läxhjälp i Folkets hus",
        "partner": partner.pk,
        "challenge": "",
        "status": PartnershipStatus.DECIDED,
        "purpose": "",
        "goals": "",
        "start_date": "2026-01-01",
        "end_date": "2028-12-31",
        "municipality_contribution": "300000",
        "partner_contribution_money": "25000",
        "partner_volunteer_hours": "1200",
        "partner_contribution_other": "",
        "committee": "Barn- och utbildningsnämnden",
        "decision_date": "2025-11-20",
        "case_number": "BUN 2025/12",
        "next_follow_up": "",
        "follow_up_notes": "",
    }
    for key in KEYS:
        data[f"criterion_{key}"] = CriterionAnswer.MET
        data[f"criterion_{key}_note"] = ""
    data.update(overrides)
    return data


@pytest.fixture
def partner(world):
    return SocialEnterpriseFactory(
        organisation=world.a.organisation, kind=EnterpriseKind.NON_PROFIT
    )


def _count():
    with scopes_disabled():
        return Partnership.objects.count()


def test_decided_without_the_decision_is_refused_next_to_each_field(client, world, partner):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(partner, committee="", decision_date="", case_number=""),
    )
    assert response.status_code == 200 and _count() == 0
    errors = response.context["form"].errors
    assert errors["committee"] == [sv("A decided partnership needs the committee that decided it.")]
    assert errors["decision_date"] == [sv("A decided partnership needs the date of the decision.")]
    assert errors["case_number"] == [
        sv("A decided partnership needs the decision's case number (diarienummer).")
    ]
    assert "Ett beslutat partnerskap behöver" in response.content.decode()


def test_decided_with_a_criterion_not_assessed_is_refused(client, world, partner):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(partner, criterion_long_term=CriterionAnswer.NOT_ASSESSED),
    )
    assert response.status_code == 200 and _count() == 0
    [message] = response.context["form"].errors["status"]
    assert sv(IOP_CRITERIA[6].label) in message
    assert sv(IOP_CRITERIA[0].label) not in message


def test_decided_with_every_criterion_assessed_and_the_decision_is_saved(client, world, partner):
    """A criterion that is not met is still assessed: the page gives its advice."""
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(partner, criterion_no_market=CriterionAnswer.NOT_MET),
    )
    assert response.status_code == 302 and _count() == 1


def test_assessing_the_last_criterion_and_deciding_in_one_edit_is_saved(client, world, partner):
    """The rule checks the answers in the form, not the stored ones; the change history still
    names the criterion that changed."""
    with scope(organisation=world.a.organisation.pk):
        partnership = services.create_partnership(
            organisation=world.a.organisation,
            title="Läxhjälp",
            partner=partner,
            status=PartnershipStatus.DIALOGUE,
            criteria={"initiative": {"answer": CriterionAnswer.MET, "note": ""}},
        )
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_update", args=[partnership.pk]), _data(partner)
    )
    assert response.status_code == 302, response.context["form"].errors
    with scope(organisation=world.a.organisation.pk):
        saved = Partnership.objects.get(pk=partnership.pk)
        record = Partnership.history.filter(id=partnership.pk).order_by("-history_date")[0]
    assert saved.status == PartnershipStatus.DECIDED
    assert sv(IOP_CRITERIA[6].label) in record.history_change_reason


def test_the_service_refuses_a_decided_partnership_without_a_decision(world, partner):
    with scope(organisation=world.a.organisation.pk), pytest.raises(ValidationError) as exc:
        services.create_partnership(
            organisation=world.a.organisation,
            title="Läxhjälp",
            partner=partner,
            status=PartnershipStatus.DECIDED,
        )
    assert {"status", "committee", "decision_date", "case_number"} <= set(exc.value.error_dict)


def test_other_statuses_need_no_decision(client, world, partner):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(
            partner,
            status=PartnershipStatus.DIALOGUE,
            committee="",
            decision_date="",
            case_number="",
            criterion_long_term=CriterionAnswer.NOT_ASSESSED,
        ),
    )
    assert response.status_code == 302 and _count() == 1


# --- a governing document's edit form links to its file ----------------------------------------


def test_document_edit_form_links_to_the_download_not_the_storage_path(client, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    page = client.get(
        reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    ).content.decode()
    download = reverse("areas:governingdocument_download", kwargs={"pk": document.pk})
    assert f'href="{download}"' in page
    assert html.escape(document.file_name) in page
    assert document.file.name not in page  # the internal path, which no view serves
    assert client.get(download).status_code == 200
