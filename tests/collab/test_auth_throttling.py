"""Login throttling (django-axes): a user name is locked per address after five failed logins,
with a Swedish page that says when to try again; failures are logged; administrators unlock."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from collab import accounts
from collab.models import Membership
from tests.factories import PASSWORD, login_with_two_factor

LIMIT = 5


def _login(client, user, password, url=None, **extra):
    return client.post(
        url or reverse("login"),
        {"username": user.get_username(), "password": password},
        **extra,
    )


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _membership(user, organisation):
    with scopes_disabled():
        return Membership.objects.get(user=user, organisation=organisation)


def _fail(client, user, times, url=None, **extra):
    responses = [_login(client, user, "wrong-password", url, **extra) for _ in range(times)]
    return responses[-1]


def test_login_is_locked_after_five_failures_with_a_swedish_message(client, world):
    user = world.a.coordinator
    for _ in range(LIMIT - 1):
        response = _login(client, user, "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    response = _login(client, user, "wrong-password")
    assert response.status_code == 429
    content = response.content.decode()
    assert "För många misslyckade inloggningsförsök" in content
    assert "försök igen klockan" in content
    assert response["Retry-After"] == "900"

    # While locked, the right password is refused too.
    response = _login(client, user, PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)


def test_the_lock_is_per_user_name_and_address(client, world):
    user = world.a.coordinator
    _fail(client, user, LIMIT)
    assert _login(client, user, PASSWORD).status_code == 429
    # The same user from another address, and another user from this one, can log in.
    response = _login(client, user, PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302 and _logged_in(client)
    client.logout()
    response = _login(client, world.a.viewer, PASSWORD)
    assert response.status_code == 302 and _logged_in(client)


def test_behind_a_proxy_the_forwarded_client_address_counts(client, world, settings):
    settings.SAMVERKA_PROXY_COUNT = 1
    user = world.a.coordinator
    _fail(client, user, LIMIT, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert _login(client, user, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # Another client behind the same proxy (same REMOTE_ADDR) is not locked out; a spoofed
    # left-most address does not change which client the proxy saw.
    response = _login(client, user, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1, 198.51.100.2")
    assert response.status_code == 302


def test_admin_login_is_locked_too(client, db):
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", PASSWORD)
    url = reverse("admin:login")
    _fail(client, superuser, LIMIT - 1, url)
    response = _login(client, superuser, "wrong-password", url)
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert _login(client, superuser, PASSWORD, url).status_code == 429
    assert not _logged_in(client)


def test_failed_logins_are_logged(client, world, caplog):
    user = world.a.coordinator
    with caplog.at_level(logging.WARNING, logger="axes"):
        _login(client, user, "wrong-password")
        _fail(client, user, LIMIT - 1)
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    assert any("login failure" in m and user.username in m for m in messages), messages
    assert any("Locking out" in m for m in messages), messages
    assert not any("wrong-password" in m for m in messages), "a password reached the log"


def test_unlock_by_management_command(client, world):
    user = world.a.coordinator
    _fail(client, user, LIMIT)
    assert _login(client, user, PASSWORD).status_code == 429
    call_command("axes_reset_username", user.get_username())
    response = _login(client, user, PASSWORD)
    assert response.status_code == 302 and _logged_in(client)


def test_administrator_sees_the_lock_and_lifts_it_from_the_members_page(client, world):
    from django.test import Client

    member = world.a.coordinator
    _fail(Client(), member, LIMIT)
    membership = _membership(member, world.a.organisation)
    detail = reverse("collab:membership_detail", kwargs={"pk": membership.pk})
    unlock = reverse("collab:membership_unlock", kwargs={"pk": membership.pk})

    login_with_two_factor(client, world.a.admin)
    content = client.get(detail).content.decode()
    assert "spärrad efter för många misslyckade försök" in content
    assert unlock in content
    response = client.post(unlock)
    assert response.status_code == 302
    assert "inte spärrad" in client.get(detail).content.decode()
    assert _login(Client(), member, PASSWORD).status_code == 302


@pytest.mark.parametrize("who", ["coordinator", "other_admin"])
def test_only_the_members_own_administrator_can_unlock(client, world, who):
    from django.test import Client

    member = world.a.coordinator
    _fail(Client(), member, LIMIT)
    membership = _membership(member, world.a.organisation)
    unlock = reverse("collab:membership_unlock", kwargs={"pk": membership.pk})
    client.force_login(world.a.coordinator if who == "coordinator" else world.b.admin)
    assert client.post(unlock).status_code == (403 if who == "coordinator" else 404)
    assert accounts.locked_usernames([member.get_username()]) == {member.get_username()}
