"""URLs of the records of areas 1, 2 and 4 (included into the ``collab`` namespace)."""

from django.urls import path

from areas.views import records as views


def _crud(prefix: str, new: str, name: str, views_: tuple) -> list:
    """The five pages of a record type; ``new`` is "ny" or "nytt" after the Swedish noun."""
    list_view, create_view, detail_view, update_view, delete_view = views_
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/{new}/", create_view.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/andra/", update_view.as_view(), name=f"{name}_update"),
        path(f"{prefix}/<int:pk>/ta-bort/", delete_view.as_view(), name=f"{name}_delete"),
    ]


urlpatterns = [
    *_crud(
        "politiska-beslut",
        "nytt",
        "politicaldecision",
        (
            views.PoliticalDecisionListView,
            views.PoliticalDecisionCreateView,
            views.PoliticalDecisionDetailView,
            views.PoliticalDecisionUpdateView,
            views.PoliticalDecisionDeleteView,
        ),
    ),
    # The people before the function's own <int:pk> URLs ("personer" is not a number anyway).
    path(
        "samordnande-funktion/personer/ny/",
        views.FunctionMemberCreateView.as_view(),
        name="functionmember_create",
    ),
    path(
        "samordnande-funktion/personer/<int:pk>/andra/",
        views.FunctionMemberUpdateView.as_view(),
        name="functionmember_update",
    ),
    path(
        "samordnande-funktion/personer/<int:pk>/ta-bort/",
        views.FunctionMemberDeleteView.as_view(),
        name="functionmember_delete",
    ),
    *_crud(
        "samordnande-funktion",
        "ny",
        "coordinatingfunction",
        (
            views.CoordinatingFunctionListView,
            views.CoordinatingFunctionCreateView,
            views.CoordinatingFunctionDetailView,
            views.CoordinatingFunctionUpdateView,
            views.CoordinatingFunctionDeleteView,
        ),
    ),
    *_crud(
        "styrdokument",
        "nytt",
        "governingdocument",
        (
            views.GoverningDocumentListView,
            views.GoverningDocumentCreateView,
            views.GoverningDocumentDetailView,
            views.GoverningDocumentUpdateView,
            views.GoverningDocumentDeleteView,
        ),
    ),
    path(
        "styrdokument/<int:pk>/fil/",
        views.GoverningDocumentDownloadView.as_view(),
        name="governingdocument_download",
    ),
    path(
        "styrdokument/version/<int:pk>/fil/",
        views.DocumentFileVersionDownloadView.as_view(),
        name="documentfileversion_download",
    ),
    *_crud(
        "handlingsplan",
        "ny",
        "activity",
        (
            views.ActivityListView,
            views.ActivityCreateView,
            views.ActivityDetailView,
            views.ActivityUpdateView,
            views.ActivityDeleteView,
        ),
    ),
]
