"""Writes for the records behind the seven areas. Keyword-only, validated, atomic."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from areas.models import IOP_CRITERIA, PARTNER_KIND, CriterionAnswer, Partnership
from collab.models import Organisation

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
