"""Import of the register from a CSV or Excel file: read, validate, preview, apply.

The flow, and what each step guarantees:

1. :func:`read_upload` checks the file itself (size, type by content, encoding, delimiter,
   required columns) and raises ``ValidationError`` with a message for the file field.
2. :func:`create_import` stores the file's bytes in an :class:`EnterpriseImport` (nothing
   else is written) with the counts of the first analysis.
3. :func:`analyse` validates every row against the current register: each row is *new*,
   an *update* (same organisationsnummer already in this organisation's register; without
   one, the one enterprise of the same name that has none either), *unchanged* (an update
   whose every filled-in cell equals the register: not written) or an *error* with the line,
   the column and a message. It runs for every preview and again on
   confirmation, because the register may change in between.
4. :func:`apply_import` writes the valid rows in one transaction with bulk queries (and their
   change history); rows with errors are never stored; applying twice is refused.

Reading the file, its limits, the stored copy and the error file are the platform's
(:mod:`collab.imports`); this module adds the register's columns, validation and writes.

Empty cells never overwrite what the register holds: an update changes only the columns the
file has and the cells that are filled in.
"""

import csv
import io
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from collab import jobs
from collab.imports import export
from collab.imports.reader import (
    ReadLimits,
    file_error,
    read_stored_table,
    read_table,
    split_header,
    stored_content,
)
from collab.imports.services import ImportRefused, claim
from collab.imports.values import fold, parse_date
from enterprises import orgnr
from enterprises.models import (
    Answer,
    EnterpriseImport,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
    SustainableDevelopmentGoal,
)

logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_ROWS = 50_000


LIMITS = ReadLimits(max_size=MAX_FILE_SIZE, max_rows=MAX_ROWS)
BATCH_SIZE = 500
MAX_INTEGER = 2_147_483_647

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"

# Columns of the error file (added by us) that a re-upload ignores without comment.
OUR_EXTRA_HEADERS = {"fel", "errors", "error"}

TEXT, ORGNR, CHOICE, INTEGER, DATE, RELATED, URL, POSTAL_CODE, BOOLEAN, PERCENT = (
    "text",
    "orgnr",
    "choice",
    "integer",
    "date",
    "related",
    "url",
    "postal_code",
    "boolean",
    "percent",
)


@dataclass(frozen=True)
class ImportColumn:
    """One column of the import file, mapped to a field of :class:`SocialEnterprise`."""

    field: str
    header: str  # the Swedish heading in the template (data format, not UI text)
    kind: str
    help: str
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS = [
    ImportColumn(
        "name",
        "namn",
        TEXT,
        gettext_lazy("The enterprise's name. Required."),
        ("företagsnamn", "företag"),
        required=True,
    ),
    ImportColumn(
        "org_number",
        "organisationsnummer",
        ORGNR,
        gettext_lazy(
            "NNNNNN-NNNN. A row with the number of an enterprise already in the register "
            "updates that enterprise; may be empty for an enterprise being formed."
        ),
        ("orgnr", "org nr", "org.nr", "organisationsnr"),
    ),
    ImportColumn(
        "legal_form",
        "juridisk form",
        CHOICE,
        gettext_lazy("One of the legal forms listed below."),
        ("bolagsform", "företagsform", "associationsform"),
    ),
    ImportColumn("kind", "typ", CHOICE, gettext_lazy("One of the kinds listed below.")),
    ImportColumn("status", "status", CHOICE, gettext_lazy("One of the statuses listed below.")),
    ImportColumn(
        "categories",
        "tjänstekategorier",
        RELATED,
        gettext_lazy("Service categories by name, several separated by |."),
        ("branscher", "bransch", "kategorier", "tjänster"),
    ),
    ImportColumn(
        "challenges",
        "samhällsutmaningar",
        RELATED,
        gettext_lazy("Societal challenges by name, several separated by |."),
        ("utmaningar",),
    ),
    ImportColumn(
        "sdgs",
        "agenda 2030-mål",
        RELATED,
        gettext_lazy("Goal numbers 1–17, several separated by | or a comma."),
        ("agenda 2030", "globala mål", "globala målen"),
    ),
    ImportColumn("offer", "erbjudande", TEXT, gettext_lazy("What the enterprise offers.")),
    ImportColumn(
        "cpv_codes", "cpv-koder", TEXT, gettext_lazy("Optional, comma-separated."), ("cpv",)
    ),
    ImportColumn(
        "work_training_places",
        "arbetsträningsplatser",
        INTEGER,
        gettext_lazy("A whole number, 0 or more."),
        ("antal arbetsträningsplatser",),
    ),
    ImportColumn(
        "employees",
        "anställda",
        INTEGER,
        gettext_lazy("A whole number, 0 or more."),
        ("antal anställda",),
    ),
    ImportColumn(
        "participants",
        "deltagare",
        INTEGER,
        gettext_lazy("A whole number, 0 or more."),
        ("antal deltagare",),
    ),
    ImportColumn(
        "integration_share",
        "andel anställda i integration",
        PERCENT,
        gettext_lazy(
            "Per cent (0–100) of those employed with a disability or far from the labour "
            "market, e.g. 35 or 35 %. Empty: not known (or left as it is)."
        ),
        ("integrationsandel", "andel i integration"),
    ),
    ImportColumn(
        "integration_share_confirmed",
        "andel bekräftad",
        DATE,
        gettext_lazy("When the share was confirmed: 2026-11-22 or 22 november 2026."),
        ("andel bekräftad datum",),
    ),
    ImportColumn(
        "certifications",
        "medlemskap och certifieringar",
        TEXT,
        gettext_lazy("E.g. Skoopi, comma-separated."),
        ("certifieringar", "medlemskap"),
    ),
    ImportColumn(
        "address", "adress", TEXT, gettext_lazy("Street address."), ("gatuadress", "besöksadress")
    ),
    ImportColumn(
        "postal_code", "postnummer", POSTAL_CODE, gettext_lazy("Five digits, e.g. 123 45.")
    ),
    ImportColumn("postal_town", "postort", TEXT, gettext_lazy("Postal town."), ("ort",)),
    ImportColumn(
        "operates_in",
        "verksamhetsområde",
        TEXT,
        gettext_lazy("Areas, districts or municipalities."),
        ("verksamhetsort",),
    ),
    ImportColumn(
        "website",
        "webbplats",
        URL,
        gettext_lazy("Web address, e.g. www.example.se."),
        ("hemsida", "webbadress", "webb"),
    ),
    ImportColumn(
        "identified_on",
        "identifierad datum",
        DATE,
        gettext_lazy("The date first identified: 2026-11-22 or 22 november 2026."),
        ("identifierad", "först identifierad", "datum identifierad"),
    ),
    ImportColumn("notes", "anteckningar", TEXT, gettext_lazy("Free text."), ("kommentar",)),
    ImportColumn(
        "tags", "taggar", TEXT, gettext_lazy("Your own keywords, comma-separated."), ("nyckelord",)
    ),
]

