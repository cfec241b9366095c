"""The walk's checklist: the shared steps per area and each organisation's progress on them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.handbook import AREA_CHOICES
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned

# --- the walk's checklist --------------------------------------------------------------------


class AreaStep(models.Model):
    """A concrete step in one of the seven areas (shared data, refined in the admin)."""

    area = models.PositiveSmallIntegerField(_("area"), choices=AREA_CHOICES)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("step"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        ordering = ["area", "position", "pk"]
        verbose_name = _("checklist step")
        verbose_name_plural = _("checklist steps")

    def __str__(self) -> str:
        return self.title


class StepStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Not started")
    STARTED = "paborjad", _("Started")
    DONE = "genomford", _("Done")
    EVALUATED = "utvarderad", _("Evaluated")


STEP_RANK = {
    StepStatus.NOT_STARTED: 0,
    StepStatus.STARTED: 1,
    StepStatus.DONE: 2,
    StepStatus.EVALUATED: 3,
}


class StepProgress(OrganisationOwned):
    """An organisation's progress on one checklist step."""

    step = models.ForeignKey(
        AreaStep, on_delete=models.CASCADE, related_name="progress", verbose_name=_("step")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    date = models.DateField(_("date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["step"]
        verbose_name = _("checklist progress")
        verbose_name_plural = _("checklist progress")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "step"], name="one_progress_per_step_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("areas:area_detail", kwargs={"number": self.step.area})
