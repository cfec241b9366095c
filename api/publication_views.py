"""The administrator's page for what the organisation publishes as open data.

One row per organisation (:class:`api.models.OpenDataPublication`), made with nothing published
the first time the page is opened (:func:`api.services.publication_for`). The edit form is
collab.generic's: it carries the version it was opened on (a stale save is refused) and saves
once on a double click.
"""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from api import services
from api.forms import PublicationForm
from api.models import OpenDataPublication
from api.opendata_views import datasets_of
from collab.generic import OrganisationAccessMixin, OrgUpdateView
from collab.models import Access
from collab.selectors import history_for


class PublicationView(OrganisationAccessMixin, TemplateView):
    """What is published, with links to the public pages, and the settings' history."""

    required_access = Access.MANAGE
    model = OpenDataPublication
    template_name = "api/publication_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.request.organisation
        publication = services.publication_for(organisation=organisation)
        context.update(
            {
                "title": _("Open data"),
                "publication": publication,
                "datasets": datasets_of(organisation, publication)
                if publication.publishes_anything
                else [],
                "public_url": reverse(
                    "opendata:organisation", kwargs={"organisation": organisation.slug}
                )
                if publication.publishes_anything
                else None,
                "index_url": reverse("opendata:index"),
                "update_url": reverse("publishing:publication_update"),
                "history": history_for(publication),
            }
        )
        return context


class PublicationUpdateView(OrgUpdateView):
    model = OpenDataPublication
    form_class = PublicationForm
    required_access = Access.MANAGE

    def get_object(self, queryset=None):
        return services.publication_for(organisation=self.request.organisation)

    def lock(self) -> None:
        services.publication_for(organisation=self.request.organisation)
        rows = OpenDataPublication.objects.select_for_update().filter(
            organisation=self.request.organisation
        )
        list(rows.values_list("pk", flat=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("What the organisation publishes as open data")
        return context


urlpatterns = [
    path("oppna-data/", PublicationView.as_view(), name="publication"),
    path("oppna-data/andra/", PublicationUpdateView.as_view(), name="publication_update"),
]
