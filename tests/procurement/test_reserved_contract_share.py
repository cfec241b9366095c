"""LOU 4 kap. 18 §: a reserved contract is open to work-integrating enterprises whose recorded
share of employees in integration is at least 30 %; one without a recorded share is listed
apart as "not yet known", never counted as eligible; a bid follows the same rule. The share is
kept on the enterprise (form, page, import and export)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from enterprises import importing
from enterprises.models import EnterpriseKind, EnterpriseStatus, ServiceCategory, SocialEnterprise
from procurement.models import Procedure
from procurement.querysets import eligible_suppliers_q, unconfirmed_suppliers_q
from tests.factories import ProcurementFactory, SocialEnterpriseFactory

pytestmark = pytest.mark.django_db

UNKNOWN_HEADING = "Ännu inte känt: andelen är inte registrerad"


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


@pytest.fixture
def register(world):
    category = ServiceCategory.objects.get(name="Lokalvård")
    organisation = world.a.organisation

    def make(name, share, **kwargs):
        kwargs.setdefault("kind", EnterpriseKind.WISE)
        enterprise = SocialEnterpriseFactory(
            organisation=organisation, name=name, integration_share=share, **kwargs
        )
        with scopes_disabled():
            enterprise.categories.add(category)
        return enterprise

    return {
        "at_30": make("Trettio Städ", 30),
        "at_29": make("Tjugonio Städ", 29),
        "unknown": make("Okänd Andel Städ", None),
        "ended": make("Nedlagda Städ", 80, status=EnterpriseStatus.ENDED),
        "ended_unknown": make("Nedlagda Okända", None, status=EnterpriseStatus.ENDED),
        "not_wise": make("Föreningen Rent", 90, kind=EnterpriseKind.NON_PROFIT),
        "category": category,
    }


def _reserved(world, register):
    return ProcurementFactory(
        organisation=world.a.organisation,
        category=register["category"],
        procedure=Procedure.RESERVED,
    )


def test_the_rule_at_the_boundary_and_for_the_unknown(world, register):
    with scope(organisation=world.a.organisation.pk):
        eligible = set(SocialEnterprise.objects.filter(eligible_suppliers_q(Procedure.RESERVED)))
        unknown = set(SocialEnterprise.objects.filter(unconfirmed_suppliers_q(Procedure.RESERVED)))
    assert eligible == {register["at_30"]}
    assert unknown == {register["unknown"]}
    # Other procedures need nothing more.
    assert unconfirmed_suppliers_q(Procedure.OPEN) is None
    assert unconfirmed_suppliers_q(Procedure.RESERVED_NON_PROFIT) is None


def test_who_can_bid_lists_30_and_shows_the_unknown_apart(client, world, register):
    procurement = _reserved(world, register)
    client.force_login(world.a.viewer)
    page = client.get(procurement.get_absolute_url()).content.decode()
    box = page.split('id="suppliers-heading"', 1)[1].split("</section>", 1)[0]
    listed, unknown = box.split(UNKNOWN_HEADING, 1)
    assert register["at_30"].name in listed
    for key in ("at_29", "unknown", "ended", "ended_unknown", "not_wise"):
        assert register[key].name not in listed, key
    assert register["unknown"].name in unknown
    assert register["unknown"].get_absolute_url() in unknown
    for key in ("at_30", "at_29", "ended_unknown"):
        assert register[key].name not in unknown, key
    assert "De räknas inte som att de kan lämna anbud" in unknown
    assert "den registrerade andelen sådana personer bland de anställda är minst 30 %" in listed


def test_an_unreserved_procurement_has_no_unknown_section(client, world, register):
    procurement = ProcurementFactory(
        organisation=world.a.organisation, category=register["category"], procedure=Procedure.OPEN
    )
    client.force_login(world.a.viewer)
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert UNKNOWN_HEADING not in page
    assert register["unknown"].name in page and register["at_29"].name in page


def _bid(client, world, procurement, supplier):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("procurement:bid_create"),
        {"procurement": procurement.pk, "supplier": supplier.pk},
    )
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    client.get(response["Location"])  # shows (and so uses up) the messages
    return warnings


def test_a_bid_is_warned_about_below_30_and_unknown_not_at_30(client, world, register):
    procurement = _reserved(world, register)
    assert _bid(client, world, procurement, register["at_30"]) == []
    [below] = _bid(client, world, procurement, register["at_29"])
    assert "Tjugonio Städ har en registrerad andel på 29 % anställda" in below
    assert "kräver minst 30 %" in below
    [unknown] = _bid(client, world, procurement, register["unknown"])
    assert unknown.startswith("Registret har ingen registrerad andel anställda")
    assert "Okänd Andel Städ" in unknown
    # The page flags the same two bids.
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert page.count(sv("Check eligibility")) == 2


def _form_data(enterprise, **changes) -> dict:
    data = {
        "name": enterprise.name,
        "org_number": enterprise.org_number,
        "legal_form": enterprise.legal_form,
        "kind": enterprise.kind,
        "status": enterprise.status,
        "work_training_places": 0,
        "employees": 10,
        "participants": 0,
        **{c: "okant" for c in importing.CRITERION_HEADERS},
    }
    data.update(changes)
    return data


def _save(client, enterprise, **changes):
    url = reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk})
    data = _form_data(enterprise, **changes)
    form = client.get(url).context["form"]
    if "_version" in form.fields:
        data["_version"] = form["_version"].value()
    return client.post(url, data)


def test_the_share_is_edited_in_the_form_and_shown_on_the_page(client, world, register):
    enterprise = register["unknown"]
    client.force_login(world.a.coordinator)
    response = _save(client, enterprise, integration_share=101)
    assert response.status_code == 200
    assert response.context["form"].errors["integration_share"] == [
        "Kontrollera att detta värde är mindre än eller lika med 100."
    ]
    response = _save(client, enterprise, integration_share_confirmed="2026-03-01")
    assert response.context["form"].errors["integration_share"] == [
        "Fyll i andelen som bekräftades, eller ta bort datumet."
    ]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _save(
        client, enterprise, integration_share=40, integration_share_confirmed=tomorrow.isoformat()
    )
    assert response.context["form"].errors["integration_share_confirmed"] == [
        "Datumet då andelen bekräftades kan inte ligga i framtiden."
    ]
    response = _save(
        client, enterprise, integration_share=35, integration_share_confirmed="2026-03-01"
    )
    assert response.status_code == 302
    page = client.get(enterprise.get_absolute_url()).content.decode()
    share = page.split("data-integration-share>", 1)[1].split("</dd>", 1)[0]
    assert share.startswith("35 % (bekräftad 1 mars 2026)")
    page = client.get(register["at_29"].get_absolute_url()).content.decode()
    assert "Andel anställda i integration" in page
    # Not known is said, not shown as 0 %.
    page = client.get(register["ended_unknown"].get_absolute_url()).content.decode()
    assert page.split("data-integration-share>", 1)[1].startswith("Inte känd")


def test_the_import_reads_and_the_export_writes_the_share(world, register):
    content = (
        "namn;typ;andel anställda i integration;andel bekräftad\r\n"
        "Nya Städ;Arbetsintegrerande socialt företag;35 %;2026-03-01\r\n"
        "Fel Städ;Arbetsintegrerande socialt företag;120;\r\n"
        "Tom Städ;Arbetsintegrerande socialt företag;;\r\n"
    ).encode()
    with scope(organisation=world.a.organisation.pk), translation.override("sv"):
        rows = importing.analyse(importing.read_upload("foretag.csv", content)).rows
        exported = dict(
            zip(
                importing.export_headers(),
                importing.export_values(register["at_29"]),
                strict=True,
            )
        )
    assert rows[0].data["integration_share"] == 35
    assert rows[0].data["integration_share_confirmed"] == datetime.date(2026, 3, 1)
    assert [e.message for e in rows[1].errors] == [
        "Skriv en hel procentsats från 0 till 100, t.ex. 35."
    ]
    assert "integration_share" not in rows[2].data and not rows[2].errors
    assert exported["andel anställda i integration"] == 29