# The social-enterprise criteria (models.CRITERIA, every one): the answer, its note and the
# date it was checked.
CRITERION_HEADERS = {
    "surplus_reinvested": "överskott återinvesteras",
    "mission_in_statutes": "uppdrag i stadgarna",
    "independent": "oberoende av offentlig sektor",
    "employee_participation": "medarbetarinflytande",
}
for _criterion, _header in CRITERION_HEADERS.items():
    COLUMNS += [
        ImportColumn(_criterion, _header, CHOICE, gettext_lazy("A criterion: yes, no or unknown.")),
        ImportColumn(
            f"{_criterion}_note",
            f"{_header} anteckning",
            TEXT,
            gettext_lazy("The evidence or a note on the criterion."),
        ),
        ImportColumn(
            f"{_criterion}_checked",
            f"{_header} kontrollerad",
            DATE,
            gettext_lazy("When the criterion was checked: 2026-11-22 or 22 november 2026."),
        ),
    ]
COLUMNS.append(
    ImportColumn(
        "public_listing",
        "öppen katalog",
        BOOLEAN,
        gettext_lazy("Agreed to be listed in the open directory: yes or no."),
        ("publik katalog", "publiceras"),
    )
)

CHOICES = {
    "legal_form": LegalForm,
    "kind": EnterpriseKind,
    "status": EnterpriseStatus,
    **dict.fromkeys(CRITERION_HEADERS, Answer),
}

# Common Swedish ways of writing the choices (besides the label and the stored value).
CHOICE_SYNONYMS = {
    "legal_form": {
        "ekonomisk förening": LegalForm.ECONOMIC_ASSOCIATION,
        "ek. för.": LegalForm.ECONOMIC_ASSOCIATION,
        "ideell förening": LegalForm.NON_PROFIT_ASSOCIATION,
        "ab": LegalForm.LIMITED_COMPANY,
        "aktiebolag med särskild vinstutdelningsbegränsning": LegalForm.LIMITED_COMPANY_SVB,
        "ab svb": LegalForm.LIMITED_COMPANY_SVB,
        "svb": LegalForm.LIMITED_COMPANY_SVB,
        "hb": LegalForm.TRADING_PARTNERSHIP,
        "enskild näringsidkare": LegalForm.SOLE_TRADER,
        "enskild firma": LegalForm.SOLE_TRADER,
    },
    "kind": {
        "arbetsintegrerande socialt företag": EnterpriseKind.WISE,
        "wise": EnterpriseKind.WISE,
        "samhällsentreprenör": EnterpriseKind.SOCIAL_INNOVATION,
        "social innovation": EnterpriseKind.SOCIAL_INNOVATION,
        "idéburen organisation": EnterpriseKind.NON_PROFIT,
    },
    "status": {"aktiv samverkan": EnterpriseStatus.ACTIVE},
    **dict.fromkeys(CRITERION_HEADERS, {"vet ej": Answer.UNKNOWN}),
}

