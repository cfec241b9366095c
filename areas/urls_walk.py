from django.urls import path

from areas.views import walk as walk_views

urlpatterns = [
    path("omraden/", walk_views.AreaListView.as_view(), name="area_list"),
    path("omraden/<int:number>/", walk_views.AreaDetailView.as_view(), name="area_detail"),
    path(
        "omraden/<int:number>/checklista/",
        walk_views.AreaChecklistView.as_view(),
        name="area_checklist",
    ),
]
