"""Test data through factories. ``OWNED_FACTORIES`` tells the generic tests how to make one
organisation-owned object of each model; a model without an entry fails the URL matrix.

``OWNED_FACTORIES`` is derived (:func:`owned_factories`): every factory class of this module
whose model is organisation-owned, plus the hand-written makers registered with
:func:`owned_maker` (those win where a model has both)."""

import datetime
import hashlib
import itertools
import secrets
import sys

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scopes_disabled

from areas.models import (
    Activity,
    ActivityStatus,
    CommitteeKind,
    CoordinatingFunction,
    CoordinationGroup,
    DocumentFileVersion,
    DocumentKind,
    DocumentStatus,
    FunctionMember,
    FunctionPlacement,
    GoverningDocument,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    Partnership,
    PoliticalDecision,
    Represents,
)
from collab.models import Invitation, Membership, Network, Organisation, Role
from enterprises.models import (
    ContactPerson,
    EnterpriseImport,
    EnterpriseKind,
    LegalForm,
    SocialEnterprise,
)
from enterprises.orgnr import complete_with_check_digit
from followup.models import (
    Direction,
    EffectChain,
    EffectStep,
    ManualIndicator,
    Measurement,
    Periodicity,
    Stage,
    Target,
)
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

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    slug = factory.Sequence(lambda n: f"testkommun-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    scb_code = factory.Sequence(lambda n: f"01{n % 100:02d}")
    population = 25_000


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Nätverk {n}")
    slug = factory.Sequence(lambda n: f"natverk-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class SocialEnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialEnterprise
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Socialt företag {n} ek. för.")
    org_number = factory.Sequence(lambda n: complete_with_check_digit(f"769{n:06d}"))
    legal_form = LegalForm.ECONOMIC_ASSOCIATION
    kind = EnterpriseKind.WISE
    work_training_places = 3
    postal_town = "Sjöstad"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    enterprise = factory.SubFactory(
        SocialEnterpriseFactory, organisation=factory.SelfAttribute("..organisation")
    )
    name = factory.Faker("name", locale="sv_SE")
    role = "Verksamhetsledare"
    email = factory.Sequence(lambda n: f"kontakt{n}@foretag.example.se")
    phone = "08-123 456 78"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


# Hand-written makers: model (or its "app_label.Model") -> callable(organisation)
_OWNED_MAKERS: dict = {}


def owned_maker(model):
    """Register a hand-written maker of one organisation-owned ``model`` object for the generic
    tests (where no factory class fits, or it must make something particular)."""

    def register(make):
        _OWNED_MAKERS[model] = make
        return make

    return register


@owned_maker(Membership)  # a viewer: the world's roles stay as they are
def make_membership(organisation):
    return MembershipFactory(organisation=organisation, role=Role.VIEWER)


_invitation_numbers = itertools.count(1)


@owned_maker(Invitation)
def make_invitation(organisation, email=None, role=Role.COORDINATOR, days=14):
    """An unanswered invitation; ``.token`` is the secret of its e-mailed link."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with scopes_disabled():
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email or f"inbjuden{next(_invitation_numbers)}@example.se",
            role=role,
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            sent_at=now,
            expires_at=now + datetime.timedelta(days=days),
        )
    invitation.token = token
    return invitation


# --- The register import ---------------------------------------------------------------------


def _import_content(file_name: str) -> bytes:
    """A small CSV: one good row and one row with errors. The bad row's name is the file's
    name, so the error-rows download (like every page of an import) shows ``str(import)``."""
    good = complete_with_check_digit("556036079")
    return (
        "namn;organisationsnummer;anställda\r\n"
        f"Returbutiken Ekorren;{good};4\r\n"
        f"{file_name};556036-0790;-1\r\n"
    ).encode()


class EnterpriseImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseImport

    organisation = factory.SubFactory(OrganisationFactory)
    file_name = factory.Sequence(lambda n: f"foretagslista-{n}.csv")
    file_format = EnterpriseImport.Format.CSV
    content = factory.LazyAttribute(lambda o: _import_content(o.file_name))
    row_count = 2
    new_count = 1
    error_count = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


# --- IOP partnerships ------------------------------------------------------------------------


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Mötesplats {n}")
    partner = factory.SubFactory(
        SocialEnterpriseFactory,
        organisation=factory.SelfAttribute("..organisation"),
        kind=EnterpriseKind.NON_PROFIT,
        legal_form=LegalForm.NON_PROFIT_ASSOCIATION,
        name=factory.Sequence(lambda n: f"Föreningen Gemenskap {n}"),
    )
    status = "pagar"
    municipality_contribution = 250_000
    partner_contribution_money = 20_000
    partner_volunteer_hours = 800
    committee = "Socialnämnden"
    case_number = factory.Sequence(lambda n: f"SN 2026/{n + 1}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


# --- Procurement -------------------------------------------------------------------------------


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


# --- Spend with social enterprises -----------------------------------------------------------


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


# --- The seven-area walk's records -----------------------------------------------------------


class ScopedFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class PoliticalDecisionFactory(ScopedFactory):
    class Meta:
        model = PoliticalDecision

    committee = "Kommunstyrelsen"
    committee_kind = CommitteeKind.EXECUTIVE
    decided_on = datetime.date(2025, 3, 12)
    case_number = factory.Sequence(lambda n: f"KS 2025/{n + 10}")
    decision = "Kommunstyrelsen ansvarar för samverkan med sociala företag."


class CoordinatingFunctionFactory(ScopedFactory):
    class Meta:
        model = CoordinatingFunction

    name = factory.Sequence(lambda n: f"Samordning sociala företag {n}")
    placement = FunctionPlacement.MANAGEMENT
    unit = "Kommunledningskontoret"
    mandate = "Samordnar kommunens arbete med sociala företag och rapporterar till KS."
    established_on = datetime.date(2025, 4, 1)


class FunctionMemberFactory(ScopedFactory):
    class Meta:
        model = FunctionMember

    function = factory.SubFactory(
        CoordinatingFunctionFactory, organisation=factory.SelfAttribute("..organisation")
    )
    name = factory.Sequence(lambda n: f"Samordnare Nummer{n}")
    title = "Utvecklingsstrateg"
    share_of_full_time = 50


class CoordinationGroupFactory(ScopedFactory):
    class Meta:
        model = CoordinationGroup

    name = factory.Sequence(lambda n: f"Interna gruppen {n}")
    kind = GroupKind.INTERNAL
    purpose = "Samordnar näringsliv, upphandling och arbetsmarknad."
    started_on = datetime.date(2025, 5, 1)


class GroupMemberFactory(ScopedFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(
        CoordinationGroupFactory, organisation=factory.SelfAttribute("..organisation")
    )
    name = factory.Sequence(lambda n: f"Gruppmedlem Nummer{n}")
    represents = Represents.PURCHASING
    organisation_name = "Upphandlingsenheten"


class MeetingFactory(ScopedFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(
        CoordinationGroupFactory, organisation=factory.SelfAttribute("..organisation")
    )
    date = datetime.date(2026, 9, 15)
    title = factory.Sequence(lambda n: f"Gruppmöte {n}")
    agenda = "1. Upphandlingsplanen 2027"
    minutes = "Gruppen gick igenom upphandlingsplanen."


class MeetingActionFactory(ScopedFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(
        MeetingFactory, organisation=factory.SelfAttribute("..organisation")
    )
    what = factory.Sequence(lambda n: f"Ta fram rutin nummer {n}")
    responsible = "Upphandlingschefen"
    due_date = datetime.date(2026, 12, 31)


class GoverningDocumentFactory(ScopedFactory):
    class Meta:
        model = GoverningDocument

    kind = DocumentKind.PROGRAMME
    title = factory.Sequence(lambda n: f"Program för sociala företag {n}")
    adopted_by = "Kommunfullmäktige"
    adopted_on = datetime.date(2025, 6, 16)
    case_number = factory.Sequence(lambda n: f"KS 2025/{n + 200}")
    valid_from = datetime.date(2025, 7, 1)
    valid_to = datetime.date(2028, 12, 31)
    next_review = datetime.date(2027, 6, 30)
    status = DocumentStatus.ADOPTED
    file = factory.django.FileField(
        filename="program.pdf",
        data=b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    )
    file_name = "program.pdf"


class DocumentFileVersionFactory(ScopedFactory):
    """An earlier file of a document (the document's current file is another one)."""

    class Meta:
        model = DocumentFileVersion

    document = factory.SubFactory(
        GoverningDocumentFactory, organisation=factory.SelfAttribute("..organisation")
    )
    file = factory.django.FileField(
        filename="program-2024.pdf",
        data=b"%PDF-1.4\n% an earlier version\ntrailer << >>\n%%EOF\n",
    )
    file_name = "Program 2024.pdf"
    size = 44


class ActivityFactory(ScopedFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Aktivitet nummer {n}")
    area = 4
    owner = "Näringslivschefen"
    start_date = datetime.date(2026, 1, 1)
    due_date = datetime.date(2026, 12, 31)
    status = ActivityStatus.ONGOING
    percent_complete = 40


# --- Follow-up -------------------------------------------------------------------------------


class ManualIndicatorFactory(ScopedFactory):
    class Meta:
        model = ManualIndicator

    name = factory.Sequence(lambda n: f"Deltagare som gått vidare till arbete {n}")
    unit = "personer"
    definition = "Deltagare i arbetsträning som fått anställning eller börjat studera."
    periodicity = Periodicity.YEAR
    direction = Direction.HIGHER
    area = 7


class MeasurementFactory(ScopedFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(
        ManualIndicatorFactory, organisation=factory.SelfAttribute("..organisation")
    )
    year = factory.Sequence(lambda n: 2000 + n % 100)
    quarter = 0
    value = 12
    source = "Företagens rapporter"


class TargetFactory(ScopedFactory):
    class Meta:
        model = Target

    indicator_key = "enterprises_identified"
    manual = None
    year = factory.Sequence(lambda n: 2000 + n % 100)
    value = 40


class EffectChainFactory(ScopedFactory):
    class Meta:
        model = EffectChain

    title = factory.Sequence(lambda n: f"Effektkedja arbetsintegrering {n}")
    description = "Från kommunens insatser till fler i arbete."


class EffectStepFactory(ScopedFactory):
    class Meta:
        model = EffectStep

    chain = factory.SubFactory(
        EffectChainFactory, organisation=factory.SelfAttribute("..organisation")
    )
    stage = Stage.OUTPUTS
    title = factory.Sequence(lambda n: f"Arbetsträningsplatser {n}")
    position = 10
    indicator_keys = ["work_training_places"]


# --- Owned rows without a page of their own (the escaping harness stores text in every owned
# model, so each needs a factory) ------------------------------------------------------------


@owned_maker("areas.StepProgress")
def make_step_progress(organisation):
    """The organisation's progress on the first checklist step it has none for."""
    from areas.models import AreaStep, StepProgress, StepStatus

    with scopes_disabled():
        step = AreaStep.objects.exclude(progress__organisation=organisation).first()
        if step is None:  # a transactional test emptied the migration's checklist
            step = AreaStep.objects.create(area=3, position=99, title="Bilda en intern grupp")
        return StepProgress.objects.create(
            organisation=organisation,
            step=step,
            status=StepStatus.STARTED,
            owner="Näringslivschefen",
            note="Påbörjat under våren.",
        )


@owned_maker("procurement.DialogueInvitation")
def make_dialogue_invitation(organisation):
    from procurement.models import DialogueInvitation

    with scopes_disabled():
        return DialogueInvitation.objects.create(
            organisation=organisation,
            procurement=ProcurementFactory(organisation=organisation),
            enterprise=SocialEnterpriseFactory(organisation=organisation),
        )


@owned_maker("collab.DeletionSnapshot")
def make_deletion_snapshot(organisation):
    """A contact person deleted through the application, as the trash page lists it."""
    from django.db import transaction

    from collab.models import DeletionSnapshot
    from collab.trash import delete_record

    with scopes_disabled():
        contact = ContactPersonFactory(organisation=organisation)
        pk = contact.pk
        with transaction.atomic():
            delete_record(contact)
        return DeletionSnapshot.objects.filter(organisation=organisation, object_id=pk).latest(
            "deleted_at"
        )


def login_with_two_factor(client, user):
    """Log ``client`` in as ``user`` with a confirmed authenticator app, the session verified
    (the second step done). Returns the device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from collab.accounts import SESSION_KEY

    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_KEY] = True
    session.save()
    return device


# --- Every organisation-owned model -> how to make one ----------------------------------------


def _by_factory(factory_class):
    def make(organisation):
        return factory_class(organisation=organisation)

    make.__name__ = f"{factory_class.__name__}(organisation=…)"
    return make


def owned_factories(modules=(sys.modules[__name__],)) -> dict:
    """model -> callable(organisation) that makes one object owned by that organisation.

    Found, not kept by hand: every ``DjangoModelFactory`` subclass among the attributes of
    ``modules`` whose model is organisation-owned, then the makers registered with
    :func:`owned_maker` (they replace a factory of the same model). Two factory classes of
    one model without a registered maker are an error: the choice must be made here."""
    from django.apps import apps

    from collab.models import OrganisationOwned

    found, ambiguous = {}, set()
    for module in modules:
        for value in vars(module).values():
            if not (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and not value._meta.abstract
            ):
                continue
            model = value._meta.get_model_class()
            if not (isinstance(model, type) and issubclass(model, OrganisationOwned)):
                continue
            if model in found and found[model].__name__ != _by_factory(value).__name__:
                ambiguous.add(model)
            found[model] = _by_factory(value)
    for model, make in _OWNED_MAKERS.items():
        model = apps.get_model(model) if isinstance(model, str) else model
        found[model] = make
        ambiguous.discard(model)
    if ambiguous:
        names = sorted(m._meta.label for m in ambiguous)
        raise AssertionError(f"Several factories make {names}: register one with owned_maker")
    return found


OWNED_FACTORIES = owned_factories()
