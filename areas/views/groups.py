"""Coordination groups (internal group, area 3; external forum, area 5), their members,
meetings with attendance and minutes, and the actions decided at the meetings."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from areas.filters.groups import CoordinationGroupFilter, MeetingActionFilter, MeetingFilter
from areas.forms.groups import (
    CoordinationGroupForm,
    GroupMemberForm,
    MeetingActionForm,
    MeetingForm,
)
from areas.models import (
    CORE_FUNCTIONS,
    INTERNAL_FUNCTIONS,
    CoordinationGroup,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    Represents,
)
from areas.querysets import MeetingActionQuerySet
from collab.formatting import display_value
from collab.generic import (
    ChildFormMixin,
    Column,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgQuerysetMixin,
    OrgUpdateView,
    sort_expression,
)
from collab.registry import RelatedSection

# How many of a group's meetings its page shows; the rest are in the meeting list.
GROUP_PAGE_MEETINGS = 10

# Why each of the handbook's three functions belongs in the internal group (area 3).
CORE_FUNCTION_ADVICE = {
    Represents.BUSINESS: _(
        "Business development (näringsliv) knows the local business community and can help "
        "social enterprises grow, find customers and get business advice."
    ),
    Represents.PURCHASING: _(
        "Purchasing (inköp/upphandling) knows the procurement plan and the law's possibilities "
        "– reserved contracts, employment requirements, lots – that open the door to social "
        "enterprises."
    ),
    Represents.LABOUR_MARKET: _(
        "The labour market unit (arbetsmarknad) places people in work training and employment "
        "and knows which social enterprises can take them."
    ),
}


def count_of(queryset, field: str):
    """The number of rows of ``queryset`` whose ``field`` is the outer row: one subquery per
    row in SQL, no join that multiplies rows, 0 when there are none."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_meeting_counts(queryset):
    """Meetings with the numbers of members and enterprises present and of open actions."""
    return queryset.annotate(
        member_count=count_of(Meeting.attending_members.through.objects.all(), "meeting"),
        enterprise_count=count_of(Meeting.attending_enterprises.through.objects.all(), "meeting"),
        open_action_count=count_of(MeetingAction.objects.open(), "meeting"),
    )


