"""Everything an organisation owns, as one ZIP archive (administrators).

The models are found generically, never listed by hand: every concrete model that inherits
:class:`collab.models.OrganisationOwned`, plus any model without an organisation of its own
that hangs off one of them by a foreign key (its rows belong to the organisation through that
parent), plus their change history. A model added later is in the archive without changes
here.

Per model, ``<app>.<model>.csv`` (UTF-8 with BOM, ``;``-separated: what Swedish Excel opens
directly) and ``<app>.<model>.json`` with every concrete column: foreign keys as ids (plus the
person's name for a reference to a user), choices also as their label, many-to-many fields as
lists of ids. Uploaded files and stored file contents go under ``files/``.

Memory stays bounded: rows are read with ``.iterator()`` (many-to-many prefetched per chunk,
so the number of queries does not grow with the rows) and the archive is written to a
temporary file that spills to disk.
"""

import base64
import csv
import datetime
import decimal
import io
import json
import os
import shutil
import tempfile
import uuid
import zipfile

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django_scopes import scope

from collab.models import Organisation, OrganisationOwned

CHUNK = 500
MEMORY_LIMIT = 10 * 1024 * 1024  # the archive spills to disk above this


def _is_history(model) -> bool:
    return hasattr(model, "instance_type") or model.__name__.startswith("Historical")


def owned_models() -> list[tuple[type[models.Model], str]]:
    """(model, lookup to the organisation) for every model whose rows an organisation owns."""
    found = []
    owned = [
        m
        for m in apps.get_models()
        if issubclass(m, OrganisationOwned)
        and not m._meta.abstract
        and not _is_history(m)
        and m.counts_as_records  # not bookkeeping such as background jobs
    ]
    found.extend((m, "organisation") for m in owned)
    for model in apps.get_models():
        if model in owned or _is_history(model) or model._meta.auto_created:
            continue
        if any(
            f.is_relation and f.many_to_one and f.related_model is Organisation
            for f in model._meta.concrete_fields
        ):
            continue  # has an organisation of its own but is not organisation-owned data
        parent = next(
            (
                f
                for f in model._meta.concrete_fields
                if f.is_relation and f.many_to_one and f.related_model in owned and not f.null
            ),
            None,
        )
        if parent is not None:
            found.append((model, f"{parent.name}__organisation"))
    # Their change history (who changed what, when) belongs to the organisation too.
    found.extend(
        (m, "organisation")
        for m in apps.get_models()
        if getattr(m, "instance_type", None) in owned
        and any(f.name == "organisation" for f in m._meta.concrete_fields)
    )
    return sorted(found, key=lambda pair: pair[0]._meta.label_lower)


def file_name(model) -> str:
    return model._meta.label_lower  # e.g. "enterprises.socialenterprise"


