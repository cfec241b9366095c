"""The records of the handbook's areas 1, 2 and 4 in the browser.

- area 1: political decisions (which committee holds political responsibility);
- area 2: the coordinating function and the people in it (added from the function's page);
- area 4: governing documents with their files (checked by content, downloaded only through
  :class:`GoverningDocumentDownloadView`) and the action plan's activities.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas import documents
from areas.filters.records import (
    ActivityFilter,
    CoordinatingFunctionFilter,
    GoverningDocumentFilter,
    PoliticalDecisionFilter,
)
from areas.forms.records import (
    ActivityForm,
    CoordinatingFunctionForm,
    FunctionMemberForm,
    GoverningDocumentForm,
    PoliticalDecisionForm,
)
from areas.models import (
    Activity,
    CoordinatingFunction,
    DocumentFileVersion,
    FunctionMember,
    FunctionPlacement,
    GoverningDocument,
    PoliticalDecision,
)
from collab import formatting
from collab.generic import (
    ChildFormMixin,
    Column,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgUpdateView,
)


@dataclass
class TextColumn(Column):
    """A column whose value is computed from the row by ``text`` (already formatted)."""

    text: Callable | None = None

    def value(self, obj):
        return self.text(obj)


class MarkedListView(OrgListView):
    """A list whose rows may carry text marks (badges), e.g. "Overdue": never colour alone."""

    template_name = "generic/list.html"  # shows row["marks"] as badges after the link

    def row_marks(self, obj, today) -> list[str]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for row in context["rows"]:
            row["marks"] = self.row_marks(row["object"], today)
        return context


# --- area 1: political decisions --------------------------------------------------------------


class PoliticalDecisionListView(OrgListView):
    model = PoliticalDecision
    filterset_class = PoliticalDecisionFilter
    title = _("Political decisions")
    intro = _(
        "Decisions on which committee holds political responsibility for the collaboration "
        "with social enterprises (area 1 of the handbook)."
    )
    empty_text = _(
        "No political decision is recorded yet. Area 1 of the handbook is anchored by "
        "recording the decision on which committee holds political responsibility for the "
        "collaboration with social enterprises: add it with its date and case number."
    )
    columns = [
        Column("committee", _("Committee"), sort="committee", link=True),
        Column("get_committee_kind_display", _("Kind of committee"), sort="committee_kind"),
        Column("decided_on", _("Decision date"), sort="decided_on"),
        Column("case_number", _("Case number"), sort="case_number"),
        Column("in_force", _("In force")),
    ]
    default_sort = "-decided_on"
    create_url_name = "areas:politicaldecision_create"
    export_name = "politiska-beslut"


class PoliticalDecisionDetailView(OrgDetailView):
    model = PoliticalDecision
    template_name = "areas/records/politicaldecision_detail.html"
    update_url_name = "areas:politicaldecision_update"
    delete_url_name = "areas:politicaldecision_delete"
    list_url_name = "areas:politicaldecision_list"


class PoliticalDecisionFormMixin:
    model = PoliticalDecision
    form_class = PoliticalDecisionForm
    list_url_name = "areas:politicaldecision_list"


class PoliticalDecisionCreateView(PoliticalDecisionFormMixin, OrgCreateView):
    pass


class PoliticalDecisionUpdateView(PoliticalDecisionFormMixin, OrgUpdateView):
    pass


class PoliticalDecisionDeleteView(OrgDeleteView):
    model = PoliticalDecision
    list_url_name = "areas:politicaldecision_list"


# --- area 2: the coordinating function ---------------------------------------------------------

# What each placement tends to mean for the work (the handbook's area 2, in our words).
PLACEMENT_MEANING = {
    FunctionPlacement.MANAGEMENT: _(
        "A management function can bridge the labour-market and the business questions and "
        "reach every department."
    ),
    FunctionPlacement.LABOUR_MARKET: _(
        "In the labour-market unit, the collaboration is likely to be seen as a labour-market "
        "question: work training and jobs for people far from the labour market."
    ),
    FunctionPlacement.BUSINESS: _(
        "In the business office, the collaboration tends to become a general business "
        "question: the social enterprises as businesses that grow and win contracts."
    ),
    FunctionPlacement.OTHER: _(
        "Consider whether the placement gives the function the mandate and the contacts it "
        "needs across the organisation."
    ),
}


class CoordinatingFunctionListView(OrgListView):
    model = CoordinatingFunction
    filterset_class = CoordinatingFunctionFilter
    title = _("Coordinating function")
    intro = _(
        "Who coordinates the work with social enterprises in the organisation, with what "
        "mandate and how much working time (area 2 of the handbook)."
    )
    empty_text = _(
        "No coordinating function is recorded yet. Area 2 of the handbook: decide who "
        "coordinates the work, where the function sits and what mandate it has. Add the "
        "function, then the people in it and the share of their working time."
    )
    columns = [
        Column("name", _("Name"), sort="name", link=True),
        Column("get_placement_display", _("Placement"), sort="placement"),
        Column("unit", _("Unit or department"), sort="unit"),
        Column("people", _("People")),
        TextColumn(
            "fte",
            _("Full-time equivalents"),
            text=lambda o: formatting.full_time_equivalents(o.fte),
        ),
        Column("established_on", _("Established"), sort="established_on"),
        Column("is_active", _("Active")),
    ]
    default_sort = "name"
    create_url_name = "areas:coordinatingfunction_create"
    export_name = "samordnande-funktion"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(people=Count("members"), fte=Sum("members__share_of_full_time"))
        )


class CoordinatingFunctionDetailView(OrgDetailView):
    model = CoordinatingFunction
    template_name = "areas/records/coordinatingfunction_detail.html"
    update_url_name = "areas:coordinatingfunction_update"
    delete_url_name = "areas:coordinatingfunction_delete"
    list_url_name = "areas:coordinatingfunction_list"
    prefetch_related = ("members",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        members = list(obj.members.all())  # prefetched: no query per person
        total = sum(m.share_of_full_time for m in members)
        context.update(
            {
                "members": members,
                "fte_total": formatting.full_time_equivalents_text(total),
                "placement_help": CoordinatingFunction._meta.get_field("placement").help_text,
                "placement_meaning": PLACEMENT_MEANING.get(obj.placement, ""),
                "add_member_url": reverse("areas:functionmember_create") + f"?function={obj.pk}",
            }
        )
        return context


class CoordinatingFunctionFormMixin:
    model = CoordinatingFunction
    form_class = CoordinatingFunctionForm
    list_url_name = "areas:coordinatingfunction_list"


class CoordinatingFunctionCreateView(CoordinatingFunctionFormMixin, OrgCreateView):
    pass


class CoordinatingFunctionUpdateView(CoordinatingFunctionFormMixin, OrgUpdateView):
    pass


class CoordinatingFunctionDeleteView(OrgDeleteView):
    model = CoordinatingFunction
    list_url_name = "areas:coordinatingfunction_list"


class FunctionMemberFormMixin(ChildFormMixin):
    """A person is added and edited from the function's page, and the form goes back there."""

    model = FunctionMember
    form_class = FunctionMemberForm
    initial_from_query = ("function",)
    select_related = ("function",)
    parent_field = "function"
    parent_url_name = "areas:coordinatingfunction_detail"
    parent_list_url_name = "areas:coordinatingfunction_list"


