"""The yearly-figures dataset: one row per figure of the catalogue and year.

The values are read where every page reads them: the stored table of yearly figures through
:func:`collab.figures.values` (a missing or stale open year is computed and stored first, as on
the indicator pages), for the years the indicator pages show by default
(:func:`followup.selectors.years_ending` of the current year). So a value here is the number
the organisation's indicator page shows for the same figure and year. Call inside the
organisation's scope.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from api.schema import Column
from areas.handbook import AREA_CHOICES
from collab import figures
from collab.formatting import Unit
from collab.models import YearlyFigure
from followup.selectors import default_year, years_ending


@dataclass(frozen=True)
class FigureRow:
    figure: figures.Figure
    year: int
    value: int | Decimal | None


def years() -> list[int]:
    return years_ending(default_year())


def rows(organisation) -> list[FigureRow]:
    """Every figure of the catalogue for each year, in catalogue order, newest year first."""
    catalogue = figures.catalogue()
    window = years()
    stored = figures.values(organisation, [f.key for f in catalogue], window)
    return [
        FigureRow(figure, year, stored[figure.key][year])
        for figure in catalogue
        for year in sorted(window, reverse=True)
    ]


def _unit(figure) -> str:
    if isinstance(figure.unit, Unit):
        return str(figure.unit)
    return figure.unit or ""


AREAS = dict(AREA_CHOICES)

COLUMNS = [
    Column(
        "key",
        "text",
        True,
        _("The figure's stable identifier in Samverka's catalogue."),
        "enterprises_identified",
        lambda r: r.figure.key,
    ),
    Column(
        "name",
        "text",
        True,
        _("The figure's name."),
        "Identifierade sociala företag",
        lambda r: str(r.figure.name),
    ),
    Column(
        "year",
        "integer",
        True,
        _("The calendar year the value is for."),
        "2026",
        lambda r: r.year,
    ),
    Column(
        "value",
        "decimal",
        False,
        _(
            "The value for the year. Empty when there is no data for the year (no data is not "
            "zero). The current year's value counts up to the day the file was made."
        ),
        "42",
        lambda r: r.value,
    ),
    Column(
        "unit",
        "text",
        False,
        _("The unit: what is counted, kr (Swedish kronor) or % (per cent)."),
        "företag",
        lambda r: _unit(r.figure),
    ),
    Column(
        "area",
        "integer",
        True,
        _("The area (1–7) of SKR's handbook the figure belongs to."),
        "1",
        lambda r: r.figure.area,
    ),
    Column(
        "area_name",
        "text",
        True,
        _("The area's name."),
        "1. Kartläggning",
        lambda r: str(AREAS.get(r.figure.area, "")),
    ),
    Column(
        "definition",
        "text",
        True,
        _("How the figure is computed from the organisation's records."),
        "Sociala företag i registret …",
        lambda r: str(r.figure.definition),
    ),
]


def last_updated(organisation) -> datetime.date | None:
    """When the stored figures of the dataset's years were last computed."""
    with scope(organisation=organisation.pk):
        newest = YearlyFigure.objects.filter(organisation=organisation, year__in=years()).aggregate(
            newest=Max("computed_at")
        )["newest"]
    return timezone.localtime(newest).date() if newest else None
