"""Cell values every import reads the same way: lenient keys for headings and choices, dates."""

import datetime
import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from collab.dates import validate_date_in_range

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_TEXT_DATE = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})$")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Key for lenient matching: case, accents, ``_``/``-`` and spacing do not matter."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def parse_date(value: str) -> datetime.date:
    """``2026-11-22`` or ``22 november 2026`` (Swedish or English month, may be abbreviated)."""
    match = _ISO_DATE.match(value)
    day = None
    try:
        if match:
            day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        else:
            match = _TEXT_DATE.match(value)
            if match and fold(match[2]) in MONTHS:
                day = datetime.date(int(match[3]), MONTHS[fold(match[2])], int(match[1]))
    except ValueError:
        pass
    if day is not None:
        validate_date_in_range(day)
        return day
    raise ValidationError(
        _("“%(value)s” is not a date. Write it as 2026-11-22 or 22 november 2026.")
        % {"value": value}
    )
