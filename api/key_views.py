"""The administrator's pages for API keys (create, list, revoke)."""

urlpatterns: list = []
