"""Reads for procurements: querysets ready for templates, and the rules that only read.

The follow-up rule for an employment requirement (``employment_follow_up``):

- **met** when the delivered total (all reports so far) is at least the target;
- **on track** when the delivered total is at least the expected total: the target times the
  elapsed share of the contract period (planned start to planned end) on the reference date,
  rounded to the nearest whole (the number the page shows is the number the rule compares);
- **behind** otherwise.

Reports count what is new in each period, so totals are sums over the reports. Without a
contract period the status is "no contract period" (nothing to compare with).
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collab import formatting
from enterprises.models import (
    RESERVED_CONTRACT_MIN_SHARE,
    EnterpriseKind,
    EnterpriseStatus,
    SocialEnterprise,
)
from procurement.models import (
    RESERVED_PROCEDURES,
    Bid,
    EmploymentReport,
    Procedure,
    Procurement,
    Status,
    TargetType,
    Threshold,
)
from procurement.querysets import eligible_suppliers_q, unconfirmed_suppliers_q


def threshold_in_force(kind: str, on_date: datetime.date) -> Threshold | None:
    """The threshold of ``kind`` in force on ``on_date``: the latest ``valid_from <= on_date``."""
    return (
        Threshold.objects.filter(kind=kind, valid_from__lte=on_date).order_by("-valid_from").first()
    )


def procurement_list():
    return Procurement.objects.select_related("category")


def procurement_detail():
    return Procurement.objects.select_related(
        "category", "employment_report_owner_user"
    ).prefetch_related(
        Prefetch("invited_enterprises", queryset=SocialEnterprise.objects.order_by("name")),
        Prefetch("bids", queryset=Bid.objects.select_related("supplier")),
        Prefetch("employment_reports", queryset=EmploymentReport.objects.order_by("period_start")),
    )


# A board column shows its most recent procurements; the list page has all of them.
BOARD_LIMIT = 25


def procurement_board() -> list[dict]:
    """Columns per status, in pipeline order, each with its count and its ``BOARD_LIMIT``
    most recent procurements (two queries, whatever the number of procurements)."""
    counts = dict(Procurement.objects.order_by().values_list("status").annotate(total=Count("id")))
    columns = {
        value: {
            "status": value,
            "label": label,
            "items": [],
            "total": counts.get(value, 0),
            "list_url": reverse("procurement:procurement_list") + f"?status={value}",
        }
        for value, label in Status.choices
    }
    recent = (
        Procurement.objects.select_related("category")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F("status_date").desc(nulls_last=True), F("pk").desc()],
            )
        )
        .filter(rank__lte=BOARD_LIMIT)
        .order_by("status", "rank")
    )
    for procurement in recent:
        columns[procurement.status]["items"].append(procurement)
    return list(columns.values())


def suppliers_for_category(category, procedure: str | None = None):
    """The register's enterprises (of the active organisation) that offer ``category`` and can
    bid on a procurement with ``procedure`` (never ended ones; a reserved procurement only
    those its paragraph allows: ``procurement.querysets.eligible_suppliers_q``)."""
    if category is None:
        return SocialEnterprise.objects.none()
    return (
        SocialEnterprise.objects.filter(categories=category)
        .filter(eligible_suppliers_q(procedure))
        .order_by("name")
    )


def unconfirmed_suppliers_for_category(category, procedure: str | None = None) -> list:
    """The register's enterprises that offer ``category`` and may be able to bid on a
    procurement with ``procedure``, but whose entry lacks what decides it ("not yet known":
    ``procurement.querysets.unconfirmed_suppliers_q``); [] when the rule needs nothing more
    (no query)."""
    condition = unconfirmed_suppliers_q(procedure)
    if category is None or condition is None:
        return []
    return list(
        SocialEnterprise.objects.filter(categories=category).filter(condition).order_by("name")
    )


def ineligibility_reason(procurement: Procurement, supplier) -> str:
    """Why ``supplier`` (an enterprise in the register) cannot bid on ``procurement``, or ""
    when it can. A warning, never a refusal: the register may lack what makes the supplier
    eligible, so the user checks before awarding."""
    if supplier.status == EnterpriseStatus.ENDED:
        return str(
            _(
                "%(name)s has ended according to the register. Check the entry: a supplier "
                "that has ended its activity cannot deliver the contract."
            )
            % {"name": supplier.name}
        )
    if procurement.procedure == Procedure.RESERVED and supplier.kind == EnterpriseKind.WISE:
        if supplier.integration_share is None:
            return str(
                _(
                    "The register has no recorded share of employees with a disability or far "
                    "from the labour market for %(name)s. A contract reserved under LOU 4 kap. "
                    "18 § requires at least %(minimum)s %%: ask the supplier, record the share "
                    "on the enterprise and check it before awarding."
                )
                % {"name": supplier.name, "minimum": RESERVED_CONTRACT_MIN_SHARE}
            )
        return str(
            _(
                "%(name)s has a recorded share of %(share)s %% employees with a disability or "
                "far from the labour market; a contract reserved under LOU 4 kap. 18 § "
                "requires at least %(minimum)s %%. Check the supplier and correct the register "
                "if the share has changed."
            )
            % {
                "name": supplier.name,
                "share": supplier.integration_share,
                "minimum": RESERVED_CONTRACT_MIN_SHARE,
            }
        )
    if procurement.procedure in RESERVED_PROCEDURES:
        return str(
            _(
                "%(name)s does not meet the reservation according to the register (%(rule)s). "
                "A reserved procurement may not be awarded to a supplier that does not meet "
                "it: check the supplier and correct the register if it does."
            )
            % {"name": supplier.name, "rule": procurement.get_procedure_display()}
        )
    return ""


def bid_eligibility_warning(bid: Bid) -> str:
    """The warning for a saved bid from a supplier in the register that cannot bid on its
    procurement (see :func:`ineligibility_reason`), or ""."""
    if not bid.supplier_id:
        return ""
    eligible = (
        SocialEnterprise.objects.filter(pk=bid.supplier_id)
        .filter(eligible_suppliers_q(bid.procurement.procedure))
        .exists()
    )
    return "" if eligible else ineligibility_reason(bid.procurement, bid.supplier)


def bids_with_warnings(procurement: Procurement, bids) -> list[tuple[Bid, str]]:
    """Each bid with its eligibility warning ("" when none); one query for all the bids."""
    supplier_ids = {bid.supplier_id for bid in bids if bid.supplier_id}
    eligible = set(
        SocialEnterprise.objects.filter(pk__in=supplier_ids)
        .filter(eligible_suppliers_q(procurement.procedure))
        .values_list("pk", flat=True)
        if supplier_ids
        else ()
    )
    return [
        (
            bid,
            ineligibility_reason(procurement, bid.supplier)
            if bid.supplier_id and bid.supplier_id not in eligible
            else "",
        )
        for bid in bids
    ]


# --- advice on the form and the detail page -------------------------------------------------


@dataclass
class Advice:
    kind: str  # "warning" or "info"
    title: str
    paragraphs: list[str] = field(default_factory=list)


RESERVED_OPTIONS = [
    _(
        # xgettext:no-python-format
        "Reserved contract (LOU 4 kap. 18 §): any contract may be reserved for suppliers whose "
        "main aim is the social and professional integration of people with disabilities or "
        "people far from the labour market, when at least 30 % of those employed in the "
        "activity belong to these groups."
    ),
    _(
        "Reserved for certain services (LOU 19 kap. 25 §): certain health, social and cultural "
        "services listed in the law may be reserved for organisations with a public-service "
        "mission that reinvest their profit and are owned or run with employee participation; "
        "the contract lasts at most three years."
    ),
    _(
        "Reserved for non-profit organisations (LOU 19 kap. 25 a §, from 1 January 2023): "
        "certain social services may be reserved for idéburna organisationer."
    ),
    _(
        "An employment requirement (LOU 17 kap. 1 §) or division into lots also opens the "
        "contract to social enterprises without reserving it."
    ),
]


def _kronor(amount: int) -> str:
    return formatting.number(amount)


def procurement_advice(
    *,
    procedure: str | None,
    estimated_value: int | None,
    planned_start: datetime.date | None,
    category,
    today: datetime.date | None = None,
) -> list[Advice]:
    """Warnings and explanations for a procurement (saved or being edited); never a refusal."""
    advice: list[Advice] = []
    if procedure == Procedure.DIRECT_AWARD and estimated_value is not None:
        on_date = planned_start or today or timezone.localdate()
        limit = threshold_in_force(Threshold.Kind.DIRECT_AWARD, on_date)
        if limit is not None and estimated_value > limit.amount:
            advice.append(
                Advice(
                    kind="warning",
                    title=str(_("Over the direct-award limit")),
                    paragraphs=[
                        str(
                            _(
                                "The estimated value, %(value)s kr, is over the direct-award "
                                "limit of %(limit)s kr in force on %(date)s (valid from "
                                "%(valid_from)s). A direct award is then not allowed: choose "
                                "another procedure, or check the estimate (the whole contract "
                                "term, and similar purchases in the same year, count)."
                            )
                            % {
                                "value": _kronor(estimated_value),
                                "limit": _kronor(limit.amount),
                                "date": _date(on_date),
                                "valid_from": _date(limit.valid_from),
                            }
                        )
                    ],
                )
            )
    already_reserved = procedure in RESERVED_PROCEDURES
    if category is not None and not already_reserved and suppliers_for_category(category).exists():
        advice.append(
            Advice(
                kind="info",
                title=str(
                    _("Social enterprises in the register offer %(category)s")
                    % {"category": category}
                ),
                paragraphs=[str(p) for p in RESERVED_OPTIONS],
            )
        )
    return advice


def _date(value: datetime.date) -> str:
    return formatting.date(value)


def advice_for(procurement: Procurement, today: datetime.date | None = None) -> list[Advice]:
    return procurement_advice(
        procedure=procurement.procedure,
        estimated_value=procurement.estimated_value,
        planned_start=procurement.planned_start,
        category=procurement.category,
        today=today,
    )


# --- employment follow-up --------------------------------------------------------------------


class FollowUp:
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_PERIOD = "no_period"

    LABELS = {
        MET: _("Met"),
        ON_TRACK: _("On track"),
        BEHIND: _("Behind"),
        NO_PERIOD: _("No contract period"),
    }


@dataclass
class FollowUpStatus:
    target_type: str
    target: int
    delivered: int
    expected: int  # the target times the elapsed share, rounded to the nearest whole
    status: str
    as_of: datetime.date

    @property
    def label(self) -> str:
        return str(FollowUp.LABELS[self.status])

    @property
    def target_label(self) -> str:
        return str(TargetType(self.target_type).label) if self.target_type else ""


def follow_up_status(
    *,
    target_type: str,
    target: int,
    delivered: int,
    start: datetime.date | None,
    end: datetime.date | None,
    as_of: datetime.date,
) -> FollowUpStatus:
    """The rule in this module's docstring."""
    if delivered >= target:
        status, expected = FollowUp.MET, target
    elif start is None or end is None or end <= start:
        status, expected = FollowUp.NO_PERIOD, 0
    else:
        elapsed = (min(max(as_of, start), end) - start).days
        share = elapsed / (end - start).days
        expected = math.floor(target * share + 0.5)
        status = FollowUp.ON_TRACK if delivered >= expected else FollowUp.BEHIND
    return FollowUpStatus(
        target_type=target_type,
        target=target,
        delivered=delivered,
        expected=expected,
        status=status,
        as_of=as_of,
    )


def employment_follow_up(
    procurement: Procurement, reports=None, as_of: datetime.date | None = None
) -> FollowUpStatus | None:
    """Target against delivered for a procurement with an employment requirement.

    ``reports``: the procurement's reports (e.g. prefetched); all of them by default."""
    if not procurement.employment_requirement or not procurement.employment_target:
        return None
    if reports is None:
        reports = list(procurement.employment_reports.all())
    delivered = sum(r.delivered(procurement.employment_target_type) for r in reports)
    return follow_up_status(
        target_type=procurement.employment_target_type,
        target=procurement.employment_target,
        delivered=delivered,
        start=procurement.planned_start,
        end=procurement.planned_end,
        as_of=as_of or timezone.localdate(),
    )


# --- the enterprise's page --------------------------------------------------------------------


def bids_of_enterprise(enterprise):
    return (
        Bid.objects.filter(supplier=enterprise)
        .select_related("procurement")
        .order_by("-procurement__planned_start", "procurement__title")
    )


def dialogues_of_enterprise(enterprise):
    return Procurement.objects.filter(invited_enterprises=enterprise).order_by(
        "-market_dialogue_date", "title"
    )
