from django.urls import path

from procurement import spend_views, views

app_name = "procurement"

urlpatterns = [
    path("", views.ProcurementListView.as_view(), name="procurement_list"),
    path("tavla/", views.ProcurementBoardView.as_view(), name="board"),
    path("ny/", views.ProcurementCreateView.as_view(), name="procurement_create"),
    path("<int:pk>/", views.ProcurementDetailView.as_view(), name="procurement_detail"),
    path("<int:pk>/andra/", views.ProcurementUpdateView.as_view(), name="procurement_update"),
    path("<int:pk>/ta-bort/", views.ProcurementDeleteView.as_view(), name="procurement_delete"),
    path("anbud/", views.BidListView.as_view(), name="bid_list"),
    path("anbud/nytt/", views.BidCreateView.as_view(), name="bid_create"),
    path("anbud/<int:pk>/", views.BidDetailView.as_view(), name="bid_detail"),
    path("anbud/<int:pk>/andra/", views.BidUpdateView.as_view(), name="bid_update"),
    path("anbud/<int:pk>/ta-bort/", views.BidDeleteView.as_view(), name="bid_delete"),
    path("sysselsattning/", views.EmploymentReportListView.as_view(), name="employmentreport_list"),
    path(
        "sysselsattning/ny/",
        views.EmploymentReportCreateView.as_view(),
        name="employmentreport_create",
    ),
    path(
        "sysselsattning/<int:pk>/",
        views.EmploymentReportDetailView.as_view(),
        name="employmentreport_detail",
    ),
    path(
        "sysselsattning/<int:pk>/andra/",
        views.EmploymentReportUpdateView.as_view(),
        name="employmentreport_update",
    ),
    path(
        "sysselsattning/<int:pk>/ta-bort/",
        views.EmploymentReportDeleteView.as_view(),
        name="employmentreport_delete",
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
