"""What follow-up adds to the platform: navigation, the politicians' start page, the walk's
evidence for area 7 and the demo seeders.

Called once from :meth:`followup.apps.FollowupConfig.ready`.
"""

from django.utils.translation import gettext_lazy as _

from collab import navigation, registry
from collab.models import Role
from followup import demo, evidence


def register() -> None:
    navigation.register_link("followup", _("Dashboard"), "followup:dashboard")
    navigation.register_link("followup", _("Effect chains"), "followup:effectchain_list")
    registry.register_start_page(Role.VIEWER, "followup:dashboard")
    navigation.register_link("followup", _("Indicators"), "followup:indicator_list")
    navigation.register_link("followup", _("Status report"), "followup:report")
    navigation.register_link("followup", _("Written status reports"), "followup:statusreport_list")
    navigation.register_link(
        "followup", _("Archive: adopted status reports"), "followup:statusreport_archive"
    )
    # After collab's own follow-up evidence (the action plan and the reviews).
    registry.register_area_evidence(7, evidence.area_7, order=10)
    # After the other apps' demo records; the effect chain (60) is measured by the manual
    # indicators (50).
    registry.register_demo(demo.seed_indicators, order=50)
    registry.register_demo(demo.seed_effect_chain, order=60)
    registry.register_demo(demo.seed_status_report, order=70)
