"""Django admin: for superusers (platform operators) only, outside any organisation scope."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from collab.models import Membership, Network, Organisation


def _superuser_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = "Samverka"


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "scb_code", "population"]
    search_fields = ["name", "scb_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["organisations", "coordinators"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user"]
