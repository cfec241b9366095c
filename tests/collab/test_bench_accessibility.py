"""The accessibility statement (tillgänglighetsredogörelse): readable without logging in,
linked from every page's footer, in Swedish; and, logged in, the cheapest page with the
full layout (the floor ``bench`` compares the other pages with)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def test_statement_is_public_and_says_what_the_dos_law_asks(client, world):
    response = client.get(reverse("collab:accessibility"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1" in text and "Tillgänglighetsredogörelse" in text
    assert "WCAG" in text and "2.1" in text and "nivå AA" in text  # the standard aimed for
    assert "kontakta din organisations administratör" in text  # how to report a problem
    assert "Myndigheten för digital förvaltning" in text  # the supervising authority
    assert "axe-core" in text and "Chromium" in text and "tangentbordet" in text  # testing


def test_every_page_links_to_the_statement_in_its_footer(client, world):
    url = reverse("collab:accessibility")
    assert f'href="{url}"' in client.get(reverse("login")).content.decode()
    client.force_login(world.a.coordinator)
    footer = client.get(reverse("collab:home")).content.decode().split("<footer", 1)[1]
    assert f'href="{url}">Tillgänglighetsredogörelse</a>' in footer


def test_logged_in_statement_has_the_layout_and_no_query_of_its_own(client, world):
    """The bench's floor: the menu and the organisation in the header, and only the queries
    every logged-in page makes (session, user, the user's memberships)."""
    client.force_login(world.a.coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("collab:accessibility"))
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="main-nav"' in text and world.a.organisation.name in text
    assert len(queries) == 3, "\n".join(q["sql"] for q in queries.captured_queries)
