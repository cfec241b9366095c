from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Social enterprises")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from enterprises import contributions

        contributions.register()
