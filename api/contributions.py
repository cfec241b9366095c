"""What the API and open-data app contributes to the platform (navigation, demo data)."""

from django.utils.translation import gettext_lazy as _

from collab import navigation, registry
from collab.models import Access


def register() -> None:
    """Called from :meth:`api.apps.ApiConfig.ready`."""
    from api import demo, demo_keys

    navigation.register_link("organisation", _("API keys"), "publishing:apikey_list", Access.MANAGE)
    navigation.register_link(
        "organisation", _("Open data"), "publishing:publication", Access.MANAGE
    )
    registry.register_demo(demo_keys.seed_api_keys)
    registry.register_demo(demo.seed_publication, order=80)
    registry.register_scale_seeder(demo.seed_scale_publication)
