"""Benchmark of the register import: a reproducible 10 000-row file, previewed and imported.

Runs in a throwaway organisation inside a transaction that is rolled back at the end, so the
database is left as it was. Prints how long each step takes::

    python manage.py bench_import                 # 10 000 rows, CSV, 2 000 of them updates
    python manage.py bench_import --format xlsx --rows 5000
"""

import io
import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation
from django_scopes import scope, scopes_disabled

from collab.imports import export
from collab.models import Membership, Organisation, Role
from enterprises import importing, orgnr
from enterprises.import_views import ImportPreviewView
from enterprises.models import (
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
)

WORDS = (
    "Returbutiken Ekorren Gröna Händer Cykelköket Trädgårdsgänget Bageriet Solrosen Tvätt "
    "Lyftet Kvarnen Kraftverket Vävstugan Fixarna Matlaget Stigen Bryggan Verkstan Hemmet"
).split()
TOWNS = ["Sjöstad", "Norrbyn", "Åby", "Älvsund", "Östervik"]


def _org_number(rng: random.Random, used: set[str]) -> str:
    while True:
        # A legal person's number: third digit 2 or more (enterprises.orgnr.possible).
        head = f"{rng.choice('2789')}{rng.randrange(10)}{rng.randrange(2, 10)}"
        number = orgnr.complete_with_check_digit(f"{head}{rng.randrange(10**6):06d}")
        if number not in used:
            used.add(number)
            return number


def generate_rows(rows: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    categories = list(ServiceCategory.objects.values_list("name", flat=True))
    challenges = list(SocietalChallenge.objects.values_list("name", flat=True))
    used: set[str] = set()
    table = [[column.header for column in importing.COLUMNS]]
    for index in range(rows):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {index} ek. för."
        values = {
            "name": name,
            "org_number": _org_number(rng, used),
            "legal_form": str(rng.choice(LegalForm.values)),
            "kind": str(rng.choice(EnterpriseKind.values)),
            "status": str(rng.choice(EnterpriseStatus.values)),
            "categories": " | ".join(rng.sample(categories, rng.randint(1, 3))),
            "challenges": " | ".join(rng.sample(challenges, rng.randint(0, 2))),
            "sdgs": ", ".join(str(n) for n in rng.sample(range(1, 18), rng.randint(0, 3))),
            "offer": f"{rng.choice(categories)} för kommunens verksamheter.",
            "cpv_codes": "",
            "work_training_places": str(rng.randint(0, 40)),
            "employees": f"{rng.randint(0, 1500):,}".replace(",", " "),
            "participants": str(rng.randint(0, 60)),
            "certifications": rng.choice(["", "Skoopi"]),
            "address": f"Storgatan {rng.randint(1, 99)}",
            "postal_code": f"{rng.randint(100, 999)} {rng.randint(10, 99)}",
            "postal_town": rng.choice(TOWNS),
            "operates_in": rng.choice(TOWNS),
            "website": f"www.foretag{index}.example.se",
            "identified_on": f"20{rng.randint(18, 26)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}",
            "notes": "",
            "tags": rng.choice(["", "dialogmöte", "upphandling"]),
        }
        # Columns not generated above (criteria, notes on them, public listing) stay empty.
        table.append([values.get(column.field, "") for column in importing.COLUMNS])
    return table


def to_csv(table: list[list[str]]) -> bytes:
    return export.csv_bytes(table)


def to_xlsx(table: list[list[str]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time preview and import of a generated file (throwaway organisation, rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument(
            "--updates",
            type=int,
            default=2_000,
            help="How many of the rows match enterprises already in the register.",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--bad-every",
            type=int,
            default=0,
            help="Give every Nth row a wrong organisation-number check digit (0: none).",
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")

    def handle(self, *args, **options):
        translation.activate("sv")
        try:
            with transaction.atomic():
                self._run(options)
                raise _Rollback
        except _Rollback:
            self.stdout.write("Rolled back: the database is as it was.")

    def _run(self, options):
        rows, updates = options["rows"], min(options["updates"], options["rows"])
        with scopes_disabled():
            code = next(
                f"99{n:02d}"
                for n in range(100)
                if not Organisation.objects.filter(scb_code=f"99{n:02d}").exists()
            )
            organisation = Organisation.objects.create(
                name=f"Benchmark {code}",
                slug=f"benchmark-{code}",
                kind=Organisation.Kind.MUNICIPALITY,
                scb_code=code,
            )
            user = get_user_model().objects.create(username=f"benchmark-{code}")
            membership = Membership.objects.create(
                organisation=organisation, user=user, role=Role.COORDINATOR
            )
            table = generate_rows(rows, options["seed"])
        existing = [(row[0], row[1]) for row in table[1 : updates + 1]]
        bad = 0
        if options["bad_every"]:
            for row in table[1 :: options["bad_every"]]:
                row[1] = row[1][:-1] + str((int(row[1][-1]) + 1) % 10)
                bad += 1
        content = to_csv(table) if options["format"] == "csv" else to_xlsx(table)
        file_name = f"benchmark.{options['format']}"
        self.stdout.write(
            f"{rows} rows ({updates} already in the register, {bad} with a wrong check digit), "
            f"{options['format']}, "
            f"{len(content) / 1024 / 1024:.1f} MB"
        )
        with scope(organisation=organisation.pk):
            SocialEnterprise.objects.bulk_create(
                [
                    SocialEnterprise(organisation=organisation, name=name, org_number=number)
                    for name, number in existing
                ]
            )
            timings = {}
            start = time.perf_counter()
            parsed = importing.read_upload(file_name, content)
            enterprise_import = importing.create_import(
                organisation=organisation, user=user, parsed=parsed, content=content
            )
            timings["upload (read, validate, store)"] = time.perf_counter() - start

            request = RequestFactory().get(enterprise_import.get_absolute_url())
            request.user, request.membership, request.organisation = user, membership, organisation
            request.memberships = [membership]
            start = time.perf_counter()
            response = ImportPreviewView.as_view()(request, pk=enterprise_import.pk)
            response.render()
            timings["preview page (read, validate, render)"] = time.perf_counter() - start
            assert response.status_code == 200, response.status_code

            analysis = importing.analyse_import(enterprise_import)
            start = time.perf_counter()
            done = importing.apply_import(
                enterprise_import=enterprise_import, user=user, expected=analysis.fingerprint
            )
            timings["import (validate again, write)"] = time.perf_counter() - start

            total = SocialEnterprise.objects.count()
            history = SocialEnterprise.history.count()
        for label, seconds in timings.items():
            self.stdout.write(f"  {label:<40} {seconds:6.2f} s")
        both = timings["preview page (read, validate, render)"]
        both += timings["import (validate again, write)"]
        self.stdout.write(f"  {'preview page + import':<40} {both:6.2f} s")
        self.stdout.write(
            f"Created {done.new_count}, updated {done.update_count}, errors {done.error_count}; "
            f"register now {total} enterprises, {history} history records."
        )
