"""Good examples: what a viewer may read, and the services that write them (one place).

A member writes examples for its own organisation. A draft (or an example the coordinator
returned) is visible only to its own organisation. A published example is visible to the
network (its coordinator and the other members) only while its organisation is an active
member that shares good examples: the consent is checked at every read, so an example of a
member that stops sharing disappears from the network at once.

A source record (a procurement, an IOP partnership, a governing document of the member's own)
is copied as a snapshot of its main fields: the example shows the copy, never a link into the
member's records.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from areas.models import GoverningDocument, Partnership
from collab import attachments, formatting, trash
from collab.models import Attachment
from network import selectors
from network.models import GoodExample, GoodExampleArea
from network.sizes import get_band
from procurement.models import Procurement

Status = GoodExample.Status

# At most this many files per example (each checked like a governing document's file).
MAX_ATTACHMENTS = 10


# --- reading ----------------------------------------------------------------------------------


def sharing_members(network):
    """The organisations (ids, as a subquery) that share good examples with ``network`` now."""
    return selectors.sharing_ids(network, "examples")


def published(network):
    """The network's published examples of members that share good examples."""
    return GoodExample.objects.filter(
        network=network, status=Status.PUBLISHED, organisation_id__in=sharing_members(network)
    )


def visible(network, organisation=None):
    """What a viewer may read: the published examples of sharing members, and for a member
    (``organisation``) also its own drafts and returned examples."""
    condition = Q(status=Status.PUBLISHED, organisation_id__in=sharing_members(network))
    if organisation is not None:
        condition |= Q(organisation=organisation)
    return GoodExample.objects.filter(Q(network=network) & condition)


def get_visible(network, pk, organisation=None) -> GoodExample:
    """The example ``pk`` of ``network`` if the viewer may read it, else 404."""
    example = visible(network, organisation).select_related("organisation").filter(pk=pk).first()
    if example is None:
        raise Http404(_("No such good example."))
    return example


def get_own(network, pk, organisation) -> GoodExample:
    """An example of ``network`` owned by ``organisation`` (to edit), else 404."""
    example = GoodExample.objects.filter(network=network, organisation=organisation, pk=pk).first()
    if example is None:
        raise Http404(_("No such good example."))
    return example


@dataclass
class Search:
    q: str = ""
    area: int | None = None
    kind: str = ""
    size: str = ""


