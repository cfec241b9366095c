"""The PDF status report (lägesrapport) and the one-page enterprise profile.

``report_context`` reads everything the report shows for one organisation and a period of
whole years, with a fixed number of queries (aggregates, ``select_related``, capped lists):
the cover (the responsible committee from the political decision in force), the key figures,
the seven areas of the walk, the indicators against their targets, the procurements with
social considerations, the IOP partnerships, the governing documents, the action plan and the
effect chains. The platform's :mod:`collab.pdf` writes the page margins and turns the HTML
into a PDF with WeasyPrint, fetching nothing from the network.

Both run inside the organisation scope, like every query on organisation-owned records.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from areas import walk
from areas.handbook import AREAS
from areas.models import (
    Activity,
    ActivityStatus,
    GoverningDocument,
    Partnership,
    PoliticalDecision,
)
from areas.querysets import ActivityQuerySet
from collab import formatting
from collab.pdf import margins
from followup.charts import bar_chart
from followup.models import EffectChain, EffectStep, ManualIndicator
from followup.selectors import KEY_FIGURES, WINDOW, IndicatorRow, indicator_rows
from followup.targets import TARGET_RULE, target_status
from procurement.models import Procurement

# Long lists are cut here, with "and N more" stated under the table.
PROCUREMENT_LIMIT = 25
PARTNERSHIP_LIMIT = 20
DOCUMENT_LIMIT = 20
ACTIVITY_LIMIT = 40
EFFECT_CHAIN_LIMIT = 5
# The profile must fit one page: at most this many rows per related section and in all
# sections together, each row at most this long.
PROFILE_ROWS = 4
PROFILE_TOTAL_ROWS = 10
PROFILE_ROW_CHARS = 80


@dataclass(frozen=True)
class Period:
    first_year: int
    last_year: int

    @property
    def label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.last_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.last_year, 12, 31)

    @property
    def compared_year(self) -> int:
        """The year the key figures are compared with: the period's first year, or for one
        year the year before."""
        return self.first_year if self.first_year < self.last_year else self.last_year - 1

    @property
    def chart_years(self) -> list[int]:
        """The whole period, and at least the last ``WINDOW`` years for context."""
        first = min(self.first_year, self.last_year - WINDOW + 1)
        return list(range(first, self.last_year + 1))


# --- formatting ------------------------------------------------------------------------------


def indicator_value(row: IndicatorRow, value) -> str:
    """A value in the report's tables: the unit is in the heading, kronor and per cent say
    theirs."""
    return formatting.quantity(value, _row_unit(row))


def signed(row: IndicatorRow, change) -> str:
    return formatting.signed(change, _row_unit(row))


def _row_unit(row: IndicatorRow) -> str:
    return "%" if row.is_share else "kr" if row.unit == "kr" else ""


def report_filename(organisation, period: Period) -> str:
    """E.g. ``lagesrapport-sjostads-kommun-2026.pdf`` (ASCII only)."""
    years = (
        str(period.last_year)
        if period.first_year == period.last_year
        else f"{period.first_year}-{period.last_year}"
    )
    prefix = slugify(_("Status report"))  # outside the f-string, where makemessages finds it
    return f"{prefix}-{slugify(organisation.name)}-{years}.pdf"


def _capped(queryset, limit: int) -> tuple[list, int]:
    """The first ``limit`` objects and how many more there are (one query, two when cut)."""
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, 0
    return items[:limit], queryset.count() - limit


# --- the report's parts ----------------------------------------------------------------------


def responsible_committee(today: datetime.date) -> PoliticalDecision | None:
    """The political decision in force on ``today`` (the latest, if several)."""
    return PoliticalDecision.objects.in_force(today).order_by("-decided_on", "-pk").first()


def period_indicator_rows(organisation, period: Period) -> list[IndicatorRow]:
    """``indicator_rows`` for the last year, with values and targets for the whole chart
    window (one more call per ``WINDOW`` years further back)."""
    years = period.chart_years
    rows = indicator_rows(organisation, period.last_year)
    year = period.last_year - WINDOW
    while year >= years[0]:
        earlier = {row.key: row for row in indicator_rows(organisation, year)}
        for row in rows:
            other = earlier.get(row.key)
            if other is not None:
                row.values = {**other.values, **row.values}
                row.targets = {**other.targets, **row.targets}
        year -= WINDOW
    for row in rows:
        row.values = {y: row.values.get(y) for y in years}
        row.targets = {y: t for y, t in row.targets.items() if y in row.values}
    return rows


def change_text(row: IndicatorRow, change) -> str:
    """A change between two years: a share's in percentage points, not per cent."""
    if row.is_share:
        return formatting.signed(change, formatting.PERCENTAGE_POINTS)
    return signed(row, change)


