"""Reads for follow-up: every indicator's values, targets and status for a window of years.

``indicator_rows`` is what the indicator list, the dashboard and the PDF report show. The
computed indicators' values come from the stored table of yearly figures
(``collab.figures.values``: two queries when stored); then one query each for the targets, the
manual indicators and their measurements — whatever the number of rows. A quarterly manual
indicator's yearly value combines its quarters as the indicator says (sum, average or latest
quarter).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from collab import figures
from collab.formatting import Unit
from followup.indicators import CATALOGUE, ComputedIndicator, per_10000
from followup.models import Direction, ManualIndicator, Measurement, Target, YearlyValue
from followup.targets import TargetStatus, target_status

# How many years the dashboard and the report show (the chosen year and the ones before).
WINDOW = 5

# The dashboard's and the report's key figures (computed indicators, in this order).
KEY_FIGURES = [
    "enterprises_identified",
    "work_training_places",
    "iop_active",
    "iop_kronor",
    "procurements_social_share",
    "spend_social",
    "employment_months",
    "meetings_with_enterprises",
]


def years_ending(year: int, count: int = WINDOW) -> list[int]:
    return list(range(year - count + 1, year + 1))


def default_year(today: datetime.date | None = None) -> int:
    return (today or timezone.localdate()).year


@dataclass
class IndicatorRow:
    key: str  # a computed indicator's key, or "manual-<pk>"
    name: str
    unit: "str | Unit"  # a counted unit (collab.formatting.Unit), "kr", "%" or free text
    definition: str
    area: int
    url: str
    year: int
    values: dict[int, Decimal | int | None]  # per year in the window; None = not measured
    targets: dict[int, Decimal] = field(default_factory=dict)
    higher_is_better: bool = True
    is_share: bool = False
    is_manual: bool = False
    per_capita_value: Decimal | None = None
    list_url: str | None = None  # the records counted in ``year`` (a computed indicator)

    @property
    def value(self):
        return self.values.get(self.year)

    @property
    def previous(self):
        return self.values.get(self.year - 1)

    @property
    def change(self):
        if self.value is None or self.previous is None:
            return None
        return Decimal(self.value) - Decimal(self.previous)

    @property
    def target(self):
        return self.targets.get(self.year)

    @property
    def status(self) -> TargetStatus | None:
        return target_status(self.value, self.target, higher_is_better=self.higher_is_better)

    def series(self) -> list[tuple[int, object]]:
        return sorted(self.values.items())


def _measured_values(years: list[int]) -> dict[int, dict[int, Decimal]]:
    """Each manual indicator's value per year (one query): a yearly measurement, or the
    quarters combined as the indicator says (sum, average or the latest quarter)."""
    latest = Measurement.objects.filter(
        indicator=OuterRef("indicator_id"), year=OuterRef("year")
    ).order_by("-quarter")
    rows = (
        Measurement.objects.filter(year__in=years)
        .values("indicator_id", "year", "indicator__yearly_value")
        .annotate(
            total=Sum("value"),
            average=Avg("value"),
            latest=Subquery(latest.values("value")[:1]),
        )
    )
    pick = {YearlyValue.SUM: "total", YearlyValue.AVERAGE: "average", YearlyValue.LATEST: "latest"}
    measured: dict[int, dict[int, Decimal]] = {}
    for item in rows:
        value = item[pick[YearlyValue(item["indicator__yearly_value"])]]
        if value is not None:
            value = round(Decimal(value), 2)
        measured.setdefault(item["indicator_id"], {})[item["year"]] = value
    return measured


def _computed_row(indicator: ComputedIndicator, year, values, targets, population):
    row = IndicatorRow(
        key=indicator.key,
        name=str(indicator.name),
        unit=indicator.unit,
        definition=str(indicator.definition),
        area=indicator.area,
        url=reverse("followup:indicator_detail", kwargs={"key": indicator.key}),
        year=year,
        values=dict(values),
        targets=targets.get(indicator.key, {}),
        higher_is_better=indicator.higher_is_better,
        is_share=indicator.is_share,
        list_url=indicator.list_url(year),
    )
    if indicator.per_capita and values.get(year) is not None:
        row.per_capita_value = per_10000(values[year], population)
    return row


def indicator_rows(
    organisation,
    year: int,
    *,
    keys: list[str] | None = None,
    manual: bool = True,
    state: figures.RecordsState | None = None,
) -> list[IndicatorRow]:
    """Computed indicators (catalogue order), then the organisation's manual indicators."""
    years = years_ending(year)
    targets: dict[str, dict[int, Decimal]] = {}
    for target in Target.objects.filter(year__in=years).values(
        "indicator_key", "manual_id", "year", "value"
    ):
        key = target["indicator_key"] or f"manual-{target['manual_id']}"
        targets.setdefault(key, {})[target["year"]] = target["value"]
    population = organisation.population
    computed = [i for i in CATALOGUE if keys is None or i.key in keys]
    stored = figures.values(organisation, [i.key for i in computed], years, state=state)
    rows = [
        _computed_row(indicator, year, stored[indicator.key], targets, population)
        for indicator in computed
    ]
    if not manual:
        return rows
    measured = _measured_values(years)
    for indicator in ManualIndicator.objects.order_by("name"):
        key = f"manual-{indicator.pk}"
        if keys is not None and key not in keys:
            continue
        values = {y: measured.get(indicator.pk, {}).get(y) for y in years}
        row = IndicatorRow(
            key=key,
            name=indicator.name,
            unit=indicator.unit,
            definition=indicator.definition,
            area=indicator.area,
            url=indicator.get_absolute_url(),
            year=year,
            values=values,
            targets=targets.get(key, {}),
            higher_is_better=indicator.direction == Direction.HIGHER,
            is_manual=True,
        )
        if indicator.per_capita and values.get(year) is not None:
            row.per_capita_value = per_10000(values[year], population)
        rows.append(row)
    return rows
