"""Benchmark of the main pages for a large municipality (Storstad, built by ``seed_scale``).

    python manage.py bench                  # 20 timed requests per page after 2 warm-ups
    python manage.py bench --repeat 5
    python manage.py bench --quick          # one request per page and small imports (smoke run)

For each main page, requested as Storstad's coordinator through Django's test client (the whole
middleware stack, no network; ``DEBUG`` off): the response status, the number of SQL queries,
the median and 95th-percentile server time, and the median as a multiple of the floor's: the
accessibility statement, a logged-in page with the whole layout and middleware but no query of
its own, requested after each of the page's timed requests (``make bench`` runs all this on
SQLite and on a throwaway PostgreSQL). The PDF status report is generated in a fresh process
(``bench --only-report``) so that its peak memory (``ru_maxrss``) is its own. Then the register
and supplier-payment imports are timed with the ``bench_import`` and ``bench_spend``
commands (their own throwaway organisation, rolled back; Storstad is untouched). The national
network's comparison page and seven-area matrix (all 311 members, ``seed_scale --network``) are
timed as its network coordinator (targets: at most 12 queries and 6× the floor).
The open-data pages (index, directory, an enterprise, the register CSV) are timed without login,
against the floor requested without login too (target: 6× the floor).

A benchmark, not a test: it reports and never fails because something is slow. A page whose URL
name does not resolve (not built yet) is reported as "not available"; a page that raises is
reported with its error.
"""

import contextlib
import io
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import unquote

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_scopes import scope, scopes_disabled

from collab import registry
from collab.models import Job, Network, Organisation
from enterprises.models import SocialEnterprise
from followup.demo_data.storstad import COORDINATOR, SLUG
from followup.models import Measurement
from procurement.models import Procurement, SupplierPayment

# (label, URL name, URL kwargs, query parameters; "{year}" is the current year)
PAGES = [
    # The floor: a logged-in page with the whole layout and middleware but no domain query.
    (FLOOR := "Floor: accessibility statement", "collab:accessibility", {}, {}),
    ("Home", "collab:home", {}, {}),
    ("Dashboard", "followup:dashboard", {}, {}),
    ("Register, no filters", "enterprises:socialenterprise_list", {}, {}),
    (
        "Register, filtered",
        "enterprises:socialenterprise_list",
        {},
        {"status": "aktiv", "kind": "asf", "training": "ja", "q": "gröna"},
    ),
    ("Procurement list", "procurement:procurement_list", {}, {}),
    ("Procurement board", "procurement:board", {}, {}),
    ("Spend, current year", "procurement:spend", {}, {"year": "{year}"}),
    ("Area overview", "areas:area_list", {}, {}),
    ("Area 3", "areas:area_detail", {"number": 3}, {}),
    ("Indicator list", "followup:indicator_list", {}, {}),
    # The header's search over every kind (collab.search), a word common in the data.
    ("Search, a common word", "collab:search", {}, {"q": "lokalvård"}),
]
# The national network (``seed_scale --network``: 311 members), as its network coordinator;
# "{network}" is the network's slug.
NETWORK_PAGES = [
    ("Network comparison, 311 members", "network:compare", {"network": "{network}"}, {}),
    ("Seven-area matrix, 311 members", "network:area_matrix", {"network": "{network}"}, {}),
]
# The open-data pages without login (the api app), requested anonymously: their floor is the same
# accessibility statement, also requested anonymously after each timed request. "{organisation}"
# is Storstad's slug, "{enterprise}" one of its enterprises listed in the public directory.
PUBLIC_PAGES = [
    ("Open data: index", "opendata:index", {}, {}),
    ("Open data: directory", "opendata:directory", {"organisation": "{organisation}"}, {}),
    (
        "Open data: an enterprise",
        "opendata:enterprise",
        {"organisation": "{organisation}", "pk": "{enterprise}"},
        {},
    ),
    ("Open data: register CSV", "opendata:register_csv", {"organisation": "{organisation}"}, {}),
    (
        "Open data: procurements (OCDS)",
        "opendata:procurements_ocds",
        {"organisation": "{organisation}"},
        {},
    ),
    ("Open data: figures CSV", "opendata:figures_csv", {"organisation": "{organisation}"}, {}),
]
REPORT = ("PDF report, current year, generated", "followup:report_pdf", {}, {"year": "{year}"})


