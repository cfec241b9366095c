"""Make the embedded SQLite database search and sort Swedish text as PostgreSQL does.

SQLite's LIKE folds case for ASCII only, so a search for "öberg" would miss "Öberg".
PostgreSQL does this right; for SQLite we replace LIKE with a Unicode-aware version
(Django's ``icontains``/``istartswith`` lookups use LIKE with an escape character).
"""

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _compile(pattern: str, escape: str | None) -> re.Pattern:
    out = []
    chars = iter(pattern)
    for char in chars:
        if escape and char == escape:
            out.append(re.escape(next(chars, "")))
        elif char == "%":
            out.append(".*")
        elif char == "_":
            out.append(".")
        else:
            out.append(re.escape(char))
    return re.compile("".join(out), re.DOTALL | re.IGNORECASE)


def unicode_like(pattern, value, escape=None):
    if pattern is None or value is None:
        return None
    return _compile(str(pattern).casefold(), escape).fullmatch(str(value).casefold()) is not None


def install(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("like", 2, unicode_like, deterministic=True)
    raw.create_function("like", 3, unicode_like, deterministic=True)
    raw.create_collation("swedish", swedish_collation)


# Swedish alphabetical order: ... x y z å ä ö; case and accents (é, ü) fold as Swedes expect.
_SWEDISH = str.maketrans(
    {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "è": "e", "ü": "y", "à": "a"}
)


def swedish_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH)


def swedish_collation(left: str, right: str) -> int:
    a, b = swedish_key(left), swedish_key(right)
    return (a > b) - (a < b)
