"""Spend with social enterprises: supplier-payment files (leverantörsreskontra) read, mapped,
validated, imported, matched to the register and summed per year.

The flow is the platform's import pipeline (:mod:`collab.imports`: reading, limits, the stored
copy, the error file, the pages) with larger limits, since a municipality's year is
100 000–300 000 booking lines:

1. :func:`read_upload` checks the file (size, type by content, encoding, delimiter) and returns
   its header and rows as text.
2. :func:`create_import` stores the file (a workbook as CSV) with the column mapping: a mapping
   the organisation chose before for the same headings, else one recognised from the headings
   (the national open-data specification or a Swedish export). When the supplier, amount or
   date column is not recognised, the user maps the columns (:func:`save_mapping`), and the
   mapping is remembered for the organisation's next file with the same headings.
3. :func:`analyse` validates every row (line-numbered errors). It runs in the background for
   the preview, which keeps a compact :class:`Preview` (:func:`summarise`), and again on
   confirmation.
4. :func:`apply_import` writes the valid rows in one transaction and matches them to the
   register by organisationsnummer; rows with errors are never stored.

Sole traders' organisation numbers are personal identity numbers: such rows, rows marked as
personal data and rows without organisation number are stored with ``personal_data`` set, are
never matched and are never named in summaries.
"""

import csv
import datetime
import functools
import hashlib
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import ScopeError, get_scope

from collab import figures, jobs
from collab.dates import Year, validate_date_in_range
from collab.imports import export
from collab.imports.reader import (
    ReadLimits,
    read_stored_head_table,
    read_stored_table,
    read_table,
    split_header,
    stored_content,
)
from collab.imports.services import ImportRefused, claim
from collab.imports.values import fold, parse_date
from enterprises import orgnr
from enterprises.models import SocialEnterprise
from procurement.models import ColumnMapping, SpendImport, SupplierPayment

MAX_FILE_SIZE = 50 * 1024 * 1024
MAX_ROWS = 500_000
# The reader's limits for supplier-payment files (the register's, in enterprises.importing,
# are smaller).
LIMITS = ReadLimits(max_size=MAX_FILE_SIZE, max_rows=MAX_ROWS, max_cells=30_000_000)
BATCH_SIZE = 2_000
MAX_AMOUNT = 10**12
PERSONAL_DATA_LABEL = gettext_lazy("Sole traders (personal data)")


# --------------------------------------------------------------------------------------------
# Our fields and the headings that mean them


@dataclass(frozen=True)
class SpendField:
    name: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    max_length: int = 0


FIELDS = [
    SpendField(
        "supplier_name",
        gettext_lazy("Supplier name"),
        (
            "leverantor",
            "leverantorsnamn",
            "leverantorens namn",
            "leverantor namn",
            "leverantorsnamn text",
            "supplier",
            "supplier name",
            "motpart",
            "motpartsnamn",
        ),
        required=True,
        max_length=255,
    ),
    SpendField(
        "supplier_org_number",
        gettext_lazy("Organisation number"),
        (
            "organisationsnummer",
            "orgnr",
            "org nr",
            "organisationsnr",
            "leverantorens organisationsnummer",
            "leverantorens orgnr",
            "leverantor organisationsnummer",
            "leverantor orgnr",
            "leverantorsorganisationsnummer",
            "organisation number",
            "leverantor id",  # the open-data specification's column
        ),
    ),
    SpendField(
        "amount",
        gettext_lazy("Amount excluding VAT"),
        (
            "belopp",
            "konterat belopp exkl moms",
            "konterat belopp exklusive moms",
            "konterat belopp",
            "belopp exkl moms",
            "belopp exklusive moms",
            "nettobelopp",
            "amount",
        ),
        required=True,
    ),
    SpendField(
        "booking_date",
        gettext_lazy("Booking date"),
        (
            "bokforingsdatum",
            "bokf datum",
            "bokforingsdag",
            "verifikationsdatum",
            "transaktionsdatum",
            "datum",
            "booking date",
        ),
        required=True,
    ),
    SpendField(
        "invoice_number",
        gettext_lazy("Invoice number"),
        ("fakturanummer", "fakturanr", "faktura nr", "faktura", "invoice number"),
        max_length=100,
    ),
    SpendField(
        "account",
        gettext_lazy("Account"),
        ("konto", "kontonummer", "kontonr", "konto nr", "account"),
        max_length=50,
    ),
    SpendField(
        "account_text",
        gettext_lazy("Account text"),
        ("kontotext", "kontonamn", "kontobenamning", "konto text", "account text"),
        max_length=255,
    ),
    SpendField(
        "administration",
        gettext_lazy("Administration (förvaltning)"),
        ("forvaltning", "forvaltningsnamn", "namnd", "administration"),
        max_length=255,
    ),
    SpendField(
        "voucher_number",
        gettext_lazy("Voucher number"),
        ("verifikationsnummer", "verifikationsnr", "ver nr", "verifikation", "voucher number"),
        max_length=100,
    ),
    SpendField(
        "personal_data",
        gettext_lazy("Personal data marker"),
        (
            "personuppgift",
            "personuppgifter",
            "innehaller personuppgifter",
            "personuppgiftsmarkering",
            "personal data",
        ),
    ),
]
FIELD_BY_NAME = {f.name: f for f in FIELDS}
REQUIRED = [f.name for f in FIELDS if f.required]


