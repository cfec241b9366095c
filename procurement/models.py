"""Procurements that open the door to social enterprises, their bids and follow-up.

``Threshold`` is global, dated data (the direct-award limit and the EU thresholds): the rules
read the value in force on a date from the table, never from the code.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab import formatting
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, UploadedImport, member_owner_field, scoped_manager
from enterprises import orgnr
from enterprises.models import ServiceCategory, SocialEnterprise
from procurement.choices import RESERVED_PROCEDURES, Procedure, Status  # noqa: F401 - re-exported
from procurement.querysets import ProcurementQuerySet


class Threshold(models.Model):
    """A limit in force from ``valid_from`` until the next row of the same kind (global)."""

    class Kind(models.TextChoices):
        DIRECT_AWARD = "direktupphandling", _("Direct-award limit")
        EU_SUPPLIES_SERVICES = "eu_varor_tjanster", _("EU threshold, supplies and services")
        EU_WORKS = "eu_byggentreprenader", _("EU threshold, works")
        EU_SOCIAL_SERVICES = (
            "eu_sociala_tjanster",
            _("EU threshold, social and other specific services"),
        )

    class Currency(models.TextChoices):
        SEK = "SEK", "SEK"
        EUR = "EUR", "EUR"

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(
        _("amount"), help_text=_("Whole units of the currency, excluding VAT.")
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.SEK,
        help_text=_("Store the SEK value when the authorities have published it, else EUR."),
    )
    valid_from = models.DateField(_("valid from"))
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="unique_threshold_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} {self.currency} ({self.valid_from})"


class TargetType(models.TextChoices):
    MONTHS = "manader", _("Months of full-time work")
    PEOPLE = "personer", _("People employed")
    PLACEMENTS = "platser", _("Placements")


def _money(label, help_text=""):
    return models.PositiveBigIntegerField(label, null=True, blank=True, help_text=help_text)


class Procurement(OrganisationOwned):
    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(
        _("reference number"),
        max_length=60,
        blank=True,
        help_text=_("The registry number (diarienummer), e.g. KS 2026/123."),
    )
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service category"),
        help_text=_("The register's categories: used to find social enterprises that can bid."),
    )
    cpv_code = models.CharField(_("CPV code"), max_length=60, blank=True)
    estimated_value = _money(
        _("estimated value (kr excl. VAT)"),
        _("The contract's total estimated value over its whole term, in whole kronor."),
    )
    planned_start = models.DateField(_("planned contract start"), null=True, blank=True)
    planned_end = models.DateField(_("planned contract end"), null=True, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    procedure = models.CharField(
        _("procedure"), max_length=30, choices=Procedure.choices, default=Procedure.OPEN
    )
    # Social considerations
    employment_requirement = models.BooleanField(
        _("employment requirement"),
        default=False,
        help_text=_("Sysselsättningskrav as a special contract condition (LOU 17 kap. 1 §)."),
    )
    employment_target_type = models.CharField(
        _("employment target"), max_length=20, choices=TargetType.choices, blank=True
    )
    employment_target = models.PositiveIntegerField(
        _("target number"),
        null=True,
        blank=True,
        help_text=_("E.g. 24 months of full-time work, or 3 people."),
    )
    next_employment_report = models.DateField(
        _("next employment report"),
        null=True,
        blank=True,
        help_text=_("When the supplier's next report on the employment requirement is due."),
    )
    employment_report_owner_user = member_owner_field(
        _("employment report owner (member)"),
        _("The member who follows up the supplier's report; it appears in their tasks."),
    )
    divided_into_lots = models.BooleanField(
        _("divided into lots"),
        default=False,
        help_text=_("Divided into smaller lots so that small suppliers can bid."),
    )
    market_dialogue_held = models.BooleanField(_("market dialogue held"), default=False)
    market_dialogue_date = models.DateField(_("market dialogue date"), null=True, blank=True)
    invited_enterprises = models.ManyToManyField(
        SocialEnterprise,
        blank=True,
        through="DialogueInvitation",
        related_name="dialogue_invitations",
        verbose_name=_("enterprises invited to the dialogue"),
    )
    other_social_requirements = models.TextField(_("other social requirements"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_date = models.DateField(
        _("status date"),
        null=True,
        blank=True,
        help_text=_("When the procurement reached its status; set to today when left empty."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = scoped_manager(ProcurementQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-planned_start", "title"]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:procurement_detail", kwargs={"pk": self.pk})

    @property
    def is_reserved(self) -> bool:
        return self.procedure in RESERVED_PROCEDURES

    def employment_report_owner_name(self) -> str:
        """Who follows up the employment reports: the member, else the responsible person."""
        return formatting.owner_name(self.employment_report_owner_user, self.responsible_person)

    def social_considerations(self) -> list[str]:
        """What gives the procurement social considerations, in words (no query); the row's
        copy of :meth:`ProcurementQuerySet.social_considerations_q`."""
        found = []
        if self.is_reserved:
            found.append(gettext("reserved"))
        if self.employment_requirement:
            found.append(gettext("employment requirement"))
        if self.divided_into_lots:
            found.append(gettext("divided into lots"))
        if self.market_dialogue_held:
            found.append(gettext("market dialogue"))
        if self.other_social_requirements:
            found.append(gettext("other social requirements"))
        return found

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The contract cannot end before it starts.")
        if self.employment_requirement:
            if not self.employment_target_type:
                errors["employment_target_type"] = _(
                    "Choose what the employment requirement counts."
                )
            if not self.employment_target:
                errors["employment_target"] = _("Give the employment requirement's target.")
        elif self.next_employment_report:
            errors["next_employment_report"] = _(
                "Only a procurement with an employment requirement has employment reports."
            )
        if self.market_dialogue_date and not self.market_dialogue_held:
            errors["market_dialogue_held"] = _(
                "A dialogue date is given: tick “market dialogue held”, or remove the date."
            )
        if (
            self.status == Status.CANCELLED
            and self.pk
            and Bid.objects.filter(procurement_id=self.pk, awarded=True).exists()
        ):
            errors["status"] = _(
                "The procurement has awarded bids: withdraw the award before cancelling it."
            )
        if errors:
            raise ValidationError(errors)


class DialogueInvitation(OrganisationOwned):
    """An enterprise invited to a procurement's market dialogue (owned, like both sides)."""

    procurement = models.ForeignKey(
        Procurement, on_delete=models.CASCADE, related_name="+", verbose_name=_("procurement")
    )
    enterprise = models.ForeignKey(
        SocialEnterprise,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("social enterprise"),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        verbose_name = _("dialogue invitation")
        verbose_name_plural = _("dialogue invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "enterprise"], name="unique_dialogue_invitation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} – {self.procurement}"


class Bid(OrganisationOwned):
    procurement = models.ForeignKey(
        Procurement, on_delete=models.CASCADE, related_name="bids", verbose_name=_("procurement")
    )
    supplier = models.ForeignKey(
        SocialEnterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bids",
        verbose_name=_("supplier in the register"),
        help_text=_("Choose the enterprise when it is in the register."),
    )
    supplier_name = models.CharField(
        _("other supplier's name"),
        max_length=200,
        blank=True,
        help_text=_("For a supplier that is not in the register."),
    )
    supplier_org_number = models.CharField(
        _("other supplier's organisation number"),
        max_length=11,
        blank=True,
        validators=[orgnr.validate],
        help_text=_("NNNNNN-NNNN."),
    )
    bid_value = _money(_("bid value (kr excl. VAT)"))
    awarded = models.BooleanField(_("awarded"), default=False)
    contract_value = _money(
        _("contract value (kr excl. VAT)"), _("The awarded contract's value, when awarded.")
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-awarded", "supplier__name", "supplier_name"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")

    def __str__(self) -> str:
        return _("Bid from %(supplier)s") % {"supplier": self.supplier_display}

    def get_absolute_url(self) -> str:
        return reverse("procurement:bid_detail", kwargs={"pk": self.pk})

    @property
    def supplier_display(self) -> str:
        return self.supplier.name if self.supplier_id else self.supplier_name

    def clean(self) -> None:
        errors = {}
        if self.supplier_org_number:
            try:
                self.supplier_org_number = orgnr.normalise(self.supplier_org_number)
            except ValidationError as exc:
                errors["supplier_org_number"] = exc.messages
        if not self.supplier_id and not self.supplier_name.strip():
            errors["supplier"] = _(
                "Choose a supplier from the register, or give the other supplier's name."
            )
        if self.supplier_id and (self.supplier_name or self.supplier_org_number):
            errors["supplier_name"] = _(
                "Either a supplier from the register or another supplier, not both."
            )
        if self.awarded and self.procurement_id and self.procurement.status == Status.CANCELLED:
            errors["awarded"] = _(
                "The procurement is cancelled: a cancelled procurement cannot be awarded."
            )
        if self.contract_value is not None and not self.awarded:
            errors["contract_value"] = _("A contract value is only given for an awarded bid.")
        if errors:
            raise ValidationError(errors)


class EmploymentReport(OrganisationOwned):
    """What a supplier delivered under an employment requirement in one period."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="employment_reports",
        verbose_name=_("procurement"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    months_delivered = models.PositiveIntegerField(
        _("months of full-time work"), default=0, help_text=_("Delivered in this period.")
    )
    people_delivered = models.PositiveIntegerField(
        _("people employed"), default=0, help_text=_("New people employed in this period.")
    )
    placements_delivered = models.PositiveIntegerField(
        _("placements"), default=0, help_text=_("New placements in this period.")
    )
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["procurement", "period_start"]
        verbose_name = _("employment report")
        verbose_name_plural = _("employment reports")

    def __str__(self) -> str:
        return _("%(procurement)s, %(start)s–%(end)s") % {
            "procurement": self.procurement.title,
            "start": self.period_start.isoformat() if self.period_start else "",
            "end": self.period_end.isoformat() if self.period_end else "",
        }

    def get_absolute_url(self) -> str:
        return reverse("procurement:employmentreport_detail", kwargs={"pk": self.pk})

    def delivered(self, target_type: str) -> int:
        return {
            TargetType.MONTHS: self.months_delivered,
            TargetType.PEOPLE: self.people_delivered,
            TargetType.PLACEMENTS: self.placements_delivered,
        }.get(target_type, 0)

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        elif self.period_end and self.period_end > timezone.localdate():
            errors["period_end"] = _(
                "A report covers a period that has ended: the period cannot end after today."
            )
        elif self.period_start and self.period_end and self.procurement_id:
            overlapping = (
                type(self)
                ._base_manager.filter(
                    procurement_id=self.procurement_id,
                    period_start__lte=self.period_end,
                    period_end__gte=self.period_start,
                )
                .exclude(pk=self.pk)
                .order_by("period_start")
                .first()
            )
            if overlapping is not None:
                errors["period_start"] = _(
                    "The period overlaps the report for %(start)s – %(end)s: what was delivered "
                    "would be counted twice."
                ) % {
                    "start": formatting.date(overlapping.period_start),
                    "end": formatting.date(overlapping.period_end),
                }
        if self.procurement_id and not self.procurement.employment_requirement:
            errors["procurement"] = _("The procurement has no employment requirement to follow up.")
        if errors:
            raise ValidationError(errors)


# --- Spend with social enterprises (supplier-payment data, leverantörsreskontra) ---------------


class SpendImport(UploadedImport):
    """An uploaded supplier-payment file (see :class:`collab.models.UploadedImport`).

    ``mapping`` says which of our fields each file column holds (``procurement.spend``).
    """

    class Layout(models.TextChoices):
        OPEN_DATA = "open_data", _("National open-data specification")
        AD_HOC = "ad_hoc", _("Export with Swedish column headings")
        MAPPED = "mapped", _("Columns mapped by hand")
        UNKNOWN = "unknown", _("Columns not recognised yet")

    layout = models.CharField(
        _("detected format"), max_length=20, choices=Layout.choices, default=Layout.UNKNOWN
    )
    content_hash = models.CharField(_("checksum"), max_length=64, blank=True, db_index=True)
    # One entry per file column: our field name, or "" for a column that is not used.
    mapping = models.JSONField(_("column mapping"), default=list, blank=True)
    payment_count = models.PositiveIntegerField(_("payments imported"), default=0)
    matched_count = models.PositiveIntegerField(_("payments to social enterprises"), default=0)

    # The file itself stays out of the history table (up to 50 MB per version).
    history = HistoricalRecords(history_manager=ScopedHistoryManager, excluded_fields=["content"])

    class Meta(UploadedImport.Meta):
        verbose_name = _("supplier-payment import")
        verbose_name_plural = _("supplier-payment imports")

    def get_absolute_url(self) -> str:
        return reverse("procurement:spendimport_detail", kwargs={"pk": self.pk})


class SupplierPayment(OrganisationOwned):
    """One booking line of the supplier-payment data (an imported fact, not edited by hand).

    Imports insert these with plain ``bulk_create`` and no history rows: the file itself is
    kept on the import (the record of where each row came from), and writing 200 000 history
    rows would double the import time. The history table exists for manual corrections.
    """

    spend_import = models.ForeignKey(
        SpendImport,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("import"),
    )
    line = models.PositiveIntegerField(_("row in the file"), default=0)
    booking_date = models.DateField(_("booking date"))
    supplier_name = models.CharField(_("supplier"), max_length=255)
    supplier_org_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, help_text=_("NNNNNN-NNNN")
    )
    personal_data = models.BooleanField(
        _("personal data"),
        default=False,
        help_text=_(
            "A sole trader or a row without organisation number: never matched, never named "
            "in summaries."
        ),
    )
    amount = models.BigIntegerField(
        _("amount (kr)"), help_text=_("Whole kronor excluding VAT; negative for a credit note.")
    )
    invoice_number = models.CharField(_("invoice number"), max_length=100, blank=True)
    account = models.CharField(_("account"), max_length=50, blank=True)
    account_text = models.CharField(_("account text"), max_length=255, blank=True)
    administration = models.CharField(_("administration"), max_length=255, blank=True)
    voucher_number = models.CharField(_("voucher number"), max_length=100, blank=True)
    matched_enterprise = models.ForeignKey(
        SocialEnterprise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supplier_payments",
        verbose_name=_("social enterprise"),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        verbose_name = _("supplier payment")
        verbose_name_plural = _("supplier payments")
        indexes = [
            models.Index(fields=["organisation", "booking_date"], name="payment_org_date"),
            models.Index(fields=["organisation", "supplier_org_number"], name="payment_org_orgnr"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier_name}, {self.booking_date}: {formatting.kronor(self.amount)}"

    def get_absolute_url(self) -> str:
        return f"{reverse('procurement:spend')}?year={self.booking_date.year}"


class ColumnMapping(OrganisationOwned):
    """A column mapping the organisation chose for a file layout, used again automatically for
    the next file with the same column headings."""

    signature = models.CharField(_("heading signature"), max_length=64)
    headers = models.JSONField(_("column headings"), default=list)
    mapping = models.JSONField(_("column mapping"), default=list)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "signature"], name="unique_column_mapping"
            )
        ]

    def __str__(self) -> str:
        return ", ".join(self.headers)[:200]

    def get_absolute_url(self) -> str:
        return reverse("procurement:spendimport_create")