def _get_report(client, url, params):
    """The report as a user gets it: made by a background task (run here by the database
    backend's worker, until the queue is empty) when it is not made already."""
    from django_tasks_db.management.commands.db_worker import Worker

    response = client.get(url, params, secure=True)
    if response.status_code != 302 or not response["Location"].startswith("/jobb/"):
        return response
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench",
        excluded_queue_names=[],
    ).run()
    return client.get(url, params, secure=True)


def _forget_reports() -> None:
    """As after a change to the records: no report made already (cache and finished jobs)."""
    cache.clear()
    with scopes_disabled():
        Job.objects.filter(kind="followup.report_pdf").delete()


QUICK = {"repeat": 1, "warmup": 0, "report_repeat": 0, "import_rows": 200, "spend_rows": 1_000}
MB = 1024  # ru_maxrss is in kilobytes on Linux


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (the value below which ``share`` of the values lie)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil
    return ordered[int(rank) - 1]


def _params(query: dict, year: int) -> dict:
    return {key: value.format(year=year) for key, value in query.items()}


def _consume(response) -> int:
    """The body's size; a streaming response is read to the end."""
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


class PageResult:
    def __init__(self, label: str, url: str = ""):
        self.label, self.url = label, url
        self.status: str = ""
        self.queries: int | None = None
        self.times: list[float] = []
        # The floor, requested right after each timed request: load from elsewhere on the
        # machine slows both alike, so the multiple holds on a busy machine too.
        self.floor_times: list[float] = []
        self.note = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def cells(self, floor: float | None = None) -> list[str]:
        def ms(value):
            return f"{value * 1000:.0f}" if value is not None else "–"

        median = self.median
        p95 = percentile(self.times, 0.95) if self.times else None
        if self.floor_times:
            floor = statistics.median(self.floor_times)
        multiple = f"{median / floor:.1f}×" if median is not None and floor else "–"
        return [
            self.label,
            self.url or "–",
            self.status,
            "–" if self.queries is None else str(self.queries),
            ms(median),
            ms(p95),
            multiple,
            self.note,
        ]


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells):
        parts = [
            str(cell).rjust(width) if index in right else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


class Command(BaseCommand):
    help = "Time the main pages, the PDF report and the imports for Storstad (seed_scale)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20, help="Timed requests per page.")
        parser.add_argument("--warmup", type=int, default=2, help="Untimed requests first.")
        parser.add_argument(
            "--report-repeat",
            type=int,
            default=5,
            help="Timed PDF reports after the first (cold) one, which also counts the queries: "
            "as many generated (the cache emptied first), then as many reused.",
        )
        parser.add_argument("--import-rows", type=int, default=2_000, help="Register rows.")
        parser.add_argument("--spend-rows", type=int, default=20_000, help="Payment rows.")
        parser.add_argument("--no-imports", action="store_true", help="Skip the import timings.")
        parser.add_argument(
            "--quick",
            action="store_true",
            help="A smoke run: 1 request per page, no warm-up, one PDF report, 200 register "
            "and 1 000 payment rows.",
        )
        parser.add_argument(
            "--size",
            type=float,
            default=1.0,
            help="When Storstad does not exist yet: build it with seed_scale --size SIZE.",
        )
        parser.add_argument(
            "--only-report",
            action="store_true",
            help="Internal: time the PDF report in this process and print the result as JSON.",
        )

    # --- setup -------------------------------------------------------------------------------

    def handle(self, *args, **options):
        # WhiteNoise warns at start-up when collectstatic has not run; irrelevant here.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        if options["quick"]:
            options.update(QUICK)
        if options["repeat"] < 1 or options["warmup"] < 0 or options["report_repeat"] < 0:
            raise CommandError("--repeat must be at least 1, --warmup and --report-repeat >= 0.")
        with scopes_disabled():
            organisation = Organisation.objects.filter(slug=SLUG).first()
        if organisation is None:
            if options["only_report"]:
                self.stdout.write(json.dumps({"error": "Storstad does not exist."}))
                return
            self.stdout.write(f"Storstad does not exist: seed_scale --size {options['size']:g}")
            call_command("seed_scale", size=options["size"], stdout=io.StringIO())
            with scopes_disabled():
                organisation = Organisation.objects.get(slug=SLUG)
        user = get_user_model().objects.filter(username=COORDINATOR).first()
        if user is None:
            raise CommandError(f"No user {COORDINATOR}: run seed_scale --reset.")
        with self.request_settings() as static_note:
            if options["only_report"]:
                self.stdout.write(json.dumps(self.report_here(user, options)))
                return
            self.run(organisation, user, options, static_note)

    @contextlib.contextmanager
    def request_settings(self):
        """What the test client needs with production-like settings: its host name allowed,
        DEBUG off, and static URLs even when ``collectstatic`` has not run (the manifest
        storage then raises)."""
        overrides = {"ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, "testserver"], "DEBUG": False}
        note = ""
        try:
            staticfiles_storage.url("css/samverka.css")
        except ValueError:
            overrides["STORAGES"] = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
            note = "static files not collected: plain static URLs (no manifest)"
        with override_settings(**overrides):
            yield note

    def client_for(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    # --- the run -----------------------------------------------------------------------------

    def run(self, organisation, user, options, static_note: str) -> None:
        year = timezone.localdate().year
        started = time.perf_counter()
        with scope(organisation=organisation.pk):
            counts = {
                "enterprises": SocialEnterprise.objects.count(),
                "procurements": Procurement.objects.count(),
                "payments": SupplierPayment.objects.count(),
                "measurements": Measurement.objects.count(),
            }
        self.header(organisation, counts, options, static_note)

        client = self.client_for(user)
        results = []
        for label, name, kwargs, query in PAGES:
            result = self.measure(client, label, name, kwargs, _params(query, year), options)
            results.append(result)
            self.stderr.write(f"  {label}: {result.status or 'not available'}")
        results.append(self.measure_report(user, year, options))
        client.logout()
        results.extend(self.public_pages(organisation, options))
        results.extend(self.network_pages(options))

        self.stdout.write("")
        floor = next((r.median for r in results if r.label == FLOOR and r.status == "200"), None)
        headers = ["Page", "URL", "Status", "Queries", "Median ms", "P95 ms", "× floor", "Notes"]
        rows = [r.cells(floor) for r in results]
        for line in table(headers, rows, right={3, 4, 5, 6}):
            self.stdout.write(line)
        self.stdout.write(
            "× floor: the page's median as a multiple of the floor's (the same layout and "
            "middleware, no domain query), the floor requested after each of the page's timed "
            "requests; the PDF report against the floor row."
        )

        if not options["no_imports"]:
            self.stdout.write("")
            self.imports(options)
        self.stdout.write("")
        self.stdout.write(f"Benchmark finished in {time.perf_counter() - started:.0f} s.")

    def header(self, organisation, counts, options, static_note: str) -> None:
        if connection.vendor == "sqlite":
            import sqlite3

            version = sqlite3.sqlite_version
            where = str(connection.settings_dict["NAME"])
        else:
            version = str(getattr(connection, "pg_version", "") or "")
            if version.isdigit() and len(version) >= 5:
                version = f"{int(version) // 10000}.{int(version) % 10000}"
            where = (
                f"{connection.settings_dict.get('HOST') or 'local'}:"
                f"{connection.settings_dict.get('PORT') or ''}/{connection.settings_dict['NAME']}"
            )
        now = timezone.localtime()
        write = self.stdout.write
        write(f"Samverka benchmark, {now:%Y-%m-%d %H:%M} ({settings.TIME_ZONE})")
        write(f"Database: {connection.display_name} {version} ({where})")
        write(
            f"Python {platform.python_version()}, Django {django.get_version()}, "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; DEBUG off"
        )
        write(
            f"Organisation: {organisation.name} (population {organisation.population or '–'}), "
            f"as {COORDINATOR}: " + ", ".join(f"{count} {name}" for name, count in counts.items())
        )
        write(
            f"Per page: {options['repeat']} timed requests after {options['warmup']} warm-up(s) "
            "and one request counting the queries; server time through Django's test client "
            "(no network)."
        )
        if static_note:
            write(f"Note: {static_note}.")
        write("")

    def measure(self, client, label, name, kwargs, params, options) -> PageResult:
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            result = PageResult(label)
            result.note = f"not available ({name} does not exist yet)"
            return result
        result = PageResult(label, url + (f"?{unquote(urlencode(params))}" if params else ""))
        try:
            for _ in range(options["warmup"]):
                _consume(client.get(url, params, secure=True))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params, secure=True)
                size = _consume(response)
            result.queries = len(queries.captured_queries)
            result.status = str(response.status_code)
            floor_url = reverse(PAGES[0][1]) if name != PAGES[0][1] else None
            for _ in range(options["repeat"]):
                begin = time.perf_counter()
                _consume(client.get(url, params, secure=True))
                result.times.append(time.perf_counter() - begin)
                if floor_url:
                    begin = time.perf_counter()
                    _consume(client.get(floor_url, secure=True))
                    result.floor_times.append(time.perf_counter() - begin)
            result.note = f"{size / 1024:.0f} kB"
        except Exception as exc:  # a benchmark reports, it does not fail
            result.status = "error"
            result.note = f"{type(exc).__name__}: {exc}"[:120]
        return result

    # --- the national network ----------------------------------------------------------------

    def network_pages(self, options) -> list[PageResult]:
        """The national network's pages as its coordinator (the network is built first when it
        does not exist: ``seed_scale --network``)."""
        spec = registry.scale_network()
        if spec is None:
            return [
                self._unavailable(label, "no national network registered")
                for label, *_rest in NETWORK_PAGES
            ]
        if not Network.objects.filter(slug=spec.slug).exists():
            self.stdout.write(f"The national network does not exist: {spec.build()}")
        user = get_user_model().objects.filter(username=spec.coordinator).first()
        if user is None:
            return [
                self._unavailable(label, f"no user {spec.coordinator}")
                for label, *_rest in NETWORK_PAGES
            ]
        client = self.client_for(user)
        results = []
        for label, name, kwargs, query in NETWORK_PAGES:
            kwargs = {key: value.format(network=spec.slug) for key, value in kwargs.items()}
            year = timezone.localdate().year
            result = self.measure(client, label, name, kwargs, _params(query, year), options)
            results.append(result)
            self.stderr.write(f"  {label}: {result.status or 'not available'}")
        client.logout()
        return results

    # --- the open-data pages -----------------------------------------------------------------

    def public_pages(self, organisation, options) -> list[PageResult]:
        """The public pages without login. The apps' scale seeders run first (idempotent): a
        Storstad built before them gets its open-data settings and listed enterprises."""
        for seeder in registry.scale_seeders():
            seeder(organisation=organisation)
        with scope(organisation=organisation.pk):
            enterprise = (
                SocialEnterprise.objects.filter(public_listing=True)
                .not_ended()
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
        values = {"organisation": organisation.slug, "enterprise": enterprise or 0}
        client = Client()
        results = []
        year = timezone.localdate().year
        for label, name, kwargs, query in PUBLIC_PAGES:
            kwargs = {key: value.format(**values) for key, value in kwargs.items()}
            result = self.measure(client, label, name, kwargs, _params(query, year), options)
            result.note = f"anonymous; {result.note}"
            results.append(result)
            self.stderr.write(f"  {label}: {result.status or 'not available'}")
        return results

    @staticmethod
    def _unavailable(label: str, why: str) -> PageResult:
        result = PageResult(label)
        result.note = f"not available ({why})"
        return result

    # --- the PDF report ----------------------------------------------------------------------

    def measure_report(self, user, year, options) -> PageResult:
        label, name, kwargs, query = REPORT
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            result = PageResult(label)
            result.note = f"not available ({name} does not exist yet)"
            return result
        params = _params(query, year)
        result = PageResult(label, f"{url}?{unquote(urlencode(params))}")
        # Another process sees only committed data in a real database file or server.
        separate = not connection.in_atomic_block and not (
            connection.vendor == "sqlite" and connection.is_in_memory_db()
        )
        data = self.report_subprocess(options) if separate else self.report_here(user, options)
        if data.get("error"):
            result.status = "error"
            result.note = data["error"][:160]
            return result
        result.status = str(data["status"])
        result.queries = data["queries"]
        result.times = data["times"] or [data["first"]]
        reused = (
            f"reused (cache) median {statistics.median(data['reused']) * 1000:.1f} ms; "
            if data.get("reused")
            else ""
        )
        if separate:
            result.note = reused + (
                f"first {data['first'] * 1000:.0f} ms; peak RSS {data['peak_kb'] / MB:.0f} MB "
                f"(+{(data['peak_kb'] - data['baseline_kb']) / MB:.0f} MB over the process "
                f"before the report), fresh process; {data['bytes'] / 1024:.0f} kB"
            )
        else:
            result.note = reused + (
                f"first {data['first'] * 1000:.0f} ms; peak RSS {data['peak_kb'] / MB:.0f} MB "
                "of this whole process (the data is not visible to a fresh one); "
                f"{data['bytes'] / 1024:.0f} kB"
            )
        return result

    def report_subprocess(self, options) -> dict:
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench",
            "--only-report",
            "--report-repeat",
            str(options["report_repeat"]),
        ]
        try:
            finished = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
                command, capture_output=True, text=True, timeout=1_800, check=False
            )
        except subprocess.TimeoutExpired:
            return {"error": "the report did not finish within 30 minutes"}
        lines = [line for line in finished.stdout.splitlines() if line.startswith("{")]
        if finished.returncode != 0 or not lines:
            tail = (finished.stderr or finished.stdout).strip().splitlines()[-1:] or ["no output"]
            return {"error": f"bench --only-report failed: {tail[0]}"}
        return json.loads(lines[-1])

    def report_here(self, user, options) -> dict:
        """Generate the report once cold (timed, counting its queries), then
        ``--report-repeat`` times timed. Run in a fresh process, ``peak_kb`` is the report's
        peak memory (``ru_maxrss``) and ``baseline_kb`` the process's before the first."""
        _label, name, kwargs, query = REPORT
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            return {"error": f"not available ({name} does not exist yet)"}
        params = _params(query, timezone.localdate().year)
        client = self.client_for(user)
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                response = _get_report(client, url, params)
                size = _consume(response)
                first = time.perf_counter() - begin
            # Counted now: every request clears the query log (request_started).
            queries = len(captured.captured_queries)
            # Generated: the cache emptied first (as after a change to the records); reused:
            # the same report again, from the cache.
            times, reused = [], []
            for _ in range(options["report_repeat"]):
                _forget_reports()
                begin = time.perf_counter()
                _consume(_get_report(client, url, params))
                times.append(time.perf_counter() - begin)
            for _ in range(options["report_repeat"]):
                begin = time.perf_counter()
                _consume(_get_report(client, url, params))
                reused.append(time.perf_counter() - begin)
        except Exception as exc:  # reported, not raised
            return {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            client.logout()
        return {
            "status": response.status_code,
            "content_type": response.get("Content-Type", ""),
            "bytes": size,
            "queries": queries,
            "first": first,
            "times": times,
            "reused": reused,
            "baseline_kb": baseline,
            "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        }

    # --- the imports -------------------------------------------------------------------------

    def imports(self, options) -> None:
        rows = []
        register_rows, spend_rows = options["import_rows"], options["spend_rows"]
        runs = [
            (
                f"Register import, {register_rows} rows",
                "bench_import",
                {"rows": register_rows, "updates": register_rows // 5},
            ),
            (f"Supplier payments, {spend_rows} rows", "bench_spend", {"rows": spend_rows}),
        ]
        for title, command, arguments in runs:
            output = io.StringIO()
            begin = time.perf_counter()
            try:
                call_command(command, stdout=output, **arguments)
            except Exception as exc:  # reported, not raised
                rows.append([title, "error", f"{type(exc).__name__}: {exc}"[:120]])
                continue
            total = time.perf_counter() - begin
            for match in re.finditer(r"^\s+(.+?)\s+(\d+\.\d+) s$", output.getvalue(), re.M):
                rows.append([f"{title}: {match[1]}", match[2], ""])
            rows.append([f"{title}: whole command", f"{total:.2f}", "incl. generating the file"])
        self.stdout.write(
            "Imports (bench_import / bench_spend: a throwaway organisation, rolled back)"
        )
        for line in table(["Step", "Seconds", "Notes"], rows, right={1}):
            self.stdout.write(line)