def search(queryset, criteria: Search):
    """Filter by words (title, description, what was achieved, how, prerequisites, the
    organisation's name), area, kind and municipality size; featured first."""
    for word in criteria.q.split():
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(achieved__icontains=word)
            | Q(how__icontains=word)
            | Q(prerequisites__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    if criteria.area:
        queryset = queryset.filter(areas__area=criteria.area)
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    band = get_band(criteria.size) if criteria.size else None
    if band is not None:
        queryset = queryset.filter(band.q("organisation__population"))
    return (
        queryset.select_related("organisation", "network")
        .prefetch_related("areas")
        .order_by("-featured", "-published_at", "title", "pk")
        .distinct()
    )


def own_unpublished(network, organisation):
    """A member's own drafts and returned examples (only it sees them)."""
    return (
        GoodExample.objects.filter(network=network, organisation=organisation)
        .exclude(status=Status.PUBLISHED)
        .prefetch_related("areas")
        .order_by("-updated_at")
    )


# --- source records ---------------------------------------------------------------------------

PROCUREMENT = "procurement"
PARTNERSHIP = "partnership"
DOCUMENT = "document"

SOURCE_KINDS = {
    PROCUREMENT: gettext_lazy("Procurement"),
    PARTNERSHIP: gettext_lazy("IOP partnership"),
    DOCUMENT: gettext_lazy("Governing document"),
}

# The fields a snapshot keeps, with their labels (shown in the reader's language).
SOURCE_FIELDS = {
    PROCUREMENT: (
        ("reference", gettext_lazy("Reference number")),
        ("procedure", gettext_lazy("Procedure")),
        ("status", gettext_lazy("Status")),
        ("estimated_value", gettext_lazy("Estimated value")),
        ("planned_start", gettext_lazy("Planned contract start")),
        ("planned_end", gettext_lazy("Planned contract end")),
        ("social_considerations", gettext_lazy("Social considerations")),
        ("description", gettext_lazy("Description")),
    ),
    PARTNERSHIP: (
        ("partner", gettext_lazy("Partner")),
        ("status", gettext_lazy("Status")),
        ("purpose", gettext_lazy("Purpose")),
        ("goals", gettext_lazy("Goals")),
        ("start_date", gettext_lazy("Start date")),
        ("end_date", gettext_lazy("End date")),
        ("municipality_contribution", gettext_lazy("Municipality's contribution per year")),
        ("committee", gettext_lazy("Responsible committee")),
    ),
    DOCUMENT: (
        ("kind", gettext_lazy("Kind")),
        ("status", gettext_lazy("Status")),
        ("adopted_by", gettext_lazy("Adopted by")),
        ("adopted_on", gettext_lazy("Adoption date")),
        ("valid_from", gettext_lazy("Valid from")),
        ("valid_to", gettext_lazy("Valid to")),
        ("summary", gettext_lazy("Summary")),
    ),
}


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def source_choices(organisation) -> list[tuple[str, list[tuple[str, str]]]]:
    """The member's own records that an example may copy, grouped by kind: ``[(group label,
    [(value, title), ...]), ...]``. Read inside the organisation's scope."""
    groups = []
    procurements = Procurement.objects.filter(organisation=organisation).order_by("title")
    partnerships = Partnership.objects.filter(organisation=organisation).order_by("title")
    docs = GoverningDocument.objects.filter(organisation=organisation).order_by("title")
    for kind, rows in (
        (PROCUREMENT, procurements.values_list("pk", "title")),
        (PARTNERSHIP, partnerships.values_list("pk", "title")),
        (DOCUMENT, docs.values_list("pk", "title")),
    ):
        options = [(f"{kind}:{pk}", title) for pk, title in rows]
        if options:
            groups.append((str(SOURCE_KINDS[kind]), options))
    return groups


def snapshot(organisation, value: str) -> tuple[str, str, dict]:
    """``(source_kind, source_title, snapshot)`` of the member's own record ``value``
    (``"<kind>:<pk>"``); ValidationError when it is not one of its records."""
    kind, _sep, pk = value.partition(":")
    if kind not in SOURCE_KINDS or not pk.isdigit():
        raise ValidationError({"source": _("Choose one of your organisation's records.")})
    model = {PROCUREMENT: Procurement, PARTNERSHIP: Partnership, DOCUMENT: GoverningDocument}[kind]
    record = model.objects.filter(organisation=organisation, pk=int(pk)).first()
    if record is None:
        raise ValidationError({"source": _("Choose one of your organisation's records.")})
    if kind == PROCUREMENT:
        fields = {
            "reference": record.reference,
            "procedure": record.get_procedure_display(),
            "status": record.get_status_display(),
            "estimated_value": formatting.kronor(record.estimated_value)
            if record.estimated_value is not None
            else "",
            "planned_start": record.planned_start,
            "planned_end": record.planned_end,
            "social_considerations": ", ".join(record.social_considerations()),
            "description": record.description,
        }
    elif kind == PARTNERSHIP:
        fields = {
            "partner": record.partner.name,
            "status": record.get_status_display(),
            "purpose": record.purpose,
            "goals": record.goals,
            "start_date": record.start_date,
            "end_date": record.end_date,
            "municipality_contribution": formatting.kronor(record.municipality_contribution),
            "committee": record.committee,
        }
    else:
        fields = {
            "kind": record.get_kind_display(),
            "status": record.get_status_display(),
            "adopted_by": record.adopted_by,
            "adopted_on": record.adopted_on,
            "valid_from": record.valid_from,
            "valid_to": record.valid_to,
            "summary": record.summary,
        }
    data = {
        "kind": kind,
        "taken_at": timezone.localdate().isoformat(),
        "fields": {name: _text(value) for name, value in fields.items()},
    }
    return kind, record.title[:300], data


def snapshot_rows(example: GoodExample) -> list[tuple[str, str]]:
    """The snapshot's fields with their labels, for the example's page (empty ones left out)."""
    fields = (example.source_snapshot or {}).get("fields", {})
    rows = []
    for name, label in SOURCE_FIELDS.get(example.source_kind, ()):
        value = fields.get(name, "")
        if value:
            if name.endswith(("_start", "_end", "_date", "_on", "_from", "_to")):
                try:
                    value = formatting.date(datetime.date.fromisoformat(value))
                except ValueError:
                    pass
            rows.append((str(label), value))
    return rows


def snapshot_date(example: GoodExample) -> datetime.date | None:
    """The day the source record was copied."""
    try:
        return datetime.date.fromisoformat((example.source_snapshot or {}).get("taken_at", ""))
    except (TypeError, ValueError):
        return None


def source_kind_label(example: GoodExample) -> str:
    label = SOURCE_KINDS.get(example.source_kind)
    return str(label) if label else ""


# --- writing ----------------------------------------------------------------------------------


def save_example(
    *,
    example: GoodExample,
    areas: list[int],
    source: str = "",
    attachment=None,
    user=None,
) -> GoodExample:
    """Save a member's example with its areas; ``source`` ``"<kind>:<pk>"`` copies that record
    as the snapshot, ``"none"`` removes it, ``""`` keeps what is there; ``attachment`` (an
    uploaded file) is checked like a governing document's file and added."""
    with transaction.atomic():
        if source == "none":
            example.source_kind, example.source_title, example.source_snapshot = "", "", {}
        elif source:
            example.source_kind, example.source_title, example.source_snapshot = snapshot(
                example.organisation, source
            )
        if example.pk is None:
            example.created_by = user
        example.full_clean()
        example.save()
        wanted = set(areas)
        GoodExampleArea.objects.filter(example=example).exclude(area__in=wanted).delete()
        have = set(GoodExampleArea.objects.filter(example=example).values_list("area", flat=True))
        GoodExampleArea.objects.bulk_create(
            GoodExampleArea(example=example, area=area) for area in sorted(wanted - have)
        )
        if attachment is not None:
            add_attachment(example, attachment, user=user)
    return example


def add_attachment(example: GoodExample, upload, *, user=None) -> Attachment:
    """Add an uploaded file as one of the example's attachments (``collab.attachments``: the
    platform's content checks, at most 20 MB, the name's extension matching the content).
    Call inside ``transaction.atomic``."""
    try:
        attachments.check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.messages}) from exc
    if len(example_attachments(example)) >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachment": _("An example has at most %(max)s files.") % {"max": MAX_ATTACHMENTS}}
        )
    return attachments.add_attachment(parent=example, upload=upload, user=user)


