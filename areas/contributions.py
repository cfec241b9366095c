"""What the seven areas add to the platform: navigation, the home page's sections and figures,
the walk's evidence, sections on a social enterprise's page and the demo seeders.

Called once from :meth:`areas.apps.AreasConfig.ready`; the platform (``collab``) reads these
through :mod:`collab.registry` and :mod:`collab.navigation` without importing this app.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from areas import demo, evidence, figures, selectors, walk
from areas.views.groups import enterprise_meetings
from areas.views.partnerships import IOP_CARD, enterprise_partnerships
from collab import agenda, navigation, registry
from collab import figures as figure_catalogue
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
    agenda.register_agenda_source(agenda_meetings, order=50)


def agenda_meetings(organisation, *, owner=None, start=None, end=None):
    """The coordination groups' meetings, as events on the organisation's calendar (events
    have no owner: none for one person's items). Two queries whatever the number."""
    if owner is not None:
        return []
    from areas.models import Meeting

    meetings = Meeting.objects.filter(organisation=organisation).select_related("group")
    if start is not None:
        meetings = meetings.filter(date__gte=start)
    if end is not None:
        meetings = meetings.filter(date__lte=end)
    kind = gettext("Meeting")
    return [
        agenda.AgendaItem(
            key=f"areas.meeting:{meeting.pk}",
            kind=kind,
            title=meeting.title or meeting.group.name,
            date=meeting.date,
            url=meeting.get_absolute_url(),
            is_task=False,
            description="\n\n".join(
                part
                for part in (
                    gettext("Group: %(group)s") % {"group": meeting.group.name},
                    meeting.agenda[:2000],
                )
                if part
            ),
        )
        for meeting in meetings.order_by("date", "pk")
    ]
