"""Django admin of the network app (superusers only, see ``collab.admin``): the reference list
of kommuner and regioner and their dated populations."""

from django.contrib import admin

from collab.admin import HistoryAdmin
from network.models import Population, ReferenceOrganisation


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 1
    fields = ["date", "inhabitants", "source"]


@admin.register(ReferenceOrganisation)
class ReferenceOrganisationAdmin(admin.ModelAdmin):
    list_display = ["scb_code", "name", "kind", "county_code"]
    list_filter = ["kind", "county_code"]
    search_fields = ["name", "scb_code"]
    inlines = [PopulationInline]


@admin.register(Population)
class PopulationAdmin(HistoryAdmin):
    list_display = ["reference", "date", "inhabitants", "source"]
    list_filter = ["date"]
    search_fields = ["reference__name", "reference__scb_code"]
    autocomplete_fields = ["reference"]
