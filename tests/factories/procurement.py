"""Factories of procurements, bids, employment reports and spend imports."""

import datetime

import factory
from django_scopes import scopes_disabled

from enterprises.models import EnterpriseStatus
from enterprises.orgnr import complete_with_check_digit
from procurement.models import (
    Bid,
    ColumnMapping,
    EmploymentReport,
    Procedure,
    Procurement,
    SpendImport,
    SupplierPayment,
    TargetType,
)
from tests.factories.base import owned_maker
from tests.factories.collab import OrganisationFactory
from tests.factories.enterprises import SocialEnterpriseFactory


class ProcurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procurement
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Upphandling {n} av lokalvård")
    reference = factory.Sequence(lambda n: f"KS 2026/{n:04d}")
    procedure = Procedure.OPEN
    estimated_value = 1_000_000
    planned_start = datetime.date(2026, 1, 1)
    planned_end = datetime.date(2027, 12, 31)
    employment_requirement = True
    employment_target_type = TargetType.MONTHS
    employment_target = 24

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    organisation = factory.SubFactory(OrganisationFactory)
    procurement = factory.SubFactory(
        ProcurementFactory, organisation=factory.SelfAttribute("..organisation")
    )
    supplier = factory.SubFactory(
        SocialEnterpriseFactory, organisation=factory.SelfAttribute("..organisation")
    )
    bid_value = 950_000

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class EmploymentReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentReport

    organisation = factory.SubFactory(OrganisationFactory)
    procurement = factory.SubFactory(
        ProcurementFactory, organisation=factory.SelfAttribute("..organisation")
    )
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 3, 31)
    months_delivered = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def _spend_content(file_name: str) -> bytes:
    """Open-data format: one good row and one row with errors. The bad row's supplier is the
    file's name, so the error-rows download (like every page of an import) shows it."""
    good = complete_with_check_digit("769600000")
    return (
        "bokforingsdatum;leverantor;organisationsnummer;belopp\r\n"
        f"2025-03-01;Returbutiken Ekorren ek. för.;{good};12 500,50\r\n"
        f"2025-13-01;{file_name};;inte ett belopp\r\n"
    ).encode()


class SpendImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendImport

    organisation = factory.SubFactory(OrganisationFactory)
    file_name = factory.Sequence(lambda n: f"leverantorsreskontra-{n}.csv")
    file_format = SpendImport.Format.CSV
    layout = SpendImport.Layout.OPEN_DATA
    content = factory.LazyAttribute(lambda o: _spend_content(o.file_name))
    mapping = ["booking_date", "supplier_name", "supplier_org_number", "amount"]
    row_count = 2
    error_count = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class SupplierPaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierPayment

    organisation = factory.SubFactory(OrganisationFactory)
    spend_import = factory.SubFactory(
        SpendImportFactory, organisation=factory.SelfAttribute("..organisation")
    )
    booking_date = datetime.date(2025, 3, 1)
    supplier_name = factory.Sequence(lambda n: f"Leverantör {n} AB")
    supplier_org_number = ""
    personal_data = False
    amount = 10_000

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class ColumnMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ColumnMapping

    organisation = factory.SubFactory(OrganisationFactory)
    signature = factory.Sequence(lambda n: f"{n:064d}")
    headers = ["Datum", "Namn", "Summa"]
    mapping = ["booking_date", "supplier_name", "amount"]

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


@owned_maker("procurement.DialogueInvitation")
def make_dialogue_invitation(organisation):
    from procurement.models import DialogueInvitation

    with scopes_disabled():
        return DialogueInvitation.objects.create(
            organisation=organisation,
            procurement=ProcurementFactory(organisation=organisation),
            enterprise=SocialEnterpriseFactory(organisation=organisation),
        )


@owned_maker(Procurement)
def make_procurement(organisation):
    """A procurement with an enterprise invited to its dialogue that has ended since: the
    round trip checks that saving the unchanged form keeps the invitation."""
    from procurement.models import DialogueInvitation

    procurement = ProcurementFactory(organisation=organisation)
    ended = SocialEnterpriseFactory(organisation=organisation, status=EnterpriseStatus.ENDED)
    with scopes_disabled():
        DialogueInvitation.objects.create(
            organisation=organisation, procurement=procurement, enterprise=ended
        )
    return procurement