# How a yes/no column may be written (the reader gives a workbook's TRUE/FALSE as ja/nej).
BOOLEANS = {
    **dict.fromkeys(("ja", "j", "yes", "y", "true", "sant", "1", "x"), True),
    **dict.fromkeys(("nej", "n", "no", "false", "falskt", "0"), False),
}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MULTI = re.compile(r"[|;\n]")


def _header_keys() -> dict[str, ImportColumn]:
    keys = {}
    with translation.override("en"):
        english = {
            column.field: str(SocialEnterprise._meta.get_field(column.field).verbose_name)
            for column in COLUMNS
        }
    # The criteria's notes share one English name ("note"): such names are not headings.
    shared = {name for name in english.values() if list(english.values()).count(name) > 1}
    for column in COLUMNS:
        own = english[column.field]
        names = (column.header, column.field, *(() if own in shared else (own,)), *column.aliases)
        for name in names:
            keys.setdefault(fold(name), column)
    return keys


# --------------------------------------------------------------------------------------------
# Reading the file


@dataclass
class ParsedFile:
    """The file's header and rows as text, with each column mapped to a field (or None)."""

    file_name: str
    file_format: str
    header_line: int
    headers: list[str]
    columns: list[ImportColumn | None]
    rows: list[tuple[int, list[str]]]  # (line as in the file, cells)
    ignored_headers: list[str] = field(default_factory=list)


def read_upload(file_name: str, content: bytes) -> ParsedFile:
    """Read an uploaded register file; raise ValidationError (one message) if unusable."""
    file_format, table = read_table(file_name, content, LIMITS)
    return _parse_table(file_name, file_format, table)


def read_stored(enterprise_import: EnterpriseImport) -> ParsedFile:
    """Read an import's stored rows again (always CSV, see :func:`stored_content`)."""
    table = read_stored_table(enterprise_import, LIMITS)
    return _parse_table(enterprise_import.file_name, enterprise_import.file_format, table)


def _parse_table(file_name: str, file_format: str, table) -> ParsedFile:
    header_line, headers, rows = split_header(table, max_rows=MAX_ROWS)
    columns, ignored = map_columns(headers)
    return ParsedFile(
        file_name=file_name,
        file_format=file_format,
        header_line=header_line,
        headers=headers,
        columns=columns,
        rows=rows,
        ignored_headers=ignored,
    )


def map_columns(headers: list[str]) -> tuple[list[ImportColumn | None], list[str]]:
    """Map each heading to its column; raise if a required column is missing or doubled."""
    keys = _header_keys()
    columns: list[ImportColumn | None] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for position, header in enumerate(headers, start=1):
        key = fold(header.rstrip("*").strip())
        column = keys.get(key)
        if column is None:
            if key not in OUR_EXTRA_HEADERS:
                ignored.append(header or _("(column %(n)s, no heading)") % {"n": position})
            columns.append(None)
            continue
        if column.field in seen:
            raise file_error(
                _("The columns “%(first)s” and “%(second)s” both mean %(column)s; keep one.")
                % {"first": seen[column.field], "second": header, "column": column.header},
                "duplicate_column",
            )
        seen[column.field] = header
        columns.append(column)
    missing = [c.header for c in COLUMNS if c.required and c.field not in seen]
    if missing:
        raise file_error(
            _(
                "The file lacks the required column %(columns)s. The first row must hold the "
                "column headings, as in the template."
            )
            % {"columns": ", ".join(f"“{name}”" for name in missing)},
            "missing_columns",
        )
    return columns, ignored


# --------------------------------------------------------------------------------------------
# Validating the rows


@dataclass
class CellError:
    column: str  # the heading as written in the file
    value: str
    message: str


@dataclass
class RowResult:
    line: int
    cells: list[str]
    name: str = ""
    org_number: str = ""
    data: dict = field(default_factory=dict)
    related: dict[str, list[int]] = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)
    action: str = NEW
    existing_pk: int | None = None
    existing_name: str = ""

    @property
    def action_label(self) -> str:
        return {
            NEW: _("New"),
            UPDATE: _("Update"),
            UNCHANGED: _("No changes"),
            ERROR: _("Error"),
        }[self.action]

    @property
    def renamed(self) -> bool:
        return self.action == UPDATE and self.existing_name != self.name


