"""The results page of the header's search (``collab.search``): ``/sok/?q=``."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from collab import search
from collab.generic import OrganisationAccessMixin


class SearchView(OrganisationAccessMixin, TemplateView):
    """Every kind's best matches for the active organisation (the request's scope), grouped
    by kind with their counts; a link to each kind's list filtered by the query."""

    template_name = "collab/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = search.search(self.request.organisation, self.request.GET.get("q"))
        context.update(
            {
                "title": _("Search"),
                "outcome": outcome,
                "query": outcome.query,
                "max_length": search.MAX_LENGTH,
            }
        )
        return context
