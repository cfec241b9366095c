import django_filters
from django.utils.translation import gettext_lazy as _

from collab.filters import WordSearchFilter
from enterprises.models import ServiceCategory
from procurement.models import (
    Bid,
    EmploymentReport,
    Procedure,
    Procurement,
    Status,
)
from procurement.querysets import ProcurementQuerySet

YES_NO = [("ja", _("Yes")), ("nej", _("No"))]


class ProcurementFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["title", "reference"],
        help_text=_("Title or reference number"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    procedure = django_filters.ChoiceFilter(
        label=_("Procedure"), choices=Procedure.choices, empty_label=_("All")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Service category"),
        queryset=ServiceCategory.objects.all(),
        empty_label=_("All"),
    )
    employment = django_filters.ChoiceFilter(
        label=_("Employment requirement"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_employment",
    )
    reserved = django_filters.ChoiceFilter(
        label=_("Reserved"), choices=YES_NO, empty_label=_("All"), method="filter_reserved"
    )

    class Meta:
        model = Procurement
        fields = ["q", "status", "procedure", "category", "employment", "reserved"]

    def filter_employment(self, queryset, name, value):
        return queryset.filter(employment_requirement=(value == "ja"))

    def filter_reserved(self, queryset, name, value):
        reserved = ProcurementQuerySet.reserved_q()
        return queryset.filter(reserved) if value == "ja" else queryset.exclude(reserved)


class BidFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["supplier__name", "supplier_name", "procurement__title"],
        help_text=_("Supplier or procurement"),
    )
    awarded = django_filters.ChoiceFilter(
        label=_("Awarded"), choices=YES_NO, empty_label=_("All"), method="filter_awarded"
    )
    in_register = django_filters.ChoiceFilter(
        label=_("Supplier in the register"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_in_register",
    )

    class Meta:
        model = Bid
        fields = ["q", "awarded", "in_register"]

    def filter_awarded(self, queryset, name, value):
        return queryset.filter(awarded=(value == "ja"))

    def filter_in_register(self, queryset, name, value):
        return queryset.filter(supplier__isnull=(value != "ja"))


class EmploymentReportFilter(django_filters.FilterSet):
    q = WordSearchFilter(fields=["procurement__title"], help_text=_("Procurement"))

    class Meta:
        model = EmploymentReport
        fields = ["q"]
