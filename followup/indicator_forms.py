"""Forms for the indicator pages: manual indicators, their measurements, and targets.

A duplicate (a second measurement for the same period, a second target for the same indicator
and year) is explained next to the year field here, before the database's unique constraint
would refuse the row.
"""

from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from collab.forms import ScopedModelForm
from followup.indicators import INDICATOR_CHOICES
from followup.models import ManualIndicator, Measurement, Periodicity, Target
from followup.selectors import default_year

QUARTER_CHOICES = [
    (0, _("Whole year")),
    (1, _("Quarter 1 (January–March)")),
    (2, _("Quarter 2 (April–June)")),
    (3, _("Quarter 3 (July–September)")),
    (4, _("Quarter 4 (October–December)")),
]


def _decimal_widget() -> forms.TextInput:
    # Localised text input: a Swedish user types 12,5 (a number input would refuse the comma).
    return forms.TextInput(attrs={"inputmode": "decimal"})


def _year_widget() -> forms.NumberInput:
    return forms.NumberInput(attrs={"min": 2000, "max": 2100, "step": 1})


class ManualIndicatorForm(ScopedModelForm):
    class Meta:
        model = ManualIndicator
        fields = [
            "name",
            "unit",
            "definition",
            "periodicity",
            "yearly_value",
            "direction",
            "area",
            "per_capita",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": _(
                "Something Samverka cannot count from the records, e.g. "
                "“Deltagare som gått vidare till arbete eller studier”."
            ),
            "definition": _(
                "What is counted, from which source, for which period – e.g. “Participants in "
                "work training at the social enterprises who started a job or studies during "
                "the year, as reported by the enterprises in December.” Shown with every value."
            ),
            "direction": _("Whether a higher or a lower value is better: used for the status."),
            "area": _("The handbook's area the indicator follows up."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "name",
            Row(
                Column("unit", css_class="col-md-4"),
                Column("periodicity", css_class="col-md-4"),
                Column("direction", css_class="col-md-4"),
            ),
            "yearly_value",
            "definition",
            "area",
            "per_capita",
        )


class MeasurementForm(ScopedModelForm):
    quarter = forms.TypedChoiceField(
        label=_("Period"),
        choices=QUARTER_CHOICES,
        coerce=int,
        initial=0,
        help_text=_("The whole year for a yearly indicator; a quarter for a quarterly one."),
    )

    class Meta:
        model = Measurement
        fields = ["indicator", "year", "quarter", "value", "source", "comment"]
        widgets = {
            "year": _year_widget(),
            "value": _decimal_widget(),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        localized_fields = ["value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        indicator.queryset = indicator.queryset.order_by("name")
        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        self.helper.layout = Layout(
            "indicator",
            Row(
                Column("year", css_class="col-md-4"),
                Column("quarter", css_class="col-md-8"),
            ),
            "value",
            "source",
            "comment",
        )

    def clean(self):
        data = super().clean()
        indicator, year = data.get("indicator"), data.get("year")
        quarter = data.get("quarter")
        if indicator is None or year is None or quarter is None:
            return data
        duplicate = Measurement.objects.filter(indicator=indicator, year=year, quarter=quarter)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            if indicator.periodicity == Periodicity.QUARTER:
                message = _(
                    "%(indicator)s already has a value for quarter %(quarter)s of %(year)s. "
                    "Edit that measurement instead."
                )
            else:
                message = _(
                    "%(indicator)s already has a value for %(year)s. Edit that measurement instead."
                )
            # On the year field: the unique check then does not repeat it at the top.
            self.add_error(
                "year",
                forms.ValidationError(
                    message,
                    code="duplicate",
                    params={"indicator": indicator, "year": year, "quarter": quarter},
                ),
            )
        return data


class TargetForm(ScopedModelForm):
    indicator_key = forms.ChoiceField(
        label=_("Computed indicator"),
        required=False,
        help_text=_("Counted by Samverka from the records."),
    )

    class Meta:
        model = Target
        fields = ["indicator_key", "manual", "year", "value", "comment"]
        widgets = {
            "year": _year_widget(),
            "value": _decimal_widget(),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        localized_fields = ["value"]
        labels = {"value": _("Target value")}
        help_texts = {
            "manual": _("Or one of your own indicators."),
            "value": _(
                "In the indicator's unit (per cent for a share). The status compares the year's "
                "value with it."
            ),
            "comment": _("E.g. the decision or the plan the target comes from."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].choices = [("", "---------"), *INDICATOR_CHOICES()]
        manual = self.fields["manual"]
        manual.queryset = manual.queryset.order_by("name")
        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        self._either_or_failed = False
        self.helper.layout = Layout(
            Fieldset(
                _("Indicator"),
                HTML(
                    '<p class="small">'
                    + escape(str(_("Choose a computed indicator or one of your own – not both.")))
                    + "</p>"
                ),
                Row(
                    Column("indicator_key", css_class="col-md-6"),
                    Column("manual", css_class="col-md-6"),
                ),
            ),
            Row(
                Column("year", css_class="col-md-4"),
                Column("value", css_class="col-md-8"),
            ),
            "comment",
        )

    def clean(self):
        data = super().clean()
        key, manual, year = data.get("indicator_key"), data.get("manual"), data.get("year")
        if "manual" in self.errors or "indicator_key" in self.errors:
            return data
        if key and manual:
            self._either_or_failed = True
            self.add_error(
                "manual",
                forms.ValidationError(
                    _(
                        "Choose either a computed indicator or one of your own, not both: "
                        "a target belongs to one indicator."
                    ),
                    code="both",
                ),
            )
            return data
        if not key and not manual:
            self._either_or_failed = True
            self.add_error(
                "indicator_key",
                forms.ValidationError(
                    _("Choose the indicator the target is for: a computed one or one of your own."),
                    code="none",
                ),
            )
            return data
        if year is None:
            return data
        if manual:
            duplicate = Target.objects.filter(manual=manual, year=year)
        else:
            duplicate = Target.objects.filter(manual__isnull=True, indicator_key=key, year=year)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error(
                "year",
                forms.ValidationError(
                    _("There is already a target for this indicator in %(year)s. Edit it instead."),
                    code="duplicate",
                    params={"year": year},
                ),
            )
        return data

    def _post_clean(self):
        # The model's own either/or check would repeat the message above the form: it is
        # already shown next to the field.
        if self._either_or_failed:
            return
        super()._post_clean()
