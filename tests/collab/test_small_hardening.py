"""Issue 10, items 4, 10 (database down) and 11: request size, 503, org. numbers, CSV, keys."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from areas import documents
from enterprises import importing, orgnr
from enterprises.models import EnterpriseImport, SocialEnterprise
from procurement import spend
from tests.job_helpers import upload_error

ROOT = Path(__file__).resolve().parents[2]
LOGIN = reverse("login")


def _run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)
    environment.update({"DJANGO_SETTINGS_MODULE": "collab.settings", **env})
    return subprocess.run(
        [sys.executable, *(["-c", code] if isinstance(code, str) else code)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def strong_key() -> str:
    return secrets.token_urlsafe(50)


# --- item 4: request size -------------------------------------------------------------------


def test_request_limit_covers_the_largest_upload_with_a_margin():
    largest = max(documents.DOCUMENT_MAX_BYTES, importing.MAX_FILE_SIZE, spend.MAX_FILE_SIZE)
    assert settings.SAMVERKA_MAX_UPLOAD_BYTES == largest
    assert settings.SAMVERKA_MAX_REQUEST_BYTES > largest
    assert settings.MIDDLEWARE[0] == "collab.request_limits.RequestSizeLimitMiddleware"


@pytest.mark.parametrize("url", [LOGIN, "/", "/healthz", "/foretag/import/", "/finns-inte/"])
def test_a_body_announced_larger_than_the_limit_is_refused_unread(
    client, world, url, django_assert_num_queries
):
    """300 MB announced, 1 byte sent: reading the body would fail, so 413 means it was not read."""
    client.force_login(world.a.coordinator)
    with django_assert_num_queries(0):  # not even the session is loaded
        response = client.generic(
            "POST",
            url,
            b"x",
            content_type="multipart/form-data; boundary=xyz",
            CONTENT_LENGTH=str(300 * 1024 * 1024),
        )
    assert response.status_code == 413
    text = response.content.decode()
    assert "För mycket data" in text
    assert "högst 51 MB" in text
    assert "no-store" in response["Cache-Control"]


def test_an_anonymous_upload_over_the_limit_gets_413_and_one_under_it_is_served(
    client, db, settings
):
    settings.SAMVERKA_MAX_REQUEST_BYTES = 10_000
    big = SimpleUploadedFile("stor.bin", b"x" * 20_000)
    response = client.post(LOGIN, {"username": "a", "password": "b", "file": big})
    assert response.status_code == 413
    assert "Det du skickade är större än Samverka tar emot" in response.content.decode()

    response = client.post(LOGIN, {"username": "a", "password": "b"})
    assert response.status_code == 200  # the login form again, with its error
    assert "form" in response.context


# --- item 10: the database cannot be reached ------------------------------------------------


def _database_down():
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    )


@pytest.fixture
def logged_in(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.a.coordinator)
    return client


def test_pages_answer_503_in_swedish_with_retry_after_when_the_database_is_down(logged_in):
    with _database_down():
        response = logged_in.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Samverka är tillfälligt otillgängligt" in text
    assert "Databasen går inte att nå just nu" in text


def test_healthz_with_a_session_cookie_answers_503_when_the_database_is_down(logged_in):
    with _database_down():
        response = logged_in.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"status": "error", "database": {"default": "unavailable"}}


def test_anonymous_login_attempt_answers_503_when_the_database_is_down(db):
    client = Client(raise_request_exception=False)
    with _database_down():
        response = client.post(LOGIN, {"username": "x", "password": "y"})
    assert response.status_code == 503
    assert "Samverka är tillfälligt otillgängligt" in response.content.decode()


def test_other_errors_still_answer_500(logged_in):
    with mock.patch("collab.views.HomeView.get", side_effect=RuntimeError("bug")):
        response = logged_in.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_real_unreachable_postgresql_gives_503_for_pages_and_healthz_with_a_cookie():
    """No mock: nothing listens on 127.0.0.1:1."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "c.cookies['sessionid'] = 'abcdefghijklmnopqrstuvwxyz012345';"
        "out = [];"
        "[out.append((r.status_code, r.get('Retry-After'), r.content.decode()))"
        " for r in (c.get('/healthz'), c.get('/'), c.get('/foretag/'))];"
        "print(json.dumps(out))"
    )
    result = _run_django(
        code,
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        SECRET_KEY=strong_key(),
        ALLOWED_HOSTS="testserver",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        STATIC_MANIFEST="0",  # no collectstatic here
    )
    assert result.returncode == 0, result.stderr
    (health, home, register) = json.loads(result.stdout.strip().splitlines()[-1])
    assert health[:2] == [503, "30"]
    assert json.loads(health[2]) == {"status": "error", "database": {"default": "unavailable"}}
    for status, retry_after, body in (home, register):
        assert (status, retry_after) == (503, "30")
        assert "Databasen går inte att nå just nu" in body


