"""Writes for the platform. Keyword-only, validated, atomic."""

import datetime
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from collab.models import (
    INVITATION_DAYS,
    Invitation,
    Membership,
    Organisation,
    Role,
    UserPreference,
)

User = get_user_model()


def _administrator_count(organisation: Organisation) -> int:
    """The organisation's active administrators (a deactivated one cannot manage members)."""
    return (
        Membership.objects.filter(organisation=organisation, role=Role.ADMINISTRATOR)
        .active()
        .count()
    )


@transaction.atomic
def add_member(
    *, organisation: Organisation, email: str, first_name: str, last_name: str, role: str
) -> tuple[Membership, bool]:
    """Operators only (``create_organisation``): add ``email`` directly, creating the account
    with an unusable random password when new. Administrators invite instead (:func:`invite`).

    Returns the membership and whether a new account was created.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = user is None
    if created:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_password(secrets.token_urlsafe(32))
        user.full_clean()
        user.save()
    membership = Membership(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership, created


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token: str) -> Invitation | None:
    """The invitation behind an e-mailed link, in any organisation (the token is the key)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.with_scopes_disabled()
        .select_related("organisation")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def _send_invitation(invitation: Invitation, token: str, request) -> None:
    """E-mail the link (after the transaction commits), in the sender's language."""
    accept_url = request.build_absolute_uri(reverse("invitation_accept", kwargs={"token": token}))
    context = {
        "organisation": invitation.organisation,
        "role": invitation.get_role_display().lower(),
        "accept_url": accept_url,
        "expires_at": invitation.expires_at,
        "invited_by": invitation.invited_by,
    }
    subject = " ".join(render_to_string("registration/invitation_subject.txt", context).split())
    body = render_to_string("registration/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))


def _issue(invitation: Invitation, request) -> Invitation:
    """Give the invitation a new token and validity, save it and send the link."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _token_hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=INVITATION_DAYS)
    with scopes_disabled():
        invitation.full_clean()
        invitation.save()
    if request is not None:
        _send_invitation(invitation, token, request)
    return invitation


@transaction.atomic
def invite(
    *, organisation: Organisation, email: str, role: str, invited_by=None, request=None
) -> Invitation:
    """Invite ``email`` to ``organisation`` with ``role``.

    Always an invitation, whether or not an account with the address exists, and the same
    outcome either way: nothing about the person is looked up here. An unanswered invitation
    to the same address is replaced (new link, new role); the old link stops working.
    """
    email = email.strip().lower()
    invitation = (
        Invitation.objects.with_scopes_disabled()
        .select_for_update()
        .filter(
            organisation=organisation,
            email=email,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email)
    invitation.role = role
    invitation.invited_by = invited_by
    return _issue(invitation, request)


@transaction.atomic
def resend_invitation(*, invitation: Invitation, request=None) -> Invitation:
    """A new link (the old one stops working), valid for another 14 days."""
    if invitation.is_answered:
        raise ValidationError(_("This invitation has already been answered or withdrawn."))
    return _issue(invitation, request)


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation) -> Invitation:
    if invitation.is_answered:
        raise ValidationError(_("This invitation has already been answered or withdrawn."))
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    return invitation


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why the link cannot be used (shown to the person who opened it), or None."""
    if invitation is None:
        return _(
            "This invitation link is not valid. Check that you used the whole link from the "
            "e-mail, or ask the organisation's administrator for a new invitation."
        )
    if invitation.withdrawn_at:
        return _("The invitation has been withdrawn by the organisation's administrator.")
    if invitation.accepted_at:
        return _("The invitation has already been accepted. Log in as usual.")
    if invitation.declined_at:
        return _("The invitation has been declined.")
    if invitation.expires_at <= timezone.now():
        return _(
            "The invitation has expired. Ask the organisation's administrator to send a new one."
        )
    return None


def is_addressee(invitation: Invitation, user) -> bool:
    return bool(user.email) and user.email.strip().lower() == invitation.email


def _locked(invitation: Invitation) -> Invitation:
    """The invitation locked for the answer; refused when it is no longer open."""
    fresh = Invitation.objects.with_scopes_disabled().select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(fresh)
    if problem:
        raise ValidationError(problem)
    return fresh


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> tuple[Membership, bool]:
    """The invited person (logged in with the invited address) accepts.

    Returns the membership and whether it is new (False: they were already a member; the
    invitation is used up and the existing role is kept).
    """
    invitation = _locked(invitation)
    if not is_addressee(invitation, user):
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    existing = (
        Membership.objects.with_scopes_disabled()
        .filter(organisation_id=invitation.organisation_id, user=user)
        .first()
    )
    if existing is not None:
        return existing, False
    membership = Membership(organisation=invitation.organisation, user=user, role=invitation.role)
    with scopes_disabled():  # the invited organisation, not the user's active one
        membership.full_clean()
        membership.save()
    return membership, True


@transaction.atomic
def decline_invitation(*, invitation: Invitation, user) -> Invitation:
    invitation = _locked(invitation)
    if not is_addressee(invitation, user):
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    return invitation


def account_exists(email: str) -> bool:
    """Asked only on the invited person's own acceptance page (they hold the link)."""
    return User.objects.filter(email__iexact=email).exists()


@transaction.atomic
def accept_invitation_with_new_account(
    *, invitation: Invitation, username: str, first_name: str, last_name: str, password: str
):
    """A person without an account chooses a user name and password, and becomes a member."""
    invitation = _locked(invitation)
    if account_exists(invitation.email):
        raise ValidationError(
            _("An account with this e-mail address already exists. Log in to accept.")
        )
    user = User(
        username=username, email=invitation.email, first_name=first_name, last_name=last_name
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    membership, _created = accept_invitation(invitation=invitation, user=user)
    return user, membership


def remember_landing_organisation(*, user, organisation: Organisation) -> None:
    """The user's own choice of where to start after logging in."""
    UserPreference.objects.update_or_create(
        user=user, defaults={"landing_organisation": organisation}
    )


@transaction.atomic
def change_role(*, membership: Membership, role: str) -> Membership:
    stored_role = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).get()
    if (
        stored_role == Role.ADMINISTRATOR
        and role != Role.ADMINISTRATOR
        and membership.is_active
        and _administrator_count(membership.organisation) <= 1
    ):
        raise ValidationError({"role": _("The organisation must keep at least one administrator.")})
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


def member_name(membership: Membership) -> str:
    return membership.user.get_full_name() or membership.user.username


def deactivation_refused(membership: Membership, *, by) -> str | None:
    """Why ``by`` may not deactivate ``membership``, or None: never oneself, never the last
    active administrator."""
    if membership.user_id == by.pk:
        return _("You cannot deactivate yourself. Another administrator can do it.")
    if (
        membership.is_active
        and membership.role == Role.ADMINISTRATOR
        and _administrator_count(membership.organisation) <= 1
    ):
        return _(
            "%(name)s is the organisation's only active administrator. Make someone else "
            "administrator first."
        ) % {"name": member_name(membership)}
    return None


@transaction.atomic
def deactivate_member(*, membership: Membership, by) -> Membership:
    """The member keeps their history but loses access to the organisation at once (their
    next request no longer finds the membership)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (reason := deactivation_refused(membership, by=by)) is not None:
        raise ValidationError(reason)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    return membership


@transaction.atomic
def reactivate_member(*, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    return membership


def removal_refused(membership: Membership) -> str | None:
    if (
        membership.is_active
        and membership.role == Role.ADMINISTRATOR
        and _administrator_count(membership.organisation) <= 1
    ):
        return _(
            "%(name)s is the organisation's only administrator. Make someone else "
            "administrator first."
        ) % {"name": membership.user.get_full_name() or membership.user.username}
    return None


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    name: str,
    population: int | None,
    require_two_factor: bool | None = None,
):
    organisation.name = name
    organisation.population = population
    if require_two_factor is not None:
        organisation.require_two_factor = require_two_factor
    organisation.full_clean()
    organisation.save()
    return organisation
