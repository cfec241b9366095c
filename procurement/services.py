"""Writes for procurements: keyword-only, validated, inside a transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from enterprises.models import SocialEnterprise
from procurement.models import Bid, EmploymentReport, Procurement


@transaction.atomic
def save_procurement(
    *,
    procurement: Procurement,
    previous_status: str | None = None,
    invited=None,
    today: datetime.date | None = None,
) -> Procurement:
    """Save after validation. A new status without a status date gets today's date.

    ``invited``: the enterprises invited to the market dialogue (None: unchanged)."""
    status_changed = previous_status is None or previous_status != procurement.status
    if status_changed and procurement.status_date is None:
        procurement.status_date = today or timezone.localdate()
    procurement.full_clean()
    procurement.save()
    if invited is not None:
        procurement.invited_enterprises.set(
            invited, through_defaults={"organisation": procurement.organisation}
        )
    return procurement


def match_supplier(bid: Bid) -> None:
    """An "other supplier" whose organisation number is in the register becomes that entry."""
    if bid.supplier_id or not bid.supplier_org_number:
        return
    enterprise = SocialEnterprise.objects.filter(org_number=bid.supplier_org_number).first()
    if enterprise is not None:
        bid.supplier = enterprise
        bid.supplier_name = ""
        bid.supplier_org_number = ""


@transaction.atomic
def save_bid(*, bid: Bid) -> Bid:
    bid.full_clean()  # normalises the organisation number
    match_supplier(bid)
    bid.full_clean()
    bid.save()
    return bid


@transaction.atomic
def save_employment_report(*, report: EmploymentReport) -> EmploymentReport:
    report.full_clean()
    report.save()
    return report
