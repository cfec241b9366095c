"""API v1: the register of social enterprises (``/api/v1/enterprises/``)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from collab import formatting
from enterprises.models import EnterpriseStatus, ServiceCategory, SocialEnterprise
from enterprises.orgnr import complete_with_check_digit
from tests.factories import ContactPersonFactory, SocialEnterpriseFactory
from tests.factories.api import api_key_for, bearer

PROBLEM = "application/problem+json"
URL = "/api/v1/enterprises/"


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content[:400]
    return [row["name"] for row in response.json()["results"]]


def test_enterprises_filters_paging_and_personal_data(client, world):
    organisation = world.a.organisation
    with scopes_disabled():
        category, _ = ServiceCategory.objects.get_or_create(
            slug="apireg-tvatt", defaults={"name": "Tvätt och textil (apireg)"}
        )
    active = SocialEnterpriseFactory(
        organisation=organisation, name="A Returbutiken", status=EnterpriseStatus.ACTIVE
    )
    active.categories.add(category)
    ContactPersonFactory(organisation=organisation, enterprise=active, name="Karin Ek")
    sole_trader_number = complete_with_check_digit("811228987")  # a personal identity number
    SocialEnterpriseFactory(
        organisation=organisation, name="B Enskild firma", org_number=sole_trader_number
    )
    old = SocialEnterpriseFactory(organisation=organisation, name="C Gamla caféet")
    with scopes_disabled():
        SocialEnterprise.objects.filter(pk=old.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=30)
        )
    _key, secret = api_key_for(organisation)
    _personal, personal_secret = api_key_for(organisation, allow_personal_data=True)
    auth = bearer(secret)

    # Without the right to personal data: no contacts at all, no personal identity number.
    rows = {row["name"]: row for row in client.get(URL, **auth).json()["results"]}
    assert list(rows) == ["A Returbutiken", "B Enskild firma", "C Gamla caféet"]
    assert all("contacts" not in row for row in rows.values())
    assert "Karin Ek" not in client.get(f"{URL}{active.pk}/", **auth).content.decode()
    assert rows["B Enskild firma"]["org_number"] is None
    first = rows["A Returbutiken"]
    assert first["org_number"] == active.org_number and first["status"] == "aktiv"
    assert first["kind"] == "asf" and first["categories"] == [
        {"slug": "apireg-tvatt", "name": "Tvätt och textil (apireg)"}
    ]
    assert first["criteria"]["independent"] == {
        "answer": "okant",
        "answer_label": "Okänt",
        "note": "",
        "checked_on": None,
    }
    assert first["capacity"]["work_training_places"] == 3
    # With it: the contacts and the sole trader's number.
    personal = {
        row["name"]: row for row in client.get(URL, **bearer(personal_secret)).json()["results"]
    }
    assert [c["name"] for c in personal["A Returbutiken"]["contacts"]] == ["Karin Ek"]
    assert personal["B Enskild firma"]["org_number"] == sole_trader_number

    # The register page's filters; the category by its slug.
    assert _names(client.get(URL, {"status": "aktiv"}, **auth)) == ["A Returbutiken"]
    assert _names(client.get(URL, {"category": "apireg-tvatt"}, **auth)) == ["A Returbutiken"]
    assert _names(client.get(URL, {"q": "caféet"}, **auth)) == ["C Gamla caféet"]
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert _names(client.get(URL, {"updated_since": yesterday}, **auth)) == [
        "A Returbutiken",
        "B Enskild firma",
    ]
    # A date and time whose "+" was not encoded (it arrives as a space) still works.
    assert len(_names(client.get(f"{URL}?updated_since=2000-01-01T00:00:00+01:00", **auth))) == 3
    for bad in ({"updated_since": "igår"}, {"updated_since": "2026-02-30"}, {"status": "x"}):
        refused = client.get(URL, bad, **auth)
        assert refused.status_code == 400, bad
        assert refused["Content-Type"].startswith(PROBLEM)
        name = next(iter(bad))
        assert refused.json()["errors"][name], refused.json()
    assert "ÅÅÅÅ-MM-DD" in client.get(URL, {"updated_since": "igår"}, **auth).json()["detail"]
    assert client.get(URL, {"category": str(category.pk)}, **auth).status_code == 400

    # Paging: limit and page; more than 100 is refused.
    page = client.get(URL, {"limit": 1, "page": 2}, **auth).json()
    assert (page["count"], page["page"], page["pages"], page["limit"]) == (3, 2, 3, 1)
    assert [r["name"] for r in page["results"]] == ["B Enskild firma"]
    assert page["next"] and page["previous"]
    too_many = client.get(URL, {"limit": 101}, **auth)
    assert too_many.status_code == 400 and too_many["Content-Type"].startswith(PROBLEM)


def test_enterprise_capacity_equals_the_register_page(client, world):
    organisation = world.a.organisation
    enterprise = SocialEnterpriseFactory(
        organisation=organisation, work_training_places=1234, employees=17, participants=5
    )
    _key, secret = api_key_for(organisation)
    api = client.get(f"{URL}{enterprise.pk}/", **bearer(secret)).json()["capacity"]
    client.force_login(world.a.viewer)
    page = client.get(reverse("enterprises:socialenterprise_detail", kwargs={"pk": enterprise.pk}))
    html = page.content.decode()
    shown = page.context["object"]
    assert api["work_training_places"] == shown.work_training_places == 1234
    assert formatting.number(api["work_training_places"]) in html  # "1 234"
    assert api["employees"] == shown.employees and api["participants"] == shown.participants
