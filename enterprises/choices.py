"""The register's choices, apart from the models so that ``enterprises.querysets`` can use
them (the models import the querysets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseStatus(models.TextChoices):
    IDENTIFIED = "identifierad", _("Identified")
    ACTIVE = "aktiv", _("Active collaboration")
    DORMANT = "vilande", _("Dormant")
    ENDED = "avslutad", _("Ended")
