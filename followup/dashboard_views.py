"""The dashboard (the politicians' start page) and the effect chains (effektkedjor).

The dashboard reads everything through selectors with a fixed number of queries: the
indicators (``indicator_rows``), the seven areas (``walk_status``), what needs attention
(``needs_attention``) and the latest procurements and partnerships (five each).
"""

from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from areas import walk
from areas.models import Partnership
from areas.selectors import needs_attention
from collab import figures, formatting
from collab.generic import (
    ChildFormMixin,
    Column,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgUpdateView,
)
from followup.charts import bar_chart
from followup.dashboard_forms import EffectChainFilter, EffectChainForm, EffectStepForm
from followup.effect_diagram import effect_chain_svg, step_indicator_names, steps_by_stage
from followup.indicators import get_indicator
from followup.models import EffectChain, EffectStep, Stage
from followup.selectors import (
    KEY_FIGURES,
    WINDOW,
    IndicatorRow,
    default_year,
    indicator_rows,
    years_ending,
)
from followup.targets import TARGET_RULE
from procurement.models import Procurement

# The indicators drawn as bar charts over the five-year window (each followed by its table).
CHART_KEYS = [
    "enterprises_identified",
    "procurements_social_share",
    "spend_social",
    "employment_months",
]
RECENT_LIMIT = 5
FIRST_YEAR = 2000  # the models' lowest year (followup.models.YEAR_VALIDATORS)


# --- formatting ------------------------------------------------------------------------------


def change_text(row: IndicatorRow) -> str | None:
    """The change against the year before, in words: "+5 enterprises compared with 2025"."""
    change = row.change
    if change is None:
        return None
    previous = row.year - 1
    if change == 0:
        return _("Unchanged compared with %(year)s") % {"year": previous}
    unit = formatting.PERCENTAGE_POINTS if row.is_share else row.unit
    return _("%(change)s compared with %(year)s") % {
        "change": formatting.signed(change, unit),
        "year": previous,
    }


def trend_arrow(row: IndicatorRow) -> str:
    change = row.change
    if change is None:
        return ""
    return "▲" if change > 0 else "▼" if change < 0 else "▶"


def key_figure(row: IndicatorRow) -> dict:
    return {
        "row": row,
        "value": formatting.number(row.value),
        "unit": formatting.unit_text(row.unit, row.value) if row.value is not None else "",
        "change": change_text(row),
        "arrow": trend_arrow(row),
        "per_capita": formatting.number(row.per_capita_value)
        if row.per_capita_value is not None
        else None,
    }


def chart(row: IndicatorRow) -> dict:
    series = row.series()
    first, last = series[0][0], series[-1][0]
    return {
        "row": row,
        "svg": bar_chart(
            series,
            title=f"{row.name} {first}–{last}",
            chart_id=f"chart-{row.key}",
            targets=row.targets,
            unit=row.unit,
            description=_("Bars per year; a dashed mark shows the target. Figures: %(figures)s.")
            % {
                "figures": "; ".join(
                    f"{year} {formatting.quantity(value, row.unit)}" for year, value in series
                )
            },
        ),
        "years": [year for year, _value in series],
        "values": [formatting.number(value) for _year, value in series],
        "targets": [formatting.number(row.targets.get(year)) for year, _value in series]
        if row.targets
        else None,
    }


# --- the dashboard ---------------------------------------------------------------------------


