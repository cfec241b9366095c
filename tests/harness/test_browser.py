"""Browser tests in Debian's Chromium (Playwright): axe-core on every reachable page, keyboard.

Every page reachable from the home page (links and create forms) is visited as a logged-in
user of the demo data and must have no WCAG 2.1 A/AA violation according to axe-core, and no
horizontal overflow at 1366 and 390 px wide.
"""

import os
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import resolve
from django_scopes import scopes_disabled

from collab.models import Membership, Organisation
from tests.conftest import open_page

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Links that are not pages to check: downloads (the data export), admin (superusers), language
# POSTs, the API's OpenAPI document (JSON, linked from its documentation page).
SKIP_PREFIXES = (
    "/admin/",
    "/static/",
    "/i18n/",
    "/organisation/exportera/",
    "/api/v1/openapi.json",
)
SKIP_QUERY = ("export=",)
# Checked by tests of their own, without login: the API's documentation page
# (tests/api/test_keys_browser.py, every operation opened) and the open-data pages
# (test_every_open_data_page_passes_axe_without_login). A logged-in crawl leaves them out.
CHECKED_WITHOUT_LOGIN = ("/api/v1/docs/", "/oppna-data/")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def browser_problems(page) -> list[str]:
    """Console errors/warnings and CSP violations since the last call (then forgotten)."""
    found = list(page.console_problems)
    page.console_problems.clear()
    found += page.evaluate("(window.__cspViolations || []).splice(0)")
    return found


def login(page, base_url, username):
    from collab.management.commands.seed_demo import DEMO_PASSWORD

    page.goto(f"{base_url}/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    # The home page, or a role's start page (a politician lands on the dashboard).
    page.wait_for_url(lambda url: not url.startswith(f"{base_url}/konto/login/"))


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, and any console error or CSP violation so far."""
    from axe_playwright_python.sync_playwright import Axe

    problems = browser_problems(page)

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    return problems + found + browser_problems(page)


# Layout: every crawled page is checked at a laptop's width and a phone's, by resizing the page
# already open (no reload): nothing wider than the window (the widest element sticking out is
# reported), at the laptop's width the main menu shown on one line, and the tables that must
# show all their columns there without scrolling.
WIDE, NARROW = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
TABLES_THAT_FIT_WIDE = {
    "procurement:procurement_list": "main .table-responsive",
    "procurement:procurement_detail": "[aria-labelledby=suppliers-heading] .table-responsive",
}
LAYOUT_PROBLEMS = """([menu, tables]) => {
  const width = window.innerWidth, problems = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 3).map((c) => "." + c).join("")
    + ` "${(el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40)}"`;
  if (document.documentElement.scrollWidth > width + 1) {
    // The outermost element reaching furthest right that no scrolling box around it clips
    // (an absolutely positioned one escapes the boxes inside its positioned ancestor).
    let widest = null, right = width + 1;
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.right <= right) continue;
      let position = getComputedStyle(el).position, clipped = position === "fixed";
      for (let p = el.parentElement; p && p !== document.body && !clipped; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (position === "absolute" && style.position === "static") continue;
        position = "static";
        clipped = style.overflowX !== "visible";
      }
      if (!clipped) { widest = el; right = box.right; }
    }
    problems.push(`${document.documentElement.scrollWidth} px wide in a ${width} px window: `
      + (widest ? `${describe(widest)} reaches ${Math.round(right)} px` : "?"));
  }
  const nav = menu && document.getElementById("main-nav");
  if (nav) {
    const links = [...nav.querySelectorAll(".main-menu > li > .nav-link")];
    const boxes = links.map((a) => a.getBoundingClientRect());
    if (!links.length || boxes.some((b) => !b.width || b.right > width))
      problems.push(`main menu not shown at ${width} px`);
    else if (new Set(boxes.map((b) => Math.round(b.top))).size > 1)
      problems.push(`main menu on more than one line at ${width} px`);
  }
  for (const selector of tables) {
    const box = document.querySelector(selector);
    if (!box) problems.push(`no table ${selector}`);
    else if (box.scrollWidth > box.clientWidth + 1)
      problems.push(`table ${selector} needs ${box.scrollWidth} px, has ${box.clientWidth} px`);
  }
  return problems;
}"""


def layout_problems(page, name: str) -> list[str]:
    """Horizontal overflow at 1366 and 390 px (and the menu and tables at 1366), by resizing
    the open page; the page is left at 1366 px, the crawl's size."""
    tables = [TABLES_THAT_FIT_WIDE[name]] if name in TABLES_THAT_FIT_WIDE else []
    found = page.evaluate(LAYOUT_PROBLEMS, [True, tables])
    page.set_viewport_size(NARROW)
    found += page.evaluate(LAYOUT_PROBLEMS, [False, []])
    page.set_viewport_size(WIDE)
    return found


