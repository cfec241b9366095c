"""What procurement contributes to the home page: the procurements with social
considerations whose contract starts this year."""

from django.utils.translation import gettext as _

from collab import formatting
from collab.registry import HomeCard

CARDS = (
    HomeCard(
        "procurements_social",
        detail_keys=("procurements_all", "procurements_reserved", "procurements_social_share"),
        detail=lambda v: (
            _("of %(total)s starting this year (%(share)s); %(reserved)s reserved")
            % {
                "total": formatting.number(v["procurements_all"]),
                "share": formatting.percent(v["procurements_social_share"]),
                "reserved": formatting.number(v["procurements_reserved"]),
            }
        ),
    ),
)
