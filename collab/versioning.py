"""No lost updates: every edit form carries the version of the record it was opened on.

The version is a fingerprint of the values the form showed, one short digest per field, signed
into a hidden field (``_version``) together with the time the form was opened. On save the view
locks the row (``select_for_update``; SQLite takes the write lock at ``BEGIN IMMEDIATE``),
builds the form on the current row and compares: a field whose value changed since the form was
opened means someone else saved in between. The save is then refused, the form is shown again
with the user's input kept, and the other person's values are listed ("Status: Avslutad").
A field the user left alone takes the other person's value in the re-shown form, so that saving
it again does not undo their change; a field both changed keeps the user's input. The re-shown
form carries the current version, so saving it again works.

Comparing the form's own fields (not the history) covers what a save would overwrite, also
fields the history does not record (many-to-many choices, a document's file, IOP criteria);
fields outside the form are never written from a stale copy, because the row is read again
under the lock. No migration: the version lives in the form.
"""

import datetime
import hashlib
import json
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core import signing
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from collab.formatting import display_value

VERSION_FIELD = "_version"
_SALT = "collab.versioning"
_MISSING = object()


def _canonical(value):
    """A stable text form of a field value: the same value read twice gives the same text."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "read"):  # an uploaded file
        return value.name or ""
    return str(value)


def _digest(value) -> str:
    text = json.dumps(_canonical(value), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _version_fields(form):
    return [(name, f) for name, f in form.fields.items() if not name.startswith("_")]


def fingerprint(form) -> dict[str, str]:
    """The digest of every field's value as the form shows it for its record (its initial)."""
    return {
        name: _digest(form.get_initial_for_field(form_field, name))
        for name, form_field in _version_fields(form)
    }


def version_token(form) -> str:
    return signing.dumps({"v": fingerprint(form), "t": int(time.time())}, salt=_SALT, compress=True)


def add_version_field(form) -> None:
    """Give an edit form its hidden version field (computed when the form is shown)."""
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    version.initial = lambda: version_token(form)
    form.fields[VERSION_FIELD] = version
    helper = getattr(form, "helper", None)
    if helper is not None:
        # A form with its own crispy layout renders only the fields it names, plus these.
        helper.render_hidden_fields = True


@dataclass
class Change:
    label: str
    value: str
    yours_kept: bool  # the user had changed the field too; their input stays in the form


@dataclass
class Conflict:
    changes: list[Change] = field(default_factory=list)
    who: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        """The message and one line per field the other person changed, for the form's top."""
        if self.who:
            lines = [
                _(
                    "%(names)s changed this record while you were editing it. Nothing has been "
                    "saved. Your input is kept below; check it against their changes and save "
                    "again."
                )
                % {"names": ", ".join(self.who)}
            ]
        else:
            lines = [
                _(
                    "Someone else changed this record while you were editing it. Nothing has "
                    "been saved. Your input is kept below; check it against their changes and "
                    "save again."
                )
            ]
        for change in self.changes:
            if change.yours_kept:
                text = _("%(field)s: %(value)s (you changed this too: your value is in the form)")
            else:
                text = _("%(field)s: %(value)s (now in the form)")
            lines.append(text % {"field": change.label, "value": change.value})
        return lines


