"""A request limit per API key, counted in the shared cache (``CACHES["shared"]``, the
database) so that the limit holds across all web workers and servers."""

from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def __init__(self):
        self.cache = caches["shared"]
        super().__init__()

    def get_rate(self) -> str:
        """Read at every request (``API_RATE_LIMIT``, e.g. ``600/minute``), not at import."""
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        key = getattr(request, "auth", None)
        if key is None or not hasattr(key, "prefix"):
            return None  # unauthenticated: refused before the throttle matters
        return self.cache_format % {"scope": self.scope, "ident": key.prefix}
