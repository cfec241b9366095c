"""The ``world``: two organisations with data in both and a user for every role in each."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from collab.models import Membership, NetworkMembership, Role
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)


@dataclass
class Side:
    organisation: object
    admin: object
    coordinator: object
    viewer: object

    def user_for(self, access: int):
        from collab.models import Access

        return {Access.READ: self.viewer, Access.EDIT: self.coordinator}.get(access, self.admin)


@dataclass
class World:
    a: Side
    b: Side
    network_coordinator: object
    outsider: object
    network: object


def _side(name: str, slug: str, code: str) -> Side:
    organisation = OrganisationFactory(name=name, slug=slug, scb_code=code)
    users = {}
    for role, key in [
        (Role.ADMINISTRATOR, "admin"),
        (Role.COORDINATOR, "coordinator"),
        (Role.VIEWER, "viewer"),
    ]:
        user = UserFactory(username=f"{key}-{slug}")
        MembershipFactory(organisation=organisation, user=user, role=role)
        users[key] = user
    return Side(organisation=organisation, **users)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files (governing documents) go to a temporary directory, never DATA_DIR."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test's ids come back in the next
    test, so a cached PDF keyed on them could otherwise be served to it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db) -> World:
    a = _side("Alfastads kommun", "alfastad", "0114")
    b = _side("Betaby kommun", "betaby", "2580")
    network = NetworkFactory(name="Testnätverket")
    for organisation in (a.organisation, b.organisation):
        NetworkMembership.objects.create(
            network=network,
            organisation=organisation,
            status=NetworkMembership.Status.ACTIVE,
            share_figures=True,
            share_levels=True,
            share_examples=True,
        )
    network_coordinator = UserFactory(username="network-coordinator")
    network.coordinators.add(network_coordinator)
    outsider = UserFactory(username="outsider")
    return World(
        a=a, b=b, network_coordinator=network_coordinator, outsider=outsider, network=network
    )


@pytest.fixture
def login(client):
    """Log ``client`` in as a user; returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield


def memberships_of(organisation):
    with scopes_disabled():
        return list(Membership.objects.filter(organisation=organisation))


__all__ = ["PASSWORD", "memberships_of"]


# --- Browser (Playwright in Debian's Chromium) -------------------------------------------------
# The fixtures live here, once: a session fixture imported into two test modules would start
# two Playwright sessions in one process.

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it (apt chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


# The demo data of a worker's first browser test, kept to give the next ones the same data at
# once (seeding takes seconds): on SQLite in memory, a copy of the database (sqlite3's backup);
# on PostgreSQL, a database made from the test database after seeding, from which each later
# test's database is made again (CREATE DATABASE ... TEMPLATE: tables, sequences, everything);
# on both, a copy of the uploaded files. The demo tests are transactional (live server): the
# test database is emptied when each ends, so every one starts from the same seeded state.
_demo_snapshot: dict = {}


def _postgresql_copy_database(connection, source: str, target: str):
    """``target`` made anew from ``source`` (no session may be connected to ``source``; the
    sessions still connected to ``target``, e.g. a live server thread kept by the browser's
    keep-alive, are ended). Runs on the maintenance database."""
    connection.close()
    with connection._nodb_cursor() as cursor:
        quote = connection.ops.quote_name
        # A session left on the source (a live server thread of an earlier test) blocks the copy.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
        # PostgreSQL 15's default strategy writes the copy to the WAL block by block; copying
        # the files is faster for a small database.
        strategy = " STRATEGY FILE_COPY" if connection.pg_version >= 150000 else ""
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}{strategy}")


@pytest.fixture(scope="session")
def _demo_postgresql_template(django_db_setup, django_db_blocker):
    """The name of the PostgreSQL database holding the demo data once seeded (dropped at the end
    of the session; made by the first ``demo``)."""
    from django.db import connection

    name = f"{connection.settings_dict['NAME']}_demo"
    yield name
    if _demo_snapshot.get("postgresql"):
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(
                f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)"
            )
            # A live server thread's session left on the test database would keep pytest-django
            # from dropping it when the session ends.
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [connection.settings_dict["NAME"]],
            )


@pytest.fixture
def demo(live_server, settings, tmp_path_factory, request):
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connection

    media = Path(settings.MEDIA_ROOT)
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        kind = "sqlite"
    elif connection.vendor == "postgresql":
        kind = "postgresql"
        template = request.getfixturevalue("_demo_postgresql_template")
    else:
        kind = None
    if kind and _demo_snapshot.get(kind):
        if kind == "sqlite":
            connection.ensure_connection()
            _demo_snapshot["db"].backup(connection.connection)
        else:
            _postgresql_copy_database(connection, template, connection.settings_dict["NAME"])
        if _demo_snapshot["media"].exists():
            shutil.copytree(_demo_snapshot["media"], media, dirs_exist_ok=True)
        ContentType.objects.clear_cache()
        caches["shared"].clear()
        return live_server
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if kind == "sqlite":
        import sqlite3

        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.ensure_connection()
        connection.connection.backup(copy)
        _demo_snapshot["db"] = copy
    elif kind == "postgresql":
        _postgresql_copy_database(connection, connection.settings_dict["NAME"], template)
    if kind:
        _demo_snapshot[kind] = True
        _demo_snapshot["media"] = tmp_path_factory.mktemp("demo-media") / "media"
        if media.exists():
            shutil.copytree(media, _demo_snapshot["media"])
    return live_server


