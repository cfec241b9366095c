"""Swedish organisationsnummer: 10 digits written NNNNNN-NNNN, the last a Luhn check digit.

Accepted input: ``NNNNNN-NNNN``, ``NNNNNNNNNN``, with a ``16`` prefix (``16NNNNNNNNNN``) or an
``SE`` prefix (``SENNNNNNNNNN``, also the VAT form ``SENNNNNNNNNN01``); spaces are ignored.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FORMAT = re.compile(r"^(?:SE(?P<a>\d{6})-?(?P<b>\d{4})(?:01)?|(?:16)?(?P<c>\d{6})-?(?P<d>\d{4}))$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise(value: str) -> str:
    """Return ``NNNNNN-NNNN`` or raise ValidationError with a Swedish message."""
    raw = re.sub(r"\s+", "", str(value or "")).upper()
    if not raw:
        return ""
    match = _FORMAT.match(raw)
    if match is None:
        raise ValidationError(
            _("Write the organisation number as NNNNNN-NNNN (10 digits)."), code="format"
        )
    digits = (match["a"] or match["c"]) + (match["b"] or match["d"])
    if not luhn_ok(digits):
        raise ValidationError(
            _("The organisation number's check digit is wrong; check for a typing error."),
            code="checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate(value: str) -> None:
    normalise(value)
