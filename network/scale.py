"""Benchmark data: a national network of all 290 kommuner and 21 regioner (``seed_scale
--network``), each an active member sharing its yearly figures and levels, with five years of
stored yearly figures (the indicators, scaled by population) and seven-area levels.

The organisations are the reference list's (``ReferenceOrganisation``, with the latest
population) when it holds all 311; otherwise synthetic ones ("Kommun 0140", "Region 01") with
valid SCB codes (a municipality code starts with its county code). An organisation that already
exists with the same SCB code is used as it is.

The figures are written directly (``YearlyFigure``, bulk), as computed today at the
organisation's records version, so the network's pages read them as fresh: these organisations
have no records of their own. Reproducible (one ``random.Random``, fixed order) and idempotent:
a second run creates nothing, keeps every stored value and marks the open year's rows as
computed today again (else the next day they would be computed from the empty records).
"""

import math
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from areas.figures import level_key
from areas.handbook import AREAS
from collab import figures
from collab.management.commands.seed_demo import DEMO_PASSWORD
from collab.models import (
    COUNTY_CODES,
    Network,
    NetworkMembership,
    Organisation,
    RecordsChange,
    YearlyFigure,
)
from network.models import Population, ReferenceOrganisation

SLUG = "nationella-natverket"
NAME = "Nationellt nätverk för sociala företag"
DESCRIPTION = (
    "Alla Sveriges 290 kommuner och 21 regioner (testdata för prestandamätningen): de delar "
    "sina årliga nyckeltal och nivåer i de sju områdena."
)
COORDINATOR = "natverk.nationell"
COORDINATOR_NAME = ("Nationell", "Nätverkssamordnare")
YEARS = 5
SEED = 2026
ORGANISATIONS = 311

# How many municipalities each county has (SCB), for the synthetic list.
MUNICIPALITIES_PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5,
    "12": 33, "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7,
    "23": 8, "24": 15, "25": 14,
}  # fmt: skip


class Place:
    def __init__(self, scb_code: str, name: str, kind: str, population: int | None):
        self.scb_code, self.name, self.kind, self.population = scb_code, name, kind, population


def _population(rng: random.Random) -> int:
    """A municipality's population: median about 16 000, from 2 500 to about a million."""
    return int(min(1_000_000, max(2_500, math.exp(rng.gauss(math.log(16_000), 0.9)))))


def places(rng: random.Random) -> tuple[list[Place], str]:
    """The 311 organisations, in SCB code order, and where they came from."""
    references = list(ReferenceOrganisation.objects.order_by("scb_code"))
    if len(references) == ORGANISATIONS:
        latest = {}
        for reference_id, inhabitants in Population.objects.order_by(
            "reference_id", "-date"
        ).values_list("reference_id", "inhabitants"):
            latest.setdefault(reference_id, inhabitants)
        result = [Place(r.scb_code, r.name, r.kind, latest.get(r.pk) or None) for r in references]
        source = "the reference list (ReferenceOrganisation)"
    else:
        result = []
        for county in sorted(COUNTY_CODES):
            result.append(Place(county, f"Region {county}", Organisation.Kind.REGION, None))
            for number in range(MUNICIPALITIES_PER_COUNTY[county]):
                code = f"{county}{40 + number:02d}"
                result.append(Place(code, f"Kommun {code}", Organisation.Kind.MUNICIPALITY, None))
        result.sort(key=lambda place: place.scb_code)
        source = "synthetic organisations (no reference list of 311)"
    # A missing population is drawn; a region's is its municipalities' sum.
    for place in result:
        if place.kind == Organisation.Kind.MUNICIPALITY and not place.population:
            place.population = _population(rng)
    by_county: dict[str, int] = {}
    for place in result:
        if place.kind == Organisation.Kind.MUNICIPALITY:
            by_county[place.scb_code[:2]] = by_county.get(place.scb_code[:2], 0) + place.population
    for place in result:
        if place.kind == Organisation.Kind.REGION and not place.population:
            place.population = by_county.get(place.scb_code, 0) or _population(rng) * 10
    return result, source


