"""The seven areas' dated tasks on the agenda (:mod:`collab.agenda`): open activities of the
action plan, open actions decided at meetings, IOP follow-ups and reviews of governing
documents. Each source is one query (owners joined), whatever the number of rows; the rules
of what is open or planned are the querysets' (:mod:`areas.querysets`)."""

from django.utils.translation import gettext as _

from areas.models import Activity, GoverningDocument, Meeting, MeetingAction, Partnership
from collab.agenda import AgendaItem


def _window(queryset, field: str, *, owner_field: str, owner, start, end):
    if owner is not None:
        queryset = queryset.filter(**{owner_field: owner})
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def _owners(user_id) -> frozenset[int]:
    return frozenset({user_id}) if user_id else frozenset()


def activities(organisation, *, owner=None, start=None, end=None):
    """Open activities of the action plan, by due date (done and cancelled ones are not due)."""
    queryset = _window(
        Activity.objects.open(),
        "due_date",
        owner_field="owner_user",
        owner=owner,
        start=start,
        end=end,
    ).select_related("owner_user")
    kind = _("Activity")
    return [
        AgendaItem(
            key=f"areas.activity:{a.pk}:due",
            kind=kind,
            title=a.title,
            date=a.due_date,
            url=a.get_absolute_url(),
            owner_ids=_owners(a.owner_user_id),
            owner_text=a.owner,
            description=a.description,
        )
        for a in queryset
    ]


def meeting_actions(organisation, *, owner=None, start=None, end=None):
    """Open actions decided at meetings that have a due date."""
    queryset = _window(
        MeetingAction.objects.open().filter(due_date__isnull=False),
        "due_date",
        owner_field="owner_user",
        owner=owner,
        start=start,
        end=end,
    ).select_related("meeting__group", "owner_user")
    kind = _("Decided action")
    return [
        AgendaItem(
            key=f"areas.meetingaction:{a.pk}:due",
            kind=kind,
            title=a.what,
            date=a.due_date,
            url=a.get_absolute_url(),
            owner_ids=_owners(a.owner_user_id),
            owner_text=a.responsible,
            description=str(a.meeting),
        )
        for a in queryset
    ]


def partnership_follow_ups(organisation, *, owner=None, start=None, end=None):
    """The next follow-up of each decided or ongoing IOP partnership."""
    queryset = _window(
        Partnership.objects.follow_up_planned(),
        "next_follow_up",
        owner_field="follow_up_owner_user",
        owner=owner,
        start=start,
        end=end,
    ).select_related("follow_up_owner_user")
    kind = _("IOP follow-up")
    return [
        AgendaItem(
            key=f"areas.partnership:{p.pk}:follow_up",
            kind=kind,
            title=p.title,
            date=p.next_follow_up,
            url=p.get_absolute_url(),
            owner_ids=_owners(p.follow_up_owner_user_id),
        )
        for p in queryset
    ]


def document_reviews(organisation, *, owner=None, start=None, end=None):
    """The next review of each adopted governing document."""
    queryset = _window(
        GoverningDocument.objects.review_planned(),
        "next_review",
        owner_field="review_owner_user",
        owner=owner,
        start=start,
        end=end,
    ).select_related("review_owner_user")
    kind = _("Document review")
    return [
        AgendaItem(
            key=f"areas.governingdocument:{d.pk}:review",
            kind=kind,
            title=d.title,
            date=d.next_review,
            url=d.get_absolute_url(),
            owner_ids=_owners(d.review_owner_user_id),
        )
        for d in queryset
    ]


def meetings(organisation, *, owner=None, start=None, end=None):
    """The coordination groups' meetings, as events on the organisation's calendar (events
    have no owner: none for one person's items). Two queries whatever the number."""
    if owner is not None:
        return []
    meetings = Meeting.objects.filter(organisation=organisation).select_related("group")
    if start is not None:
        meetings = meetings.filter(date__gte=start)
    if end is not None:
        meetings = meetings.filter(date__lte=end)
    kind = _("Meeting")
    return [
        AgendaItem(
            key=f"areas.meeting:{meeting.pk}",
            kind=kind,
            title=meeting.title or meeting.group.name,
            date=meeting.date,
            url=meeting.get_absolute_url(),
            is_task=False,
            description="\n\n".join(
                part
                for part in (
                    _("Group: %(group)s") % {"group": meeting.group.name},
                    meeting.agenda[:2000],
                )
                if part
            ),
        )
        for meeting in meetings.order_by("date", "pk")
    ]


SOURCES = (activities, meeting_actions, partnership_follow_ups, document_reviews)
