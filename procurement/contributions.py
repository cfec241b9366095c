"""What procurement adds to the platform: navigation, the home page's figures, the walk's
evidence for area 6, sections on a social enterprise's page and the demo seeders.

Called once from :meth:`procurement.apps.ProcurementConfig.ready`.
"""

from django.utils.translation import gettext_lazy as _

from collab import attachments, navigation, registry, search_index
from collab import figures as figure_catalogue
from collab import search as platform_search
from collab.agenda import register_agenda_source
from enterprises.models import SocialEnterprise
from procurement import agenda, demo, evidence, figures, home, related, search, spend
from procurement.models import Procurement


def register() -> None:
    figure_catalogue.register(*figures.FIGURES)
    registry.register_demo(demo.seed_procurements)
    register_agenda_source(agenda.employment_reports, order=50)
    attachments.register_attachable(
        Procurement, _("Procurement documents, the tender evaluation and the contract.")
    )
    platform_search.register_search_provider(search.provider, order=20)
    search_index.register_text_index(Procurement, [search.TITLE, *search.BODY])
    for card in home.CARDS:
        registry.register_home_card(card, order=40)
    registry.register_area_evidence(6, evidence.area_6)
    enterprise = SocialEnterprise._meta.label
    registry.register_related(enterprise, related.enterprise_sections)
    registry.register_related(enterprise, spend.enterprise_spend_sections)
    # After the register and the procurements: the payments go to the register's enterprises.
    registry.register_demo(demo.seed_spend, order=20)
    registry.register_demo(demo.seed_employment_reports, order=36)
    registry.register_demo(demo.seed_attachments, order=40)

    navigation.register_link("procurement", _("Procurements"), "procurement:procurement_list")
    navigation.register_link("procurement", _("Board"), "procurement:board")
    navigation.register_link("procurement", _("Bids and awards"), "procurement:bid_list")
    navigation.register_link(
        "procurement", _("Employment follow-up"), "procurement:employmentreport_list"
    )
    navigation.register_link("procurement", _("Spend with social enterprises"), "procurement:spend")
