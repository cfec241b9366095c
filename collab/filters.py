import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collab.models import (
    Invitation,
    Membership,
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
