"""Platform models: organisations (tenants), networks, memberships and roles.

Every organisation-owned model inherits :class:`OrganisationOwned`. Its default manager
refuses to query unless an organisation scope is active (django-scopes), so a query that
forgets the tenant fails loudly instead of leaking another organisation's rows.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from django_scopes.manager import DisabledQuerySet
from simple_history.models import HistoricalRecords

from collab.history import ScopedHistoryManager

# SCB's county codes (länskoder); a municipality code starts with one of them.
COUNTY_CODES = frozenset("01 03 04 05 06 07 08 09 10 12 13 14 17 18 19 20 21 22 23 24 25".split())


class Organisation(models.Model):
    """A kommun or a region: the tenant."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", _("Municipality")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    scb_code = models.CharField(
        _("SCB code"),
        max_length=4,
        unique=True,
        help_text=_("Municipality code (kommunkod, 4 digits) or county code (länskod, 2 digits)."),
    )
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Number of inhabitants; used for figures per 10,000 inhabitants."),
    )
    require_two_factor = models.BooleanField(
        _("require two-factor authentication"),
        default=False,
        help_text=_(
            "Every member must use an authenticator app (a one-time code) besides the password "
            "to work in this organisation."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collab:organisation_detail")

    def clean(self) -> None:
        code = self.scb_code or ""
        expected = 4 if self.kind == self.Kind.MUNICIPALITY else 2
        if not code.isdigit() or len(code) != expected:
            if self.kind == self.Kind.MUNICIPALITY:
                message = _("A municipality code (kommunkod) is exactly 4 digits, e.g. 0180.")
            else:
                message = _("A county code (länskod) is exactly 2 digits, e.g. 01.")
            raise ValidationError({"scb_code": message})
        if self.kind == self.Kind.REGION and code not in COUNTY_CODES:
            raise ValidationError(
                {"scb_code": _("%(code)s is not a county code.") % {"code": code}}
            )
        if self.kind == self.Kind.MUNICIPALITY and code[:2] not in COUNTY_CODES:
            raise ValidationError(
                {"scb_code": _("A municipality code starts with its county code (01–25).")}
            )


class Network(models.Model):
    """A network of organisations, e.g. SKR's network of model municipalities."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinated_networks",
        blank=True,
        verbose_name=_("network coordinators"),
        help_text=_(
            "Network coordinators (nätverkssamordnare) read the network's comparisons; "
            "they never edit the member organisations' records."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:overview", kwargs={"network": self.slug})

    def active_members(self) -> models.QuerySet:
        """The organisations that are members now (invited ones have not accepted yet)."""
        return Organisation.objects.filter(
            network_memberships__network=self,
            network_memberships__status=NetworkMembership.Status.ACTIVE,
        )


class NetworkMembership(models.Model):
    """An organisation's membership of a network, and what it shares with that network.

    A network coordinator invites; the organisation's administrator accepts (or declines) and
    may leave. The organisation alone decides, per kind, what the network and its other
    members may see; nothing else of the organisation is ever shown to them. Not
    organisation-owned: the network's pages read it for every member (through
    ``network.selectors``, which checks the status and the consent).
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    # What a member can share with a network, one consent each (field name, label).
    SHARE_KINDS = (
        ("share_figures", _("yearly figures")),
        ("share_levels", _("levels of the seven areas")),
        ("share_examples", _("good examples")),
        ("share_documents", _("adopted governing documents")),
        ("share_contacts", _("contact persons")),
    )

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    share_figures = models.BooleanField(
        _("share yearly figures"),
        default=False,
        help_text=_("The indicators of follow-up for every year, for comparison."),
    )
    share_levels = models.BooleanField(
        _("share the levels of the seven areas"),
        default=False,
        help_text=_("The level (0–4) of each of the seven areas, for the matrix and mentors."),
    )
    share_examples = models.BooleanField(
        _("share good examples"),
        default=False,
        help_text=_("Good examples you publish to the network."),
    )
    share_documents = models.BooleanField(
        _("share adopted governing documents"),
        default=False,
        help_text=_("Title, kind and adoption of governing documents that have been adopted."),
    )
    share_contacts = models.BooleanField(
        _("share contact persons"),
        default=False,
        help_text=_("The names and e-mail addresses of the contact persons you give."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network__name", "organisation__name"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="unique_network_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def shared_text(self) -> str:
        """What the member shares, e.g. "yearly figures, good examples" (empty: nothing)."""
        return ", ".join(str(label) for name, label in self.SHARE_KINDS if getattr(self, name))

    def shares(self, kind: str) -> bool:
        """Whether the member shares ``kind`` ("figures", "levels", "examples", "documents",
        "contacts") with the network now."""
        return self.is_active and bool(getattr(self, f"share_{kind}"))


def scoped_manager(queryset_class: type[models.QuerySet]) -> models.Manager:
    """The organisation-scoped default manager with ``queryset_class``'s methods, where a
    domain's rules live (e.g. ``Activity.objects.overdue(today)``).

    Fail-closed like the plain :class:`ScopedManager`: outside a scope every query, the rule
    methods included, raises ``ScopeError`` (the rule methods end in ``filter``, which the
    disabled queryset refuses).
    """
    disabled = type(f"Disabled{queryset_class.__name__}", (DisabledQuerySet, queryset_class), {})
    base = type(
        ScopedManager(
            organisation="organisation",
            _manager_class=models.Manager.from_queryset(queryset_class),
        )
    )

    class Manager(base):
        def get_queryset(self):
            queryset = super().get_queryset()
            if type(queryset) is DisabledQuerySet:
                return disabled(self.model, using=self._db, missing_scopes=queryset.missing_scopes)
            return queryset

    return Manager()


def member_owner_field(verbose_name=None, help_text=None) -> models.ForeignKey:
    """A task's owner who is a member of the organisation (beside a free-text owner for
    people outside it). Forms offer only the organisation's active members
    (:func:`collab.selectors.member_users`); a removed user leaves the free text."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name or _("owner (member)"),
        help_text=help_text
        or _("A member of the organisation; write the name instead for someone outside it."),
    )


class OrganisationOwned(models.Model):
    """Abstract base for every record that belongs to one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Set from the signed-in user's organisation; never chosen in a form."),
    )

    objects = ScopedManager(organisation="organisation")

    # A save or delete changes the organisation's records (collab.figures.records_state);
    # False for bookkeeping that is not a record (e.g. a background job's progress).
    counts_as_records = True

    class Meta:
        abstract = True


class UploadedImport(OrganisationOwned):
    """Abstract base of an uploaded import file (register, supplier payments): kept for the
    preview, the confirmation and the download of the rows with errors. The rows are read from
    ``content`` again for every preview and on confirmation, so a preview always reflects the
    current data. Subclasses add their counts, ``history`` (excluding ``content``) and URLs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        APPLIED = "applied", _("Imported")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (.xlsx)"

    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("file format"), max_length=10, choices=Format.choices)
    # The CSV file as uploaded; for a workbook, its first sheet as CSV.
    content = models.BinaryField(_("file content"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_applied(self) -> bool:
        return self.status == self.Status.APPLIED


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    VIEWER = "viewer", _("Elected representative")


class Access(models.IntegerChoices):
    """What a view needs; each role grants a level."""

    READ = 1, _("read")
    EDIT = 2, _("edit")
    MANAGE = 3, _("manage members")


ROLE_ACCESS = {
    Role.VIEWER: Access.READ,
    Role.COORDINATOR: Access.EDIT,
    Role.ADMINISTRATOR: Access.MANAGE,
}

ROLE_HELP = {
    Role.ADMINISTRATOR: _("Reads and edits all records and manages who has access."),
    Role.COORDINATOR: _("Reads and edits all of the organisation's records."),
    Role.VIEWER: _("Reads lists, details, dashboards and reports; edits nothing."),
}


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Members who can work in the organisation: not deactivated. Only these are offered
        as choices (owners, attendees) and counted as members."""
        return self.filter(is_active=True)


class Membership(OrganisationOwned):
    """A user's role in one organisation. A deactivated membership (``is_active`` False) is
    kept, with its history, but gives no access: the user cannot switch to the organisation
    and its pages answer as to someone who is not a member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.COORDINATOR,
        help_text=_(
            "Administrator: edits everything and manages members. Coordinator: edits all "
            "records. Elected representative: reads, edits nothing."
        ),
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "A deactivated member keeps their history but cannot open the organisation; an "
            "administrator can reactivate them."
        ),
    )

    objects = scoped_manager(MembershipQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__username"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="unique_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("collab:membership_detail", kwargs={"pk": self.pk})

    @property
    def access(self) -> int:
        return ROLE_ACCESS[Role(self.role)]

    def status_display(self) -> str:
        return str(_("Active") if self.is_active else _("Deactivated"))

    @property
    def can_edit(self) -> bool:
        return self.access >= Access.EDIT

    @property
    def can_manage(self) -> bool:
        return self.access >= Access.MANAGE


INVITATION_DAYS = 14


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Sent and awaiting an answer: not accepted, declined or withdrawn, and not expired."""
        from django.utils import timezone

        return self.filter(
            accepted_at__isnull=True,
            declined_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )


class Invitation(OrganisationOwned):
    """An administrator's invitation to an e-mail address to join the organisation.

    Adding a person is always an invitation, whether or not an account with the address
    exists: the administrator learns nothing about the person until they accept. The link in
    the e-mail carries a random token; only its SHA-256 is stored.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = scoped_manager(InvitationQuerySet)
    history = HistoricalRecords(
        history_manager=ScopedHistoryManager, excluded_fields=["token_hash"]
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email

    def get_absolute_url(self) -> str:
        return reverse("collab:invitation_detail", kwargs={"pk": self.pk})

    @property
    def status(self) -> str:
        from django.utils import timezone

        if self.accepted_at:
            return _("Accepted")
        if self.declined_at:
            return _("Declined")
        if self.withdrawn_at:
            return _("Withdrawn")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("Sent, awaiting answer")

    @property
    def is_answered(self) -> bool:
        return bool(self.accepted_at or self.declined_at or self.withdrawn_at)


class UserPreference(models.Model):
    """A user's own choices: the organisation they land in after logging in, and whether
    they get the daily reminder e-mail.

    Set only by the user (the organisation switcher in the header), never by an administrator.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="samverka_preference",
        verbose_name=_("user"),
    )
    landing_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation to start in"),
    )
    email_reminders = models.BooleanField(
        _("daily reminders by e-mail"),
        default=True,
        help_text=_(
            "An e-mail in the morning when something you are responsible for is due or "
            "overdue. No e-mail on days when nothing is."
        ),
    )

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")

    def __str__(self) -> str:
        return str(self.user)


