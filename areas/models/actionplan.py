"""Area 4: the action plan's activities."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.choices import OPEN_ACTIVITY_STATUSES, ActivityStatus  # noqa: F401 - re-exported
from areas.handbook import AREA_CHOICES
from areas.models.documents import GoverningDocument
from areas.querysets import ActivityQuerySet
from collab.formatting import owner_name
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, member_owner_field, scoped_manager


class Activity(OrganisationOwned):
    """An activity in the action plan, linked to one of the seven areas."""

    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area = models.PositiveSmallIntegerField(_("area"), choices=AREA_CHOICES)
    document = models.ForeignKey(
        GoverningDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("governing document"),
        help_text=_("The governing document the activity carries out, if any."),
    )
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("Who is responsible, when not a member of the organisation."),
    )
    owner_user = member_owner_field()
    start_date = models.DateField(_("start"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("per cent complete"), default=0, validators=[MaxValueValidator(100)]
    )

    objects = scoped_manager(ActivityQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["due_date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("action plan")
        indexes = [models.Index(fields=["organisation", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("areas:activity_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if not self.owner_user_id and not self.owner.strip():
            errors["owner"] = _("Choose a member as owner, or write who is responsible.")
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = _("The due date is before the start date.")
        if self.status == ActivityStatus.DONE and self.percent_complete != 100:
            errors["percent_complete"] = _(
                # xgettext:no-python-format
                "A finished activity is 100 % complete."
            )
        if self.status == ActivityStatus.NOT_STARTED and self.percent_complete:
            errors["percent_complete"] = _(
                # xgettext:no-python-format
                "An activity that has not started is 0 % complete; set the status to in progress."
            )
        if errors:
            raise ValidationError(errors)

    def owner_name(self) -> str:
        """The owner as shown: the member's name, else the free text (select ``owner_user``)."""
        return owner_name(self.owner_user, self.owner)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """The row's copy of :meth:`ActivityQuerySet.overdue_q` (no query)."""
        today = today or timezone.localdate()
        return self.status in OPEN_ACTIVITY_STATUSES and self.due_date < today
