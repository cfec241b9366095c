"""Procurements in the header's search (``collab.search``): title, reference number and
description."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collab import search
from procurement.models import Procurement

# The fields searched; the GIN index of migration 0003_search_index is on exactly these.
TITLE = "title"
BODY = ["reference", "description"]


def provider(organisation, query: str, *, limit: int) -> search.ResultGroup:
    return search.find(
        Procurement.objects.all(),
        query,
        limit=limit,
        key="procurements",
        label=_("Procurements"),
        title=TITLE,
        body=BODY,
        describe=lambda p: (
            p.title,
            p.get_absolute_url(),
            [p.description, p.reference],
            " · ".join(part for part in (p.reference, str(p.get_status_display())) if part),
        ),
        all_url=reverse("procurement:procurement_list"),
    )
