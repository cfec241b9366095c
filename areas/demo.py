"""The seven areas' demo records; the data is in :mod:`areas.demo_data` (:mod:`.sjostad`, profile
``"far"``, and :mod:`.norrbyn`, ``"start"``). Two seeders, registered from
:mod:`areas.contributions`:

- :func:`seed_partnerships` (``order=10``, after the register's seeder): IOP partnerships
  (idéburet offentligt partnerskap). The partners are idéburna organisationer from the
  organisation's own register, looked up by name (falling back to any other idéburen
  organisation in the register); without such an organisation nothing is created. Idempotent:
  a partnership is created only if the organisation has none with its title. Fixed dates, so
  the data does not depend on the day it is seeded.
- :func:`seed_walk` (``order=30``, after the register (0), the procurements (0), the
  partnerships (10) and the supplier payments (20): the external forum invites enterprises from
  the organisation's own register): decisions, coordination, groups and meetings, documents,
  the action plan and the checklist steps. Dates are relative to the day of seeding (the walk
  counts meetings "in the last 12 months" from today); titles, names and case-number serials
  are fixed. Idempotent: every record is looked up by its natural key (a decision by its
  committee, a document or activity by its title, a meeting by its group and title, a member
  by group and name, a step's progress by its step) and created only when missing; many-to-many
  links are set only on the record's creation. Every record is validated with ``full_clean()``
  before it is saved. Random choices (which enterprises are in the forum and attend its
  meetings) come from ``rng``.
"""

import datetime

from django.utils import timezone

from areas import documents, services
from areas.data.area_steps import load_area_steps
from areas.demo_data import norrbyn, sjostad
from areas.demo_data.common import EVALUATION_NOTE
from areas.models import (
    INTERNAL_FUNCTIONS,
    PARTNER_KIND,
    Activity,
    AreaStep,
    CoordinatingFunction,
    CoordinationGroup,
    DocumentStatus,
    FunctionMember,
    GoverningDocument,
    GroupMember,
    Meeting,
    MeetingAction,
    Partnership,
    PartnershipStatus,
    PoliticalDecision,
    StepProgress,
    StepStatus,
)
from collab import attachments, files
from collab.models import Membership, Role
from enterprises.models import EnterpriseStatus, SocialEnterprise, SocietalChallenge

PROFILES = {"far": sjostad, "start": norrbyn}


# --- IOP partnerships ------------------------------------------------------------------------


def seed_partnerships(*, organisation, profile, rng) -> None:
    partners = list(
        SocialEnterprise.objects.filter(organisation=organisation, kind=PARTNER_KIND).order_by(
            "name", "pk"
        )
    )
    if not partners:
        return
    by_name = {p.name: p for p in partners}
    challenges = {c.name: c for c in SocietalChallenge.objects.all()}
    existing = set(
        Partnership.objects.filter(organisation=organisation).values_list("title", flat=True)
    )
    used = set(
        Partnership.objects.filter(organisation=organisation).values_list("partner_id", flat=True)
    )
    for entry in PROFILES[profile].PARTNERSHIPS:
        data = dict(entry)
        partner = by_name.get(data.pop("partner"))
        if partner is None or partner.pk in used:
            partner = next((p for p in partners if p.pk not in used), None)
        challenge = challenges.get(data.pop("challenge"))
        if partner is None or data["title"] in existing:
            continue
        services.create_partnership(
            organisation=organisation, partner=partner, challenge=challenge, **data
        )
        used.add(partner.pk)
        existing.add(data["title"])


# --- the seven-area walk ---------------------------------------------------------------------