class DeletionSnapshot(OrganisationOwned):
    """What the change history does not keep of a deleted record, written when it is
    deleted through the application (:func:`collab.trash.delete_record`): its many-to-many
    links and the fields the history excludes (a partnership's criteria, a document's stored
    file), and which records went in the same delete (``batch``; the chosen one: ``is_root``).

    The history's deletion row stays the source of the field values, the time and the user;
    a record deleted some other way is still restorable, without these extras."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    batch = models.UUIDField(db_index=True)
    is_root = models.BooleanField(default=False)
    deleted_at = models.DateTimeField()
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "content_type", "object_id"], name="deletion_org_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} ({self.deleted_at:%Y-%m-%d %H:%M})"


# --- figures (collab.figures) ------------------------------------------------------------------


class RecordsChange(models.Model):
    """One change to an organisation's records (written in the same transaction as the change,
    an insert that never waits for another writer). The highest id is the organisation's
    records version: stored figures computed at a lower version are stale."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "id"], name="records_change_org_id")]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.pk}"


class YearlyFigure(models.Model):
    """One figure of the catalogue (``collab.figures``) for one organisation and year.

    ``value`` None means no data for the year (not zero). A year before the current one is
    closed: its figures were computed during the year or at their first reading after it, and
    change only by an explicit, logged recalculation (``FigureRecalculation``)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("figure"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2, null=True)
    version = models.BigIntegerField(default=0)  # the records version it was computed at
    computed_at = models.DateTimeField(_("computed"))
    computed_on = models.DateField()  # the local date (figures that count "up to today")

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("yearly figure")
        verbose_name_plural = _("yearly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key", "year"], name="one_figure_per_key_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.year}"


class FigureRecalculation(models.Model):
    """A closed year's figures computed again from today's records, with the reason given."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recalculated by"),
    )
    changed_at = models.DateTimeField(_("recalculated"), auto_now_add=True)
    # [{"key": ..., "before": "12.00" | None, "after": ...}] for the figures that changed.
    changes = models.JSONField(_("changes"), default=list, encoder=DjangoJSONEncoder)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("recalculation of a closed year")
        verbose_name_plural = _("recalculations of closed years")

    def __str__(self) -> str:
        return f"{self.year}: {self.reason[:40]}"


