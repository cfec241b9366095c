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
    page.locator(".opblock-summary-control").first.click()
    page.click("button.try-out__btn")
    page.wait_for_selector(".btn.execute")
    page.click("button.authorize")
    page.wait_for_selector(".modal-ux .close-modal[aria-label]")
    assert axe_violations(page) == []
