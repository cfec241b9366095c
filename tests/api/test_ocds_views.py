"""The procurements dataset's files and description: who can see them, the CSV against its
description, the query count."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from api import ocds
from api.models import OpenDataPublication
from tests.api import ocds_data
from tests.factories import BidFactory, OpenDataPublicationFactory, ProcurementFactory

NAMES = ("opendata:procurements_ocds", "opendata:procurements_csv", "opendata:procurements_readme")


def _urls(slug):
    return [reverse(name, kwargs={"organisation": slug}) for name in NAMES]


def test_unpublished_procurements_are_404_and_the_csv_matches_its_description(world, client):
    a, b = world.a.organisation, world.b.organisation
    # B publishes its register only; no organisation "nobody"; A has no publication yet.
    OpenDataPublicationFactory(organisation=b, publish_procurements=False)
    for slug in (a.slug, b.slug, "nobody"):
        for url in _urls(slug):
            assert client.get(url).status_code == 404, url
    data = ocds_data.build(a)
    with scopes_disabled():
        OpenDataPublication.objects.filter(pk=data.publication.pk).update(
            publish_procurements=False, publish_register=True
        )
    for url in _urls(a.slug):
        assert client.get(url).status_code == 404, url
    with scopes_disabled():
        OpenDataPublication.objects.filter(pk=data.publication.pk).update(publish_procurements=True)
    csv_url, readme_url = _urls(a.slug)[1:]

    response = client.get(csv_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "public" in response["Cache-Control"] and not response.cookies
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    header = list(rows[0])
    assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in header)
    row = next(r for r in rows if r["titel"] == "Lokalvård förskolor")
    assert row["reserverad_lagrum"] == "LOU 4 kap. 18 §"
    assert row["reserverad_for"] == "shelteredWorkshop"
    assert row["uppskattat_varde"] == "1200000" and row["kontraktsvarde"] == "1150000"
    assert row["tilldelade_orgnr"] == data.enterprise.org_number.replace("-", "")
    assert row["sysselsattningskrav"] == "ja" and row["sysselsattningsmal"] == "24"
    text = response.content.decode()
    assert ocds_data.SOLE_TRADER_NUMBER not in text and ocds_data.RESPONSIBLE not in text
    assert "Leverantör utan organisationsnummer" in text

    page = client.get(readme_url)
    assert page.status_code == 200 and not page.cookies
    assert "public" in page["Cache-Control"]
    html = page.content.decode()
    assert '<html lang="sv">' in html and '<main id="main"' in html and "<footer" in html
    # The CSV's columns are the ones the description lists, in order.
    section = html.split('id="columns-heading"')[1]
    assert re.findall(r'<th scope="row" class="fw-normal"><code>([a-z0-9_]+)</code>', section) == (
        header
    )
    assert "ocds-abc123" in html and "creativecommons.org/publicdomain/zero/1.0/" in html
    assert "shelteredWorkshop" in html and "publicServiceMissionOrganization" in html
    assert "social.disadvantagedEmploymentOpportunities" in html
    assert ocds_data.RESPONSIBLE not in html


def test_the_package_query_count_does_not_grow_with_procurements(world):
    organisation = world.a.organisation
    publication = OpenDataPublicationFactory(organisation=organisation)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            package = ocds.release_package(organisation, publication, base_url="https://x.se")
            ocds.csv_rows(organisation, publication)
        return len(captured), len(package["releases"])

    ProcurementFactory(organisation=organisation)
    BidFactory(organisation=organisation, procurement__organisation=organisation)
    one = queries()
    for _ in range(3):
        bid = BidFactory(organisation=organisation, procurement__organisation=organisation)
        BidFactory(
            organisation=organisation,
            procurement=bid.procurement,
            supplier=None,
            supplier_name="Annan AB",
        )
    four = queries()
    assert one[1] == 2 and four[1] == 5
    assert four[0] == one[0]
