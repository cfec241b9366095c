"""What the network app contributes to the platform (home page sections, demo data)."""

from django.utils.translation import gettext_lazy as _

from collab import attachments, navigation, registry
from collab import search as platform_search
from collab.models import Access
from network import search
from network.demo_members import seed_members
from network.models import GoodExample
from network.selectors import pending_invitations


def home_invitations(*, request, today) -> registry.HomeSection | None:
    """Invitations to networks that the organisation has not answered yet."""
    invitations = pending_invitations(request.organisation)
    if not invitations:
        return None
    return registry.HomeSection(
        "network/_home_invitations.html",
        {
            "invitations": invitations,
            "can_answer": request.membership.access >= Access.MANAGE,
        },
    )


# --- mentors and the programme (network/mentors.py, network/programme.py) ----------------------


def home_mentors(*, request, today):
    """The member's active mentor pairings ("Er mentorkommun för område 4: …")."""
    from collab.registry import HomeSection
    from network import mentors

    lines = mentors.home_lines(request.organisation)
    return HomeSection("network/mentors/_home.html", {"lines": lines}) if lines else None


def home_programme(*, request, today):
    """The member's team's upcoming sessions and assignments due or overdue."""
    from collab.registry import HomeSection
    from network import programme

    items = programme.reminders(request.organisation, today)
    return HomeSection("network/programme/_home.html", {"items": items}) if items else None


def agenda_sessions(organisation, *, owner=None, start=None, end=None):
    """The sessions of the programmes the organisation takes part in, as events on its
    calendar (events have no owner: none for one person's items). One query."""
    if owner is not None:
        return []
    from django.urls import reverse
    from django.utils.translation import gettext

    from collab.agenda import AgendaItem
    from network import programme

    kind = gettext("Programme session")
    return [
        AgendaItem(
            key=f"network.session:{session.pk}",
            kind=kind,
            title=f"{session.programme.name}: {session.theme}",
            date=session.date,
            url=reverse(
                "network:programme_detail",
                kwargs={"network": session.programme.network.slug, "pk": session.programme_id},
            )
            + f"#session-{session.pk}",
            is_task=False,
            description=session.programme.network.name,
        )
        for session in programme.organisation_sessions(organisation, start, end)
    ]


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    from collab.agenda import register_agenda_source

    register_agenda_source(agenda_sessions, order=60)
    platform_search.register_search_provider(search.good_examples, order=70)
    navigation.register_section("network", _("Networks"), 60)
    navigation.register_link("network", _("Networks"), "network:list")
    registry.register_home_section(home_invitations, order=5)
    registry.register_network_demo(seed_members, order=-10)

    from network import demo_mentors

    registry.register_home_section(home_mentors, order=40)
    registry.register_home_section(home_programme, order=41)
    registry.register_network_demo(demo_mentors.seed)

    _register_examples()

    from network import matrix_demo, scale

    registry.register_network_demo(matrix_demo.seed_last_years_levels)
    registry.register_scale_network(
        registry.ScaleNetwork(slug=scale.SLUG, coordinator=scale.COORDINATOR, build=scale.build)
    )

    from network.compare import seed_demo as compare_seed_demo

    registry.register_network_demo(compare_seed_demo)


# --- good examples and the questionnaire (examples) -------------------------------------------


def home_questionnaires(*, request, today):
    """Sent questionnaires that the user's organisation has not submitted, before their
    deadline (for members who may answer)."""
    from django.urls import reverse

    from collab.models import Access, NetworkMembership
    from network.models import Questionnaire, QuestionnaireResponse

    organisation = getattr(request, "organisation", None)
    membership = getattr(request, "membership", None)
    if organisation is None or membership is None or membership.access < Access.EDIT:
        return None
    questionnaires = list(
        Questionnaire.objects.filter(
            status=Questionnaire.Status.SENT,
            deadline__gte=today,
            network__memberships__organisation=organisation,
            network__memberships__status=NetworkMembership.Status.ACTIVE,
        )
        .select_related("network")
        .order_by("deadline", "title")
    )
    if not questionnaires:
        return None
    responses = {
        r.questionnaire_id: r
        for r in QuestionnaireResponse.objects.filter(
            questionnaire__in=questionnaires, organisation=organisation
        )
    }
    items = [
        {
            "questionnaire": q,
            "draft": q.pk in responses,
            "url": reverse(
                "network:questionnaire_answer", kwargs={"network": q.network.slug, "pk": q.pk}
            ),
        }
        for q in questionnaires
        if not (q.pk in responses and responses[q.pk].submitted_at)
    ]
    if not items:
        return None
    return registry.HomeSection("network/_home_questionnaires.html", {"items": items})


def _register_examples() -> None:
    from network import demo_examples

    registry.register_home_section(home_questionnaires, order=15)
    registry.register_network_demo(demo_examples.seed, order=20)
    # An example's files are shared attachments (uploaded from its form).
    attachments.register_attachable(
        GoodExample, _("Files of the good example."), related=("network",)
    )