class _Seeder:
    def __init__(self, organisation, rng, today: datetime.date):
        self.organisation = organisation
        self.rng = rng
        self.today = today

    def day(self, offset: int | None) -> datetime.date | None:
        return None if offset is None else self.today + datetime.timedelta(days=offset)

    def get_or_create(self, model, lookup: dict, values: dict):
        """The record with ``lookup`` in the organisation, created (validated) if missing."""
        existing = model.objects.filter(organisation=self.organisation, **lookup).first()
        if existing is not None:
            return existing, False
        obj = model(organisation=self.organisation, **lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True

    # area 1
    def decisions(self, entries) -> None:
        for entry in entries:
            decided = self.day(entry["decided"])
            self.get_or_create(
                PoliticalDecision,
                {"committee": entry["committee"]},
                {
                    "committee_kind": entry["committee_kind"],
                    "decided_on": decided,
                    "case_number": entry["serial"].format(year=decided.year),
                    "decision": entry["decision"],
                    "repealed_on": self.day(entry["repealed"]),
                },
            )

    # area 2
    def function(self, entry) -> None:
        function, _created = self.get_or_create(
            CoordinatingFunction,
            {"name": entry["name"]},
            {
                "placement": entry["placement"],
                "unit": entry["unit"],
                "mandate": entry["mandate"],
                "established_on": self.day(entry["established"]),
            },
        )
        for name, title, share in entry["members"]:
            self.get_or_create(
                FunctionMember,
                {"function": function, "name": name},
                {"title": title, "share_of_full_time": share, "email": _email(name)},
            )

    # areas 3 and 5
    def group(self, entry, invite=None) -> None:
        """The group with its members and meetings; ``invite()`` gives the enterprises to
        invite when the group is created (an external forum)."""
        group, created = self.get_or_create(
            CoordinationGroup,
            {"name": entry["name"]},
            {
                "kind": entry["kind"],
                "purpose": entry["purpose"],
                "started_on": self.day(entry["started"]),
            },
        )
        if created and invite is not None:
            group.enterprises.set(invite())
        members = {}
        for name, represents, organisation_name, *ended in entry["members"]:
            member, _created = self.get_or_create(
                GroupMember,
                {"group": group, "name": name},
                {
                    "represents": represents,
                    "organisation_name": organisation_name,
                    "email": _email(name) if represents in INTERNAL_FUNCTIONS else "",
                    "ended_on": self.day(ended[0]) if ended else None,
                },
            )
            members[name] = member
        invited = list(group.enterprises.order_by("name", "pk"))
        for data in entry["meetings"]:
            meeting, created = self.get_or_create(
                Meeting,
                {"group": group, "title": data["title"]},
                {
                    "date": self.day(data["day"]),
                    "agenda": data["agenda"],
                    "minutes": data["minutes"],
                    "other_attendees": data["other"],
                },
            )
            if created:
                meeting.attending_members.set(
                    [
                        m
                        for name, m in members.items()
                        if name not in data["absent"] and m.is_current_on(meeting.date)
                    ]
                )
                count = min(data.get("enterprises", 0), len(invited))
                if count:
                    meeting.attending_enterprises.set(self.rng.sample(invited, count))
            for what, responsible, due, status in data["actions"]:
                self.get_or_create(
                    MeetingAction,
                    {"meeting": meeting, "what": what},
                    {"responsible": responsible, "due_date": self.day(due), "status": status},
                )

    def forum_enterprises(self, active: int, identified: int) -> list:
        """Enterprises from the organisation's register to invite: mostly active ones."""
        chosen = []
        for status, count in (
            (EnterpriseStatus.ACTIVE, active),
            (EnterpriseStatus.IDENTIFIED, identified),
        ):
            candidates = list(
                SocialEnterprise.objects.filter(
                    organisation=self.organisation, status=status
                ).order_by("name", "pk")
            )
            chosen.extend(self.rng.sample(candidates, min(count, len(candidates))))
        return chosen

    # area 4
    def documents(self, entries) -> None:
        for entry in entries:
            adopted = self.day(entry["adopted"])
            self.get_or_create(
                GoverningDocument,
                {"title": entry["title"]},
                {
                    "kind": entry["kind"],
                    "adopted_by": entry["adopted_by"],
                    "adopted_on": adopted,
                    "case_number": entry["serial"].format(year=adopted.year) if adopted else "",
                    "valid_from": self.day(entry["valid_from"]),
                    "valid_to": self.day(entry["valid_to"]),
                    "next_review": self.day(entry["next_review"]),
                    "status": entry["status"],
                    "summary": entry["summary"],
                },
            )

    def activities(self, entries) -> None:
        documents = {
            d.title: d for d in GoverningDocument.objects.filter(organisation=self.organisation)
        }
        for area, title, description, document, owner, start, due, status, percent in entries:
            self.get_or_create(
                Activity,
                {"title": title},
                {
                    "area": area,
                    "description": description,
                    "document": documents.get(document) if document else None,
                    "owner": owner,
                    "start_date": self.day(start),
                    "due_date": self.day(due),
                    "status": status,
                    "percent_complete": percent,
                },
            )

    # the checklist
    def steps(self, notes: dict, status_for) -> None:
        """Progress for the steps that have notes; ``status_for(area, index, count)`` gives
        the status (``None``: leave the step without progress)."""
        by_area: dict[int, list[AreaStep]] = {}
        for step in AreaStep.objects.order_by("area", "position", "pk"):
            by_area.setdefault(step.area, []).append(step)
        existing = set(
            StepProgress.objects.filter(organisation=self.organisation).values_list(
                "step_id", flat=True
            )
        )
        for area, steps in by_area.items():
            area_notes = notes.get(area, [])
            for index, step in enumerate(steps):
                status = status_for(area, index, len(steps))
                if status is None or step.pk in existing:
                    continue
                days, owner, note = area_notes[index] if index < len(area_notes) else (30, "", "")
                date = self.day(-days)
                note = note.format(year=date.year)
                if status == StepStatus.EVALUATED:
                    date = self.day(-35)
                    note = f"{note} {EVALUATION_NOTE}".strip()
                self.get_or_create(
                    StepProgress,
                    {"step": step},
                    {"status": status, "date": date, "owner": owner, "note": note},
                )


def _email(name: str) -> str:
    """A made-up address under example.se, e.g. samir.haddad@example.se."""
    table = str.maketrans("åäöéü", "aaoeu")
    local = ".".join(name.lower().translate(table).split())
    return f"{local}@example.se"


def _far_status(area: int, index: int, count: int) -> str:
    if area in sjostad.EVALUATED_AREAS:
        return StepStatus.EVALUATED
    if area == sjostad.PARTIAL_AREA and index >= count - 2:
        return StepStatus.STARTED
    return StepStatus.DONE


def _start_status(area: int, index: int, count: int) -> str | None:
    return StepStatus.STARTED if area in norrbyn.STEP_NOTES and index < 2 else None


def seed_walk(*, organisation, profile, rng) -> None:
    load_area_steps(AreaStep)  # the checklist, should its table have been emptied
    seeder = _Seeder(organisation, rng, timezone.localdate())
    if profile == "far":
        data = sjostad
        seeder.decisions(data.DECISIONS)
        seeder.function(data.FUNCTION)
        seeder.group(data.INTERNAL)
        seeder.group(
            data.FORUM,
            invite=lambda: seeder.forum_enterprises(
                data.FORUM["invited_active"], data.FORUM["invited_identified"]
            ),
        )
        seeder.documents(data.DOCUMENTS)
        seeder.activities(data.ACTIVITIES)
        seeder.steps(data.STEP_NOTES, _far_status)
    else:
        data = norrbyn
        seeder.function(data.FUNCTION)
        seeder.group(data.INTERNAL)
        seeder.documents(data.DOCUMENTS)
        seeder.activities(data.ACTIVITIES)
        seeder.steps(data.STEP_NOTES, _start_status)


# --- owners who are members ("Mina uppgifter") -----------------------------------------------

DEMO_ACTIONS = [
    # (what, days from today): one overdue and one due today for the coordinator's tasks.
    ("Skicka minnesanteckningarna till förvaltningscheferna", -3),
    ("Boka lokal till nästa möte med de sociala företagen", 0),
]


def _coordinator(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def seed_tasks(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic
    """Give the organisation's coordinator tasks as a member: the nearest open activities,
    two decided actions (one overdue, one due today), the follow-up of an ongoing IOP (overdue)
    and the review of a governing document. Only where no member owns them yet (idempotent)."""
    user = _coordinator(organisation)
    if user is None:
        return
    today = timezone.localdate()
    if not Activity.objects.filter(owner_user__isnull=False).exists():
        for activity in Activity.objects.open().order_by("due_date", "pk")[:3]:
            activity.owner_user = user
            activity.save()
    meeting = Meeting.objects.order_by("-date", "-pk").first()
    if meeting is not None:
        for what, offset in DEMO_ACTIONS:
            if not MeetingAction.objects.filter(what=what).exists():
                MeetingAction.objects.create(
                    organisation=organisation,
                    meeting=meeting,
                    what=what,
                    owner_user=user,
                    due_date=today + datetime.timedelta(days=offset),
                )
    if not Partnership.objects.filter(follow_up_owner_user__isnull=False).exists():
        partnership = (
            Partnership.objects.follow_up_planned()
            .filter(status=PartnershipStatus.ONGOING)
            .order_by("next_follow_up", "pk")
            .first()
        )
        if partnership is not None:
            partnership.follow_up_owner_user = user
            partnership.next_follow_up = min(
                partnership.next_follow_up, today - datetime.timedelta(days=7)
            )
            partnership.save()
    if not GoverningDocument.objects.filter(review_owner_user__isnull=False).exists():
        document = GoverningDocument.objects.review_planned().order_by("next_review", "pk").first()
        if document is not None:
            document.review_owner_user = user
            document.save()


# --- attachments: the minutes of the latest meeting, the IOP agreement, the decision ----------


def _attach_once(parent, name: str, content: bytes, title: str) -> None:
    """Attach a demo file to ``parent`` unless it has attachments already (idempotent)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    if parent is None or attachments.attachments_for(parent).exists():
        return
    attachments.add_attachment(parent=parent, upload=SimpleUploadedFile(name, content), title=title)


def seed_attachments(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic
    """Minutes of every meeting, the agreement of every IOP and an extract of every political
    decision, so the "Bilagor" sections show what they are for."""
    for meeting in Meeting.objects.select_related("group").order_by("date", "pk"):
        minutes = (
            f"Protokoll – {meeting.group.name}\n"
            f"Datum: {meeting.date:%Y-%m-%d}\n\n"
            "1. Mötet öppnas\n2. Föregående protokoll läggs till handlingarna\n"
            "3. Aktuellt från de sociala företagen\n4. Beslutade åtgärder (se Samverka)\n"
            "5. Nästa möte\n"
        )
        _attach_once(
            meeting, "protokoll.txt", minutes.encode(), f"Protokoll {meeting.date:%Y-%m-%d}"
        )
    for partnership in Partnership.objects.select_related("partner").order_by("pk"):
        agreement = files.simple_pdf(
            [
                "Överenskommelse om idéburet-offentligt partnerskap (IOP)",
                f"Parter: {organisation.name} och {partnership.partner.name}",
                f"Partnerskap: {partnership.title}",
                "Undertecknad av båda parter.",
            ]
        )
        _attach_once(
            partnership, "iop-overenskommelse.pdf", agreement, "Undertecknad överenskommelse"
        )
    for decision in PoliticalDecision.objects.order_by("pk"):
        extract = files.simple_pdf(["Protokollsutdrag", str(decision), organisation.name])
        _attach_once(decision, "protokollsutdrag.pdf", extract, "Protokollsutdrag")
    _document_file_once(organisation)


def _document_file_once(organisation) -> None:
    """The first adopted governing document gets its file (a PDF), unless a document has one:
    the header's search finds it by words that are only in the file ("samverkansrådet")."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    if GoverningDocument.objects.exclude(file="").exists():
        return
    document = (
        GoverningDocument.objects.filter(status=DocumentStatus.ADOPTED).order_by("pk").first()
    )
    if document is None:
        return
    text = files.simple_pdf(
        [
            document.title,
            f"Antaget av {document.adopted_by or 'kommunfullmäktige'}, {organisation.name}",
            "",
            "1. Kommunen köper tjänster av arbetsintegrerande sociala företag där det går,",
            "   bland annat genom reserverad upphandling enligt LOU 4 kap. 18 §.",
            "2. Samverkansrådet med de sociala företagen träffas fyra gånger per år.",
            "3. Programmet följs upp varje år i samband med årsredovisningen.",
        ]
    )
    document.file = SimpleUploadedFile("program.pdf", text)
    documents.save_document(document=document)
