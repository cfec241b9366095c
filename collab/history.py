"""Change history (django-simple-history) that respects the organisation scope."""

from django_scopes import ScopeError, get_scope
from simple_history.manager import HistoryManager


class ScopedHistoryManager(HistoryManager):
    """History of organisation-owned rows is itself scoped: outside a scope it refuses."""

    def get_queryset(self):
        qs = super().get_queryset()
        current = get_scope()
        if not current.get("_enabled", True):
            return qs
        organisation = current.get("organisation")
        if organisation is None:
            raise ScopeError("A scope on dimension(s) organisation needs to be active for history.")
        return qs.filter(organisation=organisation)
