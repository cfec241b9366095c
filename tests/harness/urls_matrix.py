"""Derives the URL matrix from the project's URL configuration.

Every named URL is either generic (its view derives from ``OrganisationAccessMixin``; the
view class tells which access it needs and, for ``<pk>`` URLs, which model), or listed in
``SPECIAL`` / ``PUBLIC`` / ``EXCLUDED_NAMESPACES`` with a reason. A URL that is none of these
fails the coverage gate, so every URL added later is checked without extra work.
"""

import datetime
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.edit import DeletionMixin, ProcessFormView

from api.base import ApiScopeMixin
from collab.generic import OrganisationAccessMixin
from collab.models import Access
from network.access import NetworkAccessMixin

# Reachable without logging in.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "set_language",
    "invitation_accept",  # the e-mailed link; tested in test_invite_members.py
    "collab:accessibility",  # the accessibility statement; test_bench_accessibility.py
    "api:openapi",  # the API's OpenAPI document; tests/api/test_api_foundation.py
    "api:docs",  # the API's documentation page (Swagger UI from our static files)
    "api:not_found",  # any other URL under /api/: 404 as problem+json
    # The procurements open dataset (OCDS, CSV, description): tests/api/test_ocds_*.py
    "opendata:procurements_ocds",
    "opendata:procurements_csv",
    "opendata:procurements_readme",
    # Open data without login (/oppna-data/): tests/api/test_opendata_pages.py and
    # test_opendata_datasets.py; axe in tests/harness/test_browser.py.
    "opendata:index",
    "opendata:organisation",
    "opendata:directory",
    "opendata:enterprise",
    "opendata:register_csv",
    "opendata:register_json",
    "opendata:register_readme",
    "opendata:figures_csv",
    "opendata:figures_json",
    "opendata:figures_readme",
    # A calendar feed: the token in the address is the key (no login, no session); unknown or
    # revoked tokens 404. tests/collab/test_reminders_calendar.py
    "calendar_feed_ics",
}

# Authenticated pages that are not organisation records: each is tested in test_platform.py.
SPECIAL = {
    "logout": "POST only; ends the session",
    "password_change": "the user's own password",
    "password_change_done": "the user's own password",
    "collab:home": "every user's start page, also without organisation",
    "collab:switch_organisation": "POST only; chooses among the user's own memberships",
    "collab:trash_restore": "a deleted record (kind and pk from the history); "
    "tenancy and roles tested in test_trash_restore.py",
    "collab:two_factor": "the user's own two-factor authentication (test_auth_two_factor.py)",
    "collab:two_factor_setup": "the user's own two-factor authentication",
    "collab:two_factor_verify": "the second step of the login",
    "collab:two_factor_recovery_codes": "the user's own recovery codes",
    "collab:two_factor_disable": "the user's own two-factor authentication",
    "collab:preferences": "the user's own reminder setting (test_reminders_calendar.py)",
    "collab:organisation_export": "a ZIP of the active organisation's data; test_invite_export.py",
    "collab:attachment_create": "an upload to a record named by kind and id (not a <pk> of its "
    "own model): tenancy (404) and roles (403) in tests/collab/test_attachments_upload.py",
    "network:list": "the user's own networks (coordinated, or of their organisation); "
    "tests/network/test_network_overview.py",
    "network:create": "platform superusers only (others 404); test_members_network.py",
    "network:update": "platform superusers only (others 404); test_members_network.py",
    "network:invitation_answer": "an invitation to the user's organisation, answered by its "
    "administrators; tests/network/test_members_consent.py",
}

# Example values for URL parameters that are not an object's pk (the walk's area number 1–7).
# A closed year for the recalculation of a year's stored figures.
EXAMPLE_KWARGS = {
    "number": 1,
    "key": "enterprises_identified",
    "year": datetime.date.today().year - 1,
}

# The Django admin is for superusers only (test_platform.py proves others are kept out).
EXCLUDED_NAMESPACES = {"admin"}


@dataclass
class Route:
    name: str
    pattern: str
    view_class: type | None

    @property
    def needs_object(self) -> bool:
        return "<int:pk>" in self.pattern or "(?P<pk>" in self.pattern

    def kwargs(self, obj=None) -> dict | None:
        """The keyword arguments to reverse this URL with (``obj`` for a ``<pk>`` URL)."""
        kwargs = {
            name: value
            for name, value in EXAMPLE_KWARGS.items()
            if any(f"<{kind}:{name}>" in self.pattern for kind in ("int", "slug", "str"))
        }
        if obj is not None:
            kwargs["pk"] = obj.pk
        return kwargs or None

    @property
    def model(self):
        return getattr(self.view_class, "model", None)

    @property
    def required_access(self) -> int:
        return getattr(self.view_class, "required_access", Access.READ)

    @property
    def is_write(self) -> bool:
        vc = self.view_class
        return self.required_access >= Access.EDIT or issubclass(
            vc, ProcessFormView | DeletionMixin
        )

    @property
    def is_generic(self) -> bool:
        return self.view_class is not None and issubclass(self.view_class, OrganisationAccessMixin)

    @property
    def is_api(self) -> bool:
        """An API v1 endpoint (``api.base.ApiScopeMixin``): tests/harness/test_api_matrix.py."""
        return self.view_class is not None and issubclass(self.view_class, ApiScopeMixin)

    @property
    def is_network(self) -> bool:
        return self.view_class is not None and issubclass(self.view_class, NetworkAccessMixin)

    @property
    def audience(self) -> str:
        return self.view_class.audience

    @property
    def member_access(self) -> int:
        return self.view_class.member_access

    @property
    def allows_get(self) -> bool:
        return "get" in self.view_class.http_method_names and hasattr(self.view_class, "get")

    def __str__(self) -> str:
        return self.name


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            view_class = getattr(entry.callback, "view_class", None) or getattr(
                entry.callback, "cls", None
            )  # ``cls``: a REST framework viewset
            yield Route(name=name, pattern=prefix + str(entry.pattern), view_class=view_class)


def all_routes() -> list[Route]:
    seen = {}
    for route in _walk(get_resolver()):
        seen.setdefault(route.name, route)
    return sorted(seen.values(), key=lambda r: r.name)


def generic_routes() -> list[Route]:
    return [
        r
        for r in all_routes()
        if r.name.split(":")[0] not in EXCLUDED_NAMESPACES
        and r.name not in PUBLIC
        and r.name not in SPECIAL
        and r.is_generic
    ]


def network_routes() -> list[Route]:
    """The network's pages (``/natverk/<network>/...``, views on ``NetworkAccessMixin``)."""
    return [r for r in all_routes() if r.name not in SPECIAL and r.is_network]


def api_routes() -> list[Route]:
    """The API's endpoints (``/api/v1/...``, views on ``api.base.ApiScopeMixin``)."""
    return [r for r in all_routes() if r.name not in PUBLIC and r.is_api]


def unclassified_routes() -> list[Route]:
    return [
        r
        for r in all_routes()
        if r.name.split(":")[0] not in EXCLUDED_NAMESPACES
        and r.name not in PUBLIC
        and r.name not in SPECIAL
        and not r.is_generic
        and not r.is_network
        and not r.is_api
    ]
