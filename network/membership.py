"""Writes of a network's membership and consent (one place, each inside ``transaction.atomic``).

A platform superuser creates a network; its coordinators invite organisations from the
reference list; an organisation's administrator accepts (choosing what to share, everything
off by default), declines, changes what is shared, and leaves. Every change of a
``NetworkMembership`` is kept in its history (simple_history, with the user of the request).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from collab.models import Network, NetworkMembership, Organisation
from network.models import Population, ReferenceOrganisation

Status = NetworkMembership.Status
SHARE_FIELDS = [name for name, _label in NetworkMembership.SHARE_KINDS]


# --- the network ---------------------------------------------------------------------------


@transaction.atomic
def save_network(*, network: Network, coordinators) -> Network:
    """Create or update ``network`` (name, slug, description) and set its coordinators."""
    network.full_clean()
    network.save()
    network.coordinators.set(coordinators)
    return network


# --- the coordinator's side ----------------------------------------------------------------


def organisation_for_reference(reference: ReferenceOrganisation) -> Organisation:
    """The Samverka organisation with the reference's SCB code; created from the reference
    (name, kind, code, latest population) when there is none yet."""
    organisation = Organisation.objects.filter(scb_code=reference.scb_code).first()
    if organisation is not None:
        return organisation
    latest = Population.objects.filter(reference=reference).order_by("-date").first()
    name = reference.name
    if Organisation.objects.filter(name=name).exists():
        name = f"{reference.name} ({reference.scb_code})"
    slug = slugify(reference.name)[:70] or reference.scb_code
    if Organisation.objects.filter(slug=slug).exists():
        slug = f"{slug}-{reference.scb_code}"
    organisation = Organisation(
        name=name,
        slug=slug,
        kind=reference.kind,
        scb_code=reference.scb_code,
        population=latest.inhabitants if latest is not None else None,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def invite(*, network: Network, reference: ReferenceOrganisation, user) -> NetworkMembership:
    """Invite the organisation with the reference's SCB code (created when missing). An
    organisation that declined or left is invited again, sharing nothing until it answers."""
    organisation = organisation_for_reference(reference)
    membership = (
        NetworkMembership.objects.select_for_update()
        .filter(network=network, organisation=organisation)
        .first()
    )
    if membership is not None and membership.status == Status.ACTIVE:
        raise ValidationError(_("%(name)s is already a member.") % {"name": organisation.name})
    if membership is not None and membership.status == Status.INVITED:
        raise ValidationError(_("%(name)s has already been invited.") % {"name": organisation.name})
    if membership is None:
        membership = NetworkMembership(network=network, organisation=organisation)
    membership.status = Status.INVITED
    membership.invited_by = user
    membership.invited_at = timezone.now()
    membership.answered_by = None
    membership.answered_at = None
    _share_nothing(membership)
    membership.save()
    return membership


@transaction.atomic
def remove(*, membership: NetworkMembership, user) -> str:
    """Withdraw an unanswered invitation (the row goes, its history stays) or remove a member
    (it leaves and shares nothing). Returns what happened: "withdrawn" or "removed"."""
    membership = _locked(membership)
    if membership.status == Status.INVITED:
        membership.delete()
        return "withdrawn"
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("The organisation is not a member."))
    membership.status = Status.LEFT
    _share_nothing(membership)
    membership.save()
    return "removed"


# --- the organisation's side ---------------------------------------------------------------


@transaction.atomic
def accept(*, membership: NetworkMembership, user, sharing: dict) -> NetworkMembership:
    """Accept an invitation, sharing exactly what ``sharing`` says (share_* and contact)."""
    membership = _locked(membership)
    if membership.status != Status.INVITED:
        raise ValidationError(_("The invitation has already been answered."))
    _apply(membership, sharing)
    membership.status = Status.ACTIVE
    membership.answered_by = user
    membership.answered_at = timezone.now()
    membership.save()
    return membership


@transaction.atomic
def decline(*, membership: NetworkMembership, user) -> NetworkMembership:
    membership = _locked(membership)
    if membership.status != Status.INVITED:
        raise ValidationError(_("The invitation has already been answered."))
    membership.status = Status.DECLINED
    membership.answered_by = user
    membership.answered_at = timezone.now()
    _share_nothing(membership)
    membership.save()
    return membership


@transaction.atomic
def change_sharing(*, membership: NetworkMembership, sharing: dict) -> NetworkMembership:
    membership = _locked(membership)
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("The organisation is not a member."))
    _apply(membership, sharing)
    membership.save()
    return membership


@transaction.atomic
def leave(*, membership: NetworkMembership, user) -> NetworkMembership:
    membership = _locked(membership)
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("The organisation is not a member."))
    membership.status = Status.LEFT
    _share_nothing(membership)
    membership.save()
    return membership


def _locked(membership: NetworkMembership) -> NetworkMembership:
    return NetworkMembership.objects.select_for_update().get(pk=membership.pk)


def _share_nothing(membership: NetworkMembership) -> None:
    for name in SHARE_FIELDS:
        setattr(membership, name, False)


def _apply(membership: NetworkMembership, sharing: dict) -> None:
    for name in SHARE_FIELDS:
        setattr(membership, name, bool(sharing.get(name)))
    membership.contact_name = sharing.get("contact_name", "") or ""
    membership.contact_email = sharing.get("contact_email", "") or ""
    membership.full_clean()
