"""What the register contributes to the home page: cards with the register's figures."""

from django.utils.translation import gettext as _

from collab import formatting
from collab.registry import HomeCard

CARDS = (
    HomeCard(
        "enterprises_identified",
        detail_keys=("enterprises_active",),
        detail=lambda v: (
            _("%(active)s in active collaboration")
            % {"active": formatting.number(v["enterprises_active"])}
        ),
    ),
    HomeCard(
        "work_training_places",
        detail=lambda v: _("offered by the enterprises in the register"),
    ),
)
