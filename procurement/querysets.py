"""The procurement rules, each defined once: the home page, the walk's evidence for area 6, the
dashboard, the status report and the indicators all use these.

- *Counted*: a recorded procurement that is not cancelled. Every figure about procurements
  (the numbers, and the whole a share is taken of) counts these.
- *With social considerations*: a counted procurement that is reserved (LOU 4 kap. 18 §,
  19 kap. 25 § or 19 kap. 25 a §), has an employment requirement, is divided into lots, had a
  market dialogue or states other social requirements.
- *The share with social considerations*: those with social considerations as a per cent of
  the counted ones (one decimal); no share when none are counted (0 of 0 is not 0 %).

The choices come from ``procurement.choices``: the models import this module.
"""

from django.db import models
from django.db.models import Count, Q

from collab.figures import share_percent
from procurement.choices import RESERVED_PROCEDURES, Status


class ProcurementQuerySet(models.QuerySet):
    @staticmethod
    def reserved_q() -> Q:
        """Reserved: LOU 4 kap. 18 §, 19 kap. 25 § or 19 kap. 25 a §."""
        return Q(procedure__in=RESERVED_PROCEDURES)

    @classmethod
    def social_considerations_q(cls) -> Q:
        return (
            cls.reserved_q()
            | Q(employment_requirement=True)
            | Q(divided_into_lots=True)
            | Q(market_dialogue_held=True)
            | ~Q(other_social_requirements="")
        )

    def counted(self):
        return self.exclude(status=Status.CANCELLED)

    @staticmethod
    def employment_report_planned_q() -> Q:
        """A supplier's next employment report to follow up: an employment requirement, a
        date for the next report, and a procurement neither closed nor cancelled."""
        return Q(employment_requirement=True, next_employment_report__isnull=False) & ~Q(
            status__in=[Status.CLOSED, Status.CANCELLED]
        )

    def employment_report_planned(self):
        return self.filter(self.employment_report_planned_q())

    def with_social_considerations(self):
        """Counted procurements with social considerations."""
        return self.counted().filter(self.social_considerations_q())

    def social_totals(self, **extra) -> dict:
        """One query: ``total`` counted, ``social`` with social considerations and their
        ``share`` (plus ``extra`` aggregates over the counted ones)."""
        totals = self.counted().aggregate(
            total=Count("id"), social=Count("id", filter=self.social_considerations_q()), **extra
        )
        totals["share"] = share_percent(totals["social"], totals["total"])
        return totals
