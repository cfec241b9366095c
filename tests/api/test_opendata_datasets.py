"""The register and figures datasets: CSV and JSON with the same columns as their description
(one definition), the register's rows exactly the directory's, the figures' values the ones the
indicator page shows."""

import csv
import io
import json
import re

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from api import directory, figures_data
from tests.factories import ContactPersonFactory, OpenDataPublicationFactory
from tests.factories import SocialEnterpriseFactory as Enterprise


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "Set-Cookie" not in response.headers and "public" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def _readme_columns(client, name, slug) -> list[str]:
    response = client.get(reverse(name, kwargs={"organisation": slug}))
    assert response.status_code == 200
    return re.findall(r'<th scope="row"><code>([a-z_]+)</code></th>', response.content.decode())


def test_register_files_and_their_description(client, world):
    organisation = world.a.organisation
    OpenDataPublicationFactory(
        organisation=organisation, publish_register=True, publish_figures=False
    )
    with scopes_disabled():
        listed = Enterprise(organisation=organisation, name="=Kafé Bryggan", public_listing=True)
        Enterprise(organisation=organisation, name="Hemliga Snickeriet", public_listing=False)
        ContactPersonFactory(
            organisation=organisation, enterprise=listed, name="Lena Publik", is_public=True
        )
        ContactPersonFactory(
            organisation=organisation, enterprise=listed, name="Per Privat", is_public=False
        )
    slug = organisation.slug

    rows = _csv(client.get(reverse("opendata:register_csv", kwargs={"organisation": slug})))
    names = [c.name for c in directory.COLUMNS]
    assert list(rows[0]) == names
    assert all(re.fullmatch(r"[a-z_]+", name) for name in names)
    assert _readme_columns(client, "opendata:register_readme", slug) == names
    (row,) = rows  # the unlisted enterprise is not in the file
    assert row["name"] == "'=Kafé Bryggan"  # a formula is never run by a spreadsheet
    assert row["organisation_number"] == listed.org_number
    assert "Lena Publik" in row["contacts"] and "Per Privat" not in row["contacts"]
    assert row["work_training_places"] == "3"

    response = client.get(reverse("opendata:register_json", kwargs={"organisation": slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["publisher"]["name"] == organisation.name
    assert data["licence"]["id"] == "CC0-1.0"
    assert data["modified"] == timezone.localdate().isoformat()
    assert data["schema"] == "http://testserver" + reverse(
        "opendata:register_readme", kwargs={"organisation": slug}
    )
    assert data["count"] == 1
    (item,) = data["rows"]
    assert list(item) == names
    assert item["name"] == "=Kafé Bryggan" and item["work_training_places"] == 3
    assert [c["name"] for c in item["contacts"]] == ["Lena Publik"]

    # Figures are not published by this organisation: their files are a 404.
    assert (
        client.get(reverse("opendata:figures_csv", kwargs={"organisation": slug})).status_code
        == 404
    )


def test_figures_files_equal_the_indicator_page(client, world):
    organisation = world.a.organisation
    OpenDataPublicationFactory(
        organisation=organisation, publish_register=False, publish_figures=True
    )
    with scopes_disabled():
        for places in (4, 5):
            Enterprise(organisation=organisation, work_training_places=places)
    year = timezone.localdate().year
    slug = organisation.slug

    client.force_login(world.a.viewer)
    page = client.get(reverse("followup:indicator_detail", kwargs={"key": "work_training_places"}))
    shown = page.context["row"].values[year]
    assert shown == 9
    client.logout()

    rows = _csv(client.get(reverse("opendata:figures_csv", kwargs={"organisation": slug})))
    names = [c.name for c in figures_data.COLUMNS]
    assert list(rows[0]) == names
    assert _readme_columns(client, "opendata:figures_readme", slug) == names
    row = next(r for r in rows if r["key"] == "work_training_places" and r["year"] == str(year))
    assert row["value"] == str(shown)
    assert {int(r["year"]) for r in rows} == set(figures_data.years())

    data = json.loads(
        client.get(reverse("opendata:figures_json", kwargs={"organisation": slug})).content
    )
    item = next(r for r in data["rows"] if r["key"] == "work_training_places" and r["year"] == year)
    assert item["value"] == shown
    assert data["count"] == len(rows)
    assert (
        client.get(reverse("opendata:directory", kwargs={"organisation": slug})).status_code == 404
    )
