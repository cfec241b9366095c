"""Area 4: governing documents and every uploaded version of their files."""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.choices import DocumentStatus  # noqa: F401 - re-exported
from areas.querysets import GoverningDocumentQuerySet
from collab.formatting import owner_name
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, member_owner_field, scoped_manager

# --- area 4: governing documents and the action plan -----------------------------------------


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    STRATEGY = "strategi", _("Strategy (strategi)")
    PROGRAMME = "program", _("Programme (program)")
    GUIDELINE = "riktlinje", _("Guideline (riktlinje)")
    ACTION_PLAN = "handlingsplan", _("Action plan (handlingsplan)")


def document_path(instance, filename: str) -> str:
    """Stored under the organisation with a random name; served only through a view."""
    extension = Path(filename).suffix.lower()
    return f"documents/{instance.organisation_id}/{uuid.uuid4().hex}{extension}"


class GoverningDocument(OrganisationOwned):
    """A policy, strategy, programme, guideline or action plan, with its adoption and review."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("E.g. Kommunfullmäktige.")
    )
    adopted_on = models.DateField(_("adoption date"), null=True, blank=True)
    case_number = models.CharField(_("case number (diarienummer)"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    next_review = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("When the document is to be reviewed (aktualitetsprövning)."),
    )
    review_owner_user = member_owner_field(
        _("review owner (member)"),
        _("The member who prepares the review; it appears in their tasks."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        blank=True,
        max_length=255,
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) or text (.txt), at most 20 MB."),
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    # The text of the current file, for the search (``collab.files.extract_text``): filled when
    # a file is uploaded; empty without a file or when none could be read (an encrypted or
    # damaged PDF, a scanned one without text).
    text_content = models.TextField(_("text of the file"), blank=True, editable=False)

    # The history names the uploaded file (file_name), not its random storage path, and leaves
    # out the file's text (it follows the file).
    objects = scoped_manager(GoverningDocumentQuerySet)
    history = HistoricalRecords(
        history_manager=ScopedHistoryManager, excluded_fields=["file", "text_content"]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("areas:governingdocument_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The document cannot stop being valid before it becomes valid.")
        if self.adopted_on and self.next_review and self.next_review < self.adopted_on:
            errors["next_review"] = _("The next review cannot be before the adoption date.")
        if self.status == DocumentStatus.ADOPTED and not self.adopted_on:
            errors["adopted_on"] = _("An adopted document needs its adoption date.")
        if errors:
            raise ValidationError(errors)

    def is_in_force(self, today: datetime.date | None = None) -> bool:
        """The row's copy of :meth:`GoverningDocumentQuerySet.in_force_q` (no query)."""
        today = today or timezone.localdate()
        return (
            self.status in (DocumentStatus.ADOPTED, DocumentStatus.REPEALED)
            and self.adopted_on is not None
            and self.adopted_on <= today
            and (self.valid_from is None or self.valid_from <= today)
            and (
                (self.status == DocumentStatus.ADOPTED and self.valid_to is None)
                or (self.valid_to is not None and self.valid_to >= today)
            )
        )

    def review_owner_name(self) -> str:
        """The review's owner (select ``review_owner_user``)."""
        return owner_name(self.review_owner_user)

    def is_due_for_review(self, today: datetime.date | None = None) -> bool:
        """The row's copy of :meth:`GoverningDocumentQuerySet.due_for_review_q` (no query)."""
        today = today or timezone.localdate()
        return (
            self.status == DocumentStatus.ADOPTED
            and self.next_review is not None
            and self.next_review <= today
        )


class DocumentFileVersion(OrganisationOwned):
    """One uploaded file of a governing document. Every upload adds a version and no upload
    ever deletes an earlier one: the document's current file is its newest version, and the
    earlier ones stay downloadable ("Tidigare versioner")."""

    document = models.ForeignKey(
        GoverningDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("governing document"),
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    # Unknown (None) for a file uploaded before versions were kept.
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-pk"]  # newest first
        verbose_name = _("document file version")
        verbose_name_plural = _("document file versions")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("areas:governingdocument_detail", kwargs={"pk": self.document_id})
