"""Procurement's demo records: procurements (with bids, employment reports and dialogue
invitations) and supplier payments; the data is in :mod:`procurement.demo_data`.

Procurements (:func:`seed_procurements`, order 0). Sjöstad ("far"): about twenty procurements
across the pipeline, some reserved (LOU 4 kap. 18 §, 19 kap. 25 a §), some with employment
requirements and quarterly reports (one behind, one on track, one met), direct awards under the
limit and one planned direct award over it (so the warning shows), bids from the register's
enterprises found by category. Contracts start from 2022, with social considerations in a
growing number of them, so the follow-up shows five years. Norrbyn ("start"): three plain
procurements. Deterministic (no random values) and idempotent: a procurement is created only if
the organisation has none with its title; its bids and reports are created with it.

Supplier payments (:func:`seed_spend`, order 20: after the register and the procurements): one
file of booking lines a year for each demo municipality. Each file is built in the national
open-data format and goes through the real import (read, validate, apply, match), so the demo
shows what a municipality sees after its uploads: payments to some of the register's
enterprises, to ordinary companies, to associations that look like social enterprises but are
not in the register, and to sole traders (personal data). Sjöstad has five years, 2022 to the
current year (booked up to today), with a growing share bought from social enterprises (about
8 % in 2022, about 20 % in 2026). Norrbyn has uploaded one year, 2025. Deterministic (its own
seeded random generator per year) and idempotent: a year's file is imported only when the
organisation has no supplier payments booked in that year.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from collab import attachments, files
from collab.imports import export
from collab.models import Membership, Role
from enterprises import orgnr
from enterprises.models import EnterpriseStatus, ServiceCategory, SocialEnterprise
from procurement import spend
from procurement.demo_data import norrbyn, sjostad
from procurement.demo_data.spend import ACCOUNTS, ADMINISTRATIONS, COMPANIES, HEADERS, LOOKALIKES
from procurement.models import Bid, EmploymentReport, Procurement, Status, SupplierPayment
from procurement.thresholds import ensure_thresholds

PROFILES = {"far": sjostad, "start": norrbyn}

# --- procurements ----------------------------------------------------------------------------

SPECIAL_KEYS = {"category", "employment", "bids", "reports", "invite", "market_dialogue_date"}


def seed_procurements(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic
    ensure_thresholds()
    entries = sjostad.HISTORY + sjostad.PROCUREMENTS if profile == "far" else norrbyn.PROCUREMENTS
    existing = set(Procurement.objects.values_list("title", flat=True))
    categories = {c.name: c for c in ServiceCategory.objects.all()}
    for entry in entries:
        if entry["title"] in existing:
            continue
        _create(organisation, entry, categories)


def _suppliers(category):
    """The register's enterprises in the category, active ones first (deterministic)."""
    enterprises = list(SocialEnterprise.objects.filter(categories=category).order_by("name"))
    active = [e for e in enterprises if e.status == EnterpriseStatus.ACTIVE]
    return active + [e for e in enterprises if e.status != EnterpriseStatus.ACTIVE]


def _create(organisation, entry, categories) -> None:
    category = categories.get(entry["category"])
    fields = {k: v for k, v in entry.items() if k not in SPECIAL_KEYS}
    employment = entry.get("employment")
    dialogue = entry.get("market_dialogue_date")
    procurement = Procurement(
        organisation=organisation,
        category=category,
        cpv_code=(category.cpv_codes.split(",")[0].strip() if category else ""),
        employment_requirement=employment is not None,
        employment_target_type=employment[0] if employment else "",
        employment_target=employment[1] if employment else None,
        market_dialogue_held=dialogue is not None,
        market_dialogue_date=dialogue,
        **fields,
    )
    procurement.full_clean()
    procurement.save()
    suppliers = _suppliers(category) if category else []
    if entry.get("invite"):
        procurement.invited_enterprises.set(
            suppliers[: entry["invite"]], through_defaults={"organisation": organisation}
        )
    for supplier, value, awarded in entry.get("bids", []):
        bid = Bid(organisation=organisation, procurement=procurement, bid_value=value)
        if isinstance(supplier, tuple):
            bid.supplier_name, bid.supplier_org_number = supplier
        elif supplier < len(suppliers):
            bid.supplier = suppliers[supplier]
        else:
            continue
        if awarded:
            bid.awarded = True
            bid.contract_value = value
        bid.full_clean()
        bid.save()
    for start, end, months, people, placements in entry.get("reports", []):
        report = EmploymentReport(
            organisation=organisation,
            procurement=procurement,
            period_start=start,
            period_end=end,
            months_delivered=months,
            people_delivered=people,
            placements_delivered=placements,
        )
        report.full_clean()
        report.save()


