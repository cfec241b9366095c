"""The base of every API v1 endpoint: key authentication, the key's organisation scope,
paging, throttling and problem+json errors (settings ``REST_FRAMEWORK``).

An endpoint is a read-only viewset on :class:`ApiViewSet`; its queryset is the model's scoped
manager, so a key reads its own organisation's rows only and another organisation's id is a
404 (the same answer as a missing one). The list query count must not grow with rows:
``select_related``/``prefetch_related`` everything the serializer reads.
"""

import contextlib

from django.utils.cache import patch_cache_control
from django_scopes import scope
from rest_framework import exceptions, viewsets

from api.authentication import ApiClient, HasApiKey


class ApiScopeMixin:
    """Runs the view (and the serializer's reads) inside the key's organisation scope."""

    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permission, throttle
        if isinstance(request.user, ApiClient):
            self._scope_stack.enter_context(scope(organisation=request.user.organisation.pk))

    def dispatch(self, request, *args, **kwargs):
        with contextlib.ExitStack() as self._scope_stack:
            return super().dispatch(request, *args, **kwargs)

    def permission_denied(self, request, message=None, code=None):
        if request.authenticators and not request.successful_authenticator:
            # No key at all: say how to send one (DRF's default text does not).
            raise exceptions.NotAuthenticated(HasApiKey.message)
        super().permission_denied(request, message=message, code=code)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # An organisation's records: no browser or proxy keeps them.
        patch_cache_control(response, private=True, no_store=True)
        return response

    @property
    def organisation(self):
        return self.request.user.organisation

    @property
    def api_key(self):
        return self.request.auth


class ApiViewSet(ApiScopeMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only list (paged) and detail endpoint of one organisation-owned model.

    Set ``model`` and ``serializer_class``; override :meth:`records` to add the
    ``select_related``/``prefetch_related`` the serializer needs (the harness checks that a
    list's query count does not grow with rows)."""

    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The OpenAPI document is made without a key, so without a scope.
            return self.model._base_manager.none()
        return self.records()

    def records(self):
        """The endpoint's rows (inside the key's scope)."""
        return self.model.objects.all()