# --- item 11: organisation numbers ------------------------------------------------------------


def _message(value: str) -> str:
    with translation.override("sv"), pytest.raises(ValidationError) as caught:
        orgnr.normalise(value)
    return caught.value.messages[0]


@pytest.mark.parametrize("value", ["000000-0000", "0000000000", "160000000000", "551300-0009"])
def test_impossible_organisation_numbers_are_refused_in_swedish(value):
    assert orgnr.luhn_ok(value.replace("-", "")[-10:])  # the check digit alone lets them pass
    assert _message(value).startswith("Det här kan inte vara ett organisationsnummer")


@pytest.mark.parametrize(
    "value",
    ["556036-0793", "212000-0142", "802480-1238", "811218-9876", "811278-9873"],
    ids=["company", "municipality", "association", "sole-trader", "coordination-number"],
)
def test_possible_organisation_numbers_are_still_accepted(value):
    assert orgnr.normalise(value) == value


def test_the_enterprise_form_shows_the_message_next_to_the_field(client, world):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("enterprises:socialenterprise_create"),
        {"name": "Nollbolaget", "org_number": "000000-0000"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["org_number"]
    assert errors == [_message("000000-0000")]
    with scopes_disabled():
        assert not SocialEnterprise.objects.filter(name="Nollbolaget").exists()


# --- item 11: the CSV import's message for an oversized cell ---------------------------------


def test_an_oversized_csv_cell_is_explained_in_swedish_with_its_line(client, world):
    client.force_login(world.a.coordinator)
    content = (
        "namn;organisationsnummer\r\n"
        "Ett företag;556036-0793\r\n"
        'Ett annat;"' + "x" * 200_000 + "\r\n"
    ).encode()
    message = upload_error(client, reverse("enterprises:import_upload"), content, "foretag.csv")
    assert message.startswith("Rad 3 har en cell med fler än")
    assert "32 767 tecken" in message.replace("\xa0", " ")
    for english in ("field", "limit", "larger", "expected"):
        assert english not in message
    with scopes_disabled():
        assert not EnterpriseImport.objects.exists()


# --- item 11: SECRET_KEY and check --deploy --------------------------------------------------


@pytest.mark.parametrize(
    "key", ["changeme", "a" * 60, "abcd" * 20, "django-insecure-" + "k3y" * 20], ids=str
)
def test_a_weak_secret_key_refuses_to_serve_in_production(key):
    result = _run_django("import collab.wsgi", DEBUG="0", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_a_strong_secret_key_serves_in_production():
    result = _run_django("import collab.wsgi", DEBUG="0", SECRET_KEY=strong_key())
    assert result.returncode == 0, result.stderr


def test_check_deploy_has_no_warnings_with_production_settings():
    result = _run_django(
        ["manage.py", "check", "--deploy"],
        DEBUG="0",
        SECRET_KEY=strong_key(),
        ALLOWED_HOSTS="samverka.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, (
        result.stdout + result.stderr
    )
