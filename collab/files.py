"""Uploaded files: checked by content and size, named safely, served only as downloads.

The one home of the file rules that governing documents (``areas.documents``), the shared
attachments (``collab.attachments``) and the network's submissions use. A file is accepted
when its *content* is one of the allowed kinds (a PDF, a Word document (.docx), an OpenDocument
text (.odt), plain UTF-8 text without NUL bytes or other control characters), its name ends in
that kind's extension, and it is at most :data:`MAX_BYTES`. The browser's content type and the
name alone prove nothing. :func:`extract_text` reads an accepted file's text for the search.

Files live under ``MEDIA_ROOT`` with random names and are never served by the web server: they
leave Samverka only through :func:`file_response`, after the view's own access check, as an
attachment (never shown inline) with ``X-Content-Type-Options: nosniff``.
"""

import codecs
import html
import logging
import re
import unicodedata
import zipfile
from pathlib import Path, PureWindowsPath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab import formatting

MAX_BYTES = 20 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"
ODT = "odt"
TEXT = "txt"

# Governing documents (the documents a council adopts) and attachments: plain text too (a
# document or minutes written in a text editor). Every kind's text is read for the search.
DOCUMENT_KINDS = (PDF, DOCX, ODT, TEXT)
ATTACHMENT_KINDS = DOCUMENT_KINDS

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# The detected type -> the extension its name must have, the label in messages, and the
# content type of the download.
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt", TEXT: ".txt"}
LABELS = {PDF: "PDF", DOCX: "Word (.docx)", ODT: "OpenDocument (.odt)", TEXT: "text (.txt)"}
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
    TEXT: "text/plain; charset=utf-8",
}


def accept(kinds=DOCUMENT_KINDS) -> str:
    """The file input's ``accept`` attribute for ``kinds`` (a hint; the server checks)."""
    return ",".join(
        [*(EXTENSIONS[k] for k in kinds), *(CONTENT_TYPES[k].split(";")[0] for k in kinds)]
    )


ACCEPT = accept(DOCUMENT_KINDS)

# The help text under an attachment's file field.
ATTACHMENT_HELP = format_lazy(
    gettext_lazy("PDF, Word (.docx), OpenDocument (.odt) or text (.txt), at most {max} MB."),
    max=MAX_BYTES // (1024 * 1024),
)

# Reading a damaged or hostile zip file may raise any of these.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError)
_ZIP_ERRORS += (NotImplementedError, RuntimeError, KeyError)


def _is_text(file) -> bool:
    """UTF-8 text without NUL bytes or other control characters than tab and line breaks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        while chunk := file.read(64 * 1024):
            text = decoder.decode(chunk)
            if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_kind(file, kinds=DOCUMENT_KINDS) -> str | None:
    """The kind among ``kinds`` of the file's content, or None. Leaves the file at position 0."""
    try:
        file.seek(0)
        head = file.read(8)
        if head.startswith(b"%PDF-"):
            return PDF if PDF in kinds else None
        if head.startswith(b"PK"):
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    # Read at most a little more than the expected value: never unpack a bomb.
                    with archive.open("mimetype") as entry:
                        if entry.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE:
                            return ODT if ODT in kinds else None
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return DOCX if DOCX in kinds else None
            return None
        if TEXT in kinds and _is_text(file):
            return TEXT
        return None
    except _ZIP_ERRORS:
        return None
    finally:
        file.seek(0)


def file_size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return size


def check_file(file, name: str, kinds=DOCUMENT_KINDS) -> str:
    """Raise a ``ValidationError`` the coordinator understands unless ``file`` is of one of
    ``kinds``, at most :data:`MAX_BYTES`, and its ``name`` matches its kind; return the kind."""
    size = file_size(file)
    if size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(max)s MB.")
            % {
                "size": formatting.megabytes(size),
                "max": formatting.number(MAX_BYTES // (1024 * 1024)),
            },
            code="too_large",
        )
    kind = detect_kind(file, kinds)
    extension = Path(name).suffix.lower()
    if kind is None and TEXT in kinds and extension == EXTENSIONS[TEXT]:
        raise ValidationError(
            _(
                "The file's name ends in .txt, but it is not plain UTF-8 text: it contains "
                "NUL bytes or other control characters, or another character encoding. Save it "
                "as UTF-8 text and upload it again."
            ),
            code="not_text",
        )
    if kind is None:
        if TEXT in kinds:
            message = _(
                "The file is not a PDF, Word (.docx), OpenDocument (.odt) or text (.txt) file."
            )
        else:
            message = _("The file is not a PDF, Word (.docx) or OpenDocument (.odt) document.")
        raise ValidationError(message, code="wrong_type")
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