def header_key(header: str) -> str:
    """Lenient key for a heading: case, accents, punctuation and spacing do not matter."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(header.rstrip("*"))).split())


@functools.cache
def _synonyms() -> dict[str, str]:
    keys = {}
    for spend_field in FIELDS:
        for synonym in (spend_field.name, *spend_field.synonyms):
            keys.setdefault(header_key(synonym), spend_field.name)
    return keys


def auto_mapping(headers: list[str]) -> list[str]:
    """Our field for each heading ("" when unknown); the first column of a field wins."""
    synonyms = _synonyms()
    mapping, seen = [], set()
    for header in headers:
        name = synonyms.get(header_key(header), "")
        if name in seen:
            name = ""
        seen.add(name)
        mapping.append(name)
    return mapping


def missing_fields(mapping: list[str]) -> list[str]:
    return [name for name in REQUIRED if name not in mapping]


def signature(headers: list[str]) -> str:
    joined = "\x1f".join(header_key(header) for header in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


def detect_layout(headers: list[str], mapping: list[str]) -> str:
    if missing_fields(mapping):
        return SpendImport.Layout.UNKNOWN
    if all(re.fullmatch(r"[a-z0-9_]+", header) for header in headers if header):
        return SpendImport.Layout.OPEN_DATA
    return SpendImport.Layout.AD_HOC


# --------------------------------------------------------------------------------------------
# Reading the file (the platform's reader, with larger limits)


@dataclass
class SpendFile:
    file_name: str
    file_format: str
    header_line: int
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line as in the file, cells)


def read_upload(file_name: str, content: bytes) -> SpendFile:
    """Read an uploaded CSV or XLSX file; raise ValidationError (one message) if unusable."""
    file_format, table = read_table(file_name, content, LIMITS)
    return _parse_table(file_name, file_format, table)


def read_stored(spend_import: SpendImport) -> SpendFile:
    table = read_stored_table(spend_import, LIMITS)
    return _parse_table(spend_import.file_name, spend_import.file_format, table)


# Rows shown as examples beside each column on the column mapping.
EXAMPLE_ROWS = 3


def read_stored_head(spend_import: SpendImport) -> SpendFile:
    """The stored file's header and its first rows (:data:`EXAMPLE_ROWS`), read from the start
    of the file only: the column mapping of a 200 000-row file reads a few kilobytes."""
    table = read_stored_head_table(spend_import, LIMITS, EXAMPLE_ROWS + 1)
    return _parse_table(spend_import.file_name, spend_import.file_format, table)


def _parse_table(file_name: str, file_format: str, table) -> SpendFile:
    header_line, headers, rows = split_header(table, max_rows=MAX_ROWS)
    return SpendFile(
        file_name=file_name,
        file_format=file_format,
        header_line=header_line,
        headers=headers,
        rows=rows,
    )


# --------------------------------------------------------------------------------------------
# Values

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CURRENCY = re.compile(r"(?i)^(?:sek|kr\.?)|(?:sek|kr\.?|:-)$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YES = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
_PERSONAL_NAMES = ("personuppgift", "skyddad identitet", "sekretessmarkerad")


def parse_amount(value: str) -> int:
    """Whole kronor from ``1 234,50``, ``-1234``, ``1234,50-``, ``(500)``, ``12 345 kr``.

    Spaces (also non-breaking) separate thousands; the decimal mark is a comma, or a point
    when it is the only mark (numbers from a workbook). Öre are rounded half away from zero.
    """
    text = _SPACES.sub("", value or "")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = _CURRENCY.sub("", text)
    if text[:1] in {"-", "\u2212", "\u2013"}:
        negative, text = not negative, text[1:]
    elif text[-1:] in {"-", "\u2212", "\u2013"}:
        negative, text = not negative, text[:-1]
    text = _CURRENCY.sub("", text)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal_mark == "," else ",", "")
    elif text.count(".") > 1:  # 1.234.567 (points as thousands separators)
        text = text.replace(".", "")
    elif text.count(",") > 1:
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise ValidationError(
            _("“%(value)s” is not an amount. Write it as 1 234,50 or -1234.") % {"value": value}
        )
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above guards this
        raise ValidationError(_("“%(value)s” is not an amount.") % {"value": value}) from exc
    kronor = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if kronor >= MAX_AMOUNT:
        raise ValidationError(_("The amount is too large."))
    return -kronor if negative else kronor


@functools.lru_cache(maxsize=4096)
def parse_booking_date(value: str) -> datetime.date:
    """``2026-11-22`` (also with a time of day), ``20261122`` or ``22 november 2026``."""
    match = _COMPACT_DATE.match(value) or _ISO_DATE.match(value)
    if match:
        try:
            day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
        else:
            validate_date_in_range(day)
            return day
    else:
        try:
            return parse_date(value)
        except ValidationError as exc:
            if exc.code == "date_out_of_range":
                raise
    raise ValidationError(
        _("“%(value)s” is not a date. Write it as 2026-11-22 or 20261122.") % {"value": value}
    )


@functools.lru_cache(maxsize=65536)
def parse_org_number(value: str) -> tuple[str, bool]:
    """(``NNNNNN-NNNN`` or "", is a personal identity number). Raises ValidationError.

    A sole trader's organisation number is the owner's personal identity number (the month
    digits 01–12 in positions 3–4, below 20): it is personal data and is not kept.
    """
    digits = re.sub(r"\D", "", value)
    if len(digits) == 12 and digits[:2] in {"19", "20"}:
        return "", True  # a personal identity number written with the century
    number = orgnr.normalise(value)
    if number and orgnr.is_personal(number):
        return "", True
    return number, False


# --------------------------------------------------------------------------------------------
# Validating the rows


@dataclass
class RowError:
    line: int
    cells: list[str]
    supplier: str
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column, value, msg)


@dataclass
class Analysis:
    parsed: SpendFile
    mapping: list[str]
    valid: list[tuple] = field(default_factory=list)  # (line, {field: value})
    errors: list[RowError] = field(default_factory=list)
    # Valid rows the organisation's stored payments hold already (see mark_already_imported).
    already_imported: list[tuple] = field(default_factory=list)
    total: int = 0
    personal_rows: int = 0
    first_date: datetime.date | None = None
    last_date: datetime.date | None = None

    @property
    def row_count(self) -> int:
        return len(self.valid) + len(self.errors) + len(self.already_imported)

    @property
    def fingerprint(self) -> str:
        """Changes when the outcome would change (another mapping, rows imported meanwhile):
        checked on confirmation."""
        mapping = hashlib.sha256("|".join(self.mapping).encode()).hexdigest()[:12]
        return (
            f"{self.row_count}-{len(self.valid)}-{len(self.errors)}-"
            f"{len(self.already_imported)}-{self.total}-{mapping}"
        )

    def error_list(self, limit: int | None = None) -> list[tuple[RowError, tuple]]:
        result = []
        for row in self.errors:
            for problem in row.problems:
                result.append((row, problem))
                if limit is not None and len(result) >= limit:
                    return result
        return result


# The preview shows the first valid rows, and the rows with errors a page at a time.
PREVIEW_ROWS = 20
PREVIEW_ERROR_ROWS = 100


@dataclass
class Preview:
    """What the preview of an import shows, kept by the analysis job (see
    :func:`summarise`): counts and sums, the first rows, and the rows with errors in parts
    (``errors``: every row with its line number, read a page at a time)."""

    headers: list[str]
    mapping: list[str]
    row_count: int
    valid_count: int
    already_imported_count: int
    total: int
    personal_rows: int
    first_date: datetime.date | None
    last_date: datetime.date | None
    fingerprint: str
    sample: list[tuple]  # the first valid rows: (line, {field: value})
    errors: Sequence  # RowError, in the file's order


def summarise(analysis: Analysis, keep_list) -> Preview:
    """The preview of ``analysis``; ``keep_list(items, part_size)`` keeps a long list in
    parts (see :mod:`collab.imports.jobs`)."""
    return Preview(
        headers=analysis.parsed.headers,
        mapping=analysis.mapping,
        row_count=analysis.row_count,
        valid_count=len(analysis.valid),
        already_imported_count=len(analysis.already_imported),
        total=analysis.total,
        personal_rows=analysis.personal_rows,
        first_date=analysis.first_date,
        last_date=analysis.last_date,
        fingerprint=analysis.fingerprint,
        sample=analysis.valid[:PREVIEW_ROWS],
        errors=keep_list(analysis.errors, PREVIEW_ERROR_ROWS),
    )


def analyse(parsed: SpendFile, mapping: list[str]) -> Analysis:
    """Validate every row with the given mapping (no database queries)."""
    analysis = Analysis(parsed=parsed, mapping=mapping)
    width = len(parsed.headers)
    # A mapping entry beyond the file's headings (a stored mapping of another file) is unused.
    columns = [
        (index, name, parsed.headers[index]) for index, name in enumerate(mapping[:width]) if name
    ]
    headers = dict.fromkeys(REQUIRED, "")
    for _index, name, header in columns:
        headers[name] = header
    total, personal = 0, 0
    first = last = None
    # Translated once: gettext in the loop would cost seconds for 200 000 rows.
    missing_messages = {
        "supplier_name": _("The supplier's name is missing."),
        "amount": _("The amount is missing."),
        "booking_date": _("The booking date is missing."),
    }
    for line, cells in jobs.tracked(parsed.rows):
        data: dict = {}
        problems = []
        if any(cells[width:]):
            problems.append(
                (
                    "–",
                    " | ".join(c for c in cells[width:] if c),
                    _(
                        "The row has more cells than there are column headings; is there a "
                        "separator (; or ,) inside a cell without quotation marks?"
                    ),
                )
            )
        for index, name, header in columns:
            value = cells[index] if index < len(cells) else ""
            try:
                if name == "amount":
                    if value:
                        data[name] = parse_amount(value)
                elif name == "booking_date":
                    if value:
                        data[name] = parse_booking_date(value)
                elif name == "supplier_org_number":
                    if value:
                        data[name], data["_personal_number"] = parse_org_number(value)
                elif name == "personal_data":
                    data[name] = fold(value) in _YES
                else:
                    limit = FIELD_BY_NAME[name].max_length
                    if limit and len(value) > limit:
                        raise ValidationError(
                            _("At most %(max)s characters; this has %(length)s.")
                            % {"max": limit, "length": len(value)}
                        )
                    data[name] = value
            except ValidationError as exc:
                problems.extend((header, value, message) for message in exc.messages)
        for name in REQUIRED:
            if data.get(name) in (None, "") and not _has_problem(problems, headers[name]):
                problems.append((headers[name], "", missing_messages[name]))
        if problems:
            analysis.errors.append(RowError(line, cells, data.get("supplier_name", ""), problems))
            continue
        is_personal = (
            data.pop("_personal_number", False)
            or data.get("personal_data", False)
            or not data.get("supplier_org_number")
            or any(marker in fold(data["supplier_name"]) for marker in _PERSONAL_NAMES)
        )
        data["personal_data"] = bool(is_personal)
        if is_personal:
            data["supplier_org_number"] = ""
            personal += 1
        total += data["amount"]
        day = data["booking_date"]
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
        analysis.valid.append((line, data))
    analysis.total, analysis.personal_rows = total, personal
    analysis.first_date, analysis.last_date = first, last
    return analysis


def _has_problem(problems, header: str) -> bool:
    return any(column == header for column, _value, _message in problems)


# --------------------------------------------------------------------------------------------
# Storing the upload, the mapping and applying


def remembered_mapping(headers: list[str]) -> list[str] | None:
    saved = ColumnMapping.objects.filter(signature=signature(headers)).first()
    if saved is None or len(saved.mapping) != len(headers):
        return None
    return list(saved.mapping)


def create_import(*, organisation, user, parsed: SpendFile, content: bytes) -> SpendImport:
    """Store the file with its mapping (remembered, or recognised from the headings)."""
    mapping = remembered_mapping(parsed.headers)
    if mapping is not None and not missing_fields(mapping):
        layout = SpendImport.Layout.MAPPED
    else:
        mapping = auto_mapping(parsed.headers)
        layout = detect_layout(parsed.headers, mapping)
    spend_import = SpendImport(
        organisation=organisation,
        file_name=PurePath(parsed.file_name).name[:255],
        file_format=parsed.file_format,
        layout=layout,
        content=stored_content(parsed, content),
        content_hash=hashlib.sha256(content).hexdigest(),
        mapping=mapping,
        uploaded_by=user,
        row_count=len(parsed.rows),
    )
    if layout != SpendImport.Layout.UNKNOWN:
        spend_import.error_count = len(analyse(parsed, mapping).errors)
    with transaction.atomic():
        spend_import.save()
    return spend_import


def delete_import(*, spend_import: SpendImport) -> int:
    """Delete the import and the payments it imported; returns the number of payments.

    The payments go in one statement: they were inserted without history rows (see
    :func:`_insert_payments`), and the ORM's delete would load each of up to 500 000 rows."""
    connection = connections[router.db_for_write(SupplierPayment)]
    quote = connection.ops.quote_name
    meta = SupplierPayment._meta
    spend_import_column = quote(meta.get_field("spend_import").column)
    organisation_column = quote(meta.get_field("organisation").column)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(meta.db_table)} "  # noqa: S608 - names from the model
            f"WHERE {spend_import_column} = %s AND {organisation_column} = %s",
            [spend_import.pk, spend_import.organisation_id],
        )
        deleted = cursor.rowcount
        spend_import.delete()
        figures.records_changed(spend_import.organisation_id)
    return deleted


