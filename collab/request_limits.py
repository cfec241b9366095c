"""Refuse request bodies larger than any upload Samverka accepts, before anything reads them.

``settings.SAMVERKA_MAX_REQUEST_BYTES`` is the limit (the largest upload plus a margin for
the form's other fields and the multipart framing). A request whose ``Content-Length`` is above
it gets 413 with a short Swedish page; its body is never read, so it never reaches a temporary
file. A body sent without ``Content-Length`` (chunked) is not read by Django at all: a
``WSGIRequest`` reads at most ``Content-Length`` bytes, and that is 0 when it is missing.
The reverse proxy should refuse the same sizes earlier (README, "Production").
"""

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.template import loader
from django.utils.cache import add_never_cache_headers


def content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """First in MIDDLEWARE: nothing before it may touch ``request.POST``/``FILES``/``body``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if content_length(request) > settings.SAMVERKA_MAX_REQUEST_BYTES:
            return too_large(request)
        return self.get_response(request)


def too_large(request):
    from django.http import HttpResponse

    stream = request.environ.get("wsgi.input")
    if isinstance(stream, LimitedStream):
        # The development server (runserver) reads the unread rest of a body after the
        # response; tell it there is nothing left. Its connection is closed after this
        # response (no Content-Length header), so the unread bytes are never parsed.
        stream.limit = 0
    limit_mb = settings.SAMVERKA_MAX_REQUEST_BYTES // (1024 * 1024)
    # Rendered without a request: no context processors, no database, no session.
    body = loader.get_template("413.html").render({"limit_mb": limit_mb})
    response = HttpResponse(body, status=413)
    add_never_cache_headers(response)
    return response
