"""``/api/v1/``: the read-only REST API (its routes come from ``api/resources/*``)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import docs
from api.resources import areas, figures, organisation, procurements, register

RESOURCES = [organisation, register, procurements, areas, figures]

router = SimpleRouter(trailing_slash=True)
for module in RESOURCES:
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)

v1_patterns = [
    *[
        path(route, view.as_view(), name=name)
        for module in RESOURCES
        for route, view, name in module.paths
    ],
    path("", include(router.urls)),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:openapi"), name="docs"),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(v1_patterns)),
    re_path(r"^.*$", docs.not_found, name="not_found"),
]