# Files, not pages: fetched (200 and an attachment) instead of opened and checked by axe.
DOWNLOADS = {
    "followup:report_pdf",
    "followup:enterprise_profile_pdf",
    "followup:statusreport_pdf",
    "areas:governingdocument_download",
    "network:questionnaire_export",
    "collab:attachment_download",
    "network:example_attachment",
}


# Open-data files (CSV, JSON): fetched, not opened in the browser.
DATA_FILES = (".csv", ".json")


def crawl(
    page, base_url, start="/", per_route=1, limit=400, skip=SKIP_PREFIXES + CHECKED_WITHOUT_LOGIN
) -> dict[str, list[str]]:
    """Visit every same-origin page reachable from ``start``; return violations per page
    (axe-core's, console errors, CSP violations, and layout problems at 1366 and 390 px).

    Every named URL (route) reachable is visited, each with at most ``per_route`` different
    objects: forty enterprise pages share one template, one of them shows its problems.
    """
    host = urlparse(base_url).netloc
    page.set_viewport_size(WIDE)
    queue, seen, report = [start], set(), {}
    per_name: dict[str, int] = {}
    while queue and len(report) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        name = resolve(urlparse(path).path).view_name
        per_name[name] = per_name.get(name, 0) + 1
        if per_name[name] > per_route:
            continue
        if name in DOWNLOADS or urlparse(path).path.endswith(DATA_FILES):
            response = page.request.get(base_url + path)
            assert response.status == 200, f"{path}: {response.status}"
            if name in DOWNLOADS:
                assert "attachment" in response.headers.get("content-disposition", ""), path
            continue
        response = page.goto(base_url + path)
        assert response is not None and response.status == 200, f"{path}: {response.status}"
        report[path] = axe_violations(page) + layout_problems(page, name)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != host or url.path.startswith(skip):
                continue
            if any(q in url.query for q in SKIP_QUERY):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            # Sorting/paging variants of a list are the same page; visit one of them.
            if url.query and url.path in seen:
                continue
            if target not in seen:
                queue.append(target)
    return report, set(per_name)


# The administrator sees every page a coordinator sees, and more; the politician's pages are
# the read-only variants (no edit buttons, the dashboard as start page).
@pytest.mark.parametrize("username", ["admin.sjostad", "politiker.sjostad"])
def test_every_reachable_page_passes_axe(demo, page, username):
    login(page, demo.url, username)
    report, visited = crawl(page, demo.url)
    assert len(report) >= 8, f"crawl found too few pages: {sorted(report)}"
    # The header's search (a form, not a link): its results page with matches of every kind.
    page.goto(demo.url + "/sok/?q=lokalv%C3%A5rd")
    assert page.locator("main mark").count() > 0
    report["/sok/?q=lokalvård"] = axe_violations(page)
    if username == "admin.sjostad":
        _assert_every_page_type_was_visited(visited)
    failures = {path: v for path, v in report.items() if v}
    assert not failures, "axe, console, CSP or layout problems:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(v) for path, v in failures.items()
    )


