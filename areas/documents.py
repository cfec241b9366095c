"""Governing documents' files: checked by content and size, stored privately, cleaned up.

An uploaded file is accepted when its *content* is a PDF, a Word document (.docx), an
OpenDocument text (.odt) or plain UTF-8 text (.txt), its name ends in that type's extension,
and it is at most :data:`DOCUMENT_MAX_BYTES`: the platform's file rules (``collab.files``),
which the shared attachments use too. The browser's content type and the name alone prove nothing.

Files live under ``MEDIA_ROOT`` with a random name (``areas.models.documents.document_path``), so
an upload never overwrites another, and are only served by the download views, to members of
the owning organisation. Every upload is kept as a :class:`DocumentFileVersion`: replacing or
removing a document's file keeps the earlier one downloadable under "Tidigare versioner", and a
deleted document keeps its files for restoring (``collab.trash``); only
``manage.py purge_deleted`` removes files, once their records are gone for good.
"""

from pathlib import Path

from django.utils import timezone

from areas.models import DocumentFileVersion, GoverningDocument
from collab import files
from collab.files import (  # noqa: F401 - the document rules are the platform's file rules
    CONTENT_TYPES,
    DOCX,
    EXTENSIONS,
    LABELS,
    ODT,
    PDF,
    TEXT,
    content_type_for,
    detect_kind,
    extract_text,
    file_response,
)

DOCUMENT_MAX_BYTES = files.MAX_BYTES
ACCEPT = files.accept(files.DOCUMENT_KINDS)


def check_document(file, name: str) -> str:
    """Raise a ``ValidationError`` the coordinator understands unless ``file`` is a PDF, Word,
    OpenDocument or text file of at most the size limit whose ``name`` matches its type
    (``collab.files.check_file``); return the type."""
    return files.check_file(file, name, files.DOCUMENT_KINDS)


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
        document.file_name = files.safe_file_name(document.file.name)
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
