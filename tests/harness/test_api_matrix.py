"""The API matrix: every API v1 endpoint for every kind of caller, in one test per endpoint.

Without a key, with a revoked, an expired or a malformed key, with a key in the URL, or with
only a logged-in session: 401 as problem+json. With another organisation's key: the object is
absent from the list and its detail is 404. With the organisation's own key: 200 and the
object. Writes are refused (the API is read-only in v1).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from api import keys
from tests.factories import OWNED_FACTORIES
from tests.factories.api import api_key_for, bearer
from tests.harness.urls_matrix import api_routes

ROUTES = api_routes()
PROBLEM = "application/problem+json"


def test_the_api_has_endpoints():
    assert ROUTES, "no API endpoint found: is api.urls included?"


def _ids(payload) -> set:
    rows = payload["results"] if isinstance(payload, dict) and "results" in payload else payload
    if isinstance(rows, dict):
        rows = [rows]
    return {row.get("id") for row in rows}


def _assert_401(response, route, who):
    assert response.status_code == 401, (route, who, response.status_code)
    assert response["Content-Type"].startswith(PROBLEM), (route, who)
    body = response.json()
    assert body["status"] == 401 and body["title"] and body["detail"], (route, who, body)
    assert response["WWW-Authenticate"].startswith("Bearer"), (route, who)


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_api_endpoint_for_every_caller(client, world, route):
    a, b = world.a.organisation, world.b.organisation
    make = OWNED_FACTORIES.get(route.model) if route.model else None
    obj_a = make(a) if make else None
    obj_b = make(b) if make else None
    url = reverse(route.name, kwargs=route.kwargs(obj_a if route.needs_object else None))

    _key_a, secret_a = api_key_for(a)
    _key_b, secret_b = api_key_for(b)
    revoked, secret_revoked = api_key_for(a)
    keys.revoke_key(key=revoked)
    _expired, secret_expired = api_key_for(
        a, expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    _assert_401(client.get(url), route, "no key")
    _assert_401(client.get(url, **bearer(secret_revoked)), route, "revoked key")
    _assert_401(client.get(url, **bearer(secret_expired)), route, "expired key")
    _assert_401(client.get(url, **bearer(secret_a + "x")), route, "wrong key")
    _assert_401(client.get(url, HTTP_AUTHORIZATION=f"Token {secret_a}"), route, "other scheme")
    _assert_401(client.get(url, {"api_key": secret_a, "key": secret_a}), route, "key in URL")
    client.force_login(world.a.admin)
    _assert_401(client.get(url), route, "session only")
    client.logout()

    own = client.get(url, **bearer(secret_a))
    assert own.status_code == 200, (route, own.status_code, own.content[:300])
    assert "no-store" in own["Cache-Control"], route
    if own.get("Content-Disposition", "").startswith("attachment"):
        # A file download (e.g. documents/{id}/file/): the object's own file.
        assert b"".join(own.streaming_content), route
    else:
        assert own["Content-Type"].startswith("application/json"), route
        if obj_a is not None:
            assert obj_a.pk in _ids(own.json()), route
    assert client.post(url, {}, **bearer(secret_a)).status_code in (403, 405), route

    other = client.get(url, **bearer(secret_b))
    if route.needs_object:
        assert other.status_code == 404, (route, other.status_code)
        assert other["Content-Type"].startswith(PROBLEM), route
        assert other.json()["status"] == 404
    else:
        assert other.status_code == 200, route
        assert obj_a is None or obj_a.pk not in _ids(other.json()), route
        if obj_b is not None:
            assert obj_b.pk in _ids(other.json()), route
