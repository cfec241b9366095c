from django.urls import path

from enterprises import import_views, views

app_name = "enterprises"

urlpatterns = [
    path("", views.SocialEnterpriseListView.as_view(), name="socialenterprise_list"),
    path("nytt/", views.SocialEnterpriseCreateView.as_view(), name="socialenterprise_create"),
    path("<int:pk>/", views.SocialEnterpriseDetailView.as_view(), name="socialenterprise_detail"),
    path(
        "<int:pk>/andra/",
        views.SocialEnterpriseUpdateView.as_view(),
        name="socialenterprise_update",
    ),
    path(
        "<int:pk>/ta-bort/",
        views.SocialEnterpriseDeleteView.as_view(),
        name="socialenterprise_delete",
    ),
    path("kontakter/", views.ContactPersonListView.as_view(), name="contactperson_list"),
    path("kontakter/ny/", views.ContactPersonCreateView.as_view(), name="contactperson_create"),
    path(
        "kontakter/<int:pk>/",
        views.ContactPersonDetailView.as_view(),
        name="contactperson_detail",
    ),
    path(
        "kontakter/<int:pk>/andra/",
        views.ContactPersonUpdateView.as_view(),
        name="contactperson_update",
    ),
    path(
        "kontakter/<int:pk>/ta-bort/",
        views.ContactPersonDeleteView.as_view(),
        name="contactperson_delete",
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
