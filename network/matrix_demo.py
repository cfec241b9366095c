"""Demo data of the seven-area matrix: the demo members' levels of last year.

A year's level is stored while the year is open and cannot be computed afterwards, so a fresh
demo database has no level for last year and the matrix shows every level as "new". This
stores a plausible last year for each demo member (a step below today's level in some areas),
once: a recorded level is kept (a row without a level, stored when a page read the year
before this ran, is replaced).
"""

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from collab import figures
from collab.models import YearlyFigure
from network import selectors


def seed_last_years_levels(network, organisations) -> None:
    today = timezone.localdate()
    keys = selectors.level_keys()
    for organisation in organisations.values():
        with scope(organisation=organisation.pk):
            now = figures.values(organisation, keys, [today.year])
        rows = [
            YearlyFigure(
                organisation=organisation,
                key=key,
                year=today.year - 1,
                value=max(0, (now[key][today.year] or 0) - (index % 2)),
                version=0,
                computed_at=timezone.now(),
                computed_on=today,
            )
            for index, key in enumerate(keys)
        ]
        with scopes_disabled():
            YearlyFigure.objects.filter(
                organisation=organisation, key__in=keys, year=today.year - 1, value=None
            ).delete()
            YearlyFigure.objects.bulk_create(rows, ignore_conflicts=True)
        # Written without the models' signals: say that the stored figures changed (the
        # network's cached pages are keyed by the members' latest change).
        figures.records_changed(organisation)
