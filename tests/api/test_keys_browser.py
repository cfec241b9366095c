"""The API documentation page in Chromium: it renders under our Content-Security-Policy and
axe-core finds nothing, also with an operation opened and the key dialog shown."""

import os

import pytest

from tests.harness.test_browser import axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_lists_the_endpoints_and_passes_axe(live_server, page):
    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-control")
    paths = page.eval_on_selector_all(
        ".opblock-summary-path", "els => els.map(e => e.dataset.path)"
    )
    assert "/api/v1/organisation/" in paths, paths
    assert page.locator(".opblock-summary-method").first.inner_text() == "GET"
    assert axe_violations(page) == []  # also: no console error, nothing blocked by the CSP
    # Every operation opened and in "try it out" mode (its parameters' inputs and drop-downs).
    for control in page.locator(".opblock-summary-control").all():
        control.click()
    page.wait_for_selector("button.try-out__btn")
    for button in page.locator("button.try-out__btn").all():
        button.click()
    page.wait_for_selector(".btn.execute")
    page.click("button.authorize")
    page.wait_for_selector(".modal-ux .close-modal[aria-label]")
    assert axe_violations(page) == []


def test_an_administrator_creates_copies_and_revokes_a_key(live_server, page, world):
    from tests.factories.collab import PASSWORD

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + "/konto/login/")
    page.fill("#id_username", world.a.admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/konto/login/" not in url)
    page.goto(live_server.url + "/organisation/api-nycklar/ny/")
    page.fill("#id_name", "Intranätet")
    page.click("main form [type=submit]")
    page.wait_for_selector("#api-key")
    assert "Kopiera nyckeln nu – den visas inte igen" in page.inner_text("main")
    assert axe_violations(page) == []
    page.click("button[data-copy=api-key]")
    page.wait_for_selector("text=Nyckeln har kopierats.")
    secret = page.input_value("#api-key")
    assert page.evaluate("navigator.clipboard.readText()") == secret

    page.click("text=Jag har kopierat nyckeln")
    page.click("text=Återkalla nyckeln")
    assert axe_violations(page) == []
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=har återkallats")
    response = page.request.get(
        live_server.url + "/api/v1/organisation/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status == 401
