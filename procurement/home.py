"""What procurement contributes to the home page: one aggregate query."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from collab.registry import HomeFigure
from procurement.models import Procurement
from procurement.querysets import ProcurementQuerySet


def figures(request) -> list[HomeFigure]:
    totals = Procurement.objects.social_totals(
        reserved=Count("id", filter=ProcurementQuerySet.reserved_q())
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
