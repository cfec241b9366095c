"""Open data pages without login (``/oppna-data/``): the index, an organisation's datasets,
the public directory of social enterprises and the register and figures datasets.

Every view asks :func:`api.publication.published` first (a dataset not published is a 404, at
once) and answers through :mod:`api.public` (rendered without the request: no session, no
cookie, no user; cached under a key that changes with the data). What the public sees of an
enterprise is :mod:`api.directory`'s rule; the figures are :mod:`api.figures_data`'s.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope

from api import directory, figures_data, public
from api.datasets import DATASETS
from api.models import Licence
from api.publication import published, publishing
from api.schema import csv_text, json_text
from collab.generic import sort_expression
from collab.models import RecordsChange
from enterprises.models import SocialEnterprise

LICENCE_URLS = {
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
}

# The datasets this module serves: their columns and how often they change.
SCHEMAS = {
    "register": (
        directory.COLUMNS,
        gettext_lazy(
            "Continuously: the files are made from the register when they are requested, so "
            "they show the register as it is (browsers may keep a copy for five minutes)."
        ),
    ),
    "figures": (
        figures_data.COLUMNS,
        gettext_lazy(
            "Daily: the current year's values count up to today and change with the records; "
            "an earlier year's values change only when the organisation recalculates the year "
            "(a logged correction)."
        ),
    ),
}


def _dataset(kind):
    return next(d for d in DATASETS if d.kind == kind)


def licence_of(publication) -> dict:
    return {
        "id": publication.licence,
        "name": str(publication.get_licence_display()),
        "url": LICENCE_URLS.get(publication.licence, ""),
    }


def datasets_of(organisation, publication) -> list[dict]:
    """The organisation's published datasets with their files, description and update date.

    A dataset whose pages another part of Samverka provides is listed only once those pages
    exist (its URL names resolve and its update function imports)."""
    result = []
    for dataset in DATASETS:
        if not getattr(publication, f"publish_{dataset.kind}"):
            continue
        slug = {"organisation": organisation.slug}
        try:
            files = [(label, reverse(name, kwargs=slug)) for label, name in dataset.files]
            readme = reverse(dataset.readme, kwargs=slug)
            updated = dataset.last_updated(organisation)
        except (NoReverseMatch, ImportError):
            continue
        result.append(
            {
                "kind": dataset.kind,
                "title": dataset.title,
                "description": dataset.description,
                "files": files,
                "readme": readme,
                "updated": updated,
                "page": reverse("opendata:directory", kwargs=slug)
                if dataset.kind == "register"
                else None,
            }
        )
    return result


def _organisation_entry(organisation, publication) -> dict:
    return {
        "organisation": organisation,
        "licence": licence_of(publication),
        "datasets": datasets_of(organisation, publication),
        "url": reverse("opendata:organisation", kwargs={"organisation": organisation.slug}),
    }


# --- pages ------------------------------------------------------------------------------------


@login_not_required
def index(request):
    publications = publishing()
    ids = [p.organisation_id for p in publications]
    versions = dict(
        RecordsChange.objects.filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(latest=Max("id"))
        .values_list("organisation_id", "latest")
    )
    parts = (
        tuple(
            (p.organisation_id, p.updated_at.isoformat(), versions.get(p.organisation_id))
            for p in publications
        ),
        timezone.localdate().isoformat(),
    )

    def context():
        entries = []
        for publication in publications:
            with scope(organisation=publication.organisation_id):
                entries.append(_organisation_entry(publication.organisation, publication))
        return {"title": _("Open data"), "entries": entries}

    return public.page(request, parts, "api/opendata/index.html", context)


@login_not_required
def organisation_page(request, organisation):
    organisation, publication = published(organisation)
    with scope(organisation=organisation.pk):
        return public.page(
            request,
            public.organisation_state(organisation, publication),
            "api/opendata/organisation.html",
            lambda: {
                "title": _("Open data from %(name)s") % {"name": organisation.name},
                **_organisation_entry(organisation, publication),
            },
        )


@login_not_required
def directory_page(request, organisation):
    organisation, publication = published(organisation, "register")

    def context():
        queryset = directory.listed(organisation)
        descending = request.GET.get("sort") == "-name"
        if descending:
            queryset = queryset.order_by(sort_expression(SocialEnterprise, "-name"), "-pk")
        filterset = directory.DirectoryFilter(request.GET or None, queryset=queryset)
        found = filterset.qs if not filterset.is_bound or filterset.is_valid() else queryset.none()
        paginator = Paginator(found, directory.PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        sort_query = query.copy()
        sort_query["sort"] = "name" if descending else "-name"
        return {
            "title": _("Social enterprises in %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "filter": filterset,
            "page": page,
            "enterprises": list(page.object_list),
            "total": paginator.count,
            "is_filtered": any(filterset.form.data.get(name) for name in ("q", "category", "kind"))
            if filterset.is_bound
            else False,
            "page_query": query.urlencode() + "&" if query else "",
            "sort_url": "?" + sort_query.urlencode(),
            "aria_sort": "descending" if descending else "ascending",
            "licence": licence_of(publication),
            "dataset": _dataset("register"),
            "csv_url": reverse("opendata:register_csv", kwargs={"organisation": organisation.slug}),
            "json_url": reverse(
                "opendata:register_json", kwargs={"organisation": organisation.slug}
            ),
        }

    with scope(organisation=organisation.pk):
        return public.page(
            request,
            public.organisation_state(organisation, publication),
            "api/opendata/directory.html",
            context,
        )


@login_not_required
def enterprise_page(request, organisation, pk):
    organisation, publication = published(organisation, "register")

    def context():
        enterprise = directory.listed(organisation).filter(pk=pk).first()
        if enterprise is None:  # unlisted since the check below
            raise Http404
        return {
            "title": enterprise.name,
            "organisation": organisation,
            "enterprise": enterprise,
            "org_number": directory.public_org_number(enterprise),
            "contacts": enterprise.public_contacts,
            "directory_url": reverse(
                "opendata:directory", kwargs={"organisation": organisation.slug}
            ),
        }

    with scope(organisation=organisation.pk):
        # Asked on every request (one query): a page no longer listed is a 404 at once.
        if not directory.listed(organisation).filter(pk=pk).exists():
            raise Http404
        return public.page(
            request,
            public.organisation_state(organisation, publication),
            "api/opendata/enterprise.html",
            context,
        )


# --- datasets ---------------------------------------------------------------------------------


def _rows(kind, organisation):
    if kind == "register":
        return list(directory.listed(organisation))
    return figures_data.rows(organisation)


def _meta(request, kind, organisation, publication) -> dict:
    dataset = _dataset(kind)
    updated = dataset.last_updated(organisation)
    readme = reverse(dataset.readme, kwargs={"organisation": organisation.slug})
    return {
        "title": str(dataset.title),
        "description": str(dataset.description),
        "publisher": {"name": organisation.name, "municipality_code": organisation.scb_code},
        "licence": licence_of(publication),
        "modified": updated.isoformat() if updated else None,
        "schema": request.build_absolute_uri(readme),
    }


def _file(kind: str, extension: str):
    """The view of a dataset's CSV or JSON file."""
    columns = SCHEMAS[kind][0]
    filenames = {"register": "foretag", "figures": "nyckeltal"}

    @login_not_required
    def view(request, organisation):
        organisation, publication = published(organisation, kind)
        filename = f"{filenames[kind]}-{organisation.slug}.{extension}"
        with scope(organisation=organisation.pk):
            if extension == "csv":
                return public.respond(
                    request,
                    public.organisation_state(organisation, publication),
                    lambda: csv_text(columns, _rows(kind, organisation)),
                    content_type="text/csv; charset=utf-8",
                    filename=filename,
                )
            return public.respond(
                request,
                public.organisation_state(organisation, publication),
                lambda: json_text(
                    columns,
                    _rows(kind, organisation),
                    _meta(request, kind, organisation, publication),
                ),
                content_type="application/json",
                filename=filename,
            )

    return view


