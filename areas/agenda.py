"""The seven areas' dated tasks on the agenda (:mod:`collab.agenda`): open activities of the
action plan, open actions decided at meetings, IOP follow-ups and reviews of governing
documents. Each source is one query (owners joined), whatever the number of rows; the rules
of what is open or planned are the querysets' (:mod:`areas.querysets`)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Activity, GoverningDocument, Meeting, MeetingAction, Partnership
from collab.agenda import AgendaItem


def _owners(user_id) -> frozenset[int]:
    return frozenset({user_id}) if user_id else frozenset()


@dataclass(frozen=True)
class TaskSource:
    """One kind of dated task, as a row of the table below: an agenda source
    (``source(organisation, *, owner, start, end)``, see :mod:`collab.agenda`) giving an item
    for each row of ``rows()`` (the rule of what is open or planned), dated by ``date_field``
    and owned by the member in ``owner_field``. One query, the owner joined."""

    model: type
    kind: str  # lazy: translated when the items are made
    rows: Callable  # () -> the queryset of the records with a task
    date_field: str
    owner_field: str
    key_suffix: str  # the item's key: "<app.model>:<pk>:<suffix>"
    title_field: str = "title"
    owner_text_field: str = ""  # a free-text owner beside the member, if the model has one
    description: Callable = lambda obj: ""  # noqa: E731 - the item's description
    related: tuple[str, ...] = ()  # what the description reads, joined in the same query

    def __call__(self, organisation, *, owner=None, start=None, end=None) -> list[AgendaItem]:
        queryset = self.rows()
        if owner is not None:
            queryset = queryset.filter(**{self.owner_field: owner})
        if start is not None:
            queryset = queryset.filter(**{f"{self.date_field}__gte": start})
        if end is not None:
            queryset = queryset.filter(**{f"{self.date_field}__lte": end})
        queryset = queryset.select_related(*self.related, self.owner_field)
        kind = str(self.kind)
        label = self.model._meta.label_lower
        return [
            AgendaItem(
                key=f"{label}:{obj.pk}:{self.key_suffix}",
                kind=kind,
                title=getattr(obj, self.title_field),
                date=getattr(obj, self.date_field),
                url=obj.get_absolute_url(),
                owner_ids=_owners(getattr(obj, f"{self.owner_field}_id")),
                owner_text=getattr(obj, self.owner_text_field) if self.owner_text_field else "",
                description=self.description(obj),
            )
            for obj in queryset
        ]


# Open activities of the action plan, by due date (done and cancelled ones are not due).
activities = TaskSource(
    model=Activity,
    kind=gettext_lazy("Activity"),
    rows=lambda: Activity.objects.open(),
    date_field="due_date",
    owner_field="owner_user",
    key_suffix="due",
    owner_text_field="owner",
    description=lambda activity: activity.description,
)
# Open actions decided at meetings that have a due date.
meeting_actions = TaskSource(
    model=MeetingAction,
    kind=gettext_lazy("Decided action"),
    rows=lambda: MeetingAction.objects.open().filter(due_date__isnull=False),
    date_field="due_date",
    owner_field="owner_user",
    key_suffix="due",
    title_field="what",
    owner_text_field="responsible",
    description=lambda action: str(action.meeting),
    related=("meeting__group",),
)
# The next follow-up of each decided or ongoing IOP partnership.
partnership_follow_ups = TaskSource(
    model=Partnership,
    kind=gettext_lazy("IOP follow-up"),
    rows=lambda: Partnership.objects.follow_up_planned(),
    date_field="next_follow_up",
    owner_field="follow_up_owner_user",
    key_suffix="follow_up",
)
# The next review of each adopted governing document.
document_reviews = TaskSource(
    model=GoverningDocument,
    kind=gettext_lazy("Document review"),
    rows=lambda: GoverningDocument.objects.review_planned(),
    date_field="next_review",
    owner_field="review_owner_user",
    key_suffix="review",
)


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