@dataclass
class Analysis:
    parsed: ParsedFile
    rows: list[RowResult]

    def of(self, action: str) -> list[RowResult]:
        return [row for row in self.rows if row.action == action]

    @property
    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def fingerprint(self) -> str:
        """Changes when the outcome would change: checked on confirmation."""
        counts = self.counts
        return (
            f"{len(self.rows)}-{counts[NEW]}-{counts[UPDATE]}-{counts[UNCHANGED]}-{counts[ERROR]}"
        )

    def errors(self) -> list[tuple[RowResult, CellError]]:
        return [(row, error) for row in self.rows for error in row.errors]


# The preview shows its rows a page at a time (every row, or those of one outcome).
PREVIEW_PAGE_SIZE = 200


@dataclass
class Preview:
    """What the preview of an import shows, kept by the analysis job (see :func:`summarise`):
    the counts, and the rows in parts, read a page at a time: ``rows[""]`` every row,
    ``rows[NEW]`` … ``rows[ERROR]`` the rows of each outcome (each with its line number)."""

    headers: list[str]
    ignored_headers: list[str]
    counts: dict[str, int]
    total: int
    fingerprint: str
    rows: dict[str, Sequence]


def _shown(row: RowResult) -> RowResult:
    """The row as the preview shows it: without the values it would write (the apply reads the
    file again), with its cells only for the download of the rows with errors."""
    return replace(row, data={}, related={}, cells=row.cells if row.action == ERROR else [])


def summarise(analysis: Analysis, keep_list) -> Preview:
    """The preview of ``analysis``; ``keep_list(items, part_size)`` keeps a long list in
    parts (see :mod:`collab.imports.jobs`)."""
    shown = [_shown(row) for row in analysis.rows]
    rows = {"": keep_list(shown, PREVIEW_PAGE_SIZE)}
    for action in (NEW, UPDATE, UNCHANGED, ERROR):
        rows[action] = keep_list((row for row in shown if row.action == action), PREVIEW_PAGE_SIZE)
    return Preview(
        headers=analysis.parsed.headers,
        ignored_headers=analysis.parsed.ignored_headers,
        counts=analysis.counts,
        total=len(analysis.rows),
        fingerprint=analysis.fingerprint,
        rows=rows,
    )


class _Lookups:
    """Everything a row is checked against, read with one query per list."""

    def __init__(self):
        self.choices = {}
        for name, enum in CHOICES.items():
            table = {}
            for value, label in enum.choices:
                table[fold(value)] = value
                for language in ("sv", "en"):
                    with translation.override(language):
                        table.setdefault(fold(str(label)), value)
            for synonym, value in CHOICE_SYNONYMS.get(name, {}).items():
                table.setdefault(fold(synonym), value)
            self.choices[name] = table
        self.related = {"categories": {}, "challenges": {}, "sdgs": {}}
        for model, key in ((ServiceCategory, "categories"), (SocietalChallenge, "challenges")):
            for pk, name, slug in model.objects.values_list("pk", "name", "slug"):
                self.related[key][fold(name)] = pk
                self.related[key].setdefault(fold(slug), pk)
        for pk, number, name in SustainableDevelopmentGoal.objects.values_list(
            "pk", "number", "name"
        ):
            self.related["sdgs"][str(number)] = pk
            self.related["sdgs"][fold(name)] = pk
        # The one query for the register: organisationsnummer -> (pk, name); an enterprise
        # without one is found by its exact name when no other such enterprise has that name.
        self.existing = {}
        unnumbered: dict[str, list[int]] = defaultdict(list)
        for number, pk, name in SocialEnterprise.objects.values_list("org_number", "pk", "name"):
            if number:
                self.existing[number] = (pk, name)
            else:
                unnumbered[name].append(pk)
        self.unnumbered = {name: pks[0] for name, pks in unnumbered.items() if len(pks) == 1}
        self.max_lengths = {
            column.field: SocialEnterprise._meta.get_field(column.field).max_length
            for column in COLUMNS
            if column.kind in {TEXT, URL}
        }
        self.url_field = SocialEnterprise._meta.get_field("website")


