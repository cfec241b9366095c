"""The indicator pages: every indicator for a year, one indicator over five years, and the
records behind them (manual indicators, their measurements, targets).

The numbers come from :func:`followup.selectors.indicator_rows` (a fixed number of queries);
this module only turns them into text for the templates: Swedish number formats, the unit, the
change from last year in words (never colour alone) and the status against the target.
"""

from dataclasses import dataclass

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from areas.handbook import AREA_CHOICES, get_area
from collab import formatting
from collab.generic import (
    ChildFormMixin,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgUpdateView,
)
from collab.models import FigureRecalculation
from followup.charts import bar_chart
from followup.indicator_forms import ManualIndicatorForm, MeasurementForm, TargetForm
from followup.indicators import CATALOGUE, get_indicator, per_10000
from followup.models import ManualIndicator, Measurement, Periodicity, Target
from followup.selectors import IndicatorRow, default_year, indicator_rows
from followup.targets import AT_RISK, OFF_TRACK, ON_TRACK, TARGET_RULE, target_status

FIRST_YEAR, LAST_YEAR = 2000, 2100

STATUS_CLASSES = {
    ON_TRACK: "bg-success-subtle text-success-emphasis border border-success",
    AT_RISK: "bg-warning-subtle text-warning-emphasis border border-warning",
    OFF_TRACK: "bg-danger-subtle text-danger-emphasis border border-danger",
}


def chosen_year(request) -> int:
    """``?year=`` when it is a sensible year, else the current year (never an error)."""
    value = request.GET.get("year", "").strip()
    if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return default_year()


def chosen_area(request) -> int | None:
    value = request.GET.get("area", "").strip()
    if value.isdigit() and get_area(int(value)) is not None:
        return int(value)
    return None


@dataclass
class Change:
    """The change from last year in words: "up 3", "down 2 percentage points", "unchanged"."""

    text: str
    arrow: str = ""
    judgement: str = ""  # "better" / "worse", from the indicator's direction


def describe_change(row: IndicatorRow) -> Change | None:
    change = row.change
    if change is None:
        return None
    if change == 0:
        return Change(_("unchanged"))
    # A share changes in percentage points; kronor keep their unit; a count needs none.
    if row.is_share:
        amount = formatting.quantity(abs(change), formatting.PERCENTAGE_POINTS)
    else:
        amount = formatting.quantity(abs(change), "kr" if row.unit == "kr" else "")
    better = (change > 0) == row.higher_is_better
    judgement = _("better") if better else _("worse")
    if change > 0:
        return Change(_("up %(amount)s") % {"amount": amount}, "▲", judgement)
    return Change(_("down %(amount)s") % {"amount": amount}, "▼", judgement)


@dataclass
class Status:
    key: str
    label: str
    css: str


def status_of(status) -> Status | None:
    if status is None:
        return None
    return Status(status.key, status.label, STATUS_CLASSES[status.key])


@dataclass
class RowView:
    """One indicator for the chosen year, as text."""

    row: IndicatorRow
    area_label: str
    value_text: str
    previous_text: str
    change: Change | None
    per_capita: bool
    per_capita_text: str
    target_text: str
    status: Status | None

    @property
    def name(self):
        return self.row.name

    @property
    def url(self):
        return self.row.url

    @property
    def definition(self):
        return self.row.definition


def present(row: IndicatorRow, per_capita: bool) -> RowView:
    return RowView(
        row=row,
        area_label=str(dict(AREA_CHOICES).get(row.area, row.area)),
        value_text=formatting.quantity(row.value, row.unit)
        if row.value is not None
        else (_("not measured") if row.is_manual else _("no data")),
        previous_text=formatting.quantity(row.previous, row.unit),
        change=describe_change(row),
        per_capita=per_capita,
        per_capita_text=formatting.number(row.per_capita_value)
        if row.per_capita_value is not None
        else "–",
        target_text=formatting.quantity(row.target, row.unit),
        status=status_of(row.status),
    )


