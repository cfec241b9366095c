"""Attachments: files on the records where the work happens, one model for every app.

A higher app registers the models whose records may carry attachments (a meeting's minutes,
an IOP's agreement) from its ``contributions.py`` with :func:`register_attachable`; ``collab``
names no domain model. The files follow the platform's file rules (``collab.files``: checked by
content and size, stored under the organisation with a random name, downloaded only through a
view that checks the organisation). A new file for an attachment keeps the earlier ones as
versions, still downloadable.

A record's detail page shows the "Bilagor" section (``templates/collab/_attachments.html``)
when its model is registered: :func:`section` gives its context in two queries.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab import files, search, submissions
from collab.forms import AttachmentForm
from collab.models import Access, Attachment, AttachmentVersion

KINDS = files.ATTACHMENT_KINDS
ACCEPT = files.accept(KINDS)


@dataclass(frozen=True)
class Attachable:
    model: type
    label: str  # what the attachments are, e.g. "Minutes and other files"
    related: tuple[str, ...] = ()  # what the record's name reads (``select_related``)


_attachable: dict[str, Attachable] = {}


def register_attachable(model, label: str = "", *, related: tuple[str, ...] = ()) -> None:
    """Let ``model``'s records carry attachments; ``label`` is the section's lead text,
    ``related`` the relations its ``str()`` reads (fetched with the record in the search)."""
    _attachable[model._meta.label_lower] = Attachable(
        model=model, label=label, related=tuple(related)
    )


def attachable(kind: str) -> Attachable | None:
    """The registered model behind ``kind`` (``app_label.model``), or None."""
    return _attachable.get(kind)


def kind_of(obj) -> str:
    return obj._meta.label_lower


def is_attachable_model(model) -> bool:
    return model._meta.label_lower in _attachable


def record_exists(attachment) -> bool:
    """Whether the record the attachment belongs to exists (not deleted): an attachment of a
    record in the trash is neither listed nor downloadable."""
    model = ContentType.objects.get_for_id(attachment.content_type_id).model_class()
    return model is not None and model._base_manager.filter(pk=attachment.object_id).exists()


def is_attachable(obj) -> bool:
    return kind_of(obj) in _attachable


def attachments_for(obj):
    """The record's attachments (organisation scope), each with its versions newest first."""
    # The kind by a join, not a content-type lookup: the same queries on every page load.
    meta = obj._meta
    return (
        Attachment.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=obj.pk,
        )
        .select_related("uploaded_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=AttachmentVersion.objects.select_related("uploaded_by"),
            )
        )
    )


def earlier_versions(attachment) -> list:
    """The attachment's earlier files (not the current one), newest first; prefetched."""
    return [v for v in attachment.versions.all() if v.file.name != attachment.file.name]


def section(request, obj) -> dict | None:
    """The "Bilagor" section's context for ``obj``'s detail page, or None when its model
    carries no attachments."""
    registered = _attachable.get(kind_of(obj))
    if registered is None:
        return None
    membership = getattr(request, "membership", None)
    can_edit = membership is not None and membership.access >= Access.EDIT
    create_url = reverse(
        "collab:attachment_create", kwargs={"kind": kind_of(obj), "object_id": obj.pk}
    )
    form = None
    if can_edit:
        # Ids of their own on the record's page; the field names the create view reads.
        form = AttachmentForm(organisation=request.organisation, auto_id="id_attachment_%s")
        form.helper.form_action = create_url
        form.helper.form_id = "attachment-upload"
        form.helper.inputs[0].value = _("Upload")
        submissions.add_submission_field(form)
    return {
        "label": registered.label,
        "rows": [(a, earlier_versions(a)) for a in attachments_for(obj)],
        "can_edit": can_edit,
        "create_url": create_url,
        "form": form,
        "accept": ACCEPT,
        "help_text": files.ATTACHMENT_HELP,
    }