def analyse(parsed: ParsedFile) -> Analysis:
    """Validate every row against the current register (inside the organisation's scope)."""
    lookups = _Lookups()
    width = len(parsed.headers)
    first_line_of: dict[str, int] = {}
    claimed: set[int] = set()
    results = []
    for line, cells in jobs.tracked(parsed.rows):
        row = RowResult(line=line, cells=cells)
        if any(cells[width:]):
            row.errors.append(
                CellError(
                    "–",
                    " | ".join(c for c in cells[width:] if c),
                    _(
                        "The row has more cells than there are column headings; is there a "
                        "separator (; or ,) inside a cell without quotation marks?"
                    ),
                )
            )
        for index, column in enumerate(parsed.columns):
            if column is None:
                continue
            value = cells[index] if index < len(cells) else ""
            if column.field == "name":
                row.name = value
            elif column.field == "org_number":
                row.org_number = value
            if not value:
                if column.required:
                    row.errors.append(
                        CellError(parsed.headers[index], value, _("A name is required."))
                    )
                continue
            try:
                cleaned = _clean_value(column, value, lookups)
            except ValidationError as exc:
                for message in exc.messages:
                    row.errors.append(CellError(parsed.headers[index], value, message))
                continue
            if column.kind == RELATED:
                row.related[column.field] = cleaned
            else:
                row.data[column.field] = cleaned
        number = row.data.get("org_number")
        if number:
            row.org_number = number
            if number in first_line_of:
                row.errors.append(
                    CellError(
                        _header_of(parsed, "org_number"),
                        number,
                        _(
                            "The organisation number also appears on row %(line)s; an "
                            "enterprise may appear only once in the file."
                        )
                        % {"line": first_line_of[number]},
                    )
                )
            else:
                first_line_of[number] = line
        if row.errors:
            row.action = ERROR
        elif number and number in lookups.existing:
            row.action = UPDATE
            row.existing_pk, row.existing_name = lookups.existing[number]
        elif (
            not number
            and row.name in lookups.unnumbered
            and lookups.unnumbered[row.name] not in claimed
        ):
            # Without an organisation number, the one enterprise of the same name that has
            # none either (as our own export writes it): exported and imported again, it is
            # the same enterprise, not a new one.
            row.action = UPDATE
            row.existing_pk, row.existing_name = lookups.unnumbered[row.name], row.name
        else:
            row.action = NEW
        if row.existing_pk is not None:
            claimed.add(row.existing_pk)
        results.append(row)
    _mark_unchanged(results)
    return Analysis(parsed=parsed, rows=results)


def _same(column: ImportColumn, stored, value) -> bool:
    if column.kind == POSTAL_CODE:  # 12345 and 123 45 are the same postal code
        return _SPACES.sub("", stored or "") == _SPACES.sub("", value)
    if column.kind == TEXT and isinstance(stored, str):  # a workbook keeps \n of \r\n
        return stored.replace("\r\n", "\n") == value.replace("\r\n", "\n")
    return stored == value


def _mark_unchanged(rows: list[RowResult]) -> None:
    """An update whose every filled-in cell equals what the register holds changes nothing:
    it is shown as "no changes" and is not written (nor given a history entry)."""
    updates = [row for row in rows if row.action == UPDATE]
    if not updates:
        return
    by_field = {column.field: column for column in COLUMNS}
    fields = sorted({name for row in updates for name in row.data})
    pks = [row.existing_pk for row in updates]
    current: dict[int, dict] = {}
    linked: dict[str, dict[int, set[int]]] = {}
    related = sorted({name for row in updates for name in row.related})
    for name in related:
        linked[name] = defaultdict(set)
    for start in range(0, len(pks), 2000):
        chunk = pks[start : start + 2000]
        for values in SocialEnterprise.objects.filter(pk__in=chunk).values("pk", *fields):
            current[values["pk"]] = values
        for name in related:
            model_field = SocialEnterprise._meta.get_field(name)
            through = model_field.remote_field.through
            source = model_field.m2m_field_name() + "_id"
            target = model_field.m2m_reverse_field_name() + "_id"
            for source_id, target_id in through.objects.filter(
                **{f"{source}__in": chunk}
            ).values_list(source, target):
                linked[name][source_id].add(target_id)
    for row in updates:
        stored = current.get(row.existing_pk)
        if stored is None:
            continue
        if all(
            _same(by_field[name], stored[name], value) for name, value in row.data.items()
        ) and all(set(pks) == linked[name][row.existing_pk] for name, pks in row.related.items()):
            row.action = UNCHANGED


def _header_of(parsed: ParsedFile, field_name: str) -> str:
    for header, column in zip(parsed.headers, parsed.columns, strict=False):
        if column is not None and column.field == field_name:
            return header
    return field_name


