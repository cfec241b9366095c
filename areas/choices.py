"""The status choices and the groups of statuses that the rules (``areas.querysets``) and the
models share; apart from the models so that the querysets need not import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Not started")
    ONGOING = "pagaende", _("In progress")
    DONE = "klar", _("Done")
    CANCELLED = "avbruten", _("Cancelled")


OPEN_ACTIVITY_STATUSES = (ActivityStatus.NOT_STARTED, ActivityStatus.ONGOING)


class DocumentStatus(models.TextChoices):
    DRAFT = "utkast", _("Draft")
    ADOPTED = "antagen", _("Adopted")
    REPEALED = "upphord", _("Repealed")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    ONGOING = "ongoing", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.ONGOING)


class PartnershipStatus(models.TextChoices):
    IDEA = "ide", _("Idea")
    DIALOGUE = "dialog", _("Dialogue")
    DECIDED = "beslutad", _("Decided")
    ONGOING = "pagar", _("Ongoing")
    ENDED = "avslutad", _("Ended")


# A partnership with one of these statuses is active for the days of its period
# (:meth:`areas.querysets.PartnershipQuerySet.active_between`).
ACTIVE_PARTNERSHIP_STATUSES = (
    PartnershipStatus.DECIDED,
    PartnershipStatus.ONGOING,
    PartnershipStatus.ENDED,
)

# A partnership with one of these statuses has follow-ups to hold: decided or ongoing (an idea
# or a dialogue has none yet, an ended one none any more).
FOLLOW_UP_PARTNERSHIP_STATUSES = (PartnershipStatus.DECIDED, PartnershipStatus.ONGOING)

# A partnership with one of these statuses has been decided (an ongoing one necessarily was):
# it needs Forum's criteria assessed and the decision recorded
# (:meth:`areas.models.Partnership.decision_errors`).
DECIDED_PARTNERSHIP_STATUSES = (PartnershipStatus.DECIDED, PartnershipStatus.ONGOING)
