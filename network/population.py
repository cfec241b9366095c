"""An organisation's number of inhabitants in a year (for figures per 10 000 inhabitants).

The dated ``Population`` of the reference organisation with the same SCB code wins (the latest
one dated on or before the year's end); without one, the organisation's own
``Organisation.population``. One query for any number of organisations.
"""

import datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery

from collab.models import Organisation
from network.models import Population


def population_for(organisation_ids, year: int) -> dict[int, int | None]:
    """``{organisation id: inhabitants or None}`` for ``year``, in one query."""
    ids = list(organisation_ids)
    if not ids:
        return {}
    dated = (
        Population.objects.filter(
            reference__scb_code=OuterRef("scb_code"), date__lte=datetime.date(year, 12, 31)
        )
        .order_by("-date")
        .values("inhabitants")[:1]
    )
    rows = (
        Organisation.objects.filter(pk__in=ids)
        .annotate(dated_population=Subquery(dated))
        .values_list("pk", "dated_population", "population")
    )
    result: dict[int, int | None] = dict.fromkeys(ids)
    for pk, dated_population, own in rows:
        result[pk] = dated_population if dated_population is not None else own
    return result


@transaction.atomic
def save_population(*, reference, date: datetime.date, inhabitants: int, source: str = ""):
    """Record (or correct) the population of ``reference`` at ``date``."""
    population, _created = Population.objects.update_or_create(
        reference=reference, date=date, defaults={"inhabitants": inhabitants, "source": source}
    )
    return population