# --- reminders and calendar feeds (collab.reminders, collab.calendar) ---------------------------


class ReminderSent(models.Model):
    """An agenda item (``collab.agenda.AgendaItem.key``) mailed to a user in the daily
    reminder of one organisation on one day: never a second mail for it that day, and an item
    still overdue is counted, not listed again, on later days."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=200)
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "item_key", "sent_on"],
                name="one_reminder_per_item_and_day",
            )
        ]
        indexes = [models.Index(fields=["user", "organisation", "item_key"])]

    def __str__(self) -> str:
        return f"{self.item_key} {self.sent_on}"


class CalendarFeed(OrganisationOwned):
    """A private calendar (ICS) address: a person's (``user`` set) or the organisation's.

    The address carries a random token; only its SHA-256 is stored, so the address is shown
    once, when it is created. A new address revokes the earlier one; a revoked address answers
    404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    # Who created and revoked which address, when (never the hash: it is a credential).
    history = HistoricalRecords(
        history_manager=ScopedHistoryManager, excluded_fields=["token_hash"]
    )
    # The organisation's export (collab.export) leaves the hash out too.
    export_exclude = ("token_hash",)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(_("Calendar feed"))


def attachment_path(instance, filename: str) -> str:
    """Stored under the organisation with a random name; served only through a view."""
    extension = Path(filename).suffix.lower()
    return f"attachments/{instance.organisation_id}/{uuid.uuid4().hex}{extension}"


