"""What the register contributes to the home page: counts from one aggregate query."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from collab.registry import HomeFigure
from enterprises.models import EnterpriseStatus, SocialEnterprise


def figures(request) -> list[HomeFigure]:
    totals = SocialEnterprise.objects.exclude(status=EnterpriseStatus.ENDED).aggregate(
        enterprises=Count("id"),
        active=Count("id", filter=Q(status=EnterpriseStatus.ACTIVE)),
        places=Sum("work_training_places"),
    )
    url = reverse("enterprises:socialenterprise_list")
    return [
        HomeFigure(
            label=_("Social enterprises in the register"),
            value=totals["enterprises"],
            url=url,
            detail=_("%(active)s in active collaboration") % {"active": totals["active"]},
        ),
        HomeFigure(
            label=_("Work-training places"),
            value=totals["places"] or 0,
            url=url + "?training=ja",
            detail=_("offered by the enterprises in the register"),
        ),
    ]