def save_mapping(*, spend_import: SpendImport, mapping: list[str]) -> SpendImport:
    """Use ``mapping`` for this import and remember it for the organisation's next file.
    Reads only the file's header: the rows are checked with the new mapping by the preview's
    analysis in the background, which counts the rows with errors (:func:`analyse_import`)."""
    if spend_import.is_applied:
        raise ImportRefused(_("This file has already been imported; its columns are fixed."))
    parsed = read_stored_head(spend_import)
    with transaction.atomic():
        spend_import.mapping = mapping
        spend_import.layout = SpendImport.Layout.MAPPED
        spend_import.save(update_fields=["mapping", "layout"])
        ColumnMapping.objects.update_or_create(
            organisation=spend_import.organisation,
            signature=signature(parsed.headers),
            defaults={"headers": parsed.headers, "mapping": mapping},
        )
    return spend_import


def analyse_import(spend_import: SpendImport) -> Analysis:
    analysis = analyse(read_stored(spend_import), list(spend_import.mapping))
    if not spend_import.is_applied:
        mark_already_imported(analysis)
        # The count on the list of imports follows the mapping analysed (a pending import
        # only: an applied one keeps the count of what was imported).
        SpendImport.objects.filter(pk=spend_import.pk, status=SpendImport.Status.PENDING).exclude(
            error_count=len(analysis.errors)
        ).update(error_count=len(analysis.errors))
    return analysis


