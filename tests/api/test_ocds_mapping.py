"""The procurements dataset in OCDS: what each procurement becomes in its release."""

from django.urls import reverse
from django_scopes import scopes_disabled

from collab.templatetags.samverka_format import number
from tests.api import ocds_data

SUSTAINABILITY = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_sustainability_extension/master/extension.json"
)


def test_releases_map_reservations_employment_suppliers_and_the_page_values(world, client, login):
    organisation = world.a.organisation
    data = ocds_data.build(organisation)
    response = client.get(
        reverse("opendata:procurements_ocds", kwargs={"organisation": organisation.slug})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert not response.cookies
    package = response.json()
    body = response.content.decode()
    assert package["version"] == "1.1"
    assert package["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert package["publicationPolicy"].endswith("/upphandlingar/beskrivning/")
    releases = {r["ocid"]: r for r in package["releases"]}
    assert len(releases) == 6

    def tender(procurement):
        return releases[f"ocds-abc123-{procurement.pk}"]["tender"]

    # LOU 4 kap. 18 §: sheltered workshops; with its employment requirement, one goal entry.
    t418 = tender(data.reserved_418)
    assert t418["otherRequirements"] == {"reservedParticipation": ["shelteredWorkshop"]}
    assert t418["hasSustainability"] is True
    assert t418["sustainability"] == [
        {
            "goal": "social.disadvantagedEmploymentOpportunities",
            "strategies": ["reservedParticipation", "contractPerformanceConditions"],
        }
    ]
    assert t418["procurementMethod"] == "open"
    assert t418["procurementMethodDetails"] == "Reserverat kontrakt (LOU 4 kap. 18 §)"
    assert t418["items"][0]["classification"] == {"scheme": "CPV", "id": "90911200-8"}
    assert t418["mainProcurementCategory"] == "services"
    # LOU 19 kap. 25 § and 25 a §: organisations with a public-service mission.
    for procurement in (data.reserved_1925, data.reserved_1925a):
        t = tender(procurement)
        assert t["otherRequirements"] == {
            "reservedParticipation": ["publicServiceMissionOrganization"]
        }
        assert t["sustainability"][0]["goal"] == "social"
        assert t["sustainability"][0]["strategies"] == ["reservedParticipation"]
    assert tender(data.reserved_1925a)["sustainability"][0]["description"] == (
        "Praktikplatser för unga."
    )
    # An employment requirement alone: a contract performance condition, no reservation.
    temp = tender(data.employment)
    assert "otherRequirements" not in temp
    assert temp["sustainability"] == [
        {
            "goal": "social.disadvantagedEmploymentOpportunities",
            "strategies": ["contractPerformanceConditions"],
        }
    ]
    # Lots and dialogue only: social considerations without a known goal; none: false.
    assert tender(data.lots)["hasSustainability"] is True
    assert "sustainability" not in tender(data.lots)
    assert tender(data.lots)["procurementMethod"] == "selective"
    cancelled = releases[f"ocds-abc123-{data.without_value.pk}"]
    assert cancelled["tag"] == ["tenderCancellation"]
    assert cancelled["tender"]["hasSustainability"] is False
    assert cancelled["tender"]["procurementMethod"] == "direct"
    assert "value" not in cancelled["tender"]
    assert releases[f"ocds-abc123-{data.reserved_1925.pk}"]["tag"] == ["planning"]

    # Parties: the supplier's organisation number under SE-BLV; awards reference the party.
    r418 = releases[f"ocds-abc123-{data.reserved_418.pk}"]
    digits = data.enterprise.org_number.replace("-", "")
    supplier = next(p for p in r418["parties"] if p["id"] == f"SE-BLV-{digits}")
    assert supplier["identifier"] == {
        "scheme": "SE-BLV",
        "id": digits,
        "legalName": "Glada Städarna ek. för.",
    }
    assert supplier["roles"] == ["tenderer", "supplier"]
    assert r418["awards"][0]["suppliers"] == [{"id": supplier["id"], "name": supplier["name"]}]
    assert r418["buyer"]["name"] == organisation.name
    assert r418["tag"] == ["tender", "award", "contract"]
    assert r418["contracts"][0]["status"] == "active"
    remp = releases[f"ocds-abc123-{data.employment.pk}"]
    other = ocds_data.OTHER_SUPPLIER[1].replace("-", "")
    assert {"scheme": "SE-BLV", "id": other, "legalName": ocds_data.OTHER_SUPPLIER[0]} in [
        p.get("identifier") for p in remp["parties"]
    ]
    assert remp["tag"] == ["tender", "award"]
    # No personal data: the sole trader is nameless, no person is named.
    sole_trader = ocds_data.SOLE_TRADER_NUMBER
    assert sole_trader not in body and sole_trader.replace("-", "") not in body
    assert "Kalles Fönsterputs" not in body and "Enskild näringsidkare" in body
    assert ocds_data.RESPONSIBLE not in body and ocds_data.CONTACT not in body
    assert "Någon utan nummer" not in body
    assert package["extensions"][-1] == SUSTAINABILITY

    # The values are the ones the procurement's page shows.
    page = login(world.a.viewer).get(data.reserved_418.get_absolute_url()).content.decode()
    assert f"{number(t418['value']['amount'])} kr" in page
    assert f"<td>{number(r418['awards'][0]['value']['amount'])}</td>" in page
    page = login(world.a.viewer).get(data.employment.get_absolute_url()).content.decode()
    assert f"<td>{number(remp['awards'][0]['value']['amount'])}</td>" in page
    assert t418["value"]["amount"] == data.reserved_418.estimated_value


def test_release_id_changes_with_a_bid_and_the_fallback_prefix(world, client):
    organisation = world.a.organisation
    data = ocds_data.build(organisation, ocid_prefix="")
    url = reverse("opendata:procurements_ocds", kwargs={"organisation": organisation.slug})
    before = {r["ocid"]: r["id"] for r in client.get(url).json()["releases"]}
    ocid = f"samverka-{organisation.slug}-{data.employment.pk}"
    assert ocid in before
    # Withdrawing the award (a change of the bid alone) is a new release, also in the cache.
    with scopes_disabled():
        bid = data.employment_bid
        bid.awarded, bid.contract_value = False, None
        bid.save()
    after = client.get(url).json()
    release = next(r for r in after["releases"] if r["ocid"] == ocid)
    assert release["id"] != before[ocid]
    assert "awards" not in release and release["tag"] == ["tender"]
