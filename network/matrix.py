"""The seven-area matrix: every member's level (0–4) in each of the seven areas for a year, and
its progress since the year before.

Read through ``selectors.shared_values`` (the stored yearly figures, by consent): a member that
does not share its levels is "not shared" and never shows a level; a level of None is "not
recorded" (a year's level is stored while the year is open and cannot be computed back).
Everything is read in a constant number of queries, whatever the number of members.
"""

import functools
import statistics
from dataclasses import dataclass, field

from django.utils import timezone

from areas.handbook import AREAS, Area
from network import selectors

YEARS_SHOWN = 5  # the years one can choose: the current one and the four before


@dataclass(frozen=True)
class Cell:
    level: int | None  # None: not recorded for the year
    previous: int | None  # last year's level, None: not recorded then

    @property
    def change(self) -> int | None:
        if self.level is None or self.previous is None:
            return None
        return self.level - self.previous

    @property
    def progress(self) -> str:
        """ "up", "down", "same", "new" (last year not recorded) or "" (no level this year)."""
        if self.level is None:
            return ""
        if self.previous is None:
            return "new"
        change = self.level - self.previous
        return "up" if change > 0 else "down" if change < 0 else "same"


@dataclass
class Row:
    membership: object
    shared: bool
    own: bool
    cells: list[Cell] = field(default_factory=list)
    html: str = ""  # the row rendered (the page fills it in)

    @property
    def organisation(self):
        return self.membership.organisation


@dataclass
class AreaSummary:
    area: Area
    counts: list[int]  # members at level 0, 1, 2, 3, 4
    recorded: int  # members with a level for the year
    median: float | int | None

    @property
    def by_level(self) -> list[tuple[int, int]]:
        return list(enumerate(self.counts))


@dataclass
class Matrix:
    year: int
    previous_year: int
    areas: tuple[Area, ...]
    rows: list[Row]
    summaries: list[AreaSummary]

    @property
    def not_shared(self) -> int:
        return sum(not row.shared for row in self.rows)


def years(today=None) -> list[int]:
    """The years one can choose, latest first."""
    this_year = (today or timezone.localdate()).year
    return [this_year - offset for offset in range(YEARS_SHOWN)]


def _int(value) -> int | None:
    return None if value is None else int(value)


@functools.cache
def _cell(level: int | None, previous: int | None) -> Cell:
    """One shared Cell per distinct pair (a few dozen for thousands of cells)."""
    return Cell(level, previous)


def build(network, year: int, viewer_organisation=None) -> Matrix:
    """The matrix of ``network`` for ``year`` (with progress since ``year - 1``); the viewer's
    own organisation's row is marked ``own``."""
    keys = selectors.level_keys()
    values = selectors.shared_values(network, "levels", keys, [year - 1, year])
    rows = []
    viewer_id = getattr(viewer_organisation, "pk", None)
    for membership, by_key in values.items():
        shared = by_key is not selectors.NOT_SHARED
        row = Row(membership, shared=shared, own=membership.organisation_id == viewer_id)
        if shared:
            row.cells = [
                _cell(_int(by_key[key][year]), _int(by_key[key][year - 1])) for key in keys
            ]
        rows.append(row)
    rows.sort(key=lambda row: row.organisation.name)
    summaries = []
    for index, area in enumerate(AREAS):
        levels = [row.cells[index].level for row in rows if row.shared]
        levels = [level for level in levels if level is not None]
        counts = [levels.count(level) for level in range(5)]
        median = statistics.median(levels) if levels else None
        if median is not None and median == int(median):
            median = int(median)
        summaries.append(AreaSummary(area, counts, len(levels), median))
    return Matrix(year, year - 1, AREAS, rows, summaries)
