"""Deleted records ("Borttagna uppgifter"): found in the change history and restored.

Every organisation-owned model keeps its change history (django-simple-history). Deleting a
record writes a history row of type ``-`` with the record's last field values, the time and
the user; that row is what the trash lists and what a restore recreates the record from (same
primary key, same field values). What the history does not hold is kept by
:func:`delete_record` in a :class:`~collab.models.DeletionSnapshot`: the record's many-to-many
links (both directions), the fields its history excludes (a partnership's criteria, a
document's stored file) and which records were deleted together (a cascade).

The history is scoped like the records (``collab.history.ScopedHistoryManager``), so an
organisation only ever finds its own deleted records. Records are listed for
``settings.SAMVERKA_TRASH_DAYS`` days (30 unless set); ``manage.py purge_deleted`` removes
what is older.

A record's attachments (``collab.attachments``, a generic relation) are deleted with it into
the trash (not listed nor downloadable while it is there), come back with its restore and are
purged with it, their stored files included.

Not restorable: uploaded import files and the rows that came from them (supplier payments);
they come back by importing the file again.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from collab import attachments
from collab.models import (
    Access,
    Attachment,
    AttachmentVersion,
    DeletionSnapshot,
    Membership,
    OrganisationOwned,
    UploadedImport,
)

DEFAULT_TRASH_DAYS = 30


def trash_days() -> int:
    """How many days a deleted record stays listed and restorable."""
    return int(getattr(settings, "SAMVERKA_TRASH_DAYS", DEFAULT_TRASH_DAYS))


def cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=trash_days())


def history_manager(model):
    return getattr(model, model._meta.simple_history_manager_attribute)


def is_restorable(model) -> bool:
    if not issubclass(model, OrganisationOwned) or issubclass(model, UploadedImport):
        return False
    if not getattr(model._meta, "simple_history_manager_attribute", None):
        return False
    return not any(
        f.many_to_one and issubclass(f.related_model, UploadedImport)
        for f in model._meta.concrete_fields
        if f.is_relation
    )


def restorable_models() -> list:
    return sorted(
        (m for m in apps.get_models() if is_restorable(m)),
        key=lambda m: str(m._meta.verbose_name_plural),
    )


def kind_of(model) -> str:
    return model._meta.label_lower


def model_for_kind(kind: str):
    try:
        model = apps.get_model(kind)
    except (LookupError, ValueError):
        return None
    return model if is_restorable(model) else None


def restore_access(model) -> int:
    """The access a restore needs: the same as deleting (members: administrators)."""
    return Access.MANAGE if model is Membership else Access.EDIT


class RestoreError(Exception):
    """A restore that cannot be done, with the message for the user (and where to go)."""

    def __init__(self, message: str, url: str | None = None, url_label: str = ""):
        super().__init__(message)
        self.message = message
        self.url = url
        self.url_label = url_label


def _history_fields(model) -> set[str]:
    return {f.attname for f in history_manager(model).model._meta.concrete_fields}


def instance_from(model, row):
    """An unsaved ``model`` instance with the field values of the history row ``row``."""
    recorded = _history_fields(model)
    return model(
        **{
            f.attname: getattr(row, f.attname)
            for f in model._meta.concrete_fields
            if f.attname in recorded
        }
    )


@dataclass
class DeletedRecord:
    """One deleted record as the trash shows it."""

    model: type
    pk: int
    row: object  # the history row of the deletion
    deleted_with: "DeletedRecord | None" = None
    children: list = field(default_factory=list)

    @cached_property
    def instance(self):
        return instance_from(self.model, self.row)

    @cached_property
    def name(self) -> str:
        try:
            return str(self.instance)
        except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
            return f"{capfirst(self.model._meta.verbose_name)} #{self.pk}"

    @property
    def kind(self) -> str:
        return kind_of(self.model)

    @property
    def kind_label(self) -> str:
        return capfirst(self.model._meta.verbose_name)

    @property
    def deleted_at(self):
        return self.row.history_date

    @property
    def deleted_by(self) -> str:
        user = self.row.history_user
        return (user.get_full_name() or user.username) if user else ""

    @property
    def restore_url(self) -> str:
        return reverse("collab:trash_restore", kwargs={"kind": self.kind, "pk": self.pk})


def _deletion_rows(model, since, pks=None):
    rows = history_manager(model).filter(history_type="-", history_date__gte=since)
    if pks is not None:
        rows = rows.filter(**{f"{model._meta.pk.attname}__in": list(pks)})
    return rows.select_related("history_user").order_by("-history_date", "-history_id")


def _still_deleted(model, latest: dict) -> dict:
    existing = set(model._base_manager.filter(pk__in=list(latest)).values_list("pk", flat=True))
    return {pk: row for pk, row in latest.items() if pk not in existing}


def deleted_records(*, kind: str | None = None) -> list[DeletedRecord]:
    """The organisation's records deleted within the window and not restored, newest first.

    One query per kind for the deletions and one for which of them exist again."""
    since = cutoff()
    result = []
    for model in restorable_models():
        if kind and kind_of(model) != kind:
            continue
        latest = {}
        for row in _deletion_rows(model, since):
            latest.setdefault(getattr(row, model._meta.pk.attname), row)
        if latest:
            for pk, row in _still_deleted(model, latest).items():
                result.append(DeletedRecord(model=model, pk=pk, row=row))
    result.sort(key=lambda r: (r.deleted_at, r.row.history_id), reverse=True)
    return result


def prime(records: list[DeletedRecord]) -> list[DeletedRecord]:
    """Load the records' parents (one query per kind and foreign key, not per record), so that
    their names (``__str__`` often names the parent) cost no query each."""
    by_model: dict = {}
    for record in records:
        by_model.setdefault(record.model, []).append(record)
    for model, group in by_model.items():
        recorded = _history_fields(model)
        for f in model._meta.concrete_fields:
            if not (f.is_relation and (f.many_to_one or f.one_to_one)) or f.attname not in recorded:
                continue
            ids = {getattr(r.instance, f.attname) for r in group} - {None}
            if not ids:
                continue
            found = f.related_model._base_manager.in_bulk(ids)
            for record in group:
                parent = found.get(getattr(record.instance, f.attname))
                if parent is not None:
                    f.set_cached_value(record.instance, parent)
    return records


def _find_many(model, pks) -> dict:
    """The latest deletion within the window of each of ``pks`` (one query)."""
    found = {}
    for row in _deletion_rows(model, cutoff(), pks):
        pk = getattr(row, model._meta.pk.attname)
        if pk not in found:
            found[pk] = DeletedRecord(model=model, pk=pk, row=row)
    return found


def find_deleted(model, pk: int) -> DeletedRecord | None:
    """The latest deletion of ``model`` ``pk`` within the window (in the active scope)."""
    row = _deletion_rows(model, cutoff(), [pk]).first()
    return DeletedRecord(model=model, pk=pk, row=row) if row is not None else None


def _snapshot(model, row) -> DeletionSnapshot | None:
    content_type = ContentType.objects.get_for_model(model)
    return (
        DeletionSnapshot.objects.filter(
            content_type=content_type,
            object_id=getattr(row, model._meta.pk.attname),
            deleted_at=row.history_date,
        )
        .order_by("-pk")
        .first()
    )


def with_cascade_info(records: list[DeletedRecord]) -> list[DeletedRecord]:
    """Fill ``deleted_with`` (the record whose deletion took each along) for ``records``."""
    if not records:
        return records
    snapshots = DeletionSnapshot.objects.filter(
        object_id__in={r.pk for r in records}, deleted_at__in={r.deleted_at for r in records}
    ).select_related("content_type")
    by_key = {(s.content_type.model_class(), s.object_id, s.deleted_at): s for s in snapshots}
    batches = {s.batch for s in by_key.values() if not s.is_root}
    roots = {
        s.batch: s
        for s in DeletionSnapshot.objects.filter(batch__in=batches, is_root=True).select_related(
            "content_type"
        )
    }
    root_pks: dict = {}
    for root in roots.values():
        if root.content_type.model_class() is not None:
            root_pks.setdefault(root.content_type.model_class(), set()).add(root.object_id)
    root_records = {}
    for model, pks in root_pks.items():
        for pk, found in _find_many(model, pks).items():
            root_records[(model, pk)] = found
    prime(list(root_records.values()))
    for record in records:
        snapshot = by_key.get((record.model, record.pk, record.deleted_at))
        root = roots.get(snapshot.batch) if snapshot and not snapshot.is_root else None
        if root is not None:
            found = root_records.get((root.content_type.model_class(), root.object_id))
            if found is not None and found.deleted_at == root.deleted_at:
                record.deleted_with = found
    return records


def cascade_children(record: DeletedRecord) -> list[DeletedRecord]:
    """The records deleted together with ``record`` (its cascade) that are still deleted."""
    snapshot = _snapshot(record.model, record.row)
    if snapshot is None or not snapshot.is_root:
        return []
    children = []
    others = DeletionSnapshot.objects.filter(batch=snapshot.batch, is_root=False).select_related(
        "content_type"
    )
    for other in others.order_by("pk"):
        model = other.content_type.model_class()
        if model is None or not is_restorable(model):
            continue
        found = find_deleted(model, other.object_id)
        if found is not None and found.deleted_at == other.deleted_at:
            if not model._base_manager.filter(pk=other.object_id).exists():
                children.append(found)
    return children


# --- deleting ----------------------------------------------------------------------------------


def _through_defaults(through, instance) -> dict:
    """An organisation-owned link row (e.g. a market-dialogue invitation) belongs to the
    restored record's organisation."""
    if any(f.name == "organisation" for f in through._meta.concrete_fields):
        return {"organisation_id": instance.organisation_id}
    return {}


