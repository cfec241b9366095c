from django.urls import path

from collab.urls_helpers import crud_urls
from enterprises import import_views, views

app_name = "enterprises"

urlpatterns = [
    *crud_urls(
        "",
        "socialenterprise",
        (
            views.SocialEnterpriseListView,
            views.SocialEnterpriseCreateView,
            views.SocialEnterpriseDetailView,
            views.SocialEnterpriseUpdateView,
            views.SocialEnterpriseDeleteView,
        ),
        new="nytt",
    ),
    *crud_urls(
        "kontakter",
        "contactperson",
        (
            views.ContactPersonListView,
            views.ContactPersonCreateView,
            views.ContactPersonDetailView,
            views.ContactPersonUpdateView,
            views.ContactPersonDeleteView,
        ),
    ),
    path("import/", import_views.ImportUploadView.as_view(), name="import_upload"),
    path("import/mall/", import_views.ImportTemplateView.as_view(), name="import_template"),
    path("import/<int:pk>/", import_views.ImportPreviewView.as_view(), name="import_preview"),
    path(
        "import/<int:pk>/felrader/",
        import_views.ImportErrorsView.as_view(),
        name="import_errors",
    ),
    path("import/<int:pk>/ta-bort/", import_views.ImportDeleteView.as_view(), name="import_delete"),
]
