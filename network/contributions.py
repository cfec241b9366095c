"""What the network app contributes to the platform (home page sections, demo data)."""

from collab import registry


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    _register_examples()


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
