"""IOP partnerships (idéburet offentligt partnerskap) with Forum's criteria."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.choices import (  # noqa: F401 - re-exported
    ACTIVE_PARTNERSHIP_STATUSES,
    DECIDED_PARTNERSHIP_STATUSES,
    FOLLOW_UP_PARTNERSHIP_STATUSES,
    PartnershipStatus,
)
from areas.querysets import PartnershipQuerySet
from collab.formatting import owner_name
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, member_owner_field, scoped_manager
from enterprises.models import EnterpriseKind, SocialEnterprise, SocietalChallenge

# The register's kind an IOP partner must have: a non-profit organisation (idéburen).
PARTNER_KIND = EnterpriseKind.NON_PROFIT


class CriterionAnswer(models.TextChoices):
    MET = "uppfyllt", _("Met")
    NOT_MET = "ej_uppfyllt", _("Not met")
    NOT_ASSESSED = "ej_bedomt", _("Not assessed")


@dataclass(frozen=True)
class IopCriterion:
    """One of Forum's criteria for an IOP, with the advice when it is not met."""

    key: str
    label: str
    help_text: str
    advice: str  # shown when the answer is "not met": which route may be right instead, and why


# Forum's IOP criteria (Forum – idéburna organisationer med social inriktning, 2010; as used by
# e.g. Malmö). IOP is not regulated by law: an agreement that fails them risks being a disguised
# direct award or unlawful state aid.
IOP_CRITERIA = [
    IopCriterion(
        "initiative",
        _("The initiative comes from the organisation"),
        _("The idéburen organisation took the initiative, out of its own idea and activity."),
        _(
            "If the municipality designed the activity and is looking for someone to carry it "
            "out, it is buying a service: procure it under LOU (for certain social services it "
            "may be reserved for idéburna organisationer, LOU 19 kap. 25 a §). If the aim is to "
            "support the organisation's own idea, a grant (föreningsbidrag) may be the right route."
        ),
    ),
    IopCriterion(
        "political_programme",
        _("Part of a political programme"),
        _("The partnership carries out goals the municipality has adopted politically."),
        _(
            "Without a political decision or programme behind it, the municipality has no "
            "mandate of its own to pursue in a partnership. Anchor it politically first, or, if "
            "it is support for the organisation's own activity, use the grant rules "
            "(föreningsbidrag)."
        ),
    ),
    IopCriterion(
        "not_association_grant",
        _("Not an ordinary association grant"),
        _("The activity is not something the ordinary association grants already support."),
        _(
            "It is an ordinary association grant: use the municipality's grant rules "
            "(föreningsbidrag), which treat all associations alike, instead of an IOP."
        ),
    ),
    IopCriterion(
        "no_market",
        _("No market or competition to protect"),
        _("No companies or other suppliers offer the same service on a market."),
        _(
            "There is a market: other suppliers could deliver the service. Giving it to one "
            "organisation without competition may be a disguised direct award and, where the "
            "payment supports an economic activity, unlawful state aid. Procure under LOU, "
            "possibly reserved (LOU 4 kap. 18 § for suppliers whose main aim is work "
            "integration, LOU 19 kap. 25 a § for idéburna organisationer), or as a direct award "
            "if the value is below the limit."
        ),
    ),
    IopCriterion(
        "co_financing",
        _("Both parties co-finance"),
        _("Both parties contribute: money, volunteer work, premises or other resources."),
        _(
            "Without the organisation's own contribution it is not a partnership: if the "
            "municipality pays for a service it defines, it is a purchase (procure it); if it "
            "pays for the organisation's own activity, it is a grant."
        ),
    ),
    IopCriterion(
        "no_detailed_steering",
        _("The municipality does not steer the activity in detail"),
        _("The parties agree on goals together; the organisation decides how to work."),
        _(
            "When the municipality decides in detail what is delivered, how and how much, and "
            "pays for it, it is a purchase: procure it under LOU. In an IOP the organisation "
            "keeps its independence."
        ),
    ),
    IopCriterion(
        "long_term",
        _("Long-term"),
        _("The partnership is meant to last, usually several years."),
        _(
            "A short or one-off effort fits a project grant, or a purchase (a direct award if "
            "the value is below the limit), better than an IOP."
        ),
    ),
]
IOP_CRITERIA_BY_KEY = {criterion.key: criterion for criterion in IOP_CRITERIA}


