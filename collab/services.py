"""Writes for the platform. Keyword-only, validated, atomic."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collab.models import Membership, Organisation, Role

User = get_user_model()


def _administrator_count(organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Role.ADMINISTRATOR).count()


@transaction.atomic
def add_member(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    request=None,
) -> tuple[Membership, bool]:
    """Add the person with ``email`` to ``organisation``; create the account when new.

    Returns the membership and whether a new account was created. A new account gets a random
    password and an e-mail with a link to choose its own (Django's password-reset flow).
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
    if created and request is not None:
        form = PasswordResetForm({"email": email})
        if form.is_valid():
            transaction.on_commit(
                lambda: form.save(
                    request=request,
                    use_https=request.is_secure(),
                    subject_template_name="registration/invitation_subject.txt",
                    email_template_name="registration/invitation_email.txt",
                    extra_email_context={"organisation": organisation},
                )
            )
    return membership, created


@transaction.atomic
def change_role(*, membership: Membership, role: str) -> Membership:
    stored_role = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).get()
    if (
        stored_role == Role.ADMINISTRATOR
        and role != Role.ADMINISTRATOR
        and _administrator_count(membership.organisation) <= 1
    ):
        raise ValidationError({"role": _("The organisation must keep at least one administrator.")})
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


def removal_refused(membership: Membership) -> str | None:
    if membership.role == Role.ADMINISTRATOR and _administrator_count(membership.organisation) <= 1:
        return _(
            "%(name)s is the organisation's only administrator. Make someone else "
            "administrator first."
        ) % {"name": membership.user.get_full_name() or membership.user.username}
    return None


@transaction.atomic
def update_organisation(*, organisation: Organisation, name: str, population: int | None):
    organisation.name = name
    organisation.population = population
    organisation.full_clean()
    organisation.save()
    return organisation