def yearly_values(rng: random.Random, population: int, years: list[int]) -> dict:
    """``{key: {year: value}}``: plausible figures for an organisation of ``population``, growing
    over the years, with "no data" where it applies (no supplier payments imported)."""
    per_10000 = population / 10_000
    growth = rng.uniform(0.97, 1.15)
    enterprises = per_10000 * rng.uniform(0.5, 5)
    places_each = rng.uniform(1, 6)
    iop = population / 60_000 * rng.uniform(0, 3)
    procurements = population / 1_000 * rng.uniform(0.3, 1.5)
    social_share = rng.uniform(0.02, 0.35)
    spend = population * rng.uniform(15_000, 35_000)
    spend_social_share = rng.uniform(0.001, 0.02)
    spend_from = rng.choice([0, 0, 0, 1, 2, 5])  # the first year with imported payments
    meetings = rng.uniform(0, 20)
    documents = rng.randint(0, 3)
    activities = rng.randint(0, 25)
    result: dict[str, dict[int, object]] = {}

    def put(key, year, value):
        result.setdefault(key, {})[year] = value

    for index, year in enumerate(years):
        factor = growth**index * rng.uniform(0.93, 1.07)
        identified = round(enterprises * factor)
        put("enterprises_identified", year, identified)
        put("enterprises_active", year, round(identified * rng.uniform(0.6, 0.95)))
        put("work_training_places", year, round(identified * places_each))
        partnerships = round(iop * factor)
        put("iop_active", year, partnerships)
        put("iop_kronor", year, round(partnerships * rng.uniform(150_000, 1_500_000)))
        every = max(1, round(procurements * rng.uniform(0.9, 1.1)))
        social = round(every * min(0.9, social_share * factor))
        put("procurements_all", year, every)
        put("procurements_social", year, social)
        put("procurements_reserved", year, round(social * rng.uniform(0, 0.25)))
        if index >= spend_from:
            whole = round(spend * rng.uniform(0.95, 1.05))
            put("spend_all", year, whole)
            put("spend_social", year, round(whole * spend_social_share * factor))
            put("employment_months", year, round(social * rng.uniform(0, 24)))
        else:
            for key in ("spend_all", "spend_social", "employment_months"):
                put(key, year, None)
        put("meetings_with_enterprises", year, round(meetings * factor))
        documents += rng.random() < 0.3
        put("documents_adopted", year, documents)
        due = round(activities * (index + 1) / len(years))
        put("activities_due", year, due)
        put("activities_done", year, round(due * rng.uniform(0.3, 1)))
    return result


def levels(rng: random.Random, years: list[int]) -> dict:
    """``{level key: {year: level}}``: a start at 0–2 and mostly progress; a tenth started
    recording later (no level before)."""
    first = rng.choice(range(1, len(years))) if rng.random() < 0.1 else 0
    result = {}
    for area in AREAS:
        level = rng.choices([0, 1, 2], weights=[3, 4, 2])[0]
        by_year = {}
        for index, year in enumerate(years):
            if index:
                step = rng.random()
                level = (
                    min(4, level + 1)
                    if step < 0.35
                    else max(0, level - 1)
                    if step > 0.95
                    else level
                )
            by_year[year] = level if index >= first else None
        result[level_key(area.number)] = by_year
    return result


def _with_shares(values: dict, years: list[int]) -> dict:
    """Every other catalogue figure: a share from its part and whole; a figure this module
    does not know has no data."""
    for figure in figures.catalogue():
        if figure.compute_with is not None or figure.key in values:
            continue
        if figure.share_of:
            part, whole = figure.share_of
            values[figure.key] = {
                year: figures.share_percent(
                    values.get(part, {}).get(year), values.get(whole, {}).get(year)
                )
                for year in years
            }
        else:
            values[figure.key] = {year: None for year in years}
    return values