def delete_attachment(attachment: Attachment) -> None:
    """Remove a file from the owner's example (restorable from the deleted records; the file
    goes with ``purge_deleted``)."""
    with transaction.atomic():
        trash.delete_record(attachment)


def delete_example(example: GoodExample) -> None:
    """Delete an example with its areas and files (the files once the delete commits). An
    example is not restorable, so neither are its files: their rows and history go too."""
    with transaction.atomic():
        attached = example_attachments(example)
        stored = [pair for attachment in attached for pair in attachments.stored_files(attachment)]
        with scopes_disabled():
            attachments.remove_for_good(attached)
        example.delete()
        for storage, name in stored:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


# --- the files of an example: who may download them (one place) --------------------------------


def _example_type():
    return ContentType.objects.get_for_model(GoodExample)


def example_attachments(example: GoodExample) -> list[Attachment]:
    """The example's files. Read across the organisation scope (the example may be another
    member's): call only for an example the viewer may read (:func:`get_visible`)."""
    with scopes_disabled():
        return list(
            Attachment.objects.filter(content_type=_example_type(), object_id=example.pk).order_by(
                "file_name", "pk"
            )
        )


def get_visible_attachment(network, pk, organisation=None) -> Attachment:
    """The file ``pk`` of a good example of ``network``, if the viewer may read that example,
    else 404: the owning organisation's members always; the network's coordinator and its
    other members only while the example is published and its organisation shares good
    examples with the network. The one rule for downloading an example's file."""
    with scopes_disabled():
        attachment = Attachment.objects.filter(pk=pk, content_type=_example_type()).first()
    if attachment is None:
        raise Http404(_("No such file."))
    get_visible(network, attachment.object_id, organisation)  # 404 when not readable
    return attachment


def get_own_attachment(network, pk, organisation) -> Attachment:
    """A file of an example of ``network`` owned by ``organisation`` (to remove), else 404."""
    with scopes_disabled():
        attachment = Attachment.objects.filter(
            pk=pk, content_type=_example_type(), organisation=organisation
        ).first()
    if attachment is None:
        raise Http404(_("No such file."))
    get_own(network, attachment.object_id, organisation)
    return attachment


def publish(example: GoodExample, membership) -> GoodExample:
    """Publish a member's example to the network: only while the member shares good examples.
    The coordinator's comment of a returned example is answered by publishing again."""
    if membership is None or not membership.share_examples:
        raise ValidationError(
            _(
                "Your organisation does not share good examples with this network. An "
                "administrator of your organisation must turn on sharing of good examples "
                "before examples can be published."
            )
        )
    with transaction.atomic():
        example = GoodExample.objects.select_for_update().get(pk=example.pk)
        example.status = Status.PUBLISHED
        example.published_at = timezone.now()
        example.curator_comment = ""
        example.save(update_fields=["status", "published_at", "curator_comment", "updated_at"])
    return example


def unpublish(example: GoodExample) -> GoodExample:
    """The member takes its example back to a draft."""
    with transaction.atomic():
        example = GoodExample.objects.select_for_update().get(pk=example.pk)
        example.status = Status.DRAFT
        example.featured = False
        example.published_at = None
        example.save(update_fields=["status", "featured", "published_at", "updated_at"])
    return example


def set_featured(example: GoodExample, featured: bool) -> GoodExample:
    """The coordinator features a published example (shown first) or stops featuring it."""
    with transaction.atomic():
        example = GoodExample.objects.select_for_update().get(pk=example.pk)
        if featured and example.status != Status.PUBLISHED:
            raise ValidationError(_("Only a published example can be featured."))
        example.featured = featured
        example.save(update_fields=["featured", "updated_at"])
    return example


def return_with_comment(example: GoodExample, comment: str) -> GoodExample:
    """The coordinator returns a published example to its member with a comment: it leaves
    the library until the member publishes it again."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Write what the member should change.")})
    with transaction.atomic():
        example = GoodExample.objects.select_for_update().get(pk=example.pk)
        example.status = Status.RETURNED
        example.featured = False
        example.published_at = None
        example.curator_comment = comment
        example.save(
            update_fields=["status", "featured", "published_at", "curator_comment", "updated_at"]
        )
    return example