class Attachment(OrganisationOwned):
    """A file attached to a record of a higher app (a meeting's minutes, an IOP's agreement):
    the record is named by its content type and id, and only models registered with
    ``collab.attachments.register_attachable`` may carry attachments. Every upload, the first
    and each new version, is kept as an :class:`AttachmentVersion`; ``file`` is the newest."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("record kind")
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    # The text of the current file, for the search (``collab.files.extract_text``): replaced
    # with each new version; empty when none could be read.
    text_content = models.TextField(_("text of the file"), blank=True, editable=False)

    # The history leaves out the file's text (it follows the file).
    history = HistoricalRecords(
        history_manager=ScopedHistoryManager, excluded_fields=["text_content"]
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["organisation", "content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The page of the record it is attached to (where the attachments are listed)."""
        model = self.content_type.model_class()
        parent = model._base_manager.filter(pk=self.object_id).first() if model else None
        if parent is None or not hasattr(parent, "get_absolute_url"):
            return reverse("collab:home")
        return parent.get_absolute_url()


class AttachmentVersion(OrganisationOwned):
    """One uploaded file of an attachment, kept when a newer one replaces it."""

    attachment = models.ForeignKey(
        Attachment,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("attachment"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]  # newest first
        verbose_name = _("attachment version")
        verbose_name_plural = _("attachment versions")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return self.attachment.get_absolute_url()


# One-time form keys (a double click on "Save" saves once): see collab/submissions.py.
from collab.submissions import FormSubmission  # noqa: E402, F401


class Job(OrganisationOwned):
    """Long work run in the background by a task worker (an import's analysis or confirmation,
    the status report's PDF): what the user sees while it runs, and its outcome. The writes
    are :mod:`collab.jobs`; the page is ``/jobb/<id>/``."""

    counts_as_records = False

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    # What the work is, e.g. "enterprises.import.analyse"; each app names its own kinds.
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=255)
    # The record the work is about, e.g. "enterprises.enterpriseimport:12:<state>": a page
    # finds its latest job (and its stored result) by it.
    subject = models.CharField(_("subject"), max_length=255, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    # The work's input (e.g. an uploaded file) until it is read, and its output (e.g. a PDF).
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    payload = models.BinaryField(_("input"), null=True, blank=True, editable=False)
    result = models.BinaryField(_("output"), null=True, blank=True, editable=False)
    result_name = models.CharField(_("file name"), max_length=255, blank=True)
    result_type = models.CharField(_("content type"), max_length=100, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collab:job_detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


class JobPart(OrganisationOwned):
    """One part of a long list a job keeps with its result (:func:`collab.jobs.store_list`),
    e.g. a page of an import's rows with errors: a page reads only the parts it shows."""

    counts_as_records = False

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField(_("number"))
    data = models.BinaryField(_("content"), editable=False)

    class Meta:
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="collab_jobpart_job_number")
        ]
        verbose_name = _("part of a background job's result")
        verbose_name_plural = _("parts of background jobs' results")

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"
