"""Login, roles, organisation switching, health check, error pages, settings, demo data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from collab.models import Membership, Network, Organisation, Role
from tests.factories import PASSWORD, MembershipFactory, login_with_two_factor

ROOT = Path(__file__).resolve().parents[2]


def sv(text: str) -> str:
    with translation.override("sv"):
        translated = gettext(text)
    assert translated != text, f"no Swedish translation for {text!r}"
    return translated


# --- login and account pages ---------------------------------------------------------------


def test_login_page_is_swedish_and_login_lands_on_home(client, world):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    content = page.content.decode()
    assert '<html lang="sv">' in content
    assert sv("Log in to Samverka") in content
    response = client.post(
        reverse("login"), {"username": world.a.coordinator.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("collab:home")
    home = client.get(reverse("collab:home"))
    assert world.a.organisation.name in home.content.decode()


def test_wrong_password_gives_a_swedish_error(client, world):
    response = client.post(
        reverse("login"), {"username": world.a.coordinator.username, "password": "fel"}
    )
    assert response.status_code == 200
    with translation.override("sv"):
        from django.contrib.auth.forms import AuthenticationForm

        message = str(AuthenticationForm.error_messages["invalid_login"]) % {
            "username": "användarnamn"
        }
    assert message in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(client, world):
    client.force_login(world.a.coordinator)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("collab:home")).status_code == 302


def test_password_change(client, world):
    client.force_login(world.a.coordinator)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ett-nytt-lösenord-2026",
            "new_password2": "Ett-nytt-lösenord-2026",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    assert client.get(reverse("password_change_done")).status_code == 200
    world.a.coordinator.refresh_from_db()
    assert world.a.coordinator.check_password("Ett-nytt-lösenord-2026")


def test_password_reset_sends_a_swedish_mail(client, world):
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200, name
    response = client.post(reverse("password_reset"), {"email": world.a.viewer.email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == sv("Reset your Samverka password")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/reset/" in line)
    confirm = client.get(link.split("testserver")[1], follow=True)
    assert confirm.status_code == 200 and confirm.context["validlink"]


def test_pages_need_login_except_public_ones(client, world):
    assert client.get(reverse("collab:home"))["Location"].startswith(reverse("login"))
    assert client.get(reverse("collab:membership_list")).status_code == 302
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200


# --- language -------------------------------------------------------------------------------


def test_swedish_is_default_and_english_can_be_chosen(client, world):
    client.force_login(world.a.coordinator)
    page = client.get(reverse("collab:membership_list"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert sv("Members") in page.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("collab:membership_list"))
    assert '<html lang="en">' in page.content.decode()
    assert ">Members<" in page.content.decode()


# --- home, roles and organisation switching -------------------------------------------------


def test_home_tells_each_role_what_it_may_do(client, world):
    # A viewer (politician) lands on the dashboard instead: tests/followup/test_dashboard.py.
    for user, role in [
        (world.a.admin, Role.ADMINISTRATOR),
        (world.a.coordinator, Role.COORDINATOR),
    ]:
        client.force_login(user)
        content = client.get(reverse("collab:home")).content.decode()
        with translation.override("sv"):
            assert str(Role(role).label) in content
        assert sv("Getting started") in content


def test_first_steps_follow_the_organisation_s_state(client, world):
    done = sv("Done")
    client.force_login(world.a.admin)
    assert client.get("/").content.decode().count(f">{done}<") == 3
    world.a.organisation.population = None
    world.a.organisation.save()
    content = client.get("/").content.decode()
    assert content.count(f">{done}<") == 2
    assert reverse("collab:organisation_update") in content  # administrators get the link
    client.force_login(world.a.coordinator)
    assert reverse("collab:organisation_update") not in client.get("/").content.decode()


def test_user_in_two_organisations_switches_between_them(client, world):
    user = world.a.coordinator
    MembershipFactory(organisation=world.b.organisation, user=user, role=Role.VIEWER)
    client.force_login(user)
    home = client.get("/").content.decode()
    assert 'id="organisation-switcher"' in home
    assert world.a.organisation.name in home and world.b.organisation.name in home
    response = client.post(
        reverse("collab:switch_organisation"),
        {"organisation": world.b.organisation.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("collab:home")  # no open redirect
    members = client.get(reverse("collab:membership_list")).content.decode()
    assert world.b.admin.get_full_name() in members
    assert world.a.admin.get_full_name() not in members
    # As a viewer in B the user cannot add members there.
    assert client.get(reverse("collab:membership_create")).status_code == 403


def test_switching_to_a_foreign_organisation_is_404(client, world):
    client.force_login(world.b.admin)
    response = client.post(
        reverse("collab:switch_organisation"), {"organisation": world.a.organisation.pk}
    )
    assert response.status_code == 404
    assert client.post(reverse("collab:switch_organisation"), {"organisation": "x"}).status_code
    assert client.get(reverse("collab:switch_organisation")).status_code == 405
    members = client.get(reverse("collab:membership_list")).content.decode()
    assert world.a.admin.get_full_name() not in members


def test_network_coordinator_sees_members_but_no_organisation_records(client, world):
    client.force_login(world.network_coordinator)
    home = client.get("/").content.decode()
    assert world.network.name in home and world.network.get_absolute_url() in home
    overview = client.get(world.network.get_absolute_url()).content.decode()
    assert world.a.organisation.name in overview and world.b.organisation.name in overview
    assert client.get(reverse("collab:membership_list")).status_code == 403
    assert client.get(reverse("collab:organisation_update")).status_code == 403


def test_user_without_organisation_gets_a_helpful_home(client, world):
    client.force_login(world.outsider)
    response = client.get("/")
    assert response.status_code == 200
    assert sv("Welcome to Samverka") in response.content.decode()


# --- organisation details -------------------------------------------------------------------


def test_admin_updates_population_with_history(client, world):
    client.force_login(world.a.admin)
    url = reverse("collab:organisation_update")
    response = client.post(url, {"name": world.a.organisation.name, "population": "-5"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    response = client.post(url, {"name": world.a.organisation.name, "population": "51234"})
    assert response["Location"] == reverse("collab:organisation_detail")
    world.a.organisation.refresh_from_db()
    assert world.a.organisation.population == 51234
    detail = client.get(reverse("collab:organisation_detail")).content.decode()
    assert "<ins>51\xa0234</ins>" in detail or "<ins>51 234</ins>" in detail


@pytest.mark.parametrize(
    ("kind", "code", "ok"),
    [
        ("kommun", "0180", True),
        ("kommun", "2584", True),
        ("kommun", "180", False),
        ("kommun", "0080", False),
        ("kommun", "9901", False),
        ("kommun", "01a0", False),
        ("region", "01", True),
        ("region", "25", True),
        ("region", "02", False),
        ("region", "0180", False),
    ],
)
def test_scb_code_validation(kind, code, ok):
    from django.core.exceptions import ValidationError

    organisation = Organisation(name="X", slug="x", kind=kind, scb_code=code)
    if ok:
        organisation.clean()
    else:
        with pytest.raises(ValidationError) as excinfo:
            organisation.clean()
        assert "scb_code" in excinfo.value.message_dict


# --- health check ---------------------------------------------------------------------------


def test_healthz_answers_200_with_json(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": {"default": "ok"}}


def _run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update({"DJANGO_SETTINGS_MODULE": "collab.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_healthz_answers_503_when_the_database_is_down(tmp_path):
    """A real unreachable PostgreSQL address (nothing listens on port 1)."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode())"
    )
    result = _run_django(
        code,
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="testserver",
        DEBUG="0",
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "error", "database": {"default": "unavailable"}}