# Runs before the page's own scripts: records what the Content-Security-Policy blocked.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
));
"""


def open_page(browser):
    """A page in a new browser context that records console errors and warnings (CSP and
    Permissions-Policy problems among them), script errors and CSP violations, for
    ``tests.harness.test_browser.browser_problems``. Close it with ``page.context.close()``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.console_problems = []

    def on_console(message):
        url = message.location.get("url", "")
        if message.type not in ("error", "warning"):
            return
        # The Django admin has no icon: the browser's own request for /favicon.ico is a 404.
        # A page that answers with an error status on purpose (an expired link's 404/410, the
        # lockout's 429) is reported as a failed load of the document itself: not a problem.
        if url.endswith("/favicon.ico") or (
            message.text.startswith("Failed to load resource") and url == page.url
        ):
            return
        page.console_problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: page.console_problems.append(f"script error: {e}"))
    return page


@pytest.fixture
def page(browser):
    page = open_page(browser)
    yield page
    page.context.close()


def _run_pending_tasks() -> int:
    """Run every queued task with django-tasks-db's own worker (batch mode: until the queue is
    empty), in this process and inside the test's transaction: the tasks run on the test's
    database, SQLite or PostgreSQL. The worker's check for stale connections is left out (it
    would close the test's connection inside its transaction)."""
    from unittest import mock

    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    worker = db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="pytest",
        excluded_queue_names=[],
    )
    before = DBTaskResult.objects.exclude(status="READY").count()
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
    return DBTaskResult.objects.exclude(status="READY").count() - before


@pytest.fixture
def run_tasks(db):
    """``run_tasks()`` runs the queued background tasks now (see :func:`_run_pending_tasks`)
    and returns how many ran. Use it with ``queued_tasks``, which keeps tasks queued."""
    return _run_pending_tasks


@pytest.fixture
def queued_tasks():
    """Tasks stay queued until the test calls ``run_tasks()`` (the page shows the progress)."""
    _AUTO_RUN["on"] = False
    yield
    _AUTO_RUN["on"] = True


_AUTO_RUN = {"on": True, "running": False}


def _run_on_enqueue(sender, task_result, **kwargs):
    if not _AUTO_RUN["on"] or _AUTO_RUN["running"]:
        return
    _AUTO_RUN["running"] = True
    try:
        _run_pending_tasks()
    finally:
        _AUTO_RUN["running"] = False


@pytest.fixture(autouse=True)
def tasks_run_when_enqueued():
    """By default a page that starts background work has it done by the worker before the
    page answers (the real database backend and worker, run in-process when the task is
    enqueued), so a test follows a page to its result as a user would after waiting; tests of
    the waiting itself use ``queued_tasks`` and ``run_tasks``."""
    from django_tasks.signals import task_enqueued

    task_enqueued.connect(_run_on_enqueue, dispatch_uid="pytest-run-tasks")
    yield
    task_enqueued.disconnect(dispatch_uid="pytest-run-tasks")


# --- Tests that do not use the database under test run once --------------------------------
# `make test` runs the suite on SQLite and on PostgreSQL. These tests read no database of the
# run: they check the source (the layering, rules defined once) or start Django in a separate
# process with settings of their own (production settings, secret keys, an unreachable
# database). They run in the SQLite run and are left out of the PostgreSQL run, where they would
# repeat the same work.
DATABASE_INDEPENDENT = (
    "tests/harness/test_layering.py::",
    "tests/api/test_keys_openapi.py::test_openapi_document_is_valid_and_generated_without_warnings",
    "tests/collab/test_imports.py::test_the_organisation_number_check_digit_is_computed_in_one_place",
    "tests/collab/test_imports.py::test_import_refused_is_defined_once_in_the_platform",
    "tests/collab/test_small_hardening.py::test_a_real_unreachable_postgresql_gives_503",
    "tests/collab/test_small_hardening.py::test_a_weak_secret_key_refuses_to_serve_in_production",
    "tests/collab/test_small_hardening.py::test_a_strong_secret_key_serves_in_production",
    "tests/collab/test_small_hardening.py::test_check_deploy_has_no_warnings_with_production",
    "tests/collab/test_platform.py::test_healthz_answers_503_when_the_database_is_down",
    "tests/collab/test_platform.py::test_production_settings_are_secure_when_debug_is_off",
    "tests/collab/test_platform.py::test_missing_secret_key_refuses_to_serve_in_production",
)


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept, left_out = [], []
    for item in items:
        (left_out if item.nodeid.startswith(DATABASE_INDEPENDENT) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
