"""Filters of the IOP partnership list."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.filters.records import YES_NO
from areas.models import IOP_CRITERIA, CriterionAnswer, Partnership, PartnershipStatus
from areas.querysets import PartnershipQuerySet
from collab.filters import WordSearchFilter
from enterprises.models import SocietalChallenge


def _challenges(request):
    return SocietalChallenge.objects.order_by("position", "name")


class PartnershipFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["title", "partner__name", "case_number"],
        help_text=_("Title, partner or case number"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PartnershipStatus.choices, empty_label=_("All")
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Societal challenge"), queryset=_challenges, empty_label=_("All")
    )
    criteria = django_filters.ChoiceFilter(
        label=_("IOP criteria"),
        choices=[
            ("ej_uppfyllt", _("Some not met")),
            ("ej_bedomt", _("Some not assessed")),
        ],
        empty_label=_("All"),
        method="filter_criteria",
    )
    follow_up_overdue = django_filters.ChoiceFilter(
        label=_("Follow-up overdue"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_follow_up_overdue",
        help_text=_("Decided or ongoing, and the next follow-up date has passed"),
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "challenge", "criteria", "follow_up_overdue"]

    def filter_follow_up_overdue(self, queryset, name, value):
        condition = PartnershipQuerySet.follow_up_overdue_q(timezone.localdate())
        return queryset.filter(condition) if value == "ja" else queryset.exclude(condition)

    def filter_criteria(self, queryset, name, value):
        condition = Q()
        for criterion in IOP_CRITERIA:
            answer = Q(**{f"criteria__{criterion.key}__answer": value})
            if value == CriterionAnswer.NOT_ASSESSED:
                # A criterion never answered counts as not assessed.
                answer |= ~Q(criteria__has_key=criterion.key)
            condition |= answer
        return queryset.filter(condition)