# --- settings -------------------------------------------------------------------------------


def test_production_settings_are_secure_when_debug_is_off():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])"
    )
    result = _run_django(
        code,
        DEBUG="0",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="samverka.example.se",
        DATABASE_URL="postgres://u:p@db.example.se:5432/samverka",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "['samverka.example.se']",
        "django.db.backends.postgresql",
    ]


def test_missing_secret_key_refuses_to_serve_in_production():
    result = _run_django("import collab.wsgi", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    # Commands that need no key (e.g. the migrations check) still run.
    check = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr


# --- error pages ----------------------------------------------------------------------------


def test_404_page_is_swedish_inside_the_layout(client, world):
    client.force_login(world.a.coordinator)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    content = response.content.decode()
    assert sv("Page not found") in content
    assert 'id="main"' in content and sv("Skip to content") in content


def test_403_page_is_swedish(client, world):
    client.force_login(world.a.viewer)
    response = client.get(reverse("collab:membership_create"))
    assert response.status_code == 403
    assert sv("Access denied") in response.content.decode()


@pytest.mark.urls("tests.collab.urls_crash")
def test_500_page_is_swedish_without_stack_trace(client, world):
    client.raise_request_exception = False
    client.force_login(world.a.coordinator)
    response = client.get("/crash/")
    assert response.status_code == 500
    content = response.content.decode()
    assert sv("Something went wrong") in content
    assert "secret internal detail" not in content and "Traceback" not in content


def test_admin_is_for_superusers_only(client, world):
    client.force_login(world.a.admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    client.force_login(superuser)
    # A superuser works in the admin only with two-factor authentication.
    response = client.get("/admin/collab/membership/")
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("collab:two_factor_setup")
    )
    login_with_two_factor(client, superuser)
    assert client.get("/admin/collab/membership/").status_code == 200


# --- demo data ------------------------------------------------------------------------------


def test_seed_demo_is_idempotent_and_every_role_can_log_in(client, db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with scopes_disabled():
        counts = (Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with scopes_disabled():
        assert (Organisation.objects.count(), Membership.objects.count()) == counts
        roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {Role.ADMINISTRATOR, Role.COORDINATOR, Role.VIEWER}
    assert Network.objects.get().active_members().count() == 2
    from collab.management.commands.seed_demo import (
        DEMO_PASSWORD,
        NETWORK_COORDINATOR,
        USERS,
    )

    for username in [u[0] for u in USERS] + [NETWORK_COORDINATOR[0]]:
        # django-axes needs the request to count failures; the test client passes none.
        assert client.login(username=username, password=DEMO_PASSWORD, request=HttpRequest()), (
            username
        )
        # A viewer's start page is the dashboard (a redirect from "/").
        assert client.get("/", follow=True).status_code == 200
        client.logout()

    # The demo's recent meetings are in the organisation's calendar feed.
    import datetime

    from django.utils import timezone
    from icalendar import Calendar

    from areas.models import Meeting
    from collab import calendar_feeds

    sjostad = Organisation.objects.get(slug="sjostad")
    _feed, token = calendar_feeds.create_feed(organisation=sjostad)
    response = client.get(reverse("calendar_feed_ics", kwargs={"token": token}))
    uids = {str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}
    since = timezone.localdate() - datetime.timedelta(days=calendar_feeds.DAYS_BACK)
    with scopes_disabled():
        recent = list(Meeting.objects.filter(organisation=sjostad, date__gte=since))
    assert recent
    assert {f"areas.meeting:{meeting.pk}@samverka" for meeting in recent} <= uids


def test_create_organisation_command(db):
    from io import StringIO

    out = StringIO()
    call_command(
        "create_organisation",
        name="Exempelstads kommun",
        kind="kommun",
        scb_code="0180",
        population=100,
        admin_email="chef@exempelstad.se",
        base_url="https://samverka.example.se",
        stdout=out,
    )
    with scopes_disabled():
        membership = Membership.objects.select_related("organisation", "user").get()
    assert membership.role == Role.ADMINISTRATOR
    assert membership.organisation.slug == "exempelstads-kommun"
    assert "https://samverka.example.se/konto/reset/" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "create_organisation",
            name="Fel",
            kind="kommun",
            scb_code="12",
            admin_email="a@b.se",
            base_url="https://x",
            stdout=out,
        )


def test_home_shows_what_is_here_from_each_app(client, world):
    import datetime

    from areas.models import Partnership, PartnershipStatus
    from enterprises.models import EnterpriseKind, EnterpriseStatus
    from tests.factories import SocialEnterpriseFactory

    SocialEnterpriseFactory(
        organisation=world.a.organisation, status=EnterpriseStatus.ACTIVE, work_training_places=4
    )
    partner = SocialEnterpriseFactory(
        organisation=world.a.organisation,
        kind=EnterpriseKind.NON_PROFIT,
        work_training_places=3,
        status=EnterpriseStatus.ENDED,  # ended: not counted in the register figures
    )
    SocialEnterpriseFactory(organisation=world.b.organisation, work_training_places=50)
    with scopes_disabled():
        Partnership.objects.create(
            organisation=world.a.organisation,
            title="Mötesplats",
            partner=partner,
            status=PartnershipStatus.ONGOING,
            start_date=datetime.date(2020, 1, 1),
            municipality_contribution=450_000,
        )
    client.force_login(world.a.coordinator)
    response = client.get("/")
    figures = {f.label: (f.value, f.detail) for f in response.context["figures"]}
    with translation.override("sv"):
        assert figures[gettext("Identified social enterprises")][0] == 1
        assert figures[gettext("Work-training places")][0] == 4
        value, detail = figures[gettext("Active IOP partnerships")]
    assert value == 1 and "450\xa0000" in detail
