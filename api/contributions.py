"""What the API and open-data app contributes to the platform (navigation, demo data)."""


def register() -> None:
    """Called from :meth:`api.apps.ApiConfig.ready`."""
