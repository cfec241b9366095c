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


# The home page's "what is here": each app registers a function(request) returning a list of
# HomeFigure (one or two aggregate queries, never a loop over rows).
@dataclass
class HomeFigure:
    label: str
    value: int
    url: str
    detail: str = ""


_home_figures: list[Callable] = []


def register_home_figures(provider: Callable) -> None:
    if provider not in _home_figures:
        _home_figures.append(provider)


def home_figures(request) -> list[HomeFigure]:
    figures: list[HomeFigure] = []
    for provider in _home_figures:
        figures.extend(provider(request))
    return figures
