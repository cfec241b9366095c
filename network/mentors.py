"""Mentor municipalities: suggested pairs from the members' levels, and the pairings' rules.

The rule (:func:`suggest_pairs`): in each of the seven areas, a member at level
:data:`MENTOR_MIN_LEVEL` or higher can be the mentor of a member at level
:data:`MENTEE_MAX_LEVEL` or lower. The levels are the current year's stored seven-area levels,
read through :func:`network.selectors.shared_values`: a member that does not share its levels
with the network is never suggested and its levels are never shown.

A mentee that already has an active or proposed mentor in the area gets no new suggestion; a
pair that exists in any status (also an ended one) is not suggested again. Of the possible
mentors, the one with the fewest active pairings comes first (the load is spread: each
suggestion counts for the next), then the higher level, then the name.

Who sees a pairing: the network's coordinator and the two municipalities of the pairing. Other
members never see it (not listed, 404 on its page).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.handbook import AREAS
from collab.models import Organisation
from network import selectors
from network.models import MentorMeeting, MentorPairing

MENTOR_MIN_LEVEL = 3  # a mentor has come at least this far in the area
MENTEE_MAX_LEVEL = 1  # a mentee has come at most this far

TAKEN = (MentorPairing.Status.ACTIVE, MentorPairing.Status.PROPOSED)


@dataclass(frozen=True)
class Suggestion:
    area: int
    mentor: Organisation
    mentee: Organisation
    mentor_level: int
    mentee_level: int

    @property
    def reason(self) -> str:
        return _(
            "%(mentor)s is at level %(mentor_level)s in area %(area)s (%(min)s or higher); "
            "%(mentee)s is at level %(mentee_level)s (%(max)s or lower)."
        ) % {
            "mentor": self.mentor.name,
            "mentee": self.mentee.name,
            "mentor_level": self.mentor_level,
            "mentee_level": self.mentee_level,
            "area": self.area,
            "min": MENTOR_MIN_LEVEL,
            "max": MENTEE_MAX_LEVEL,
        }


def suggest_pairs(levels: dict, pairings) -> list[Suggestion]:
    """The rule. ``levels``: ``{organisation: {area: level or None}}`` of the members that
    share their levels; ``pairings``: the network's existing pairings. One suggestion per area
    and mentee without an active or proposed mentor there, with the least loaded mentor."""
    existing = {(p.area, p.mentor_id, p.mentee_id) for p in pairings}
    mentored = {(p.area, p.mentee_id) for p in pairings if p.status in TAKEN}
    load = Counter(p.mentor_id for p in pairings if p.status == MentorPairing.Status.ACTIVE)
    suggestions = []
    for area in AREAS:
        number = area.number
        at = {org: by_area.get(number) for org, by_area in levels.items()}
        mentors = [
            org for org, level in at.items() if level is not None and level >= MENTOR_MIN_LEVEL
        ]
        mentees = sorted(
            (org for org, level in at.items() if level is not None and level <= MENTEE_MAX_LEVEL),
            key=lambda org: (at[org], org.name),
        )
        for mentee in mentees:
            if (number, mentee.pk) in mentored:
                continue
            candidates = [
                m for m in mentors if m != mentee and (number, m.pk, mentee.pk) not in existing
            ]
            if not candidates:
                continue
            mentor = min(candidates, key=lambda m: (load[m.pk], -at[m], m.name))
            load[mentor.pk] += 1
            suggestions.append(Suggestion(number, mentor, mentee, at[mentor], at[mentee]))
    return suggestions


def current_levels(network, today: datetime.date) -> dict:
    """``{organisation: {area: level or None}}`` for the members that share their levels
    (the current year's stored levels)."""
    keys = selectors.level_keys()
    values = selectors.shared_values(network, "levels", keys, [today.year])
    result = {}
    for membership, by_key in values.items():
        if by_key == selectors.NOT_SHARED:
            continue
        result[membership.organisation] = {
            area.number: _int(by_key[key][today.year])
            for area, key in zip(AREAS, keys, strict=True)
        }
    return result


def _int(value):
    return None if value is None else int(value)


def pairing_levels(network, pairing, today: datetime.date) -> list[tuple[Organisation, object]]:
    """This year's level in the pairing's area of the mentor and the mentee: a number, None
    (no data) or ``selectors.NOT_SHARED``."""
    levels = current_levels(network, today)
    return [
        (org, levels[org].get(pairing.area) if org in levels else selectors.NOT_SHARED)
        for org in (pairing.mentor, pairing.mentee)
    ]


def suggestions(network, today: datetime.date) -> list[Suggestion]:
    pairings = list(MentorPairing.objects.filter(network=network))
    return suggest_pairs(current_levels(network, today), pairings)


def pairings_of(network, organisation):
    """The network's pairings ``organisation`` is part of (as mentor or mentee)."""
    return (
        MentorPairing.objects.filter(network=network)
        .filter(Q(mentor=organisation) | Q(mentee=organisation))
        .select_related("mentor", "mentee")
    )


def visible_pairings(network, *, is_coordinator: bool, organisation):
    """What the viewer may see: all of the network's pairings for its coordinator, the
    member's own pairings for a member."""
    if is_coordinator:
        return MentorPairing.objects.filter(network=network).select_related("mentor", "mentee")
    if organisation is None:
        return MentorPairing.objects.none()
    return pairings_of(network, organisation)


def line_for(pairing, organisation) -> str:
    """ "Er mentorkommun för område 4: Sjöstads kommun" / "Ni är mentor för Norrbyns kommun i
    område 2", as seen by ``organisation``."""
    if pairing.mentee_id == organisation.pk:
        return _("Your mentor municipality for area %(area)s: %(name)s") % {
            "area": pairing.area,
            "name": pairing.mentor.name,
        }
    return _("You are the mentor of %(name)s in area %(area)s") % {
        "area": pairing.area,
        "name": pairing.mentee.name,
    }


# --- writes ------------------------------------------------------------------------------------


def confirm(network, suggestion: Suggestion, *, user) -> MentorPairing:
    """Create the suggested pairing (active)."""
    return create_pairing(
        network,
        area=suggestion.area,
        mentor=suggestion.mentor,
        mentee=suggestion.mentee,
        user=user,
    )


def create_pairing(network, *, area, mentor, mentee, user, notes: str = "") -> MentorPairing:
    """An active pairing; a pair that already exists is a ``ValidationError``."""
    if mentor == mentee:
        raise ValidationError(_("The mentor and the mentee must be different municipalities."))
    pairing = MentorPairing(
        network=network,
        area=area,
        mentor=mentor,
        mentee=mentee,
        notes=notes,
        status=MentorPairing.Status.ACTIVE,
        confirmed_by=user,
    )
    try:
        with transaction.atomic():
            pairing.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("%(mentor)s is already paired with %(mentee)s in area %(area)s.")
            % {"mentor": mentor.name, "mentee": mentee.name, "area": area}
        ) from exc
    return pairing


