"""The API's yearly figures and the seven areas' levels are the numbers the pages show.

The organisation gets the demo's records (the demo seeders of a far-along municipality); every
figure of ``/api/v1/figures/`` for this year and last year, formatted as the pages format it
(``collab.formatting``), is the value the indicator page shows for that figure and year, and
every level of ``/api/v1/levels/`` is the one the seven-area walk shows."""

import random
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from areas.figures import level_key
from collab import figures, formatting, registry
from collab.models import YearlyFigure
from tests.factories.api import api_key_for, bearer

PROBLEM = "application/problem+json"
YEAR = timezone.localdate().year


def texts(html: str) -> str:
    """The visible text of an HTML fragment, spaces made plain."""
    text = re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def shown_on_indicator_page(client, year) -> dict[str, tuple[str, str]]:
    """key -> (the value, the value per 10 000 inhabitants) as the indicator page shows them."""
    html = client.get(reverse("followup:indicator_list"), {"year": year}).content.decode()
    shown = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        link = re.search(r'href="/[^"]*/indikatorer/([a-z0-9_]+)/\?year=', row)
        if not link:
            continue
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        value = re.search(r'<span class="fw-semibold text-nowrap">(.*?)</span>', cells[1], re.S)
        shown[link.group(1)] = (texts(value.group(1)), texts(cells[3]))
    return shown


def api_rows(client, secret, url, **params) -> list[dict]:
    response = client.get(url, {"limit": 100, **params}, **bearer(secret))
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_every_api_figure_and_level_equals_the_pages(client, world):
    organisation = world.a.organisation
    with scope(organisation=organisation.pk):
        for seeder in registry.demo_seeders():
            seeder(organisation=organisation, profile="far", rng=random.Random(0))
    _key, secret = api_key_for(organisation)
    client.force_login(world.a.viewer)
    figures_url = reverse("api:figure-list")

    compared = 0
    for year in (YEAR - 1, YEAR):
        api = api_rows(client, secret, figures_url, year=year)
        with override("sv"):
            shown = shown_on_indicator_page(client, year)
        assert {row["key"] for row in api} == set(shown)
        for row in api:
            figure = figures.get(row["key"])
            assert row["year"] == year and row["area"] == figure.area
            value_text, per_capita_text = shown[row["key"]]
            if row["value"] is None:
                assert value_text == "ingen data", row
                continue
            with override("sv"):
                expected = texts(formatting.quantity(row["value"], figure.unit))
                per_capita = texts(formatting.number(row["per_10000"]))
            assert value_text == expected, row
            if figure.per_capita:
                assert per_capita_text == per_capita, row
            else:
                assert row["per_10000"] is None, row
            compared += 1
    assert compared >= 12  # the demo's records give most figures a value
    assert any(r["value"] for r in api if r["unit"] == "sek")

    # The levels: this year's are the walk's.
    levels = api_rows(client, secret, reverse("api:level-list"))
    with override("sv"):
        walk = client.get(reverse("areas:area_list"))
    statuses = {s.area.number: s for s in walk.context["statuses"]}
    assert [row["area"] for row in levels] == list(range(1, 8))
    for row in levels:
        assert row["year"] == YEAR and row["level"] == statuses[row["area"]].level.value
        assert row["level_name"] == statuses[row["area"]].level.name
    assert any(row["level"] for row in levels)
    html = texts(walk.content.decode())
    for row in levels:
        assert f"Nivå {row['level']} av 4: {row['level_name']}" in html
    # An earlier year: the level stored while it was open, none where none was stored.
    with scopes_disabled():
        YearlyFigure.objects.create(
            organisation=organisation,
            key=level_key(2),
            year=YEAR - 1,
            value=3,
            computed_at=timezone.now(),
            computed_on=timezone.localdate(),
        )
    earlier = api_rows(client, secret, reverse("api:level-list"), year=YEAR - 1)
    assert [row["level"] for row in earlier] == [None, 3, None, None, None, None, None]


def test_figures_filters_and_another_organisations_key(client, world):
    organisation = world.a.organisation
    with scope(organisation=organisation.pk):
        for seeder in registry.demo_seeders():
            seeder(organisation=organisation, profile="start", rng=random.Random(1))
    _key, secret_a = api_key_for(organisation)
    _key, secret_b = api_key_for(world.b.organisation)
    url = reverse("api:figure-list")

    own = {row["key"]: row["value"] for row in api_rows(client, secret_a, url)}
    assert own["enterprises_identified"] > 0
    other = {row["key"]: row["value"] for row in api_rows(client, secret_b, url)}
    assert other["enterprises_identified"] == 0  # Betaby's own (empty) register
    assert set(other) == set(own)

    only = api_rows(client, secret_a, url, key="iop_kronor", year=YEAR)
    assert [(r["key"], r["unit"], r["year"]) for r in only] == [("iop_kronor", "sek", YEAR)]
    assert {r["area"] for r in api_rows(client, secret_a, url, area=4)} == {4}
    # A later year than next has nothing to show (and is never stored).
    late = client.get(url, {"year": YEAR + 2}, **bearer(secret_a)).json()
    assert late["errors"]["year"] == [f"Ange ett år från 2000 till {YEAR + 1}."]
    for params in ({"year": "förra"}, {"year": 1999}, {"key": "nope"}, {"area": 9}):
        response = client.get(url, params, **bearer(secret_a))
        assert response.status_code == 400, params
        assert response["Content-Type"].startswith(PROBLEM)
        assert set(response.json()["errors"]) == set(params), response.json()
    bad = client.get(reverse("api:level-list"), {"year": "x"}, **bearer(secret_a))
    assert bad.status_code == 400 and bad.json()["errors"]["year"]
    assert client.get(url).status_code == 401
