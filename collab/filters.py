import django_filters
from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collab.models import (
    IOP_CRITERIA,
    CriterionAnswer,
    Invitation,
    Membership,
    Partnership,
    PartnershipStatus,
    Role,
)


class MembershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Name or e-mail address")
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))

    class Meta:
        model = Membership
        fields = ["q", "role"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
                | Q(user__username__icontains=word)
            )
        return queryset


class InvitationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="email", lookup_expr="icontains")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))

    class Meta:
        model = Invitation
        fields = ["q", "role"]


def _challenges(request):
    return apps.get_model("enterprises", "SocietalChallenge").objects.order_by("position", "name")


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Title, partner or case number")
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

    class Meta:
        model = Partnership
        fields = ["q", "status", "challenge", "criteria"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(partner__name__icontains=word)
                | Q(case_number__icontains=word)
            )
        return queryset

    def filter_criteria(self, queryset, name, value):
        condition = Q()
        for criterion in IOP_CRITERIA:
            answer = Q(**{f"criteria__{criterion.key}__answer": value})
            if value == CriterionAnswer.NOT_ASSESSED:
                # A criterion never answered counts as not assessed.
                answer |= ~Q(criteria__has_key=criterion.key)
            condition |= answer
        return queryset.filter(condition)
