"""Writes of the API and open-data app."""

from django.db import transaction

from api.models import OpenDataPublication


def publication_for(*, organisation) -> OpenDataPublication:
    """The organisation's open-data settings (one row per organisation), made on first use
    with nothing published. A concurrent first use gets the same row (the unique constraint
    decides; ``get_or_create`` reads the winner's row)."""
    with transaction.atomic():
        publication, _created = OpenDataPublication.objects.get_or_create(organisation=organisation)
    return publication
