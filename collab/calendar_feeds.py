"""Private calendar (ICS) feeds: a person's and an organisation's (the one home of the token).

The address is ``/kalender/<token>.ics``; the token is 256 random bits, shown once when it is
created; only its SHA-256 hash is stored (nothing to guess from it, so a fast hash is enough).
A new address revokes the earlier one of the same person (or of the organisation).

What a feed holds comes from :func:`collab.agenda.agenda_items`: a person's feed has the tasks
they own and the organisation's events (meetings, programme sessions); the organisation's feed
has every item. Finished tasks are left out. Each item is an all-day event on its date (or a
timed one when the item has a start time), with the item's key as UID.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from icalendar import Calendar, Event

from collab import agenda, selectors
from collab.models import CalendarFeed

# The window a feed covers, around today.
DAYS_BACK = 90
DAYS_AHEAD = 365


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_feed(organisation, user=None) -> CalendarFeed | None:
    """The person's (``user``) or the organisation's (None) feed in use, if any."""
    with scope(organisation=organisation.pk):
        return (
            CalendarFeed.objects.filter(
                organisation=organisation, user=user, revoked_at__isnull=True
            )
            .order_by("-created_at", "-pk")
            .first()
        )


@transaction.atomic
def create_feed(*, organisation, user=None, created_by=None) -> tuple[CalendarFeed, str]:
    """A new feed for the person (``user``) or the organisation (None), revoking the earlier
    one; returns the row and the token (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with scope(organisation=organisation.pk):
        for earlier in CalendarFeed.objects.filter(
            organisation=organisation, user=user, revoked_at__isnull=True
        ):
            earlier.revoked_at = now
            earlier.save(update_fields=["revoked_at"])  # with a history row
        feed = CalendarFeed(
            organisation=organisation,
            user=user,
            token_hash=hash_token(token),
            created_by=created_by,
        )
        feed.full_clean()
        feed.save()
    return feed, token


@transaction.atomic
def revoke_feed(*, feed: CalendarFeed) -> CalendarFeed:
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        with scope(organisation=feed.organisation_id):
            feed.save(update_fields=["revoked_at"])
    return feed


def find_feed(token: str) -> CalendarFeed | None:
    """The feed in use for ``token``, or None (unknown, revoked, or a person's feed whose
    membership of the organisation has ended)."""
    if not token or len(token) > 100:
        return None
    with scopes_disabled():
        feed = (
            CalendarFeed.objects.select_related("organisation", "user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if feed is None:
            return None
        if (
            feed.user_id is not None
            and not selectors.active_memberships(feed.organisation)
            .filter(user_id=feed.user_id)
            .exists()
        ):
            return None
    return feed


def feed_items(feed: CalendarFeed, today: datetime.date) -> list[agenda.AgendaItem]:
    start = today - datetime.timedelta(days=DAYS_BACK)
    end = today + datetime.timedelta(days=DAYS_AHEAD)
    with scope(organisation=feed.organisation_id):
        items = agenda.agenda_items(feed.organisation, start=start, end=end)
    items = [item for item in items if not item.done]
    if feed.user_id is not None:
        items = [item for item in items if not item.is_task or feed.user_id in item.owner_ids]
    return items


def _utc(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(datetime.UTC)


def ics(feed: CalendarFeed, base_url: str, today=None, now=None) -> bytes:
    """The feed as an iCalendar document; ``base_url`` makes the items' links absolute."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    calendar = Calendar()
    calendar.add("prodid", "-//Samverka//Kalender//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if feed.user_id is not None:
        name = _("Samverka: my calendar in %(organisation)s") % {"organisation": feed.organisation}
    else:
        name = _("Samverka: %(organisation)s") % {"organisation": feed.organisation}
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = _utc(now)
    for item in feed_items(feed, today):
        event = Event()
        event.add("uid", f"{item.key}@samverka")
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.kind}: {item.title}")
        if item.start is not None:
            event.add("dtstart", _utc(item.start))
            event.add("dtend", _utc(item.end or item.start + datetime.timedelta(hours=1)))
        else:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", base_url.rstrip("/") + item.url)
        if item.location:
            event.add("location", item.location)
        description = item.description
        if item.owner_text:
            responsible = _("Responsible: %(owner)s") % {"owner": item.owner_text}
            description = "\n".join(part for part in (responsible, description) if part)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()
