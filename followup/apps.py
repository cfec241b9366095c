from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from followup import dashboard_views, indicator_views, report_views

        dashboard_views.register()
        indicator_views.register()
        report_views.register()