def _clean_value(column: ImportColumn, value: str, lookups: _Lookups):
    kind = column.kind
    if kind == TEXT:
        return _clean_text(column, value, lookups)
    if kind == ORGNR:
        return orgnr.normalise(value)
    if kind == CHOICE:
        found = lookups.choices[column.field].get(fold(value))
        if found is None:
            enum = CHOICES[column.field]
            raise ValidationError(
                _("Unknown value “%(value)s”. Write one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(str(label) for label in enum.labels)}
            )
        return found
    if kind == INTEGER:
        return _clean_integer(value)
    if kind == PERCENT:
        return _clean_percent(value)
    if kind == DATE:
        return parse_date(value)
    if kind == RELATED:
        return _clean_related(column, value, lookups)
    if kind == URL:
        return _clean_url(column, value, lookups)
    if kind == BOOLEAN:
        answer = BOOLEANS.get(fold(value))
        if answer is None:
            raise ValidationError(_("Write yes or no."))
        return answer
    if kind == POSTAL_CODE:
        digits = _SPACES.sub("", value)
        if not re.fullmatch(r"\d{5}", digits):
            raise ValidationError(_("Write the postal code as five digits, e.g. 123 45."))
        return f"{digits[:3]} {digits[3:]}"
    raise AssertionError(kind)


def _clean_text(column, value, lookups):
    max_length = lookups.max_lengths.get(column.field)
    if max_length and len(value) > max_length:
        raise ValidationError(
            _("At most %(max)s characters; this has %(length)s.")
            % {"max": max_length, "length": len(value)}
        )
    return value


def _clean_integer(value: str) -> int:
    text = _SPACES.sub("", value)
    if re.fullmatch(r"-\d+", text):
        raise ValidationError(_("The number cannot be negative."))
    if not re.fullmatch(r"\d+", text):
        raise ValidationError(_("Write a whole number, e.g. 12."))
    number = int(text)
    if number > MAX_INTEGER:
        raise ValidationError(_("The number is too large."))
    return number


def _clean_percent(value: str) -> int:
    """A whole per cent, 0–100, with or without the sign: "35", "35 %", "35%"."""
    text = _SPACES.sub("", value).removesuffix("%")
    if not re.fullmatch(r"\d{1,3}", text) or int(text) > 100:
        raise ValidationError(_("Write a whole per cent from 0 to 100, e.g. 35."))
    return int(text)


def _clean_related(column, value, lookups) -> list[int]:
    table = lookups.related[column.field]
    tokens = [token.strip() for token in _MULTI.split(value) if token.strip()]
    if column.field == "sdgs":
        split = []
        for token in tokens:
            if re.fullmatch(r"[\d,\s]+", token):
                split.extend(re.findall(r"\d+", token))
            else:
                number = re.match(r"^(\d{1,2})[.)]?\s", token)
                split.append(number[1] if number else token)
        tokens = split
    found, unknown = [], []
    for token in tokens:
        pk = table.get(fold(token))
        if pk is None:
            unknown.append(token)
        elif pk not in found:
            found.append(pk)
    if unknown:
        names = ", ".join(f"“{token}”" for token in unknown)
        if column.field == "sdgs":
            message = _("Agenda 2030 goals are numbered 1–17; unknown: %(names)s.")
        elif column.field == "categories":
            message = _(
                "Unknown service category: %(names)s. Use the names in the list of service "
                "categories (several separated by |)."
            )
        else:
            message = _(
                "Unknown societal challenge: %(names)s. Use the names in the list of "
                "societal challenges (several separated by |)."
            )
        raise ValidationError(message % {"names": names})
    return found


def _clean_url(column, value, lookups) -> str:
    url = value if re.match(r"^https?://", value, re.I) else f"https://{value}"
    _clean_text(column, url, lookups)
    lookups.url_field.run_validators(url)
    return url


# --------------------------------------------------------------------------------------------
# Storing the upload and applying it


def create_import(*, organisation, user, parsed: ParsedFile, content: bytes) -> EnterpriseImport:
    """Store the uploaded file for preview and confirmation; the register is not touched."""
    analysis = analyse(parsed)
    counts = analysis.counts
    with transaction.atomic():
        enterprise_import = EnterpriseImport(
            organisation=organisation,
            file_name=PurePath(parsed.file_name).name[:255],
            file_format=parsed.file_format,
            content=stored_content(parsed, content),
            uploaded_by=user,
            row_count=len(analysis.rows),
            new_count=counts[NEW],
            update_count=counts[UPDATE],
            error_count=counts[ERROR],
        )
        enterprise_import.save()
    return enterprise_import


def delete_import(*, enterprise_import: EnterpriseImport) -> bool:
    """Delete an import that has not been carried out; False (nothing deleted) if it has."""
    with transaction.atomic():
        deleted, _counts = EnterpriseImport.objects.filter(
            pk=enterprise_import.pk, status=EnterpriseImport.Status.PENDING
        ).delete()
    return bool(deleted)


def analyse_import(enterprise_import: EnterpriseImport) -> Analysis:
    return analyse(read_stored(enterprise_import))


def apply_import(
    *, enterprise_import: EnterpriseImport, user, expected: str | None
) -> EnterpriseImport:
    """Write the valid rows in one transaction; raise ImportRefused if nothing was written.

    ``expected`` is the fingerprint of the preview the user confirmed: if the register has
    changed so that the outcome would differ, the user must look at the new preview first.
    """
    try:
        with transaction.atomic():
            # Claim the import first: a second confirmation finds it applied and stops here.
            claim(enterprise_import)
            try:
                analysis = analyse_import(enterprise_import)
            except ValidationError as exc:
                raise ImportRefused(" ".join(exc.messages)) from exc
            if analysis.fingerprint != expected:
                raise ImportRefused(
                    _(
                        "The register has changed since the preview was shown. Nothing was "
                        "imported; check the updated preview and confirm again."
                    )
                )
            reason = _("Imported from %(file)s") % {"file": enterprise_import.file_name}
            created = _create_rows(analysis.of(NEW), enterprise_import, user, reason)
            updated = _update_rows(analysis.of(UPDATE), user, reason)
            counts = analysis.counts
            enterprise_import.status = EnterpriseImport.Status.APPLIED
            enterprise_import.applied_at = timezone.now()
            enterprise_import.row_count = len(analysis.rows)
            enterprise_import.new_count = created
            enterprise_import.update_count = updated
            enterprise_import.error_count = counts[ERROR]
            enterprise_import.save(
                update_fields=[
                    "status",
                    "applied_at",
                    "row_count",
                    "new_count",
                    "update_count",
                    "error_count",
                ]
            )
    except IntegrityError as exc:
        logger.warning("Import %s refused by the database: %s", enterprise_import.pk, exc)
        raise ImportRefused(
            _(
                "Nothing was imported: the register changed while the import ran. "
                "Check the preview and confirm again."
            )
        ) from exc
    return enterprise_import


def _create_rows(rows: list[RowResult], enterprise_import, user, reason) -> int:
    if not rows:
        return 0
    objects = [
        SocialEnterprise(organisation_id=enterprise_import.organisation_id, **row.data)
        for row in rows
    ]
    created = bulk_create_with_history(
        objects,
        SocialEnterprise,
        batch_size=BATCH_SIZE,
        default_user=user,
        default_change_reason=reason,
    )
    for row, obj in zip(rows, created, strict=True):
        row.existing_pk = obj.pk
    _link_related(rows, replace=False)
    return len(created)


def _update_rows(rows: list[RowResult], user, reason) -> int:
    if not rows:
        return 0
    pks = [row.existing_pk for row in rows]
    objects = {}
    for start in range(0, len(pks), 2000):
        objects.update(SocialEnterprise.objects.in_bulk(pks[start : start + 2000]))
    now = timezone.now()
    by_fields: dict[tuple[str, ...], list[SocialEnterprise]] = defaultdict(list)
    changed = []
    for row in rows:
        obj = objects.get(row.existing_pk)
        if obj is None:
            raise IntegrityError(_("an enterprise to update has been deleted"))
        for name, value in row.data.items():
            setattr(obj, name, value)
        obj.updated_at = now
        by_fields[(*sorted(row.data), "updated_at")].append(obj)
        changed.append(obj)
    for fields, group in by_fields.items():
        _write_updates(group, fields)
    SocialEnterprise.history.bulk_history_create(
        changed,
        batch_size=BATCH_SIZE,
        update=True,
        default_user=user,
        default_change_reason=reason,
    )
    _link_related(rows, replace=True)
    return len(changed)


def _write_updates(objects: list[SocialEnterprise], fields: tuple[str, ...]) -> None:
    """One parametrised UPDATE executed for many rows.

    ``QuerySet.bulk_update`` builds a CASE WHEN expression per field and row in Python, which
    took 8 s for 2 000 rows here; this takes milliseconds. Values go through each field's
    ``get_db_prep_save`` as the ORM would, and the statement is limited to the organisation.
    """
    connection = connections[router.db_for_write(SocialEnterprise)]
    quote = connection.ops.quote_name
    meta = SocialEnterprise._meta
    model_fields = [meta.get_field(name) for name in fields]
    organisation = meta.get_field("organisation")
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in model_fields)
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 - names from the model
        f"WHERE {quote(meta.pk.column)} = %s AND {quote(organisation.column)} = %s"
    )
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in model_fields]
        + [obj.pk, obj.organisation_id]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH_SIZE):
            cursor.executemany(sql, params[start : start + BATCH_SIZE])


