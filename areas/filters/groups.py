"""Filters for coordination groups, meetings and decided actions (areas 3 and 5)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import (
    ActionStatus,
    CoordinationGroup,
    GroupKind,
    Meeting,
    MeetingAction,
)
from areas.querysets import MeetingActionQuerySet
from collab.filters import WordSearchFilter

YES_NO = [("ja", _("Yes")), ("nej", _("No"))]


def _groups(request):
    return CoordinationGroup.objects.order_by("kind", "name")


def _active_condition(today) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gt=today)


class CoordinationGroupFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["name", "purpose", "members__name"],
        help_text=_("Name, purpose or member"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=GroupKind.choices, empty_label=_("All")
    )
    active = django_filters.ChoiceFilter(
        label=_("Active"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_active",
        help_text=_("Active: not ended, or ending later."),
    )

    class Meta:
        model = CoordinationGroup
        fields = ["q", "kind", "active"]

    def filter_active(self, queryset, name, value):
        condition = _active_condition(timezone.localdate())
        return queryset.filter(condition) if value == "ja" else queryset.exclude(condition)


def _years(request=None):
    """The years that have meetings, newest first (one query)."""
    years = Meeting.objects.dates("date", "year", order="DESC")
    return [(str(d.year), str(d.year)) for d in years]


class MeetingFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["title", "agenda", "minutes"],
        help_text=_("Title, agenda or minutes"),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=_groups, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of group"),
        field_name="group__kind",
        choices=GroupKind.choices,
        empty_label=_("All"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="date__year", choices=_years, empty_label=_("All")
    )

    class Meta:
        model = Meeting
        fields = ["q", "group", "kind", "year"]


class MeetingActionFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["what", "responsible", "meeting__title"],
        help_text=_("What, who or meeting"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("oppen", _("Not done (not started or in progress)")), *ActionStatus.choices],
        empty_label=_("All"),
        method="filter_status",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_overdue",
        help_text=_("Not done and the due date has passed."),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), field_name="meeting__group", queryset=_groups, empty_label=_("All")
    )

    class Meta:
        model = MeetingAction
        fields = ["q", "status", "overdue", "group"]

    def filter_status(self, queryset, name, value):
        if value == "oppen":
            return queryset.open()
        return queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        condition = MeetingActionQuerySet.overdue_q(timezone.localdate())
        return queryset.filter(condition) if value == "ja" else queryset.exclude(condition)
