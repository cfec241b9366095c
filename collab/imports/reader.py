"""Reading an uploaded table (CSV or Excel workbook) with limits: the platform's reader, shared
by every import (the register, supplier payments).

:func:`read_table` checks the file itself (size, type by content, encoding, delimiter) and
returns its filled rows with their line numbers; each kind of import passes its own
:class:`ReadLimits`, and the reader stops at the first limit it reaches with a message for the
user (a ``ValidationError``), so the work per upload is bounded whatever the file declares.
:func:`read_stored_table` reads an import's stored rows again with the same limits.
"""

import codecs
import csv
import datetime
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db.models import BinaryField
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from collab import formatting
from collab.imports.export import FORMULA_START, csv_bytes
from collab.models import UploadedImport

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReadLimits:
    """What one kind of import reads at most; the reader stops at the first limit it reaches,
    with a message, so the work per upload is bounded whatever the file declares."""

    max_size: int  # bytes of the uploaded file
    max_rows: int  # filled rows below the header
    max_columns: int = 200  # filled cells further right are refused
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    # Cells read, empty ones included (a row is as wide as its last cell, also an empty one).
    max_cells: int = 5_000_000
    # Lines, empty ones included (Excel's own sheet limit is 1 048 576 rows).
    max_lines: int = 1_048_576

    @property
    def max_chars(self) -> int:
        """Characters of text in all the cells (shared strings can repeat a long text)."""
        return 2 * self.max_size

    @property
    def max_unpacked(self) -> int:
        """Bytes a workbook may unpack to (a "zip bomb" unpacks to gigabytes)."""
        return 10 * self.max_size


def file_error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_file(file_name: str, content: bytes, limits: ReadLimits) -> str:
    """The checks of an uploaded file that need no reading (empty, size, type by name and by
    its first bytes): the upload form makes them at once, before the file is read in the
    background. Returns the file's format; raises ValidationError (one message)."""
    if not content:
        raise file_error(_("The file is empty."), "empty")
    if len(content) > limits.max_size:
        raise file_error(file_too_large_message(len(content), limits.max_size), "too_large")
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix not in {".csv", ".txt", ".xlsx"}:
        raise file_error(
            _("Choose a CSV file (.csv) or an Excel workbook (.xlsx)."), "wrong_extension"
        )
    if content[:4] == b"PK\x03\x04":
        return UploadedImport.Format.XLSX
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise file_error(
            _(
                "Files from older Excel versions (.xls) cannot be read. Save the file as "
                "Excel workbook (.xlsx) or as CSV and upload it again."
            ),
            "xls",
        )
    if suffix == ".xlsx":
        raise file_error(_("The file is named .xlsx but is not an Excel workbook."), "not_xlsx")
    return UploadedImport.Format.CSV


def read_table(
    file_name: str, content: bytes, limits: ReadLimits
) -> tuple[str, list[tuple[int, list[str]]]]:
    """Read an uploaded CSV or XLSX file into (format, [(line, cells)]) with the import kind's
    limits; raise ValidationError (one message) if unusable. Shared by every import (register,
    supplier payments). Only rows with a filled cell are returned, with their line numbers."""
    file_format = check_file(file_name, content, limits)
    if file_format == UploadedImport.Format.XLSX:
        return file_format, _read_xlsx(content, limits)
    return file_format, _read_csv(content, limits)


def read_stored_table(uploaded: UploadedImport, limits: ReadLimits) -> list[tuple[int, list[str]]]:
    """An import's stored rows again (always CSV, see :func:`stored_content`), read with the
    same limits as the upload: raises ValidationError (a message for the user) for whatever
    is stored, e.g. a file stored before a limit was lowered."""
    is_workbook = uploaded.file_format == UploadedImport.Format.XLSX
    return _read_csv(bytes(uploaded.content or b""), limits, delimiter=";" if is_workbook else None)


def split_header(table, *, max_rows: int) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """(header line, headers, non-empty rows below it); errors for an empty file."""
    header_index = next((i for i, (_line, cells) in enumerate(table) if any(cells)), None)
    if header_index is None:
        raise file_error(_("The file is empty."), "empty")
    headers = [_clean_cell(cell) for cell in table[header_index][1]]
    while headers and not headers[-1]:
        headers.pop()
    rows = [(line, cells) for line, cells in table[header_index + 1 :] if any(cells)]
    if not rows:
        raise file_error(
            _("The file has no rows below the header row: there is nothing to import."),
            "no_rows",
        )
    if len(rows) > max_rows:
        raise too_many_rows(max_rows)
    return table[header_index][0], headers, rows


