from django.urls import path

from network import compare_views, views

app_name = "network"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:network>/", views.NetworkOverviewView.as_view(), name="overview"),
    # the comparison (compare)
    path("<slug:network>/jamforelse/", compare_views.CompareView.as_view(), name="compare"),
    path(
        "<slug:network>/jamforelsegrupper/",
        compare_views.PeerGroupListView.as_view(),
        name="peergroup_list",
    ),
    path(
        "<slug:network>/jamforelsegrupper/ny/",
        compare_views.PeerGroupCreateView.as_view(),
        name="peergroup_create",
    ),
    path(
        "<slug:network>/jamforelsegrupper/<int:pk>/andra/",
        compare_views.PeerGroupUpdateView.as_view(),
        name="peergroup_update",
    ),
    path(
        "<slug:network>/jamforelsegrupper/<int:pk>/ta-bort/",
        compare_views.PeerGroupDeleteView.as_view(),
        name="peergroup_delete",
    ),
]
