"""One place where the organisation scope is activated for a request."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_scopes import scope, scopes_disabled

from collab.models import Membership, UserPreference

SESSION_KEY = "samverka_organisation_id"


def landing_membership(user, memberships):
    """Where a user starts after logging in: the organisation they last chose in the header
    switcher, else the first by name. Never derived from roles, which other organisations'
    administrators set."""
    preferred = (
        UserPreference.objects.filter(user=user)
        .values_list("landing_organisation_id", flat=True)
        .first()
    )
    chosen = next((m for m in memberships if m.organisation_id == preferred), None)
    return chosen or memberships[0]  # ``memberships`` are ordered by organisation name


def land_after_login(sender, request, user, **kwargs):
    """``user_logged_in``: start the session in the user's chosen organisation."""
    if request is None or not hasattr(request, "session"):
        return
    memberships = list(
        Membership.objects.with_scopes_disabled()
        .filter(user=user)
        .active()
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if memberships:
        request.session[SESSION_KEY] = landing_membership(user, memberships).organisation_id
    else:
        request.session.pop(SESSION_KEY, None)


class OrganisationScopeMiddleware:
    """Resolve the user's active organisation and run the whole request inside its scope.

    The response is rendered inside ``get_response`` (TemplateResponse included), so every
    query a page makes runs within the scope. Requests without an organisation run without a
    scope, so organisation-owned models refuse to query: fail closed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.membership = None
        request.organisation = None
        user = getattr(request, "user", None)

        if request.path.startswith("/admin/"):
            if user is not None and user.is_authenticated and user.is_superuser:
                with scopes_disabled():
                    return self.get_response(request)
            return self.get_response(request)

        if user is not None and user.is_authenticated:
            # Deactivated memberships give no access: as if the user were not a member.
            request.memberships = list(
                Membership.objects.with_scopes_disabled()
                .filter(user=user)
                .active()
                .select_related("organisation")
                .order_by("organisation__name")
            )
            wanted = request.session.get(SESSION_KEY)
            chosen = next((m for m in request.memberships if m.organisation_id == wanted), None)
            if chosen is None and request.memberships:
                # Normally set at login (land_after_login); here when it is gone from the session.
                chosen = landing_membership(user, request.memberships)
            if chosen is not None:
                request.membership = chosen
                request.organisation = chosen.organisation
                with scope(organisation=chosen.organisation_id):
                    return self.get_response(request)
        return self.get_response(request)


class LanguageMiddleware:
    """Swedish unless the user has chosen another language (cookie set by ``set_language``).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not used: a Swedish
    municipality's staff get Swedish even on an English browser, and choose English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a logged-in user.

    Pages, exports (CSV, XLSX, PDF) and document downloads show an organisation's records: no
    browser or proxy cache may keep them (a shared computer, the back button after logging
    out). Static files are served by WhiteNoise before this point and keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