def _extras(instance) -> dict:
    """What the history does not keep of ``instance``: many-to-many links and excluded fields."""
    model = type(instance)
    links = {
        f.name: sorted(getattr(instance, f.name).values_list("pk", flat=True))
        for f in model._meta.many_to_many
    }
    reverse_links = {}
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            accessor = rel.get_accessor_name()
            key = f"{rel.related_model._meta.label_lower}.{rel.field.name}"
            reverse_links[key] = sorted(getattr(instance, accessor).values_list("pk", flat=True))
    recorded = _history_fields(model)
    fields = {}
    for f in model._meta.concrete_fields:
        if f.attname in recorded or isinstance(f, models.BinaryField):
            continue
        value = getattr(instance, f.attname)
        fields[f.attname] = value.name if isinstance(f, models.FileField) else value
    return {"m2m": links, "reverse_m2m": reverse_links, "fields": fields}


def collect(obj) -> Collector:
    """What deleting ``obj`` deletes with it (``collector.data``). Raises
    ``ProtectedError``/``RestrictedError`` when other records protect it, like ``Model.delete``."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj), origin=obj)
    collector.collect([obj])
    _collect_attachments(collector)
    return collector


def _collect_attachments(collector: Collector) -> None:
    """The attachments of the collected records go with them (a generic relation, which the
    collector does not follow): into the trash with their versions, back with a restore of the
    record, and away with their files when the record is purged. One query per kind of record
    that carries attachments."""
    for model, instances in list(collector.data.items()):
        if not attachments.is_attachable_model(model) or not is_restorable(model):
            continue
        attached = list(
            Attachment._base_manager.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[instance.pk for instance in instances],
            )
        )
        if attached:
            collector.collect(attached)


def delete_record(obj, *, collector: Collector | None = None) -> None:
    """Delete ``obj`` and what cascades with it, keeping what the history does not hold so that
    each can be restored. Raises ``ProtectedError``/``RestrictedError`` like ``Model.delete``.
    ``collector``: what :func:`collect` gave for ``obj`` in the same transaction (collected
    again if not given). Call inside ``transaction.atomic``; files are never deleted here (see
    purge_deleted)."""
    if collector is None:
        collector = collect(obj)
    now = timezone.now()
    batch = uuid.uuid4()
    snapshots = []
    for model, instances in collector.data.items():
        restorable = is_restorable(model)
        content_type = ContentType.objects.get_for_model(model) if restorable else None
        for instance in instances:
            # The history's deletion row gets the same time: it finds its snapshot by it.
            instance._history_date = now
            if restorable:
                snapshots.append(
                    DeletionSnapshot(
                        organisation_id=instance.organisation_id,
                        content_type=content_type,
                        object_id=instance.pk,
                        batch=batch,
                        is_root=model is type(obj) and instance.pk == obj.pk,
                        deleted_at=now,
                        data=_extras(instance),
                    )
                )
    DeletionSnapshot._base_manager.bulk_create(snapshots)
    collector.delete()


# --- restoring ---------------------------------------------------------------------------------


def _missing_parent_error(record: DeletedRecord, parent_model, parent_pk) -> RestoreError:
    parent_kind = parent_model._meta.verbose_name
    parent = find_deleted(parent_model, parent_pk) if is_restorable(parent_model) else None
    if parent is not None:
        return RestoreError(
            _(
                "“%(name)s” cannot be restored because it belongs to a deleted "
                "%(parent_kind)s, “%(parent)s”. Restore “%(parent)s” first, then “%(name)s”."
            )
            % {"name": record.name, "parent_kind": parent_kind, "parent": parent.name},
            url=parent.restore_url,
            url_label=_("Restore “%(parent)s”") % {"parent": parent.name},
        )
    return RestoreError(
        _(
            "“%(name)s” cannot be restored because the %(parent_kind)s it belongs to no "
            "longer exists."
        )
        % {"name": record.name, "parent_kind": parent_kind}
    )


def _restore_one(record: DeletedRecord, *, user) -> tuple[models.Model, int]:
    """Recreate one record; returns it and how many of its links could not be restored."""
    model = record.model
    if model._base_manager.filter(pk=record.pk).exists():
        raise RestoreError(
            _("“%(name)s” has already been restored.") % {"name": record.name},
            url=url_of(model._base_manager.get(pk=record.pk)),
            url_label=_("Open it"),
        )
    instance = instance_from(model, record.row)
    snapshot = _snapshot(model, record.row)
    extras = snapshot.data if snapshot else {}
    for attname, value in extras.get("fields", {}).items():
        if any(f.attname == attname for f in model._meta.concrete_fields):
            setattr(instance, attname, value)
    for model_field in model._meta.concrete_fields:
        if not (model_field.is_relation and (model_field.many_to_one or model_field.one_to_one)):
            continue
        value = getattr(instance, model_field.attname)
        if value is None or model_field.related_model._base_manager.filter(pk=value).exists():
            continue
        if model_field.null and model_field.remote_field.on_delete is models.SET_NULL:
            setattr(instance, model_field.attname, None)  # as the deletion would have done
            continue
        raise _missing_parent_error(
            record, model_field.related_model, getattr(instance, model_field.attname)
        )
    # A generic parent (an attachment's record): it must exist, like a foreign key's.
    for generic in model._meta.private_fields:
        if not isinstance(generic, GenericForeignKey):
            continue
        content_type_id = getattr(instance, f"{generic.ct_field}_id")
        parent_pk = getattr(instance, generic.fk_field)
        if content_type_id is None or parent_pk is None:
            continue
        parent_model = ContentType.objects.get_for_id(content_type_id).model_class()
        if parent_model is None or not parent_model._base_manager.filter(pk=parent_pk).exists():
            if parent_model is None:
                raise RestoreError(
                    _(
                        "“%(name)s” cannot be restored because the record it belongs to no "
                        "longer exists."
                    )
                    % {"name": record.name}
                )
            raise _missing_parent_error(record, parent_model, parent_pk)
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError as exc:
        raise RestoreError(
            _("“%(name)s” cannot be restored: %(problem)s")
            % {"name": record.name, "problem": " ".join(exc.messages)}
        ) from exc
    auto = {
        f.attname: getattr(instance, f.attname)
        for f in model._meta.concrete_fields
        if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        and getattr(instance, f.attname) is not None
    }
    instance._change_reason = _("Restored from the deleted records")
    instance._history_user = user
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError as exc:
        raise RestoreError(
            _(
                "“%(name)s” cannot be restored because it conflicts with a record that "
                "exists now. Change or delete that record first."
            )
            % {"name": record.name}
        ) from exc
    if auto:  # the original times, not the time of the restore
        model._base_manager.filter(pk=record.pk).update(**auto)
    lost = 0
    for name, pks in extras.get("m2m", {}).items():
        m2m_field = model._meta.get_field(name)
        related = m2m_field.related_model
        existing = list(related._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        getattr(instance, name).set(
            existing, through_defaults=_through_defaults(m2m_field.remote_field.through, instance)
        )
        lost += len(pks) - len(existing)
    for key, pks in extras.get("reverse_m2m", {}).items():
        label, _sep, field_name = key.rpartition(".")
        try:
            other = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        m2m_field = other._meta.get_field(field_name)
        through = m2m_field.remote_field.through
        source, target = m2m_field.m2m_field_name(), m2m_field.m2m_reverse_field_name()
        existing = list(other._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        through._base_manager.bulk_create(
            [
                through(
                    **{f"{source}_id": pk, f"{target}_id": record.pk},
                    **_through_defaults(through, instance),
                )
                for pk in existing
            ],
            ignore_conflicts=True,
        )
        lost += len(pks) - len(existing)
    return instance, lost


def url_of(instance) -> str | None:
    try:
        return instance.get_absolute_url()
    except (AttributeError, NoReverseMatch, ObjectDoesNotExist):
        return None


@dataclass
class RestoreResult:
    restored: list  # the instances, the chosen one first
    problems: list[str] = field(default_factory=list)  # children that could not be restored
    lost_links: int = 0


def _own_attachments(record: DeletedRecord, children: list) -> list:
    """Of ``children``, the attachments of ``record`` itself and their versions."""
    content_type = ContentType.objects.get_for_model(record.model)
    own = {
        child.pk
        for child in children
        if child.model is Attachment
        and child.instance.content_type_id == content_type.pk
        and child.instance.object_id == record.pk
    }
    return [
        child
        for child in children
        if (child.model is Attachment and child.pk in own)
        or (child.model is AttachmentVersion and child.instance.attachment_id in own)
    ]


def restore_record(*, record: DeletedRecord, user, with_children: bool = True) -> RestoreResult:
    """Recreate ``record`` from its deletion row, and (``with_children``) the records deleted
    together with it, parents before children. Raises :class:`RestoreError` if the record
    itself cannot be restored; a child that cannot be restored is reported in ``problems``."""
    with transaction.atomic():
        children = cascade_children(record)
        if not with_children:  # the record's own attachments come back with it all the same
            children = _own_attachments(record, children)
        instance, lost = _restore_one(record, user=user)
        result = RestoreResult(restored=[instance], lost_links=lost)
        pending = children
        while pending:
            failed = []
            for child in pending:
                try:
                    with transaction.atomic():
                        restored, lost = _restore_one(child, user=user)
                except RestoreError as exc:
                    failed.append((child, exc))
                else:
                    result.restored.append(restored)
                    result.lost_links += lost
            if len(failed) == len(pending):  # no progress: report the rest
                result.problems = [exc.message for _child, exc in failed]
                break
            pending = [child for child, _exc in failed]
    return result


# --- purging -----------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    records: int = 0
    history_rows: int = 0
    files: int = 0


def _stored_names(model, history_rows, snapshots) -> set[str]:
    """The stored file names a purged record's history and snapshots mention."""
    names = set()
    file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    for f in file_fields:
        if f.attname in _history_fields(model):
            names.update(v for v in history_rows.values_list(f.attname, flat=True) if v)
        for data in snapshots.values_list("data", flat=True):
            value = (data or {}).get("fields", {}).get(f.attname)
            if value:
                names.add(value)
    return names


