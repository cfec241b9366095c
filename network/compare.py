"""The network's comparison of one indicator: every member's value for a year, per 10 000
inhabitants, the group's unweighted mean and each member's place relative to the group.

Pure computation on what :func:`network.selectors.shared_values` gives (the members' stored
yearly figures, by consent): a member that does not share figures is "not shared", a member
without a value is "no data" — neither is ever a 0, and neither counts in the mean or the
quartiles. The pages (``compare_views``) and the exports show the same :class:`Comparison`.

**Place relative to the group.** The values compared (per 10 000 inhabitants for a per-capita
indicator, else the value) are ranked with ties at their middle rank; a member's percentile
rank ``p = (below + (equal - 1) / 2) / (n - 1)`` puts it in a quarter: under 0.25 the lowest,
under 0.5 the second, exactly 0.5 the middle, up to 0.75 the third, above that the highest. The
indicator's direction (``higher_is_better``) decides which end is "upper": for an indicator
where lower is better, the lowest values are the upper quarter. It is a place among the
members, never a judgement of the member.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from collab.figures import Figure
from collab.models import NetworkMembership, YearlyFigure
from collab.sqlite import swedish_key
from followup.indicators import per_10000
from network import selectors
from network.sizes import SIZE_BANDS, size_band

TREND_YEARS = 5
NOT_SHARED = selectors.NOT_SHARED


@dataclass(frozen=True)
class Position:
    """A member's place among the group's reported values (``rank`` 4 is the upper end)."""

    rank: int  # 1 lower quarter, 2 below the middle, 0 the middle, 3 above the middle, 4 upper
    label: str
    symbol: str
    css: str


POSITIONS = {
    4: Position(
        4,
        _("Upper quarter"),
        "▲▲",
        "compare-q4 bg-primary-subtle text-primary-emphasis border border-primary",
    ),
    3: Position(
        3,
        _("Above the middle"),
        "▲",
        "compare-q3 bg-info-subtle text-info-emphasis border border-info",
    ),
    0: Position(0, _("At the middle"), "●", "compare-q0 bg-body-secondary text-body border"),
    2: Position(
        2,
        _("Below the middle"),
        "▼",
        "compare-q2 bg-warning-subtle text-warning-emphasis border border-warning",
    ),
    1: Position(
        1,
        _("Lower quarter"),
        "▼▼",
        "compare-q1 bg-danger-subtle text-danger-emphasis border border-danger",
    ),
}


def value_quarter(value, others: list) -> int:
    """The quarter (1–4 from the lowest values, 0 the middle) of ``value`` among ``others``
    (sorted, and including it), by the middle rank of ties."""
    ordered = others
    n = len(ordered)
    if n < 2:
        return 0
    below = bisect_left(ordered, value)
    equal = bisect_right(ordered, value) - below
    p = (Decimal(below) + Decimal(equal - 1) / 2) / Decimal(n - 1)
    if p < Decimal("0.25"):
        return 1
    if p < Decimal("0.5"):
        return 2
    if p == Decimal("0.5"):
        return 0
    if p <= Decimal("0.75"):
        return 3
    return 4


def position(value, others: list, higher_is_better: bool) -> Position | None:
    """The place of ``value`` among ``others`` (sorted), the upper end by the direction."""
    if value is None:
        return None
    quarter = value_quarter(value, others)
    if not higher_is_better and quarter:
        quarter = 5 - quarter
    return POSITIONS[quarter]


def mean(values: list) -> Decimal | None:
    """The unweighted mean with one decimal; None when nobody reported."""
    if not values:
        return None
    total = sum((Decimal(v) for v in values), Decimal(0))
    return (total / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- groups -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """The members compared: everybody, a size band or a coordinator-defined peer group."""

    key: str  # "" everybody, "size-<band>", "group-<pk>"
    label: str
    band: object = None
    organisation_ids: frozenset | None = None

    def includes(self, membership, population) -> bool:
        if self.band is not None:
            return size_band(population) == self.band
        if self.organisation_ids is not None:
            return membership.organisation_id in self.organisation_ids
        return True


EVERYBODY = Group("", _("All members"))


def groups(network) -> list[Group]:
    """Everybody, the size bands and the network's peer groups with their members (one
    query: a peer group's rows joined with its members)."""
    from network.models import PeerGroup

    result = [EVERYBODY]
    result += [Group(f"size-{band.key}", str(band.label), band=band) for band in SIZE_BANDS]
    peer: dict[int, tuple[str, set]] = {}
    rows = (
        PeerGroup.objects.filter(network=network)
        .order_by("name", "pk")
        .values_list("pk", "name", "organisations")
    )
    for pk, name, organisation_id in rows:
        _name, ids = peer.setdefault(pk, (name, set()))
        if organisation_id is not None:
            ids.add(organisation_id)
    result += [
        Group(f"group-{pk}", name, organisation_ids=frozenset(ids))
        for pk, (name, ids) in peer.items()
    ]
    return result