def _readme(kind: str):
    """The view of a dataset's description: every column, the licence, how often it changes."""
    columns, frequency = SCHEMAS[kind]

    @login_not_required
    def view(request, organisation):
        organisation, publication = published(organisation, kind)
        dataset = _dataset(kind)
        slug = {"organisation": organisation.slug}
        with scope(organisation=organisation.pk):
            return public.page(
                request,
                public.organisation_state(organisation, publication),
                "api/opendata/readme.html",
                lambda: {
                    "title": dataset.title,
                    "organisation": organisation,
                    "dataset": dataset,
                    "columns": columns,
                    "frequency": frequency,
                    "licence": licence_of(publication),
                    "updated": dataset.last_updated(organisation),
                    "files": [(label, reverse(name, kwargs=slug)) for label, name in dataset.files],
                    "organisation_url": reverse("opendata:organisation", kwargs=slug),
                },
            )

    return view


urlpatterns = [
    path("", index, name="index"),
    path("<slug:organisation>/", organisation_page, name="organisation"),
    path("<slug:organisation>/foretag/", directory_page, name="directory"),
    path("<slug:organisation>/foretag/<int:pk>/", enterprise_page, name="enterprise"),
    path("<slug:organisation>/foretag.csv", _file("register", "csv"), name="register_csv"),
    path("<slug:organisation>/foretag.json", _file("register", "json"), name="register_json"),
    path("<slug:organisation>/foretag/beskrivning/", _readme("register"), name="register_readme"),
    path("<slug:organisation>/nyckeltal.csv", _file("figures", "csv"), name="figures_csv"),
    path("<slug:organisation>/nyckeltal.json", _file("figures", "json"), name="figures_json"),
    path("<slug:organisation>/nyckeltal/beskrivning/", _readme("figures"), name="figures_readme"),
]
