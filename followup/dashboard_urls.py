from django.urls import path

from collab.urls_helpers import crud_urls
from followup import dashboard_views as views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    *crud_urls(
        "effektkedjor",
        "effectchain",
        (
            views.EffectChainListView,
            views.EffectChainCreateView,
            views.EffectChainDetailView,
            views.EffectChainUpdateView,
            views.EffectChainDeleteView,
        ),
    ),
    *crud_urls(
        "effektkedjor/steg",
        "effectstep",
        (
            None,
            views.EffectStepCreateView,
            None,
            views.EffectStepUpdateView,
            views.EffectStepDeleteView,
        ),
    ),
]