def _unique(wanted: str, taken: set[str], suffix: str) -> str:
    value = wanted if wanted not in taken else f"{wanted}{suffix}"
    taken.add(value)
    return value


def build(*, today=None) -> str:
    """Build (or complete) the national network; returns a one-line summary."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    computed_on = timezone.localdate()  # fresh for the pages whatever ``today`` is
    years = list(range(today.year - YEARS + 1, today.year + 1))
    rng = random.Random(SEED)
    with transaction.atomic(), scopes_disabled():
        wanted, source = places(rng)
        network, _created = Network.objects.get_or_create(
            slug=SLUG, defaults={"name": NAME, "description": DESCRIPTION}
        )
        User = get_user_model()
        coordinator, created = User.objects.get_or_create(
            username=COORDINATOR,
            defaults={
                "first_name": COORDINATOR_NAME[0],
                "last_name": COORDINATOR_NAME[1],
                "email": f"{COORDINATOR}@example.se",
            },
        )
        if created:
            coordinator.set_password(DEMO_PASSWORD)
            coordinator.save()
        network.coordinators.add(coordinator)

        codes = [place.scb_code for place in wanted]
        existing = {o.scb_code: o for o in Organisation.objects.filter(scb_code__in=codes)}
        names = set(Organisation.objects.values_list("name", flat=True))
        slugs = set(Organisation.objects.values_list("slug", flat=True))
        new = [
            Organisation(
                name=_unique(place.name, names, f" ({place.scb_code})"),
                slug=_unique(
                    slugify(place.name)[:70] or place.scb_code, slugs, f"-{place.scb_code}"
                ),
                kind=place.kind,
                scb_code=place.scb_code,
                population=place.population,
            )
            for place in wanted
            if place.scb_code not in existing
        ]
        Organisation.objects.bulk_create(new, batch_size=1_000)
        organisations = {o.scb_code: o for o in Organisation.objects.filter(scb_code__in=codes)}
        ids = [organisations[code].pk for code in codes]
        NetworkMembership.objects.bulk_create(
            [
                NetworkMembership(
                    network=network,
                    organisation_id=organisation_id,
                    status=NetworkMembership.Status.ACTIVE,
                    answered_at=timezone.now(),
                    share_figures=True,
                    share_levels=True,
                )
                for organisation_id in ids
            ],
            ignore_conflicts=True,
        )
        versions = dict(
            RecordsChange.objects.filter(organisation_id__in=ids)
            .values("organisation_id")
            .annotate(v=Max("id"))
            .values_list("organisation_id", "v")
        )
        now = timezone.now()
        rows = []
        for place in wanted:  # every draw in the same order, whatever exists already
            organisation = organisations[place.scb_code]
            values = _with_shares(yearly_values(rng, place.population, years), years)
            values.update(levels(rng, years))
            for key, by_year in values.items():
                for year, value in by_year.items():
                    rows.append(
                        YearlyFigure(
                            organisation_id=organisation.pk,
                            key=key,
                            year=year,
                            value=None if value is None else Decimal(value),
                            version=versions.get(organisation.pk, 0),
                            computed_at=now,
                            computed_on=computed_on,
                        )
                    )
        before = YearlyFigure.objects.filter(organisation_id__in=ids).count()
        YearlyFigure.objects.bulk_create(rows, batch_size=2_000, ignore_conflicts=True)
        written = YearlyFigure.objects.filter(organisation_id__in=ids).count() - before
        # The open year's rows of organisations without records of their own: computed today.
        refreshed = (
            YearlyFigure.objects.filter(organisation_id__in=ids, year__gte=computed_on.year)
            .exclude(organisation_id__in=list(versions))
            .update(computed_on=computed_on, computed_at=now)
        )
    seconds = time.perf_counter() - started
    return (
        f"{NAME} ({SLUG}): {len(ids)} members ({len(new)} organisations created from {source}), "
        f"{written} yearly figures written for {years[0]}–{years[-1]} ({refreshed} of the open "
        f"year marked computed today), coordinator {COORDINATOR}; {seconds:.1f} s."
    )
