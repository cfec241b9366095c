"""Factories of the records behind the seven areas."""

import datetime

import factory
from django_scopes import scopes_disabled

from areas.models import (
    IOP_CRITERIA,
    Activity,
    ActivityStatus,
    CommitteeKind,
    CoordinatingFunction,
    CoordinationGroup,
    CriterionAnswer,
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
from collab.models import Attachment, AttachmentVersion
from enterprises.models import (
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
)
from tests.factories.base import ScopedFactory, owned_maker
from tests.factories.collab import OrganisationFactory
from tests.factories.enterprises import SocialEnterpriseFactory


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
    # Ongoing: decided, so the decision is recorded and Forum's criteria are assessed
    # (Partnership.clean), and an unchanged form saves.
    decision_date = datetime.date(2025, 11, 20)
    criteria = factory.LazyFunction(
        lambda: {c.key: {"answer": CriterionAnswer.MET, "note": ""} for c in IOP_CRITERIA}
    )

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


@owned_maker(Meeting)
def make_meeting(organisation):
    """A meeting with a member present and an enterprise that took part and has ended since:
    the round trip checks that saving the unchanged form keeps both."""
    meeting = MeetingFactory(organisation=organisation)
    member = GroupMemberFactory(organisation=organisation, group=meeting.group)
    ended = SocialEnterpriseFactory(organisation=organisation, status=EnterpriseStatus.ENDED)
    with scopes_disabled():
        meeting.attending_members.add(member)
        meeting.attending_enterprises.add(ended)
    return meeting


# --- attachments (collab.attachments) on a political decision ---------------------------------

ATTACHMENT_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


@owned_maker(Attachment)
def attachment(organisation, parent=None, name="beslut.pdf", content=ATTACHMENT_PDF):
    """An attachment (with its first version) of a political decision of ``organisation``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from collab import attachments

    parent = parent or PoliticalDecisionFactory(organisation=organisation)
    with scopes_disabled():
        return attachments.add_attachment(
            parent=parent,
            upload=SimpleUploadedFile(name, content),
            title="Protokollsutdrag KS 2026-03-12",
        )


@owned_maker(AttachmentVersion)
def attachment_version(organisation):
    made = attachment(organisation)
    with scopes_disabled():
        return made.versions.get()
