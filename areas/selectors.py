"""Reads for the records behind the seven areas: querysets ready for the templates."""

from areas.models import (
    Activity,
    GoverningDocument,
    MeetingAction,
    Partnership,
)


def partnership_detail():
    return Partnership.objects.select_related("partner", "challenge", "follow_up_owner_user")


def partnerships_of_enterprise(enterprise) -> list[Partnership]:
    """The IOPs an enterprise is partner in (one query; for the enterprise's page)."""
    return list(
        Partnership.objects.filter(partner=enterprise).only(
            "pk", "title", "status", "start_date", "end_date", "organisation_id", "partner_id"
        )
    )


ATTENTION_LIMIT = 10


def needs_attention(today) -> dict:
    """The home page's "needs attention": overdue action-plan activities, governing documents
    due for review, overdue actions from meetings and overdue IOP follow-ups (the first few of
    each, and the count)."""
    activities = (
        Activity.objects.overdue(today).select_related("owner_user").order_by("due_date", "title")
    )
    documents = GoverningDocument.objects.due_for_review(today).order_by("next_review", "title")
    actions = (
        MeetingAction.objects.overdue(today)
        .select_related("meeting__group", "owner_user")
        .order_by("due_date", "pk")
    )
    follow_ups = (
        Partnership.objects.follow_up_overdue(today)
        .select_related("follow_up_owner_user")
        .order_by("next_follow_up", "title")
    )
    return {
        "overdue_activities": list(activities[:ATTENTION_LIMIT]),
        "overdue_activity_count": activities.count(),
        "documents_due": list(documents[:ATTENTION_LIMIT]),
        "documents_due_count": documents.count(),
        "overdue_actions": list(actions[:ATTENTION_LIMIT]),
        "overdue_action_count": actions.count(),
        "overdue_follow_ups": list(follow_ups[:ATTENTION_LIMIT]),
        "overdue_follow_up_count": follow_ups.count(),
    }
