"""Load test: simulated users against gunicorn and PostgreSQL on loopback, then a lost-write check.

    make loadtest                                   # 50 users for 60 s on a throwaway PostgreSQL
    bash scripts/pg_test.sh .venv/bin/python scripts/loadtest.py --users 10 --seconds 20

Run inside ``scripts/pg_test.sh`` (it exports ``DATABASE_URL`` for a throwaway cluster; a
database on another host than the loopback is refused, because the run writes test rows). It
migrates, loads the demo data (``seed_demo``), starts gunicorn on a free port of 127.0.0.1 with
production settings (``DEBUG`` off; only HTTPS is off, as there is no TLS proxy), and runs the
users: each logs in through the login form like a browser (CSRF cookie and token) as one of the
demo coordinators, administrators or elected representatives (the login phase, timed apart:
PBKDF2 makes a login the most expensive request) and then, for ``--seconds``, reads pages (home,
register, procurement list, dashboard, an enterprise's and a procurement's page), creates
enterprises (with a fresh valid organisation number) and procurements, and edits existing ones
through their edit forms (every ``input``/``select``/``textarea`` of the form is sent back, so
hidden fields such as a version token keep working), with a short pause between actions.

Afterwards gunicorn is stopped and the database is checked: every create that got a success
redirect exists, every edit that got one is in the record's change history, and each record that
only its creator edited holds that user's last saved value. It prints the number of requests,
server errors (5xx), other errors (network, login), median and 95th-percentile latency, and
exits non-zero when there was a server error, another error or a lost write. It only ever talks
to 127.0.0.1 and stops by itself (``--seconds`` plus at most the request timeout).
"""

from __future__ import annotations

import argparse
import datetime
import html.parser
import http.cookiejar
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # it runs in the project's venv and uses the project's own rules
from enterprises.orgnr import complete_with_check_digit  # noqa: E402

PASSWORD = "samverka-demo"  # noqa: S105 (the demo users' published password)
EDITORS = ["samordnare.sjostad", "samordnare.norrbyn", "admin.sjostad", "admin.norrbyn"]
READERS = ["politiker.sjostad", "politiker.norrbyn"]
READ_PAGES = ["/", "/foretag/", "/upphandling/", "/uppfoljning/", "/foretag/?q=a"]
REQUEST_TIMEOUT = 60
LOGIN_PHASE_LIMIT = 300  # seconds for every user to log in before the timed window starts


