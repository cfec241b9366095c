"""How an open-data response is made: no session, no personal data, cacheable.

**Nothing of the visitor.** A public page is rendered with ``render_to_string`` *without the
request*: no context processor runs, so the template cannot show a user's name, the
organisation switcher or a CSRF token (none is made, so no ``csrftoken`` cookie), and the
session is never touched (no ``sessionid`` cookie). A logged-in member sees exactly what an
anonymous visitor sees.

**Cached, and never stale.** The rendered body is kept in Django's default cache (per process)
under a key made of what it shows: the page and its query string, the language, the host, the
organisation, its publication's ``updated_at`` and its records state
(:func:`collab.figures.records_state`: grows with every change to any of its records, written in
the same transaction) — plus the day for the figures, which count "up to today". A cached body
is therefore never out of date, and a change to the publication or to a record takes effect at
once; the timeout only bounds memory. Chosen over ``cache_page`` with a short timeout, which
would show a withdrawn dataset until it expires. The rule "this organisation publishes this
dataset" (:func:`api.publication.published`) is asked on every request *before* the cache, so a
dataset no longer published is a 404 at once. A hit costs up to three small queries (organisation,
publication, records state; an enterprise's page also checks its listing).

Browsers and proxies may keep a response for :data:`MAX_AGE` seconds (``Cache-Control: public``);
a logged-in member's responses are ``private, no-store`` (``collab.middleware``), like every page
they see.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from collab.figures import records_state

MAX_AGE = 5 * 60
SERVER_SECONDS = 60 * 60


def _key(request, parts) -> str:
    described = repr(
        (
            request.resolver_match.view_name if request.resolver_match else request.path,
            request.path,
            sorted(request.GET.lists()),
            get_language(),
            request.get_host(),
            *parts,
        )
    )
    return "opendata:" + hashlib.sha256(described.encode()).hexdigest()


def organisation_state(organisation, publication) -> tuple:
    """What an organisation's open data depends on: its publication settings and records."""
    return (
        organisation.pk,
        publication.updated_at.isoformat(),
        records_state(organisation).key,
        timezone.localdate().isoformat(),
    )


def respond(request, parts, build, *, content_type="text/html; charset=utf-8", filename=None):
    """The cached body for ``parts`` (see the module), else ``build()`` (a str) cached."""
    key = _key(request, parts)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, SERVER_SECONDS)
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def page(request, parts, template: str, context) -> HttpResponse:
    """A public HTML page (``context`` a callable, run only when the page is not cached)."""
    return respond(request, parts, lambda: render_to_string(template, context()))
