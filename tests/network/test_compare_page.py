"""The network's comparison: every member's value for a year and an indicator, per 10 000
inhabitants, the mean over the members that reported, the place relative to the group, the
markers "Delas inte" and "Uppgifter saknas", the charts, peer groups and the export."""

import csv
import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from collab import figures
from collab.models import NetworkMembership
from network import compare
from network.models import PeerGroup
from network.sizes import SIZE_BANDS, size_band
from tests.factories import NetworkFactory, OrganisationFactory, SocialEnterpriseFactory

YEAR = datetime.date.today().year
KEY = "enterprises_identified"
CODES = itertools.count(9000)  # SCB codes no factory sequence reaches


def _enterprises(organisation, count, capture):
    with capture(execute=True):
        with scope(organisation=organisation.pk):
            for _i in range(count):
                SocialEnterpriseFactory(organisation=organisation)


def _member(network, name, *, population=None, share=True, enterprises=0, capture=None):
    organisation = OrganisationFactory(name=name, population=population, scb_code=str(next(CODES)))
    NetworkMembership.objects.create(
        network=network,
        organisation=organisation,
        status=NetworkMembership.Status.ACTIVE,
        share_figures=share,
    )
    if enterprises:
        _enterprises(organisation, enterprises, capture)
    return organisation


@pytest.fixture
def setup(world, django_capture_on_commit_callbacks):
    a, b = world.a.organisation, world.b.organisation
    a.population, b.population = 7_000, 30_000
    a.save()
    b.save()
    _enterprises(a, 3, django_capture_on_commit_callbacks)
    _enterprises(b, 1, django_capture_on_commit_callbacks)
    return world


def _url(world, **query):
    url = reverse("network:compare", kwargs={"network": world.network.slug})
    query.setdefault("indicator", KEY)
    query.setdefault("year", YEAR)
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _page(client, user, world, **query):
    client.force_login(user)
    response = client.get(_url(world, **query))
    assert response.status_code == 200
    return response


def test_values_are_the_members_own_figures_and_the_indicator_page(client, setup):
    world = setup
    response = _page(client, world.a.admin, world)
    rows = {r.organisation: r for r in response.context["comparison"].rows}
    for organisation in (world.a.organisation, world.b.organisation):
        with scope(organisation=organisation.pk):
            own = figures.values(organisation, [KEY], [YEAR])[KEY][YEAR]
        assert rows[organisation].value == own
    assert rows[world.a.organisation].value == 3
    assert rows[world.b.organisation].value == 1
    # The own organisation's indicator page shows the same number.
    indicator_page = client.get(reverse("followup:indicator_detail", kwargs={"key": KEY}))
    assert indicator_page.context["row"].value == rows[world.a.organisation].value
    own_years = {y["year"]: y for y in indicator_page.context["window"]}
    assert own_years[YEAR]["per_capita_text"] == "4,3"
    assert rows[world.a.organisation].per_10000 == Decimal("4.3")
    text = response.content.decode()
    assert "3 företag" in text and "1 företag" in text


def test_per_10000_mean_with_n_of_n_and_no_data(client, setup, django_capture_on_commit_callbacks):
    world = setup
    _member(world.network, "Ödeby kommun", population=5_000)  # no enterprises: a count of 0
    response = _page(client, world.network_coordinator, world)
    c = response.context["comparison"]
    rows = {r.organisation.name: r for r in c.rows}
    assert rows["Alfastads kommun"].per_10000 == Decimal("4.3")  # 3 per 7 000
    assert rows["Betaby kommun"].per_10000 == Decimal("0.3")  # 1 per 30 000
    text = response.content.decode()
    assert '<td class="text-nowrap">4,3</td>' in text and "0,3</td>" in text
    # Ödeby has no enterprises at all: the count is 0 (a count is never "no data").
    assert rows["Ödeby kommun"].value == 0
    assert c.reported == 3 and c.members == 3
    assert c.mean == Decimal("1.3")  # (3 + 1 + 0) / 3
    assert "3 av 3 medlemmar rapporterade" in text


def test_a_member_without_data_shows_uppgifter_saknas_and_is_not_counted(client, setup):
    world = setup
    # The share of procured value with social considerations has no value without data.
    share = next(
        f for f in figures.catalogue(indicators_only=True) if f.is_share and not f.per_capita
    )
    response = _page(client, world.a.admin, world, indicator=share.key)
    c = response.context["comparison"]
    assert all(r.value is None for r in c.rows)
    text = response.content.decode()
    assert text.count("Uppgifter saknas") >= 2
    assert "0 av 2 medlemmar rapporterade" in text
    assert c.mean is None


def test_a_member_that_does_not_share_shows_delas_inte_never_its_value(client, setup):
    world = setup
    secret = _member(world.network, "Hemligby kommun", population=1_000, share=False)
    with scope(organisation=secret.pk):
        for _i in range(7):
            SocialEnterpriseFactory(organisation=secret)
    response = _page(client, world.a.admin, world)
    c = response.context["comparison"]
    row = next(r for r in c.rows if r.organisation == secret)
    assert not row.shared and row.value is None and row.per_10000 is None
    assert row.trend == [compare.NOT_SHARED] * 5
    text = response.content.decode()
    assert "Hemligby kommun" in text and "Delas inte" in text
    table = text.split('id="compare-table"')[1].split("</table>")[0]
    chart = text.split('id="compare-bars-title"')[1].split("</svg>")[0]
    for shown in (table, chart):
        assert "Hemligby kommun" in shown and "Delas inte" in shown
        assert "7 företag" not in shown and ">70<" not in shown and ">7<" not in shown
    assert "2 av 3 medlemmar rapporterade" in text
    exported = client.get(_url(world, export="csv")).content.decode("utf-8-sig")
    line = next(line for line in exported.splitlines() if line.startswith("Hemligby"))
    assert "Delas inte" in line and ";7;" not in line and "70" not in line


def test_quarters_and_direction():
    values = [Decimal(v) for v in (1, 2, 3, 4, 5)]
    quarters = [compare.value_quarter(v, values) for v in values]
    assert quarters == [1, 2, 0, 3, 4]
    assert compare.value_quarter(Decimal(7), [Decimal(7), Decimal(7)]) == 0  # ties: the middle
    assert compare.position(Decimal(5), values, True).rank == 4
    assert compare.position(Decimal(5), values, False).rank == 1  # lower is better
    assert compare.position(None, values, True) is None


def test_quarter_classes_colour_and_text_on_the_page(client, setup):
    world = setup
    response = _page(client, world.a.admin, world)
    text = response.content.decode()
    assert (
        "Färgen visar läget i förhållande till nätverkets övriga medlemmar – inte ett betyg" in text
    )
    rows = {r.organisation: r for r in response.context["comparison"].rows}
    assert rows[world.a.organisation].position.rank == 4  # 4,3 per 10 000 against 0,3
    assert rows[world.b.organisation].position.rank == 1
    assert "compare-q4" in text and "compare-q1" in text
    assert "Övre fjärdedelen" in text and "Nedre fjärdedelen" in text  # never colour alone


def test_a_member_sees_itself_highlighted_the_coordinator_sees_nobody(client, setup):
    world = setup
    text = _page(client, world.b.viewer, world).content.decode()
    assert text.count("compare-own") == 1
    own = text.split("compare-own")[1].split("</tr>")[0]
    assert "Betaby kommun" in own
    assert "Betaby kommun (ni)" in text  # the chart's own bar
    text = _page(client, world.network_coordinator, world).content.decode()
    assert "compare-own" not in text


def test_the_bar_chart_is_svg_with_a_title_and_a_mean_line(client, setup):
    world = setup
    text = _page(client, world.a.admin, world).content.decode()
    assert 'role="img"' in text and 'aria-labelledby="compare-bars-title' in text
    assert '<title id="compare-bars-title">Identifierade sociala företag' in text
    assert "Medelvärde 2,3" in text  # (4,3 + 0,3) / 2 per 10 000
    assert 'id="compare-trend-title"' in text
    assert "<script" not in text.split('id="compare-bars-title"')[1].split("</svg>")[0]


def test_trend_has_five_years_and_the_mean_per_year(client, setup):
    world = setup
    c = _page(client, world.a.admin, world).context["comparison"]
    assert c.years == list(range(YEAR - 4, YEAR + 1))
    assert c.trend_means[-1] == Decimal("2.0")
    assert c.trend_reported[-1] == 2


def test_size_groups_and_peer_groups_filter_the_comparison(client, setup):
    world = setup
    big = _member(world.network, "Storstad kommun", population=250_000)
    band = size_band(250_000)
    assert band is SIZE_BANDS[3]
    c = _page(client, world.a.admin, world, group=f"size-{band.key}").context["comparison"]
    assert [r.organisation for r in c.rows] == [big]
    group = PeerGroup.objects.create(network=world.network, name="Grannar")
    group.organisations.add(world.b.organisation, big)
    response = _page(client, world.a.admin, world, group=f"group-{group.pk}")
    c = response.context["comparison"]
    assert [r.organisation for r in c.rows] == [world.b.organisation, big]
    assert c.mean == Decimal("0.5")  # (1 + 0) / 2: the group's mean only
    assert "Grannar" in response.content.decode()
    # Another network's group is not a filter here.
    other = PeerGroup.objects.create(network=NetworkFactory(name="Annat"), name="X")
    c = _page(client, world.a.admin, world, group=f"group-{other.pk}").context["comparison"]
    assert len(c.rows) == 3