def safe_file_name(name: str, limit: int = 255) -> str:
    """The name to show and to offer the download under: no folders (of any system), no
    control characters, at most ``limit`` characters with the extension kept."""
    base = PureWindowsPath(str(name)).name  # splits on both "\\" and "/"
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    if len(base) > limit:
        suffix = Path(base).suffix[:20]
        base = base[: limit - len(suffix)] + suffix
    return base or "fil"


def content_type_for(name: str) -> str:
    """The download's content type from the stored (checked) file's extension."""
    extension = Path(name).suffix.lower()
    for kind, expected in EXTENSIONS.items():
        if extension == expected:
            return CONTENT_TYPES[kind]
    return "application/octet-stream"


def file_response(stored, file_name: str) -> FileResponse:
    """A stored file as an attachment with its original name; 404 when missing.

    The one way a stored file leaves Samverka: the download pages (and the API) serve it
    through here, after their own access check."""
    if not stored:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_file_name(file_name or Path(stored.name).name),
        content_type=content_type_for(stored.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def simple_pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF with ``lines`` of text (Helvetica, Latin-1): for demo data
    and tests, without starting WeasyPrint."""

    def literal(text: str) -> bytes:
        raw = text.encode("cp1252", "replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    stream = b"BT /F1 12 Tf 56 780 Td 16 TL\n"
    stream += b"".join(literal(line) + b" '\n" for line in lines) + b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# The text of a document, for the search (collab.search), bounded in work: from a Word or
# OpenDocument file at most this much of its XML is unpacked, from a text file this much read,
# from a PDF (pypdf) at most this many pages; at most this much text is kept.
TEXT_XML_MAX_BYTES = 8 * 1024 * 1024
TEXT_MAX_CHARS = 200_000
PDF_MAX_PAGES = 100
_TEXT_ENTRIES = {DOCX: "word/document.xml", ODT: "content.xml"}
_PARAGRAPH_END = re.compile(
    rb"</(?:w:p|text:p|text:h)>|<(?:w:tab|w:br|text:tab|text:line-break)\b[^>]*>"
)
_TAG = re.compile(rb"<[^>]*>")

logger = logging.getLogger(__name__)


def _tidy(text: str) -> str:
    """Lines with single spaces, no empty lines, no NUL (PostgreSQL refuses it), bounded."""
    text = text.replace("\x00", "")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:TEXT_MAX_CHARS]


def _xml_text(file, entry: str) -> str:
    """The text of a Word or OpenDocument file's XML entry. The XML is never parsed (no entity
    expansion): paragraphs become lines, tags are dropped, the five XML entities and character
    references are decoded."""
    try:
        with zipfile.ZipFile(file) as archive, archive.open(entry) as stream:
            raw = stream.read(TEXT_XML_MAX_BYTES)
    except _ZIP_ERRORS:
        return ""
    raw = _PARAGRAPH_END.sub(b"\n", raw)
    return html.unescape(_TAG.sub(b"", raw).decode("utf-8", errors="replace"))


def _plain_text(file) -> str:
    # At most four bytes a character: enough bytes for the characters kept; a character cut
    # at the end is dropped.
    return file.read(TEXT_MAX_CHARS * 4).decode("utf-8", errors="ignore")


def _pdf_text(file) -> str:
    """The text of a PDF's first :data:`PDF_MAX_PAGES` pages (pypdf), until
    :data:`TEXT_MAX_CHARS` are read. "" for an encrypted PDF; a damaged one gives what was read
    before the damage (pypdf raises many kinds of errors on hostile files: all are caught)."""
    from pypdf import PdfReader

    parts: list[str] = []
    read = 0
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            return ""
        for number, page in enumerate(reader.pages):
            if number >= PDF_MAX_PAGES or read >= TEXT_MAX_CHARS:
                break
            text = page.extract_text() or ""
            parts.append(text)
            read += len(text)
    except Exception:  # noqa: BLE001 - a file that cannot be read has no text, never a 500
        # (RecursionError and MemoryError, a hostile file's, are Exceptions too.)
        logger.info("The text of an uploaded PDF could not be read", exc_info=True)
    return "\n".join(parts)


def extract_text(file) -> str:
    """The plain text of an accepted file (Word, OpenDocument, PDF or text), bounded, for the
    search; "" for another file, an encrypted PDF or a damaged one (the upload still stands,
    found by its title). Leaves the file at position 0."""
    kind = detect_kind(file, DOCUMENT_KINDS)
    try:
        file.seek(0)
        if kind in _TEXT_ENTRIES:
            text = _xml_text(file, _TEXT_ENTRIES[kind])
        elif kind == PDF:
            text = _pdf_text(file)
        elif kind == TEXT:
            text = _plain_text(file)
        else:
            text = ""
    finally:
        file.seek(0)
    return _tidy(text)
