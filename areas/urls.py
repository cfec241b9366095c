"""URLs of the seven areas and the records behind them (namespace ``areas``)."""

from django.urls import path

from areas import urls_groups, urls_records, urls_walk
from areas.views import partnerships

app_name = "areas"

urlpatterns = [
    path("partnerskap/", partnerships.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "partnerskap/ny/",
        partnerships.PartnershipCreateView.as_view(),
        name="partnership_create",
    ),
    path(
        "partnerskap/<int:pk>/",
        partnerships.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(
        "partnerskap/<int:pk>/andra/",
        partnerships.PartnershipUpdateView.as_view(),
        name="partnership_update",
    ),
    path(
        "partnerskap/<int:pk>/ta-bort/",
        partnerships.PartnershipDeleteView.as_view(),
        name="partnership_delete",
    ),
]
urlpatterns += urls_walk.urlpatterns + urls_records.urlpatterns + urls_groups.urlpatterns
