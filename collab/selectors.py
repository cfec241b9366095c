"""Reads for the platform: querysets and structures ready for templates."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from collab.formatting import display_value
from collab.models import Membership, Network, NetworkMembership, Organisation


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""  # e.g. many-to-many changes, or "Imported from foretag.csv"


def _field_text(record, model_field) -> str:

    if model_field.choices:
        value = getattr(record, model_field.attname)
        return (
            str(dict(model_field.flatchoices).get(value, value)) if value not in (None, "") else "–"
        )
    if model_field.is_relation:
        related = getattr(record, model_field.name, None)
        return str(related) if related is not None else "–"
    return display_value(getattr(record, model_field.attname))


def history_for(obj, limit: int = 50) -> list[HistoryEntry]:
    """The change history of ``obj``: who, when, and each changed field's old and new value.

    One query for the records (users and foreign keys joined), diffs computed in memory.
    """
    history = getattr(obj, "history", None)
    if history is None:
        return []
    recorded = {f.attname for f in history.model._meta.concrete_fields}  # minus excluded_fields
    tracked = [
        f
        for f in obj._meta.concrete_fields
        if f.name not in {"id", "organisation"}
        and f.editable
        and not f.auto_created
        and f.attname in recorded
    ]
    relations = [f.name for f in tracked if f.is_relation]
    records = list(
        history.select_related("history_user", *relations).order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    records.reverse()  # oldest first; with more than ``limit``, the first is only a baseline
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        user = record.history_user
        who = (user.get_full_name() or user.username) if user else ""
        entry = HistoryEntry(
            when=record.history_date,
            who=who,
            kind=record.history_type,
            reason=record.history_change_reason or "",
        )
        if previous is not None and record.history_type == "~":
            for model_field in tracked:
                old = getattr(previous, model_field.attname)
                new = getattr(record, model_field.attname)
                if old != new:
                    entry.changes.append(
                        (
                            str(model_field.verbose_name).capitalize(),
                            _field_text(previous, model_field),
                            _field_text(record, model_field),
                        )
                    )
        entries.append(entry)
        previous = record
    if len(records) > limit:
        entries = entries[1:]
    entries.reverse()
    return entries


def networks_for_user(user):
    """Networks the user coordinates, with member organisations (for the network overview)."""
    active = Q(memberships__status=NetworkMembership.Status.ACTIVE)
    return (
        Network.objects.filter(coordinators=user)
        .annotate(member_count=Count("memberships", filter=active))
        .order_by("name")
    )


def organisation_overview(organisation: Organisation) -> dict:
    counts = Membership.objects.active().values("role").annotate(n=Count("id"))
    by_role = {row["role"]: row["n"] for row in counts}
    return {
        "member_count": sum(by_role.values()),
        "members_by_role": by_role,
        "networks": list(
            Network.objects.filter(
                memberships__organisation=organisation,
                memberships__status=NetworkMembership.Status.ACTIVE,
            ).order_by("name")
        ),
    }


def active_memberships(organisation: Organisation):
    """The organisation's members who can work in it now (an active account, a membership
    not deactivated): the people the daily reminders go to and whose personal calendar feeds
    answer. Reads across the scope (management commands and the feed run without a signed-in
    user)."""
    return (
        Membership.objects.with_scopes_disabled()
        .active()
        .filter(organisation=organisation, user__is_active=True)
        .select_related("user")
    )


def member_users(organisation, *, keep=None):
    """The users who can own a task in ``organisation``: its active members, by name.

    The one home of the rule behind every "owner (member)" choice in a form
    (:class:`collab.forms.ScopedModelForm` limits every user field to it). ``keep``: the id of
    the user a record already has, still offered after they left (an unchanged form saves).
    No organisation: nobody (fail-closed).
    """
    users = get_user_model().objects.all()
    if organisation is None:
        return users.none()
    condition = Q(
        is_active=True,
        memberships__organisation=organisation,
        memberships__is_active=True,
    )
    if keep:
        condition |= Q(pk=keep)
    return users.filter(condition).distinct().order_by("first_name", "last_name", "username")
