"""The invitation pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

import re

import pytest
from django.core import mail

from tests.test_browser import axe_violations, browser, demo, login, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invitation_pages_pass_axe(demo, page, browser):  # noqa: F811
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
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    anonymous = context.new_page()
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
