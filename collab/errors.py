"""Swedish error pages inside the layout; never a stack trace."""

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
    """Rendered without context processors: the failure may be the database itself."""
    from django.http import HttpResponseServerError

    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))
