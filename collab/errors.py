"""Swedish error pages inside the layout; never a stack trace."""

import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", {}, status=404)


@requires_csrf_token
def server_error(request):
    """Rendered without context processors: the failure may be the database itself.

    Django calls this while it handles the exception, wherever it was raised (a view, or a
    middleware such as the session's or the organisation scope's), so ``sys.exc_info()`` says
    what failed. A database that cannot be reached is 503 with ``Retry-After``, not 500.
    """
    from django.http import HttpResponseServerError

    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return database_unavailable(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


RETRY_AFTER_SECONDS = 30


def database_unavailable(request):
    """503 without touching the database: a standalone template, or JSON for ``/healthz``."""
    from django.http import HttpResponse, JsonResponse
    from django.utils.cache import add_never_cache_headers

    if request.path == "/healthz":
        response = JsonResponse(
            {"status": "error", "database": {"default": "unavailable"}}, status=503
        )
    else:
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
