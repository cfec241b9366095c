"""The administrator's API key pages: create (the key shown once), list, revoke."""

import datetime
import html
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from api.models import ApiKey
from tests.factories.api import api_key_for, bearer

KEY = re.compile(r"sv_[a-z0-9]{8}_[A-Za-z0-9_-]{20,}")


def test_a_key_is_created_shown_once_and_reads_the_api(client, world):
    client.force_login(world.a.admin)
    empty = client.get(reverse("publishing:apikey_list")).content.decode()
    assert "Inga API-nycklar ännu" in empty and f'href="{reverse("api:docs")}"' in empty
    url = reverse("publishing:apikey_create")
    assert client.get(url).status_code == 200

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    refused = client.post(url, {"name": "Intranätet", "expires_on": yesterday.isoformat()})
    assert refused.status_code == 200
    assert "Datumet har redan passerat" in refused.content.decode()
    with scopes_disabled():
        assert not ApiKey.objects.exists()

    form = {"name": "Intranätet", "expires_on": "", "_submission": "a" * 32}
    response = client.post(url, form)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Kopiera nyckeln nu – den visas inte igen" in page
    secret = KEY.search(page).group(0)
    assert f'value="{secret}" readonly' in page  # selectable without JavaScript
    assert (
        f'curl -H "Authorization: Bearer {secret}" http://testserver/api/v1/organisation/' in page
    )
    assert 'src="/static/js/copy.js"' in page and "<script>" not in page

    with scopes_disabled():
        key = ApiKey.objects.get()
    assert (key.organisation, key.created_by, key.name) == (
        world.a.organisation,
        world.a.admin,
        "Intranätet",
    )
    assert key.expires_on is None and not key.allow_personal_data
    api = Client()
    assert (
        api.get(reverse("api:organisation"), **bearer(secret)).json()["id"] == key.organisation_id
    )

    # Never again: not on the key's page, not in the list, not when the form is sent again.
    detail = client.get(key.get_absolute_url()).content.decode()
    assert f"sv_{key.prefix}…" in detail and secret not in detail
    listing = client.get(reverse("publishing:apikey_list")).content.decode()
    assert "Intranätet" in listing and f"sv_{key.prefix}…" in listing and "Aktiv" in listing
    assert secret not in listing
    again = client.post(url, form)
    assert (again.status_code, again["Location"]) == (302, key.get_absolute_url())
    with scopes_disabled():
        assert ApiKey.objects.count() == 1


def test_a_revoked_key_is_refused_at_once_and_stays_listed(client, world):
    key, secret = api_key_for(world.a.organisation, name="Analysverktyget")
    api = Client()
    assert api.get(reverse("api:organisation"), **bearer(secret)).status_code == 200

    client.force_login(world.a.admin)
    home = client.get(reverse("collab:home")).content.decode()
    assert reverse("publishing:apikey_list") in home  # in the menu, for administrators
    revoke_url = reverse("publishing:apikey_revoke", kwargs={"pk": key.pk})
    assert revoke_url in client.get(key.get_absolute_url()).content.decode()
    confirm = client.get(revoke_url).content.decode()
    assert "Återkalla API-nyckeln Analysverktyget" in html.unescape(confirm)

    response = client.post(revoke_url)
    assert (response.status_code, response["Location"]) == (302, key.get_absolute_url())
    refused = api.get(reverse("api:organisation"), **bearer(secret))
    assert refused.status_code == 401
    assert refused["Content-Type"].startswith("application/problem+json")

    listing = client.get(reverse("publishing:apikey_list")).content.decode()
    assert "Analysverktyget" in listing and "Återkallad" in listing
    with scopes_disabled():
        revoked_at = ApiKey.objects.get(pk=key.pk).revoked_at
    assert client.post(revoke_url).status_code == 302  # again: harmless
    with scopes_disabled():
        assert ApiKey.objects.get(pk=key.pk).revoked_at == revoked_at
    assert revoke_url not in client.get(key.get_absolute_url()).content.decode()

    client.force_login(world.a.coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    assert reverse("publishing:apikey_list") not in home