@transaction.atomic
def change_status(pairing: MentorPairing, *, status: str, ended_on=None, notes=None):
    """Set the status; an ended pairing gets its end date (today unless given)."""
    pairing.status = status
    if status == MentorPairing.Status.ENDED:
        pairing.ended_on = ended_on or timezone.localdate()
    else:
        pairing.ended_on = None
    if notes is not None:
        pairing.notes = notes
    pairing.save()
    return pairing


@transaction.atomic
def add_meeting(pairing: MentorPairing, *, date, notes: str, user) -> MentorMeeting:
    return MentorMeeting.objects.create(pairing=pairing, date=date, notes=notes, created_by=user)


def is_party(pairing: MentorPairing, organisation) -> bool:
    return organisation is not None and organisation.pk in (pairing.mentor_id, pairing.mentee_id)


def home_lines(organisation) -> list[dict]:
    """The organisation's active pairings in the networks it is an active member of, as lines
    for its home page (one query)."""
    from collab.models import NetworkMembership

    pairings = (
        MentorPairing.objects.filter(
            Q(mentor=organisation) | Q(mentee=organisation),
            status=MentorPairing.Status.ACTIVE,
            network__memberships__organisation=organisation,
            network__memberships__status=NetworkMembership.Status.ACTIVE,
        )
        .select_related("mentor", "mentee", "network")
        .order_by("network__name", "area", "pk")
    )
    return [
        {"text": line_for(pairing, organisation), "pairing": pairing, "network": pairing.network}
        for pairing in pairings
    ]
