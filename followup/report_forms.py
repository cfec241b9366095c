"""Choosing what the status report covers: one year (``?year=2026``) or a period
(``?from=2022&to=2026``, at most ``MAX_YEARS`` years)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
