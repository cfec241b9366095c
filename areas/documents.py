"""Governing documents' files: checked by content and size, stored privately, cleaned up.

An uploaded file is accepted when its *content* is a PDF, a Word document (.docx) or an
OpenDocument text (.odt), its name ends in that type's extension, and it is at most
:data:`DOCUMENT_MAX_BYTES`. The browser's content type and the name alone prove nothing.

Files live under ``MEDIA_ROOT`` with a random name (``areas.models.documents.document_path``), so
an upload never overwrites another, and are only served by the download views, to members of
the owning organisation. Every upload is kept as a :class:`DocumentFileVersion`: replacing or
removing a document's file keeps the earlier one downloadable under "Tidigare versioner", and a
deleted document keeps its files for restoring (``collab.trash``); only
``manage.py purge_deleted`` removes files, once their records are gone for good.
"""

import html
import re
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import DocumentFileVersion, GoverningDocument
from collab import formatting

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"
ODT = "odt"

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# The detected type -> the extension its name must have, the label in messages, and the
# content type of the download.
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt"}
LABELS = {PDF: "PDF", DOCX: "Word (.docx)", ODT: "OpenDocument (.odt)"}
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
ACCEPT = ",".join([*EXTENSIONS.values(), *CONTENT_TYPES.values()])

# Reading a damaged or hostile zip file may raise any of these.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError)
_ZIP_ERRORS += (NotImplementedError, RuntimeError, KeyError)


def detect_kind(file) -> str | None:
    """PDF, DOCX or ODT from the file's content, or None. Leaves the file at position 0."""
    try:
        file.seek(0)
        head = file.read(8)
        if head.startswith(b"%PDF-"):
            return PDF
        if not head.startswith(b"PK"):
            return None
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # Read at most a little more than the expected value: never unpack a bomb.
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE:
                        return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
        return None
    except _ZIP_ERRORS:
        return None
    finally:
        file.seek(0)


def check_document(file, name: str) -> str:
    """Raise a ``ValidationError`` the coordinator understands unless ``file`` is an accepted
    document of at most the size limit whose ``name`` matches its type; return the type."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    if size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(max)s MB.")
            % {
                "size": formatting.megabytes(size),
                "max": formatting.number(DOCUMENT_MAX_BYTES // (1024 * 1024)),
            },
            code="too_large",
        )
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            _("The file is not a PDF, Word (.docx) or OpenDocument (.odt) document."),
            code="wrong_type",
        )
    extension = Path(name).suffix.lower()
    if extension != EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "The file is a %(kind)s document, but its name ends in “%(extension)s”. "
                "Save it with the extension %(expected)s and upload it again."
            )
            % {
                "kind": LABELS[kind],
                "extension": extension or _("no extension"),
                "expected": EXTENSIONS[kind],
            },
            code="wrong_extension",
        )
    return kind


# The search reads a Word or OpenDocument file's text (``GoverningDocument.text_content``): at
# most this much of its XML is unpacked, and at most this much text is kept. A PDF's text is
# not read (it would need a PDF library): a PDF is found by its title and summary.
TEXT_XML_MAX_BYTES = 8 * 1024 * 1024
TEXT_MAX_CHARS = 200_000
_TEXT_ENTRIES = {DOCX: "word/document.xml", ODT: "content.xml"}
_PARAGRAPH_END = re.compile(
    rb"</(?:w:p|text:p|text:h)>|<(?:w:tab|w:br|text:tab|text:line-break)\b[^>]*>"
)
_TAG = re.compile(rb"<[^>]*>")


def extract_text(file) -> str:
    """The plain text of an accepted Word (.docx) or OpenDocument (.odt) file, bounded; ""
    for a PDF, another file or a damaged one. The XML is never parsed (no entity expansion):
    paragraphs become lines, tags are dropped, the five XML entities and character references
    are decoded. Leaves the file at position 0."""
    kind = detect_kind(file)
    entry = _TEXT_ENTRIES.get(kind)
    if entry is None:
        return ""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive, archive.open(entry) as stream:
            raw = stream.read(TEXT_XML_MAX_BYTES)
    except _ZIP_ERRORS:
        return ""
    finally:
        file.seek(0)
    raw = _PARAGRAPH_END.sub(b"\n", raw)
    text = html.unescape(_TAG.sub(b"", raw).decode("utf-8", errors="replace"))
    text = text.replace("\x00", "")  # PostgreSQL refuses NUL in text
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:TEXT_MAX_CHARS]


def content_type_for(name: str) -> str:
    """The download's content type from the stored (checked) file's extension."""
    extension = Path(name).suffix.lower()
    for kind, expected in EXTENSIONS.items():
        if extension == expected:
            return CONTENT_TYPES[kind]
    return "application/octet-stream"


def file_response(stored, file_name: str) -> FileResponse:
    """A stored document file as an attachment with its original name; 404 when missing.

    The one way a document's file leaves Samverka: the download pages and the API's
    ``documents/{id}/file/`` serve it through here, after their own access check."""
    if not stored:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=file_name or Path(stored.name).name,
        content_type=content_type_for(stored.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _delete_stored(storage, name: str) -> None:
    if name:
        storage.delete(name)


def save_document(
    *, document: GoverningDocument, previous_file: str = "", user=None
) -> GoverningDocument:
    """Validate and save ``document``; a newly uploaded file's original name goes to
    ``file_name`` and the upload is added to the document's versions (by ``user``). The file it
    replaced (``previous_file``), or removed, is kept as an earlier version, never deleted.
    Call inside ``transaction.atomic``."""
    new_upload = bool(document.file) and not document.file._committed
    previous_name = ""
    if previous_file and document.pk:
        previous_name = (
            GoverningDocument._base_manager.filter(pk=document.pk)
            .values_list("file_name", flat=True)
            .first()
            or ""
        )
    if new_upload:
        document.file_name = Path(document.file.name).name[:255]
        document.text_content = extract_text(document.file)
    elif not document.file:
        document.file_name = ""
        document.text_content = ""
    document.full_clean()
    storage = document.file.storage
    try:
        document.save()
    except BaseException:
        # The upload was stored before the row failed: do not leave it behind.
        if new_upload and document.file._committed:
            _delete_stored(storage, document.file.name)
        raise
    if previous_file and previous_file != document.file.name:
        _keep_as_version(document, previous_file, previous_name or Path(previous_file).name)
    if new_upload:
        _add_version(
            document,
            document.file.name,
            document.file_name,
            uploaded_at=timezone.now(),
            user=user,
        )
    return document


def _add_version(document, name: str, file_name: str, *, uploaded_at=None, user=None):
    try:
        size = document.file.storage.size(name)
    except OSError:
        size = 0
    version = DocumentFileVersion(
        organisation_id=document.organisation_id,
        document=document,
        file=name,
        file_name=file_name[:255],
        size=size,
        uploaded_at=uploaded_at,
        uploaded_by=user,
    )
    version.save()
    return version


def _keep_as_version(document, name: str, file_name: str) -> None:
    """A file uploaded before versions were kept gets its version row when it is replaced."""
    if not DocumentFileVersion._base_manager.filter(document=document, file=name).exists():
        _add_version(document, name, file_name)
