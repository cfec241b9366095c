"""Writes for the platform. Keyword-only, validated, atomic."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collab.models import (
    IOP_CRITERIA,
    PARTNER_KIND,
    CriterionAnswer,
    Membership,
    Organisation,
    Partnership,
    Role,
)

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


# --- IOP partnerships ---------------------------------------------------------------------------


def _check_partner(partnership: Partnership) -> None:
    """The partner must be an idéburen organisation in the partnership's own register."""
    partner = partnership.partner if partnership.partner_id else None
    if partner is None:
        return  # full_clean reports the missing partner
    if partner.organisation_id != partnership.organisation_id:
        raise ValidationError({"partner": _("Choose an organisation from your own register.")})
    if partner.kind != PARTNER_KIND:
        raise ValidationError(
            {
                "partner": _(
                    "%(name)s is not registered as a non-profit organisation (idéburen). An IOP "
                    "is a partnership with an idéburen organisation: correct the entry's kind in "
                    "the register if it is one; otherwise a procurement or a grant is the route."
                )
                % {"name": partner.name}
            }
        )


def criteria_change_reason(old: dict, new: dict) -> str:
    """E.g. "IOP criteria: Long-term: Not assessed → Met" for the change history."""
    parts = []
    for criterion in IOP_CRITERIA:
        before = (old or {}).get(criterion.key, {})
        after = (new or {}).get(criterion.key, {})
        old_answer = before.get("answer", CriterionAnswer.NOT_ASSESSED)
        new_answer = after.get("answer", CriterionAnswer.NOT_ASSESSED)
        if old_answer != new_answer:
            parts.append(
                f"{criterion.label}: {CriterionAnswer(old_answer).label} → "
                f"{CriterionAnswer(new_answer).label}"
            )
        elif before.get("note", "") != after.get("note", ""):
            parts.append(_("%(criterion)s: note changed") % {"criterion": criterion.label})
    if not parts:
        return ""
    return _("IOP criteria") + ": " + "; ".join(parts)


def _save_partnership(partnership: Partnership, *, reason: str) -> Partnership:
    _check_partner(partnership)
    partnership.full_clean()
    if reason:
        partnership._change_reason = reason
    partnership.save()
    return partnership


@transaction.atomic
def create_partnership(*, organisation: Organisation, **fields) -> Partnership:
    """Create an IOP; ``fields`` are the model's fields (``criteria`` as {key: {answer, note}})."""
    partnership = Partnership(organisation=organisation, **fields)
    return _save_partnership(partnership, reason="")


@transaction.atomic
def update_partnership(*, partnership: Partnership, **fields) -> Partnership:
    reason = ""
    if "criteria" in fields:
        reason = criteria_change_reason(partnership.criteria, fields["criteria"])
    for name, value in fields.items():
        setattr(partnership, name, value)
    return _save_partnership(partnership, reason=reason)
