"""API v1: procurements and IOP partnerships (``/api/v1/procurements/``,
``/api/v1/partnerships/``)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from areas.models import Partnership
from collab import formatting
from enterprises.models import ServiceCategory, SocietalChallenge
from procurement.models import DialogueInvitation, Procedure, Procurement, Status
from tests.factories import (
    BidFactory,
    EmploymentReportFactory,
    PartnershipFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)
from tests.factories.api import api_key_for, bearer

PROBLEM = "application/problem+json"
PROCUREMENTS = "/api/v1/procurements/"
PARTNERSHIPS = "/api/v1/partnerships/"


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:400]
    return [row["title"] for row in response.json()["results"]]


def _age(model, obj, days: int) -> None:
    with scopes_disabled():
        model.objects.filter(pk=obj.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=days)
        )


def test_procurements_with_reservation_follow_up_bids_and_filters(client, world):
    organisation = world.a.organisation
    with scopes_disabled():
        category, _ = ServiceCategory.objects.get_or_create(
            slug="apireg-stad", defaults={"name": "Städ (apireg)"}
        )
    reserved = ProcurementFactory(
        organisation=organisation,
        title="A Lokalvård, reserverad",
        procedure=Procedure.RESERVED,
        status=Status.AWARDED,
        category=category,
        planned_start=datetime.date(2025, 3, 1),
        planned_end=datetime.date(2026, 2, 28),
        responsible_person="Eva Handläggare",
    )
    supplier = SocialEnterpriseFactory(organisation=organisation, name="Städkooperativet")
    BidFactory(
        organisation=organisation,
        procurement=reserved,
        supplier=supplier,
        awarded=True,
        contract_value=880_000,
    )
    BidFactory(
        organisation=organisation, procurement=reserved, supplier=None, supplier_name="Annan AB"
    )
    EmploymentReportFactory(organisation=organisation, procurement=reserved, months_delivered=5)
    plain = ProcurementFactory(
        organisation=organisation,
        title="B Kontorsmaterial",
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
    )
    _age(Procurement, plain, 30)
    _key, secret = api_key_for(organisation)
    auth = bearer(secret)

    with CaptureQueriesContext(connection) as few:
        body = client.get(PROCUREMENTS, **auth).json()
    rows = {row["title"]: row for row in body["results"]}
    row = rows["A Lokalvård, reserverad"]
    assert row["reserved"] is True and row["reservation"] == "reserverad_4_18"
    assert row["procedure"] == "reserverad_4_18" and "4 kap. 18 §" in row["procedure_label"]
    assert row["status"] == "tilldelad" and row["category"]["slug"] == "apireg-stad"
    assert row["has_social_considerations"] is True and row["social_considerations"]
    assert row["estimated_value_sek"] == 1_000_000
    assert "responsible_person" not in row  # a person's name: personal data
    awarded, other = row["bids"]
    assert awarded["supplier"] == {
        "id": supplier.pk,
        "name": "Städkooperativet",
        "org_number": supplier.org_number,
    }
    assert awarded["awarded"] is True and awarded["contract_value_sek"] == 880_000
    assert other["supplier"] is None and other["supplier_name"] == "Annan AB"
    requirement = row["employment_requirement"]
    assert (requirement["target_type"], requirement["target"]) == ("manader", 24)
    assert requirement["follow_up"]["delivered"] == 5
    assert requirement["reports"][0]["months_delivered"] == 5
    assert rows["B Kontorsmaterial"]["employment_requirement"] is None
    assert rows["B Kontorsmaterial"]["reservation"] is None
    _personal, personal_secret = api_key_for(organisation, allow_personal_data=True)
    detail = client.get(f"{PROCUREMENTS}{reserved.pk}/", **bearer(personal_secret)).json()
    assert detail["responsible_person"] == "Eva Handläggare"

    # Bids, suppliers, reports and invitations are prefetched: one more such row, no more queries.
    more = BidFactory(organisation=organisation, awarded=True, contract_value=1)
    EmploymentReportFactory(organisation=organisation, procurement=more.procurement)
    with scopes_disabled():
        DialogueInvitation.objects.create(
            organisation=organisation, procurement=more.procurement, enterprise=supplier
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(PROCUREMENTS, **auth).json()["count"] == 3
    assert len(many) == len(few), [q["sql"] for q in many]
    _age(Procurement, more.procurement, 30)

    # The list page's filters, the year of the contract start and updated_since.
    title = "A Lokalvård, reserverad"
    assert _titles(client.get(PROCUREMENTS, {"status": "tilldelad"}, **auth)) == [title]
    assert _titles(client.get(PROCUREMENTS, {"reserved": "ja"}, **auth)) == [title]
    assert _titles(client.get(PROCUREMENTS, {"category": "apireg-stad"}, **auth)) == [title]
    assert _titles(client.get(PROCUREMENTS, {"year": 2025}, **auth)) == [title]
    assert _titles(client.get(PROCUREMENTS, {"year": 2026}, **auth)) == [
        "B Kontorsmaterial",
        more.procurement.title,
    ]
    since = timezone.localdate().isoformat()
    assert _titles(client.get(PROCUREMENTS, {"updated_since": since}, **auth)) == [title]
    for bad in ({"year": "2025a"}, {"year": "0"}, {"updated_since": "2026-13-01"}):
        refused = client.get(PROCUREMENTS, bad, **auth)
        assert refused.status_code == 400 and refused["Content-Type"].startswith(PROBLEM), bad
        assert refused.json()["errors"][next(iter(bad))], refused.json()


def test_procurement_value_and_employment_follow_up_equal_the_page(client, world):
    organisation = world.a.organisation
    procurement = ProcurementFactory(organisation=organisation, estimated_value=12_345_678)
    EmploymentReportFactory(organisation=organisation, procurement=procurement, months_delivered=7)
    _key, secret = api_key_for(organisation)
    api = client.get(f"{PROCUREMENTS}{procurement.pk}/", **bearer(secret)).json()
    client.force_login(world.a.viewer)
    page = client.get(reverse("procurement:procurement_detail", kwargs={"pk": procurement.pk}))
    html = page.content.decode()
    follow_up = page.context["follow_up"]
    assert api["estimated_value_sek"] == page.context["object"].estimated_value == 12_345_678
    assert formatting.number(api["estimated_value_sek"]) in html  # "12 345 678"
    shown = api["employment_requirement"]["follow_up"]
    assert (shown["delivered"], shown["expected"], shown["status"]) == (
        follow_up.delivered,
        follow_up.expected,
        follow_up.status,
    )
    assert shown["delivered"] == 7


def test_partnerships_filters_and_contribution_equal_the_page(client, world):
    organisation = world.a.organisation
    with scopes_disabled():
        challenge, _ = SocietalChallenge.objects.get_or_create(
            slug="apireg-ensamhet", defaults={"name": "Ensamhet (apireg)"}
        )
    ongoing = PartnershipFactory(
        organisation=organisation,
        title="A Mötesplats",
        challenge=challenge,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        municipality_contribution=1_250_000,
        criteria={"initiative": {"answer": "uppfyllt", "note": "Föreningens idé"}},
    )
    idea = PartnershipFactory(organisation=organisation, title="B Idé", status="ide")
    _age(Partnership, idea, 30)
    _key, secret = api_key_for(organisation)
    auth = bearer(secret)

    rows = {row["title"]: row for row in client.get(PARTNERSHIPS, **auth).json()["results"]}
    row = rows["A Mötesplats"]
    assert row["partner"] == {
        "id": ongoing.partner_id,
        "name": ongoing.partner.name,
        "org_number": ongoing.partner.org_number,
    }
    assert row["status"] == "pagar" and row["challenge"]["slug"] == "apireg-ensamhet"
    assert (row["start_date"], row["end_date"]) == ("2024-01-01", "2026-12-31")
    assert row["partner_yearly_contribution_sek"] == 20_000
    assert row["criteria"][0] == {
        "key": "initiative",
        "label": str(ongoing.criteria_rows()[0].label),
        "answer": "uppfyllt",
        "answer_label": "Uppfyllt",
        "note": "Föreningens idé",
    }
    assert len(row["criteria"]) == 7
    assert _titles(client.get(PARTNERSHIPS, {"status": "pagar"}, **auth)) == ["A Mötesplats"]
    assert _titles(client.get(PARTNERSHIPS, {"challenge": "apireg-ensamhet"}, **auth)) == [
        "A Mötesplats"
    ]
    assert _titles(client.get(PARTNERSHIPS, {"year": 2025}, **auth)) == ["A Mötesplats"]
    since = timezone.localdate().isoformat()
    assert _titles(client.get(PARTNERSHIPS, {"updated_since": since}, **auth)) == ["A Mötesplats"]
    assert client.get(PARTNERSHIPS, {"updated_since": "snart"}, **auth).status_code == 400

    # The municipality's contribution equals the page's.
    client.force_login(world.a.viewer)
    page = client.get(reverse("areas:partnership_detail", kwargs={"pk": ongoing.pk}))
    assert (
        row["municipality_yearly_contribution_sek"]
        == page.context["object"].municipality_contribution
    )
    assert formatting.kronor(row["municipality_yearly_contribution_sek"]) in page.content.decode()
