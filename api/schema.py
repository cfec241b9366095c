"""The columns of an open dataset: one definition for its CSV, its JSON and its description.

A dataset (the register's directory, the yearly figures) lists its columns once as
:class:`Column`: the CSV's header and cells, the JSON rows' fields and the description page
(README) with name, type, required, description and example all come from that list, so the
description names exactly the columns the files have.

Files: CSV in UTF-8 (no byte order mark), comma-separated (RFC 4180), one header row of
lower-case ASCII names; a text cell that a spreadsheet would run as a formula (starting with
``= + - @``) gets a leading apostrophe (:func:`collab.imports.export.csv_cell`). Numbers are
written with a decimal point, dates as ``YYYY-MM-DD``, lists joined with ``"; "``. JSON: an
object with the dataset's metadata and ``rows``, each row an object with the same names.
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from collab.imports.export import csv_cell

TYPES = {
    "text": _("text"),
    "integer": _("integer"),
    "decimal": _("decimal number"),
    "date": _("date (YYYY-MM-DD)"),
    "list": _("list of texts"),
    "contacts": _("list of contacts"),
}


@dataclass(frozen=True)
class Column:
    name: str  # lower-case ASCII: the CSV header and the JSON field
    type: str  # a key of TYPES
    required: bool
    description: Any  # lazy text
    example: str
    value: Callable[[Any], Any]  # row -> the value (None when there is none)

    @property
    def type_label(self):
        return TYPES[self.type]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, Decimal | int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "; ".join(_csv_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v)
    return csv_cell(str(value))


def csv_text(columns: list[Column], rows: Iterable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([_csv_text(column.value(row)) for column in columns])
    return buffer.getvalue()


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if value is not None and not isinstance(value, bool | int | float | str):
        return str(value)
    return value


def json_text(columns: list[Column], rows: Iterable, meta: dict) -> str:
    data = [{column.name: _json_value(column.value(row)) for column in columns} for row in rows]
    return json.dumps({**meta, "count": len(data), "rows": data}, ensure_ascii=False, indent=1)