def key_figures(rows_by_key: dict[str, IndicatorRow], period: Period) -> list[dict]:
    """The key figures of the last year compared with an earlier one: for a period its first
    year, for one year the year before."""
    base_year = period.compared_year
    figures = []
    for key in KEY_FIGURES:
        row = rows_by_key.get(key)
        if row is None:
            continue
        value, base = row.values.get(period.last_year), row.values.get(base_year)
        change = None if value is None or base is None else Decimal(value) - Decimal(base)
        figures.append(
            {
                "key": key,
                "name": row.name,
                "value": indicator_value(row, value),
                "previous": indicator_value(row, base),
                "change": change_text(row, change),
                "per_capita": formatting.number(row.per_capita_value, 1)
                if row.per_capita_value is not None
                else "–",
            }
        )
    return figures


def year_groups(items: list) -> list[list]:
    """A table's year columns: up to six side by side; a longer period in two tables."""
    if len(items) <= 6:
        return [items]
    half = (len(items) + 1) // 2
    return [items[:half], items[half:]]


def indicator_sections(rows: list[IndicatorRow], period: Period) -> list[dict]:
    """The indicators with a target in the chart window: a chart and a table each."""
    sections = []
    for row in rows:
        if not row.targets:
            continue
        unit = "%" if row.is_share else row.unit
        chart = bar_chart(
            row.series(),
            title=row.name,
            chart_id=f"chart-{slugify(row.key)}",
            targets=row.targets,
            unit=unit,
            width=420,
            height=150,
            description=_("%(name)s per year, %(first)s–%(last)s, with the targets marked.")
            % {"name": row.name, "first": period.chart_years[0], "last": period.last_year},
        )
        years = []
        for year, value in row.series():
            target = row.targets.get(year)
            status = target_status(value, target, higher_is_better=row.higher_is_better)
            years.append(
                {
                    "year": year,
                    "value": indicator_value(row, value),
                    "target": indicator_value(row, target),
                    "status": status.label if status else "–",
                    "status_key": status.key if status else "",
                }
            )
        current = row.status
        sections.append(
            {
                "key": row.key,
                "status": current.label if current else "",
                "status_key": current.key if current else "",
                "name": row.name,
                "definition": row.definition,
                "unit": unit,
                "is_manual": row.is_manual,
                "direction": (
                    _("Higher is better") if row.higher_is_better else _("Lower is better")
                ),
                "chart": chart,
                "year_groups": year_groups(years),
            }
        )
    return sections


def other_indicators(rows: list[IndicatorRow], period: Period) -> list[dict]:
    """The indicators without a target: their values per year, in one table (two for a long
    period)."""
    others = [row for row in rows if not row.targets]
    if not others:
        return []
    return [
        {
            "years": years,
            "rows": [
                {
                    "name": row.name,
                    "unit": "%" if row.is_share else row.unit,
                    "values": [indicator_value(row, row.values.get(year)) for year in years],
                }
                for row in others
            ],
        }
        for years in year_groups(period.chart_years)
    ]


def procurement_rows(period: Period) -> tuple[list[dict], int]:
    queryset = (
        Procurement.objects.with_social_considerations()
        .filter(planned_start__gte=period.start, planned_start__lte=period.end)
        .order_by("planned_start", "title", "pk")
    )
    procurements, more = _capped(queryset, PROCUREMENT_LIMIT)
    rows = []
    for p in procurements:
        rows.append(
            {
                "title": p.title,
                "reference": p.reference,
                "considerations": ", ".join(p.social_considerations()),
                "procedure": p.get_procedure_display(),
                "value": formatting.kronor(p.estimated_value),
                "start": formatting.date(p.planned_start),
                "status": p.get_status_display(),
            }
        )
    return rows, more


def partnership_rows(period: Period) -> tuple[list[dict], int]:
    queryset = (
        Partnership.objects.active_between(period.start, period.end)
        .select_related("partner")
        .order_by("start_date", "title", "pk")
    )
    partnerships, more = _capped(queryset, PARTNERSHIP_LIMIT)
    rows = [
        {
            "title": p.title,
            "partner": p.partner.name,
            "period": f"{formatting.date(p.start_date)} – {formatting.date(p.end_date)}"
            if p.end_date
            else _("from %(start)s, until further notice")
            % {"start": formatting.date(p.start_date)},
            "status": p.get_status_display(),
            "municipality": formatting.kronor(p.municipality_contribution),
            "partner_money": formatting.kronor(p.partner_contribution_money),
        }
        for p in partnerships
    ]
    return rows, more