# Pages an administrator cannot reach by links from the demo data's home page, and why.
NOT_REACHABLE_BY_LINKS = {
    "collab:job_detail": "exists only after an upload or a report's PDF is asked for; axe in "
    "test_import_pages_pass_axe",
    "collab:job_status": "the job page's script reads it (JSON); tests/collab/test_jobs.py",
    "collab:job_download": "a file result of a job; tests/collab/test_jobs.py",
    "enterprises:import_preview": "exists only after an upload (tested in test_import_pages)",
    "enterprises:import_errors": "a CSV download, not a page",
    "enterprises:import_template": "a CSV/XLSX download, not a page",
    "procurement:spendimport_mapping": "only after an upload with unknown headings (below)",
    "procurement:spendimport_errors": "a CSV download, not a page",
    "areas:governingdocument_download": "the demo documents have no files (test_records.py)",
    "collab:membership_unlock": "linked only while a member's login is blocked (test_auth_*)",
    "collab:membership_reactivate": "linked only from a deactivated member's page (demo: Lena "
    "Holm in Sjöstad); tested in tests/collab/test_rules_members.py",
    "areas:documentfileversion_download": "a file download; the demo documents have no files",
    "enterprises:import_delete": "exists only after an upload (test_import_pages_pass_axe)",
    "collab:calendar_feed_revoke": "linked only while a calendar address exists; the demo "
    "creates none (secrets); test_reminders_calendar.py",
    "collab:organisation_calendar_feed_revoke": "linked only while a calendar address exists; "
    "the demo creates none (secrets); test_reminders_calendar.py",
    "collab:attachment_create": "the upload form in a record's Bilagor section posts here "
    "(tests/collab/test_attachments_*.py)",
    "collab:attachmentversion_download": "a file download; the demo attachments have one "
    "version each (tests/collab/test_attachments_*.py)",
    "collab:search": "the header's search form (GET) leads there; axe after the crawl below",
}


# Network pages the network coordinator cannot reach by links from the demo data, and why.
NETWORK_NOT_REACHABLE_BY_LINKS: dict[str, str] = {
    "network:example_attachment": "a file download; only the featured demo examples have "
    "files (test_examples_library.py, tests/collab/test_attachments_examples.py)",
    "network:submission_file": "a file download; the demo submission has no file "
    "(test_programme_flow.py)",
    "network:mentor_meeting_create": "the form is on the pairing's page and posts here "
    "(test_mentors_pages.py)",
}


def test_every_network_page_passes_axe_for_the_network_coordinator(demo, page):
    """The network coordinator (no organisation of their own) reaches every network page by
    links from the home page; member pages are crawled above as Sjöstad's administrator."""
    from network.access import MEMBER
    from tests.harness.urls_matrix import network_routes

    login(page, demo.url, "natverk")
    report, visited = crawl(page, demo.url)
    expected = {r.name for r in network_routes() if r.audience != MEMBER and r.allows_get}
    missing = expected - visited - set(NETWORK_NOT_REACHABLE_BY_LINKS)
    assert not missing, f"network pages not reachable by links: {sorted(missing)}"
    failures = {path: v for path, v in report.items() if v}
    assert not failures, "axe, console, CSP or layout problems:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(v) for path, v in failures.items()
    )


def _assert_every_page_type_was_visited(visited: set[str]) -> None:
    from network.access import COORDINATOR
    from tests.harness.urls_matrix import generic_routes, network_routes

    expected = {r.name for r in generic_routes()} - set(NOT_REACHABLE_BY_LINKS)
    # The members' network pages (the network coordinator's are crawled below).
    expected |= {
        r.name for r in network_routes() if r.audience != COORDINATOR and r.allows_get
    } - set(NETWORK_NOT_REACHABLE_BY_LINKS)
    missing = expected - visited
    assert not missing, f"pages not reachable by links from the home page: {sorted(missing)}"


