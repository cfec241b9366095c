"""Django admin: for superusers (platform operators) only, outside any organisation scope."""

from csp.decorators import csp_update
from django.contrib import admin
from django.utils.decorators import method_decorator
from simple_history.admin import SimpleHistoryAdmin

from collab.models import Membership, Network, NetworkMembership, Organisation


def _superuser_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = "Samverka"


class HistoryAdmin(SimpleHistoryAdmin):
    """simple_history's admin, under the Content-Security-Policy.

    Its history page has one style attribute (``style="border-top: 0"`` on the paginator):
    that exact attribute is allowed by its hash on that page only, no other inline style.
    """

    @method_decorator(
        csp_update(
            {
                "style-src-attr": [
                    "'unsafe-hashes'",
                    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",  # border-top: 0
                ]
            }
        )
    )
    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, object_id, extra_context=extra_context)


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "scb_code", "population"]
    search_fields = ["name", "scb_code"]
    prepopulated_fields = {"slug": ["name"]}


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    fields = ["organisation", "status", *[name for name, _label in NetworkMembership.SHARE_KINDS]]
    autocomplete_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["coordinators"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkMembershipInline]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user"]
