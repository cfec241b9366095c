"""What procurement contributes to the home page: the procurements with social
considerations whose contract starts this year."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collab import formatting
from collab.registry import HomeCard


def detail(values: dict) -> str:
    """ "av 4 som startar i år (50 %); 1 reserverad"."""
    reserved = values["procurements_reserved"] or 0
    return "; ".join(
        [
            _("of %(total)s starting this year (%(share)s)")
            % {
                "total": formatting.number(values["procurements_all"]),
                "share": formatting.percent(values["procurements_social_share"]),
            },
            ngettext("%(count)s reserved", "%(count)s reserved", reserved)
            % {"count": formatting.number(reserved)},
        ]
    )


CARDS = (
    HomeCard(
        "procurements_social",
        detail_keys=("procurements_all", "procurements_reserved", "procurements_social_share"),
        detail=detail,
    ),
)
