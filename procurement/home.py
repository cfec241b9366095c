"""What procurement contributes to the home page: one aggregate query."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from collab.registry import HomeFigure
from procurement.models import RESERVED_PROCEDURES, Procurement, Status


def social_considerations() -> Q:
    """A procurement with social considerations: reserved, an employment requirement, lots,
    a market dialogue or other social requirements (one definition for every figure)."""
    return (
        Q(procedure__in=RESERVED_PROCEDURES)
        | Q(employment_requirement=True)
        | Q(divided_into_lots=True)
        | Q(market_dialogue_held=True)
        | ~Q(other_social_requirements="")
    )


def figures(request) -> list[HomeFigure]:
    social = social_considerations()
    totals = Procurement.objects.exclude(status=Status.CANCELLED).aggregate(
        total=Count("id"),
        social=Count("id", filter=social),
        reserved=Count("id", filter=Q(procedure__in=RESERVED_PROCEDURES)),
    )
    return [
        HomeFigure(
            label=_("Procurements with social considerations"),
            value=totals["social"],
            url=reverse("procurement:procurement_list"),
            detail=_("of %(total)s recorded; %(reserved)s reserved")
            % {"total": totals["total"], "reserved": totals["reserved"]},
        )
    ]
