"""Seminar programmes: sessions, assignments, member teams and their submissions.

Rules, in one place:

- An assignment's due date defaults to the day before the programme's next session
  (:func:`default_due_date`).
- A team (the users of its member organisation with ``Access.EDIT``) submits text and files
  until the end of the due date; then an answer handed in is locked. A team that had not handed
  in by then may still hand in once, marked late (:func:`can_edit`).
- Status per team and assignment (:func:`status`): submitted on time, late, not submitted
  (the due date has passed), not yet due.
- Who sees what: every member of the network sees the programme's sessions, material and
  assignments; only a team's own organisation and the network's coordinator see its
  submissions and download its files.
- Reminders on a team's home page (:func:`reminders`): sessions within
  :data:`REMINDER_DAYS` days, and assignments due within that time or overdue that the team
  has not handed in.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from collab import formatting
from collab.models import NetworkMembership
from network.models import (
    Assignment,
    Programme,
    ProgrammeSession,
    ProgrammeTeam,
    Submission,
    SubmissionFile,
)

REMINDER_DAYS = 14

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
NOT_DUE = "not_due"

STATUS_LABELS = {
    ON_TIME: lambda: _("Submitted on time"),
    LATE: lambda: _("Submitted late"),
    MISSING: lambda: _("Not submitted"),
    NOT_DUE: lambda: _("Not yet due"),
}


def status_label(code: str) -> str:
    return STATUS_LABELS[code]()


# --- reads -------------------------------------------------------------------------------------


def programmes(network):
    return Programme.objects.filter(network=network)


def sessions(programme):
    return list(
        ProgrammeSession.objects.filter(programme=programme).prefetch_related("assignments")
    )


def session_numbers(programme_sessions) -> dict[int, int]:
    """``{session id: its number in the programme (1, 2, …)}`` by date."""
    ordered = sorted(programme_sessions, key=lambda s: (s.date, s.pk))
    return {session.pk: number for number, session in enumerate(ordered, start=1)}


def default_due_date(session: ProgrammeSession) -> datetime.date | None:
    """The day before the programme's next session, or None when it is the last one."""
    following = (
        ProgrammeSession.objects.filter(programme_id=session.programme_id)
        .filter(Q(date__gt=session.date) | Q(date=session.date, pk__gt=session.pk or 0))
        .exclude(pk=session.pk)
        .order_by("date", "pk")
        .first()
    )
    if following is None or following.date <= session.date:
        return None
    return following.date - datetime.timedelta(days=1)


def team_of(programme, organisation) -> ProgrammeTeam | None:
    if organisation is None:
        return None
    return ProgrammeTeam.objects.filter(programme=programme, organisation=organisation).first()


def submitted_on(submission: Submission) -> datetime.date | None:
    if submission is None or submission.submitted_at is None:
        return None
    return timezone.localdate(submission.submitted_at)


def status(assignment: Assignment, submission: Submission | None, today: datetime.date) -> str:
    day = submitted_on(submission)
    if day is not None:
        return ON_TIME if day <= assignment.due_date else LATE
    return MISSING if today > assignment.due_date else NOT_DUE


def can_edit(assignment: Assignment, submission: Submission | None, today) -> bool:
    """Open until the end of the due date; after it only a team that has not handed in may
    (once, late)."""
    if today <= assignment.due_date:
        return True
    return submitted_on(submission) is None


def locked_message(assignment: Assignment) -> str:
    return _(
        "The deadline was %(date)s. Your submission is locked and can no longer be changed."
    ) % {"date": formatting.date(assignment.due_date)}


@dataclass
class StatusCell:
    assignment: Assignment
    submission: Submission | None
    code: str

    @property
    def label(self) -> str:
        return status_label(self.code)


def status_table(programme, today) -> dict:
    """Teams × assignments with each cell's status (three queries)."""
    teams = list(ProgrammeTeam.objects.filter(programme=programme).select_related("organisation"))
    assignments = list(
        Assignment.objects.filter(session__programme=programme)
        .select_related("session")
        .order_by("session__date", "session_id", "due_date", "pk")
    )
    submissions = {
        (s.assignment_id, s.team_id): s
        for s in Submission.objects.filter(assignment__session__programme=programme)
    }
    rows = []
    for team in teams:
        cells = []
        for assignment in assignments:
            submission = submissions.get((assignment.pk, team.pk))
            cells.append(StatusCell(assignment, submission, status(assignment, submission, today)))
        rows.append({"team": team, "cells": cells})
    return {"assignments": assignments, "rows": rows}


