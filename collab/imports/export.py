"""Files an import gives back to the user: CSV for Excel (semicolons, UTF-8 with BOM), cells
protected against formula injection, and the rows with errors to fix and upload again."""

import codecs
import csv
import io
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_START = ("=", "+", "-", "@")

# The column the error file adds; every import ignores it on a re-upload.
ERROR_COLUMN = "fel"


def csv_cell(value: str) -> str:
    """The cell as text that a spreadsheet program shows and never runs as a formula (a
    leading apostrophe, which the reader removes again); numbers stay numbers."""
    text = value or ""
    if text[:1] in FORMULA_START and not re.fullmatch(r"[-+]?[\d\s.,]+", text):
        text = "'" + text
    return text


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def error_rows_csv(
    headers: list[str], rows: Iterable[tuple[int, list[str], Iterable[tuple[str, str]]]]
) -> bytes:
    """The rows with errors as in the file, with a column "fel" describing the errors: fix
    them and upload the file again (the "fel" column is ignored on import).

    ``rows``: (line, cells, [(column heading, message)]) for each row with errors."""
    width = len(headers)
    table = [[csv_cell(header) for header in headers] + [ERROR_COLUMN]]
    for line, cells, errors in rows:
        cells = (cells + [""] * width)[:width]
        problems = "; ".join(
            _("row %(line)s, %(column)s: %(message)s")
            % {"line": line, "column": column, "message": message}
            for column, message in errors
        )
        table.append([csv_cell(cell) for cell in cells] + [csv_cell(problems)])
    return csv_bytes(table)
