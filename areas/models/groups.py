"""Areas 3 and 5: coordination groups (internal group, external forum), their members, meetings
with attendance and the actions decided at them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.choices import OPEN_ACTION_STATUSES, ActionStatus  # noqa: F401 - re-exported
from areas.querysets import GroupMemberQuerySet, MeetingActionQuerySet, MeetingQuerySet
from collab.formatting import date as format_date
from collab.formatting import owner_name
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned, member_owner_field, scoped_manager
from enterprises.models import SocialEnterprise

# --- areas 3 and 5: coordination groups and meetings -----------------------------------------


class GroupKind(models.TextChoices):
    INTERNAL = "intern", _("Internal coordination group")
    EXTERNAL = "extern", _("External forum with social enterprises")


class Represents(models.TextChoices):
    """The function or actor a group member represents."""

    BUSINESS = "naringsliv", _("Business development (näringsliv)")
    PURCHASING = "upphandling", _("Purchasing and procurement (inköp/upphandling)")
    LABOUR_MARKET = "arbetsmarknad", _("Labour market (arbetsmarknad)")
    SOCIAL_SERVICES = "socialtjanst", _("Social services (socialtjänst)")
    OTHER_FUNCTION = "annan_funktion", _("Other municipal function")
    EMPLOYMENT_SERVICE = "arbetsformedlingen", _("Arbetsförmedlingen")
    SOCIAL_INSURANCE = "forsakringskassan", _("Försäkringskassan")
    COORDINATION_ASSOCIATION = "samordningsforbund", _("Samordningsförbund")
    REGION = "region", _("The region")
    OTHER_ACTOR = "annan_aktor", _("Other external actor")


INTERNAL_FUNCTIONS = frozenset(
    {
        Represents.BUSINESS,
        Represents.PURCHASING,
        Represents.LABOUR_MARKET,
        Represents.SOCIAL_SERVICES,
        Represents.OTHER_FUNCTION,
    }
)
# The functions the handbook names for the internal group (area 3).
CORE_FUNCTIONS = (Represents.BUSINESS, Represents.PURCHASING, Represents.LABOUR_MARKET)


class CoordinationGroup(OrganisationOwned):
    """An internal coordination group (area 3) or an external forum (area 5)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices)
    purpose = models.TextField(
        _("purpose"),
        blank=True,
        help_text=_("What the group is for and its shared routines, e.g. how often it meets."),
    )
    enterprises = models.ManyToManyField(
        SocialEnterprise,
        blank=True,
        related_name="coordination_groups",
        verbose_name=_("social enterprises in the forum"),
        help_text=_("For an external forum: the register's enterprises invited to it."),
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("coordination group")
        verbose_name_plural = _("coordination groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:coordinationgroup_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date is before the start date.")})

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()


class GroupMember(OrganisationOwned):
    """A person in a group and the function or actor they represent."""

    group = models.ForeignKey(
        CoordinationGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("group"),
    )
    name = models.CharField(_("name"), max_length=200)
    represents = models.CharField(_("represents"), max_length=30, choices=Represents.choices)
    organisation_name = models.CharField(
        _("organisation or department"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Upphandlingsenheten or Arbetsförmedlingen Sjöstad."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    ended_on = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_(
            "The day the person left the group. Leave empty while they take part. A member who "
            "has left is listed as a former member and is no longer offered when attendance is "
            "recorded."
        ),
    )

    objects = scoped_manager(GroupMemberQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_represents_display()})"

    def get_absolute_url(self) -> str:
        return self.group.get_absolute_url() + "#medlemmar"

    def is_current_on(self, day) -> bool:
        """The row's copy of :meth:`GroupMemberQuerySet.current_q` (no query)."""
        return self.ended_on is None or self.ended_on > day

    @property
    def is_current(self) -> bool:
        return self.is_current_on(timezone.localdate())

    def clean(self) -> None:
        group = getattr(self, "group", None) if self.group_id else None
        errors = {}
        if (
            group is not None
            and group.kind == GroupKind.INTERNAL
            and self.represents
            and self.represents not in INTERNAL_FUNCTIONS
        ):
            errors["represents"] = _(
                "An internal group's members represent the organisation's own "
                "functions. Add external actors to an external forum."
            )
        if group is not None and group.started_on and self.ended_on:
            if self.ended_on < group.started_on:
                errors["ended_on"] = _("The end date is before the group started (%(date)s).") % {
                    "date": format_date(group.started_on)
                }
        if errors:
            raise ValidationError(errors)


class Meeting(OrganisationOwned):
    """A meeting of a coordination group: agenda, minutes, attendance, decided actions."""

    group = models.ForeignKey(
        CoordinationGroup,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("group"),
    )
    date = models.DateField(_("date"))
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Dialogmöte om vinterns snöröjning."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("What was said and decided."))
    attending_members = models.ManyToManyField(
        GroupMember,
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("members present"),
    )
    attending_enterprises = models.ManyToManyField(
        SocialEnterprise,
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("social enterprises present"),
        help_text=_("Enterprises from the register that took part; shown on their pages."),
    )
    other_attendees = models.TextField(
        _("other participants"), blank=True, help_text=_("Guests who are not group members.")
    )

    objects = scoped_manager(MeetingQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        label = self.title or self.group.name
        return f"{label} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("areas:meeting_detail", kwargs={"pk": self.pk})


class MeetingAction(OrganisationOwned):
    """An action decided at a meeting: what, who, by when, status."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    what = models.CharField(_("what"), max_length=300)
    responsible = models.CharField(
        _("who"),
        max_length=200,
        blank=True,
        help_text=_("Name or function, when not a member of the organisation."),
    )
    owner_user = member_owner_field()
    due_date = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    objects = scoped_manager(MeetingActionQuerySet)
    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("decided action")
        verbose_name_plural = _("decided actions")

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + "#atgarder"

    def clean(self) -> None:
        if not self.owner_user_id and not self.responsible.strip():
            raise ValidationError(
                {"responsible": _("Choose a member as responsible, or write who is responsible.")}
            )

    def owner_name(self) -> str:
        """Who is responsible: the member's name, else the free text (select ``owner_user``)."""
        return owner_name(self.owner_user, self.responsible)

    @property
    def is_overdue(self) -> bool:
        """The row's copy of :meth:`MeetingActionQuerySet.overdue_q` (no query)."""
        return (
            self.status in OPEN_ACTION_STATUSES
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )
