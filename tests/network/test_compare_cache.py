"""The comparison's table is cached as HTML, and shows at once what changed: a member's
records (its value), its consent, its population."""

from collab.models import NetworkMembership
from tests.network.test_compare_page import _enterprises, _page, setup  # noqa: F401


def _cell(response, organisation) -> str:
    """The text of the member's row in the comparison table."""
    html = response.content.decode()
    table = html[
        html.index('id="compare-table"') : html.index("</table>", html.index("compare-table"))
    ]
    row = table[table.index(organisation.name) :]
    return row[: row.index("</tr>")]


def test_the_cached_table_follows_records_consent_and_population(
    client,
    setup,  # noqa: F811 - the comparison page's fixture
    django_capture_on_commit_callbacks,
):
    world = setup
    a, b = world.a.organisation, world.b.organisation
    assert "3 företag" in _cell(_page(client, world.network_coordinator, world), a)
    assert "3 företag" in _cell(_page(client, world.network_coordinator, world), a)  # cached

    _enterprises(a, 2, django_capture_on_commit_callbacks)
    row = _cell(_page(client, world.network_coordinator, world), a)
    assert "5 företag" in row and "7,1</td>" in row  # 5 per 7 000 inhabitants

    NetworkMembership.objects.filter(organisation=b).update(share_figures=False)
    row = _cell(_page(client, world.network_coordinator, world), b)
    assert "Delas inte" in row and "1 företag" not in row

    a.population = 10_000
    a.save()
    assert ">5</td>" in _cell(_page(client, world.network_coordinator, world), a)  # 5 per 10 000