def open_actions_first(queryset):
    """Not started and in progress first, each by due date (none last)."""
    return queryset.annotate(
        done_rank=Case(
            When(MeetingActionQuerySet.open_q(), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("done_rank", F("due_date").asc(nulls_last=True), "pk")


class AnnotatedListView(OrgListView):
    """A list whose columns may sort on annotations (counts, dates of related rows)."""

    def annotate(self, queryset):
        return queryset

    def default_order(self, queryset):
        return queryset

    def get_queryset(self):
        queryset = self.annotate(OrgQuerysetMixin.get_queryset(self))
        sort = self.get_sort()
        if not sort:
            return self.default_order(queryset)
        path = sort.lstrip("-")
        if path in queryset.query.annotations:
            expression = F(path)
            expression = (
                expression.desc(nulls_last=True)
                if sort.startswith("-")
                else expression.asc(nulls_last=True)
            )
        else:
            expression = sort_expression(self.model, sort)
        return queryset.order_by(expression, "pk")


# --- coordination groups -------------------------------------------------------------------


class CoordinationGroupListView(AnnotatedListView):
    model = CoordinationGroup
    filterset_class = CoordinationGroupFilter
    title = _("Coordination groups")
    intro = _(
        "The internal coordination group across functions (handbook area 3) and the external "
        "forums for dialogue with the social enterprises (area 5): who takes part and how often "
        "they meet."
    )
    empty_text = _(
        "No coordination groups yet. Start with the internal group: add it, then its members "
        "from business development, purchasing and the labour market. Add an external forum "
        "when the dialogue with the social enterprises starts."
    )
    columns = [
        Column("name", _("Name"), sort="name", link=True),
        Column("get_kind_display", _("Kind"), sort="kind"),
        Column("member_count", _("Members"), sort="member_count"),
        Column(
            "recent_meeting_count", _("Meetings in the last 12 months"), sort="recent_meeting_count"
        ),
        Column("last_meeting", _("Last meeting"), sort="last_meeting"),
        Column("next_meeting", _("Next meeting"), sort="next_meeting"),
        Column("is_active", _("Active")),
    ]
    create_url_name = "areas:coordinationgroup_create"
    export_name = "samordningsgrupper"

    def annotate(self, queryset):
        today = timezone.localdate()
        meetings = Meeting.objects.filter(group=OuterRef("pk")).order_by()
        return queryset.annotate(
            member_count=count_of(GroupMember.objects.current(today), "group"),
            recent_meeting_count=count_of(Meeting.objects.in_last_twelve_months(today), "group"),
            last_meeting=Subquery(
                meetings.filter(date__lte=today).order_by("-date").values("date")[:1]
            ),
            next_meeting=Subquery(
                meetings.filter(date__gt=today).order_by("date").values("date")[:1]
            ),
        )


class CoordinationGroupDetailView(OrgDetailView):
    model = CoordinationGroup
    template_name = "areas/groups/coordinationgroup_detail.html"
    update_url_name = "areas:coordinationgroup_update"
    delete_url_name = "areas:coordinationgroup_delete"
    list_url_name = "areas:coordinationgroup_list"

    def get_queryset(self):
        return CoordinationGroup.objects.prefetch_related(
            "members",
            Prefetch(
                "enterprises",
                queryset=CoordinationGroup.enterprises.field.related_model.objects.order_by("name"),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.object
        today = timezone.localdate()
        everyone = list(group.members.all())
        members = [m for m in everyone if m.is_current]
        # Former members: the latest to leave first.
        former_members = sorted(
            (m for m in everyone if not m.is_current), key=lambda m: m.ended_on, reverse=True
        )
        represented = {m.represents for m in members}
        core = [
            {
                "label": Represents(function).label,
                "represented": function in represented,
                "advice": CORE_FUNCTION_ADVICE[function],
            }
            for function in CORE_FUNCTIONS
        ]
        meetings = with_meeting_counts(Meeting.objects.filter(group=group)).order_by("-date", "-pk")
        meeting_total = Meeting.objects.filter(group=group).count()
        open_actions = open_actions_first(
            MeetingAction.objects.open()
            .filter(meeting__group=group)
            .select_related("meeting", "owner_user")
        )
        group_query = f"?group={group.pk}"
        context.update(
            {
                "today": today,
                "is_internal": group.kind == GroupKind.INTERNAL,
                "members": members,
                "former_members": former_members,
                "own_members": [m for m in members if m.represents in INTERNAL_FUNCTIONS],
                "external_members": [m for m in members if m.represents not in INTERNAL_FUNCTIONS],
                "core_functions": core,
                "missing_functions": [c for c in core if not c["represented"]],
                "enterprises": list(group.enterprises.all()),
                "meetings": list(meetings[:GROUP_PAGE_MEETINGS]),
                "meeting_total": meeting_total,
                "open_actions": list(open_actions),
                "add_member_url": reverse("areas:groupmember_create") + group_query,
                "new_meeting_url": reverse("areas:meeting_create") + group_query,
                "meeting_list_url": reverse("areas:meeting_list") + group_query,
                "action_list_url": reverse("areas:meetingaction_list")
                + group_query
                + "&status=oppen",
            }
        )
        return context


class CoordinationGroupFormMixin:
    model = CoordinationGroup
    form_class = CoordinationGroupForm
    list_url_name = "areas:coordinationgroup_list"


class CoordinationGroupCreateView(CoordinationGroupFormMixin, OrgCreateView):
    pass


class CoordinationGroupUpdateView(CoordinationGroupFormMixin, OrgUpdateView):
    pass


class CoordinationGroupDeleteView(OrgDeleteView):
    model = CoordinationGroup
    list_url_name = "areas:coordinationgroup_list"
    template_name = "areas/groups/coordinationgroup_confirm_delete.html"


# --- children: members of a group, actions of a meeting ------------------------------------


class GroupMemberFormMixin(ChildFormMixin):
    model = GroupMember
    form_class = GroupMemberForm
    list_url_name = "areas:coordinationgroup_list"
    parent_field = "group"
    parent_url_name = "areas:coordinationgroup_detail"
    initial_from_query = ("group",)
    success_message = _("Saved. The member is listed on the group's page.")


class GroupMemberCreateView(GroupMemberFormMixin, OrgCreateView):
    pass


class GroupMemberUpdateView(GroupMemberFormMixin, OrgUpdateView):
    select_related = ("group",)


class GroupMemberDeleteView(OrgDeleteView):
    model = GroupMember
    select_related = ("group",)

    def get_success_url(self):
        return self.object.group.get_absolute_url() + "#medlemmar"


# --- meetings --------------------------------------------------------------------------------


class MeetingListView(AnnotatedListView):
    model = Meeting
    filterset_class = MeetingFilter
    select_related = ("group",)
    title = _("Meetings")
    intro = _(
        "The meetings of the coordination groups and forums: who attended, what was decided, and "
        "how many decided actions are still open."
    )
    empty_text = _(
        "No meetings recorded yet. Open a coordination group and choose “New meeting” to record "
        "the agenda, who attended and the minutes."
    )
    columns = [
        Column("date", _("Date"), sort="date", link=True),
        Column("title", _("Title"), sort="title", link=True),
        Column("group.name", _("Group"), sort="group__name"),
        Column("member_count", _("Members present"), sort="member_count"),
        Column("enterprise_count", _("Enterprises present"), sort="enterprise_count"),
        Column("open_action_count", _("Open actions"), sort="open_action_count"),
    ]
    default_sort = "-date"
    create_url_name = "areas:meeting_create"
    export_name = "moten"

    def annotate(self, queryset):
        return with_meeting_counts(queryset)


class MeetingDetailView(OrgDetailView):
    model = Meeting
    template_name = "areas/groups/meeting_detail.html"
    update_url_name = "areas:meeting_update"
    delete_url_name = "areas:meeting_delete"
    list_url_name = "areas:meeting_list"

    def get_queryset(self):
        return Meeting.objects.select_related("group").prefetch_related(
            "attending_members",
            Prefetch(
                "attending_enterprises",
                queryset=Meeting.attending_enterprises.field.related_model.objects.order_by("name"),
            ),
            "group__members",
            Prefetch(
                "actions",
                queryset=open_actions_first(MeetingAction.objects.select_related("owner_user")),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        present = list(meeting.attending_members.all())
        present_ids = {m.pk for m in present}
        actions = list(meeting.actions.all())
        context.update(
            {
                "members_present": present,
                # Absent: who was in the group on the meeting's day (not who left before it).
                "members_absent": [
                    m
                    for m in meeting.group.members.all()
                    if m.pk not in present_ids and m.is_current_on(meeting.date)
                ],
                "enterprises_present": list(meeting.attending_enterprises.all()),
                "actions": actions,
                "overdue_count": sum(a.is_overdue for a in actions),
                "is_planned": meeting.date > timezone.localdate(),
                "add_action_url": reverse("areas:meetingaction_create") + f"?meeting={meeting.pk}",
            }
        )
        return context


class MeetingFormMixin(ChildFormMixin):
    model = Meeting
    form_class = MeetingForm
    template_name = "areas/groups/meeting_form.html"
    list_url_name = "areas:meeting_list"
    parent_field = "group"
    parent_url_name = "areas:coordinationgroup_detail"
    initial_from_query = ("group",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_groups"] = CoordinationGroup.objects.exists()
        return context


class MeetingCreateView(MeetingFormMixin, OrgCreateView):
    success_message = _("Saved. Add the actions decided at the meeting below.")


class MeetingUpdateView(MeetingFormMixin, OrgUpdateView):
    select_related = ("group",)


class MeetingDeleteView(OrgDeleteView):
    model = Meeting
    select_related = ("group",)

    def get_success_url(self):
        return self.object.group.get_absolute_url()


# --- decided actions -------------------------------------------------------------------------


@dataclass
class ActionStatusColumn(Column):
    """The status, with "Overdue" when the action is not done and its date has passed."""

    def value(self, obj):
        text = obj.get_status_display()
        if obj.is_overdue:
            text = f"{text} – {gettext('Overdue')}"
        return text


class MeetingActionListView(AnnotatedListView):
    model = MeetingAction
    filterset_class = MeetingActionFilter
    select_related = ("meeting__group", "owner_user")
    title = _("Decided actions")
    intro = _(
        "Every action decided at the groups' meetings: what, who and by when. Actions not done "
        "come first, the earliest due date on top; overdue ones are marked."
    )
    empty_text = _(
        "No decided actions yet. Add them from a meeting's page with “Add action” after the "
        "meeting."
    )
    columns = [
        Column("what", _("What"), sort="what", link=True),
        Column("owner_name", _("Who")),
        Column("due_date", _("By when"), sort="due_date"),
        ActionStatusColumn("status", _("Status"), sort="status"),
        Column("meeting", _("Meeting"), sort="meeting__date"),
        Column("meeting.group.name", _("Group"), sort="meeting__group__name"),
    ]
    export_name = "beslutade-atgarder"

    def default_order(self, queryset):
        return open_actions_first(queryset)


class MeetingActionFormMixin(ChildFormMixin):
    model = MeetingAction
    form_class = MeetingActionForm
    list_url_name = "areas:meetingaction_list"
    parent_field = "meeting"
    parent_url_name = "areas:meeting_detail"
    initial_from_query = ("meeting",)


class MeetingActionCreateView(MeetingActionFormMixin, OrgCreateView):
    pass


class MeetingActionUpdateView(MeetingActionFormMixin, OrgUpdateView):
    select_related = ("meeting__group",)


class MeetingActionDeleteView(OrgDeleteView):
    model = MeetingAction
    select_related = ("meeting__group",)

    def get_success_url(self):
        return self.object.meeting.get_absolute_url() + "#atgarder"


# --- the enterprise page and the menu --------------------------------------------------------


def enterprise_meetings(enterprise) -> list[RelatedSection]:
    """The enterprise page's sections: the meetings it attended (newest first) and the forums
    it is in. Shown when there is something, or when the organisation has an external forum
    (then the empty text tells what to do). Two or three queries, whatever the data."""
    meetings = list(
        Meeting.objects.filter(attending_enterprises=enterprise)
        .select_related("group")
        .order_by("-date", "-pk")
    )
    forums = list(CoordinationGroup.objects.filter(enterprises=enterprise).order_by("name"))
    if not meetings and not forums:
        if not CoordinationGroup.objects.filter(kind=GroupKind.EXTERNAL).exists():
            return []
    meeting_rows = []
    for meeting in meetings:
        text = f"{display_value(meeting.date)}: {meeting.title or meeting.group.name}"
        if meeting.title:
            text += f" ({meeting.group.name})"
        meeting_rows.append((text, meeting.get_absolute_url()))
    add_url = None
    if len(forums) == 1:
        add_url = reverse("areas:meeting_create") + f"?group={forums[0].pk}"
    return [
        RelatedSection(
            title=gettext("Meetings attended"),
            rows=meeting_rows,
            empty_text=gettext(
                "No recorded meeting with this enterprise yet. Tick it under “Social enterprises "
                "present” when you record a meeting."
            ),
            add_url=add_url,
            add_label=gettext("New meeting in the forum"),
        ),
        RelatedSection(
            title=gettext("Forums"),
            rows=[(forum.name, forum.get_absolute_url()) for forum in forums],
            empty_text=gettext(
                "Not in an external forum. Edit the forum and tick the enterprise to invite it."
            ),
        ),
    ]