def stored_content(parsed, content: bytes) -> bytes:
    """What an import keeps: a CSV file as uploaded; for a workbook, its first sheet as CSV
    (reading a workbook is slow, and every preview and the confirmation read the rows again).
    Every row keeps its number: rows that were empty in the workbook stay empty lines."""
    if parsed.file_format == UploadedImport.Format.CSV:
        return content
    lines: dict[int, list[str]] = {parsed.header_line: parsed.headers}
    lines.update(parsed.rows)
    return csv_bytes([lines.get(line, []) for line in range(1, max(lines) + 1)])


def too_many_rows(max_rows: int) -> ValidationError:
    return file_error(
        _("The file has more than %(max)s rows. Split it into several files.")
        % {"max": formatting.number(max_rows)},
        "too_many_rows",
    )


def file_too_large_message(size: int, max_size: int) -> str:
    return _(
        "The file is %(size)s MB; at most %(max)s MB can be imported at a time. "
        "Split it into several files."
    ) % {
        "size": formatting.megabytes(size),
        "max": formatting.number(max_size // (1024 * 1024)),
    }


def _decode(content: bytes) -> str:
    try:
        if content.startswith(codecs.BOM_UTF8):
            text = content[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = content.decode("utf-16")
        else:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError:
                text = content.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or _CONTROL.search(text):
        raise file_error(
            _(
                "The file is neither a CSV text file nor an Excel workbook (.xlsx). Save it "
                "from the spreadsheet program as CSV or as Excel workbook."
            ),
            "not_text",
        )
    return text


def _read_csv(
    content: bytes, limits: ReadLimits, delimiter: str | None = None
) -> list[tuple[int, list[str]]]:
    bounds = _Bounds(limits)
    for _row in _csv_rows(_decode(content), bounds, delimiter):
        pass
    return bounds.table


def _csv_rows(text: str, bounds: "_Bounds", delimiter: str | None) -> Iterator[tuple]:
    """The filled rows of a CSV text as they are read, kept in ``bounds.table`` too."""
    limits = bounds.limits
    if delimiter is None:
        # The header row decides; a single column (no separator at all) reads as ";".
        first_line = text.lstrip("\r\n").split("\n", 1)[0]
        counts = {candidate: first_line.count(candidate) for candidate in (";", ",", "\t")}
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for line, cells in enumerate(reader, start=1):
            if not cells and line <= limits.max_lines:
                continue  # an empty line (quick: a file may hold a million)
            cells = bounds.row(line, cells, str)
            if cells:
                cells = [_clean_cell(cell) for cell in cells]
                bounds.table.append((line, cells))
                yield line, cells
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise cell_too_large(reader.line_num, None, None, limits) from exc
        # The csv module's own text is English: the user gets a Swedish message with the line.
        raise file_error(
            _(
                "The CSV file could not be read at row %(line)s. Check that every quotation "
                "mark in the file is closed, and save it again as CSV."
            )
            % {"line": reader.line_num},
            "bad_csv",
        ) from exc


# The start of a stored file read first for its header and first rows (see read_stored_head_table).
HEAD_BYTES = 64 * 1024


def read_stored_head_table(
    uploaded: UploadedImport, limits: ReadLimits, lines: int
) -> list[tuple[int, list[str]]]:
    """The first ``lines`` filled lines of an import's stored rows (its header and a few rows,
    e.g. for the column mapping), read from the start of the stored file only: 64 kB, more
    only while that does not hold them. Same rows, line numbers and messages as
    :func:`read_stored_table`."""
    is_workbook = uploaded.file_format == UploadedImport.Format.XLSX
    delimiter = ";" if is_workbook else None
    length = HEAD_BYTES
    while True:
        head = (
            type(uploaded)
            .objects.filter(pk=uploaded.pk)
            .annotate(head=Substr("content", 1, length, output_field=BinaryField()))
            .values_list("head", flat=True)
            .first()
        )
        head = bytes(head or b"")
        if len(head) < length:  # the whole file
            bounds = _Bounds(limits)
            return list(itertools.islice(_csv_rows(_decode(head), bounds, delimiter), lines))
        table = _head_lines(head, limits, delimiter, lines)
        if table is not None:
            return table
        length *= 8


def _head_lines(head: bytes, limits: ReadLimits, delimiter, lines: int):
    """The first filled lines of the start of a file, or None when it does not surely hold
    them whole (then more is read)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # rare: read on until the whole file
    # Up to the last line break: no character is cut there (UTF-8 or Windows-1252).
    head = head[: head.rfind(b"\n") + 1]
    if not head:
        return None
    bounds = _Bounds(limits)
    try:
        # One line more than asked: the last line read may be cut (e.g. inside quotes).
        table = list(itertools.islice(_csv_rows(_decode(head), bounds, delimiter), lines + 1))
    except ValidationError:
        return None
    return table[:lines] if len(table) > lines else None


class _Bounds:
    """Counts what a reader has read and stops it at the first limit (see :class:`ReadLimits`)."""

    def __init__(self, limits: ReadLimits, *, column_letters: bool = False):
        self.limits = limits
        self.column_letters = column_letters  # name columns A, B, … (a workbook) or 1, 2, …
        self.table: list[tuple[int, list[str]]] = []
        self.cells = self.chars = 0

    def row(self, line: int, values, to_text) -> list[str]:
        """The row's cells as text without trailing empty ones; [] for an empty row."""
        limits = self.limits
        if line > limits.max_lines:
            raise file_error(
                _(
                    "The file has more than %(max)s rows, empty rows included. Remove the "
                    "empty rows or split it into several files."
                )
                % {"max": formatting.number(limits.max_lines)},
                "too_many_lines",
            )
        self.cells += len(values)
        if self.cells > limits.max_cells:
            raise file_error(
                _(
                    "The file has more cells than can be read at a time (at most %(max)s, "
                    "empty cells included). Remove empty columns and rows or split it into "
                    "several files."
                )
                % {"max": formatting.number(limits.max_cells)},
                "too_many_cells",
            )
        if values.count(None) + values.count("") == len(values):
            return []
        if len(values) > limits.max_columns:
            beyond = values[limits.max_columns :]
            if beyond.count(None) + beyond.count("") != len(beyond):
                raise file_error(
                    _(
                        "Row %(line)s has cells in more than %(max)s columns; at most "
                        "%(max)s columns can be imported."
                    )
                    % {"line": line, "max": limits.max_columns},
                    "too_many_columns",
                )
            values = values[: limits.max_columns]
        cells = [to_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        lengths = [len(cell) for cell in cells]
        longest = max(lengths, default=0)
        if longest > limits.max_cell_chars:
            column = lengths.index(longest) + 1
            if self.column_letters:
                from openpyxl.utils import get_column_letter

                column = get_column_letter(column)
            raise cell_too_large(line, column, longest, limits)
        self.chars += sum(lengths)
        if self.chars > limits.max_chars:
            raise file_error(
                _(
                    "The file holds more text than can be imported at a time (at most %(max)s "
                    "characters). Split it into several files."
                )
                % {"max": formatting.number(limits.max_chars)},
                "too_much_text",
            )
        if len(self.table) > limits.max_rows:  # the header row and max_rows rows are read
            raise too_many_rows(limits.max_rows)
        return cells


def cell_too_large(line: int, column, length: int | None, limits) -> ValidationError:
    if column is None:
        message = _(
            "Row %(line)s has a cell with more than %(max)s characters; a cell can hold at "
            "most %(max)s characters. Shorten the text and upload the file again."
        )
    else:
        message = _(
            "Row %(line)s, column %(column)s has %(length)s characters; a cell can hold at "
            "most %(max)s characters. Shorten the text and upload the file again."
        )
    return file_error(
        message
        % {
            "line": line,
            "column": column,
            "length": formatting.number(length or 0),
            "max": formatting.number(limits.max_cell_chars),
        },
        "cell_too_large",
    )


def _read_xlsx(content: bytes, limits: ReadLimits) -> list[tuple[int, list[str]]]:
    """The first sheet's rows, streamed (read-only mode). The sheet's declared dimension is
    ignored: a 2 kB file may declare 1 048 576 rows × 16 384 columns, and openpyxl would pad
    every row to that size. The archive's unpacked size is checked before it is opened."""
    import openpyxl

    unreadable = file_error(
        _(
            "The Excel file could not be read. Open it in the spreadsheet program, save it "
            "as Excel workbook (.xlsx) or CSV and upload it again."
        ),
        "bad_xlsx",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise unreadable from exc
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise file_error(
            _(
                "The file is a compressed archive but not an Excel workbook (.xlsx). Save it "
                "as Excel workbook or CSV."
            ),
            "not_xlsx",
        )
    if sum(member.file_size for member in members) > limits.max_unpacked:
        raise file_error(
            _(
                "The Excel file unpacks to more than %(max)s MB, more than can be imported at "
                "a time. Save it as CSV or split it into several files."
            )
            % {"max": formatting.number(limits.max_unpacked // (1024 * 1024))},
            "xlsx_too_large",
        )
    bounds = _Bounds(limits, column_letters=True)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not values and line <= limits.max_lines:
                    continue  # a missing row (quick: a sheet may skip a million)
                cells = bounds.row(line, values, _xlsx_text)
                if cells:
                    bounds.table.append((line, cells))
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        raise unreadable from exc
    return bounds.table


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return _clean_cell(str(value))


def _clean_cell(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    # Our own exports protect cells against formula injection with a leading apostrophe.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text
