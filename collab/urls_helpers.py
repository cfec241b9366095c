"""URL patterns shared by every app."""

from django.urls import path


def crud_urls(prefix: str, model: str, views, *, new: str = "ny") -> list:
    """The pages of a record type, named ``<model>_list|_create|_detail|_update|_delete``.

    ``views`` are the list, create, detail, update and delete views (``None`` for a page the
    record does not have, e.g. a child record without a list). The paths are Swedish:
    ``<prefix>/``, ``<prefix>/ny/`` (``new="nytt"`` after a neuter noun), ``<prefix>/<pk>/``,
    ``<prefix>/<pk>/andra/`` and ``<prefix>/<pk>/ta-bort/``; an empty ``prefix`` is the app's
    root."""
    base = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    routes = ("", f"{new}/", "<int:pk>/", "<int:pk>/andra/", "<int:pk>/ta-bort/")
    kinds = ("list", "create", "detail", "update", "delete")
    list_view, create_view, detail_view, update_view, delete_view = views
    return [
        path(base + route, view.as_view(), name=f"{model}_{kind}")
        for route, kind, view in zip(
            routes,
            kinds,
            (list_view, create_view, detail_view, update_view, delete_view),
            strict=True,
        )
        if view is not None
    ]
