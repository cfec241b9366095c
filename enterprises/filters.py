import django_filters
from django.utils.translation import gettext_lazy as _

from collab.filters import WordSearchFilter
from enterprises import orgnr
from enterprises.models import (
    ContactPerson,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
)


class SocialEnterpriseFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["name", "tags"],
        spelled_fields={"org_number": orgnr.search_text},
        help_text=_("Name, organisation number or tag"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EnterpriseKind.choices, empty_label=_("All")
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"), choices=LegalForm.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EnterpriseStatus.choices, empty_label=_("All")
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Societal challenge"),
        field_name="challenges",
        queryset=SocietalChallenge.objects.all(),
        empty_label=_("All"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Service category"),
        field_name="categories",
        queryset=ServiceCategory.objects.all(),
        empty_label=_("All"),
    )
    training = django_filters.ChoiceFilter(
        label=_("Work-training places"),
        choices=[("ja", _("Has places")), ("nej", _("No places"))],
        empty_label=_("All"),
        method="filter_training",
    )

    class Meta:
        model = SocialEnterprise
        fields = ["q", "kind", "legal_form", "status", "challenge", "category", "training"]

    def filter_training(self, queryset, name, value):
        if value == "ja":
            return queryset.filter(work_training_places__gt=0)
        return queryset.filter(work_training_places=0)


class ContactPersonFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["name", "email", "enterprise__name"],
        help_text=_("Name, e-mail address or enterprise"),
    )

    class Meta:
        model = ContactPerson
        fields = ["q"]
