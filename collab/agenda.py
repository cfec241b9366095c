"""Dated items across the apps: what a person owns and what is on an organisation's calendar.

The platform knows no domain: each app registers, from its ``contributions.py``, a source
function that returns :class:`AgendaItem` rows for an organisation (and optionally one owner)
within a date window. "Mina uppgifter", the daily reminder e-mail and the calendar feeds all read
their rows through :func:`agenda_items`, so a due date means the same thing everywhere.

A source must run a fixed number of queries whatever the number of rows (no N+1), and must read
inside the organisation's scope (the caller activates it).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AgendaItem:
    # Stable across runs and unique across all sources, e.g. "areas.activity:42:due":
    # reminders remember which items they mailed by this key, calendar feeds use it as UID.
    key: str
    kind: str  # a short translated label of the kind, e.g. "Aktivitet", "Möte"
    title: str
    date: datetime.date  # the due or event day (in the site's time zone)
    url: str  # the record's page (a path)
    # Tasks have owners (user ids of members); events (meetings, sessions) have none.
    owner_ids: frozenset[int] = field(default_factory=frozenset)
    owner_text: str = ""  # a free-text owner outside the organisation, shown as written
    is_task: bool = True  # a task is due and can be overdue; an event happens on a day
    done: bool = False  # a finished task: never due, never overdue, never reminded
    start: datetime.datetime | None = None  # an event's start time, when it has one
    end: datetime.datetime | None = None
    location: str = ""
    description: str = ""

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_task and not self.done and self.date < today

    def is_due(self, today: datetime.date) -> bool:
        return self.is_task and not self.done and self.date == today


# A source: function(organisation, *, owner, start, end) -> iterable of AgendaItem.
# ``owner`` is a user or None (all items); ``start``/``end`` bound ``date`` inclusively and
# either may be None (open). A source returns only items of that owner when one is given.
AgendaSource = Callable[..., Iterable[AgendaItem]]

_sources: list[tuple[int, AgendaSource]] = []


def register_agenda_source(source: AgendaSource, order: int = 0) -> None:
    if all(registered is not source for _order, registered in _sources):
        _sources.append((order, source))


def agenda_items(
    organisation,
    *,
    owner=None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    tasks_only: bool = False,
) -> list[AgendaItem]:
    """Every source's items, sorted by date, kind and title."""
    items: list[AgendaItem] = []
    for _order, source in sorted(_sources, key=lambda pair: pair[0]):
        for item in source(organisation, owner=owner, start=start, end=end):
            if tasks_only and not item.is_task:
                continue
            items.append(item)
    items.sort(key=lambda item: (item.date, str(item.kind), item.title, item.key))
    return items
