"""Municipality size groups from the number of inhabitants (one place).

The good examples are filtered by them and the comparison groups its members by them. A band
is ``low <= population < high`` (``high`` None: no upper limit); an organisation without a
population is in no band.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SizeBand:
    key: str
    label: str
    low: int
    high: int | None

    def contains(self, population: int | None) -> bool:
        if population is None:
            return False
        return population >= self.low and (self.high is None or population < self.high)

    def q(self, field: str = "population") -> Q:
        """The band as a filter on a population field (e.g. ``organisation__population``)."""
        condition = Q(**{f"{field}__gte": self.low})
        if self.high is not None:
            condition &= Q(**{f"{field}__lt": self.high})
        return condition


SIZE_BANDS: tuple[SizeBand, ...] = (
    SizeBand("under-15000", _("Under 15,000 inhabitants"), 0, 15_000),
    SizeBand("15000-50000", _("15,000–50,000 inhabitants"), 15_000, 50_000),
    SizeBand("50000-200000", _("50,000–200,000 inhabitants"), 50_000, 200_000),
    SizeBand("over-200000", _("Over 200,000 inhabitants"), 200_000, None),
)

SIZE_CHOICES = [(band.key, band.label) for band in SIZE_BANDS]


def size_band(population: int | None) -> SizeBand | None:
    """The band of ``population`` inhabitants, or None when it is not known."""
    return next((band for band in SIZE_BANDS if band.contains(population)), None)


def get_band(key: str) -> SizeBand | None:
    return next((band for band in SIZE_BANDS if band.key == key), None)