def _link_related(rows: list[RowResult], *, replace: bool) -> None:
    """Many-to-many links through the through models, in bulk. On update, a filled-in cell
    replaces the enterprise's links for that column; an empty cell leaves them."""
    for column in (c for c in COLUMNS if c.kind == RELATED):
        model_field = SocialEnterprise._meta.get_field(column.field)
        through = model_field.remote_field.through
        source = model_field.m2m_field_name() + "_id"
        target = model_field.m2m_reverse_field_name() + "_id"
        affected = [row for row in rows if column.field in row.related]
        if not affected:
            continue
        if replace:
            pks = [row.existing_pk for row in affected]
            for start in range(0, len(pks), 2000):
                through.objects.filter(**{f"{source}__in": pks[start : start + 2000]}).delete()
        links = [
            through(**{source: row.existing_pk, target: target_pk})
            for row in affected
            for target_pk in row.related[column.field]
        ]
        through.objects.bulk_create(links, batch_size=BATCH_SIZE)


# --------------------------------------------------------------------------------------------
# Files for the user: the template and the rows with errors


def template_csv() -> bytes:
    return export.csv_bytes([[column.header for column in COLUMNS]])


def valid_values() -> list[tuple[ImportColumn, list[str]]]:
    """For each choice or list column, the values the import accepts (in the active language;
    list columns from the shared lists)."""
    result = []
    for column in COLUMNS:
        if column.kind == CHOICE:
            result.append((column, [str(label) for label in CHOICES[column.field].labels]))
        elif column.field == "categories":
            result.append((column, list(ServiceCategory.objects.values_list("name", flat=True))))
        elif column.field == "challenges":
            result.append((column, list(SocietalChallenge.objects.values_list("name", flat=True))))
        elif column.field == "sdgs":
            result.append(
                (column, [str(goal) for goal in SustainableDevelopmentGoal.objects.all()])
            )
    return result