class YearAreaForm(forms.Form):
    """The list's selector: which year, which of the handbook's areas."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    area = forms.TypedChoiceField(label=gettext_lazy("Area"), coerce=int, required=False)

    def __init__(self, *args, year: int, with_area: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        current = default_year()
        years = sorted(set(range(current - 9, current + 2)) | {year}, reverse=True)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        if with_area:
            self.fields["area"].choices = [("", gettext_lazy("All areas")), *AREA_CHOICES]
        else:
            del self.fields["area"]


class IndicatorListView(OrganisationAccessMixin, TemplateView):
    """Every computed indicator and the organisation's own ones, for one year."""

    template_name = "followup/indicators/indicator_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.request.organisation
        year = chosen_year(self.request)
        area = chosen_area(self.request)
        rows = indicator_rows(organisation, year)
        # Which indicators are meaningful per inhabitant (to ask for a missing population).
        per_capita_keys = {i.key for i in CATALOGUE if i.per_capita} | {
            f"manual-{pk}"
            for pk in ManualIndicator.objects.filter(per_capita=True).values_list("pk", flat=True)
        }
        shown = [row for row in rows if area is None or row.area == area]
        computed = [present(r, r.key in per_capita_keys) for r in shown if not r.is_manual]
        manual = [present(r, r.key in per_capita_keys) for r in shown if r.is_manual]
        context.update(
            {
                "title": _("Indicators"),
                "year": year,
                "previous_year": year - 1,
                "area": area,
                "area_label": dict(AREA_CHOICES).get(area) if area else None,
                "form": YearAreaForm(initial={"year": year, "area": area or ""}, year=year),
                "computed": computed,
                "manual": manual,
                "has_manual_indicators": any(r.is_manual for r in rows),
                "population": organisation.population,
                "target_rule": TARGET_RULE,
                "create_manual_url": reverse("followup:manualindicator_create"),
                "create_target_url": reverse("followup:target_create"),
                "is_closed": year < default_year(),
                "recalculate_previous_url": reverse(
                    "collab:figures_recalculate", kwargs={"year": default_year() - 1}
                )
                + "?"
                + urlencode({"next": reverse("followup:indicator_list")}),
                "recalculate_url": reverse("collab:figures_recalculate", kwargs={"year": year})
                + "?"
                + urlencode({"next": f"{reverse('followup:indicator_list')}?year={year}"}),
                "recalculations": FigureRecalculation.objects.filter(year=year)
                .select_related("changed_by")
                .order_by("-changed_at", "-pk")[:5]
                if year < default_year()
                else [],
            }
        )
        return context


class IndicatorDetailView(OrganisationAccessMixin, TemplateView):
    """One computed indicator over five years: definition, chart, the same numbers as a table,
    and its targets."""

    template_name = "followup/indicators/indicator_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = get_indicator(self.kwargs["key"])
        if indicator is None:
            raise Http404(_("There is no such indicator."))
        organisation = self.request.organisation
        year = chosen_year(self.request)
        (row,) = indicator_rows(organisation, year, keys=[indicator.key], manual=False)
        targets = list(
            Target.objects.filter(manual__isnull=True, indicator_key=indicator.key).order_by(
                "-year"
            )
        )
        context.update(
            window_context(
                row,
                name=str(indicator.name),
                chart_id=f"chart-{indicator.key}",
                per_capita=indicator.per_capita,
                population=organisation.population,
            )
        )
        context.update(
            {
                "title": indicator.name,
                "indicator": indicator,
                "area_label": dict(AREA_CHOICES).get(indicator.area),
                "year": year,
                "form": YearAreaForm(initial={"year": year}, year=year, with_area=False),
                "targets": [target_view(t, row.unit) for t in targets],
                "create_target_url": reverse("followup:target_create")
                + f"?indicator_key={indicator.key}",
                "target_rule": TARGET_RULE,
                "list_url": reverse("followup:indicator_list") + f"?year={year}",
            }
        )
        return context


def window_context(row: IndicatorRow, *, name, chart_id, per_capita, population) -> dict:
    """The chart and the table of an indicator's years (the same numbers in both)."""
    years = []
    for year, value in row.series():
        target = row.targets.get(year)
        years.append(
            {
                "year": year,
                "value_text": formatting.quantity(value, row.unit),
                "target": target,
                "target_text": formatting.quantity(target, row.unit),
                "status": status_of(
                    target_status(value, target, higher_is_better=row.higher_is_better)
                ),
                "per_capita_text": formatting.number(per_10000(value, population))
                if per_capita and value is not None and population
                else "–",
            }
        )
    first, last = row.series()[0][0], row.series()[-1][0]
    description = _(
        "%(name)s per year %(first)s–%(last)s, in %(unit)s, with a dashed mark at each year's "
        "target. The same numbers are in the table below."
    ) % {"name": name, "first": first, "last": last, "unit": row.unit}
    return {
        "row": row,
        "chart": bar_chart(
            row.series(),
            title=name,
            chart_id=chart_id,
            targets=row.targets,
            unit=row.unit,
            description=description,
        ),
        "window": years,
        "first_year": first,
        "last_year": last,
        "per_capita": per_capita,
        "population": population,
        "population_text": formatting.number(population) if population else "",
    }


@dataclass
class TargetView:
    target: Target
    value_text: str


def target_view(target: Target, unit: str) -> TargetView:
    return TargetView(target, formatting.quantity(target.value, unit))


# --- manual indicators -----------------------------------------------------------------------


