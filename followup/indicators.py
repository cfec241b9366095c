"""The catalogue of computed indicators: one written definition each, computed in the database.

Every indicator's ``compute(years)`` returns ``{year: value}`` for the requested years with a
fixed number of queries (grouped or conditional aggregation), whatever the number of rows.
It runs inside the organisation scope, like every query on organisation-owned records.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DateField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Activity as PlanActivity
from areas.models import (
    ActivityStatus,
    GoverningDocument,
    GroupKind,
    Meeting,
    Partnership,
)
from areas.querysets import GoverningDocumentQuerySet, PartnershipQuerySet
from collab.formatting import Unit
from enterprises.models import EnterpriseStatus, SocialEnterprise
from procurement.models import EmploymentReport, Procurement, SupplierPayment
from procurement.querysets import ProcurementQuerySet, share_percent

Number = int | Decimal | float


@dataclass(frozen=True)
class ComputedIndicator:
    key: str
    name: str
    unit: Unit | str  # a counted unit, "kr" or "%"
    definition: str
    area: int
    compute: Callable[[list[int]], dict[int, Number]]
    per_capita: bool = False
    higher_is_better: bool = True
    is_share: bool = False  # a percentage: no per-capita figure, targets in per cent


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def _by_year(queryset, date_field: str, value: Callable, years: Iterable[int]) -> dict:
    """One query: ``value`` over each year's rows, chosen by ``date_field`` (0 for a year
    without rows). Date ranges, not a year function per row, so an index on the date is used."""
    years = list(years)
    if not years:
        return {}
    queryset = queryset.filter(
        **{
            f"{date_field}__gte": _year_start(min(years)),
            f"{date_field}__lte": _year_end(max(years)),
        }
    )
    return _per_year(queryset, lambda year: _in_year(date_field, year), value, years)


def _in_year(date_field: str, year: int) -> Q:
    return Q(**{f"{date_field}__range": (_year_start(year), _year_end(year))})


def _count(**kwargs):
    return Count("id", **kwargs)


def _per_year(queryset, condition: Callable[[int], Q], value, years: Iterable[int]) -> dict:
    """One query with one conditional aggregate per year (for states that span years)."""
    years = list(years)
    if not years:
        return {}
    totals = queryset.aggregate(**{f"y{year}": value(filter=condition(year)) for year in years})
    return {year: totals[f"y{year}"] or 0 for year in years}


def _share(part: dict[int, Number], whole: dict[int, Number]) -> dict[int, Number | None]:
    """Per cent with one decimal; None for a year with nothing to divide by (0 of 0 is not
    0 %: it would show as "off track" against any target)."""
    return {year: share_percent(part[year], whole[year]) for year in part}


# --- the register ----------------------------------------------------------------------------


def _identified_by(year: int) -> Q:
    return Q(identified_date__lte=_year_end(year))


def _enterprises():
    return SocialEnterprise.objects.exclude(status=EnterpriseStatus.ENDED).annotate(
        identified_date=Coalesce("identified_on", Value(timezone.localdate(), DateField()))
    )


def enterprises_identified(years):
    return _per_year(_enterprises(), _identified_by, lambda **kw: Count("id", **kw), years)


def work_training_places(years):
    return _per_year(
        _enterprises(), _identified_by, lambda **kw: Sum("work_training_places", **kw), years
    )


# --- IOP partnerships ------------------------------------------------------------------------


def iop_active(years):
    return _per_year(
        Partnership.objects.all(),
        PartnershipQuerySet.active_in_year_q,
        lambda **kw: Count("id", **kw),
        years,
    )


def iop_kronor(years):
    return _per_year(
        Partnership.objects.all(),
        PartnershipQuerySet.active_in_year_q,
        lambda **kw: Sum("municipality_contribution", **kw),
        years,
    )


# --- procurements ----------------------------------------------------------------------------


def _procurements():
    return Procurement.objects.counted().filter(planned_start__isnull=False)


def procurements_social(years):
    return _by_year(
        _procurements().filter(ProcurementQuerySet.social_considerations_q()),
        "planned_start",
        _count,
        years,
    )


def procurements_all(years):
    return _by_year(_procurements(), "planned_start", _count, years)


def procurements_social_share(years):
    return _share(procurements_social(years), procurements_all(years))


def procurements_reserved(years):
    return _by_year(
        _procurements().filter(ProcurementQuerySet.reserved_q()),
        "planned_start",
        _count,
        years,
    )


def employment_months(years):
    return _by_year(
        EmploymentReport.objects.all(),
        "period_end",
        lambda **kw: Sum("months_delivered", **kw),
        years,
    )


# --- spend (supplier payments) ---------------------------------------------------------------


def spend_social(years):
    return _by_year(
        SupplierPayment.objects.filter(matched_enterprise__isnull=False),
        "booking_date",
        lambda **kw: Sum("amount", **kw),
        years,
    )


def spend_all(years):
    return _by_year(
        SupplierPayment.objects.all(), "booking_date", lambda **kw: Sum("amount", **kw), years
    )


def spend_social_share(years):
    """One query for both sums per year: to social enterprises, and to everyone."""
    years = list(years)
    if not years:
        return {}
    payments = SupplierPayment.objects.filter(
        booking_date__gte=_year_start(min(years)), booking_date__lte=_year_end(max(years))
    )
    social = Q(matched_enterprise__isnull=False)
    totals = payments.aggregate(
        **{f"social{y}": Sum("amount", filter=_in_year("booking_date", y) & social) for y in years},
        **{f"all{y}": Sum("amount", filter=_in_year("booking_date", y)) for y in years},
    )
    return _share(
        {y: totals[f"social{y}"] or 0 for y in years}, {y: totals[f"all{y}"] or 0 for y in years}
    )


# --- collaboration ---------------------------------------------------------------------------


def meetings_with_enterprises(years):
    # "Held": a meeting planned for later in the current year does not count yet.
    return _by_year(
        Meeting.objects.filter(
            Q(group__kind=GroupKind.EXTERNAL) | Q(attending_enterprises__isnull=False),
            date__lte=timezone.localdate(),
        ),
        "date",
        lambda **kw: Count("id", distinct=True, **kw),
        years,
    )


def documents_adopted(years):
    return _per_year(
        GoverningDocument.objects.all(),
        lambda year: GoverningDocumentQuerySet.in_force_q(_year_end(year)),
        lambda **kw: Count("id", **kw),
        years,
    )


def action_plan_completion(years):
    activities = PlanActivity.objects.exclude(status=ActivityStatus.CANCELLED)
    due = _per_year(
        activities,
        lambda year: Q(due_date__lte=_year_end(year)),
        lambda **kw: Count("id", **kw),
        years,
    )
    done = _per_year(
        activities.filter(status=ActivityStatus.DONE),
        lambda year: Q(due_date__lte=_year_end(year)),
        lambda **kw: Count("id", **kw),
        years,
    )
    return _share(done, due)


CATALOGUE: tuple[ComputedIndicator, ...] = (
    ComputedIndicator(
        "enterprises_identified",
        _("Identified social enterprises"),
        Unit("enterprise", "enterprises"),
        _(
            "Social enterprises in the register identified on or before 31 December of the year, "
            "whose status is not ended. An enterprise without an identification date counts "
            "from the current year."
        ),
        area=5,
        compute=enterprises_identified,
        per_capita=True,
    ),
    ComputedIndicator(
        "work_training_places",
        _("Work-training places"),
        Unit("place", "places"),
        _(
            "The sum of the work-training places that the same enterprises state in the "
            "register (their current figure)."
        ),
        area=5,
        compute=work_training_places,
        per_capita=True,
    ),
    ComputedIndicator(
        "iop_active",
        _("Active IOP partnerships"),
        Unit("partnership", "partnerships"),
        _(
            "IOP partnerships with the status decided, ongoing or ended whose period (start "
            "date to end date) covers part of the year."
        ),
        area=6,
        compute=iop_active,
    ),
    ComputedIndicator(
        "iop_kronor",
        _("Kronor to IOP partnerships"),
        "kr",
        _(
            "The municipality's yearly contribution to the same partnerships, added up for the "
            "year."
        ),
        area=6,
        compute=iop_kronor,
    ),
    ComputedIndicator(
        "procurements_social",
        _("Procurements with social considerations"),
        Unit("procurement", "procurements"),
        _(
            "Recorded procurements, not cancelled, whose contract starts in the year and that "
            "are reserved, have an employment requirement, are divided into lots, had a market "
            "dialogue or state other social requirements."
        ),
        area=6,
        compute=procurements_social,
    ),
    ComputedIndicator(
        "procurements_social_share",
        _("Share of procurements with social considerations"),
        "%",
        _(
            "Procurements with social considerations as a share of all recorded procurements, "
            "not cancelled, whose contract starts in the year. No value for a year without "
            "procurements."
        ),
        area=6,
        compute=procurements_social_share,
        is_share=True,
    ),
    ComputedIndicator(
        "procurements_reserved",
        _("Reserved procurements"),
        Unit("procurement", "procurements"),
        _(
            "Recorded procurements, not cancelled, whose contract starts in the year and that "
            "are reserved under LOU 4 kap. 18 §, 19 kap. 25 § or 19 kap. 25 a §."
        ),
        area=6,
        compute=procurements_reserved,
    ),
    ComputedIndicator(
        "spend_social",
        _("Kronor bought from social enterprises"),
        "kr",
        _(
            "Imported supplier payments (excluding VAT) booked in the year to suppliers whose "
            "organisation number is in the register."
        ),
        area=6,
        compute=spend_social,
    ),
    ComputedIndicator(
        "spend_social_share",
        _("Share of purchasing from social enterprises"),
        "%",
        _(
            "Kronor bought from social enterprises as a share of all imported supplier payments "
            "booked in the year. No value for a year without payments."
        ),
        area=6,
        compute=spend_social_share,
        is_share=True,
    ),
    ComputedIndicator(
        "employment_months",
        _("Months of employment delivered"),
        Unit("month", "months"),
        _(
            "Months of full-time work reported under employment requirements, for report "
            "periods ending in the year."
        ),
        area=6,
        compute=employment_months,
    ),
    ComputedIndicator(
        "meetings_with_enterprises",
        _("Meetings with social enterprises"),
        Unit("meeting", "meetings"),
        _(
            "Meetings held in the year (up to today) by an external forum, or attended by at "
            "least one enterprise from the register."
        ),
        area=5,
        compute=meetings_with_enterprises,
    ),
    ComputedIndicator(
        "documents_adopted",
        _("Adopted governing documents"),
        Unit("document", "documents"),
        _(
            "Governing documents adopted on or before 31 December of the year and valid on that "
            "day: valid from that day or earlier, and either adopted without an end of validity "
            "or valid to 31 December or later. A repealed document counts up to its end of "
            "validity."
        ),
        area=4,
        compute=documents_adopted,
    ),
    ComputedIndicator(
        "action_plan_completion",
        _("Action-plan completion"),
        "%",
        _(
            "Of the action plan's activities (not cancelled) due on or before 31 December of "
            "the year, the share that is done (by their current status). No value for a year "
            "without such activities."
        ),
        area=4,
        compute=action_plan_completion,
        is_share=True,
    ),
)

_BY_KEY = {indicator.key: indicator for indicator in CATALOGUE}
INDICATOR_CHOICES = [(indicator.key, indicator.name) for indicator in CATALOGUE]


def get_indicator(key: str) -> ComputedIndicator | None:
    return _BY_KEY.get(key)


def per_10000(value: Number, population: int | None) -> Decimal | None:
    """The value per 10,000 inhabitants (one decimal), or None without a population."""
    if not population:
        return None
    return round(Decimal(value) * Decimal(10_000) / Decimal(population), 1)
