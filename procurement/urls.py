from django.urls import path

from collab.urls_helpers import crud_urls
from procurement import spend_views, views

app_name = "procurement"

urlpatterns = [
    *crud_urls(
        "",
        "procurement",
        (
            views.ProcurementListView,
            views.ProcurementCreateView,
            views.ProcurementDetailView,
            views.ProcurementUpdateView,
            views.ProcurementDeleteView,
        ),
    ),
    path("tavla/", views.ProcurementBoardView.as_view(), name="board"),
    *crud_urls(
        "anbud",
        "bid",
        (
            views.BidListView,
            views.BidCreateView,
            views.BidDetailView,
            views.BidUpdateView,
            views.BidDeleteView,
        ),
        new="nytt",
    ),
    *crud_urls(
        "sysselsattning",
        "employmentreport",
        (
            views.EmploymentReportListView,
            views.EmploymentReportCreateView,
            views.EmploymentReportDetailView,
            views.EmploymentReportUpdateView,
            views.EmploymentReportDeleteView,
        ),
    ),
    path("utgifter/", spend_views.SpendView.as_view(), name="spend"),
    path("utgifter/matcha/", spend_views.SpendMatchView.as_view(), name="spend_match"),
    path("utgifter/import/", spend_views.SpendUploadView.as_view(), name="spendimport_create"),
    path(
        "utgifter/import/<int:pk>/",
        spend_views.SpendImportDetailView.as_view(),
        name="spendimport_detail",
    ),
    path(
        "utgifter/import/<int:pk>/kolumner/",
        spend_views.SpendImportMappingView.as_view(),
        name="spendimport_mapping",
    ),
    path(
        "utgifter/import/<int:pk>/felrader/",
        spend_views.SpendImportErrorsView.as_view(),
        name="spendimport_errors",
    ),
    path(
        "utgifter/import/<int:pk>/ta-bort/",
        spend_views.SpendImportDeleteView.as_view(),
        name="spendimport_delete",
    ),
]
