"""Areas 1 and 2: the political decision on responsibility and the coordinating function."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.querysets import PoliticalDecisionQuerySet
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, scoped_manager

# --- area 1: political anchoring -------------------------------------------------------------


class CommitteeKind(models.TextChoices):
    EXECUTIVE = (
        "styrelse",
        _("Municipal or regional executive board (kommunstyrelse/regionstyrelse)"),
    )
    SPECIALIST = "facknamnd", _("Specialist committee (facknämnd)")


class PoliticalDecision(OrganisationOwned):
    """A decision on which committee holds political responsibility for the work."""

    committee = models.CharField(
        _("committee"),
        max_length=200,
        help_text=_("The committee that holds political responsibility, e.g. Kommunstyrelsen."),
    )
    committee_kind = models.CharField(
        _("kind of committee"), max_length=20, choices=CommitteeKind.choices
    )
    decided_on = models.DateField(_("decision date"))
    case_number = models.CharField(
        _("case number (diarienummer)"), max_length=60, blank=True, help_text=_("E.g. KS 2025/123.")
    )
    decision = models.TextField(
        _("what was decided"),
        help_text=_(
            "The decision in a few sentences, e.g. that the committee is responsible for the "
            "collaboration with social enterprises and who reports to it."
        ),
    )
    repealed_on = models.DateField(
        _("no longer in force from"),
        null=True,
        blank=True,
        help_text=_("Fill in when a later decision replaces this one."),
    )

    objects = scoped_manager(PoliticalDecisionQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("political decision")
        verbose_name_plural = _("political decisions")

    def __str__(self) -> str:
        return f"{self.committee} {self.decided_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("areas:politicaldecision_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.decided_on and self.repealed_on and self.repealed_on < self.decided_on:
            raise ValidationError(
                {"repealed_on": _("The decision cannot end before the decision date.")}
            )

    @property
    def in_force(self) -> bool:
        """The row's copy of :meth:`PoliticalDecisionQuerySet.in_force_q` (no query)."""
        today = timezone.localdate()
        return self.decided_on <= today and (self.repealed_on is None or self.repealed_on > today)


# --- area 2: the coordinating function -------------------------------------------------------


class FunctionPlacement(models.TextChoices):
    MANAGEMENT = "ledning", _("Management function (ledningsfunktion)")
    LABOUR_MARKET = "arbetsmarknad", _("Labour-market unit (arbetsmarknadsenhet)")
    BUSINESS = "naringsliv", _("Business office (näringslivskontor)")
    OTHER = "annan", _("Other")


class CoordinatingFunction(OrganisationOwned):
    """Who coordinates the work with social enterprises in the organisation."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("E.g. Samordning sociala företag, Kommunledningskontoret."),
    )
    placement = models.CharField(
        _("placement"),
        max_length=20,
        choices=FunctionPlacement.choices,
        help_text=_(
            "Where the function sits shapes the work: in the labour-market unit it easily "
            "becomes a labour-market question, in the business office a business question."
        ),
    )
    unit = models.CharField(
        _("unit or department"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Arbetsmarknadsenheten."),
    )
    mandate = models.TextField(
        _("mandate"),
        blank=True,
        help_text=_("What the function is tasked with and may decide, and whom it reports to."),
    )
    established_on = models.DateField(_("established"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coordinating function")
        verbose_name_plural = _("coordinating functions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:coordinatingfunction_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.established_on and self.ended_on and self.ended_on < self.established_on:
            raise ValidationError({"ended_on": _("The end date is before the start date.")})

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()


class FunctionMember(OrganisationOwned):
    """A person in the coordinating function and the share of full time they give it."""

    function = models.ForeignKey(
        CoordinatingFunction,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("coordinating function"),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("E.g. Utvecklingsstrateg.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    share_of_full_time = models.PositiveSmallIntegerField(
        _("share of full time (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much of a full-time post the person gives the function, 1–100 %."),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person in the function")
        verbose_name_plural = _("people in the function")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.function.get_absolute_url() + "#personer"
