"""The register of social enterprises (each organisation keeps its own register)."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, UploadedImport, scoped_manager
from enterprises import orgnr
from enterprises.choices import EnterpriseStatus  # noqa: F401 - re-exported
from enterprises.querysets import SocialEnterpriseQuerySet


class ServiceCategory(models.Model):
    """What social enterprises sell (shared list; procurements use the same categories)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    cpv_codes = models.CharField(
        _("CPV codes"),
        max_length=200,
        blank=True,
        help_text=_("Typical CPV codes, comma-separated."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self) -> str:
        return self.name


class SocietalChallenge(models.Model):
    """A societal challenge an enterprise addresses (shared list)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("societal challenge")
        verbose_name_plural = _("societal challenges")

    def __str__(self) -> str:
        return self.name


class SustainableDevelopmentGoal(models.Model):
    """Agenda 2030 goals 1–17 (shared list)."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Agenda 2030 goal")
        verbose_name_plural = _("Agenda 2030 goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class LegalForm(models.TextChoices):
    ECONOMIC_ASSOCIATION = "ekonomisk_forening", _("Economic association")
    NON_PROFIT_ASSOCIATION = "ideell_forening", _("Non-profit association")
    LIMITED_COMPANY = "aktiebolag", _("Limited company")
    LIMITED_COMPANY_SVB = "aktiebolag_svb", _("Limited company with restricted dividends (SVB)")
    FOUNDATION = "stiftelse", _("Foundation")
    TRADING_PARTNERSHIP = "handelsbolag", _("Trading partnership")
    SOLE_TRADER = "enskild_firma", _("Sole trader")
    OTHER = "annan", _("Other")


class EnterpriseKind(models.TextChoices):
    WISE = "asf", _("Work-integration social enterprise (ASF)")
    SOCIAL_INNOVATION = "samhallsentreprenor", _("Social entrepreneur / social innovation")
    NON_PROFIT = "ideburen", _("Non-profit organisation (idéburen)")
    OTHER = "annat", _("Other")


KIND_SHORT = {
    EnterpriseKind.WISE: _("ASF"),
    EnterpriseKind.SOCIAL_INNOVATION: _("Social innovation"),
    EnterpriseKind.NON_PROFIT: _("Non-profit"),
    EnterpriseKind.OTHER: _("Other"),
}


class Answer(models.TextChoices):
    YES = "ja", _("Yes")
    NO = "nej", _("No")
    UNKNOWN = "okant", _("Unknown")


def _criterion(label, help_text):
    return (
        models.CharField(
            label,
            max_length=10,
            choices=Answer.choices,
            default=Answer.UNKNOWN,
            help_text=help_text,
        ),
        models.TextField(_("note"), blank=True),
        models.DateField(_("checked on"), null=True, blank=True),
    )


(surplus_field, surplus_note, surplus_checked) = _criterion(
    _("surplus reinvested"),
    _("Is the surplus mainly reinvested in the business rather than paid out?"),
)
(statutes_field, statutes_note, statutes_checked) = _criterion(
    _("mission in the statutes"),
    _("Do the statutes or articles state the societal mission?"),
)
(independent_field, independent_note, independent_checked) = _criterion(
    _("independent of the public sector"),
    _("Is the enterprise independent of the public sector (not controlled by it)?"),
)
(participation_field, participation_note, participation_checked) = _criterion(
    _("employee participation"),
    _("Do employees participate in decisions or own the enterprise (written down)?"),
)


# LOU 4 kap. 18 §: a reserved contract is for suppliers where at least this per cent of those
# employed have a disability or are far from the labour market (``integration_share``).
RESERVED_CONTRACT_MIN_SHARE = 30


class SocialEnterprise(OrganisationOwned):
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[orgnr.validate],
        help_text=_("NNNNNN-NNNN. May be empty for an enterprise that is being formed."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=EnterpriseKind.choices, default=EnterpriseKind.WISE
    )
    challenges = models.ManyToManyField(
        SocietalChallenge,
        blank=True,
        related_name="+",
        verbose_name=_("societal challenges"),
        help_text=_("The challenges the enterprise works on."),
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="+",
        verbose_name=_("Agenda 2030 goals"),
    )
    categories = models.ManyToManyField(
        ServiceCategory,
        blank=True,
        related_name="+",
        verbose_name=_("service categories"),
        help_text=_("What the enterprise sells; used to find suppliers for a procurement."),
    )
    offer = models.TextField(
        _("offer"), blank=True, help_text=_("What the enterprise offers, in its own words.")
    )
    cpv_codes = models.CharField(
        _("CPV codes"), max_length=200, blank=True, help_text=_("Optional, comma-separated.")
    )
    work_training_places = models.PositiveIntegerField(
        _("work-training places"),
        default=0,
        help_text=_("Places for work training (arbetsträning) the enterprise can offer."),
    )
    employees = models.PositiveIntegerField(_("employees"), default=0)
    participants = models.PositiveIntegerField(
        _("participants"),
        default=0,
        help_text=_("People in work training, rehabilitation or similar at the enterprise."),
    )
    # LOU 4 kap. 18 § (reserved contracts): the share of those employed who have a disability
    # or are far from the labour market, as the enterprise last confirmed it. Empty: not known.
    # The rule that reads it is ``procurement.querysets.eligible_suppliers_q``.
    integration_share = models.PositiveSmallIntegerField(
        _("share of employees in integration"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Per cent (0–100) of those employed who have a disability or are far from the "
            "labour market. A contract reserved under LOU 4 kap. 18 § requires at least 30 %. "
            "Leave empty when not known."
        ),
    )
    integration_share_confirmed = models.DateField(
        _("share confirmed on"),
        null=True,
        blank=True,
        help_text=_("When the enterprise last confirmed the share."),
    )
    surplus_reinvested = surplus_field
    surplus_reinvested_note = surplus_note
    surplus_reinvested_checked = surplus_checked
    mission_in_statutes = statutes_field
    mission_in_statutes_note = statutes_note
    mission_in_statutes_checked = statutes_checked
    independent = independent_field
    independent_note = independent_note
    independent_checked = independent_checked
    employee_participation = participation_field
    employee_participation_note = participation_note
    employee_participation_checked = participation_checked
    certifications = models.CharField(
        _("memberships and certifications"),
        max_length=300,
        blank=True,
        help_text=_("E.g. Skoopi, comma-separated."),
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    operates_in = models.CharField(
        _("where it operates"),
        max_length=300,
        blank=True,
        help_text=_("Areas, districts or municipalities."),
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.IDENTIFIED,
    )
    identified_on = models.DateField(
        _("first identified"),
        null=True,
        blank=True,
        help_text=_("When the municipality first learned of it."),
    )
    notes = models.TextField(_("notes"), blank=True)
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Your own keywords, comma-separated.")
    )
    public_listing = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_(
            "The enterprise has agreed to be listed in the organisation's open directory "
            "(name, kind, categories, offer, area of operation, website, capacity). Contact "
            "persons only where marked public."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = scoped_manager(SocialEnterpriseQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("social enterprise")
        verbose_name_plural = _("social enterprises")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "org_number"],
                condition=~models.Q(org_number=""),
                name="unique_org_number_per_organisation",
                violation_error_message=_(
                    "An enterprise with this organisation number is already in the register."
                ),
            )
        ]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:socialenterprise_detail", kwargs={"pk": self.pk})

    def website_link(self) -> str:
        """The website as a link target, or "" when it is not an http(s) address (a
        ``javascript:`` URL in a link runs however well it is escaped)."""
        website = self.website.strip()
        return website if website.lower().startswith(("https://", "http://")) else ""

    def kind_short(self) -> str:
        """A short label for tables: ASF, Social innovation, Non-profit, Other."""
        return str(KIND_SHORT.get(self.kind, self.get_kind_display()))

    def category_names(self) -> str:
        """Comma-separated; uses prefetched categories when the queryset has them."""
        return ", ".join(c.name for c in self.categories.all())

    def clean(self) -> None:
        if self.org_number:
            self.org_number = orgnr.normalise(self.org_number)


