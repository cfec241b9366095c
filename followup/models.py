"""Follow-up (area 7): manual indicators and their measurements, targets, effect chains.

The computed indicators (identified enterprises, IOPs, procurements, spend, …) are not stored:
they are computed from the other apps' records by ``followup.indicators``. A target refers to
either a computed indicator (by its key) or a manual indicator.
"""

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.handbook import AREA_CHOICES
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
# The longest period a status report covers (as the report page's period form).
MAX_REPORT_YEARS = 10


class Periodicity(models.TextChoices):
    YEAR = "ar", _("Per year")
    QUARTER = "kvartal", _("Per quarter")


class YearlyValue(models.TextChoices):
    """How a quarterly indicator's quarters make the year's value."""

    SUM = "summa", _("Sum of the quarters")
    AVERAGE = "medel", _("Average of the quarters")
    LATEST = "senaste", _("Latest quarter")


class Direction(models.TextChoices):
    HIGHER = "hogre", _("Higher is better")
    LOWER = "lagre", _("Lower is better")


class ManualIndicator(OrganisationOwned):
    """An indicator the coordinator defines and measures, e.g. participants who moved on to
    work or studies."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. people, kr, per cent."))
    definition = models.TextField(
        _("definition"),
        help_text=_("What is counted, from which source, for which period. Shown with the value."),
    )
    periodicity = models.CharField(
        _("measured"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    yearly_value = models.CharField(
        _("the year's value"),
        max_length=10,
        choices=YearlyValue.choices,
        default=YearlyValue.SUM,
        help_text=_(
            "For a quarterly indicator: add the quarters up (e.g. people who found work), take "
            "their average (e.g. a satisfaction share) or the latest quarter (e.g. people in "
            "work training at the end of the period)."
        ),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    area = models.PositiveSmallIntegerField(_("area"), choices=AREA_CHOICES, default=7)
    per_capita = models.BooleanField(
        _("show per 10,000 inhabitants"),
        default=False,
        help_text=_("For counts that should be compared with the population."),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("manual indicator")
        verbose_name_plural = _("manual indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("followup:manualindicator_detail", kwargs={"pk": self.pk})


class Measurement(OrganisationOwned):
    """A manual indicator's value for a year or a quarter (quarter 0 = the whole year)."""

    indicator = models.ForeignKey(
        ManualIndicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        default=0,
        validators=[MaxValueValidator(4)],
        help_text=_("1–4 for a quarterly indicator; 0 for a yearly one."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. the enterprises' reports.")
    )
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"], name="one_measurement_per_period"
            )
        ]

    def __str__(self) -> str:
        period = f"{self.year}" + (f" Q{self.quarter}" if self.quarter else "")
        return f"{self.indicator}: {period}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url() + "#matvarden"

    def clean(self) -> None:
        indicator = self.indicator if self.indicator_id else None
        if indicator is None:
            return
        if indicator.periodicity == Periodicity.YEAR and self.quarter:
            raise ValidationError(
                {"quarter": _("The indicator is measured per year: leave the quarter at 0.")}
            )
        if indicator.periodicity == Periodicity.QUARTER and not self.quarter:
            raise ValidationError(
                {"quarter": _("The indicator is measured per quarter: choose quarter 1–4.")}
            )


