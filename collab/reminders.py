"""The daily reminder e-mail (``manage.py send_reminders``), the one home of its rules.

Per organisation and active member with an e-mail address who has not opted out
(``UserPreference.email_reminders``): the tasks they own (:func:`collab.agenda.agenda_items`)
that became due today or became overdue since they were last mailed about them, plus a count
of tasks still overdue that earlier mails listed. No mail when nothing became due or overdue,
and never a second mail for the same item on the same day: :class:`ReminderSent` records each
item mailed, per person, organisation and day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from django_scopes import scope

from collab import agenda, formatting, selectors
from collab.models import Organisation, ReminderSent, UserPreference


@dataclass
class Digest:
    user: object
    organisation: Organisation
    today: datetime.date
    due: list[agenda.AgendaItem] = field(default_factory=list)  # due today
    overdue: list[agenda.AgendaItem] = field(default_factory=list)  # became overdue
    still_overdue: list[agenda.AgendaItem] = field(default_factory=list)  # listed before

    @property
    def new_items(self) -> list[agenda.AgendaItem]:
        return self.due + self.overdue

    def __bool__(self) -> bool:
        return bool(self.new_items)


def digest_for(user, organisation, today: datetime.date) -> Digest:
    """What ``user``'s reminder in ``organisation`` says on ``today`` (empty: no mail)."""
    digest = Digest(user=user, organisation=organisation, today=today)
    with scope(organisation=organisation.pk):
        items = agenda.agenda_items(organisation, owner=user, end=today, tasks_only=True)
    pending = [item for item in items if item.is_due(today) or item.is_overdue(today)]
    if not pending:
        return digest
    sent: dict[str, list[datetime.date]] = {}
    for key, sent_on in ReminderSent.objects.filter(
        user=user, organisation=organisation, item_key__in=[item.key for item in pending]
    ).values_list("item_key", "sent_on"):
        sent.setdefault(key, []).append(sent_on)
    for item in pending:
        days = sent.get(item.key, [])
        if today in days:
            continue  # mailed today already
        if item.is_due(today):
            digest.due.append(item)
        elif any(day > item.date for day in days):
            digest.still_overdue.append(item)  # was mailed while already overdue
        else:
            digest.overdue.append(item)
    return digest


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def wants_reminders(user_ids) -> set[int]:
    """Of ``user_ids``, those who have not turned the daily reminder off."""
    opted_out = set(
        UserPreference.objects.filter(user_id__in=user_ids, email_reminders=False).values_list(
            "user_id", flat=True
        )
    )
    return {pk for pk in user_ids if pk not in opted_out}


def message(digest: Digest) -> EmailMultiAlternatives:
    count = len(digest.new_items)
    subject = ngettext(
        "Samverka: %(count)s task to see to in %(organisation)s",
        "Samverka: %(count)s tasks to see to in %(organisation)s",
        count,
    ) % {"count": count, "organisation": digest.organisation}

    def rows(items):
        return [
            {
                "item": item,
                "date": formatting.date(item.date),
                "url": absolute(item.url) if item.url else "",
            }
            for item in items
        ]

    context = {
        "user": digest.user,
        "organisation": digest.organisation,
        "today": formatting.date(digest.today),
        "due": rows(digest.due),
        "overdue": rows(digest.overdue),
        "still_overdue_count": len(digest.still_overdue),
        "home_url": absolute(reverse("collab:home")),
        "preferences_url": absolute(reverse("collab:preferences")),
    }
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("collab/email/reminders.txt", context),
        to=[digest.user.email],
    )
    mail.attach_alternative(render_to_string("collab/email/reminders.html", context), "text/html")
    return mail


def send_for_person(user, organisation, today: datetime.date, *, dry_run=False) -> Digest:
    """Mail ``user`` their reminder in ``organisation`` for ``today`` if there is anything new,
    and record what was mailed, in one transaction (a failed send records nothing)."""
    with transaction.atomic():
        digest = digest_for(user, organisation, today)
        if digest and not dry_run:
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(
                        user=user, organisation=organisation, item_key=item.key, sent_on=today
                    )
                    for item in digest.new_items
                ]
            )  # a run at the same moment that got there first: IntegrityError, no mail
            with translation.override(settings.LANGUAGE_CODE):
                message(digest).send()
    return digest


def recipients(organisation: Organisation) -> list:
    """The organisation's active members with an e-mail address who want reminders."""
    users = [
        membership.user
        for membership in selectors.active_memberships(organisation).order_by("user_id")
        if membership.user.email
    ]
    wanted = wants_reminders([user.pk for user in users])
    return [user for user in users if user.pk in wanted]