def validate_criteria(value) -> None:
    """``criteria`` is {key: {"answer": CriterionAnswer, "note": str}} for known keys only."""
    message = _("The IOP criteria are not in the expected form.")
    if not isinstance(value, dict):
        raise ValidationError(message)
    for key, item in value.items():
        if key not in IOP_CRITERIA_BY_KEY or not isinstance(item, dict):
            raise ValidationError(message)
        if item.get("answer", CriterionAnswer.NOT_ASSESSED) not in CriterionAnswer.values:
            raise ValidationError(message)
        if not isinstance(item.get("note", ""), str):
            raise ValidationError(message)


@dataclass
class CriterionRow:
    criterion: IopCriterion
    answer: str
    note: str

    @property
    def label(self) -> str:
        return self.criterion.label

    @property
    def answer_label(self) -> str:
        return CriterionAnswer(self.answer).label

    @property
    def is_met(self) -> bool:
        return self.answer == CriterionAnswer.MET

    @property
    def is_not_met(self) -> bool:
        return self.answer == CriterionAnswer.NOT_MET

    @property
    def is_not_assessed(self) -> bool:
        return self.answer not in (CriterionAnswer.MET, CriterionAnswer.NOT_MET)

    @property
    def advice(self) -> str:
        return self.criterion.advice if self.is_not_met else ""


