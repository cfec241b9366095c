from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:network>/", views.NetworkOverviewView.as_view(), name="overview"),
]
