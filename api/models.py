"""API keys and what an organisation publishes as open data.

An API key belongs to one organisation and reads only that organisation's records. The key
itself is shown once when it is created; only its SHA-256 hash is stored (a key is 256 random
bits, so a fast hash is enough: nothing to guess from it), with a short public prefix by which
it is found and recognised in the list.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab.history import ScopedHistoryManager
from collab.models import Organisation, OrganisationOwned, scoped_manager

KEY_PREFIX_LENGTH = 8


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Keys that authenticate now: not revoked and not past their expiry date."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=timezone.localdate(now))
        )


class ApiKey(OrganisationOwned):
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What the key is for, e.g. “Intranätets företagslista”."),
    )
    prefix = models.CharField(
        _("prefix"), max_length=KEY_PREFIX_LENGTH, unique=True, editable=False
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_on = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a key without an end date. The key works through this day."),
    )
    allow_personal_data = models.BooleanField(
        _("may read personal data"),
        default=False,
        help_text=_(
            "Names and e-mail addresses of meeting attendees and contact persons. Leave off "
            "unless the receiving system needs them."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = scoped_manager(ApiKeyQuerySet)

    # The organisation's export (collab.export) leaves the hash out: it is a credential.
    export_exclude = ("key_hash",)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def get_absolute_url(self) -> str:
        return reverse("publishing:apikey_detail", kwargs={"pk": self.pk})

    def is_usable(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= today)


class Licence(models.TextChoices):
    CC0 = "CC0-1.0", _("CC0 1.0 (public domain)")
    CC_BY = "CC-BY-4.0", _("CC BY 4.0 (attribution)")


class OpenDataPublication(OrganisationOwned):
    """What one organisation publishes without login at ``/oppna-data/<organisation>/``."""

    publish_register = models.BooleanField(
        _("publish the register of social enterprises"),
        default=False,
        help_text=_(
            "A public directory of the enterprises that agreed to be listed, with what they "
            "agreed to publish."
        ),
    )
    publish_procurements = models.BooleanField(
        _("publish procurements (OCDS)"),
        default=False,
        help_text=_(
            "The procurements as an Open Contracting Data Standard release package, with "
            "reservations, social considerations and awarded suppliers."
        ),
    )
    publish_figures = models.BooleanField(
        _("publish yearly figures"),
        default=False,
        help_text=_("The stored yearly figures of the follow-up catalogue."),
    )
    ocid_prefix = models.CharField(
        _("OCID prefix"),
        max_length=40,
        blank=True,
        help_text=_(
            "The prefix registered with the Open Contracting Partnership, e.g. “ocds-abc123”. "
            "Empty: the procurements are published with a prefix made from the organisation's "
            "short name."
        ),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC0
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Who turned publishing on or off, and when (shown on the settings page).
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        verbose_name = _("open data publication")
        verbose_name_plural = _("open data publications")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="one_publication_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(_("Open data"))

    def get_absolute_url(self) -> str:
        return reverse("publishing:publication")

    @property
    def publishes_anything(self) -> bool:
        return self.publish_register or self.publish_procurements or self.publish_figures


__all__ = ["ApiKey", "Licence", "OpenDataPublication", "Organisation", "hash_key"]