def template_xlsx() -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Enterprises")[:31]
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    sheet.freeze_panes = "A2"
    values = workbook.create_sheet(_("Valid values")[:31])
    for index, (column, allowed) in enumerate(valid_values(), start=1):
        values.cell(row=1, column=index, value=column.header).font = Font(bold=True)
        for row, value in enumerate(allowed, start=2):
            values.cell(row=row, column=index, value=value)
        values.column_dimensions[values.cell(row=1, column=index).column_letter].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def error_rows_csv(preview: Preview) -> bytes:
    """The rows with errors, as in the file, with a column "fel" describing the errors: fix
    them and upload the file again (the "fel" column is ignored on import)."""
    return export.error_rows_csv(
        preview.headers,
        (
            (row.line, row.cells, [(error.column, error.message) for error in row.errors])
            for row in preview.rows[ERROR]
        ),
    )


# --------------------------------------------------------------------------------------------
# Export of every column, as the import reads it (exported and imported again: no changes)


def export_headers() -> list[str]:
    """The import's own headings, in its order: a column added to the import is exported."""
    return [column.header for column in COLUMNS]


def export_queryset(queryset):
    return queryset.prefetch_related(
        *(column.field for column in COLUMNS if column.kind == RELATED)
    )


def _related_text(column: ImportColumn, objects) -> str:
    if column.field == "sdgs":
        return "|".join(str(goal.number) for goal in objects)
    # By name, as the list of valid values shows them; by short name (slug) when the name
    # holds one of the import's separators.
    return "|".join(obj.slug if _MULTI.search(obj.name) else obj.name for obj in objects)


def export_values(obj: SocialEnterprise) -> list:
    """The enterprise's cells in the form the import parses: choices by their Swedish label,
    yes/no as ja/nej, dates as dates, lists separated by |; an empty value stays empty (the
    import leaves such a field as it is)."""
    values = []
    with translation.override("sv"):
        for column in COLUMNS:
            value = getattr(obj, column.field)
            if column.kind == RELATED:
                value = _related_text(column, value.all())
            elif column.kind == CHOICE:
                value = str(CHOICES[column.field](value).label) if value else ""
            elif column.kind == BOOLEAN:
                value = "ja" if value else "nej"
            values.append(value)
    return values


def _export_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return export.csv_cell(str(value))


def write_export_csv(queryset, target) -> None:
    """Semicolons and UTF-8 with BOM (what Swedish Excel opens), like the template."""
    target.write("\ufeff")
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    writer.writerow(export_headers())
    for obj in export_queryset(queryset):
        writer.writerow([_export_text(value) for value in export_values(obj)])


def write_export_xlsx(queryset, target) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Enterprises")[:31])
    sheet.append(export_headers())
    for obj in export_queryset(queryset):
        sheet.append(
            [
                export.csv_cell(value) if isinstance(value, str) else value
                for value in export_values(obj)
            ]
        )
    workbook.save(target)
