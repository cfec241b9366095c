"""The range of dates Samverka accepts: one rule for every date field and every import.

A date far outside it (year 1 or 9999) is almost always a typing or export error, and stored it
breaks date arithmetic (``date(year + 1, 1, 1)`` beyond year 9999). Every model ``DateField``
gets :func:`validate_date_in_range` when the apps are ready (:func:`add_range_validators`), so
every model form shows the message next to the field; the imports call it on each parsed date.
"""

import datetime

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)


def in_range(value: datetime.date) -> bool:
    day = value.date() if isinstance(value, datetime.datetime) else value
    return MIN_DATE <= day <= MAX_DATE


def validate_date_in_range(value) -> None:
    if value is None or not isinstance(value, datetime.date):
        return
    if not in_range(value):
        raise ValidationError(
            _("Give a date between %(min)s and %(max)s.")
            % {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()},
            code="date_out_of_range",
        )


def date_widget() -> forms.DateInput:
    """The browser's date picker, ``<input type="date">``, whose value must be ISO
    (``2026-11-22``) whatever the language. Every model form's date field gets it
    (``collab.forms.ScopedModelForm``); a plain form's date field passes it as ``widget``."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_range_validators() -> None:
    """Give every model date field the range rule (at start-up, from ``CollabConfig.ready``).

    The validator is added to the field's validators at run time, not to its declaration, so
    no migration is needed and fields added later are covered too."""
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.DateField) and not getattr(
                model_field, "auto_now_add", False
            ):
                validators = model_field.validators
                if validate_date_in_range not in validators:
                    # ``validators`` is a cached property: extend the cached list.
                    model_field.__dict__["validators"] = [*validators, validate_date_in_range]


class Year(ExtractYear):
    """The year of a ``DateField``, computed natively by the database on every row.

    Django's ``ExtractYear`` (and ``QuerySet.dates``) call a Python function per row on SQLite
    (``django_date_extract``/``django_date_trunc``): a year list over 50 000 payments grew with
    the data. A date is ISO text there (``YYYY-MM-DD``), so its first four characters are the
    year; other databases keep ``EXTRACT(YEAR FROM ...)``. Not for a ``DateTimeField``, whose
    year depends on the time zone.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS integer)", params
