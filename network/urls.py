from django.urls import path

from network import matrix_views, views

app_name = "network"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:network>/", views.NetworkOverviewView.as_view(), name="overview"),
    path("<slug:network>/omraden/", matrix_views.AreaMatrixView.as_view(), name="area_matrix"),
]