# What makes a booking line the same line: every value the import stores from the file.
ROW_IDENTITY = (
    "booking_date",
    "supplier_name",
    "supplier_org_number",
    "amount",
    "invoice_number",
    "account",
    "account_text",
    "administration",
    "voucher_number",
)


def _identity(data: dict) -> tuple:
    return tuple(data.get(name, "") for name in ROW_IDENTITY)


def mark_already_imported(analysis: Analysis) -> None:
    """Move the valid rows that the organisation's stored payments hold already (the same
    values in every stored column) to ``already_imported``: importing them again would count
    them twice. Identical lines are counted: a file with a line three times, of which the
    payments hold two, adds one. A file exported from here (:func:`write_open_data_csv`) and
    imported again adds nothing. Runs in the organisation's scope, for the file's dates only.
    """
    if not analysis.valid:
        return
    stored = SupplierPayment.objects.filter(
        booking_date__gte=analysis.first_date, booking_date__lte=analysis.last_date
    )
    if not stored.exists():
        return
    remaining = Counter(stored.values_list(*ROW_IDENTITY).iterator(chunk_size=10_000))
    valid, already = [], []
    for line, data in analysis.valid:
        key = _identity(data)
        if remaining[key] > 0:
            remaining[key] -= 1
            already.append((line, data))
        else:
            valid.append((line, data))
    if already:
        analysis.valid, analysis.already_imported = valid, already
        analysis.total = sum(data["amount"] for _line, data in valid)
        analysis.personal_rows = sum(1 for _line, data in valid if data["personal_data"])


