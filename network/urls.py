from django.urls import path

from network import mentor_views, programme_views, views

app_name = "network"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:network>/", views.NetworkOverviewView.as_view(), name="overview"),
    # Mentors and the programme (network/mentor_views.py, network/programme_views.py).
    *mentor_views.urlpatterns,
    *programme_views.urlpatterns,
]
