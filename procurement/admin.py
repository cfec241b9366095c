"""Django admin: the dated thresholds are edited here (superusers only, global data)."""

from django.contrib import admin

from collab.admin import HistoryAdmin
from procurement.models import Threshold


@admin.register(Threshold)
class ThresholdAdmin(HistoryAdmin):
    list_display = ["kind", "amount", "currency", "valid_from"]
    list_filter = ["kind", "currency"]
    ordering = ["kind", "-valid_from"]