def apply_import(*, spend_import: SpendImport, user, expected: str | None) -> SpendImport:
    """Write the valid rows in one transaction and match them; raise ImportRefused if not."""
    if missing_fields(list(spend_import.mapping)):
        raise ImportRefused(_("Map the file's columns first; nothing was imported."))
    with transaction.atomic():
        claim(spend_import)
        if (
            SpendImport.objects.filter(
                status=SpendImport.Status.APPLIED, content_hash=spend_import.content_hash
            )
            .exclude(pk=spend_import.pk)
            .exists()
        ):
            raise ImportRefused(
                _(
                    "The same file has been imported before; importing it again would count "
                    "every payment twice. Nothing was imported."
                )
            )
        try:
            analysis = analyse_import(spend_import)
        except ValidationError as exc:
            raise ImportRefused(" ".join(exc.messages)) from exc
        if analysis.fingerprint != expected:
            raise ImportRefused(
                _(
                    "The file's columns have changed since the preview was shown. Nothing was "
                    "imported; check the updated preview and confirm again."
                )
            )
        _insert_payments(analysis.valid, spend_import)
        match_payments(spend_import=spend_import)
        spend_import.status = SpendImport.Status.APPLIED
        spend_import.applied_at = timezone.now()
        spend_import.row_count = analysis.row_count
        spend_import.payment_count = len(analysis.valid)
        spend_import.error_count = len(analysis.errors)
        spend_import.matched_count = spend_import.payments.filter(
            matched_enterprise__isnull=False
        ).count()
        spend_import.save(
            update_fields=[
                "status",
                "applied_at",
                "row_count",
                "payment_count",
                "error_count",
                "matched_count",
            ]
        )
    return spend_import