CRITERIA = [
    ("surplus_reinvested", _("Surplus reinvested")),
    ("mission_in_statutes", _("Mission in the statutes")),
    ("independent", _("Independent of the public sector")),
    ("employee_participation", _("Employee participation or ownership")),
]


phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$", _("Enter a phone number with digits, e.g. 08-123 456 78.")
)


class ContactPerson(OrganisationOwned):
    """A contact at an enterprise. Personal data: visible to the organisation's members."""

    enterprise = models.ForeignKey(
        SocialEnterprise,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("social enterprise"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("E.g. CEO, chair."))
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )
    is_public = models.BooleanField(
        _("public contact"),
        default=False,
        help_text=_(
            "The person has agreed to be shown as the enterprise's contact in the open directory."
        ),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:contactperson_detail", kwargs={"pk": self.pk})


class EnterpriseImport(UploadedImport):
    """An uploaded file for the register import (see :class:`collab.models.UploadedImport`)."""

    new_count = models.PositiveIntegerField(_("new enterprises"), default=0)
    update_count = models.PositiveIntegerField(_("updated enterprises"), default=0)

    # The file itself stays out of the history table (up to 10 MB per version).
    history = HistoricalRecords(history_manager=ScopedHistoryManager, excluded_fields=["content"])

    class Meta(UploadedImport.Meta):
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def get_absolute_url(self) -> str:
        return reverse("enterprises:import_preview", kwargs={"pk": self.pk})