def document_rows(today: datetime.date) -> tuple[list[dict], int, int]:
    queryset = GoverningDocument.objects.order_by("title", "pk")
    documents, more = _capped(queryset, DOCUMENT_LIMIT)
    rows = [
        {
            "title": d.title,
            "kind": d.get_kind_display(),
            "status": d.get_status_display(),
            "adopted": formatting.date(d.adopted_on),
            "adopted_by": d.adopted_by,
            "next_review": formatting.date(d.next_review),
            "due": d.is_due_for_review(today),
        }
        for d in documents
    ]
    due_count = GoverningDocument.objects.due_for_review(today).count()
    return rows, more, due_count


def action_plan(today: datetime.date) -> dict:
    # When the plan is longer than the report lists: overdue first, then the other open
    # activities by due date, then the done ones; shown by area.
    queryset = (
        Activity.objects.exclude(status=ActivityStatus.CANCELLED)
        .select_related("owner_user")
        .annotate(
            priority=Case(
                When(ActivityQuerySet.overdue_q(today), then=Value(0)),
                When(ActivityQuerySet.open_q(), then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("priority", "due_date", "title", "pk")
    )
    activities, more = _capped(queryset, ACTIVITY_LIMIT)
    activities.sort(key=lambda a: (a.area, a.due_date, a.title, a.pk))
    totals = Activity.objects.exclude(status=ActivityStatus.CANCELLED).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=ActivityStatus.DONE)),
        overdue=Count("id", filter=ActivityQuerySet.overdue_q(today)),
    )
    cancelled = Activity.objects.filter(status=ActivityStatus.CANCELLED).count()
    by_area: dict[int, list[dict]] = {}
    for a in activities:
        by_area.setdefault(a.area, []).append(
            {
                "title": a.title,
                "owner": a.owner_name(),
                "due": formatting.date(a.due_date),
                "status": a.get_status_display(),
                "percent": a.percent_complete,
                "overdue": a.is_overdue(today),
            }
        )
    areas = [
        {"number": area.number, "title": area.title, "activities": by_area[area.number]}
        for area in AREAS
        if area.number in by_area
    ]
    return {
        "areas": areas,
        "more": more,
        "total": totals["total"],
        "done": totals["done"],
        "overdue": totals["overdue"],
        "cancelled": cancelled,
    }


def effect_chains(rows: list[IndicatorRow]) -> tuple[list[dict], int]:
    """Each effect chain with its diagram (``followup.effect_diagram``)."""
    from followup.effect_diagram import effect_chain_svg

    steps = EffectStep.objects.order_by("position", "pk").prefetch_related(
        Prefetch("manual_indicators", queryset=ManualIndicator.objects.order_by("name"))
    )
    queryset = EffectChain.objects.order_by("title", "pk").prefetch_related(
        Prefetch("steps", queryset=steps)
    )
    chains, more = _capped(queryset, EFFECT_CHAIN_LIMIT)
    names = {row.key: row.name for row in rows}
    result = []
    for chain in chains:
        chain_steps = list(chain.steps.all())
        result.append(
            {
                "title": chain.title,
                "description": chain.description,
                # The SVG has no style attribute: the report's stylesheet sizes it
                # (``.diagram svg``; WeasyPrint drew height:auto in a style attribute square).
                "diagram": effect_chain_svg(
                    chain_steps,
                    title=chain.title,
                    chart_id=f"effect-chain-{chain.pk}",
                    indicator_names=names,
                ),
            }
        )
    return result, more


def area_rows(organisation, today: datetime.date) -> list[dict]:
    rows = []
    for status in walk.walk_status(organisation, today):
        rows.append(
            {
                "number": status.area.number,
                "title": status.area.title,
                "level": status.level.value,
                "level_name": status.level.name,
                "reasons": status.level.reasons,
                "criteria": status.criteria,
                "figures": [f for e in status.evidence for f in e.figures],
                "next_step": status.next_step(),
            }
        )
    return rows


