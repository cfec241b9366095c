"""Swedish organisationsnummer: 10 digits written NNNNNN-NNNN, the last a Luhn check digit.

Accepted input: ``NNNNNN-NNNN``, ``NNNNNNNNNN``, with a ``16`` prefix (``16NNNNNNNNNN``) or an
``SE`` prefix (``SENNNNNNNNNN``, also the VAT form ``SENNNNNNNNNN01``); spaces are ignored.

Besides the check digit, the number must be possible: a legal person's number has 20 or more
in its third and fourth digits (so that it is never mistaken for a personal identity number),
and a sole trader (enskild firma) uses the owner's personal identity number, whose third and
fourth digits are a month (01-12) and fifth and sixth a day (01-31, or 61-91 for a
coordination number). So ``000000-0000``, which passes the Luhn check, is refused.
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


def complete_with_check_digit(nine: str) -> str:
    """``NNNNNN-NNNN`` from the first nine digits and the check digit that makes it pass
    (demo, benchmark and test data)."""
    return formatted(next(nine + check for check in "0123456789" if luhn_ok(nine + check)))


def formatted(digits: str) -> str:
    """The digits as an organisation number is written: a hyphen after the sixth digit (also
    for the start of a number, e.g. the digits typed into a search)."""
    return f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits


def search_text(word: str) -> str | None:
    """What a search word that is (the start of) an organisation number in any spelling looks
    for in the stored number (NNNNNN-NNNN): four digits or more, the hyphen put back
    (``5560`` → ``5560``, ``5560123456`` → ``556012-3456``, a whole number with its ``16`` or
    ``SE…01`` prefix too: ``SE556012345601`` → ``556012-3456``); None for other words."""
    whole = _FORMAT.match(re.sub(r"\s+", "", str(word)).upper())
    if whole is not None:
        return formatted((whole["a"] or whole["c"]) + (whole["b"] or whole["d"]))
    digits = re.sub(r"\D", "", word)
    return formatted(digits) if len(digits) >= 4 else None


def is_personal(digits: str) -> bool:
    """A sole trader's number, which is the owner's personal identity number (personal data):
    its third and fourth digits are below 20 (a month), a legal person's are 20 or more."""
    return int(digits[2:4]) < 20


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
    if not possible(digits):
        raise ValidationError(
            _(
                "This cannot be an organisation number: its third and fourth digits are 20 or "
                "more for an organisation, or a month (01–12) in a sole trader's personal "
                "identity number."
            ),
            code="impossible",
        )
    return formatted(digits)


def possible(digits: str) -> bool:
    """A legal person's number (third and fourth digits 20 or more) or a personal one."""
    if not is_personal(digits):
        return True
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def validate(value: str) -> None:
    normalise(value)