class ManualIndicatorDetailView(OrgDetailView):
    model = ManualIndicator
    template_name = "followup/indicators/manualindicator_detail.html"
    update_url_name = "followup:manualindicator_update"
    delete_url_name = "followup:manualindicator_delete"
    list_url_name = "followup:indicator_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        organisation = self.request.organisation
        year = chosen_year(self.request)
        (row,) = indicator_rows(organisation, year, keys=[f"manual-{indicator.pk}"])
        measurements = list(indicator.measurements.order_by("-year", "quarter"))
        quarterly = indicator.periodicity == Periodicity.QUARTER
        context.update(
            window_context(
                row,
                name=indicator.name,
                chart_id=f"chart-manual-{indicator.pk}",
                per_capita=indicator.per_capita,
                population=organisation.population,
            )
        )
        if quarterly:
            by_year: dict[int, list[str]] = {}
            for m in measurements:
                by_year.setdefault(m.year, []).append(
                    _("Q%(quarter)s: %(value)s")
                    % {"quarter": m.quarter, "value": formatting.number(m.value)}
                )
            for item in context["window"]:
                item["quarters"] = sorted(by_year.get(item["year"], []))
        context.update(
            {
                "year": year,
                "quarterly": quarterly,
                "form": YearAreaForm(initial={"year": year}, year=year, with_area=False),
                "measurements": [
                    {"object": m, "value_text": formatting.quantity(m.value, indicator.unit)}
                    for m in measurements
                ],
                "targets": [
                    target_view(t, indicator.unit) for t in indicator.targets.order_by("-year")
                ],
                "add_measurement_url": reverse("followup:measurement_create")
                + f"?indicator={indicator.pk}",
                "create_target_url": reverse("followup:target_create") + f"?manual={indicator.pk}",
                "target_rule": TARGET_RULE,
                # The back link leads to the list of all indicators.
                "verbose_name_plural": _("Indicators"),
            }
        )
        return context


class ManualIndicatorFormMixin:
    model = ManualIndicator
    form_class = ManualIndicatorForm
    list_url_name = "followup:indicator_list"
    template_name = "followup/indicators/form.html"


class ManualIndicatorCreateView(ManualIndicatorFormMixin, OrgCreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "A manual indicator is for what Samverka cannot count from the records – for "
            "example the participants who moved on to work or studies, as the enterprises "
            "report them. Write down exactly what is counted; then enter a value per year "
            "or quarter and, if you like, a target."
        )
        return context


class ManualIndicatorUpdateView(ManualIndicatorFormMixin, OrgUpdateView):
    pass


class ManualIndicatorDeleteView(OrgDeleteView):
    model = ManualIndicator
    list_url_name = "followup:indicator_list"


# --- measurements ----------------------------------------------------------------------------


class MeasurementFormMixin(ChildFormMixin):
    model = Measurement
    form_class = MeasurementForm
    list_url_name = "followup:indicator_list"
    template_name = "followup/indicators/form.html"
    select_related = ("indicator",)
    parent_field = "indicator"
    parent_url_name = "followup:manualindicator_detail"

    def object_cancel_url(self) -> str:
        return self.object.indicator.get_absolute_url()


class MeasurementCreateView(MeasurementFormMixin, OrgCreateView):
    initial_from_query = ("indicator",)


class MeasurementUpdateView(MeasurementFormMixin, OrgUpdateView):
    pass


class MeasurementDeleteView(OrgDeleteView):
    model = Measurement
    select_related = ("indicator",)

    def get_success_url(self):
        return self.object.indicator.get_absolute_url() + "#matvarden"


# --- targets ---------------------------------------------------------------------------------


class TargetFormMixin(ChildFormMixin):
    """A target is set from its indicator's page: a catalogue indicator
    (``?indicator_key=<key>``) or a manual one (``?manual=<pk>``)."""

    model = Target
    form_class = TargetForm
    list_url_name = "followup:indicator_list"
    template_name = "followup/indicators/form.html"
    select_related = ("manual",)
    parent_field = "manual"
    parent_url_name = "followup:manualindicator_detail"

    def parent_url_from_query(self) -> str | None:
        key = self.request.GET.get("indicator_key", "")
        if get_indicator(key) is not None:
            return reverse("followup:indicator_detail", kwargs={"key": key})
        return super().parent_url_from_query()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "A target is the value you aim for in a year; the indicator pages then show whether "
            "the indicator is on track. %(rule)s"
        ) % {"rule": TARGET_RULE}
        return context


class TargetCreateView(TargetFormMixin, OrgCreateView):
    initial_from_query = ("manual",)

    def get_initial(self):
        initial = super().get_initial()
        key = self.request.GET.get("indicator_key", "")
        if get_indicator(key) is not None:
            initial["indicator_key"] = key
        return initial


class TargetUpdateView(TargetFormMixin, OrgUpdateView):
    pass


class TargetDeleteView(OrgDeleteView):
    model = Target
    select_related = ("manual",)

    def get_success_url(self):
        return self.object.get_absolute_url()