# 13 parameters a row: 500 rows stay far below SQLite's 32 766 and PostgreSQL's 65 535 limits.
INSERT_ROWS_PER_STATEMENT = 500

_INSERT_FIELDS = (
    "organisation",
    "spend_import",
    "line",
    "booking_date",
    "supplier_name",
    "supplier_org_number",
    "personal_data",
    "amount",
    "invoice_number",
    "account",
    "account_text",
    "administration",
    "voucher_number",
)


def _insert_payments(rows: list[tuple], spend_import: SpendImport) -> None:
    """Parametrised multi-row INSERTs (``INSERT ... VALUES (...), (...), ...``), or on
    PostgreSQL one ``COPY ... FROM STDIN`` (a third of the time of the INSERTs there: 20 000
    rows took six times as long as on SQLite).

    Imported payments are facts from the file (kept on the import), so they get no history
    rows; and ``bulk_create`` spent 30 s building 200 000 model instances and their SQL here,
    while ``executemany`` costs PostgreSQL one round trip per row (58 s). The values are already
    clean (``analyse``): text, whole kronor, booleans and dates, the dates adapted as the ORM
    would. The organisation comes from the import, never the file.
    """
    connection = connections[router.db_for_write(SupplierPayment)]
    quote = connection.ops.quote_name
    meta = SupplierPayment._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in _INSERT_FIELDS)
    row_placeholder = "(" + ", ".join(["%s"] * len(_INSERT_FIELDS)) + ")"
    adapt_date = connection.ops.adapt_datefield_value
    organisation_id, import_id = spend_import.organisation_id, spend_import.pk

    def values(line, data):
        return (
            organisation_id,
            import_id,
            line,
            adapt_date(data["booking_date"]),
            data["supplier_name"],
            data.get("supplier_org_number", ""),
            data["personal_data"],
            data["amount"],
            data.get("invoice_number", ""),
            data.get("account", ""),
            data.get("account_text", ""),
            data.get("administration", ""),
            data.get("voucher_number", ""),
        )

    per_statement = INSERT_ROWS_PER_STATEMENT
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy_expert"):
            # CSV with every value quoted: an empty text is '' there, never NULL.
            buffer = io.StringIO()
            writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
            for line, data in rows:
                writer.writerow(
                    ("t" if value else "f") if isinstance(value, bool) else value
                    for value in values(line, data)
                )
            buffer.seek(0)
            cursor.cursor.copy_expert(
                f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv)",
                buffer,
            )
            return
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = (
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
                + ", ".join([row_placeholder] * len(chunk))
            )
            params = []
            for line, data in chunk:
                params.extend(values(line, data))
            cursor.execute(sql, params)


