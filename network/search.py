"""The organisation's own good examples in the header's search (``collab.search``): title,
description, what was achieved and how, in the networks it is an active member of (where it
can open them). Another organisation's examples are the network library's business, not this
search's."""

from django.utils.translation import gettext_lazy as _

from collab import search
from network.models import GoodExample
from network.selectors import networks_of


def good_examples(organisation, query: str, *, limit: int) -> search.ResultGroup:
    queryset = GoodExample.objects.filter(
        organisation=organisation, network__in=networks_of(organisation).order_by()
    ).select_related("network")
    return search.find(
        queryset,
        query,
        limit=limit,
        key="good_examples",
        label=_("Good examples"),
        title="title",
        body=["description", "achieved", "how"],
        describe=lambda e: (
            e.title,
            e.get_absolute_url(),
            [e.description, e.achieved, e.how],
            f"{e.network.name} · {e.get_status_display()}",
        ),
    )
