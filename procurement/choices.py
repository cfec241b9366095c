"""The procedure and status choices that the rules (``procurement.querysets``) and the models
share; apart from the models so that the querysets need not import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Procedure(models.TextChoices):
    DIRECT_AWARD = "direktupphandling", _("Direct award (direktupphandling)")
    SIMPLIFIED = "forenklat", _("Simplified procedure (förenklat förfarande)")
    OPEN = "oppet", _("Open procedure (öppet förfarande)")
    RESTRICTED = "selektivt", _("Restricted procedure (selektivt förfarande)")
    NEGOTIATED = "forhandlat", _("Negotiated procedure (förhandlat förfarande)")
    RESERVED = "reserverad_4_18", _("Reserved contract (LOU 4 kap. 18 §)")
    RESERVED_SERVICES = "reserverad_19_25", _("Reserved for certain services (LOU 19 kap. 25 §)")
    RESERVED_NON_PROFIT = (
        "reserverad_19_25a",
        _("Reserved for non-profit organisations (LOU 19 kap. 25 a §)"),
    )
    CHOICE_SYSTEM = "lov", _("Choice system (LOV)")
    OTHER = "annat", _("Other")


RESERVED_PROCEDURES = frozenset(
    {Procedure.RESERVED, Procedure.RESERVED_SERVICES, Procedure.RESERVED_NON_PROFIT}
)


class Status(models.TextChoices):
    PLANNED = "planerad", _("Planned")
    MARKET_DIALOGUE = "marknadsdialog", _("Market dialogue")
    ADVERTISED = "annonserad", _("Advertised")
    EVALUATION = "utvardering", _("Evaluation")
    AWARDED = "tilldelad", _("Awarded")
    CONTRACT_RUNNING = "avtal_loper", _("Contract running")
    CLOSED = "avslutad", _("Closed")
    CANCELLED = "avbruten", _("Cancelled")
