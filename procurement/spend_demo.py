"""Demo supplier payments: one file of booking lines a year for each demo municipality.

Each file is built in the national open-data format and goes through the real import (read,
validate, apply, match), so the demo shows what a municipality sees after its uploads:
payments to some of the register's enterprises, to ordinary companies, to associations that
look like social enterprises but are not in the register, and to sole traders (personal data).

Sjöstad ("far") has five years, 2022 to the current year (booked up to today), with a growing
share bought from social enterprises (about 8 % in 2022, about 20 % in 2026). Norrbyn
("start") has uploaded one year, 2025.

Deterministic (its own seeded random generator per year) and idempotent: a year's file is
imported only when the organisation has no supplier payments booked in that year.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from collab.imports import export
from enterprises import orgnr
from enterprises.models import SocialEnterprise
from procurement import spend
from procurement.models import SupplierPayment

# Per profile and year: rows for a full year, the chance that a (non-personal) row goes to a
# register enterprise (None: any supplier alike), and how many of the register's enterprises
# are suppliers that year.
YEARS = {
    "far": {
        2022: (100, 0.34, 6),
        2023: (110, 0.42, 8),
        2024: (120, 0.46, 10),
        2025: (130, 0.56, 12),
        2026: (140, 0.60, 12),
    },
    "start": {2025: (150, None, 3)},
}
HEADERS = [
    "kommun_id",
    "bokforingsdatum",
    "leverantor",
    "organisationsnummer",
    "belopp",
    "fakturanummer",
    "konto",
    "kontotext",
    "forvaltning",
    "verifikationsnummer",
    "personuppgift",
]
COMPANIES = [
    "Byggservice Norden AB",
    "Kontorsmaterial Direkt AB",
    "Fjärrvärme Sjöstad AB",
    "Livsmedelsgrossisten Syd AB",
    "IT-Partner Öst AB",
    "Städbolaget Glans AB",
    "Transportgruppen AB",
    "Konsultbyrån Analys AB",
]
LOOKALIKES = [
    ("Hemtjänstkooperativet Vänskap ek. för.", "769"),
    ("Föreningen Gröna Fingrar, ideell förening", "802"),
    ("Arbetsintegrerande Cafét i Hamnen ekonomisk förening", "769"),
]
ACCOUNTS = [
    ("4010", "Livsmedel"),
    ("6540", "IT-tjänster"),
    ("7010", "Städtjänster"),
    ("4630", "Entreprenad, grönytor"),
    ("6110", "Kontorsmateriel"),
]
ADMINISTRATIONS = ["Kommunstyrelseförvaltningen", "Socialförvaltningen", "Samhällsbyggnad"]


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
    full_rows, social_chance, enterprise_count = YEARS[profile][year]
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


def seed(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic on purpose
    today = timezone.localdate()
    for year in YEARS[profile]:
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
