"""How Samverka shows dates, kronor, numbers, percentages and counts: the one definition.

Pages, the PDF report, charts and messages all format through these functions (templates
through the filters in :mod:`collab.templatetags.samverka_format`), so the same figure reads
the same everywhere. In Swedish (the active language's formats):

- dates ``22 november 2026``, date and time ``22 november 2026 14:05``;
- numbers ``1 234 567`` (non-breaking space between thousands), ``12,5`` (decimal comma);
- kronor in whole kronor, ``1 234 567 kr``;
- percentages ``67 %``, ``12,5 %``;
- changes with a sign, ``+1 månad``, ``−3 kr`` (the minus sign U+2212, as Swedish typography
  writes it);
- a count with its unit in the right number, ``1 upphandling``, ``2 upphandlingar`` (through
  ``npgettext``, so the language's plural rule decides).

Without a value every function gives :data:`NO_VALUE`.
"""

import datetime
import math
from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, npgettext

NO_VALUE = "–"
MINUS = "\u2212"
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"


def date(value) -> str:
    """``22 november 2026`` in the active language; a datetime in local time."""
    if not value:
        return NO_VALUE
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return date_filter(value, DATE_FORMAT)


def date_time(value) -> str:
    """``22 november 2026 14:05`` in local time."""
    if not value:
        return NO_VALUE
    if isinstance(value, datetime.datetime):
        return date_filter(_local(value), DATETIME_FORMAT)
    return date_filter(value, DATE_FORMAT)


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def number(value, decimals: int | None = None) -> str:
    """``1 234 567``; ``12,5``. Without ``decimals``: none for a whole number, else one."""
    if value is None or value == "":
        return NO_VALUE
    try:
        value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)  # not a number: shown as it is, as intcomma did
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 1
    return number_format(round(value, decimals), decimals, force_grouping=True)


def kronor(value) -> str:
    """``1 234 567 kr``, in whole kronor."""
    if value is None or value == "":
        return NO_VALUE
    return f"{number(value, 0)} kr"


def percent(value, decimals: int | None = None) -> str:
    """``67 %``, ``12,5 %`` (decimals as :func:`number`)."""
    if value is None or value == "":
        return NO_VALUE
    return f"{number(value, decimals)} %"


class Unit:
    """A counted unit that agrees with its number: ``1 upphandling``, ``2 upphandlingar``.

    ``singular``/``plural`` are the English msgids of an ``npgettext`` pair in the context
    "unit" (django.po: ``msgctxt "unit"``, ``msgid_plural``); ``str()`` is the plural alone
    (its plain msgid), for headings such as "(upphandlingar)"."""

    def __init__(self, singular: str, plural: str):
        self.singular = singular
        self.plural = plural

    def for_count(self, value) -> str:
        return npgettext("unit", self.singular, self.plural, plural_number(value))

    def __str__(self) -> str:
        return gettext(self.plural)

    def __eq__(self, other):
        if isinstance(other, Unit):
            return (self.singular, self.plural) == (other.singular, other.plural)
        return NotImplemented

    def __hash__(self):
        return hash((self.singular, self.plural))


def plural_number(value) -> int:
    """The number ``ngettext`` chooses the form by: a fraction (1,5 months) is plural."""
    value = abs(Decimal(value))
    return int(value) if value == value.to_integral_value() else 2


def unit_text(unit, value) -> str:
    """The unit's text for ``value``: a :class:`Unit` in the right number, else as it is."""
    if isinstance(unit, Unit):
        return unit.for_count(value)
    return str(unit or "")


def quantity(value, unit="", decimals: int | None = None) -> str:
    """``1 upphandling``, ``3 upphandlingar``, ``1 234 kr``, ``12,5 %``; ``unit`` is a
    :class:`Unit`, ``"kr"``, ``"%"`` or any text (shown as it is)."""
    if value is None or value == "":
        return NO_VALUE
    if unit == "kr":
        return kronor(value)
    return f"{number(value, decimals)} {unit_text(unit, value)}".strip()


def signed(value, unit="", decimals: int | None = None) -> str:
    """A change with its sign: ``+1 månad``, ``−3 kr``, ``0 kr``."""
    if value is None or value == "":
        return NO_VALUE
    text = quantity(abs(Decimal(value)), unit, decimals)
    if value > 0:
        return "+" + text
    if value < 0:
        return MINUS + text
    return text


# A change in a share, in percentage points: "+1 procentenhet", "−3 procentenheter".
PERCENTAGE_POINTS = Unit("percentage point", "percentage points")


def full_time_equivalents(percent) -> str:
    """Full-time equivalents from a sum of percentages of full time: 150 -> ``1,5``,
    175 -> ``1,75``, 200 -> ``2``."""
    percent = percent or 0
    decimals = 0 if percent % 100 == 0 else 1 if percent % 10 == 0 else 2
    return number(Decimal(percent) / 100, decimals)


def full_time_equivalents_text(percent) -> str:
    """``1 heltidstjänst``, ``1,5 heltidstjänster``."""
    return ngettext(
        "%(fte)s full-time equivalent",
        "%(fte)s full-time equivalents",
        plural_number(Decimal(percent or 0) / 100),
    ) % {"fte": full_time_equivalents(percent)}


def people(count) -> str:
    """``1 person``, ``3 personer``."""
    return ngettext("%(people)s person", "%(people)s people", plural_number(count or 0)) % {
        "people": number(count or 0)
    }


def megabytes(size: int) -> str:
    """``23,4``: a size in bytes as megabytes with one decimal, rounded up so that a file over
    a limit never reads as exactly the limit."""
    return number(Decimal(math.ceil(size * 10 / (1024 * 1024))) / 10, 1)


def display_value(value) -> str:
    """Text for a cell, in the active language's formats (Swedish: 1 234 kr, 22 november)."""
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return date_time(value)
    if isinstance(value, datetime.date):
        return date(value)
    if isinstance(value, int):
        return number(value)
    return str(value)


def person_name(user) -> str:
    """A user as people know them: the full name, else the user name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def owner_name(user, text: str = "") -> str:
    """Who owns a task: the member's name when one is chosen, else the free text as written."""
    return person_name(user) or (text or "")
