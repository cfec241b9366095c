"""The rules of the seven areas' records, each defined once: every page, report, indicator,
evidence provider, filter and selector that applies a rule uses these methods.

Each rule is a queryset method (``Activity.objects.overdue(today)``) and, for conditional
aggregates and ``exclude``, the same condition as a ``Q`` (``ActivityQuerySet.overdue_q``).
The models' managers are built with :func:`collab.models.scoped_manager`, so the rules stay
inside the organisation scope (fail-closed) like every other query.

The status choices come from ``areas.choices``: the models import this module.
"""

import datetime

from django.db import models
from django.db.models import Q

from areas.choices import (
    ACTIVE_PARTNERSHIP_STATUSES,
    FOLLOW_UP_PARTNERSHIP_STATUSES,
    OPEN_ACTION_STATUSES,
    OPEN_ACTIVITY_STATUSES,
    DocumentStatus,
)


def a_year_before(day: datetime.date) -> datetime.date:
    """The same date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def last_twelve_months_q(today: datetime.date, field: str = "date") -> Q:
    """A date in the last twelve months: after the same date a year earlier, up to today."""
    return Q(**{f"{field}__gt": a_year_before(today), f"{field}__lte": today})


class ActivityQuerySet(models.QuerySet):
    @staticmethod
    def open_q() -> Q:
        """Still to do: not started or in progress."""
        return Q(status__in=OPEN_ACTIVITY_STATUSES)

    @classmethod
    def overdue_q(cls, today: datetime.date) -> Q:
        """Overdue: still to do, and the due date was before today."""
        return cls.open_q() & Q(due_date__lt=today)

    def open(self):
        return self.filter(self.open_q())

    def overdue(self, today: datetime.date):
        return self.filter(self.overdue_q(today))


class MeetingActionQuerySet(models.QuerySet):
    @staticmethod
    def open_q() -> Q:
        """Still to do: not started or in progress."""
        return Q(status__in=OPEN_ACTION_STATUSES)

    @classmethod
    def overdue_q(cls, today: datetime.date) -> Q:
        """Overdue: still to do, and the due date was before today (none: never overdue)."""
        return cls.open_q() & Q(due_date__lt=today)

    def open(self):
        return self.filter(self.open_q())

    def overdue(self, today: datetime.date):
        return self.filter(self.overdue_q(today))


class GroupMemberQuerySet(models.QuerySet):
    @staticmethod
    def current_q(today: datetime.date, prefix: str = "") -> Q:
        """Still in the group on ``today``: no end date, or one after today (like the group's
        own end date, a member whose end date has come has left). ``prefix`` for a relation,
        e.g. ``members__``."""
        return Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": today})

    def current(self, today: datetime.date, *, keep=None):
        """The members still in the group on ``today``: the ones offered in every pick list of
        members. ``keep``: ids (or a values queryset) of members a record already has, still
        offered after they left (an unchanged form saves, nobody disappears from a record)."""
        condition = self.current_q(today)
        if keep is not None:
            condition |= Q(pk__in=keep)
        return self.filter(condition)

    def former(self, today: datetime.date):
        """The members who have left the group by ``today``."""
        return self.exclude(self.current_q(today))


class MeetingQuerySet(models.QuerySet):
    @staticmethod
    def last_twelve_months_q(today: datetime.date, prefix: str = "") -> Q:
        """Held in the last twelve months (``prefix`` for a relation, e.g. ``meetings__``)."""
        return last_twelve_months_q(today, f"{prefix}date")

    def in_last_twelve_months(self, today: datetime.date):
        return self.filter(self.last_twelve_months_q(today))


class PoliticalDecisionQuerySet(models.QuerySet):
    @staticmethod
    def in_force_q(today: datetime.date) -> Q:
        """In force on ``today``: decided on or before it and not repealed by then."""
        return Q(decided_on__lte=today) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=today))

    def in_force(self, today: datetime.date):
        return self.filter(self.in_force_q(today))


class GoverningDocumentQuerySet(models.QuerySet):
    @staticmethod
    def review_planned_q() -> Q:
        """Adopted, with a date for its next review (the review on the owner's agenda)."""
        return Q(status=DocumentStatus.ADOPTED, next_review__isnull=False)

    @classmethod
    def due_for_review_q(cls, today: datetime.date) -> Q:
        """Adopted, and the date for its next review has come (today or earlier)."""
        return cls.review_planned_q() & Q(next_review__lte=today)

    @staticmethod
    def in_force_q(day: datetime.date) -> Q:
        """In force on ``day``: adopted on or before it, valid from it or earlier, and either
        adopted without an end of validity or valid to that day or later (a repealed document
        counts up to its end of validity)."""
        return (
            Q(status__in=[DocumentStatus.ADOPTED, DocumentStatus.REPEALED])
            & Q(adopted_on__isnull=False, adopted_on__lte=day)
            & (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            & (Q(status=DocumentStatus.ADOPTED, valid_to__isnull=True) | Q(valid_to__gte=day))
        )

    def review_planned(self):
        return self.filter(self.review_planned_q())

    def due_for_review(self, today: datetime.date):
        return self.filter(self.due_for_review_q(today))

    def in_force(self, day: datetime.date):
        return self.filter(self.in_force_q(day))


class PartnershipQuerySet(models.QuerySet):
    @staticmethod
    def active_between_q(start: datetime.date, end: datetime.date) -> Q:
        """Active at some time from ``start`` to ``end``: decided, ongoing or ended, and its
        period (start date to end date, none: until further notice) overlaps those days. A
        partnership without a start date has not started."""
        return (
            Q(status__in=ACTIVE_PARTNERSHIP_STATUSES)
            & Q(start_date__isnull=False, start_date__lte=end)
            & (Q(end_date__isnull=True) | Q(end_date__gte=start))
        )

    @classmethod
    def active_in_year_q(cls, year: int) -> Q:
        return cls.active_between_q(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @staticmethod
    def follow_up_planned_q() -> Q:
        """A follow-up to hold: decided or ongoing, with a date for the next follow-up."""
        return Q(status__in=FOLLOW_UP_PARTNERSHIP_STATUSES, next_follow_up__isnull=False)

    @classmethod
    def follow_up_overdue_q(cls, today: datetime.date) -> Q:
        """The next follow-up was due before today and its date has not been moved on."""
        return cls.follow_up_planned_q() & Q(next_follow_up__lt=today)

    def follow_up_planned(self):
        return self.filter(self.follow_up_planned_q())

    def follow_up_overdue(self, today: datetime.date):
        return self.filter(self.follow_up_overdue_q(today))

    def active_between(self, start: datetime.date, end: datetime.date):
        return self.filter(self.active_between_q(start, end))

    def active_in_year(self, year: int):
        return self.filter(self.active_in_year_q(year))
