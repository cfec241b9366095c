"""Who can bid: a reserved procurement lists only the enterprises its paragraph allows, ended
enterprises never, and a bid from a supplier that cannot bid is saved with a warning."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from enterprises.models import Answer, EnterpriseKind, EnterpriseStatus, ServiceCategory
from procurement.models import Bid, Procedure
from tests.factories import BidFactory, ProcurementFactory, SocialEnterpriseFactory

pytestmark = pytest.mark.django_db


def t(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


@pytest.fixture
def register(world):
    """Five enterprises of organisation A offering cleaning, one of each kind that matters."""
    category = ServiceCategory.objects.get(name="Lokalvård")
    a = world.a.organisation

    def make(name, **kwargs):
        enterprise = SocialEnterpriseFactory(organisation=a, name=name, **kwargs)
        with scopes_disabled():
            enterprise.categories.add(category)
        return enterprise

    yes = Answer.YES
    return {
        "wise": make("Arbetsintegrerande Städ", kind=EnterpriseKind.WISE, integration_share=40),
        "ended": make("Nedlagda Städ", kind=EnterpriseKind.WISE, status=EnterpriseStatus.ENDED),
        "non_profit": make("Föreningen Rent", kind=EnterpriseKind.NON_PROFIT),
        "innovation": make("Innovativa Städ", kind=EnterpriseKind.SOCIAL_INNOVATION),
        "employee_owned": make(
            "Medarbetarägda Städ",
            kind=EnterpriseKind.SOCIAL_INNOVATION,
            mission_in_statutes=yes,
            surplus_reinvested=yes,
            employee_participation=yes,
        ),
        "category": category,
    }


def _who_can_bid(client, user, procurement) -> str:
    client.force_login(user)
    html = client.get(procurement.get_absolute_url()).content.decode()
    return html.split('id="suppliers-heading"', 1)[1]


@pytest.mark.parametrize(
    ("procedure", "listed", "rule"),
    [
        (
            Procedure.RESERVED_NON_PROFIT,
            {"non_profit"},
            "The procurement is reserved under LOU 19 kap. 25 a §: only idéburna organisationer "
            "(non-profit organisations) are shown.",
        ),
        (Procedure.RESERVED, {"wise"}, None),
        (Procedure.RESERVED_SERVICES, {"employee_owned"}, None),
        (
            Procedure.OPEN,
            {"wise", "non_profit", "innovation", "employee_owned"},
            "The procurement is not reserved: every enterprise in the register that offers the "
            "service category is shown, except ended ones.",
        ),
    ],
)
def test_who_can_bid_follows_the_reservation(client, world, register, procedure, listed, rule):
    procurement = ProcurementFactory(
        organisation=world.a.organisation, category=register["category"], procedure=procedure
    )
    html = _who_can_bid(client, world.a.viewer, procurement)
    for key in ("wise", "ended", "non_profit", "innovation", "employee_owned"):
        assert (register[key].name in html) == (key in listed), key
    if rule:
        assert t(rule) in html


def test_the_page_names_the_reservation_rule_in_swedish(client, world, register):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        category=register["category"],
        procedure=Procedure.RESERVED_NON_PROFIT,
    )
    html = _who_can_bid(client, world.a.viewer, procurement)
    assert "Upphandlingen är reserverad enligt LOU 19 kap. 25 a §" in html


def _post_bid(client, world, procurement, supplier):
    client.force_login(world.a.coordinator)
    return client.post(
        reverse("procurement:bid_create"),
        {"procurement": procurement.pk, "supplier": supplier.pk},
    )


def test_a_bid_from_a_supplier_outside_the_reservation_is_saved_with_a_warning(
    client, world, register
):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        category=register["category"],
        procedure=Procedure.RESERVED_NON_PROFIT,
    )
    response = _post_bid(client, world, procurement, register["wise"])
    assert response.status_code == 302
    with scopes_disabled():
        assert Bid.objects.filter(supplier=register["wise"]).exists()
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and register["wise"].name in str(warnings[0])
    # ... and the bid carries a badge on the procurement's page
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert t("Check eligibility") in page


def test_a_bid_from_an_eligible_supplier_has_no_warning(client, world, register):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        category=register["category"],
        procedure=Procedure.RESERVED_NON_PROFIT,
    )
    response = _post_bid(client, world, procurement, register["non_profit"])
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert t("Check eligibility") not in page


def test_a_bid_from_an_ended_enterprise_is_flagged_even_when_unreserved(client, world, register):
    procurement = ProcurementFactory(
        organisation=world.a.organisation, category=register["category"], procedure=Procedure.OPEN
    )
    BidFactory(
        organisation=world.a.organisation, procurement=procurement, supplier=register["ended"]
    )
    BidFactory(
        organisation=world.a.organisation, procurement=procurement, supplier=register["wise"]
    )
    client.force_login(world.a.viewer)
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert page.count(t("Check eligibility")) == 1
