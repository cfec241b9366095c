"""``Authorization: Bearer <key>``: the only way into the API (never a key in the URL)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from api import keys


class ApiClient:
    """The caller of an API request: an organisation's key, not a person."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, key):
        self.key = key
        self.organisation = key.organisation
        self.pk = None

    def __str__(self) -> str:
        return f"API key {self.key.prefix}"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() != self.keyword.lower().encode() or len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as “Authorization: Bearer <key>”.")
            )
        try:
            secret = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("The API key is not valid.")) from exc
        key = keys.find_key(secret)
        if key is None:
            raise exceptions.AuthenticationFailed(_("The API key is not valid."))
        if key.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("The API key has been revoked."))
        if not key.is_usable():
            raise exceptions.AuthenticationFailed(_("The API key has expired."))
        keys.touch(key)
        return ApiClient(key), key

    def authenticate_header(self, request) -> str:
        # A 401 (not 403) with WWW-Authenticate when the key is missing or bad.
        return f'{self.keyword} realm="api"'


class HasApiKey(permissions.BasePermission):
    message = gettext_lazy("An API key is needed: send “Authorization: Bearer <key>”.")

    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, ApiClient)


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The key as the OpenAPI document describes it: HTTP bearer."""

    target_class = ApiKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from Samverka (Organisation → API-nycklar).",
        }
