from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collab import registry
        from followup import dashboard_views, evidence, indicator_views, report_views

        dashboard_views.register()
        indicator_views.register()
        report_views.register()
        # After collab's own follow-up evidence (the action plan and the reviews).
        registry.register_area_evidence(7, evidence.area_7, order=10)
