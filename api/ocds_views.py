"""Procurements as open data: the OCDS 1.1 release package, its CSV and its description.

All three are public (no login) and answer 404 unless the organisation publishes its
procurements (``api.publication.published``). They carry no personal data (``api.ocds``), set
no cookie, and may be cached by browsers and proxies for ``MAX_AGE`` seconds.

Server-side, each response body is built once per state of what it shows and kept in the
cache: the key holds the organisation, the publication's last change (its prefix and licence),
the time of the dataset's last change (a procurement or bid created, changed or deleted:
``api.ocds.last_changed``, two aggregate queries on the change history), the site's address
and, for the page, the language. Any change makes a new key, so a change shows at once; an old
entry simply expires after ``CACHE_SECONDS``.
"""

import csv
import io
import json

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from api import ocds
from api.publication import published
from collab.imports.export import csv_cell

MAX_AGE = 300  # Cache-Control: public, max-age (seconds)
CACHE_SECONDS = 3600


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _cached_body(request, kind: str, organisation, publication, build) -> bytes:
    changed = ocds.last_changed(organisation)
    key = ":".join(
        [
            "opendata-ocds",
            kind,
            str(organisation.pk),
            publication.updated_at.isoformat(),
            changed.isoformat() if changed else "-",
            _base_url(request),
            translation.get_language() or "",
        ]
    )
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, CACHE_SECONDS)
    return body


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@login_not_required
@require_safe
def procurements_ocds(request, organisation):
    org, publication = published(organisation, "procurements")

    def build() -> bytes:
        package = ocds.release_package(org, publication, base_url=_base_url(request))
        return json.dumps(package, ensure_ascii=False).encode("utf-8")

    body = _cached_body(request, "json", org, publication, build)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="upphandlingar-{org.slug}.json"'
    return _public(response)


@login_not_required
@require_safe
def procurements_csv(request, organisation):
    org, publication = published(organisation, "procurements")

    def build() -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in ocds.csv_rows(org, publication):
            writer.writerow([csv_cell(cell) for cell in row])
        return buffer.getvalue().encode("utf-8")

    body = _cached_body(request, "csv", org, publication, build)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="upphandlingar-{org.slug}.csv"'
    return _public(response)


@login_not_required
@require_safe
def procurements_readme(request, organisation):
    org, publication = published(organisation, "procurements")

    def build() -> bytes:
        kwargs = {"organisation": org.slug}
        context = {
            "organisation": org,
            "publication": publication,
            "prefix": ocds.ocid_prefix(org, publication),
            "prefix_registered": bool((publication.ocid_prefix or "").strip()),
            "licence_url": ocds.LICENCE_URLS.get(publication.licence),
            "updated": ocds.last_updated(org),
            "json_url": reverse("opendata:procurements_ocds", kwargs=kwargs),
            "csv_url": reverse("opendata:procurements_csv", kwargs=kwargs),
            "fields": ocds.FIELD_MAPPING,
            "columns": ocds.CSV_COLUMNS,
            "methods": ocds.method_table(),
            "statuses": ocds.status_table(),
            "reservations": ocds.reserved_participation_table(),
            "sustainability": ocds.SUSTAINABILITY_RULES,
            "extensions": [ocds.EXTENSION_OTHER_REQUIREMENTS, ocds.EXTENSION_SUSTAINABILITY],
            "scheme": ocds.IDENTIFIER_SCHEME,
        }
        return render_to_string("api/ocds_readme.html", context, request=None).encode()

    body = _cached_body(request, "readme", org, publication, build)
    return _public(HttpResponse(body, content_type="text/html; charset=utf-8"))


urlpatterns = [
    path(
        "<slug:organisation>/upphandlingar.json",
        procurements_ocds,
        name="procurements_ocds",
    ),
    path(
        "<slug:organisation>/upphandlingar.csv",
        procurements_csv,
        name="procurements_csv",
    ),
    path(
        "<slug:organisation>/upphandlingar/beskrivning/",
        procurements_readme,
        name="procurements_readme",
    ),
]
