"""Demo supplier payments: a year (2025) of booking lines for each demo municipality.

The file is built in the national open-data format and goes through the real import (read,
validate, apply, match), so the demo shows what a municipality sees after its first upload:
payments to some of the register's enterprises, to ordinary companies, to associations that
look like social enterprises but are not in the register, and to sole traders (personal data).

Deterministic (its own seeded random generator) and idempotent: nothing is added when the
organisation already has supplier payments.
"""

import random
from datetime import date, timedelta

from enterprises import orgnr
from enterprises.models import SocialEnterprise
from procurement import spend
from procurement.models import SupplierPayment

YEAR = 2025
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
    while True:
        nine = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
        for check in "0123456789":
            if orgnr.luhn_ok(nine + check):
                return f"{nine[:6]}-{nine[6:]}{check}"


def _kronor(rng: random.Random, low: int, high: int) -> str:
    """An amount as in a Swedish export: decimal comma, space between thousands."""
    ore = rng.randrange(low * 100, high * 100)
    whole = f"{ore // 100:,}".replace(",", " ")
    return f"{whole},{ore % 100:02d}"


def build_file(organisation, profile: str) -> bytes:
    rng = random.Random(f"spend-{YEAR}-{profile}")
    enterprises = list(
        SocialEnterprise.objects.exclude(org_number="").order_by("name")[
            : 12 if profile == "far" else 3
        ]
    )
    suppliers = [(e.name, e.org_number, 2_000, 90_000) for e in enterprises]
    suppliers += [(name, _org_number(rng, "556"), 10_000, 600_000) for name in COMPANIES]
    suppliers += [(name, _org_number(rng, prefix), 3_000, 50_000) for name, prefix in LOOKALIKES]
    rows = 600 if profile == "far" else 150
    table = [HEADERS]
    for index in range(rows):
        day = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
        account, account_text = rng.choice(ACCOUNTS)
        if rng.random() < 0.05:
            name, number, amount, personal = (
                "Enskild näringsidkare",
                "",
                _kronor(rng, 500, 20_000),
                "ja",
            )
        else:
            name, number, low, high = rng.choice(suppliers)
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
                f"F{YEAR}{index:05d}",
                account,
                account_text,
                rng.choice(ADMINISTRATIONS),
                f"V{index + 1:06d}",
                personal,
            ]
        )
    return spend.importing._csv_bytes(table)


def seed(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic on purpose
    if SupplierPayment.objects.exists():
        return
    content = build_file(organisation, profile)
    file_name = f"leverantorsreskontra-{YEAR}.csv"
    parsed = spend.read_upload(file_name, content)
    spend_import = spend.create_import(
        organisation=organisation, user=None, parsed=parsed, content=content
    )
    analysis = spend.analyse_import(spend_import)
    spend.apply_import(spend_import=spend_import, user=None, expected=analysis.fingerprint)
