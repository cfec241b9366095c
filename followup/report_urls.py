from django.urls import path

from followup import report_views

urlpatterns = [
    path("rapport/", report_views.ReportView.as_view(), name="report"),
    path("rapport/pdf/", report_views.ReportPdfView.as_view(), name="report_pdf"),
    path(
        "profil/<int:pk>/",
        report_views.EnterpriseProfilePdfView.as_view(),
        name="enterprise_profile_pdf",
    ),
]