def test_import_pages_pass_axe(demo, page, tmp_path):
    login(page, demo.url, "admin.sjostad")
    page.goto(demo.url + "/foretag/import/")
    assert axe_violations(page) == []
    upload = tmp_path / "foretag.csv"
    upload.write_text(
        "namn;organisationsnummer;arbetsträningsplatser\n"
        "Nya Cykelköket ek. för.;556000-0167;4\n"
        "Felaktiga AB;556000-0168;x\n",
        encoding="utf-8",
    )
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit], main form input[type=submit]")
    page.wait_for_load_state()
    assert "/foretag/import/" in page.url and page.url.rstrip("/").split("/")[-1].isdigit()
    assert axe_violations(page) == []
    page.goto(page.url.rstrip("/") + "/ta-bort/")  # delete an import not carried out
    assert page.locator("main h1").count() == 1
    assert axe_violations(page) == []
    # A background job's page while it runs (here the tasks run at once, so one is made).
    from collab.models import Job, Organisation

    with scopes_disabled():
        job = Job.objects.create(
            organisation=Organisation.objects.get(slug="sjostad"),
            kind="test",
            title="Läser foretag.csv",
            status=Job.Status.RUNNING,
            done=400,
            total=1000,
        )
    page.goto(demo.url + job.get_absolute_url())
    assert page.locator("main progress").get_attribute("value") == "40"
    assert axe_violations(page) == []


def test_spend_mapping_and_preview_pass_axe(demo, page, tmp_path):
    login(page, demo.url, "admin.sjostad")
    page.goto(demo.url + "/upphandling/utgifter/import/")
    assert axe_violations(page) == []
    upload = tmp_path / "okanda-rubriker.csv"
    upload.write_text(
        "Mottagare;Summa;Dag\nKafé Bryggan;1 234,50;2025-03-01\nFel AB;x;2025-13-01\n",
        encoding="utf-8",
    )
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit], main form input[type=submit]")
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/kolumner"), page.url
    assert axe_violations(page) == []
    selects = page.locator("main form select")
    for index, field in enumerate(["supplier_name", "amount", "booking_date"]):
        selects.nth(index).select_option(field)
    page.click("main form button[type=submit], main form input[type=submit]")
    page.wait_for_load_state()
    assert not page.url.rstrip("/").endswith("/kolumner"), page.url  # on to the preview
    assert page.locator("main table").count() > 0
    assert axe_violations(page) == []


def test_public_pages_pass_axe(demo, page):
    for path in [
        "/konto/login/",
        "/konto/password_reset/",
        "/konto/password_reset/done/",
        "/tillganglighet/",
    ]:
        page.goto(demo.url + path)
        assert axe_violations(page) == [], path


def test_form_errors_pass_axe_and_keep_input(demo, page):
    login(page, demo.url, "admin.sjostad")
    page.goto(demo.url + "/medlemmar/ny/")
    page.fill("#id_email", "inte-en-adress")
    page.click("main form button[type=submit], main form input[type=submit]")
    assert page.input_value("#id_email") == "inte-en-adress"
    assert page.locator(".invalid-feedback, .is-invalid").count() > 0
    assert axe_violations(page) == []