class Partnership(OrganisationOwned):
    """An IOP (idéburet offentligt partnerskap) with an idéburen organisation in the register."""

    title = models.CharField(_("title"), max_length=200)
    partner = models.ForeignKey(
        SocialEnterprise,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("partner"),
        help_text=_(
            "A non-profit organisation (idéburen) from the register. Add it to the register "
            "first if it is missing."
        ),
    )
    challenge = models.ForeignKey(
        SocietalChallenge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("societal challenge"),
    )
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("The societal challenge the parties meet together.")
    )
    goals = models.TextField(
        _("goals"), blank=True, help_text=_("What is to be achieved, and how it is followed up.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    municipality_contribution = models.PositiveIntegerField(
        _("municipality's contribution per year (kr)"),
        default=0,
        help_text=_("Whole kronor per year."),
    )
    partner_contribution_money = models.PositiveIntegerField(
        _("partner's contribution per year (kr)"),
        default=0,
        help_text=_("The organisation's own money, whole kronor per year."),
    )
    partner_volunteer_hours = models.PositiveIntegerField(
        _("partner's volunteer hours per year"), default=0
    )
    partner_contribution_other = models.TextField(
        _("partner's other contributions"),
        blank=True,
        help_text=_("E.g. premises, equipment, networks, knowledge."),
    )
    committee = models.CharField(
        _("responsible committee"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Socialnämnden."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(
        _("case number (diarienummer)"), max_length=60, blank=True, help_text=_("E.g. SN 2025/123.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.IDEA,
    )
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    follow_up_owner_user = member_owner_field(
        _("follow-up owner (member)"),
        _("The member who prepares the next follow-up; it appears in their tasks."),
    )
    follow_up_notes = models.TextField(
        _("follow-up log"),
        blank=True,
        help_text=_("Dated notes from follow-up meetings, newest first."),
    )
    criteria = models.JSONField(
        _("IOP criteria"), default=dict, blank=True, validators=[validate_criteria]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The criteria change is written as the record's change reason (readable), not as JSON.
    objects = scoped_manager(PartnershipQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager, excluded_fields=["criteria"])

    class Meta:
        ordering = ["title"]
        verbose_name = _("IOP partnership")
        verbose_name_plural = _("IOP partnerships")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("areas:partnership_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.status in DECIDED_PARTNERSHIP_STATUSES:
            errors.update(self.decision_errors())
        if errors:
            raise ValidationError(errors)

    def decision_errors(self) -> dict:
        """What a partnership needs before it can be marked decided or ongoing (an ongoing one
        has necessarily been decided): every one of Forum's criteria assessed (met or not met)
        and the decision recorded (the committee, the date and the case number).
        {field: message}, empty when nothing is missing."""
        ongoing = self.status == PartnershipStatus.ONGOING
        errors = {}
        if not self.committee.strip():
            errors["committee"] = (
                _("An ongoing partnership has been decided: record the committee that decided it.")
                if ongoing
                else _("A decided partnership needs the committee that decided it.")
            )
        if self.decision_date is None:
            errors["decision_date"] = (
                _("An ongoing partnership has been decided: record the date of the decision.")
                if ongoing
                else _("A decided partnership needs the date of the decision.")
            )
        if not self.case_number.strip():
            errors["case_number"] = (
                _(
                    "An ongoing partnership has been decided: record the decision's case number "
                    "(diarienummer)."
                )
                if ongoing
                else _("A decided partnership needs the decision's case number (diarienummer).")
            )
        unassessed = [row.label for row in self.criteria_rows() if row.is_not_assessed]
        if unassessed:
            message = (
                _(
                    "The partnership cannot be marked ongoing before every one of Forum's "
                    "criteria is assessed (an ongoing partnership has been decided). Not "
                    "assessed: %(criteria)s."
                )
                if ongoing
                else _(
                    "The partnership cannot be marked decided before every one of Forum's "
                    "criteria is assessed. Not assessed: %(criteria)s."
                )
            )
            errors["status"] = message % {"criteria": ", ".join(str(label) for label in unassessed)}
        return errors

    def follow_up_owner_name(self) -> str:
        """The follow-up's owner (select ``follow_up_owner_user``)."""
        return owner_name(self.follow_up_owner_user)

    def is_follow_up_overdue(self, today: datetime.date | None = None) -> bool:
        """The row's copy of :meth:`PartnershipQuerySet.follow_up_overdue_q` (no query)."""
        today = today or timezone.localdate()
        return (
            self.status in FOLLOW_UP_PARTNERSHIP_STATUSES
            and self.next_follow_up is not None
            and self.next_follow_up < today
        )

    def period_text(self) -> str:
        """Compact period for tables, e.g. "2024–2026" (years of start and end)."""
        start = self.start_date.year if self.start_date else None
        end = self.end_date.year if self.end_date else None
        if start and end:
            return f"{start}–{end}" if start != end else str(start)
        if start:
            return f"{start}–"
        return f"–{end}" if end else ""

    def criteria_rows(self) -> list[CriterionRow]:
        """Every criterion in Forum's order, with this partnership's answer and note."""
        stored = self.criteria or {}
        return [
            CriterionRow(
                criterion=criterion,
                answer=stored.get(criterion.key, {}).get("answer", CriterionAnswer.NOT_ASSESSED),
                note=stored.get(criterion.key, {}).get("note", ""),
            )
            for criterion in IOP_CRITERIA
        ]

    def unmet_criteria(self) -> list[CriterionRow]:
        return [row for row in self.criteria_rows() if row.is_not_met]

    def criteria_summary(self) -> str:
        rows = self.criteria_rows()
        met = sum(row.is_met for row in rows)
        not_met = sum(row.is_not_met for row in rows)
        text = _("%(met)s of %(total)s met") % {"met": met, "total": len(rows)}
        if not_met:
            text += ", " + _("%(count)s not met") % {"count": not_met}
        return text
