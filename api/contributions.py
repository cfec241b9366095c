"""What the API and open-data app contributes to the platform (navigation, demo data)."""

from django.utils.translation import gettext_lazy as _

from api import demo_keys
from collab import navigation, registry
from collab.models import Access


def register() -> None:
    """Called from :meth:`api.apps.ApiConfig.ready`."""
    navigation.register_link("organisation", _("API keys"), "publishing:apikey_list", Access.MANAGE)
    registry.register_demo(demo_keys.seed_api_keys)