def _referenced(name: str) -> bool:
    """Whether any record, or the history or snapshot of a record that is kept, still names
    the stored file."""
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.FileField):
                continue
            if model._base_manager.filter(**{f.attname: name}).exists():
                return True
            if is_restorable(model) and f.attname in _history_fields(model):
                history = history_manager(model).model
                if history._base_manager.filter(**{f.attname: name}).exists():
                    return True
    return DeletionSnapshot._base_manager.filter(data__fields__file=name).exists()


def purge_deleted(*, days: int, now: datetime.datetime | None = None) -> PurgeResult:
    """Remove for good what was deleted more than ``days`` days ago and not restored: the
    record's whole change history, its deletion snapshots and the files nothing refers to any
    more. Runs without an organisation scope (a management command)."""
    since = (now or timezone.now()) - datetime.timedelta(days=days)
    result = PurgeResult()
    names: set[str] = set()
    storages = {}
    with transaction.atomic():
        for model in restorable_models():
            history = history_manager(model).model
            pk_name = model._meta.pk.attname
            latest = {}
            rows = history._base_manager.order_by("-history_date", "-history_id")
            for pk, kind, when in rows.values_list(pk_name, "history_type", "history_date"):
                latest.setdefault(pk, (kind, when))
            gone = [pk for pk, (kind, when) in latest.items() if kind == "-" and when < since]
            gone = list(_still_deleted(model, dict.fromkeys(gone)))
            if not gone:
                continue
            content_type = ContentType.objects.get_for_model(model)
            for start in range(0, len(gone), 500):
                chunk = gone[start : start + 500]
                history_rows = history._base_manager.filter(**{f"{pk_name}__in": chunk})
                snapshots = DeletionSnapshot._base_manager.filter(
                    content_type=content_type, object_id__in=chunk
                )
                found = _stored_names(model, history_rows, snapshots)
                if found:
                    names |= found
                    for f in model._meta.concrete_fields:
                        if isinstance(f, models.FileField):
                            storages[f.storage] = True
                # Attachments left in place by a deletion before they went to the trash with
                # their record: removed for good with it, all their files too.
                if attachments.is_attachable_model(model):
                    left = list(
                        Attachment._base_manager.filter(
                            content_type=content_type, object_id__in=chunk
                        ).prefetch_related("versions")
                    )
                    for storage, name in (
                        pair for attachment in left for pair in attachments.stored_files(attachment)
                    ):
                        names.add(name)
                        storages[storage] = True
                    attachments.remove_for_good(left)
                snapshots.delete()
                result.history_rows += history_rows.delete()[0]
            result.records += len(gone)
        DeletionSnapshot._base_manager.filter(deleted_at__lt=since).delete()
        orphans = sorted(name for name in names if not _referenced(name))

        def remove_files():
            for name in orphans:
                for storage in storages:
                    if storage.exists(name):
                        storage.delete(name)

        transaction.on_commit(remove_files)
    result.files = len(orphans)
    return result
