"""Benchmark of the supplier-payment import: a reproducible file of 200 000 booking lines,
uploaded, previewed, imported and summed.

Runs in a throwaway organisation inside a transaction that is rolled back at the end, so the
database is left as it was. Prints how long each step takes::

    python manage.py bench_spend                  # 200 000 rows, CSV
    python manage.py bench_spend --rows 50000 --format xlsx
"""

import io
import random
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation
from django_scopes import scope, scopes_disabled

from collab import jobs
from collab.imports import export
from collab.imports import jobs as import_jobs
from collab.models import Membership, Organisation, Role
from enterprises import orgnr
from enterprises.models import SocialEnterprise
from procurement import spend, tasks
from procurement.models import SupplierPayment
from procurement.spend_views import SpendImportDetailView, SpendView

HEADERS = [
    "Förvaltning",
    "Leverantörens namn",
    "Leverantörens organisationsnummer",
    "Fakturanummer",
    "Konto",
    "Kontotext",
    "Konterat belopp exkl. moms",
    "Bokföringsdatum",
    "Verifikationsnummer",
]
WORDS = "Bygg Städ Mat Data Buss Grön Papper Kontor Vård Fix Lyft Bageri".split()


def _org_number(rng: random.Random, prefix: str) -> str:
    nine = prefix + f"{rng.randrange(10 ** (9 - len(prefix))):0{9 - len(prefix)}d}"
    return orgnr.complete_with_check_digit(nine)


def generate(rows: int, seed: int, suppliers: int = 3_000) -> tuple[list[list[str]], list]:
    """The file's rows, and the (name, number) of the first 10 % of suppliers (the register)."""
    rng = random.Random(seed)
    names = []
    for index in range(suppliers):
        prefix = rng.choice(["556", "556", "556", "769", "802", "559"])
        suffix = {"769": " ek. för.", "802": " ideell förening"}.get(prefix, " AB")
        names.append((f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {index}{suffix}", prefix))
    numbers = [_org_number(rng, prefix) for _name, prefix in names]
    table = [HEADERS]
    start = date(2025, 1, 1)
    for index in range(rows):
        if rng.random() < 0.03:
            name, number = "Enskild näringsidkare", ""
        else:
            pick = rng.randrange(suppliers)
            name, number = names[pick][0], numbers[pick]
        ore = rng.randrange(-50_000, 5_000_000) if rng.random() < 0.02 else rng.randrange(10**7)
        amount = f"{abs(ore) // 100:,}".replace(",", "\u00a0") + f",{abs(ore) % 100:02d}"
        table.append(
            [
                rng.choice(["Socialförvaltningen", "Utbildningsförvaltningen", "KS"]),
                name,
                number,
                f"F{index:07d}",
                str(rng.choice([4010, 6540, 7010, 4630])),
                "Tjänster",
                ("-" if ore < 0 else "") + amount,
                (start + timedelta(days=rng.randrange(365))).strftime("%Y%m%d"),
                f"V{index:07d}",
            ]
        )
    register = [(names[i][0], numbers[i]) for i in range(0, suppliers, 10)]
    return table, register


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
    help = "Time upload, preview, import and result page of a generated supplier-payment file."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=2026)
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
        with scopes_disabled():
            code = next(
                f"98{n:02d}"
                for n in range(100)
                if not Organisation.objects.filter(scb_code=f"98{n:02d}").exists()
            )
            organisation = Organisation.objects.create(
                name=f"Benchmark {code}",
                slug=f"benchmark-spend-{code}",
                kind=Organisation.Kind.MUNICIPALITY,
                scb_code=code,
            )
            user = get_user_model().objects.create(username=f"benchmark-spend-{code}")
            membership = Membership.objects.create(
                organisation=organisation, user=user, role=Role.COORDINATOR
            )
        table, register = generate(options["rows"], options["seed"])
        if options["format"] == "csv":
            content = export.csv_bytes(table)
        else:
            content = to_xlsx(table)
        file_name = f"benchmark.{options['format']}"
        self.stdout.write(
            f"{options['rows']} rows, {options['format']}, {len(content) / 1024 / 1024:.1f} MB, "
            f"{len(register)} suppliers in the register"
        )

        def request_for(url):
            request = RequestFactory().get(url)
            request.user, request.membership, request.organisation = user, membership, organisation
            request.memberships = [membership]
            return request

        with scope(organisation=organisation.pk):
            SocialEnterprise.objects.bulk_create(
                SocialEnterprise(organisation=organisation, name=name, org_number=number)
                for name, number in register
            )
            timings = {}
            start = time.perf_counter()
            parsed = spend.read_upload(file_name, content)
            spend_import = spend.create_import(
                organisation=organisation, user=user, parsed=parsed, content=content
            )
            timings["upload (read, validate, store)"] = time.perf_counter() - start

            # The preview's analysis is the background job's work (run here, in this process);
            # the page reads what it kept.
            start = time.perf_counter()
            job = import_jobs.start_analysis(
                tasks.IMPORT, request=request_for("/"), uploaded=spend_import
            )
            jobs.run_job(job.pk, lambda job: import_jobs.analyse_work(tasks.IMPORT, job))
            timings["analysis (background job)"] = time.perf_counter() - start

            start = time.perf_counter()
            response = SpendImportDetailView.as_view()(
                request_for(spend_import.get_absolute_url()), pk=spend_import.pk
            )
            response.render()
            timings["preview page (the kept analysis, render)"] = time.perf_counter() - start
            assert response.status_code == 200, response.status_code

            fingerprint = response.context_data["fingerprint"]
            start = time.perf_counter()
            done = spend.apply_import(spend_import=spend_import, user=user, expected=fingerprint)
            timings["import (validate again, write, match)"] = time.perf_counter() - start

            start = time.perf_counter()
            response = SpendView.as_view()(request_for("/?year=2025"))
            response.render()
            timings["result page (aggregates)"] = time.perf_counter() - start
            summary = response.context_data["summary"]
            stored = SupplierPayment.objects.count()
        for label, seconds in timings.items():
            self.stdout.write(f"  {label:<42} {seconds:6.2f} s")
        total = sum(timings.values())
        self.stdout.write(f"  {'all steps':<42} {total:6.2f} s")
        self.stdout.write(
            f"Stored {stored} payments ({done.matched_count} matched), {done.error_count} errors; "
            f"2025: {summary.total} kr in total, {summary.social} kr from social enterprises "
            f"({summary.share:.2f} %)."
        )