class FunctionMemberCreateView(FunctionMemberFormMixin, OrgCreateView):
    pass


class FunctionMemberUpdateView(FunctionMemberFormMixin, OrgUpdateView):
    pass


class FunctionMemberDeleteView(OrgDeleteView):
    model = FunctionMember
    select_related = ("function",)

    def get_success_url(self):
        return self.object.function.get_absolute_url() + "#personer"


# --- area 4: governing documents ----------------------------------------------------------------


def _due_mark(document, today) -> list[str]:
    return [str(_("Due for review"))] if document.is_due_for_review(today) else []


class GoverningDocumentListView(MarkedListView):
    model = GoverningDocument
    filterset_class = GoverningDocumentFilter
    title = _("Governing documents")
    intro = _(
        "The organisation's policies, strategies, programmes and guidelines for the "
        "collaboration with social enterprises, with adoption and review dates (area 4)."
    )
    empty_text = _(
        "No governing documents yet. Add the policy, strategy, programme or guideline that "
        "steers the collaboration with social enterprises, with who adopted it, when, and when "
        "it is to be reviewed. Attach the document itself as a PDF, Word or OpenDocument file."
    )
    columns = [
        Column("title", _("Title"), sort="title", link=True),
        Column("get_kind_display", _("Kind"), sort="kind"),
        Column("get_status_display", _("Status"), sort="status"),
        Column("adopted_on", _("Adopted on"), sort="adopted_on"),
        Column("next_review", _("Next review"), sort="next_review"),
        Column("valid_to", _("Valid to"), sort="valid_to"),
    ]
    default_sort = "title"
    create_url_name = "areas:governingdocument_create"
    export_name = "styrdokument"

    def row_marks(self, obj, today):
        return _due_mark(obj, today)


