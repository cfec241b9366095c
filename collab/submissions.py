"""A double click on "Save" saves once.

Every create and edit form carries a one-time key (hidden field ``_submission``). The save
records the key in :class:`FormSubmission` inside its own transaction, together with the page
the user is sent to. A second POST with the same key — a double click, or the form sent again
with the back button — is not saved again: the user is sent to the first save's result. Two
POSTs at the same moment cannot both pass: the key is unique, so the second insert waits for
the first transaction and then fails (PostgreSQL), or the second transaction waits for the
first to finish before it starts (SQLite, ``BEGIN IMMEDIATE``).
"""

import datetime
import re
import uuid

from django import forms
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUBMISSION_FIELD = "_submission"
KEEP = datetime.timedelta(days=2)
_KEY = re.compile(r"^[0-9a-f]{32}$")


class FormSubmission(models.Model):
    """A form key that has been saved, and where its save sent the user.

    Per user, not organisation data: only the person who sent the form can look it up."""

    key = models.CharField(_("form key"), max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        app_label = "collab"
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.key


def add_submission_field(form) -> None:
    """Give a form its one-time key (a new one each time the form is shown empty)."""
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    key.initial = lambda: uuid.uuid4().hex
    form.fields[SUBMISSION_FIELD] = key
    helper = getattr(form, "helper", None)
    if helper is not None:
        helper.render_hidden_fields = True


def _key(request) -> str:
    key = request.POST.get(SUBMISSION_FIELD, "")
    return key if _KEY.match(key) else ""


def earlier_result(request) -> str | None:
    """Where the first save of this form sent the user, if this form was saved before."""
    key = _key(request)
    if not key:
        return None
    row = FormSubmission.objects.filter(key=key, user=request.user).exclude(result_url="").first()
    return row.result_url if row is not None else None


def claim(request) -> str | None:
    """Record (inside the save's transaction) that this form is being saved.

    Returns the first save's result URL when a save with the same key got there first."""
    key = _key(request)
    if not key:
        return None
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key, user=request.user)
    except IntegrityError:
        row = FormSubmission.objects.filter(key=key, user=request.user).first()
        return (row.result_url or None) if row is not None else None
    return None


def record(request, url: str) -> None:
    """Remember where this form's save sent the user; forget keys older than two days."""
    key = _key(request)
    if not key:
        return
    FormSubmission.objects.filter(key=key, user=request.user).update(result_url=url[:500])
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