def _plain(value):
    """A JSON-able value; CSV writes its str()."""
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _columns(model) -> list[tuple[str, object]]:
    """(column name, how to read it) for every concrete field, m2m and label columns."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    columns = []
    # Secrets never leave in an export (e.g. an API key's hash): ``export_exclude`` on the model.
    excluded = set(getattr(model, "export_exclude", ()))
    for field in model._meta.concrete_fields:
        if field.name in excluded:
            continue
        if field.is_relation:
            columns.append((field.attname, ("attr", field.attname)))
            if field.related_model is user_model:
                columns.append((f"{field.name}_name", ("user", field.name)))
            elif field.related_model is ContentType:
                # What kind of record a generic reference (an attachment's) points to.
                columns.append((f"{field.name}_label", ("ctype", field.attname)))
        elif isinstance(field, models.FileField | models.BinaryField):
            columns.append((field.name, ("file", field.name)))
        else:
            columns.append((field.attname, ("attr", field.attname)))
            if field.choices:
                columns.append((f"{field.name}_display", ("display", field.name)))
    for field in model._meta.many_to_many:
        columns.append((field.name, ("m2m", field.name)))
    return columns


class _Archive:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.files: list[str] = []

    def add_file(self, model, obj, field) -> str:
        value = getattr(obj, field.name)
        base = f"files/{file_name(model)}/{obj.pk}"
        if isinstance(field, models.BinaryField):
            if value is None:
                return ""
            path = f"{base}/{field.name}.bin"
            self.zf.writestr(path, bytes(value))
        else:
            if not value:
                return ""
            path = f"{base}/{os.path.basename(value.name)}"
            try:
                with value.open("rb") as source, self.zf.open(path, "w") as target:
                    for chunk in iter(lambda: source.read(64 * 1024), b""):
                        target.write(chunk)
            except FileNotFoundError:
                return ""
        self.files.append(path)
        return path


def _row(model, obj, columns, archive: _Archive) -> dict:
    row = {}
    for name, (kind, attr) in columns:
        if kind == "attr":
            value = _plain(getattr(obj, attr))
        elif kind == "display":
            value = str(getattr(obj, f"get_{attr}_display")())
        elif kind == "user":
            user = getattr(obj, attr)
            value = (user.get_full_name() or user.get_username()) if user is not None else None
        elif kind == "file":
            value = archive.add_file(model, obj, model._meta.get_field(attr))
        elif kind == "ctype":
            type_id = getattr(obj, attr)
            content_type = ContentType.objects.get_for_id(type_id) if type_id else None
            value = f"{content_type.app_label}.{content_type.model}" if content_type else None
        else:  # m2m, prefetched
            value = sorted(related.pk for related in getattr(obj, attr).all())
        row[name] = value
    return row


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_default(value):
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return str(value)


def _write_model(archive: _Archive, model, lookup: str, organisation) -> int:
    columns = _columns(model)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    user_fks = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is user_model
    ]
    qs = model._base_manager.filter(**{lookup: organisation}).order_by("pk")
    if user_fks:
        qs = qs.select_related(*user_fks)
    m2m = [f.name for f in model._meta.many_to_many]
    if m2m:
        qs = qs.prefetch_related(*m2m)
    name = file_name(model)
    count = 0
    # Rows go to temporary files first: the row's own files are added to the ZIP meanwhile.
    with (
        tempfile.SpooledTemporaryFile(max_size=MEMORY_LIMIT) as csv_file,
        tempfile.SpooledTemporaryFile(max_size=MEMORY_LIMIT) as json_file,
    ):
        csv_text = io.TextIOWrapper(csv_file, encoding="utf-8-sig", newline="")
        writer = csv.writer(csv_text, delimiter=";")
        writer.writerow([column for column, _how in columns])
        json_file.write(b"[")
        for obj in qs.iterator(chunk_size=CHUNK):
            row = _row(model, obj, columns, archive)
            writer.writerow([_csv_text(row[column]) for column, _how in columns])
            text = json.dumps(row, ensure_ascii=False, default=_json_default)
            json_file.write((b"\n" if count == 0 else b",\n") + text.encode())
            count += 1
        json_file.write(b"\n]\n")
        csv_text.flush()
        for suffix, source in (("csv", csv_file), ("json", json_file)):
            source.seek(0)
            with archive.zf.open(f"{name}.{suffix}", "w") as target:
                shutil.copyfileobj(source, target, 64 * 1024)
        csv_text.detach()
    return count


def write_archive(organisation, target) -> None:
    """Write the organisation's archive as a ZIP to the binary file ``target``."""
    # Rows are selected by organisation explicitly; the scope covers the related managers
    # (many-to-many prefetches) too.
    with (
        scope(organisation=organisation.pk),
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf,
    ):
        archive = _Archive(zf)
        listing = []
        org_columns = _columns(Organisation)
        org_row = _row(Organisation, organisation, org_columns, archive)
        zf.writestr(
            "organisation.json",
            json.dumps(org_row, ensure_ascii=False, indent=2, default=_json_default),
        )
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([c for c, _how in org_columns])
        writer.writerow([_csv_text(org_row[c]) for c, _how in org_columns])
        zf.writestr("organisation.csv", buffer.getvalue().encode("utf-8"))
        for model, lookup in owned_models():
            count = _write_model(archive, model, lookup, organisation)
            listing.append(
                f"{file_name(model)}.csv/.json: {model._meta.verbose_name_plural} ({count})"
            )
        listing.append(f"files/: {len(archive.files)}")
        readme = render_to_string(
            "collab/export_readme.txt",
            {
                "organisation": organisation,
                "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "listing": listing,
            },
        )
        zf.writestr("README.txt", readme)


def build_archive(organisation):
    """The archive in a temporary file (in memory up to 10 MB, then on disk), at position 0."""
    spool = tempfile.SpooledTemporaryFile(max_size=MEMORY_LIMIT)
    write_archive(organisation, spool)
    spool.seek(0)
    return spool
