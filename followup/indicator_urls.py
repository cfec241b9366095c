"""URLs of the indicator pages (included into the ``followup`` namespace, /uppfoljning/)."""

from django.urls import path

from followup import indicator_views as views

urlpatterns = [
    path("indikatorer/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indikatorer/<slug:key>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    # Manual indicators (listed on the indicator list; no list page of their own).
    path(
        "egna-indikatorer/ny/",
        views.ManualIndicatorCreateView.as_view(),
        name="manualindicator_create",
    ),
    path(
        "egna-indikatorer/<int:pk>/",
        views.ManualIndicatorDetailView.as_view(),
        name="manualindicator_detail",
    ),
    path(
        "egna-indikatorer/<int:pk>/andra/",
        views.ManualIndicatorUpdateView.as_view(),
        name="manualindicator_update",
    ),
    path(
        "egna-indikatorer/<int:pk>/ta-bort/",
        views.ManualIndicatorDeleteView.as_view(),
        name="manualindicator_delete",
    ),
    # Measurements, added from their indicator's page (?indicator=<pk>).
    path("matvarden/ny/", views.MeasurementCreateView.as_view(), name="measurement_create"),
    path(
        "matvarden/<int:pk>/andra/",
        views.MeasurementUpdateView.as_view(),
        name="measurement_update",
    ),
    path(
        "matvarden/<int:pk>/ta-bort/",
        views.MeasurementDeleteView.as_view(),
        name="measurement_delete",
    ),
    # Targets, added from the indicator's page (?indicator_key=<key> or ?manual=<pk>).
    path("mal/ny/", views.TargetCreateView.as_view(), name="target_create"),
    path("mal/<int:pk>/andra/", views.TargetUpdateView.as_view(), name="target_update"),
    path("mal/<int:pk>/ta-bort/", views.TargetDeleteView.as_view(), name="target_delete"),
]
