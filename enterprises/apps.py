from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Social enterprises")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collab import navigation, registry
        from collab.models import Access
        from enterprises import demo, home

        registry.register_demo(demo.seed)
        registry.register_home_figures(home.figures)

        navigation.register_link("enterprises", _("Register"), "enterprises:socialenterprise_list")
        navigation.register_link(
            "enterprises", _("Contact persons"), "enterprises:contactperson_list"
        )
        navigation.register_link(
            "enterprises", _("Import"), "enterprises:import_upload", Access.EDIT
        )
