"""The login-security pages in Chromium: two-factor setup, recovery codes, the code at login and
the lockout page pass axe-core (WCAG 2.1 A/AA)."""

import time

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import open_page
from tests.harness.test_browser import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device, steps_ahead=0) -> str:
    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():06d}"


def test_two_factor_pages_pass_axe(demo, page, browser):  # noqa: F811
    login(page, demo.url, "admin.sjostad")
    assert page.locator(".two-factor-nudge").count() == 1  # the administrator's reminder

    page.goto(demo.url + "/konto/tvafaktor/")
    assert axe_violations(page) == []
    page.goto(demo.url + "/konto/tvafaktor/aktivera/")
    assert axe_violations(page) == []
    user = get_user_model().objects.get(username="admin.sjostad")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.fill("#id_code", _code(device))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".recovery-codes li").count() == 10
    assert axe_violations(page) == []

    # A new browser: the password, then the code.
    second = open_page(browser)
    context = second.context
    try:
        login(second, demo.url, "admin.sjostad")
        assert "/konto/tvafaktor/verifiera/" in second.url
        assert axe_violations(second) == []
        for _ in range(5):
            second.fill("#id_code", "000000")
            second.click("main form button[type=submit]")
            second.wait_for_load_state()
        assert second.locator("h1").inner_text() == "Inloggningen är tillfälligt spärrad"
        assert axe_violations(second) == []
    finally:
        context.close()