class GoverningDocumentDetailView(OrgDetailView):
    model = GoverningDocument
    select_related = ("review_owner_user",)
    template_name = "areas/records/governingdocument_detail.html"
    update_url_name = "areas:governingdocument_update"
    delete_url_name = "areas:governingdocument_delete"
    list_url_name = "areas:governingdocument_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        today = timezone.localdate()
        activities = list(obj.activities.select_related("owner_user"))  # one query
        file_size = None
        file_missing = False
        if obj.file:
            try:
                file_size = obj.file.size
            except OSError:
                file_missing = True
        context.update(
            {
                "today": today,
                "due_for_review": obj.is_due_for_review(today),
                "in_force": obj.is_in_force(today),
                "activities": [(a, a.is_overdue(today)) for a in activities],
                "file_size": file_size,
                "file_missing": file_missing,
                "file_name": (obj.file_name or Path(obj.file.name).name) if obj.file else "",
                "download_url": reverse("areas:governingdocument_download", kwargs={"pk": obj.pk})
                if obj.file
                else None,
                "earlier_versions": [
                    (v, reverse("areas:documentfileversion_download", kwargs={"pk": v.pk}))
                    for v in obj.versions.exclude(file=obj.file.name or "").select_related(
                        "uploaded_by"
                    )
                ],
                "add_activity_url": reverse("areas:activity_create") + f"?document={obj.pk}&area=4",
            }
        )
        return context


class GoverningDocumentDownloadView(OrgDetailView):
    """The document's file, as an attachment with its original name; only for members."""

    model = GoverningDocument

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        return documents.file_response(document.file, document.file_name)


class DocumentFileVersionDownloadView(OrgDetailView):
    """An earlier (or the current) file of a document, like the document's own download."""

    model = DocumentFileVersion

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        return documents.file_response(version.file, version.file_name)


class GoverningDocumentFormMixin:
    model = GoverningDocument
    form_class = GoverningDocumentForm
    list_url_name = "areas:governingdocument_list"

    def save(self, form):
        document = form.save(commit=False)
        return documents.save_document(
            document=document, previous_file=form.previous_file, user=self.request.user
        )


class GoverningDocumentCreateView(GoverningDocumentFormMixin, OrgCreateView):
    pass


class GoverningDocumentUpdateView(GoverningDocumentFormMixin, OrgUpdateView):
    pass


class GoverningDocumentDeleteView(OrgDeleteView):
    model = GoverningDocument
    list_url_name = "areas:governingdocument_list"

    def cascade_summary(self, obj) -> list[str]:
        summary = super().cascade_summary(obj)
        if obj.file:
            name = obj.file_name or Path(obj.file.name).name
            summary.append(str(_("the attached file %(name)s")) % {"name": name})
        return summary


# --- area 4: the action plan --------------------------------------------------------------------


def _overdue_mark(activity, today) -> list[str]:
    return [str(_("Overdue"))] if activity.is_overdue(today) else []


class ActivityListView(MarkedListView):
    model = Activity
    filterset_class = ActivityFilter
    select_related = ("document", "owner_user")
    title = _("Action plan")
    intro = _(
        "The activities that carry out the governing documents: who owns each, when it starts "
        "and is due, and how far it has come. Each belongs to one of the handbook's areas."
    )
    empty_text = _(
        "The action plan is empty. Add activities with an owner, a start and a due date, "
        "linked to the handbook's area they develop and to the governing document they carry "
        "out. Start, for example, with what the latest governing document says should be done."
    )
    columns = [
        Column("title", _("Activity"), sort="title", link=True),
        Column("get_area_display", _("Area"), sort="area"),
        Column("owner_name", _("Owner")),
        Column("start_date", _("Start"), sort="start_date"),
        Column("due_date", _("Due date"), sort="due_date"),
        Column("get_status_display", _("Status"), sort="status"),
        TextColumn(
            "percent_complete",
            _("Complete"),
            sort="percent_complete",
            text=lambda o: formatting.percent(o.percent_complete),
        ),
        Column("document", _("Governing document"), sort="document__title"),
    ]
    default_sort = "due_date"
    create_url_name = "areas:activity_create"
    export_name = "handlingsplan"

    def row_marks(self, obj, today):
        return _overdue_mark(obj, today)


class ActivityDetailView(OrgDetailView):
    model = Activity
    template_name = "areas/records/activity_detail.html"
    select_related = ("document", "owner_user")
    update_url_name = "areas:activity_update"
    delete_url_name = "areas:activity_delete"
    list_url_name = "areas:activity_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue"] = self.object.is_overdue()
        # The bar's width as a class (no style attribute under the CSP), in steps of 5 %.
        percent = min(max(self.object.percent_complete, 0), 100)
        context["progress_width_class"] = f"w-pct-{5 * round(percent / 5)}"
        return context


class ActivityFormMixin:
    model = Activity
    form_class = ActivityForm
    list_url_name = "areas:activity_list"
    select_related = ("document", "owner_user")


class ActivityCreateView(ActivityFormMixin, OrgCreateView):
    initial_from_query = ("document", "area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.request.GET.get("document", "")
        if document.isdigit():
            context["cancel_url"] = reverse(
                "areas:governingdocument_detail", kwargs={"pk": int(document)}
            )
        return context


class ActivityUpdateView(ActivityFormMixin, OrgUpdateView):
    pass


class ActivityDeleteView(OrgDeleteView):
    model = Activity
    list_url_name = "areas:activity_list"