def test_csv_and_xlsx_have_the_pages_numbers(client, setup):
    world = setup
    _member(world.network, "Hemligby kommun", share=False)
    client.force_login(world.a.admin)
    response = client.get(_url(world, export="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Organisation", "År", "Indikator", "Grupp", "Värde"]
    assert "Per 10\u00a0000 invånare" in rows[0]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Alfastads kommun"][4] == "3"
    assert by_name["Alfastads kommun"][6] == "4.3"
    assert by_name["Hemligby kommun"][4] == "Delas inte"
    assert rows[-1][0].startswith("Medelvärde (2 av 3 medlemmar rapporterade)")
    response = client.get(_url(world, export="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    by_name = {r[0]: r for r in values[1:]}
    assert by_name["Betaby kommun"][4] == 1
    assert by_name["Betaby kommun"][6] == 0.3
    assert by_name["Hemligby kommun"][4] == "Delas inte"


def test_members_see_the_page_not_the_peer_group_admin(client, setup):
    world = setup
    client.force_login(world.a.admin)
    url = reverse("network:peergroup_list", kwargs={"network": world.network.slug})
    assert client.get(url).status_code == 404
    text = _page(client, world.a.viewer, world).content.decode()
    assert "Hantera nätverkets jämförelsegrupper" not in text


def test_the_coordinator_creates_edits_and_deletes_a_peer_group(client, setup):
    world = setup
    outsider = OrganisationFactory(name="Utanförby kommun", scb_code=str(next(CODES)))
    client.force_login(world.network_coordinator)
    kwargs = {"network": world.network.slug}
    response = client.post(
        reverse("network:peergroup_create", kwargs=kwargs),
        {"name": "Kustkommuner", "organisations": [world.a.organisation.pk, outsider.pk]},
    )
    assert response.status_code == 200  # a non-member cannot be chosen
    assert not PeerGroup.objects.exists()
    response = client.post(
        reverse("network:peergroup_create", kwargs=kwargs),
        {"name": "Kustkommuner", "organisations": [world.a.organisation.pk]},
    )
    assert response.status_code == 302
    group = PeerGroup.objects.get()
    assert list(group.organisations.all()) == [world.a.organisation]
    response = client.post(
        reverse("network:peergroup_create", kwargs=kwargs), {"name": "kustkommuner"}
    )
    assert "Nätverket har redan en grupp med det namnet." in response.content.decode()
    client.post(
        reverse("network:peergroup_update", kwargs={**kwargs, "pk": group.pk}),
        {"name": "Kust", "organisations": [world.b.organisation.pk]},
    )
    group.refresh_from_db()
    assert group.name == "Kust" and list(group.organisations.all()) == [world.b.organisation]
    list_text = client.get(reverse("network:peergroup_list", kwargs=kwargs)).content.decode()
    assert "Kust" in list_text and "Betaby kommun" in list_text
    client.post(reverse("network:peergroup_delete", kwargs={**kwargs, "pk": group.pk}))
    assert not PeerGroup.objects.exists()


@pytest.mark.parametrize("members", [2, 6])
def test_the_page_does_not_grow_in_queries_with_the_members(
    client, world, members, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for index in range(members - 2):
        organisation = _member(world.network, f"Kommun {index}", population=10_000 + index)
        _enterprises(organisation, 1, django_capture_on_commit_callbacks)
    group = PeerGroup.objects.create(network=world.network, name="Grupp")
    group.organisations.add(world.a.organisation)
    client.force_login(world.a.admin)
    url = _url(world)
    assert client.get(url).status_code == 200  # the first reading stores the figures
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(response.context["comparison"].rows) == members
    with django_assert_max_num_queries(12):
        response = client.get(_url(world, group=f"group-{group.pk}"))
    assert len(response.context["comparison"].rows) == 1
    client.force_login(world.network_coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(response.context["comparison"].rows) == members


def test_nav_links_to_the_comparison(client, setup):
    world = setup
    client.force_login(world.a.viewer)
    text = client.get(reverse("network:overview", kwargs={"network": world.network.slug}))
    assert (
        reverse("network:compare", kwargs={"network": world.network.slug}) in text.content.decode()
    )


def test_a_member_without_population_has_no_per_10000_and_is_not_placed(
    client, setup, django_capture_on_commit_callbacks
):
    world = setup
    _member(
        world.network, "Okändby kommun", enterprises=2, capture=django_capture_on_commit_callbacks
    )
    response = _page(client, world.a.admin, world)
    c = response.context["comparison"]
    row = next(r for r in c.rows if r.organisation.name == "Okändby kommun")
    assert row.value == 2 and row.per_10000 is None and row.position is None
    assert c.reported == 3 and c.mean == Decimal("2.0")  # (3 + 1 + 2) / 3
    assert c.mean_per_10000 == Decimal("2.3")  # only the members with a population
    assert "Invånarantal saknas" in response.content.decode()


def test_the_years_are_the_sharing_members_years(client, setup):
    world = setup
    secret = _member(world.network, "Hemligby kommun", share=False)
    with scope(organisation=world.a.organisation.pk):
        figures.values(world.a.organisation, [KEY], [YEAR - 7])
    with scope(organisation=secret.pk):
        figures.values(secret, [KEY], [YEAR - 8])
    form = _page(client, world.b.viewer, world).context["form"]
    years = [year for year, _label in form.fields["year"].choices]
    assert years[0] == YEAR and YEAR - 4 in years
    assert YEAR - 7 in years and YEAR - 8 not in years
    c = _page(client, world.b.viewer, world, year=YEAR - 7).context["comparison"]
    assert c.year == YEAR - 7 and c.years[-1] == YEAR - 7
    c = _page(client, world.b.viewer, world, year="1999").context["comparison"]
    assert c.year == YEAR  # not one of the network's years: the current year
