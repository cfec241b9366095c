"""``/api/v1/documents/``, ``/api/v1/action-plan/`` and ``/api/v1/meetings/``: the seven areas'
governing documents (with their files), the action plan and the coordination groups' meetings.

Each list filters as the UI's list does (its FilterSet, from ``areas.filters``) plus
``updated_since``; the rules (in force, due for review, overdue) are the records' QuerySet
conditions (``areas.querysets``), the file download is the UI's (``areas.documents``).
"""

import django_filters
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.reverse import reverse

from api.base import ApiViewSet
from api.filters import UPDATED_SINCE_HELP, UpdatedSinceFilter, YearFilter
from api.resources.register import drop_personal_fields, member_name_field
from areas import documents
from areas.filters.groups import MeetingFilter
from areas.filters.records import ActivityFilter, GoverningDocumentFilter
from areas.handbook import AREA_CHOICES
from areas.models import (
    Activity,
    ActivityStatus,
    DocumentFileVersion,
    GoverningDocument,
    GroupMember,
    Meeting,
    MeetingAction,
)
from areas.querysets import ActivityQuerySet, GoverningDocumentQuerySet

# The handbook's area of governing documents and the action plan.
DOCUMENTS_AREA = 4


# --- common parts ---------------------------------------------------------------------------


def last_change(model) -> Subquery:
    """When the record was last changed: its newest entry in the change history (the same
    history the record's page shows), None for a record without one."""
    history = model.history.model._base_manager.filter(id=OuterRef("pk"))
    return Subquery(
        history.order_by("-history_date").values("history_date")[:1],
        output_field=DateTimeField(),
    )


def condition(q: Q) -> Case:
    """A record rule (a ``Q`` of ``areas.querysets``) as a true/false column."""
    return Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())


def updated_since_filter():
    return UpdatedSinceFilter(
        label=_("Changed since"),
        help_text=UPDATED_SINCE_HELP + " Here: the record's newest entry in its change history.",
    )


def area_title(number: int) -> str:
    return str(dict(AREA_CHOICES).get(number, number))


# --- governing documents --------------------------------------------------------------------


class DocumentApiFilter(GoverningDocumentFilter):
    """The governing-document list's filters (search, kind, status, due for review), in force
    and changed since."""

    in_force = django_filters.rest_framework.BooleanFilter(
        field_name="in_force",
        label=_("In force"),
        help_text="true: in force today (adopted, valid today); false: not in force.",
    )
    updated_since = updated_since_filter()

    class Meta(GoverningDocumentFilter.Meta):
        fields = [*GoverningDocumentFilter.Meta.fields, "in_force", "updated_since"]


class DocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    area = serializers.SerializerMethodField(
        help_text="The handbook's area of governing documents (always 4)."
    )
    in_force = serializers.BooleanField(
        read_only=True,
        help_text="In force today: adopted on or before today, valid from today or earlier, "
        "and adopted without an end of validity or valid to today or later (a repealed "
        "document counts up to its end of validity).",
    )
    due_for_review = serializers.BooleanField(
        read_only=True, help_text="Adopted, and the date for its next review has come."
    )
    version = serializers.SerializerMethodField(
        help_text="The current file's number among the files uploaded for the document (1 for "
        "the first; earlier ones are kept); 0 without a file."
    )
    file_name = serializers.SerializerMethodField(help_text="The uploaded file's name.")
    file_size = serializers.SerializerMethodField(help_text="The file's size in bytes.")
    content_type = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField(
        help_text="Where to download the file (with the same API key); null without a file."
    )
    review_owner_name = member_name_field("preparing the next review")
    updated_at = serializers.DateTimeField(
        read_only=True, help_text="When the document was last changed (its change history)."
    )

    class Meta:
        model = GoverningDocument
        fields = [
            "id",
            "title",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "area",
            "adopted_by",
            "adopted_on",
            "case_number",
            "valid_from",
            "valid_to",
            "next_review",
            "review_owner_name",
            "in_force",
            "due_for_review",
            "summary",
            "version",
            "file_name",
            "file_size",
            "content_type",
            "file_url",
            "updated_at",
        ]

    def get_fields(self):
        return drop_personal_fields(self, super().get_fields(), ("review_owner_name",))

    def get_area(self, obj) -> int:
        return DOCUMENTS_AREA

    def get_version(self, obj) -> int:
        if not obj.file:
            return 0
        # A file uploaded before versions were kept has no version row: it is the first.
        return max(obj.file_count, 1)

    def get_file_name(self, obj) -> str | None:
        if not obj.file:
            return None
        return obj.file_name or obj.file.name.rsplit("/", 1)[-1]

    def get_file_size(self, obj) -> int | None:
        if not obj.file:
            return None
        if obj.current_size is not None:
            return obj.current_size
        try:  # a file uploaded before versions were kept
            return obj.file.size
        except OSError:
            return None

    def get_content_type(self, obj) -> str | None:
        return documents.content_type_for(obj.file.name) if obj.file else None

    def get_file_url(self, obj) -> str | None:
        if not obj.file:
            return None
        return reverse("api:document-file", kwargs={"pk": obj.pk}, request=self.context["request"])


