"""Contributions from apps that ``collab`` does not import.

``related_sections``: an app registers a function that, given an object (e.g. a social
enterprise), returns sections of related records for its detail page (the enterprise's
procurements, partnerships and meetings). Each function gets the object and returns a list of
``RelatedSection``; it must use selectors that do not grow in queries with the data.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RelatedSection:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    empty_text: str = ""
    add_url: str | None = None
    add_label: str = ""  # e.g. "New IOP with this organisation"; default "Add"


_related: dict[str, list[Callable]] = defaultdict(list)


def register_related(model_label: str, provider: Callable) -> None:
    if provider not in _related[model_label]:
        _related[model_label].append(provider)


def related_sections(obj) -> list[RelatedSection]:
    label = obj._meta.label
    sections: list[RelatedSection] = []
    for provider in _related.get(label, []):
        sections.extend(provider(obj))
    return sections


# Demo data: each app registers a function(organisation, profile, rng) that adds its realistic
# fictional records; ``seed_demo`` calls them by ``order`` (lowest first), then in registration
# (app) order. A seeder that builds on another app's records (e.g. partnerships on the
# register) registers with a higher ``order``. They must be idempotent.
_demo_seeders: list[tuple[int, Callable]] = []


def register_demo(seeder: Callable, order: int = 0) -> None:
    if all(registered is not seeder for _order, registered in _demo_seeders):
        _demo_seeders.append((order, seeder))


def demo_seeders() -> list[Callable]:
    return [seeder for _order, seeder in sorted(_demo_seeders, key=lambda pair: pair[0])]


# Demo data of a network (good examples, questionnaires, programmes, …): each registers a
# function(network, organisations) that ``seed_demo`` calls after the network and its members
# exist (``organisations``: slug → Organisation). They must be idempotent.
_network_demo_seeders: list[tuple[int, Callable]] = []


def register_network_demo(seeder: Callable, order: int = 0) -> None:
    if all(registered is not seeder for _order, registered in _network_demo_seeders):
        _network_demo_seeders.append((order, seeder))


def network_demo_seeders() -> list[Callable]:
    return [seeder for _order, seeder in sorted(_network_demo_seeders, key=lambda p: p[0])]


# The home page's "what is here": cards with figures of the catalogue (``collab.figures``) for
# the current year, read from the stored table in one go. Each card links to the list filtered
# exactly as the figure counts; ``detail`` turns the values read (``{key: value}``, including
# ``detail_keys``) into the line under the figure.
@dataclass
class HomeFigure:
    label: str
    value: object  # a number, or None: no data for the year
    url: str | None
    detail: str = ""


@dataclass(frozen=True)
class HomeCard:
    key: str
    detail_keys: tuple[str, ...] = ()
    detail: Callable[[dict], str] | None = None


_home_cards: list[tuple[int, HomeCard]] = []


def register_home_card(card: HomeCard, order: int = 0) -> None:
    if all(registered.key != card.key for _order, registered in _home_cards):
        _home_cards.append((order, card))


def home_figures(request, today) -> list[HomeFigure]:
    """The cards' figures for the current year (two queries when the figures are stored)."""
    from collab import figures

    cards = [card for _order, card in sorted(_home_cards, key=lambda pair: pair[0])]
    cards = [card for card in cards if figures.get(card.key) is not None]
    keys = [key for card in cards for key in (card.key, *card.detail_keys)]
    year = today.year
    values = figures.values(
        request.organisation, keys, [year], state=figures.request_state(request)
    )
    result = []
    for card in cards:
        figure = figures.get(card.key)
        read = {key: values.get(key, {}).get(year) for key in (card.key, *card.detail_keys)}
        result.append(
            HomeFigure(
                label=str(figure.name),
                value=read[card.key],
                url=figure.list_url(year),
                detail=card.detail(read) if card.detail else "",
            )
        )
    return result


# The home page's sections: each app registers a function(request, today) returning a
# ``HomeSection`` (a template and its context, a few aggregate queries) or None, shown in
# ``order`` above the figures. The platform knows no domain: the walk and "Needs attention"
# come from ``areas``.
@dataclass
class HomeSection:
    template: str
    context: dict = field(default_factory=dict)


_home_sections: list[tuple[int, Callable]] = []


def register_home_section(provider: Callable, order: int = 0) -> None:
    if all(registered is not provider for _order, registered in _home_sections):
        _home_sections.append((order, provider))


def home_sections(request, today) -> list[HomeSection]:
    sections = []
    for _order, provider in sorted(_home_sections, key=lambda pair: pair[0]):
        section = provider(request=request, today=today)
        if section is not None:
            sections.append(section)
    return sections


# The seven-area walk: each app registers, per area (1–7), a function(organisation, today)
# returning a list of ``Evidence`` from its live records (a few aggregate queries, never a loop
# over rows). ``criteria`` are what the level rule in ``areas.walk`` counts.
@dataclass
class Criterion:
    met: bool
    text: str  # stated as the goal, e.g. "A political decision names the responsible committee"
    hint: str = ""  # what to do when it is not met


@dataclass
class Evidence:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    figures: list[tuple[str, str]] = field(default_factory=list)  # (label, formatted value)
    criteria: list[Criterion] = field(default_factory=list)
    empty_text: str = ""
    url: str | None = None  # the list page behind the evidence
    add_url: str | None = None
    add_label: str = ""


_area_evidence: dict[int, list[tuple[int, Callable]]] = defaultdict(list)


def register_area_evidence(area: int, provider: Callable, order: int = 0) -> None:
    if all(registered is not provider for _order, registered in _area_evidence[area]):
        _area_evidence[area].append((order, provider))


def area_evidence(area: int, *, organisation, today) -> list[Evidence]:
    evidence: list[Evidence] = []
    for _order, provider in sorted(_area_evidence.get(area, []), key=lambda pair: pair[0]):
        evidence.extend(provider(organisation=organisation, today=today))
    return evidence


# Start pages per role: an app registers the page a member with that role lands on instead of
# the home page (the politicians' dashboard). ``collab`` knows only the URL name.
_start_pages: dict[str, str] = {}


def register_start_page(role: str, url_name: str) -> None:
    _start_pages[str(role)] = url_name


def start_page(role: str) -> str | None:
    """The URL name registered for ``role``, or None (the ordinary home page)."""
    return _start_pages.get(str(role))


# The national network of the benchmark data (``seed_scale --network``): the network app
# registers how to build it, and ``bench`` times its pages as its coordinator. ``build(today=)``
# is idempotent and returns a one-line summary.
@dataclass(frozen=True)
class ScaleNetwork:
    slug: str
    coordinator: str  # the network coordinator's username
    build: Callable


_scale_network: list[ScaleNetwork] = []


def register_scale_network(spec: ScaleNetwork) -> None:
    _scale_network[:] = [spec]


def scale_network() -> ScaleNetwork | None:
    return _scale_network[0] if _scale_network else None


# Benchmark data of the large municipality (``seed_scale``): a higher app adds what it owns
# (e.g. the open-data settings) with a function(organisation=) called after the build, and again
# by ``bench`` before it times that app's pages. Each must be deterministic and idempotent.
_scale_seeders: list[Callable] = []


def register_scale_seeder(seeder: Callable) -> None:
    if seeder not in _scale_seeders:
        _scale_seeders.append(seeder)


def scale_seeders() -> list[Callable]:
    return list(_scale_seeders)
