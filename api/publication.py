"""Who publishes what (the one home of the rule "this organisation publishes dataset X").

Every open-data page and file asks here; a dataset that its organisation does not publish (or
no longer publishes) is a 404, the same answer as an organisation that does not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django_scopes import scopes_disabled

from api.models import OpenDataPublication
from collab.models import Organisation

KINDS = ("register", "procurements", "figures")


def publication_of(organisation) -> OpenDataPublication | None:
    with scopes_disabled():
        return OpenDataPublication.objects.filter(organisation=organisation).first()


def publishing(kind: str | None = None):
    """The publications that publish ``kind`` (or anything), with their organisation."""
    with scopes_disabled():
        qs = OpenDataPublication.objects.select_related("organisation")
        if kind is None:
            from django.db.models import Q

            qs = qs.filter(
                Q(publish_register=True) | Q(publish_procurements=True) | Q(publish_figures=True)
            )
        else:
            assert kind in KINDS, kind
            qs = qs.filter(**{f"publish_{kind}": True})
        return list(qs.order_by("organisation__name"))


def published(slug: str, kind: str | None = None) -> tuple[Organisation, OpenDataPublication]:
    """The organisation ``slug`` and its publication when it publishes ``kind``; else 404."""
    organisation = get_object_or_404(Organisation, slug=slug)
    publication = publication_of(organisation)
    if publication is None or not publication.publishes_anything:
        raise Http404
    if kind is not None and not getattr(publication, f"publish_{kind}"):
        raise Http404
    return organisation, publication