def organisation_sessions(organisation, start=None, end=None):
    """The sessions of the programmes the organisation takes part in (it has a team, and is an
    active member of the programme's network), with their programme and network (one query)."""
    sessions = ProgrammeSession.objects.filter(
        programme__teams__organisation=organisation,
        programme__network__memberships__organisation=organisation,
        programme__network__memberships__status=NetworkMembership.Status.ACTIVE,
    ).select_related("programme__network")
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    if end is not None:
        sessions = sessions.filter(date__lte=end)
    return sessions.distinct().order_by("date", "pk")


def reminders(organisation, today) -> list[dict]:
    """The organisation's teams' upcoming sessions and assignments due within
    :data:`REMINDER_DAYS` days or overdue and not handed in (a few queries)."""
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    teams = list(
        ProgrammeTeam.objects.filter(
            organisation=organisation,
            programme__network__memberships__organisation=organisation,
            programme__network__memberships__status=NetworkMembership.Status.ACTIVE,
        ).select_related("programme__network")
    )
    if not teams:
        return []
    by_programme = {team.programme_id: team for team in teams}
    all_sessions = list(
        ProgrammeSession.objects.filter(programme_id__in=by_programme).order_by("date", "pk")
    )
    numbers = {}
    for programme_id in by_programme:
        numbers.update(session_numbers([s for s in all_sessions if s.programme_id == programme_id]))
    handed_in = set(
        Submission.objects.filter(team__in=teams, submitted_at__isnull=False).values_list(
            "assignment_id", flat=True
        )
    )
    assignments = Assignment.objects.filter(
        session__programme_id__in=by_programme, due_date__lte=horizon
    ).exclude(pk__in=handed_in)
    items = []
    for session in all_sessions:
        if today <= session.date <= horizon:
            programme = by_programme[session.programme_id].programme
            items.append(
                {
                    "date": session.date,
                    "text": _("Session %(number)s in %(programme)s: %(theme)s, %(date)s")
                    % {
                        "number": numbers[session.pk],
                        "programme": programme.name,
                        "theme": session.theme,
                        "date": formatting.date(session.date),
                    },
                    "network": programme.network,
                    "programme": programme,
                    "assignment": None,
                    "overdue": False,
                }
            )
    session_by_id = {s.pk: s for s in all_sessions}
    for assignment in assignments:
        session = session_by_id[assignment.session_id]
        programme = by_programme[session.programme_id].programme
        values = {
            "number": numbers[session.pk],
            "programme": programme.name,
            "date": formatting.date(assignment.due_date),
            "title": assignment.title,
        }
        overdue = assignment.due_date < today
        text = (
            _(
                "Assignment for session %(number)s in %(programme)s (%(title)s) was due "
                "%(date)s and has not been submitted"
            )
            if overdue
            else _(
                "Assignment for session %(number)s in %(programme)s (%(title)s) is due "
                "%(date)s at the latest"
            )
        ) % values
        items.append(
            {
                "date": assignment.due_date,
                "text": text,
                "network": programme.network,
                "programme": programme,
                "assignment": assignment,
                "overdue": overdue,
            }
        )
    items.sort(key=lambda item: item["date"])
    return items


# --- writes ------------------------------------------------------------------------------------


@transaction.atomic
def save_submission(*, assignment, team, text: str, upload=None, user) -> Submission:
    """Hand in (or change) the team's answer; ``upload`` is an already checked file
    (``areas.documents.check_document``), added to the submission's files."""
    submission, _created = Submission.objects.select_for_update().get_or_create(
        assignment=assignment, team=team
    )
    submission.text = text
    submission.submitted_at = timezone.now()
    submission.submitted_by = user
    submission.save()
    if upload is not None:
        stored = SubmissionFile(
            submission=submission, file_name=Path(upload.name).name[:255], size=upload.size or 0
        )
        stored.file.save(upload.name, upload, save=False)
        try:
            stored.save()
        except BaseException:
            stored.file.storage.delete(stored.file.name)
            raise
    return submission


@transaction.atomic
def remove_file(stored: SubmissionFile) -> None:
    name = stored.file.name
    storage = stored.file.storage
    stored.delete()
    transaction.on_commit(lambda: storage.delete(name) if name else None)