class Target(OrganisationOwned):
    """A target for one indicator and year: a computed indicator (by key) or a manual one."""

    indicator_key = models.CharField(_("computed indicator"), max_length=60, blank=True)
    manual = models.ForeignKey(
        ManualIndicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("manual indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["indicator_key", "manual", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator_key="") & Q(manual__isnull=False))
                | (~Q(indicator_key="") & Q(manual__isnull=True)),
                name="target_for_exactly_one_indicator",
            ),
            models.UniqueConstraint(
                fields=["organisation", "indicator_key", "year"],
                condition=Q(manual__isnull=True),
                name="one_target_per_computed_indicator_and_year",
            ),
            models.UniqueConstraint(
                fields=["manual", "year"],
                condition=Q(manual__isnull=False),
                name="one_target_per_manual_indicator_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_name()} {self.year}"

    def indicator_name(self) -> str:
        if self.manual_id:
            return str(self.manual)
        from followup.indicators import get_indicator

        indicator = get_indicator(self.indicator_key)
        return str(indicator.name) if indicator else self.indicator_key

    def get_absolute_url(self) -> str:
        if self.manual_id:
            return self.manual.get_absolute_url() + "#mal"
        return reverse("followup:indicator_detail", kwargs={"key": self.indicator_key}) + "#mal"

    def clean(self) -> None:
        from followup.indicators import get_indicator

        if bool(self.indicator_key) == bool(self.manual_id):
            raise ValidationError(_("Choose either a computed or a manual indicator."))
        if self.indicator_key and get_indicator(self.indicator_key) is None:
            raise ValidationError({"indicator_key": _("Unknown indicator.")})


class Stage(models.TextChoices):
    """The steps of an effect chain (effektkedja)."""

    RESOURCES = "resurser", _("Resources")
    ACTIVITIES = "aktiviteter", _("Activities")
    OUTPUTS = "prestationer", _("Outputs")
    OUTCOMES = "resultat", _("Outcomes")
    IMPACTS = "effekter", _("Impacts")


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


class EffectChain(OrganisationOwned):
    """An effect chain: resources → activities → outputs → outcomes → impacts."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["title"]
        verbose_name = _("effect chain")
        verbose_name_plural = _("effect chains")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:effectchain_detail", kwargs={"pk": self.pk})


class EffectStep(OrganisationOwned):
    """One box in an effect chain, with the indicators that measure it."""

    chain = models.ForeignKey(
        EffectChain, on_delete=models.CASCADE, related_name="steps", verbose_name=_("effect chain")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    indicator_keys = models.JSONField(_("computed indicators"), default=list, blank=True)
    manual_indicators = models.ManyToManyField(
        ManualIndicator,
        blank=True,
        related_name="effect_steps",
        verbose_name=_("manual indicators"),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["chain", "position", "pk"]
        verbose_name = _("effect chain step")
        verbose_name_plural = _("effect chain steps")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.chain.get_absolute_url() + "#steg"

    def clean(self) -> None:
        from followup.indicators import get_indicator

        keys = self.indicator_keys or []
        if not isinstance(keys, list) or any(get_indicator(k) is None for k in keys):
            raise ValidationError({"indicator_keys": _("Unknown indicator.")})


AREA_NUMBERS = range(1, 8)


class StatusReport(OrganisationOwned):
    """A status report (lägesrapport) the coordinator writes for a committee: a year or a
    period of whole years, a summary, an assessment per area and proposed decisions, shown in
    the PDF next to the figures. Once published (with a decision date and a case number) the
    PDF made at publishing and a snapshot of its figures are kept unchanged; the report can no
    longer be edited or deleted."""

    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    summary = models.TextField(_("summary"), blank=True)
    assessment_1 = models.TextField(_("assessment, area 1"), blank=True)
    assessment_2 = models.TextField(_("assessment, area 2"), blank=True)
    assessment_3 = models.TextField(_("assessment, area 3"), blank=True)
    assessment_4 = models.TextField(_("assessment, area 4"), blank=True)
    assessment_5 = models.TextField(_("assessment, area 5"), blank=True)
    assessment_6 = models.TextField(_("assessment, area 6"), blank=True)
    assessment_7 = models.TextField(_("assessment, area 7"), blank=True)
    proposed_decisions = models.TextField(_("proposed decisions"), blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    figures = models.JSONField(
        _("figures"), default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder
    )
    generated_at = models.DateTimeField(_("PDF generated"), null=True, blank=True, editable=False)

    history = HistoricalRecords(history_manager=ScopedHistoryManager, excluded_fields=["pdf"])

    class Meta:
        ordering = ["-last_year", "-first_year", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")

    def __str__(self) -> str:
        return _("Status report %(period)s") % {"period": self.period_label}

    @property
    def period_label(self) -> str:
        if self.first_year == self.last_year or self.first_year is None:
            return str(self.last_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def state(self) -> str:
        return str(_("Published") if self.is_published else _("Draft"))

    def get_absolute_url(self) -> str:
        return reverse("followup:statusreport_detail", kwargs={"pk": self.pk})

    def assessments(self) -> dict[int, str]:
        """Each area's written assessment, by area number (empty ones left out)."""
        texts = {n: getattr(self, f"assessment_{n}").strip() for n in AREA_NUMBERS}
        return {n: text for n, text in texts.items() if text}

    def decision_lines(self) -> list[str]:
        """The proposed decisions, one per line."""
        return [line.strip() for line in self.proposed_decisions.splitlines() if line.strip()]

    def stored_is_published(self) -> bool:
        if self.pk is None:
            return False
        return type(self)._base_manager.filter(pk=self.pk, published_at__isnull=False).exists()

    def clean(self) -> None:
        if self.stored_is_published():
            raise ValidationError(_("The report has been published and can no longer be changed."))
        if self.first_year and self.last_year:
            if self.last_year < self.first_year:
                raise ValidationError({"last_year": _("The period cannot end before it starts.")})
            if self.last_year - self.first_year + 1 > MAX_REPORT_YEARS:
                raise ValidationError(
                    {
                        "last_year": _("A period can be at most %(count)s years.")
                        % {"count": MAX_REPORT_YEARS}
                    }
                )
        if self.published_at is not None and not self.case_number.strip():
            raise ValidationError({"case_number": _("A published report needs a case number.")})
        if self.published_at is not None and self.decision_date is None:
            raise ValidationError({"decision_date": _("A published report needs a decision date.")})
