"""What the register adds to the platform: navigation, the home page's figures and the demo
seeder.

Called once from :meth:`enterprises.apps.EnterprisesConfig.ready`.
"""

from django.utils.translation import gettext_lazy as _

from collab import figures as figure_catalogue
from collab import navigation, registry, search_index
from collab import search as platform_search
from collab.models import Access
from enterprises import demo, figures, home, search
from enterprises.models import SocialEnterprise


def register() -> None:
    figure_catalogue.register(*figures.FIGURES)
    registry.register_demo(demo.seed)
    platform_search.register_search_provider(search.provider, order=10)
    search_index.register_text_index(SocialEnterprise, [search.TITLE, *search.BODY])
    for order, card in enumerate(home.CARDS, start=10):
        registry.register_home_card(card, order=order)

    navigation.register_link("enterprises", _("Register"), "enterprises:socialenterprise_list")
    navigation.register_link("enterprises", _("Contact persons"), "enterprises:contactperson_list")
    navigation.register_link("enterprises", _("Import"), "enterprises:import_upload", Access.EDIT)
