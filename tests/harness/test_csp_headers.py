"""Content-Security-Policy, Permissions-Policy and Cache-Control on every page of the URL matrix.

The policy forbids inline script and style (``style=""`` attributes, ``on…=`` handlers,
``<script>``/``<style>`` elements without the request's nonce): the pages, rendered as the
user who may see them, must contain none of these, or the browser would refuse them.
"""

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import login_with_two_factor
from tests.harness.test_url_matrix import ROUTES, _make, _url

REQUIRED_DIRECTIVES = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]


def csp_directives(response) -> dict[str, set[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def assert_content_security_policy(response, where) -> None:
    directives = csp_directives(response)
    for name, sources in REQUIRED_DIRECTIVES.items():
        got = directives.get(name, set())
        # Only the required sources, plus the page's nonce for script and style.
        assert sources <= got, (where, name, got)
        extra = {s for s in got - sources if not s.startswith("'nonce-")}
        assert not extra, (where, name, extra)
    header = response["Content-Security-Policy"]
    for weak in ("'unsafe-inline'", "'unsafe-eval'", "*"):
        assert weak not in header.split(), (where, header)


def assert_permissions_policy(response, where) -> None:
    policy = {p.strip() for p in response.get("Permissions-Policy", "").split(",")}
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in policy, (where, feature, policy)


def assert_private_no_store(response, where) -> None:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (where, response.get("Cache-Control"))
    assert "public" not in directives, where


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class InlineCode(HTMLParser):
    """Collects what the policy would block: style/on… attributes (unless the policy allows
    that exact style attribute by its hash), inline script and style elements without the
    nonce, ``javascript:`` links."""

    def __init__(self, nonce: str | None, allowed_style_attributes: set[str]):
        super().__init__()
        self.nonce = nonce
        self.allowed_style_attributes = allowed_style_attributes
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style" and sha256_source(value or "") in self.allowed_style_attributes:
                continue
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style" or (tag == "script" and not attributes.get("src")):
            if not self.nonce or attributes.get("nonce") != self.nonce:
                self.found.append(f"<{tag}> without the page's nonce")

    handle_startendtag = handle_starttag


def inline_code(response) -> list[str]:
    nonces = [
        s.removeprefix("'nonce-").removesuffix("'")
        for s in csp_directives(response).get("script-src", set())
        if s.startswith("'nonce-")
    ]
    style_attr = csp_directives(response).get("style-src-attr", set())
    allowed = style_attr if "'unsafe-hashes'" in style_attr else set()
    parser = InlineCode(nonces[0] if nonces else None, allowed)
    parser.feed(response.content.decode())
    parser.close()
    return parser.found


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_page_and_export_has_the_policies_and_no_inline_code(client, world, route):
    obj = _make(route, world.a.organisation)
    client.force_login(world.a.user_for(route.required_access))
    url = _url(route, obj)
    responses = {url: client.get(url)}
    if hasattr(route.view_class, "export_csv"):  # a list: its CSV and Excel exports
        for kind in ("csv", "xlsx"):
            responses[f"{url}?export={kind}"] = client.get(url, {"export": kind})
    for where, response in responses.items():
        assert response.status_code == 200, where
        assert_content_security_policy(response, where)
        assert_permissions_policy(response, where)
        assert_private_no_store(response, where)
        assert response["X-Frame-Options"] == "DENY", where
        if is_html(response):
            assert inline_code(response) == [], where


@pytest.mark.parametrize(
    "name", ["collab:home", "password_change", "password_change_done", "login"]
)
def test_special_pages_have_the_policies_and_no_inline_code(client, world, name):
    client.force_login(world.a.admin)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_content_security_policy(response, name)
    assert_permissions_policy(response, name)
    assert_private_no_store(response, name)
    assert inline_code(response) == []


def test_anonymous_login_page_has_the_policies_and_no_inline_code(client, db):
    response = client.get(reverse("login"))
    assert_content_security_policy(response, "login")
    assert_permissions_policy(response, "login")
    assert inline_code(response) == []


def test_error_pages_have_the_policies(client, world):
    client.force_login(world.a.viewer)
    missing = client.get("/finns-inte/")
    assert missing.status_code == 404
    assert_content_security_policy(missing, "404")
    assert_private_no_store(missing, "404")
    assert inline_code(missing) == []


def test_static_files_keep_their_cache_for_a_logged_in_user(client, world):
    client.force_login(world.a.admin)
    response = client.get("/static/css/samverka.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_admin_pages_have_the_policy(client, world):
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    login_with_two_factor(client, superuser)  # the admin requires two-factor authentication
    for url in [
        reverse("admin:index"),
        reverse("admin:collab_organisation_changelist"),
        reverse("admin:collab_organisation_change", args=[world.a.organisation.pk]),
        reverse("admin:collab_organisation_add"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_content_security_policy(response, url)
        assert_private_no_store(response, url)
        assert inline_code(response) == [], url


def test_admin_history_page_allows_only_its_one_style_attribute(client, world):
    """simple_history's history page has ``style="border-top: 0"``: allowed by its hash there,
    with 'unsafe-hashes' for style attributes only; no inline style elsewhere."""
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    login_with_two_factor(client, superuser)
    url = reverse("admin:collab_organisation_history", args=[world.a.organisation.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'style="border-top: 0"' in response.content.decode()
    assert csp_directives(response)["style-src-attr"] == {
        "'unsafe-hashes'",
        sha256_source("border-top: 0"),
    }
    assert inline_code(response) == []
    assert "'unsafe-hashes'" not in client.get(reverse("admin:index"))["Content-Security-Policy"]


def test_drawn_pages_have_no_inline_style(client, world):
    """The effect-chain diagram (SVG built in Python), the dashboard's charts and the activity's
    progress bar are drawn without style attributes, and the bar still shows the share done."""
    from tests.factories import ActivityFactory, EffectStepFactory, TargetFactory

    org = world.a.organisation
    step = EffectStepFactory(organisation=org)
    TargetFactory(organisation=org)
    activity = ActivityFactory(organisation=org, percent_complete=37)
    client.force_login(world.a.viewer)

    chain_page = client.get(reverse("followup:effectchain_detail", args=[step.chain.pk]))
    assert 'class="effect-diagram"' in chain_page.content.decode()
    dashboard = client.get(reverse("followup:dashboard"))
    assert 'class="chart"' in dashboard.content.decode()
    activity_page = client.get(activity.get_absolute_url())
    content = activity_page.content.decode()
    assert 'aria-valuenow="37"' in content
    assert "progress-bar w-pct-35" in content  # the bar's width, to the nearest 5 %
    for response in (chain_page, dashboard, activity_page):
        assert response.status_code == 200
        assert inline_code(response) == []
