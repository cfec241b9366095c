"""scripts/loadtest.py's form handling and lost-write check (the run itself: make loadtest)."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from enterprises.models import SocialEnterprise
from enterprises.orgnr import complete_with_check_digit
from tests.factories import SocialEnterpriseFactory

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "loadtest.py"


@pytest.fixture(scope="module")
def loadtest():
    spec = importlib.util.spec_from_file_location("loadtest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["loadtest"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["loadtest"]


def test_an_edit_form_sent_back_as_parsed_saves_the_change(client, world, loadtest):
    """Every input, select and textarea goes back, so hidden fields keep working."""
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, notes="Före")
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk})
    form = loadtest.main_form(client.get(url).content.decode())
    names = {item["name"] for item in form["fields"]}
    assert {"csrfmiddlewaretoken", "name", "org_number", "notes"} <= names
    data = loadtest.form_data(form, {"notes": "Efter"}, "x")
    response = client.post(url, dict_of_lists(data))
    assert response.status_code == 302
    with scopes_disabled():
        enterprise.refresh_from_db()
    assert (enterprise.notes, enterprise.name) == ("Efter", enterprise.name)


def test_a_create_form_filled_by_the_script_is_accepted(client, world, loadtest):
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_create")
    form = loadtest.main_form(client.get(url).content.decode())
    number = complete_with_check_digit("717010001")
    data = loadtest.form_data(form, {"name": "Lasttest 01", "org_number": number}, "x")
    response = client.post(url, dict_of_lists(data))
    assert response.status_code == 302
    with scopes_disabled():
        assert SocialEnterprise.objects.filter(name="Lasttest 01", org_number=number).exists()


def test_the_check_reports_writes_that_are_not_in_the_database(world, loadtest):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, notes="Sparad")
    results = loadtest.Results()
    results.creates = [("enterprise", enterprise.pk, enterprise.name), ("enterprise", 0, "Borta")]
    results.edits = [
        ("enterprise", enterprise.pk, "notes", "Sparad", 1, 1.0),
        ("enterprise", enterprise.pk, "notes", "Aldrig sparad", 0, 2.0),
    ]
    lost = loadtest.verify(results)
    assert lost == [
        "created enterprise 0 'Borta' is missing",
        f"edit of enterprise {enterprise.pk} to 'Aldrig sparad' is not in its history",
    ]


def dict_of_lists(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
