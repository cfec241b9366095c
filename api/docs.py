"""Answers under ``/api/`` that are not an endpoint."""

from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from api.problems import problem_response


@csrf_exempt
@login_not_required
def not_found(request, *args, **kwargs):
    """An unknown API URL: 404 as problem+json (never the HTML page or a login redirect)."""
    return problem_response(
        404, _("No such API endpoint. The API's description is at /api/v1/openapi.json.")
    )
