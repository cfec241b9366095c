"""The administrator's page for what the organisation publishes as open data."""

urlpatterns: list = []
