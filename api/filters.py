"""What the API adds to the UI's filters (``<app>/filters.py`` stays the one home of each rule).

An endpoint's filter set subclasses the list page's ``FilterSet`` and adds only:

- ``updated_since``: records changed at or after a moment (:class:`UpdatedSinceFilter`);
- :func:`by_slug`: the page's filter of a shared list (categories, challenges) that takes the
  list's ``slug`` instead of the database id a page's drop-down sends — the same filter, only
  the value it is given differs.

A bad value is a 400 problem+json with a Swedish message next to the parameter's name (the
``ValidationError`` of the filter set, ``api.problems``).
"""

import copy
import datetime
import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from collab.figures import FIRST_YEAR, LAST_YEAR

# "2026-01-31T08:00:00 01:00": a "+" sent unencoded in a query string arrives as a space.
_UNENCODED_PLUS = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


class DateOrDateTimeField(forms.Field):
    """An ISO 8601 date (from the start of that day, Swedish time) or date and time (without an
    offset: Swedish time)."""

    default_error_messages = {
        "invalid": _(
            "Give a date as YYYY-MM-DD or a date and time in ISO 8601, e.g. 2026-01-31 or "
            "2026-01-31T08:00:00+01:00."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = _UNENCODED_PLUS.sub(r"\1+\2", str(value).strip())
        try:
            moment = parse_datetime(text)
            if moment is None:
                day = parse_date(text)
                if day is None:
                    raise ValueError(text)
                moment = datetime.datetime.combine(day, datetime.time.min)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


UPDATED_SINCE_HELP = (
    "Only records changed at or after this moment (compare `updated_at`): an ISO 8601 date "
    "(2026-01-31, from midnight Swedish time) or date and time (2026-01-31T08:00:00+01:00, "
    "the + encoded as %2B; without an offset, Swedish time)."
)


@extend_schema_field({"type": "string", "description": UPDATED_SINCE_HELP})
class UpdatedSinceFilter(django_filters.Filter):
    field_class = DateOrDateTimeField

    def __init__(self, field_name="updated_at", **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("help_text", UPDATED_SINCE_HELP)
        super().__init__(field_name=field_name, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.NumberFilter):
    """A year from 2000 to 2100 (a year without records gives an empty list); the rule that
    places a record in a year is the filter's ``field_name`` or ``method``."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


def by_slug(filterset_class, name: str, help_text: str) -> django_filters.ModelChoiceFilter:
    """The page's filter ``name`` of ``filterset_class`` (a ``ModelChoiceFilter`` of a shared
    list with a ``slug``), given the slug instead of the id."""
    page_filter = filterset_class.base_filters[name]
    api_filter = copy.deepcopy(page_filter)
    api_filter.extra["to_field_name"] = "slug"
    api_filter.extra["help_text"] = help_text
    return api_filter
