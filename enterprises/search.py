"""The register in the header's search (``collab.search``): name, organisation number in any
spelling (``enterprises.orgnr.search_text``, as the register's own search box), offer, tags
and notes."""

import re

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collab import search
from enterprises import orgnr
from enterprises.models import SocialEnterprise

# The fields searched; the GIN index of migration 0005_search_index is on exactly these.
TITLE = "name"
BODY = ["offer", "tags", "notes"]


def org_number_condition(query: str) -> Q | None:
    """The rows whose number is the query, or one of its words, in any spelling."""
    texts = {orgnr.search_text(word) for word in [query, *search.words(query)]} - {None}
    if not texts:
        return None
    condition = Q()
    for text in texts:
        condition |= Q(org_number__icontains=text)
    return condition


def provider(organisation, query: str, *, limit: int) -> search.ResultGroup:
    return search.find(
        SocialEnterprise.objects.all(),
        query,
        limit=limit,
        key="enterprises",
        label=_("Social enterprises"),
        title=TITLE,
        body=BODY,
        also=org_number_condition(query),
        # Digits and dashes only: an organisation number, not words of a text.
        text=re.search(r"[^\W\d_]", query) is not None,
        describe=lambda e: (e.name, e.get_absolute_url(), [e.offer, e.tags, e.notes], e.org_number),
        all_url=reverse("enterprises:socialenterprise_list"),
    )