def _opened(form):
    """The version the form was opened on: (digests, opened at), or None without a version."""
    raw = form.data.get(form.add_prefix(VERSION_FIELD)) if form.is_bound else None
    if not raw:
        # A client that sends no version (an API-style POST) saves as before: last one wins.
        return None
    try:
        payload = signing.loads(raw, salt=_SALT)
        return dict(payload["v"]), datetime.datetime.fromtimestamp(
            int(payload["t"]), tz=datetime.UTC
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return {}, None  # unreadable: treated as stale, the form is shown again to be checked


def check(form, instance=None) -> Conflict | None:
    """Compare the version the bound ``form`` was opened on with its record now.

    Call with the row locked and the form built on the current row. Returns None when nothing
    changed in between (or the POST carried no version); otherwise a :class:`Conflict`, after
    preparing the form to be shown again: the fields only the other person changed take their
    value, and the version field the current version.
    """
    opened = _opened(form)
    if opened is None:
        return None
    digests, opened_at = opened
    now = fingerprint(form)
    cleaned = getattr(form, "cleaned_data", {})
    changed = [
        name
        for name in now
        if digests.get(name, now[name]) != now[name]
        # The same value as the user's: two people made the same change, or the same form
        # was sent twice (a double click); nothing of the other save would be lost.
        and _digest(cleaned.get(name, _MISSING)) != now[name]
    ]
    if digests and not changed:
        return None
    data = form.data.copy()
    conflict = Conflict()
    for name in changed:
        form_field = form.fields[name]
        current = form.get_initial_for_field(form_field, name)
        if isinstance(form_field, forms.FileField):
            # No new file and not cleared: the form keeps the stored (their) file by itself.
            key = form.add_prefix(name)
            merged = not form.files.get(key) and not form.data.get(f"{key}-clear")
        else:
            yours = cleaned.get(name, _MISSING)
            untouched = yours is not _MISSING and _digest(yours) == digests[name]
            merged = untouched and _put(form, data, name, current)
        conflict.changes.append(
            Change(
                label=str(form_field.label or name),
                value=display(form_field, current),
                yours_kept=not merged,
            )
        )
    data[form.add_prefix(VERSION_FIELD)] = version_token(form)
    form.data = data
    if instance is not None and opened_at is not None:
        conflict.who = _changed_by(instance, opened_at)
    return conflict


def _put(form, data, name, value) -> bool:
    """Put ``value`` into the bound form's data as the browser would send it; False if the
    field's widget cannot take it (a file, a multi-part widget)."""
    bound = form[name]
    form_field = bound.field
    widget = form_field.widget
    if isinstance(form_field, forms.FileField) or isinstance(widget, forms.MultiWidget):
        return False
    prepared = form_field.prepare_value(value)
    key = bound.html_name
    if isinstance(widget, forms.CheckboxInput):
        if prepared:
            data[key] = "on"
        elif key in data:
            del data[key]
        return True
    formatted = widget.format_value(prepared)
    if getattr(widget, "allow_multiple_selected", False):
        values = [str(v) for v in (formatted or [])]
        if hasattr(data, "setlist"):
            data.setlist(key, values)
        else:
            data[key] = values
        return True
    if isinstance(formatted, list):
        formatted = formatted[0] if formatted else ""
    data[key] = "" if formatted is None else str(formatted)
    return True


def display(form_field, value) -> str:
    """A field's value as the user reads it (choices by label, records by name)."""

    if isinstance(form_field, forms.ModelMultipleChoiceField):
        items = list(value or [])
        if items and not isinstance(items[0], models.Model):
            items = list(form_field.queryset.filter(pk__in=items))
        return ", ".join(sorted(str(item) for item in items)) or "–"
    if isinstance(form_field, forms.ModelChoiceField):
        if value in (None, ""):
            return "–"
        if not isinstance(value, models.Model):
            value = form_field.queryset.filter(pk=value).first()
        return str(value) if value is not None else "–"
    if isinstance(form_field, forms.ChoiceField):
        labels = {}
        for key, label in form_field.choices:
            if isinstance(label, list | tuple):
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(str(v), v)) for v in value) or "–"
        return str(labels.get(str(value), value)) if value not in (None, "") else "–"
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else "–"
    return display_value(value)


def _changed_by(instance, since) -> list[str]:
    """The people whose saves of ``instance`` are recorded since ``since``."""
    history = getattr(instance, "history", None)
    if history is None:
        return []
    names = []
    # The opened-at time has whole seconds: a save in the same second counts as after it.
    records = history.filter(history_date__gte=since - datetime.timedelta(seconds=1))
    for record in records.select_related("history_user").order_by("history_date"):
        user = record.history_user
        name = (user.get_full_name() or user.username) if user else ""
        if name and name not in names:
            names.append(name)
    return names