# --- supplier payments ------------------------------------------------------------------------


def _org_number(rng: random.Random, prefix: str) -> str:
    nine = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    return orgnr.complete_with_check_digit(nine)


def _kronor(rng: random.Random, low: int, high: int) -> str:
    """An amount as in a Swedish export: decimal comma, space between thousands."""
    ore = rng.randrange(low * 100, high * 100)
    whole = f"{ore // 100:,}".replace(",", " ")
    return f"{whole},{ore % 100:02d}"


def _booked_days(year: int, today: date) -> int:
    """Days of the year with bookings: the whole year, or up to today (0 for a later year)."""
    last = min(date(year, 12, 31), today)
    return max((last - date(year, 1, 1)).days + 1, 0)


def build_file(organisation, profile: str, year: int, today: date | None = None) -> bytes:
    full_rows, social_chance, enterprise_count = PROFILES[profile].SPEND_YEARS[year]
    days = _booked_days(year, today or timezone.localdate())
    rng = random.Random(f"spend-{year}-{profile}")
    enterprises = list(
        SocialEnterprise.objects.exclude(org_number="").order_by("name")[:enterprise_count]
    )
    social = [(e.name, e.org_number, 2_000, 90_000) for e in enterprises]
    others = [(name, _org_number(rng, "556"), 10_000, 600_000) for name in COMPANIES]
    others += [(name, _org_number(rng, prefix), 3_000, 50_000) for name, prefix in LOOKALIKES]
    suppliers = social + others
    year_days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    rows = round(full_rows * min(days, year_days) / year_days)
    table = [HEADERS]
    for index in range(rows):
        day = date(year, 1, 1) + timedelta(days=rng.randrange(days))
        account, account_text = rng.choice(ACCOUNTS)
        if rng.random() < 0.05:
            name, number, amount, personal = (
                "Enskild näringsidkare",
                "",
                _kronor(rng, 500, 20_000),
                "ja",
            )
        else:
            if social_chance is None:
                group = suppliers
            else:
                group = social if social and rng.random() < social_chance else others
            name, number, low, high = rng.choice(group)
            amount, personal = _kronor(rng, low, high), "nej"
            if rng.random() < 0.03:
                amount = "-" + amount  # a credit note
        table.append(
            [
                organisation.scb_code or "",
                day.isoformat(),
                name,
                number,
                amount,
                f"F{year}{index:05d}",
                account,
                account_text,
                rng.choice(ADMINISTRATIONS),
                f"V{index + 1:06d}",
                personal,
            ]
        )
    return export.csv_bytes(table)


def seed_spend(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic on purpose
    today = timezone.localdate()
    for year in PROFILES[profile].SPEND_YEARS:
        if (
            _booked_days(year, today)
            and not SupplierPayment.objects.filter(booking_date__year=year).exists()
        ):
            _import_year(organisation, profile, year, today)


def _import_year(organisation, profile: str, year: int, today: date) -> None:
    content = build_file(organisation, profile, year, today)
    file_name = f"leverantorsreskontra-{year}.csv"
    parsed = spend.read_upload(file_name, content)
    spend_import = spend.create_import(
        organisation=organisation, user=None, parsed=parsed, content=content
    )
    analysis = spend.analyse_import(spend_import)
    spend.apply_import(spend_import=spend_import, user=None, expected=analysis.fingerprint)


def seed_employment_reports(*, organisation, profile, rng) -> None:  # noqa: ARG001
    """The next employment report of the running procurements with an employment requirement,
    followed up by the organisation's coordinator (a task in "Mina uppgifter"); only where no
    date is set yet (idempotent)."""
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if (
        membership is None
        or Procurement.objects.filter(next_employment_report__isnull=False).exists()
    ):
        return
    today = timezone.localdate()
    running = Procurement.objects.filter(
        employment_requirement=True, next_employment_report__isnull=True
    ).exclude(status__in=[Status.CLOSED, Status.CANCELLED])
    for offset, procurement in zip((14, 25), running.order_by("pk")[:2], strict=False):
        procurement.next_employment_report = today + timedelta(days=offset)
        procurement.employment_report_owner_user = membership.user
        procurement.save()


def seed_attachments(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic
    """The procurement documents of every procurement (idempotent)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    for procurement in Procurement.objects.order_by("pk"):
        if attachments.attachments_for(procurement).exists():
            continue
        content = files.simple_pdf(
            [
                "Upphandlingsdokument",
                procurement.title,
                "Kravspecifikation med sociala hänsyn och villkor om sysselsättning.",
            ]
        )
        attachments.add_attachment(
            parent=procurement,
            upload=SimpleUploadedFile("upphandlingsdokument.pdf", content),
            title="Upphandlingsdokument",
        )
