"""Municipality size groups by population (one place: the comparison's peer groups and the
good examples' filter use the same bands)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SizeBand:
    key: str
    label: str
    low: int  # inhabitants, inclusive
    high: int | None  # inclusive; None: no upper limit


SIZE_BANDS: list[SizeBand] = [
    SizeBand("small", _("Under 15,000 inhabitants"), 0, 14_999),
    SizeBand("medium", _("15,000–49,999 inhabitants"), 15_000, 49_999),
    SizeBand("large", _("50,000–199,999 inhabitants"), 50_000, 199_999),
    SizeBand("largest", _("200,000 inhabitants or more"), 200_000, None),
]


def size_band(population: int | None) -> SizeBand | None:
    """The band of ``population`` inhabitants; None without a population."""
    if population is None:
        return None
    for band in SIZE_BANDS:
        if population >= band.low and (band.high is None or population <= band.high):
            return band
    return None


def get_band(key: str) -> SizeBand | None:
    return next((band for band in SIZE_BANDS if band.key == key), None)
