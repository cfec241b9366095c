"""The catalogue of figures and the stored table of yearly figures.

**One definition per figure.** Each app defines the figures computed from its records in its
``figures.py`` and registers them here (``register``) from its ``contributions.py``: a key, a
name, a unit, a written definition, the records counted (``records(year)``: a queryset a list
page can show, "the 40 enterprises behind the card") and how they are added up. A share is
two other figures divided (``share_of``). Every page — the home page's cards, the seven areas'
evidence, the indicators, the dashboard, the PDF report — reads the values here, so a figure
shown in two places is the same number.

**One stored table.** ``values(organisation, keys, years)`` reads ``YearlyFigure`` rows. A
missing or stale row is computed (one query per figure for all the years asked for) and
stored:

- the current year (and later ones) is *open*: stale when the organisation's records changed
  since (``records_version``, the highest ``RecordsChange`` id, written in the same transaction
  as every change to an organisation-owned record) or when it was computed on an earlier day
  (figures that count "up to today"). After a commit that changed records the open years are
  computed again at once, so at year end the stored values are those of 31 December;
- an earlier year is *closed*: its stored values do not change when today's records are
  edited. A year never computed before is computed at its first reading and then kept. A
  correction is an explicit recalculation with a reason (``recalculate``), logged in
  ``FigureRecalculation``.

**No data is not zero.** A figure with ``data`` (the source records, e.g. every imported
supplier payment) has no value (None) for a year without such records; a share has none when
its whole is zero or missing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django_scopes import get_scope, scope, scopes_disabled

from collab.formatting import Unit

Number = int | Decimal
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a figure can be asked for
SHARE = "%"
KRONOR = "kr"


def year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def in_year(date_field: str) -> Callable[[int], Q]:
    """The condition "``date_field`` falls in the year" (a date range: an index is used)."""
    return lambda year: Q(**{f"{date_field}__range": (year_start(year), year_end(year))})


def count(**kwargs) -> models.Count:
    """The usual ``aggregate`` of a figure: how many records."""
    return models.Count("id", **kwargs)


def share_percent(part, whole) -> Decimal | None:
    """Per cent with one decimal; None when there is nothing to divide by (0 of 0 is not
    0 %)."""
    if part is None or not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), 1)


@dataclass(frozen=True)
class Figure:
    """One figure of the catalogue. ``records(year)`` are the rows counted for the year;
    ``aggregate(**filter)`` adds them up (``Count("id", ...)``, ``Sum("amount", ...)``).

    ``queryset`` gives the base rows (in the organisation's scope) and ``condition(year)``
    the Q that chooses a year's rows from them; a share names its part and whole figures."""

    key: str
    name: str
    unit: Unit | str  # a counted unit (collab.formatting.Unit), "kr" or "%"
    definition: str
    area: int
    queryset: Callable[[], models.QuerySet] | None = None
    condition: Callable[[int], Q] | None = None
    aggregate: Callable[..., models.Aggregate] | None = None
    # Source rows whose absence in a year means "no data" (chosen by ``data_condition``).
    data: Callable[[], models.QuerySet] | None = None
    data_condition: Callable[[int], Q] | None = None
    share_of: tuple[str, str] | None = None  # (part key, whole key)
    # A figure that is not a sum of records (a seven-area level): ``compute_with(organisation,
    # years)`` gives ``{year: value}`` inside the organisation's scope. It is never recomputed
    # for a closed year (``recalculate`` leaves it): its stored value is what it was then.
    compute_with: Callable[[object, list[int]], dict[int, Number | None]] | None = None
    list_url_name: str | None = None  # the list page that shows ``records(year)``
    indicator: bool = True  # shown among the indicators (targets, dashboard, report)
    per_capita: bool = False
    higher_is_better: bool = True
    order: int = 0

    @property
    def is_share(self) -> bool:
        return self.share_of is not None

    @property
    def model(self) -> type[models.Model] | None:
        return self.queryset().model if self.queryset is not None else None

    def records(self, year: int) -> models.QuerySet:
        """The rows this figure counts for ``year`` (for a share: its part's)."""
        if self.share_of is not None:
            return get(self.share_of[0]).records(year)
        return self.queryset().filter(self.condition(year))

    def list_url(self, year: int) -> str | None:
        """The list page showing exactly the rows counted (``?figure=<key>&figure_year=<year>``)."""
        figure = get(self.share_of[0]) if self.share_of else self
        if not figure.list_url_name:
            return None
        return f"{reverse(figure.list_url_name)}?figure={figure.key}&figure_year={year}"

    def compute(self, years: Iterable[int], organisation=None) -> dict[int, Number | None]:
        """``{year: value}`` from today's records: one query (two with ``data``), inside the
        organisation scope. A share computes its part and whole."""
        years = sorted(set(years))
        if not years:
            return {}
        if self.compute_with is not None:
            if organisation is None:
                organisation = apps.get_model("collab", "Organisation").objects.get(
                    pk=get_scope()["organisation"]
                )
            return self.compute_with(organisation, years)
        if self.share_of is not None:
            part, whole = (get(key).compute(years) for key in self.share_of)
            return {year: share_percent(part[year], whole[year]) for year in years}
        totals = self.queryset().aggregate(
            **{f"y{year}": self.aggregate(filter=self.condition(year)) for year in years}
        )
        result = {year: totals[f"y{year}"] or 0 for year in years}
        if self.data is not None:
            condition = self.data_condition or self.condition
            present = self.data().aggregate(
                **{f"y{year}": models.Count("pk", filter=condition(year)) for year in years}
            )
            for year in years:
                if not present[f"y{year}"]:
                    result[year] = None
        return result


_catalogue: dict[str, Figure] = {}


def register(*figures: Figure) -> None:
    for figure in figures:
        _catalogue[figure.key] = figure


def get(key: str) -> Figure | None:
    return _catalogue.get(key)


def catalogue(*, indicators_only: bool = False) -> list[Figure]:
    """Every registered figure in catalogue order (``order``)."""
    figures = sorted(_catalogue.values(), key=lambda f: (f.order, f.key))
    if indicators_only:
        figures = [f for f in figures if f.indicator]
    return figures


# --- the records version -----------------------------------------------------------------------


def records_version(organisation) -> int:
    """The organisation's records version: grows with every change to its records (one
    query). Stored figures and cached pages compare it with the version they were made at."""
    from collab.models import RecordsChange

    organisation_id = getattr(organisation, "pk", organisation)
    return (
        RecordsChange.objects.filter(organisation_id=organisation_id).aggregate(v=Max("id"))["v"]
        or 0
    )


@dataclass(frozen=True)
class RecordsState:
    """The organisation's records version and the time of that change: ``key`` names it in
    cache keys (after a test's rollback a version number can come back with other records,
    its time cannot)."""

    version: int
    key: str


def records_state(organisation) -> RecordsState:
    """The organisation's records state (one query)."""
    from collab.models import RecordsChange

    organisation_id = getattr(organisation, "pk", organisation)
    latest = (
        RecordsChange.objects.filter(organisation_id=organisation_id)
        .order_by("-id")
        .values_list("id", "at")
        .first()
    )
    if latest is None:
        return RecordsState(0, "0")
    return RecordsState(latest[0], f"{latest[0]}@{latest[1].timestamp()}")


def request_state(request) -> RecordsState:
    """The records state for a page, read once per GET request (a page that reads the walk and
    the figures asks once); a POST reads it afresh (it may have changed the records)."""
    if request.method not in ("GET", "HEAD"):
        return records_state(request.organisation)
    state = getattr(request, "_samverka_records_state", None)
    if state is None:
        state = records_state(request.organisation)
        request._samverka_records_state = state
    return state


def cached(organisation, name: str, compute: Callable, *, today, state=None):
    """``compute()`` kept in the cache until the organisation's records change or the day
    ends (per language: the results hold translated texts)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    state = state or records_state(organisation)
    key = f"{name}:{organisation.pk}:{state.key}:{today.isoformat()}:{get_language()}"
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, CACHE_SECONDS)
    return result


CACHE_SECONDS = 24 * 60 * 60


def records_changed(organisation=None) -> None:
    """Record that the organisation's records changed (in the caller's transaction). Bulk
    operations that send no model signals (imports, ``QuerySet.update``, SQL) call this;
    without an organisation, the active scope's."""
    from collab.models import RecordsChange

    if organisation is None:
        organisation = get_scope().get("organisation")
    organisation_id = getattr(organisation, "pk", organisation)
    if organisation_id is None:
        return
    RecordsChange.objects.create(organisation_id=organisation_id)
    _refresh_after_commit(organisation_id)


