"""The procurement rules, each defined once: the home page, the walk's evidence for area 6, the
dashboard, the status report and the indicators all use these.

- *Counted*: a recorded procurement that is not cancelled. Every figure about procurements
  (the numbers, and the whole a share is taken of) counts these.
- *With social considerations*: a counted procurement that is reserved (LOU 4 kap. 18 §,
  19 kap. 25 § or 19 kap. 25 a §), has an employment requirement, is divided into lots, had a
  market dialogue or states other social requirements.
- *The share with social considerations*: those with social considerations as a per cent of
  the counted ones (one decimal); no share when none are counted (0 of 0 is not 0 %).

- *Who can bid* (``eligible_suppliers_q``): the register's enterprises a procurement is open
  to. Ended enterprises never. A reserved procurement narrows the register by its paragraph:

  - LOU 4 kap. 18 § (reserved contract): work-integrating social enterprises (the register's
    kind ASF), whose main aim is the integration of people with disabilities or far from the
    labour market, with a recorded share of such people among those employed of at least 30 %
    (``SocialEnterprise.integration_share``). A work-integrating enterprise without a
    recorded share is not counted as eligible but is listed apart as "not yet known"
    (``unconfirmed_suppliers_q``): it may meet the reservation, the register cannot tell;
  - LOU 19 kap. 25 § (certain services): enterprises the register records with the societal
    mission in the statutes, the surplus reinvested and employee participation or ownership
    (each answered "Yes");
  - LOU 19 kap. 25 a §: idéburna organisationer (the register's kind "Non-profit").

  An unreserved procurement is open to every enterprise that is not ended.

The choices come from ``procurement.choices``: the models import this module.
"""

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from collab.figures import share_percent
from enterprises.models import RESERVED_CONTRACT_MIN_SHARE, Answer, EnterpriseKind
from enterprises.querysets import SocialEnterpriseQuerySet
from procurement.choices import RESERVED_PROCEDURES, Procedure, Status

# The register's enterprises a reserved procurement is open to, by its paragraph.
RESERVED_SUPPLIER_CONDITIONS = {
    Procedure.RESERVED: Q(
        kind=EnterpriseKind.WISE, integration_share__gte=RESERVED_CONTRACT_MIN_SHARE
    ),
    Procedure.RESERVED_SERVICES: Q(
        mission_in_statutes=Answer.YES,
        surplus_reinvested=Answer.YES,
        employee_participation=Answer.YES,
    ),
    Procedure.RESERVED_NON_PROFIT: Q(kind=EnterpriseKind.NON_PROFIT),
}
# The enterprises that may meet a reservation but whose register entry lacks what decides it.
UNCONFIRMED_SUPPLIER_CONDITIONS = {
    Procedure.RESERVED: Q(kind=EnterpriseKind.WISE, integration_share__isnull=True),
}

# What the "Who can bid?" box says about the rule it applied.
SUPPLIER_RULE_TEXTS = {
    Procedure.RESERVED: _(
        # xgettext:no-python-format
        "The procurement is reserved under LOU 4 kap. 18 §: only work-integrating social "
        "enterprises (ASF) are shown, suppliers whose main aim is the social and professional "
        "integration of people with disabilities or far from the labour market, and only those "
        "whose recorded share of such people among those employed is at least 30 %."
    ),
    Procedure.RESERVED_SERVICES: _(
        "The procurement is reserved under LOU 19 kap. 25 §: only enterprises that the register "
        "records with the societal mission in the statutes, the surplus reinvested and employee "
        "participation or ownership are shown."
    ),
    Procedure.RESERVED_NON_PROFIT: _(
        "The procurement is reserved under LOU 19 kap. 25 a §: only idéburna organisationer "
        "(non-profit organisations) are shown."
    ),
}
UNRESERVED_SUPPLIER_RULE_TEXT = _(
    "The procurement is not reserved: every enterprise in the register that offers the service "
    "category is shown, except ended ones."
)


def eligible_suppliers_q(procedure: str | None) -> Q:
    """The register's enterprises that can bid on a procurement with ``procedure`` (a ``Q``
    on ``SocialEnterprise``): the rule in this module's docstring."""
    return SocialEnterpriseQuerySet.not_ended_q() & RESERVED_SUPPLIER_CONDITIONS.get(procedure, Q())


def unconfirmed_suppliers_q(procedure: str | None) -> Q | None:
    """The register's enterprises that may be able to bid on a procurement with ``procedure``
    but whose entry lacks what decides it (a work-integrating enterprise without a recorded
    share, for LOU 4 kap. 18 §), or None when the rule needs nothing more. Never ended ones,
    never one that :func:`eligible_suppliers_q` already counts."""
    condition = UNCONFIRMED_SUPPLIER_CONDITIONS.get(procedure)
    if condition is None:
        return None
    return SocialEnterpriseQuerySet.not_ended_q() & condition


def supplier_rule_text(procedure: str | None) -> str:
    """The rule ``eligible_suppliers_q`` applies for ``procedure``, in words."""
    return str(SUPPLIER_RULE_TEXTS.get(procedure, UNRESERVED_SUPPLIER_RULE_TEXT))


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
