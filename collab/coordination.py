"""The records behind the handbook's seven areas (imported by ``collab.models``).

- area 1: :class:`PoliticalDecision` — which committee holds political responsibility;
- area 2: :class:`CoordinatingFunction` and the people in it (:class:`FunctionMember`);
- areas 3 and 5: :class:`CoordinationGroup` (internal group or external forum), its members
  (:class:`GroupMember`), :class:`Meeting` with attendance and decided actions
  (:class:`MeetingAction`);
- area 4: :class:`GoverningDocument` and the action plan (:class:`Activity`);
- the walk's checklist: :class:`AreaStep` (shared data, editable in the admin) and each
  organisation's progress on it (:class:`StepProgress`).
"""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab.areas import AREA_CHOICES
from collab.history import ScopedHistoryManager
from collab.models import OrganisationOwned

# --- area 1: political anchoring -------------------------------------------------------------


class CommitteeKind(models.TextChoices):
    EXECUTIVE = (
        "styrelse",
        _("Municipal or regional executive board (kommunstyrelse/regionstyrelse)"),
    )
    SPECIALIST = "facknamnd", _("Specialist committee (facknämnd)")


class PoliticalDecision(OrganisationOwned):
    """A decision on which committee holds political responsibility for the work."""

    committee = models.CharField(
        _("committee"),
        max_length=200,
        help_text=_("The committee that holds political responsibility, e.g. Kommunstyrelsen."),
    )
    committee_kind = models.CharField(
        _("kind of committee"), max_length=20, choices=CommitteeKind.choices
    )
    decided_on = models.DateField(_("decision date"))
    case_number = models.CharField(
        _("case number (diarienummer)"), max_length=60, blank=True, help_text=_("E.g. KS 2025/123.")
    )
    decision = models.TextField(
        _("what was decided"),
        help_text=_(
            "The decision in a few sentences, e.g. that the committee is responsible for the "
            "collaboration with social enterprises and who reports to it."
        ),
    )
    repealed_on = models.DateField(
        _("no longer in force from"),
        null=True,
        blank=True,
        help_text=_("Fill in when a later decision replaces this one."),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("political decision")
        verbose_name_plural = _("political decisions")

    def __str__(self) -> str:
        return f"{self.committee} {self.decided_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("collab:politicaldecision_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.decided_on and self.repealed_on and self.repealed_on < self.decided_on:
            raise ValidationError(
                {"repealed_on": _("The decision cannot end before the decision date.")}
            )

    @property
    def in_force(self) -> bool:
        return self.repealed_on is None or self.repealed_on > timezone.localdate()


# --- area 2: the coordinating function -------------------------------------------------------


class FunctionPlacement(models.TextChoices):
    MANAGEMENT = "ledning", _("Management function (ledningsfunktion)")
    LABOUR_MARKET = "arbetsmarknad", _("Labour-market unit (arbetsmarknadsenhet)")
    BUSINESS = "naringsliv", _("Business office (näringslivskontor)")
    OTHER = "annan", _("Other")


class CoordinatingFunction(OrganisationOwned):
    """Who coordinates the work with social enterprises in the organisation."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("E.g. Samordning sociala företag, Kommunledningskontoret."),
    )
    placement = models.CharField(
        _("placement"),
        max_length=20,
        choices=FunctionPlacement.choices,
        help_text=_(
            "Where the function sits shapes the work: in the labour-market unit it easily "
            "becomes a labour-market question, in the business office a business question."
        ),
    )
    unit = models.CharField(
        _("unit or department"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Arbetsmarknadsenheten."),
    )
    mandate = models.TextField(
        _("mandate"),
        blank=True,
        help_text=_("What the function is tasked with and may decide, and whom it reports to."),
    )
    established_on = models.DateField(_("established"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coordinating function")
        verbose_name_plural = _("coordinating functions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collab:coordinatingfunction_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.established_on and self.ended_on and self.ended_on < self.established_on:
            raise ValidationError({"ended_on": _("The end date is before the start date.")})

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()


class FunctionMember(OrganisationOwned):
    """A person in the coordinating function and the share of full time they give it."""

    function = models.ForeignKey(
        CoordinatingFunction,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("coordinating function"),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("E.g. Utvecklingsstrateg.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    share_of_full_time = models.PositiveSmallIntegerField(
        _("share of full time (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much of a full-time post the person gives the function, 1–100 %."),
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person in the function")
        verbose_name_plural = _("people in the function")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.function.get_absolute_url() + "#personer"


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
        "enterprises.SocialEnterprise",
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
        return reverse("collab:coordinationgroup_detail", kwargs={"pk": self.pk})

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

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_represents_display()})"

    def get_absolute_url(self) -> str:
        return self.group.get_absolute_url() + "#medlemmar"

    def clean(self) -> None:
        group = getattr(self, "group", None) if self.group_id else None
        if (
            group is not None
            and group.kind == GroupKind.INTERNAL
            and self.represents
            and self.represents not in INTERNAL_FUNCTIONS
        ):
            raise ValidationError(
                {
                    "represents": _(
                        "An internal group's members represent the organisation's own "
                        "functions. Add external actors to an external forum."
                    )
                }
            )


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
        "enterprises.SocialEnterprise",
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("social enterprises present"),
        help_text=_("Enterprises from the register that took part; shown on their pages."),
    )
    other_attendees = models.TextField(
        _("other participants"), blank=True, help_text=_("Guests who are not group members.")
    )

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
        return reverse("collab:meeting_detail", kwargs={"pk": self.pk})


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    ONGOING = "ongoing", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.ONGOING)


class MeetingAction(OrganisationOwned):
    """An action decided at a meeting: what, who, by when, status."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    what = models.CharField(_("what"), max_length=300)
    responsible = models.CharField(_("who"), max_length=200, help_text=_("Name or function."))
    due_date = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("decided action")
        verbose_name_plural = _("decided actions")

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + "#atgarder"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in OPEN_ACTION_STATUSES
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


# --- area 4: governing documents and the action plan -----------------------------------------


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    STRATEGY = "strategi", _("Strategy (strategi)")
    PROGRAMME = "program", _("Programme (program)")
    GUIDELINE = "riktlinje", _("Guideline (riktlinje)")
    ACTION_PLAN = "handlingsplan", _("Action plan (handlingsplan)")


class DocumentStatus(models.TextChoices):
    DRAFT = "utkast", _("Draft")
    ADOPTED = "antagen", _("Adopted")
    REPEALED = "upphord", _("Repealed")


def document_path(instance, filename: str) -> str:
    """Stored under the organisation with a random name; served only through a view."""
    extension = Path(filename).suffix.lower()
    return f"documents/{instance.organisation_id}/{uuid.uuid4().hex}{extension}"


class GoverningDocument(OrganisationOwned):
    """A policy, strategy, programme, guideline or action plan, with its adoption and review."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("E.g. Kommunfullmäktige.")
    )
    adopted_on = models.DateField(_("adoption date"), null=True, blank=True)
    case_number = models.CharField(_("case number (diarienummer)"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    next_review = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("When the document is to be reviewed (aktualitetsprövning)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        blank=True,
        max_length=255,
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt), at most 20 MB."),
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)

    # The history names the uploaded file (file_name), not its random storage path.
    history = HistoricalRecords(history_manager=ScopedHistoryManager, excluded_fields=["file"])

    class Meta:
        ordering = ["title"]
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collab:governingdocument_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The document cannot stop being valid before it becomes valid.")
        if self.adopted_on and self.next_review and self.next_review < self.adopted_on:
            errors["next_review"] = _("The next review cannot be before the adoption date.")
        if self.status == DocumentStatus.ADOPTED and not self.adopted_on:
            errors["adopted_on"] = _("An adopted document needs its adoption date.")
        if errors:
            raise ValidationError(errors)

    def is_in_force(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == DocumentStatus.ADOPTED
            and (self.valid_from is None or self.valid_from <= today)
            and (self.valid_to is None or self.valid_to >= today)
        )

    def is_due_for_review(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == DocumentStatus.ADOPTED
            and self.next_review is not None
            and self.next_review <= today
        )


class DocumentFileVersion(OrganisationOwned):
    """One uploaded file of a governing document. Every upload adds a version and no upload
    ever deletes an earlier one: the document's current file is its newest version, and the
    earlier ones stay downloadable ("Tidigare versioner")."""

    document = models.ForeignKey(
        GoverningDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("governing document"),
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    # Unknown (None) for a file uploaded before versions were kept.
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)
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
        ordering = ["-pk"]  # newest first
        verbose_name = _("document file version")
        verbose_name_plural = _("document file versions")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("collab:governingdocument_detail", kwargs={"pk": self.document_id})


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Not started")
    ONGOING = "pagaende", _("In progress")
    DONE = "klar", _("Done")
    CANCELLED = "avbruten", _("Cancelled")


OPEN_ACTIVITY_STATUSES = (ActivityStatus.NOT_STARTED, ActivityStatus.ONGOING)


class Activity(OrganisationOwned):
    """An activity in the action plan, linked to one of the seven areas."""

    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area = models.PositiveSmallIntegerField(_("area"), choices=AREA_CHOICES)
    document = models.ForeignKey(
        GoverningDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("governing document"),
        help_text=_("The governing document the activity carries out, if any."),
    )
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who is responsible."))
    start_date = models.DateField(_("start"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("per cent complete"), default=0, validators=[MaxValueValidator(100)]
    )

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["due_date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("action plan")
        indexes = [models.Index(fields=["organisation", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collab:activity_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = _("The due date is before the start date.")
        if self.status == ActivityStatus.DONE and self.percent_complete != 100:
            errors["percent_complete"] = _(
                # xgettext:no-python-format
                "A finished activity is 100 % complete."
            )
        if self.status == ActivityStatus.NOT_STARTED and self.percent_complete:
            errors["percent_complete"] = _(
                # xgettext:no-python-format
                "An activity that has not started is 0 % complete; set the status to in progress."
            )
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in OPEN_ACTIVITY_STATUSES and self.due_date < today


# --- the walk's checklist --------------------------------------------------------------------


class AreaStep(models.Model):
    """A concrete step in one of the seven areas (shared data, refined in the admin)."""

    area = models.PositiveSmallIntegerField(_("area"), choices=AREA_CHOICES)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("step"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        ordering = ["area", "position", "pk"]
        verbose_name = _("checklist step")
        verbose_name_plural = _("checklist steps")

    def __str__(self) -> str:
        return self.title


class StepStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Not started")
    STARTED = "paborjad", _("Started")
    DONE = "genomford", _("Done")
    EVALUATED = "utvarderad", _("Evaluated")


STEP_RANK = {
    StepStatus.NOT_STARTED: 0,
    StepStatus.STARTED: 1,
    StepStatus.DONE: 2,
    StepStatus.EVALUATED: 3,
}


class StepProgress(OrganisationOwned):
    """An organisation's progress on one checklist step."""

    step = models.ForeignKey(
        AreaStep, on_delete=models.CASCADE, related_name="progress", verbose_name=_("step")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    date = models.DateField(_("date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords(history_manager=ScopedHistoryManager)

    class Meta:
        ordering = ["step"]
        verbose_name = _("checklist progress")
        verbose_name_plural = _("checklist progress")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "step"], name="one_progress_per_step_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("collab:area_detail", kwargs={"number": self.step.area})
