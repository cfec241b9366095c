"""The computed indicators: the figures of the catalogue (``collab.figures``) that follow-up
shows with targets, on the dashboard and in the report.

Each app defines its figures in its own ``figures.py`` (the register, the seven areas,
procurement); this module only reads the catalogue. Values come from the stored table of
yearly figures (``collab.figures.values``), never computed here.
"""

from decimal import Decimal

from collab import figures
from collab.figures import Figure

Number = int | Decimal | float
ComputedIndicator = Figure


class _Catalogue:
    """The indicators in catalogue order (read when used: the apps register their figures
    in ``ready()``, after this module is imported)."""

    def __iter__(self):
        return iter(figures.catalogue(indicators_only=True))

    def __len__(self):
        return len(figures.catalogue(indicators_only=True))


CATALOGUE = _Catalogue()


def indicator_choices() -> list[tuple[str, str]]:
    return [(indicator.key, indicator.name) for indicator in CATALOGUE]


INDICATOR_CHOICES = indicator_choices  # a callable: Django's choice fields accept one


def get_indicator(key: str) -> Figure | None:
    figure = figures.get(key)
    return figure if figure is not None and figure.indicator else None


def per_10000(value: Number, population: int | None) -> Decimal | None:
    """The value per 10,000 inhabitants (one decimal), or None without a population."""
    if not population:
        return None
    return round(Decimal(value) * Decimal(10_000) / Decimal(population), 1)
