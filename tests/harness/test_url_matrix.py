"""The generic URL matrix: tenant isolation and roles for every named URL of the project."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django_scopes import scopes_disabled

from collab.generic import OrgDetailView
from collab.models import Access
from tests.factories import OWNED_FACTORIES
from tests.harness.urls_matrix import (
    PUBLIC,
    SPECIAL,
    all_routes,
    generic_routes,
    unclassified_routes,
)

ROUTES = generic_routes()


def test_every_named_url_is_in_the_matrix():
    missing = unclassified_routes()
    assert not missing, (
        "Named URLs the matrix does not know: "
        + ", ".join(f"{r.name} ({r.pattern})" for r in missing)
        + ". Build the view on collab.generic's base views, or add it to SPECIAL/PUBLIC "
        "in tests/harness/urls_matrix.py with a test of its own."
    )


def test_special_and_public_names_exist():
    names = {r.name for r in all_routes()}
    stale = (set(SPECIAL) | PUBLIC) - names
    assert not stale, f"Listed in the matrix but no longer a URL: {sorted(stale)}"


def test_every_object_model_has_a_factory():
    models = {r.model for r in ROUTES if r.needs_object}
    missing = [m.__name__ for m in models if m not in OWNED_FACTORIES]
    assert not missing, f"Add a factory to tests/factories/<app>.py for: {missing}"


def page_text(response) -> str:
    """What the user reads: the page, or a PDF's text (pdftotext from poppler-utils)."""
    if response.get("Content-Type", "").startswith("application/pdf"):
        import subprocess

        result = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        )
        return result.stdout.decode()
    return response.content.decode()


def _url(route, obj=None):
    return reverse(route.name, kwargs=route.kwargs(obj))


def _make(route, organisation):
    if not route.needs_object:
        return None
    return OWNED_FACTORIES[route.model](organisation)


def _snapshot(obj):
    if obj is None:
        return None
    with scopes_disabled():
        fresh = type(obj)._base_manager.filter(pk=obj.pk).first()
        return model_to_dict(fresh) if fresh is not None else None


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_anonymous_is_sent_to_login(client, world, route):
    url = _url(route, _make(route, world.a.organisation))
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, route
        assert response["Location"].startswith(reverse("login")), route


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_other_organisation_gets_404_and_nothing_changes(client, world, route):
    obj = _make(route, world.a.organisation)
    client.force_login(world.b.admin)  # the strongest role in the other organisation
    if obj is None:
        response = client.get(_url(route))
        assert response.status_code == 200, route
        assert world.a.organisation.name not in page_text(response), (
            f"{route}: organisation B's page shows organisation A's name"
        )
        return
    before = _snapshot(obj)
    url = _url(route, obj)
    assert client.get(url).status_code == 404, route
    status = client.post(url, {"role": "administrator", "name": "x"}).status_code
    # A read-only page may answer 405 to POST: that reveals nothing either. A detail page
    # (collab.generic.OrgDetailView) looks the object up first: 404, as for GET.
    if route.view_class is not None and issubclass(route.view_class, OrgDetailView):
        assert status == 404, (route, status)
    assert status == 404 or (status == 405 and not route.is_write), (route, status)
    assert _snapshot(obj) == before, f"{route}: POST from another organisation changed the row"


@pytest.mark.parametrize("route", [r for r in ROUTES if r.is_write], ids=str)
def test_viewer_gets_403_on_writes(client, world, route):
    obj = _make(route, world.a.organisation)
    before = _snapshot(obj)
    client.force_login(world.a.viewer)
    url = _url(route, obj)
    assert client.get(url).status_code == 403, route
    assert client.post(url, {"role": "administrator", "name": "x"}).status_code == 403, route
    assert _snapshot(obj) == before, f"{route}: a viewer's POST changed the row"


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.required_access >= Access.MANAGE], ids=str
)
def test_coordinator_gets_403_where_administrator_is_required(client, world, route):
    obj = _make(route, world.a.organisation)
    client.force_login(world.a.coordinator)
    assert client.get(_url(route, obj)).status_code == 403, route


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_own_user_with_the_required_role_gets_200(client, world, route):
    obj = _make(route, world.a.organisation)
    client.force_login(world.a.user_for(route.required_access))
    response = client.get(_url(route, obj))
    assert response.status_code == 200, route
    if response["Content-Type"].startswith("text/html"):
        # A template's comment or tag shown as text (a {# #} comment over two lines, say).
        html = response.content.decode()
        assert not any(syntax in html for syntax in ("{#", "#}", "{%", "%}")), route
    if route.name.endswith("_download"):  # a file: no page to show str(obj) on
        assert response["Content-Disposition"].startswith("attachment"), route
    elif obj is not None:
        text = " ".join(page_text(response).split())  # a PDF's lines joined
        assert str(obj) in text or route.name.endswith("_update"), route


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_user_without_organisation_gets_403(client, world, route):
    obj = _make(route, world.a.organisation)
    client.force_login(world.outsider)
    assert client.get(_url(route, obj)).status_code == 403, route
