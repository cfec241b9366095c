"""The seven-area matrix (``/natverk/<network>/omraden/``): every member's level in each area,
its progress since last year, by consent."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from areas.figures import level_key
from areas.walk import walk_status
from collab import figures
from collab.models import NetworkMembership, YearlyFigure

YEAR = datetime.date.today().year


def _url(network):
    return reverse("network:area_matrix", kwargs={"network": network.slug})


def store_levels(organisation, by_year: dict[int, list[int | None]]):
    """Stored level rows (fresh: the organisation's records version, computed today)."""
    today = timezone.localdate()
    version = figures.records_version(organisation)
    with scopes_disabled():
        YearlyFigure.objects.bulk_create(
            [
                YearlyFigure(
                    organisation=organisation,
                    key=level_key(area),
                    year=year,
                    value=value,
                    version=version,
                    computed_at=timezone.now(),
                    computed_on=today,
                )
                for year, levels in by_year.items()
                for area, value in enumerate(levels, start=1)
            ],
            update_conflicts=True,
            unique_fields=["organisation", "key", "year"],
            update_fields=["value", "version", "computed_at", "computed_on"],
        )


def _rows(response):
    return {row.organisation: row for row in response.context["matrix"].rows}


def test_levels_are_the_walks_and_a_member_not_sharing_shows_not_shared(client, world):
    NetworkMembership.objects.filter(organisation=world.b.organisation).update(share_levels=False)
    client.force_login(world.network_coordinator)
    response = client.get(_url(world.network))
    assert response.status_code == 200
    with scope(organisation=world.a.organisation.pk):
        walk = walk_status(world.a.organisation, timezone.localdate())
    rows = _rows(response)
    assert [cell.level for cell in rows[world.a.organisation].cells] == [
        status.level.value for status in walk
    ]
    b_row = rows[world.b.organisation]
    assert not b_row.shared and b_row.cells == []
    html = response.content.decode()
    assert "Delas inte" in html
    # The not-sharing member's row has no level cell at all.
    b_html = html.split(f'<th scope="row">{world.b.organisation.name}', 1)[1].split("</tr>")[0]
    assert "Delas inte" in b_html and "fw-semibold" not in b_html
    # Nobody is "you" for the network's coordinator.
    assert not any(row.own for row in rows.values())


def test_a_member_not_sharing_never_shows_a_level_even_with_stored_rows(client, world):
    store_levels(world.b.organisation, {YEAR - 1: [4] * 7, YEAR: [4] * 7})
    NetworkMembership.objects.filter(organisation=world.b.organisation).update(share_levels=False)
    client.force_login(world.a.viewer)
    response = client.get(_url(world.network))
    row = _rows(response)[world.b.organisation]
    assert row.cells == []
    html = response.content.decode()
    b_html = html.split(f'<th scope="row">{world.b.organisation.name}', 1)[1].split("</tr>")[0]
    assert "4" not in b_html and "Delas inte" in b_html


def test_progress_since_last_year_from_stored_rows(client, world):
    store_levels(
        world.a.organisation,
        {YEAR - 1: [1, 2, 2, None, 0, 3, 1], YEAR: [3, 1, 2, 2, None, 4, 1]},
    )
    client.force_login(world.network_coordinator)
    response = client.get(_url(world.network))
    cells = _rows(response)[world.a.organisation].cells
    assert [cell.level for cell in cells] == [3, 1, 2, 2, None, 4, 1]
    assert [cell.progress for cell in cells] == ["up", "down", "same", "new", "", "up", "same"]
    assert cells[0].change == 2
    html = response.content.decode()
    assert "↑ +2" in html and "↓ -1" in html
    assert f"upp sedan {YEAR - 1}" in html  # with text, not only an arrow
    assert f"ny: inte registrerad {YEAR - 1}" in html
    assert "inte registrerad för året" in html
    summary = response.context["matrix"].summaries[0]  # area 1: a at 3, b at its walk level
    assert summary.recorded == 2 and summary.counts[3] >= 1


def test_an_earlier_year_is_chosen_and_a_bad_year_is_a_message(client, world):
    store_levels(world.a.organisation, {YEAR - 2: [0] * 7, YEAR - 1: [2] * 7})
    client.force_login(world.network_coordinator)
    response = client.get(_url(world.network), {"year": YEAR - 1})
    assert response.context["matrix"].year == YEAR - 1
    cells = _rows(response)[world.a.organisation].cells
    assert [cell.level for cell in cells] == [2] * 7
    assert {cell.progress for cell in cells} == {"up"}
    response = client.get(_url(world.network), {"year": "1999"})
    assert response.status_code == 200
    assert response.context["matrix"].year == YEAR
    assert "Välj ett av åren i listan." in response.content.decode()


def test_the_members_own_organisation_is_highlighted(client, world):
    client.force_login(world.a.viewer)
    response = client.get(_url(world.network))
    rows = _rows(response)
    assert rows[world.a.organisation].own and not rows[world.b.organisation].own
    html = response.content.decode()
    own_row = html.split(f'<th scope="row">{world.a.organisation.name}')[0].rsplit("<tr", 1)[1]
    assert 'class="table-active"' in own_row
    other_row = html.split(f'<th scope="row">{world.b.organisation.name}')[0].rsplit("<tr", 1)[1]
    assert "table-active" not in other_row
    assert "De sju områdena" in html  # the network menu's link


def test_the_footer_counts_members_per_level_and_the_median(client, world):
    store_levels(world.a.organisation, {YEAR: [1, 1, 1, 1, 1, 1, 1]})
    store_levels(world.b.organisation, {YEAR: [3, 3, 3, 3, 3, 3, None]})
    client.force_login(world.network_coordinator)
    summaries = client.get(_url(world.network)).context["matrix"].summaries
    assert summaries[0].counts == [0, 1, 0, 1, 0] and summaries[0].median == 2
    assert summaries[6].counts == [0, 1, 0, 0, 0] and summaries[6].median == 1


def test_the_demo_stores_last_years_levels_so_the_matrix_shows_progress(client, world):
    from network.matrix_demo import seed_last_years_levels

    client.force_login(world.network_coordinator)
    url = _url(world.network)
    before = _rows(client.get(url))[world.a.organisation].cells
    assert {cell.progress for cell in before} == {"new"}  # nothing stored for last year
    seed_last_years_levels(world.network, {"alfastad": world.a.organisation})
    seed_last_years_levels(world.network, {"alfastad": world.a.organisation})  # idempotent
    after = _rows(client.get(url))[world.a.organisation].cells
    assert [cell.level for cell in after] == [cell.level for cell in before]
    assert all(cell.previous is not None for cell in after)
    assert {cell.progress for cell in after} <= {"up", "same"}