def match_payments(*, spend_import: SpendImport | None = None) -> int:
    """Set each payment's enterprise from the organisation's register by organisation number.
    Without ``spend_import``, all the organisation's payments are matched again, e.g. after
    enterprises were added to the register. Returns the number of rows updated.

    The match is one ``UPDATE ... FROM`` join (PostgreSQL; SQLite 3.33+): each organisation
    number is looked up once, whatever the statistics say. The correlated subquery it replaces
    ran once per matching payment, and PostgreSQL, with no statistics on the rows the import
    had just inserted, planned it as a scan of the organisation's whole register each time
    (for 20 000 rows five times as long as SQLite)."""
    if spend_import is not None:
        organisation_id = spend_import.organisation_id
    else:
        organisation_id = get_scope().get("organisation")
        if not get_scope().get("_enabled") or not isinstance(organisation_id, int):
            raise ScopeError("match_payments needs one organisation's scope.")
    payments = SupplierPayment.objects.filter(organisation_id=organisation_id)
    if spend_import is not None:
        payments = payments.filter(spend_import=spend_import)
    register = SocialEnterprise.objects.filter(organisation_id=organisation_id).exclude(
        org_number=""
    )
    in_register = Q(personal_data=False, supplier_org_number__in=register.values("org_number"))
    connection = connections[router.db_for_write(SupplierPayment)]
    quote = connection.ops.quote_name

    def columns(model, *names):
        return [quote(model._meta.get_field(name).column) for name in names]

    table, enterprises = (
        quote(SupplierPayment._meta.db_table),
        quote(SocialEnterprise._meta.db_table),
    )
    matched, org, number, personal, from_import = columns(
        SupplierPayment,
        "matched_enterprise",
        "organisation",
        "supplier_org_number",
        "personal_data",
        "spend_import",
    )
    e_id, e_org, e_number = columns(SocialEnterprise, "id", "organisation", "org_number")
    # "NOT (org_number = '')" as in the partial unique index of (organisation, org_number),
    # which SQLite then uses for the lookup (with "<>" it scanned the register per payment).
    sql = (
        f"UPDATE {table} SET {matched} = e.{e_id} FROM {enterprises} e "  # noqa: S608
        f"WHERE e.{e_org} = %s AND NOT (e.{e_number} = '') AND e.{e_number} = {table}.{number} "
        f"AND {table}.{org} = %s AND {table}.{personal} = %s"
    )
    params = [organisation_id, organisation_id, False]
    if spend_import is not None:
        sql += f" AND {table}.{from_import} = %s"
        params.append(spend_import.pk)
    with transaction.atomic(using=connection.alias):
        cleared = (
            payments.exclude(in_register)
            .exclude(matched_enterprise=None)
            .update(matched_enterprise=None)
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            updated = cursor.rowcount
        figures.records_changed(organisation_id)
    return cleared + updated


# --------------------------------------------------------------------------------------------
# Files for the user: the rows with errors


def error_rows_csv(preview: Preview) -> bytes:
    """The rows with errors as in the file, with a column "fel" describing the errors."""
    return export.error_rows_csv(
        preview.headers,
        (
            (row.line, row.cells, [(column, message) for column, _value, message in row.problems])
            for row in preview.errors
        ),
    )


# --------------------------------------------------------------------------------------------
# Selectors: summaries per year, aggregated in the database

LOOKALIKE_WORDS = (
    "ekonomisk förening",
    "ek. för",
    "ek för",
    "ekonomiska föreningen",
    "ideell förening",
    "ideella föreningen",
    "(svb)",
    "arbetsintegrerande",
    "socialt företag",
    "sociala företag",
    "kooperativ",
)
LOOKALIKE_PREFIXES = ("769", "802")


def spend_years() -> list[int]:
    """The years with payments, newest first: one query the database answers from the
    (organisation, booking date) index, without a Python function per payment on SQLite."""
    return list(
        SupplierPayment.objects.annotate(year=Year("booking_date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def _year(year: int):
    # ``__year`` (year-01-01..year-12-31): ``date(year + 1, 1, 1)`` fails for a payment dated
    # 9999 stored before dates were limited (collab.dates).
    return SupplierPayment.objects.filter(booking_date__year=year)


@dataclass
class YearSummary:
    year: int
    total: int
    social: int
    rows: int
    social_suppliers: int
    personal: int

    @property
    def share(self) -> float | None:
        """Percent of all purchasing bought from social enterprises (None if total <= 0)."""
        return self.social * 100 / self.total if self.total > 0 else None


def year_summary(year: int) -> YearSummary:
    totals = _year(year).aggregate(
        total=Sum("amount"),
        social=Sum("amount", filter=Q(matched_enterprise__isnull=False)),
        personal=Sum("amount", filter=Q(personal_data=True)),
        rows=Count("pk"),
        social_suppliers=Count("matched_enterprise", distinct=True),
    )
    return YearSummary(
        year=year,
        total=totals["total"] or 0,
        social=totals["social"] or 0,
        rows=totals["rows"],
        social_suppliers=totals["social_suppliers"],
        personal=totals["personal"] or 0,
    )


def top_social_enterprises(year: int, limit: int = 10):
    """The register's enterprises the organisation bought most from in the year."""
    return (
        _year(year)
        .filter(matched_enterprise__isnull=False)
        .values("matched_enterprise", "matched_enterprise__name")
        .annotate(amount=Sum("amount"), rows=Count("pk"))
        .order_by("-amount", "matched_enterprise__name")[:limit]
    )


def top_suppliers(year: int, limit: int = 10) -> list[dict]:
    """All suppliers by amount (by organisation number); sole traders as one unnamed line."""
    named = list(
        _year(year)
        .filter(personal_data=False)
        .values("supplier_org_number")
        .annotate(
            name=Max("supplier_name"),
            amount=Sum("amount"),
            rows=Count("pk"),
            enterprise=Max("matched_enterprise"),
        )
        .order_by("-amount", "supplier_org_number")[:limit]
    )
    personal = (
        _year(year).filter(personal_data=True).aggregate(amount=Sum("amount"), rows=Count("pk"))
    )
    if personal["rows"]:
        named.append(
            {
                "supplier_org_number": "",
                "name": str(PERSONAL_DATA_LABEL),
                "amount": personal["amount"] or 0,
                "rows": personal["rows"],
                "enterprise": None,
                "personal": True,
            }
        )
        named.sort(key=lambda row: -row["amount"])
    return named[: limit + 1]


def lookalike_suppliers(year: int, limit: int = 50):
    """Suppliers not in the register whose name or organisation number suggests a social
    enterprise (economic or non-profit association, SVB company, cooperative…)."""
    # The words are tested on the grouped rows (HAVING, a few thousand suppliers), not on
    # every booking line: the LIKE tests on 200 000 rows took 5 s on SQLite.
    condition = Q()
    for word in LOOKALIKE_WORDS:
        # icontains ignores case on both databases, also for å, ä and ö (on SQLite through
        # the Unicode-aware LIKE that collab.sqlite installs).
        condition |= Q(name__icontains=word)
    for prefix in LOOKALIKE_PREFIXES:
        condition |= Q(supplier_org_number__startswith=prefix)
    return (
        _year(year)
        .filter(matched_enterprise__isnull=True, personal_data=False)
        .exclude(supplier_org_number="")
        .values("supplier_org_number")
        .annotate(name=Max("supplier_name"), amount=Sum("amount"), rows=Count("pk"))
        .filter(condition)
        .order_by("-amount", "supplier_org_number")[:limit]
    )


def spend_of_enterprise(enterprise):
    """The enterprise's payments per year (one query)."""
    return (
        SupplierPayment.objects.filter(matched_enterprise=enterprise)
        .annotate(year=Year("booking_date"))
        .values("year")
        .annotate(amount=Sum("amount"), rows=Count("pk"))
        .order_by("-year")
    )


def enterprise_spend_sections(enterprise) -> list:
    """The enterprise page's section: what the organisation paid it per year (one query)."""
    from collab import formatting
    from collab.registry import RelatedSection

    url = reverse("procurement:spend")
    rows = [
        (
            _("%(year)s: %(amount)s kr")
            % {"year": row["year"], "amount": formatting.number(row["amount"])},
            f"{url}?year={row['year']}",
        )
        for row in spend_of_enterprise(enterprise)
    ]
    return [
        RelatedSection(
            title=_("Spend (supplier payments)"),
            rows=rows,
            empty_text=_("No payments to this enterprise in the imported supplier payments."),
        )
    ]


# --------------------------------------------------------------------------------------------
# Export in the open-data specification's columns (leverantörsreskontra, version 1.1)

# The specification's 15 columns in its order; the first 9 are required, kommun_id (the SCB
# code) is given when the buyer is a municipality. Samverka keeps no organisation number for
# the buyer, nor "grund", "avtal" or "s_kod_nr": those columns are empty.
OPEN_DATA_COLUMNS = (
    "kopare_id",
    "kopare",
    "verifikationsnummer",
    "leverantor",
    "leverantor_id",
    "konto_nr",
    "konto_text",
    "belopp",
    "datum",
    "forvaltning",
    "fakturanummer",
    "grund",
    "avtal",
    "kommun_id",
    "s_kod_nr",
)


def open_data_payments(organisation, year: int):
    """The year's stored payments the organisation may publish, in booking order. Rows the
    import keeps as personal data (sole traders, rows without organisation number or marked
    as personal data) are left out: the file publishes no one's personal identity number or
    name."""
    return (
        _year(year)
        .filter(organisation=organisation, personal_data=False)
        .order_by("booking_date", "pk")
        .values_list(
            "voucher_number",
            "supplier_name",
            "supplier_org_number",
            "account",
            "account_text",
            "amount",
            "booking_date",
            "administration",
            "invoice_number",
        )
    )


def open_data_rows(organisation, year: int):
    """Each payment as the specification's row: text, whole kronor and a date."""
    kommun_id = organisation.scb_code if organisation.kind == organisation.Kind.MUNICIPALITY else ""
    for (
        voucher,
        supplier,
        supplier_id,
        account,
        account_text,
        amount,
        day,
        administration,
        invoice,
    ) in open_data_payments(organisation, year).iterator(chunk_size=10_000):
        yield [
            "",
            organisation.name,
            voucher,
            supplier,
            supplier_id,
            account,
            account_text,
            amount,
            day,
            administration,
            invoice,
            "",
            "",
            kommun_id,
            "",
        ]


def _open_data_cell(value):
    if isinstance(value, str):
        return export.csv_cell(value)  # never a formula; the import removes the apostrophe
    return value


def write_open_data_csv(organisation, year: int, target) -> None:
    """UTF-8 and commas, as the specification says; dates as 2026-11-22, amounts in whole
    kronor (negative for a credit note)."""
    writer = csv.writer(target, lineterminator="\r\n")
    writer.writerow(OPEN_DATA_COLUMNS)
    for row in open_data_rows(organisation, year):
        writer.writerow(
            value.isoformat() if isinstance(value, datetime.date) else _open_data_cell(value)
            for value in row
        )


def write_open_data_xlsx(organisation, year: int, target) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=f"leverantorsreskontra {year}")
    sheet.append(OPEN_DATA_COLUMNS)
    for row in open_data_rows(organisation, year):
        sheet.append([_open_data_cell(value) for value in row])
    workbook.save(target)