# --- HTML forms -------------------------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """Every ``<form method=post>`` with its fields as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower()}
            self._form["fields"] = []
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if not a.get("name") or kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    fields.append(_field(a, kind, a.get("value", "on")))
                elif kind == "checkbox":
                    fields.append(_field(a, kind, None))  # unchecked: known, not sent
                return
            fields.append(_field(a, kind, a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = _field(a, "select", None)
            self._select["multiple"] = "multiple" in a
            self._select["options"] = []
            self._select["selected"] = []
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self._select["options"].append(self._option)
        elif tag == "textarea" and a.get("name"):
            self._textarea = _field(a, "textarea", "")
            fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            for option in options:
                if option["value"] is None:
                    option["value"] = option["text"].strip()
            chosen = [o["value"] for o in options if o["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0]["value"]]
            self._select["selected"] = chosen
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the newline right after <textarea>.
            if self._textarea["value"].startswith("\n"):
                self._textarea["value"] = self._textarea["value"][1:]
            self._textarea = None

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea["value"] += data


def _field(attrs: dict, kind: str, value) -> dict:
    return {"name": attrs["name"], "type": kind, "value": value, "required": "required" in attrs}


def main_form(page: str) -> dict | None:
    """The page's POST form with the most fields (not the language or logout form)."""
    parser = FormParser()
    parser.feed(page)
    forms = [f for f in parser.forms if f["method"] == "post"]
    return max(forms, key=lambda f: len(f["fields"]), default=None)


def form_data(form: dict, changes: dict, unique: str) -> list[tuple[str, str]]:
    """The fields as a browser would send them; empty required fields get a plausible value."""
    data = []
    today = datetime.date.today().isoformat()
    for item in form["fields"]:
        name = item["name"]
        if name in changes:
            data.append((name, changes[name]))
            continue
        if item["type"] == "select":
            values = item["selected"]
            if item["required"] and not any(values):
                values = [o["value"] for o in item["options"] if o["value"]][:1]
            data.extend((name, value) for value in values)
        elif item["type"] == "checkbox":
            if item["value"] is not None:
                data.append((name, item["value"]))
        else:
            value = item["value"]
            if item["required"] and not value:
                value = {"date": today, "number": "1", "email": "last@example.se"}.get(
                    item["type"], unique
                )
            data.append((name, value))
    return data


# --- the simulated users ----------------------------------------------------------------------


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    measuring: bool = False  # False while the users log in, True during the timed window
    login_latencies: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    actions: Counter = field(default_factory=Counter)
    network_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    creates: list[tuple[str, int, str]] = field(default_factory=list)  # model, pk, name
    edits: list[tuple[str, int, str, str, int, float]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # a form answered with its errors


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class User:
    def __init__(self, number: int, username: str, base: str, results: Results, args):
        self.number = number
        self.username = username
        self.base = base
        self.results = results
        self.args = args
        self.rng = random.Random(number)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.sequence = 0
        self.ready = threading.Event()  # logged in (or failed to)
        self.own: list[tuple[str, int]] = []  # records this user created: (kind, pk)
        self.shared: dict[str, list[int]] = {"enterprise": [], "procurement": []}

    # One request; returns (status, location, body) or None on a network error.
    def request(self, path: str, data: list[tuple[str, str]] | None = None):
        url = self.base + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 - always http://127.0.0.1
        if body is not None:
            request.add_header("Referer", url)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, content = error.code, error.headers, error.read()
        except (OSError, urllib.error.URLError) as error:
            with self.results.lock:
                self.results.network_errors.append(f"{path}: {error}")
            return None
        elapsed = time.perf_counter() - started
        with self.results.lock:
            if self.results.measuring:
                self.results.latencies.append(elapsed)
                page = ("POST " if data is not None else "GET ") + re.sub(r"\d+", "N", path)
                self.results.by_page.setdefault(page, []).append(elapsed)
            else:
                self.results.login_latencies.append(elapsed)
            self.results.statuses[status] += 1
            if status >= 500:
                self.results.server_errors.append(f"{status} {'POST' if data else 'GET'} {path}")
        return status, headers.get("Location", ""), content.decode("utf-8", "replace")

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def login(self) -> bool:
        got = self.request("/konto/login/")
        if got is None:
            return False
        form = main_form(got[2])
        data = form_data(form, {"username": self.username, "password": PASSWORD}, "")
        got = self.request("/konto/login/", data)
        return got is not None and got[0] == 302

    def run(self, go: threading.Event, clock: dict):
        try:
            self._run(go, clock)
        except Exception as error:  # a bug in this script must not pass as a quiet run
            with self.results.lock:
                self.results.network_errors.append(f"{self.username}: {error!r}")
        finally:
            self.ready.set()

    def _run(self, go: threading.Event, clock: dict):
        logged_in = self.login()
        if logged_in:
            self.collect_shared()
        self.ready.set()
        if not logged_in:
            with self.results.lock:
                self.results.network_errors.append(f"{self.username}: login failed")
            return
        go.wait()
        deadline = clock["deadline"]
        editor = self.username in EDITORS
        while time.monotonic() < deadline:
            roll = self.rng.random()
            if not editor or roll < 0.6:
                self.read()
            elif roll < 0.8:
                self.create()
            else:
                self.edit()
            pause = self.rng.uniform(0.5, 1.5) * self.args.think
            time.sleep(max(0.0, min(pause, deadline - time.monotonic())))

    def collect_shared(self):
        for kind, path, pattern in [
            ("enterprise", "/foretag/", r'href="/foretag/(\d+)/"'),
            ("procurement", "/upphandling/", r'href="/upphandling/(\d+)/"'),
        ]:
            got = self.request(path)
            if got is not None:
                self.shared[kind] = sorted({int(pk) for pk in re.findall(pattern, got[2])})

    def read(self):
        choices = list(READ_PAGES)
        for kind, prefix in [("enterprise", "/foretag/"), ("procurement", "/upphandling/")]:
            if self.shared[kind]:
                choices.append(f"{prefix}{self.rng.choice(self.shared[kind])}/")
        self.count("read")
        self.request(self.rng.choice(choices))

    def unique(self) -> str:
        self.sequence += 1
        return f"Lasttest {self.number:02d}-{self.sequence:04d}"

    def create(self):
        if self.rng.random() < 0.5:
            kind, path, pattern = "enterprise", "/foretag/nytt/", r"^/foretag/(\d+)/$"
            name = self.unique()
            number = complete_with_check_digit(f"717{self.number:02d}{self.sequence:04d}")
            changes = {"name": name, "org_number": number}
        else:
            kind, path, pattern = "procurement", "/upphandling/ny/", r"^/upphandling/(\d+)/$"
            name = self.unique()
            changes = {"title": name}
        self.count(f"create {kind}")
        pk = self.submit(path, changes, name, pattern)
        if pk is not None:
            self.own.append((kind, pk))
            with self.results.lock:
                self.results.creates.append((kind, pk, name))

    def edit(self):
        if self.own and self.rng.random() < 0.5:
            kind, pk = self.rng.choice(self.own)
            mine = True
        else:
            kind = self.rng.choice(["enterprise", "procurement"])
            if not self.shared[kind]:
                return
            pk, mine = self.rng.choice(self.shared[kind]), False
        prefix, field_name = {
            "enterprise": ("/foretag/", "notes"),
            "procurement": ("/upphandling/", "description"),
        }[kind]
        value = f"Ändrad av {self.unique()}"
        self.count(f"edit {kind}")
        pattern = rf"^{prefix}({pk})/$"
        started = time.monotonic()
        if self.submit(f"{prefix}{pk}/andra/", {field_name: value}, value, pattern) is not None:
            with self.results.lock:
                self.results.edits.append((kind, pk, field_name, value, int(mine), started))

    def submit(self, path: str, changes: dict, unique: str, success: str) -> int | None:
        """GET the form, POST it back changed; the pk from a success redirect, else None."""
        got = self.request(path)
        if got is None or got[0] != 200:
            return None
        form = main_form(got[2])
        if form is None:
            return None
        got = self.request(path, form_data(form, changes, unique))
        if got is None:
            return None
        status, location, content = got
        match = re.match(success, urllib.parse.urlsplit(location).path) if status == 302 else None
        if match is None:
            if status < 500:
                errors = re.findall(
                    r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)<', content, re.S
                )
                with self.results.lock:
                    self.results.rejected.append(f"{status} POST {path}: {errors[:2]}")
            return None
        return int(match.group(1))

    def count(self, action: str):
        with self.results.lock:
            self.results.actions[action] += 1


# --- the run ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="collab.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy in front.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_MANIFEST="0",
    )
    return env


def manage(env: dict, *args: str):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 - fixed command


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("loadtest: gunicorn exited while starting")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("loadtest: gunicorn did not answer /healthz in time")


def stop(server: subprocess.Popen):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def verify(results: Results) -> list[str]:
    """Every write that got a success redirect, looked up in the database."""
    import django

    django.setup()
    from django_scopes import scopes_disabled

    from enterprises.models import SocialEnterprise
    from procurement.models import Procurement

    models = {"enterprise": (SocialEnterprise, "name"), "procurement": (Procurement, "title")}
    lost = []
    with scopes_disabled():
        for kind, pk, name in results.creates:
            model, name_field = models[kind]
            if not model.objects.filter(pk=pk, **{name_field: name}).exists():
                lost.append(f"created {kind} {pk} {name!r} is missing")
        last_own: dict[tuple[str, int], tuple[float, str, str]] = {}
        for kind, pk, field_name, value, mine, started in results.edits:
            model = models[kind][0]
            if not model.history.filter(id=pk, **{field_name: value}).exists():
                lost.append(f"edit of {kind} {pk} to {value!r} is not in its history")
            if mine and started >= last_own.get((kind, pk), (0.0,))[0]:
                last_own[kind, pk] = (started, field_name, value)
        for (kind, pk), (_started, field_name, value) in last_own.items():
            stored = models[kind][0].objects.filter(pk=pk).values_list(field_name, flat=True)
            if list(stored) != [value]:
                lost.append(f"{kind} {pk}: last saved {value!r}, stored {list(stored)!r}")
    return lost


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between actions, s")
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which users arrive")
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL", "")
    host = urllib.parse.urlsplit(database_url).hostname
    if not database_url.startswith("postgres") or host not in {"127.0.0.1", "localhost", "::1"}:
        print(
            "loadtest: run it on a throwaway PostgreSQL on this machine, e.g.\n"
            "  bash scripts/pg_test.sh .venv/bin/python scripts/loadtest.py",
            file=sys.stderr,
        )
        return 2

    env = server_environment()
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG")})
    print("loadtest: migrating and loading the demo data ...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")

    load_before = os.getloadavg()[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="samverka-gunicorn-", suffix=".log", delete=False)
    command = [sys.executable, "-m", "gunicorn", "collab.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(args.workers), "--timeout", "60", "--graceful-timeout", "10"]
    server = subprocess.Popen(  # noqa: S603 - fixed command
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    results = Results()
    try:
        wait_until_up(base, server)
        print(
            f"loadtest: {args.users} users for {args.seconds:g} s against gunicorn "
            f"({args.workers} workers) on {base}",
            flush=True,
        )
        logins = EDITORS * 4 + READERS
        users = [User(n, logins[n % len(logins)], base, results, args) for n in range(args.users)]
        # First every user logs in (the login phase, timed apart), then all act for --seconds.
        go, clock = threading.Event(), {}
        threads = [threading.Thread(target=u.run, args=(go, clock), daemon=True) for u in users]
        login_started = time.monotonic()
        for thread in threads:
            thread.start()
            time.sleep(args.ramp / max(1, args.users))  # not every login at the same moment
        login_deadline = login_started + LOGIN_PHASE_LIMIT
        for user in users:
            user.ready.wait(timeout=max(0.0, login_deadline - time.monotonic()))
        login_duration = time.monotonic() - login_started
        started = time.monotonic()
        clock["deadline"] = started + args.seconds
        with results.lock:
            results.measuring = True
        go.set()
        for thread in threads:
            thread.join(
                timeout=max(0.0, clock["deadline"] - time.monotonic()) + REQUEST_TIMEOUT + 5
            )
        duration = time.monotonic() - started
    finally:
        stop(server)
        log.close()

    lost = verify(results)
    latencies = sorted(results.latencies)
    count = len(latencies)
    server_errors = sum(n for status, n in results.statuses.items() if status >= 500)
    print()
    print(
        f"machine         {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
        f"at the end ({load_before:.1f} before)"
    )
    logins = sorted(results.login_latencies)
    if logins:
        print(
            f"login phase     {len(logins)} requests in {login_duration:.0f} s (login page, "
            f"login, two lists per user): median {statistics.median(logins) * 1000:.0f} ms"
        )
    print(f"requests        {count} in {duration:.0f} s ({count / duration:.1f}/s), timed window")
    print("status (all)    " + ", ".join(f"{s}: {n}" for s, n in sorted(results.statuses.items())))
    print(f"server errors   {server_errors} (5xx)")
    print(f"other errors    {len(results.network_errors)} (network, login or client)")
    if latencies:
        p95 = latencies[min(count - 1, int(round(0.95 * count)) - 1)]
        print(
            f"latency         median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
    print("actions         " + ", ".join(f"{a}: {n}" for a, n in sorted(results.actions.items())))
    print(f"writes saved    {len(results.creates)} creates, {len(results.edits)} edits")
    print(f"forms refused   {len(results.rejected)} (answered with the form and a message)")
    print(f"lost writes     {len(lost)}")
    print("slowest pages (median ms, count):")
    pages = sorted(results.by_page.items(), key=lambda item: -statistics.median(item[1]))
    for page, times in pages[:8]:
        print(f"  {statistics.median(times) * 1000:7.0f} {len(times):5d}  {page}")
    for line in (results.server_errors + results.network_errors + lost)[:20]:
        print("  " + line)
    for line in results.rejected[:5]:
        print("  refused: " + line)
    if server_errors or results.network_errors or lost:
        print(f"\nloadtest: FAILED (gunicorn's log: {log.name})")
        return 1
    os.unlink(log.name)
    print("\nloadtest: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
