from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "areas"
    verbose_name = _("The seven areas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from areas import contributions

        contributions.register()
