"""Errors as ``application/problem+json`` (RFC 9457: type, title, status, detail)."""

from http import HTTPStatus

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _title(code: int) -> str:
    titles = {
        400: _("Bad request"),
        401: _("Not authenticated"),
        403: _("Forbidden"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        429: _("Too many requests"),
        500: _("Server error"),
    }
    try:
        default = HTTPStatus(code).phrase
    except ValueError:
        default = str(code)
    return str(titles.get(code, default))


def problem(code: int, detail, *, extra: dict | None = None) -> dict:
    body = {"type": "about:blank", "title": _title(code), "status": code, "detail": detail}
    body.update(extra or {})
    return body


def _detail_text(detail) -> tuple[str, dict]:
    """One sentence for ``detail``; field errors (a bad filter value) go in ``errors``."""
    if isinstance(detail, dict):
        errors = {
            str(field): [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            for field, msgs in detail.items()
        }
        text = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
        return text, {"errors": errors}
    if isinstance(detail, list):
        return " ".join(str(d) for d in detail), {}
    return str(detail), {}


def problem_exception_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: every error the API answers, as problem+json."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("No such record for this API key."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    text, extra = _detail_text(response.data.get("detail", response.data))
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        extra["retry_after"] = int(exc.wait)
    body = problem(response.status_code, text, extra=extra)
    problem_response = Response(body, status=response.status_code, headers=dict(response.items()))
    problem_response.content_type = PROBLEM_CONTENT_TYPE
    return problem_response


def problem_response(code: int, detail: str) -> JsonResponse:
    """A problem+json answer outside DRF (an unknown URL under ``/api/``)."""
    return JsonResponse(problem(code, detail), status=code, content_type=PROBLEM_CONTENT_TYPE)


NOT_FOUND = status.HTTP_404_NOT_FOUND
