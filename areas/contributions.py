"""What the seven areas add to the platform: navigation, the home page's sections and figures,
the walk's evidence, sections on a social enterprise's page and the demo seeders.

Called once from :meth:`areas.apps.AreasConfig.ready`; the platform (``collab``) reads these
through :mod:`collab.registry` and :mod:`collab.navigation` without importing this app.
"""

from django.utils.translation import gettext_lazy as _

from areas import agenda, demo, evidence, figures, search, selectors, walk
from areas.models import Meeting, Partnership, PoliticalDecision
from areas.views.groups import enterprise_meetings
from areas.views.partnerships import IOP_CARD, enterprise_partnerships
from collab import attachments, navigation, registry
from collab import figures as figure_catalogue
from collab import search as platform_search
from collab.agenda import register_agenda_source
from enterprises.models import SocialEnterprise


def home_attention(*, request, today) -> registry.HomeSection:
    """Overdue activities, documents due for review and overdue meeting actions."""
    return registry.HomeSection(
        "areas/_home_attention.html",
        figure_catalogue.cached(
            request.organisation,
            "attention",
            lambda: selectors.needs_attention(today),
            today=today,
            state=figure_catalogue.request_state(request),
        ),
    )


def home_walk(*, request, today) -> registry.HomeSection:
    """The organisation's level in each of the seven areas."""
    return registry.HomeSection(
        "areas/_home_walk.html",
        {
            "walk": walk.walk_status(
                request.organisation, today, state=figure_catalogue.request_state(request)
            )
        },
    )


def register() -> None:
    figure_catalogue.register(*figures.FIGURES, *figures.LEVEL_FIGURES)
    platform_search.register_search_provider(search.partnerships, order=30)
    platform_search.register_search_provider(search.meetings, order=40)
    platform_search.register_search_provider(search.documents, order=50)
    platform_search.register_search_provider(search.activities, order=60)
    navigation.register_link("overview", _("The seven areas"), "areas:area_list")
    for label, url_name in [
        (_("Political decisions"), "areas:politicaldecision_list"),
        (_("Coordinating function"), "areas:coordinatingfunction_list"),
        (_("Coordination groups"), "areas:coordinationgroup_list"),
        (_("Meetings"), "areas:meeting_list"),
        (_("Decided actions"), "areas:meetingaction_list"),
        (_("Governing documents"), "areas:governingdocument_list"),
        (_("Action plan"), "areas:activity_list"),
        (_("IOP partnerships"), "areas:partnership_list"),
    ]:
        navigation.register_link("collaboration", label, url_name)

    registry.register_home_section(home_attention, order=10)
    for order, source in enumerate(agenda.SOURCES, start=10):
        register_agenda_source(source, order=order)
    registry.register_home_section(home_walk, order=20)
    registry.register_home_card(IOP_CARD, order=30)
    for area, provider in [
        (1, evidence.area_1),
        (2, evidence.area_2),
        (3, evidence.area_3),
        (4, evidence.area_4),
        (5, evidence.area_5),
        (7, evidence.area_7),
    ]:
        registry.register_area_evidence(area, provider)
    # After procurement's evidence for area 6 (order 0).
    registry.register_area_evidence(6, evidence.area_6_partnerships, order=10)
    enterprise = SocialEnterprise._meta.label
    registry.register_related(enterprise, enterprise_partnerships)
    registry.register_related(enterprise, enterprise_meetings)
    # After the register's seeder (order 0): the partnerships are with its organisations.
    registry.register_demo(demo.seed_partnerships, order=10)
    registry.register_demo(demo.seed_walk, order=30)
    registry.register_demo(demo.seed_tasks, order=35)
    register_agenda_source(agenda.meetings, order=50)
    registry.register_demo(demo.seed_attachments, order=40)
    # Files on the records where the work happens ("Bilagor" on their pages).
    attachments.register_attachable(
        Meeting, _("Minutes and other files of the meeting."), related=("group",)
    )
    attachments.register_attachable(Partnership, _("The signed agreement and other files."))
    attachments.register_attachable(PoliticalDecision, _("The decision and its documents."))
