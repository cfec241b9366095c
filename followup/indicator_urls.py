"""URLs of the indicator pages (included into the ``followup`` namespace, /uppfoljning/)."""

from django.urls import path

from collab.urls_helpers import crud_urls
from followup import indicator_views as views

urlpatterns = [
    path("indikatorer/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indikatorer/<slug:key>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    # Manual indicators (listed on the indicator list; no list page of their own).
    *crud_urls(
        "egna-indikatorer",
        "manualindicator",
        (
            None,
            views.ManualIndicatorCreateView,
            views.ManualIndicatorDetailView,
            views.ManualIndicatorUpdateView,
            views.ManualIndicatorDeleteView,
        ),
    ),
    # Measurements, added from their indicator's page (?indicator=<pk>).
    *crud_urls(
        "matvarden",
        "measurement",
        (
            None,
            views.MeasurementCreateView,
            None,
            views.MeasurementUpdateView,
            views.MeasurementDeleteView,
        ),
    ),
    # Targets, added from the indicator's page (?indicator_key=<key> or ?manual=<pk>).
    *crud_urls(
        "mal",
        "target",
        (
            None,
            views.TargetCreateView,
            None,
            views.TargetUpdateView,
            views.TargetDeleteView,
        ),
    ),
]