def group_for(key: str, choices: list[Group]) -> Group:
    """The group named by ``key`` among ``choices`` (``groups(network)``), else everybody."""
    return next((group for group in choices if group.key == key), EVERYBODY)


# --- populations and years ----------------------------------------------------------------------


def _populations(memberships, year: int) -> dict[int, int | None]:
    """``{organisation id: inhabitants or None}`` for ``year`` (the organisation's own figure;
    the one place to switch to dated populations)."""
    return {m.organisation_id: m.organisation.population for m in memberships}


def years_of(network, today: datetime.date | None = None) -> list[int]:
    """The years to choose from, newest first: the years any active member that shares its
    figures has stored figures for, and the last five years (one query)."""
    current = (today or timezone.localdate()).year
    members = selectors.sharing_ids(network, "figures")
    with scopes_disabled():  # only which years exist, never a value
        stored = set(
            YearlyFigure.objects.filter(organisation_id__in=Subquery(members))
            .values_list("year", flat=True)
            .distinct()
        )
    return sorted({*stored, *range(current - TREND_YEARS + 1, current + 1)}, reverse=True)


# --- the comparison -----------------------------------------------------------------------------


@dataclass
class MemberRow:
    membership: NetworkMembership
    shared: bool
    value: object = None  # None: no data (or not shared)
    population: int | None = None
    per_10000: Decimal | None = None
    position: Position | None = None
    is_viewer: bool = False
    trend: list = field(default_factory=list)  # per year: a value, None or NOT_SHARED
    per_capita: bool = False

    @property
    def organisation(self):
        return self.membership.organisation

    @property
    def compared(self):
        """The value placed among the group's (per 10 000 for a per-capita indicator)."""
        return self.per_10000 if self.per_capita else self.value


@dataclass
class Comparison:
    indicator: Figure
    year: int
    group: Group
    rows: list[MemberRow]
    years: list[int]  # the trend's years, oldest first
    mean: Decimal | None
    mean_per_10000: Decimal | None
    reported: int  # members of the group with a value
    trend_means: list  # per year: the group's mean or None
    trend_reported: list  # per year: how many reported

    @property
    def members(self) -> int:
        return len(self.rows)

    @property
    def per_capita(self) -> bool:
        return self.indicator.per_capita

    @property
    def compared_mean(self):
        return self.mean_per_10000 if self.per_capita else self.mean


def compare(network, indicator: Figure, year: int, *, group: Group = EVERYBODY, viewer=None):
    """The comparison of ``indicator`` in ``year`` for the members in ``group`` (all active
    members, in Swedish name order), with the trend over the five years up to ``year``."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    shared = selectors.shared_values(network, "figures", [indicator.key], years)
    populations = _populations(list(shared), year)
    rows = []
    for membership, values in shared.items():
        population = populations.get(membership.organisation_id)
        if not group.includes(membership, population):
            continue
        row = MemberRow(
            membership=membership,
            shared=values != NOT_SHARED,
            population=population,
            is_viewer=viewer is not None and membership.organisation_id == viewer.pk,
            per_capita=indicator.per_capita,
        )
        if row.shared:
            by_year = values[indicator.key]
            row.value = by_year.get(year)
            row.trend = [by_year.get(y) for y in years]
            if indicator.per_capita and row.value is not None:
                row.per_10000 = per_10000(row.value, population)
        else:
            row.trend = [NOT_SHARED for _y in years]
        rows.append(row)
    rows.sort(key=lambda r: swedish_key(r.organisation.name))
    compared = sorted(r.compared for r in rows if r.compared is not None)
    for row in rows:
        row.position = position(row.compared, compared, indicator.higher_is_better)
    reported = [r.value for r in rows if r.value is not None]
    trend_values = [
        [r.trend[i] for r in rows if r.shared and r.trend[i] is not None] for i in range(len(years))
    ]
    return Comparison(
        indicator=indicator,
        year=year,
        group=group,
        rows=rows,
        years=years,
        mean=mean(reported),
        mean_per_10000=mean([r.per_10000 for r in rows if r.per_10000 is not None]),
        reported=len(reported),
        trend_means=[mean(values) for values in trend_values],
        trend_reported=[len(values) for values in trend_values],
    )


# --- demo data ----------------------------------------------------------------------------------


def seed_demo(network, organisations) -> None:
    """A coordinator-defined peer group of the demo network (idempotent)."""
    from network.models import PeerGroup

    group, _created = PeerGroup.objects.get_or_create(
        network=network,
        name="Kommuner med eget arbetsintegrerande nätverk",
        defaults={"description": "Medlemmar som själva samordnar ett lokalt nätverk."},
    )
    group.organisations.add(*organisations.values())
