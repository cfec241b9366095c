from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Procurement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collab import navigation, registry
        from procurement import demo, evidence, home, related, spend, spend_demo

        registry.register_demo(demo.seed)
        registry.register_home_figures(home.figures)
        registry.register_area_evidence(6, evidence.area_6)
        registry.register_related("enterprises.SocialEnterprise", related.enterprise_sections)
        registry.register_related("enterprises.SocialEnterprise", spend.enterprise_spend_sections)
        # After the register and the procurements: the payments go to the register's enterprises.
        registry.register_demo(spend_demo.seed, order=20)

        navigation.register_link("procurement", _("Procurements"), "procurement:procurement_list")
        navigation.register_link("procurement", _("Board"), "procurement:board")
        navigation.register_link("procurement", _("Bids and awards"), "procurement:bid_list")
        navigation.register_link(
            "procurement", _("Employment follow-up"), "procurement:employmentreport_list"
        )
        navigation.register_link(
            "procurement", _("Spend with social enterprises"), "procurement:spend"
        )
