"""Main navigation, filled in by each app's ``AppConfig.ready()``.

A section is listed only when it has at least one page the user may open, so the menu
never leads to an empty page. ``collab`` does not import the other apps: they register here.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from collab.models import Access


@dataclass
class NavLink:
    label: str
    url_name: str
    access: int = Access.READ


@dataclass
class NavSection:
    key: str
    label: str
    order: int
    links: list[NavLink] = field(default_factory=list)


_sections: dict[str, NavSection] = {}


def register_section(key: str, label: str, order: int) -> None:
    _sections.setdefault(key, NavSection(key=key, label=label, order=order))


def register_link(section: str, label: str, url_name: str, access: int = Access.READ) -> None:
    links = _sections[section].links
    if not any(link.url_name == url_name for link in links):
        links.append(NavLink(label=label, url_name=url_name, access=access))


def main_navigation(request) -> list[dict]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    current = request.resolver_match.view_name if request.resolver_match else ""
    current_prefix = current.split(":")[0] + ":" + current.split(":")[-1].rsplit("_", 1)[0]
    result = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        links = [
            {
                "label": link.label,
                "url": reverse(link.url_name),
                "active": link.url_name == current
                or link.url_name.rsplit("_", 1)[0] == current_prefix,
            }
            for link in section.links
            if membership.access >= link.access
        ]
        if links:
            result.append(
                {
                    "label": section.label,
                    "links": links,
                    "active": any(link["active"] for link in links),
                }
            )
    return result