def _refresh_after_commit(organisation_id: int) -> None:
    """Once per transaction and organisation: compute the stored open years again after the
    commit (a rolled-back transaction drops its callbacks with it)."""
    if any(
        getattr(callback, "samverka_organisation", None) == organisation_id
        and not getattr(callback, "samverka_done", False)
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return

    def refresh():
        refresh.samverka_done = True
        refresh_open_years(organisation_id)

    refresh.samverka_organisation = organisation_id
    transaction.on_commit(refresh, robust=True)


def _owned_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    records_changed(getattr(instance, "organisation_id", None))


def _owned_m2m_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        records_changed(getattr(instance, "organisation_id", None))


def connect_signals() -> None:
    """Every organisation-owned model's saves, deletes and many-to-many changes bump the
    organisation's records version (called from ``CollabConfig.ready``)."""
    from collab.models import OrganisationOwned

    for model in apps.get_models():
        if not issubclass(model, OrganisationOwned) or not model.counts_as_records:
            continue
        uid = f"samverka-figures-{model._meta.label}"
        post_save.connect(_owned_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_owned_changed, sender=model, dispatch_uid=uid + "-delete")
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(
                _owned_m2m_changed,
                sender=m2m.remote_field.through,
                dispatch_uid=f"{uid}-{m2m.name}",
            )


# --- reading and storing -----------------------------------------------------------------------


def values(
    organisation, keys: Iterable[str], years: Iterable[int], *, state: RecordsState | None = None
) -> dict[str, dict[int, Decimal | None]]:
    """``{key: {year: value}}`` from the stored table, computing what is missing or stale
    (two queries when everything is stored). Inside the organisation's scope."""
    from collab.models import YearlyFigure

    keys = [key for key in dict.fromkeys(keys) if get(key) is not None]
    years = sorted(set(years))
    if not keys or not years:
        return {key: {year: None for year in years} for key in keys}
    today = timezone.localdate()
    this_year = today.year
    version = state.version if state is not None else records_version(organisation)
    stored = {
        (row.key, row.year): row
        for row in YearlyFigure.objects.filter(
            organisation=organisation, key__in=keys, year__in=years
        )
    }
    result = {key: {} for key in keys}
    missing: dict[str, list[int]] = {}
    for key in keys:
        for year in years:
            row = stored.get((key, year))
            fresh = row is not None and (
                year < this_year or (row.version >= version and row.computed_on == today)
            )
            if fresh:
                result[key][year] = _number(row.value)
            else:
                missing.setdefault(key, []).append(year)
    if missing:
        computed = _compute_and_store(organisation, missing, version, today)
        for key, by_year in computed.items():
            result[key].update(by_year)
    return result


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value


def _compute_and_store(
    organisation, wanted: dict[str, list[int]], version: int, today, *, overwrite=False
):
    """Compute ``wanted`` (and the parts and wholes of its shares) and store them: an open
    year's row is replaced, a closed year's stored row is kept unless ``overwrite``."""
    # A share's part and whole are computed and stored too (the pages show "8 of 12").
    needed: dict[str, set[int]] = {}

    def need(key: str, years) -> None:
        needed.setdefault(key, set()).update(years)
        for part in get(key).share_of or ():
            need(part, years)

    for key, years in wanted.items():
        need(key, years)
    computed: dict[str, dict[int, Number | None]] = {}
    store = _Store(organisation, version, today, overwrite)
    base = {key: years for key, years in needed.items() if not get(key).share_of}
    for key, years in base.items():
        computed[key] = get(key).compute(years, organisation)
    store.save(computed)
    pending = [key for key in needed if get(key).share_of]
    while pending:  # a share of shares waits for its parts
        done = {}
        for key in list(pending):
            part, whole = get(key).share_of
            if part in computed and whole in computed:
                done[key] = {
                    year: share_percent(computed[part].get(year), computed[whole].get(year))
                    for year in sorted(needed[key])
                }
                pending.remove(key)
        store.save(done)
        computed.update(done)
    return {key: {year: _number(computed[key][year]) for year in wanted[key]} for key in wanted}


@dataclass
class _Store:
    organisation: object
    version: int
    today: datetime.date
    overwrite: bool

    def save(self, computed: dict[str, dict[int, Number | None]]) -> None:
        """Store ``computed``; where a closed year's row is kept, put its value back into
        ``computed``."""
        from collab.models import YearlyFigure

        now = timezone.now()
        rows = [
            YearlyFigure(
                organisation=self.organisation,
                key=key,
                year=year,
                value=value,
                version=self.version,
                computed_at=now,
                computed_on=self.today,
            )
            for key, by_year in computed.items()
            for year, value in by_year.items()
        ]
        replace = [row for row in rows if self.overwrite or row.year >= self.today.year]
        keep = [row for row in rows if not (self.overwrite or row.year >= self.today.year)]
        if replace:
            YearlyFigure.objects.bulk_create(
                replace,
                update_conflicts=True,
                unique_fields=["organisation", "key", "year"],
                update_fields=["value", "version", "computed_at", "computed_on"],
            )
        if keep:
            YearlyFigure.objects.bulk_create(keep, ignore_conflicts=True)
            stored = YearlyFigure.objects.filter(
                organisation=self.organisation,
                key__in={row.key for row in keep},
                year__in={row.year for row in keep},
            ).values_list("key", "year", "value")
            for key, year, value in stored:
                if year in computed.get(key, {}):
                    computed[key][year] = _number(value)


def refresh_open_years(organisation_id: int) -> None:
    """Compute again the stored open years (the current year and later) of the organisation
    (after a commit that changed its records), and drop its older ``RecordsChange`` rows: only
    the latest one names the version (and its time the cache keys)."""
    from collab.models import RecordsChange, YearlyFigure

    today = timezone.localdate()
    latest = records_version(organisation_id)
    RecordsChange.objects.filter(organisation_id=organisation_id, id__lt=latest).delete()
    with scopes_disabled():
        stored = list(
            YearlyFigure.objects.filter(
                organisation_id=organisation_id, year__gte=today.year
            ).values_list("key", "year")
        )
    if not stored:
        return
    wanted: dict[str, list[int]] = {}
    for key, year in stored:
        if get(key) is not None:
            wanted.setdefault(key, []).append(year)
    with scope(organisation=organisation_id):
        organisation = apps.get_model("collab", "Organisation").objects.get(pk=organisation_id)
        _compute_and_store(organisation, wanted, latest, today)


@dataclass
class Recalculated:
    year: int
    changes: list[dict] = field(default_factory=list)


def recalculate(organisation, year: int, *, reason: str, user) -> Recalculated:
    """Compute a year's stored figures again from today's records and log what changed, with
    the reason (a correction of a closed year). Inside the organisation's scope."""
    from collab.models import FigureRecalculation, YearlyFigure

    keys = [figure.key for figure in catalogue() if figure.compute_with is None]
    with transaction.atomic():
        before = {
            row.key: _number(row.value)
            for row in YearlyFigure.objects.select_for_update().filter(
                organisation=organisation, year=year
            )
        }
        after = _compute_and_store(
            organisation,
            {key: [year] for key in keys},
            records_version(organisation),
            timezone.localdate(),
            overwrite=True,
        )
        changes = [
            {"key": key, "before": before.get(key), "after": after[key][year]}
            for key in keys
            if key in before and before.get(key) != after[key][year]
        ]
        FigureRecalculation.objects.create(
            organisation=organisation,
            year=year,
            reason=reason,
            changed_by=user if getattr(user, "is_authenticated", False) else None,
            changes=changes,
        )
    return Recalculated(year=year, changes=changes)
