"""Filters for the lists of political decisions, coordinating functions, governing documents
and the action plan."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.handbook import AREA_CHOICES
from areas.models import (
    Activity,
    ActivityStatus,
    CommitteeKind,
    CoordinatingFunction,
    DocumentKind,
    DocumentStatus,
    FunctionPlacement,
    GoverningDocument,
    PoliticalDecision,
)
from areas.querysets import ActivityQuerySet, GoverningDocumentQuerySet, PoliticalDecisionQuerySet
from collab.filters import WordSearchFilter

YES_NO = [("ja", _("Yes")), ("nej", _("No"))]


class PoliticalDecisionFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["committee", "case_number", "decision"],
        help_text=_("Committee, case number or decision"),
    )
    committee_kind = django_filters.ChoiceFilter(
        label=_("Kind of committee"), choices=CommitteeKind.choices, empty_label=_("All")
    )
    in_force = django_filters.ChoiceFilter(
        label=_("In force"), choices=YES_NO, empty_label=_("All"), method="filter_in_force"
    )

    class Meta:
        model = PoliticalDecision
        fields = ["q", "committee_kind", "in_force"]

    def filter_in_force(self, queryset, name, value):
        condition = PoliticalDecisionQuerySet.in_force_q(timezone.localdate())
        return queryset.filter(condition) if value == "ja" else queryset.exclude(condition)


class CoordinatingFunctionFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["name", "unit", "members__name"],
        help_text=_("Name, unit or person"),
    )
    placement = django_filters.ChoiceFilter(
        label=_("Placement"), choices=FunctionPlacement.choices, empty_label=_("All")
    )

    class Meta:
        model = CoordinatingFunction
        fields = ["q", "placement"]


class GoverningDocumentFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["title", "adopted_by", "case_number", "summary", "text_content"],
        help_text=_("Title, adopted by, case number"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=DocumentKind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DocumentStatus.choices, empty_label=_("All")
    )
    due = django_filters.ChoiceFilter(
        label=_("Due for review"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_due",
        help_text=_("Adopted, and the next review date has come"),
    )

    class Meta:
        model = GoverningDocument
        fields = ["q", "kind", "status", "due"]

    def filter_due(self, queryset, name, value):
        condition = GoverningDocumentQuerySet.due_for_review_q(timezone.localdate())
        return queryset.filter(condition) if value == "ja" else queryset.exclude(condition)


def _documents(request):
    return GoverningDocument.objects.order_by("title")


class ActivityFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["title", "description", "owner"],
        help_text=_("Activity, description or owner"),
    )
    area = django_filters.ChoiceFilter(label=_("Area"), choices=AREA_CHOICES, empty_label=_("All"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActivityStatus.choices, empty_label=_("All")
    )
    document = django_filters.ModelChoiceFilter(
        label=_("Governing document"), queryset=_documents, empty_label=_("All")
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_overdue",
        help_text=_("Not done by the due date"),
    )

    class Meta:
        model = Activity
        fields = ["q", "area", "status", "document", "overdue"]

    def filter_overdue(self, queryset, name, value):
        condition = ActivityQuerySet.overdue_q(timezone.localdate())
        return queryset.filter(condition) if value == "ja" else queryset.exclude(condition)
