"""The API's common behaviour: its description, unknown URLs, errors, throttling, keys."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from api.models import ApiKey
from tests.factories.api import api_key_for, bearer

PROBLEM = "application/problem+json"


def test_openapi_document_describes_the_api_without_login(client, db):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Samverka API"
    assert "/api/v1/organisation/" in document["paths"]
    schemes = document["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values()), schemes


def test_docs_page_uses_our_own_static_files(client, db):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "https://" not in html.replace("https://spdx", "")  # no CDN
    assert "<script>" not in html  # the CSP has no inline script


def test_unknown_api_url_is_problem_json_404(client, db):
    for url in ("/api/", "/api/v2/enterprises/", "/api/v1/nothing-here/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith(PROBLEM), url
        body = response.json()
        assert body["status"] == 404 and body["title"] and "openapi.json" in body["detail"]


def test_a_request_without_key_is_told_how_to_send_one(client, db):
    body = client.get(reverse("api:organisation")).json()
    assert body["status"] == 401 and body["title"] == "Inte autentiserad"
    assert "Authorization: Bearer" in body["detail"]


def test_organisation_is_the_keys_own(client, world):
    _key, secret = api_key_for(world.b.organisation)
    body = client.get(reverse("api:organisation"), **bearer(secret)).json()
    assert body == {
        "id": world.b.organisation.pk,
        "name": "Betaby kommun",
        "slug": "betaby",
        "kind": world.b.organisation.kind,
        "scb_code": "2580",
        "population": world.b.organisation.population,
    }


def test_key_is_stored_hashed_and_last_use_recorded(client, world):
    key, secret = api_key_for(world.a.organisation)
    with scopes_disabled():
        stored = ApiKey.objects.get(pk=key.pk)
    assert secret not in (stored.key_hash, stored.prefix) and stored.prefix in secret
    assert stored.last_used_at is None
    client.get(reverse("api:organisation"), **bearer(secret))
    with scopes_disabled():
        assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


@pytest.mark.django_db
def test_requests_over_the_limit_get_429_problem_with_retry_after(client, world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_key": "3/minute"},
    }
    _key, secret = api_key_for(world.a.organisation)
    _other, other_secret = api_key_for(world.a.organisation)
    url = reverse("api:organisation")
    assert [client.get(url, **bearer(secret)).status_code for _ in range(3)] == [200] * 3
    refused = client.get(url, **bearer(secret))
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith(PROBLEM)
    assert int(refused["Retry-After"]) > 0 and refused.json()["status"] == 429
    # The limit is per key, in the shared (database) cache.
    assert client.get(url, **bearer(other_secret)).status_code == 200