class DocumentViewSet(ApiViewSet):
    """The organisation's governing documents (area 4): policies, strategies, programmes,
    guidelines and action plans with their adoption, validity and review, and their files."""

    model = GoverningDocument
    serializer_class = DocumentSerializer
    filterset_class = DocumentApiFilter

    def records(self):
        today = timezone.localdate()
        current = DocumentFileVersion.objects.filter(
            document=OuterRef("pk"), file=OuterRef("file")
        ).order_by("-pk")
        return (
            GoverningDocument.objects.select_related("review_owner_user")
            .annotate(
                in_force=condition(GoverningDocumentQuerySet.in_force_q(today)),
                due_for_review=condition(GoverningDocumentQuerySet.due_for_review_q(today)),
                file_count=Count("versions"),
                current_size=Subquery(current.values("size")[:1]),
                updated_at=last_change(GoverningDocument),
            )
            .order_by("title", "pk")
        )

    @extend_schema(
        operation_id="documents_file",
        description="The document's current file as an attachment (its original name). "
        "404 when the document has no file or belongs to another organisation.",
        responses={
            (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file")
            for content_type in documents.CONTENT_TYPES.values()
        },
    )
    @action(detail=True, url_path="file")
    def file(self, request, pk=None):
        document = self.get_object()
        return documents.file_response(document.file, document.file_name)


# --- the action plan ------------------------------------------------------------------------


class ActivityApiFilter(ActivityFilter):
    """The action plan's filters (search, area, status, governing document, overdue), the
    year it is due and changed since."""

    year = YearFilter(
        field_name="due_date__year", label=_("Year"), help_text="Activities due in the year."
    )
    updated_since = updated_since_filter()

    class Meta(ActivityFilter.Meta):
        fields = [*ActivityFilter.Meta.fields, "year", "updated_since"]


class ActivitySerializer(serializers.ModelSerializer):
    area_title = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    owner = serializers.CharField(
        help_text="Who is responsible, as written (a name or a function); empty when a member "
        "is chosen instead (see ``owner_name``)."
    )
    owner_name = member_name_field("the activity")
    document = serializers.PrimaryKeyRelatedField(
        source="document_id",
        read_only=True,
        help_text="The governing document the activity carries out (its id), if any.",
    )
    done = serializers.SerializerMethodField(help_text="The status is done.")
    overdue = serializers.BooleanField(
        read_only=True, help_text="Not started or in progress, and the due date has passed."
    )
    updated_at = serializers.DateTimeField(
        read_only=True, help_text="When the activity was last changed (its change history)."
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "description",
            "area",
            "area_title",
            "document",
            "owner",
            "owner_name",
            "start_date",
            "due_date",
            "status",
            "status_label",
            "percent_complete",
            "done",
            "overdue",
            "updated_at",
        ]

    def get_fields(self):
        return drop_personal_fields(self, super().get_fields(), ("owner_name",))

    def get_area_title(self, obj) -> str:
        return area_title(obj.area)

    def get_done(self, obj) -> bool:
        return obj.status == ActivityStatus.DONE


class ActivityViewSet(ApiViewSet):
    """The action plan's activities, each linked to one of the seven areas."""

    model = Activity
    serializer_class = ActivitySerializer
    filterset_class = ActivityApiFilter

    def records(self):
        today = timezone.localdate()
        return (
            Activity.objects.select_related("owner_user")
            .annotate(
                overdue=condition(ActivityQuerySet.overdue_q(today)),
                updated_at=last_change(Activity),
            )
            .order_by("due_date", "title", "pk")
        )


# --- meetings -------------------------------------------------------------------------------


class MeetingApiFilter(MeetingFilter):
    """The meeting list's filters (search, group, kind of group, year) and changed since."""

    year = YearFilter(field_name="date__year", label=_("Year"), help_text="Meetings in the year.")
    updated_since = updated_since_filter()

    class Meta(MeetingFilter.Meta):
        fields = [*MeetingFilter.Meta.fields, "updated_since"]


class MeetingActionSerializer(serializers.ModelSerializer):
    who = serializers.CharField(
        source="responsible",
        help_text="A name or a function, as written; empty when a member is chosen instead "
        "(see ``owner_name``).",
    )
    owner_name = member_name_field("the action")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField(help_text="Not done and the due date has passed.")

    class Meta:
        model = MeetingAction
        fields = [
            "id",
            "what",
            "who",
            "owner_name",
            "due_date",
            "status",
            "status_label",
            "overdue",
        ]

    def get_fields(self):
        return drop_personal_fields(self, super().get_fields(), ("owner_name",))

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue


class AttendingMemberSerializer(serializers.ModelSerializer):
    represents_label = serializers.CharField(source="get_represents_display", read_only=True)

    class Meta:
        model = GroupMember
        fields = ["id", "name", "email", "represents", "represents_label", "organisation_name"]


class AttendeesSerializer(serializers.Serializer):
    members = AttendingMemberSerializer(
        source="attending_members.all", many=True, help_text="The group's members present."
    )
    other = serializers.CharField(
        source="other_attendees", help_text="Other participants (guests), as written."
    )


PERSONAL_DATA_NOTE = (
    "Personal data: only with an API key allowed personal data; without it the field is left "
    "out (``attendee_count`` is always given)."
)


class MeetingSerializer(serializers.ModelSerializer):
    group_name = serializers.CharField(source="group.name", read_only=True)
    group_kind = serializers.CharField(source="group.kind", read_only=True)
    enterprises_present = serializers.PrimaryKeyRelatedField(
        source="attending_enterprises",
        many=True,
        read_only=True,
        help_text="The register's social enterprises that took part (their ids).",
    )
    attendee_count = serializers.SerializerMethodField(
        help_text="How many of the group's members and the register's enterprises were present."
    )
    # Not read-only, so the OpenAPI document shows it as optional (the API never writes).
    attendees = AttendeesSerializer(source="*", required=False, help_text=PERSONAL_DATA_NOTE)
    actions = MeetingActionSerializer(
        many=True, read_only=True, help_text="The actions decided at the meeting."
    )
    updated_at = serializers.DateTimeField(
        read_only=True,
        help_text="When the meeting was last changed (its change history; not its actions).",
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "group_name",
            "group_kind",
            "date",
            "title",
            "agenda",
            "minutes",
            "enterprises_present",
            "attendee_count",
            "attendees",
            "actions",
            "updated_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describing = getattr(self.context.get("view"), "swagger_fake_view", False)
        if not describing and not allows_personal_data(self.context.get("request")):
            self.fields.pop("attendees")

    @extend_schema_field(OpenApiTypes.INT)
    def get_attendee_count(self, obj) -> int:
        return obj.member_count + len(obj.attending_enterprises.all())


def allows_personal_data(request) -> bool:
    """The request's API key may read personal data (an administrator chose so for the key)."""
    key = getattr(request, "auth", None)
    return bool(getattr(key, "allow_personal_data", False))


class MeetingViewSet(ApiViewSet):
    """The coordination groups' meetings (areas 3 and 5): agenda, minutes, who took part and
    the actions decided. The attendees' names and e-mail addresses are personal data: they are
    given only to an API key allowed personal data."""

    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingApiFilter

    def records(self):
        members = Count("attending_members", distinct=True)
        queryset = (
            Meeting.objects.select_related("group")
            .annotate(member_count=members, updated_at=last_change(Meeting))
            .prefetch_related(
                "attending_enterprises",
                Prefetch(
                    "actions",
                    queryset=MeetingAction.objects.select_related("owner_user").order_by(
                        "due_date", "pk"
                    ),
                ),
            )
            .order_by("-date", "-pk")
        )
        if allows_personal_data(self.request):
            queryset = queryset.prefetch_related(
                Prefetch("attending_members", queryset=GroupMember.objects.order_by("name", "pk"))
            )
        return queryset


routes = [
    ("documents", DocumentViewSet, "document"),
    ("action-plan", ActivityViewSet, "activity"),
    ("meetings", MeetingViewSet, "meeting"),
]
paths = []
