"""Two-factor authentication (django-otp): setup with a real TOTP code, the code at login,
recovery codes, and an organisation that requires it of all its members."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from collab import accounts
from tests.factories import PASSWORD, login_with_two_factor

TWO_FACTOR_URLS = [
    "collab:two_factor",
    "collab:two_factor_setup",
    "collab:two_factor_verify",
    "collab:two_factor_recovery_codes",
    "collab:two_factor_disable",
]


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or ``steps_ahead`` 30-second steps later)."""
    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def password_login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("name", TWO_FACTOR_URLS)
def test_two_factor_pages_need_a_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_setup_with_a_real_code_turns_it_on_and_shows_ten_recovery_codes(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no growing delay after the wrong code
    user = world.a.coordinator
    client.force_login(user)
    response = client.get(reverse("collab:two_factor_setup"))
    assert response.status_code == 200
    content = response.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # The QR code as an SVG path, and the secret as text for typing it in.
    assert re.search(r'<path d="M\d+ \d+h1v1h-1z', content)
    assert accounts.secret_text(device) in content
    assert 'autocomplete="one-time-code"' in content and 'inputmode="numeric"' in content
    assert "<script" not in content.split("<main", 1)[1].split("</main>", 1)[0]

    response = client.post(reverse("collab:two_factor_setup"), {"code": "000000"})
    assert "Koden stämmer inte" in response.content.decode()
    assert not accounts.has_two_factor(user)

    response = client.post(reverse("collab:two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10
    assert "visas bara den här gången" in response.content.decode()
    assert accounts.has_two_factor(user)
    # This session is verified: the user keeps working.
    assert client.get(reverse("collab:home")).status_code == 200
    assert "10 oanvända reservkoder" in client.get(reverse("collab:two_factor")).content.decode()


def test_login_asks_for_the_code_before_anything_else(client, world, settings):
    user = world.a.coordinator
    device = confirmed_device(user)
    password_login(client, user)
    response = client.get(reverse("enterprises:socialenterprise_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("collab:two_factor_verify"))
    verify = client.get(response["Location"])
    assert "sexsiffriga koden" in verify.content.decode()

    response = client.post(reverse("collab:two_factor_verify"), {"code": "123456"})
    assert "Koden stämmer inte" in response.content.decode()
    assert client.get(reverse("collab:home")).status_code == 302  # still not through

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no growing delay after the wrong code
    response = client.post(
        reverse("collab:two_factor_verify"),
        {"code": code_for(device), "next": reverse("enterprises:socialenterprise_list")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("enterprises:socialenterprise_list")
    assert client.get(reverse("enterprises:socialenterprise_list")).status_code == 200


def test_a_recovery_code_works_once(client, world):
    user = world.a.coordinator
    confirmed_device(user)
    code = accounts.regenerate_recovery_codes(user)[0]
    password_login(client, user)
    verify = client.get(reverse("collab:two_factor_verify")).content.decode()
    assert 'name="recovery_code"' in verify
    response = client.post(
        reverse("collab:two_factor_verify"), {"recovery_code": f" {code.upper()} "}
    )
    assert response.status_code == 302
    assert client.get(reverse("collab:home")).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9

    client.post(reverse("logout"))
    password_login(client, user)
    response = client.post(reverse("collab:two_factor_verify"), {"recovery_code": code})
    assert response.status_code == 200 and "Koden stämmer inte" in response.content.decode()
    assert client.get(reverse("collab:home")).status_code == 302


def test_wrong_codes_count_as_failed_logins(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = world.a.coordinator
    confirmed_device(user)
    password_login(client, user)
    for _ in range(4):
        assert (
            client.post(reverse("collab:two_factor_verify"), {"code": "111111"}).status_code == 200
        )
    response = client.post(reverse("collab:two_factor_verify"), {"code": "111111"})
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session  # the half-finished login has ended
    # The password alone does not get in again until the lock has passed.
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


def test_turning_it_off_needs_the_password(client, world):
    user = world.a.coordinator
    login_with_two_factor(client, user)
    url = reverse("collab:two_factor_disable")
    response = client.post(url, {"password": "wrong"})
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert accounts.has_two_factor(user)
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 302
    assert not accounts.has_two_factor(user)


def test_new_recovery_codes_replace_the_old_ones(client, world):
    user = world.a.coordinator
    login_with_two_factor(client, user)
    old = set(accounts.regenerate_recovery_codes(user))
    response = client.post(reverse("collab:two_factor_recovery_codes"), {"password": PASSWORD})
    new = set(re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode()))
    assert len(new) == 10 and not (old & new)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == new


def _require(client, side, value=True):
    return client.post(
        reverse("collab:organisation_update"),
        {
            "name": side.organisation.name,
            "population": "",
            "require_two_factor": "on" if value else "",
        },
    )


def test_an_organisation_requirement_sends_members_to_the_setup(client, world):
    login_with_two_factor(client, world.a.admin)
    assert _require(client, world.a).status_code == 302
    world.a.organisation.refresh_from_db()
    assert world.a.organisation.require_two_factor

    client.force_login(world.a.coordinator)
    for name in ["collab:home", "enterprises:socialenterprise_list", "collab:membership_list"]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("collab:two_factor_setup")), name
    setup = client.get(reverse("collab:two_factor_setup"))
    assert "Din organisation kräver tvåfaktorsautentisering" in setup.content.decode()
    # Writes are refused too.
    response = client.post(reverse("enterprises:socialenterprise_create"), {"name": "X"})
    assert response.status_code == 302

    # The other organisation is unaffected.
    world.b.organisation.refresh_from_db()
    assert not world.b.organisation.require_two_factor
    client.force_login(world.b.coordinator)
    assert client.get(reverse("enterprises:socialenterprise_list")).status_code == 200


def test_only_the_organisations_administrator_changes_the_requirement(client, world):
    client.force_login(world.a.coordinator)
    assert _require(client, world.a).status_code == 403
    # An administrator without two-factor authentication must turn it on first.
    client.force_login(world.a.admin)
    response = _require(client, world.a)
    assert response.status_code == 200
    assert "Aktivera först tvåfaktorsautentisering" in response.content.decode()
    # Organisation B's administrator changes B only (the organisation comes from the session).
    login_with_two_factor(client, world.b.admin)
    assert _require(client, world.b).status_code == 302
    world.a.organisation.refresh_from_db()
    world.b.organisation.refresh_from_db()
    assert not world.a.organisation.require_two_factor
    assert world.b.organisation.require_two_factor


def test_administrators_without_two_factor_see_a_banner(client, world):
    client.force_login(world.a.admin)
    assert "ditt konto skyddas bara av lösenordet" in client.get("/").content.decode()
    client.force_login(world.a.coordinator)
    assert "ditt konto skyddas bara av lösenordet" not in client.get("/").content.decode()
    login_with_two_factor(client, world.a.admin)
    assert "ditt konto skyddas bara av lösenordet" not in client.get("/").content.decode()


def test_a_code_right_after_a_wrong_one_must_wait(client, world):
    """django-otp's growing delay: right after a wrong code even the right one is refused."""
    user = world.a.coordinator
    device = confirmed_device(user)
    password_login(client, user)
    client.post(reverse("collab:two_factor_verify"), {"code": "111111"})
    response = client.post(reverse("collab:two_factor_verify"), {"code": code_for(device)})
    assert "Vänta några sekunder" in response.content.decode()
    assert client.get(reverse("collab:home")).status_code == 302