def chosen_year(value: str, default: int) -> int:
    """The ``?year=`` asked for, when it is a year the records can have; else the default."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return default
    year = int(value)
    return year if FIRST_YEAR <= year <= default + 1 else default


def recent_procurements():
    return list(
        Procurement.objects.with_social_considerations().order_by(
            F("status_date").desc(nulls_last=True), "-pk"
        )[:RECENT_LIMIT]
    )


def recent_partnerships(year: int):
    """The latest decided of the partnerships active in ``year``."""
    return list(
        Partnership.objects.active_in_year(year)
        .select_related("partner")
        .order_by(F("decision_date").desc(nulls_last=True), "-pk")[:RECENT_LIMIT]
    )


class DashboardView(OrganisationAccessMixin, TemplateView):
    """Where the organisation stands, for the responsible committee: key figures with their
    trend, the seven areas, targets, charts, what needs attention and the latest records."""

    template_name = "followup/dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.request.organisation
        today = timezone.localdate()
        default = default_year(today)
        year = chosen_year(self.request.GET.get("year", ""), default)
        state = figures.request_state(self.request)
        rows = indicator_rows(organisation, year, state=state)
        by_key = {row.key: row for row in rows}

        def records():
            procurements = recent_procurements()
            for procurement in procurements:
                procurement.considerations = procurement.social_considerations()
            return {
                "recent_procurements": procurements,
                "recent_partnerships": recent_partnerships(year),
                **needs_attention(today),
            }

        # The lists change only with the records: kept until they do (one cache read).
        lists = figures.cached(organisation, f"dashboard-{year}", records, today=today, state=state)
        years = list(range(max(FIRST_YEAR, default - 9), default + 2))
        if year not in years:
            years.append(year)
        context.update(
            {
                "title": _("Dashboard"),
                "year": year,
                "is_current_year": year == default,
                "years": sorted(years, reverse=True),
                "window": years_ending(year, WINDOW),
                "today": today,
                "key_figures": [key_figure(by_key[key]) for key in KEY_FIGURES if key in by_key],
                "target_rows": [
                    {
                        "row": row,
                        "value": formatting.quantity(row.value, row.unit),
                        "target": formatting.quantity(row.target, row.unit),
                        "status": row.status,
                    }
                    for row in rows
                    if row.target is not None
                ],
                "target_rule": TARGET_RULE,
                "charts": [chart(by_key[key]) for key in CHART_KEYS if key in by_key],
                "walk": walk.walk_status(organisation, today, state=state),
                **lists,
            }
        )
        return context


# --- effect chains ---------------------------------------------------------------------------


class EffectChainListView(OrgListView):
    model = EffectChain
    filterset_class = EffectChainFilter
    template_name = "followup/dashboard/effectchain_list.html"
    title = gettext_lazy("Effect chains")
    intro = gettext_lazy(
        "How the organisation's work is meant to lead to change: resources → activities → "
        "outputs → outcomes → impacts, each step measured by indicators."
    )
    empty_text = gettext_lazy("No effect chains yet.")
    columns = [
        Column("title", gettext_lazy("Title"), sort="title", link=True),
        Column("step_count", gettext_lazy("Steps")),
        Column("description", gettext_lazy("Description")),
    ]
    default_sort = "title"
    create_url_name = "followup:effectchain_create"
    export_name = "effektkedjor"

    def get_queryset(self):
        return super().get_queryset().annotate(step_count=Count("steps"))


def chain_stages(steps: list[EffectStep], rows: dict[str, IndicatorRow]) -> list[dict]:
    """The chain as a structure for the list under the diagram: stage → steps → indicators."""
    stages = []
    for stage, stage_steps in steps_by_stage(steps):
        items = []
        for step in stage_steps:
            indicators = []
            keys = list(step.indicator_keys or []) + [
                f"manual-{m.pk}" for m in step.manual_indicators.all()
            ]
            names = step_indicator_names(step, {key: row.name for key, row in rows.items()})
            for key, name in zip(keys, names, strict=True):
                row = rows.get(key)
                indicators.append(
                    {
                        "name": name,
                        "url": row.url if row else None,
                        "value": formatting.quantity(row.value, row.unit) if row else "–",
                        "manual": key.startswith("manual-"),
                    }
                )
            items.append({"step": step, "indicators": indicators})
        stages.append({"stage": stage, "steps": items})
    return stages


class EffectChainDetailView(OrgDetailView):
    model = EffectChain
    template_name = "followup/dashboard/effectchain_detail.html"
    update_url_name = "followup:effectchain_update"
    delete_url_name = "followup:effectchain_delete"
    list_url_name = "followup:effectchain_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chain = self.object
        steps = list(
            EffectStep.objects.filter(chain=chain)
            .prefetch_related("manual_indicators")
            .order_by("position", "pk")
        )
        year = default_year()
        keys = sorted(
            {key for step in steps for key in step.indicator_keys or [] if get_indicator(key)}
            | {f"manual-{m.pk}" for step in steps for m in step.manual_indicators.all()}
        )
        # One or two queries per linked computed indicator (at most the catalogue), plus three.
        rows = (
            {row.key: row for row in indicator_rows(self.request.organisation, year, keys=keys)}
            if keys
            else {}
        )
        context.update(
            {
                "year": year,
                "steps": steps,
                "diagram": effect_chain_svg(
                    steps,
                    title=_("Effect chain: %(title)s") % {"title": chain.title},
                    chart_id="effect-chain",
                    indicator_names={key: row.name for key, row in rows.items()},
                )
                if steps
                else None,
                "stages": chain_stages(steps, rows),
                "add_step_url": reverse("followup:effectstep_create") + f"?chain={chain.pk}",
            }
        )
        return context


class EffectChainFormMixin:
    model = EffectChain
    form_class = EffectChainForm
    list_url_name = "followup:effectchain_list"


class EffectChainCreateView(EffectChainFormMixin, OrgCreateView):
    pass


class EffectChainUpdateView(EffectChainFormMixin, OrgUpdateView):
    pass


class EffectChainDeleteView(OrgDeleteView):
    model = EffectChain
    list_url_name = "followup:effectchain_list"


class EffectStepFormMixin(ChildFormMixin):
    """Create and edit a step from its chain's page (``?chain=<pk>&stage=<stage>``), and go
    back there after saving."""

    model = EffectStep
    form_class = EffectStepForm
    list_url_name = "followup:effectchain_list"
    initial_from_query = ("chain",)
    parent_field = "chain"
    parent_url_name = "followup:effectchain_detail"

    def get_initial(self):
        initial = super().get_initial()
        stage = self.request.GET.get("stage", "")
        if stage in Stage.values:
            initial["stage"] = stage
        return initial


class EffectStepCreateView(EffectStepFormMixin, OrgCreateView):
    pass


class EffectStepUpdateView(EffectStepFormMixin, OrgUpdateView):
    select_related = ("chain",)


class EffectStepDeleteView(OrgDeleteView):
    model = EffectStep
    select_related = ("chain",)

    def get_success_url(self):
        return self.object.chain.get_absolute_url()
