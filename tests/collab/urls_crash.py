"""URLconf for the 500-page test: the project's URLs plus a view that fails."""

from django.urls import path

from collab.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def crash(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [*urlpatterns, path("crash/", crash)]