def search_provider(organisation, query: str, *, limit: int) -> search.ResultGroup | None:
    """The header's search (``collab.search``) in the attachments: their title, description,
    file name and the text of the current file (``Attachment.text_content``). A result is the
    attachment, linked to the record it belongs to (a meeting whose minutes hold the words);
    an attachment whose record is deleted is not found. Two queries and one per kind of record
    among the results."""
    models = {
        ContentType.objects.get_for_model(a.model, for_concrete_model=False).pk: a
        for a in _attachable.values()
    }
    if not models:
        return None
    present = Q()
    for content_type_id, registered in models.items():
        present |= Q(
            content_type_id=content_type_id,
            object_id__in=registered.model.objects.values("pk"),
        )
    rows = list(
        search.ranked(
            Attachment.objects.filter(present),
            query,
            title="title",
            body=["description", "file_name", "text_content"],
        )[:limit]
    )
    parents = {}
    for content_type_id in {row.content_type_id for row in rows}:
        registered = models[content_type_id]
        ids = [row.object_id for row in rows if row.content_type_id == content_type_id]
        records = registered.model.objects.filter(pk__in=ids).select_related(*registered.related)
        parents.update({(content_type_id, record.pk): record for record in records})
    rows = [row for row in rows if (row.content_type_id, row.object_id) in parents]

    def describe(attachment):
        parent = parents[(attachment.content_type_id, attachment.object_id)]
        kind = capfirst(parent._meta.verbose_name)
        return (
            attachment.title,
            f"{parent.get_absolute_url()}#bilagor",
            [attachment.text_content, attachment.description],
            f"{kind}: {parent}",
        )

    return search.group(
        key="attachments",
        label=gettext_lazy("Attached files"),
        rows=rows,
        query=query,
        describe=describe,
    )


def check_upload(upload) -> None:
    """The file rules for an attachment: a ``ValidationError`` with the reason."""
    files.check_file(upload, upload.name, KINDS)


def _add_version(attachment, *, user=None, uploaded_at=None) -> AttachmentVersion:
    version = AttachmentVersion(
        organisation_id=attachment.organisation_id,
        attachment=attachment,
        file=attachment.file.name,
        file_name=attachment.file_name,
        size=attachment.size,
        uploaded_at=uploaded_at or attachment.uploaded_at,
        uploaded_by=user,
    )
    version.full_clean()
    version.save()
    return version


def _store(attachment, upload) -> None:
    """Set the attachment's file from ``upload`` (checked) and store it."""
    check_upload(upload)
    attachment.file_name = files.safe_file_name(upload.name)
    attachment.size = files.file_size(upload)
    attachment.text_content = files.extract_text(upload)
    attachment.file.save(attachment.file_name, upload, save=False)


@transaction.atomic
def add_attachment(
    *, parent, upload, title: str = "", description: str = "", user=None
) -> Attachment:
    """Attach ``upload`` to ``parent`` (a registered model's record) in its organisation."""
    if not is_attachable(parent):
        raise ValidationError(_("Files cannot be attached to this kind of record."))
    attachment = Attachment(
        organisation_id=parent.organisation_id,
        content_type=ContentType.objects.get_for_model(type(parent)),
        object_id=parent.pk,
        title=(title or "").strip() or files.safe_file_name(upload.name)[:200],
        description=description or "",
        uploaded_at=timezone.now(),
        uploaded_by=user,
    )
    _store(attachment, upload)
    try:
        attachment.full_clean()
        attachment.save()
        _add_version(attachment, user=user)
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def update_attachment(*, attachment: Attachment, upload=None, user=None) -> Attachment:
    """Save the attachment's title and description; a new ``upload`` becomes its current file
    and the earlier file stays downloadable as a version."""
    if upload is not None:
        _store(attachment, upload)
        attachment.uploaded_at = timezone.now()
        attachment.uploaded_by = user
    attachment.full_clean()
    try:
        attachment.save()
        if upload is not None:
            _add_version(attachment, user=user)
    except BaseException:
        if upload is not None:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def stored_files(attachment) -> list[tuple]:
    """(storage, name) of every file of the attachment, for removing them for good."""
    names = {attachment.file.name, *(v.file.name for v in attachment.versions.all())}
    return [(attachment.file.storage, name) for name in sorted(n for n in names if n)]


def remove_for_good(attached) -> None:
    """Delete attachments, their versions and their change history (not restorable: for a
    record that is itself deleted for good). The caller removes the files after commit."""
    ids = [attachment.pk for attachment in attached]
    if not ids:
        return
    # The rows first: deleting them writes a last history row, which goes with the rest.
    AttachmentVersion._base_manager.filter(attachment_id__in=ids).delete()
    Attachment._base_manager.filter(pk__in=ids).delete()
    AttachmentVersion.history.model._base_manager.filter(attachment_id__in=ids).delete()
    Attachment.history.model._base_manager.filter(id__in=ids).delete()