def test_skip_link_is_first_and_moves_focus_to_main(demo, page):
    login(page, demo.url, "samordnare.sjostad")
    page.goto(demo.url + "/medlemmar/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.evaluate("getComputedStyle(document.activeElement).position") == "absolute"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_menu_works_by_keyboard_on_a_small_screen(demo, page):
    login(page, demo.url, "admin.sjostad")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(demo.url + "/")
    toggler = page.locator("button.navbar-toggler")
    assert toggler.is_visible()
    toggler.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#main-nav.show")
    first_section = page.locator("#main-nav .dropdown-toggle").first
    first_section.focus()
    page.keyboard.press("Enter")
    assert page.locator("#main-nav a[href='/']").first.is_visible()


def test_admin_pages_have_no_csp_violations(demo, page):
    """The Django admin works under the Content-Security-Policy: no blocked script or style."""
    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    root = get_user_model().objects.create_superuser("root", "root@example.se", "Rot-losen-123")
    device = TOTPDevice.objects.create(user=root, name="Authenticator app", confirmed=True)
    page.goto(demo.url + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "Rot-losen-123")
    page.click("form [type=submit]")
    # The admin asks a superuser for the code from the authenticator app first.
    page.wait_for_url("**/konto/tvafaktor/verifiera/**")
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.fill("#id_code", f"{code:06d}")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(demo.url + "/admin/")
    found = {}
    with scopes_disabled():
        organisation = Organisation.objects.order_by("pk").first()
        membership = Membership.objects.order_by("pk").first()
    for path in [
        "/admin/",
        "/admin/collab/organisation/",
        f"/admin/collab/organisation/{organisation.pk}/change/",
        f"/admin/collab/organisation/{organisation.pk}/history/",
        "/admin/collab/organisation/add/",
        "/admin/collab/network/add/",  # the two-box widget (filter_horizontal)
        f"/admin/collab/membership/{membership.pk}/change/",  # autocomplete
        "/admin/procurement/threshold/",
    ]:
        response = page.goto(demo.url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        found[path] = browser_problems(page)
    assert not any(found.values()), found


def test_invitation_pages_pass_axe(demo, page, browser):
    """Invite, the invitation's pages, and the acceptance page with errors (no account)."""
    import re

    from django.core import mail

    login(page, demo.url, "admin.sjostad")
    page.goto(demo.url + "/medlemmar/ny/")
    page.fill("#id_email", "ny.kollega@sjostad.example.se")
    page.click("main form button[type=submit], main form input[type=submit]")
    page.wait_for_url(re.compile(r".*/inbjudningar/\d+/$"))
    assert "ny.kollega@sjostad.example.se" in page.content()
    assert axe_violations(page) == []
    page.goto(demo.url + "/inbjudningar/")
    assert axe_violations(page) == []

    token = re.search(r"/inbjudan/([^/\s]+)/", mail.outbox[-1].body).group(1)
    anonymous = open_page(browser)
    context = anonymous.context
    try:
        anonymous.goto(f"{demo.url}/inbjudan/{token}/")
        assert anonymous.input_value("#id_username") == "ny.kollega@sjostad.example.se"
        assert axe_violations(anonymous) == []
        anonymous.fill("#id_first_name", "Ny")
        anonymous.click("main form button[type=submit], main form input[type=submit]")
        assert anonymous.locator(".is-invalid").count() > 0
        assert axe_violations(anonymous) == []
        anonymous.goto(f"{demo.url}/inbjudan/inte-giltig/")
        assert axe_violations(anonymous) == []
    finally:
        context.close()


def test_every_open_data_page_passes_axe_without_login(demo, page):
    """The open-data pages of the demo (Sjöstad publishes its register and figures), reached by
    links from /oppna-data/ without logging in (tests/api/test_opendata_*.py for their
    content)."""
    report, visited = crawl(page, demo.url, start="/oppna-data/", skip=SKIP_PREFIXES)
    expected = {
        "opendata:procurements_ocds",
        "opendata:procurements_csv",
        "opendata:procurements_readme",
        "opendata:index",
        "opendata:organisation",
        "opendata:directory",
        "opendata:enterprise",
        "opendata:register_csv",
        "opendata:register_json",
        "opendata:register_readme",
        "opendata:figures_csv",
        "opendata:figures_json",
        "opendata:figures_readme",
    }
    missing = expected - visited
    assert not missing, f"open-data pages not reachable by links: {sorted(missing)}"
    failures = {path: v for path, v in report.items() if v}
    assert not failures, "axe, console, CSP or layout problems:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(v) for path, v in failures.items()
    )
