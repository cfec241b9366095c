"""Evidence for area 7 of the seven-area walk (follow up and evaluate), from follow-up."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from collab.registry import Criterion, Evidence
from followup.models import EffectChain, Target


def area_7(*, organisation, today: datetime.date) -> list[Evidence]:
    year = today.year
    targets = Target.objects.filter(year=year).aggregate(
        computed=Count("id", filter=Q(manual__isnull=True)),
        manual=Count("id", filter=Q(manual__isnull=False)),
    )
    chains = list(EffectChain.objects.annotate(step_count=Count("steps")).order_by("title")[:5])
    described = [chain for chain in chains if chain.step_count]
    total_targets = targets["computed"] + targets["manual"]
    return [
        Evidence(
            title=_("Indicators, targets and effect chains"),
            rows=[(chain.title, chain.get_absolute_url()) for chain in chains],
            figures=[
                (_("Indicators with a target for %(year)s") % {"year": year}, str(total_targets)),
                (_("Effect chains"), str(len(chains))),
            ],
            criteria=[
                Criterion(
                    met=total_targets > 0,
                    text=_("Indicators have targets for this year"),
                    hint=_("Set targets for this year on the indicators you follow."),
                ),
                Criterion(
                    met=bool(described),
                    text=_("An effect chain describes how the work leads to effects"),
                    hint=_(
                        "Describe an effect chain from resources to impacts and link the "
                        "indicators that measure it."
                    ),
                ),
            ],
            url=reverse("followup:indicator_list"),
            add_url=reverse("followup:effectchain_create"),
            add_label=_("Describe an effect chain"),
        )
    ]
