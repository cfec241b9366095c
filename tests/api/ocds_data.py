"""Demo-like procurements for the OCDS tests: every kind the dataset maps (reserved under LOU
4 kap. 18 §, 19 kap. 25 § and 25 a §, employment requirements, awarded with suppliers, a sole
trader's bid, one without value, cancelled, lots and dialogue), built once per test."""

import datetime
from dataclasses import dataclass

from enterprises.models import LegalForm, ServiceCategory
from enterprises.orgnr import complete_with_check_digit
from procurement.models import Procedure, Status, TargetType
from tests.factories import (
    BidFactory,
    ContactPersonFactory,
    OpenDataPublicationFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)

OTHER_SUPPLIER = ("Städbolaget Glans AB", complete_with_check_digit("556677889"))
SOLE_TRADER_NUMBER = complete_with_check_digit("800101123")  # a personal identity number
RESPONSIBLE = "Ansvariga Anna Upphandlare"
CONTACT = "Kontakt-Kalle Personsson"


@dataclass
class Data:
    publication: object
    reserved_418: object
    reserved_1925: object
    reserved_1925a: object
    employment: object
    without_value: object
    lots: object
    enterprise: object
    awarded_bid: object
    employment_bid: object


def build(organisation, **publication) -> Data:
    publication.setdefault("ocid_prefix", "ocds-abc123")
    category, _created = ServiceCategory.objects.get_or_create(
        name="Lokalvård", defaults={"cpv_codes": "90911200-8"}
    )
    enterprise = SocialEnterpriseFactory(organisation=organisation, name="Glada Städarna ek. för.")
    ContactPersonFactory(organisation=organisation, enterprise=enterprise, name=CONTACT)
    sole_trader = SocialEnterpriseFactory(
        organisation=organisation,
        name="Kalles Fönsterputs",
        org_number=SOLE_TRADER_NUMBER,
        legal_form=LegalForm.SOLE_TRADER,
    )
    common = {"organisation": organisation, "responsible_person": RESPONSIBLE}
    reserved_418 = ProcurementFactory(
        **common,
        title="Lokalvård förskolor",
        description="Städning av 14 förskolor.",
        procedure=Procedure.RESERVED,
        status=Status.CONTRACT_RUNNING,
        category=category,
        cpv_code="90911200-8",
        estimated_value=1_200_000,
        employment_target_type=TargetType.MONTHS,
    )
    awarded_bid = BidFactory(
        organisation=organisation,
        procurement=reserved_418,
        supplier=enterprise,
        bid_value=1_150_000,
        awarded=True,
        contract_value=1_150_000,
    )
    BidFactory(
        organisation=organisation, procurement=reserved_418, supplier=sole_trader, bid_value=900
    )
    reserved_1925 = ProcurementFactory(
        **common,
        title="Daglig verksamhet",
        procedure=Procedure.RESERVED_SERVICES,
        status=Status.PLANNED,
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
    )
    reserved_1925a = ProcurementFactory(
        **common,
        title="Stödboende för unga",
        procedure=Procedure.RESERVED_NON_PROFIT,
        status=Status.ADVERTISED,
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
        other_social_requirements="Praktikplatser för unga.",
    )
    employment = ProcurementFactory(
        **common,
        title="Parkskötsel",
        procedure=Procedure.OPEN,
        status=Status.AWARDED,
        estimated_value=3_400_000,
    )
    employment_bid = BidFactory(
        organisation=organisation,
        procurement=employment,
        supplier=None,
        supplier_name=OTHER_SUPPLIER[0],
        supplier_org_number=OTHER_SUPPLIER[1],
        bid_value=3_100_000,
        awarded=True,
        contract_value=3_050_000,
    )
    without_value = ProcurementFactory(
        **common,
        title="Catering vid möten",
        procedure=Procedure.DIRECT_AWARD,
        status=Status.CANCELLED,
        estimated_value=None,
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
    )
    lots = ProcurementFactory(
        **common,
        title="Tvätt och textil",
        procedure=Procedure.NEGOTIATED,
        status=Status.CLOSED,
        divided_into_lots=True,
        market_dialogue_held=True,
        market_dialogue_date=datetime.date(2025, 3, 1),
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2025, 12, 31),
    )
    BidFactory(
        organisation=organisation,
        procurement=lots,
        supplier=None,
        supplier_name="Någon utan nummer",
        supplier_org_number="",
        awarded=True,
        contract_value=400_000,
    )
    return Data(
        publication=OpenDataPublicationFactory(organisation=organisation, **publication),
        reserved_418=reserved_418,
        reserved_1925=reserved_1925,
        reserved_1925a=reserved_1925a,
        employment=employment,
        without_value=without_value,
        lots=lots,
        enterprise=enterprise,
        awarded_bid=awarded_bid,
        employment_bid=employment_bid,
    )
