from django.urls import path

from collab.urls_helpers import crud_urls
from followup import report_views

urlpatterns = [
    path("rapport/", report_views.ReportView.as_view(), name="report"),
    path("rapport/pdf/", report_views.ReportPdfView.as_view(), name="report_pdf"),
    path(
        "profil/<int:pk>/",
        report_views.EnterpriseProfilePdfView.as_view(),
        name="enterprise_profile_pdf",
    ),
    # The written status reports (a committee document), their PDFs and the archive.
    path(
        "lagesrapporter/arkiv/",
        report_views.StatusReportArchiveView.as_view(),
        name="statusreport_archive",
    ),
    *crud_urls(
        "lagesrapporter",
        "statusreport",
        (
            report_views.StatusReportListView,
            report_views.StatusReportCreateView,
            report_views.StatusReportDetailView,
            report_views.StatusReportUpdateView,
            report_views.StatusReportDeleteView,
        ),
    ),
    path(
        "lagesrapporter/<int:pk>/publicera/",
        report_views.StatusReportPublishView.as_view(),
        name="statusreport_publish",
    ),
    path(
        "lagesrapporter/<int:pk>/pdf/",
        report_views.StatusReportPdfView.as_view(),
        name="statusreport_pdf",
    ),
]