def report_context(
    organisation, first_year: int, last_year: int, today: datetime.date, written=None
) -> dict:
    """Everything the status report shows (run inside the organisation's scope). ``written``
    is the coordinator's :class:`~followup.models.StatusReport` (its summary, assessments and
    proposed decisions, and when published its decision date and case number), if any."""
    period = Period(first_year, last_year)
    title = _("Status report %(period)s") % {"period": period.label}
    rows = period_indicator_rows(organisation, period)
    rows_by_key = {row.key: row for row in rows}
    procurements, procurements_more = procurement_rows(period)
    partnerships, partnerships_more = partnership_rows(period)
    documents, documents_more, documents_due = document_rows(today)
    chains, chains_more = effect_chains(rows)
    areas = area_rows(organisation, today)
    assessments = written.assessments() if written is not None else {}
    for area in areas:
        area["assessment"] = assessments.get(area["number"], "")
    decision = responsible_committee(today)
    iop_active = rows_by_key.get("iop_active")
    iop_kronor = rows_by_key.get("iop_kronor")
    return {
        "organisation": organisation,
        "period": period,
        "title": title,
        "today": today,
        "today_text": formatting.date(today),
        "decision": decision,
        "decision_date": formatting.date(decision.decided_on) if decision else "",
        "margins": margins(organisation, title),
        "population": formatting.number(organisation.population)
        if organisation.population
        else None,
        "key_figures": key_figures(rows_by_key, period),
        "indicator_rows": rows,
        "per_capita_base": formatting.number(10_000),
        "key_year": period.last_year,
        "previous_year": period.compared_year,
        "is_period": period.first_year < period.last_year,
        "areas": areas,
        "established": sum(a["level"] >= 3 for a in areas),
        "level_rule": walk.LEVEL_RULE,
        "indicators": indicator_sections(rows, period),
        "other_indicators": other_indicators(rows, period),
        "chart_first_year": period.chart_years[0],
        "target_rule": TARGET_RULE,
        "procurements": procurements,
        "procurements_more": procurements_more,
        "partnerships": partnerships,
        "partnerships_more": partnerships_more,
        "iop_active": indicator_value(iop_active, iop_active.value) if iop_active else "–",
        "iop_kronor": indicator_value(iop_kronor, iop_kronor.value) if iop_kronor else "–",
        "documents": documents,
        "documents_more": documents_more,
        "documents_due": documents_due,
        "plan": action_plan(today),
        "effect_chains": chains,
        "effect_chains_more": chains_more,
        "written": written,
        "summary_text": written.summary.strip() if written is not None else "",
        "decision_lines": written.decision_lines() if written is not None else [],
        "published": written if written is not None and written.is_published else None,
        "publication_date": formatting.date(written.decision_date)
        if written is not None and written.decision_date
        else "",
    }


def figures_snapshot(context: dict) -> dict:
    """The figures a published report shows, kept with it: the key figures as printed, each
    indicator's values per year and the seven areas' levels."""
    return {
        "period": [context["period"].first_year, context["period"].last_year],
        "compared_year": context["previous_year"],
        "key_figures": [
            {k: figure[k] for k in ("key", "name", "value", "previous", "change", "per_capita")}
            for figure in context["key_figures"]
        ],
        "indicators": {
            row.key: {
                "name": str(row.name),
                "unit": "%" if row.is_share else str(row.unit),
                "values": {str(year): value for year, value in row.values.items()},
                "targets": {str(year): value for year, value in row.targets.items()},
            }
            for row in context["indicator_rows"]
        },
        "areas": [
            {"number": a["number"], "title": str(a["title"]), "level": a["level"]}
            for a in context["areas"]
        ],
    }


# --- the enterprise profile ------------------------------------------------------------------


def profile_context(enterprise, today: datetime.date) -> dict:
    """One page about a register entry: what the enterprise detail page shows, in short."""
    from collab.models import Membership
    from collab.registry import related_sections
    from enterprises.models import CRITERIA

    title = _("Profile: %(name)s") % {"name": enterprise.name}
    sections = []
    budget = PROFILE_TOTAL_ROWS
    for section in related_sections(enterprise):
        rows = [Truncator(text).chars(PROFILE_ROW_CHARS) for text, _url in section.rows]
        shown = min(len(rows), PROFILE_ROWS, budget)
        budget -= shown
        sections.append(
            {
                "title": section.title,
                "rows": rows[:shown],
                "more": len(rows) - shown,
                # Not the page's empty text: it may tell the reader what to click
                # ("Tick it under …"), which means nothing on paper.
                "empty_text": _("Nothing recorded."),
            }
        )
    return {
        "object": enterprise,
        "organisation": enterprise.organisation,
        "title": title,
        "today_text": formatting.date(today),
        "margins": margins(enterprise.organisation, title),
        "categories": [c.name for c in enterprise.categories.all()],
        "challenges": [c.name for c in enterprise.challenges.all()][:6],
        "criteria": [
            {
                "label": label,
                "answer": getattr(enterprise, f"get_{name}_display")(),
                "checked": formatting.date(getattr(enterprise, f"{name}_checked")),
            }
            for name, label in CRITERIA
        ],
        "contacts": list(enterprise.contacts.all()),
        "contact_viewers": Membership.objects.active().count(),
        "identified": formatting.date(enterprise.identified_on),
        "work_training_places": formatting.number(enterprise.work_training_places),
        "employees": formatting.number(enterprise.employees),
        "participants": formatting.number(enterprise.participants),
        "sections": sections,
        "profile_rows": PROFILE_ROWS,
    }


def profile_filename(enterprise) -> str:
    prefix = slugify(_("Profile"))  # outside the f-string, where makemessages finds it
    return f"{prefix}-{slugify(enterprise.name) or enterprise.pk}.pdf"
