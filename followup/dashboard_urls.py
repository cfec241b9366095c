from django.urls import path

from followup import dashboard_views as views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("effektkedjor/", views.EffectChainListView.as_view(), name="effectchain_list"),
    path("effektkedjor/ny/", views.EffectChainCreateView.as_view(), name="effectchain_create"),
    path(
        "effektkedjor/<int:pk>/", views.EffectChainDetailView.as_view(), name="effectchain_detail"
    ),
    path(
        "effektkedjor/<int:pk>/andra/",
        views.EffectChainUpdateView.as_view(),
        name="effectchain_update",
    ),
    path(
        "effektkedjor/<int:pk>/ta-bort/",
        views.EffectChainDeleteView.as_view(),
        name="effectchain_delete",
    ),
    path("effektkedjor/steg/ny/", views.EffectStepCreateView.as_view(), name="effectstep_create"),
    path(
        "effektkedjor/steg/<int:pk>/andra/",
        views.EffectStepUpdateView.as_view(),
        name="effectstep_update",
    ),
    path(
        "effektkedjor/steg/<int:pk>/ta-bort/",
        views.EffectStepDeleteView.as_view(),
        name="effectstep_delete",
    ),
]
