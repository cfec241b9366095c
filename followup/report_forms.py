"""Choosing what the status report covers: one year (``?year=2026``) or a period
(``?from=2022&to=2026``, at most ``MAX_YEARS`` years)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from areas.handbook import AREAS
from collab.forms import ScopedModelForm
from followup.models import StatusReport
from followup.selectors import default_year

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_YEARS = 10


def _year_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )


class ReportYearForm(forms.Form):
    """One year; without a year the report covers the current one."""

    year = _year_field(_("Year"))

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].required = False
        self.fields["year"].initial = default_year(today)

    def period(self) -> tuple[int, int]:
        year = self.cleaned_data.get("year") or self.fields["year"].initial
        return year, year


class ReportPeriodForm(forms.Form):
    """A period of whole years, from one year to another (both included)."""

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: the fields are added here rather than declared.
        current = default_year(today)
        self.fields["from"] = _year_field(_("From year"))
        self.fields["to"] = _year_field(_("To year"))
        self.fields["from"].initial = current - 4
        self.fields["to"].initial = current

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first is None or last is None:
            return cleaned
        if last < first:
            raise ValidationError(_("The period cannot end before it starts."), code="order")
        if last - first + 1 > MAX_YEARS:
            raise ValidationError(
                _("A period can be at most %(count)s years.") % {"count": MAX_YEARS},
                code="too_long",
            )
        return cleaned

    def period(self) -> tuple[int, int]:
        return self.cleaned_data["from"], self.cleaned_data["to"]


def form_for(params, *, today=None) -> forms.Form:
    """The bound form for a request's query string: a period when ``from`` or ``to`` is
    given, else a year."""
    if "from" in params or "to" in params:
        return ReportPeriodForm(params, today=today)
    return ReportYearForm(params, today=today)


def form_errors(form: forms.Form) -> list[str]:
    """Every error of an invalid form as one sentence each, with the field's label."""
    messages = [str(e) for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        label = form.fields[name].label
        messages.extend(f"{label}: {error}" for error in errors)
    return messages


# --- the written report ----------------------------------------------------------------------


class StatusReportFilter(django_filters.FilterSet):
    """The written reports' list has no filters (a handful of reports a year)."""

    class Meta:
        model = StatusReport
        fields: list[str] = []


class StatusReportForm(ScopedModelForm):
    """The coordinator's texts: a summary, an assessment per area, proposed decisions."""

    class Meta:
        model = StatusReport
        fields = [
            "first_year",
            "last_year",
            "summary",
            *[f"assessment_{n}" for n in range(1, 8)],
            "proposed_decisions",
        ]
        widgets = {
            "first_year": forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
            "last_year": forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "proposed_decisions": forms.Textarea(attrs={"rows": 5}),
            **{f"assessment_{n}": forms.Textarea(attrs={"rows": 3}) for n in range(1, 8)},
        }
        help_texts = {
            "first_year": _("The same as the last year for a report of one year."),
            "last_year": _(
                "A period report compares the key figures of its first and its last year."
            ),
            "summary": _("Comes first in the report, before the key figures."),
            "proposed_decisions": _(
                "One proposal per line; shown as a list at the end of the report."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in AREAS:
            field = self.fields[f"assessment_{area.number}"]
            field.label = _("Assessment: %(number)s. %(title)s") % {
                "number": area.number,
                "title": area.title,
            }
        if not self.instance.pk:
            current = default_year()
            self.fields["first_year"].initial = current
            self.fields["last_year"].initial = current


class PublishForm(ScopedModelForm):
    """Publishing: the date of the decision and the case number, both required."""

    submit_label = _("Publish")

    class Meta:
        model = StatusReport
        fields = ["decision_date", "case_number"]
        help_texts = {
            "decision_date": _("The date the committee decided on the report."),
            "case_number": _("The case number (diarienummer), e.g. KS 2026/123."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].required = True
        self.fields["case_number"].required = True

    def clean_case_number(self) -> str:
        value = self.cleaned_data["case_number"].strip()
        if not value:
            raise ValidationError(_("Enter the case number."), code="required")
        return value
