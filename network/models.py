"""The network side: the reference list of Swedish municipalities and regions, peer groups,
mentor pairings, good examples, questionnaires and seminar programmes.

A network (``collab.Network``) and its members' consent (``collab.NetworkMembership``) are
platform models. Everything here belongs to one network; a member's own records are read only
through ``network.selectors``, which checks what the member shares.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab.models import Network, Organisation

AREA_VALIDATORS = [MinValueValidator(1), MaxValueValidator(7)]


# --- the reference list ------------------------------------------------------------------------


class ReferenceOrganisation(models.Model):
    """One of Sweden's 290 kommuner or 21 regioner, from the official list (SCB's codes).

    Loaded by the data migration from ``network/data/``; a network coordinator invites from
    it. ``organisation`` is the Samverka organisation with the same SCB code, once there is
    one."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", _("Municipality")
        REGION = "region", _("Region")

    scb_code = models.CharField(_("SCB code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    county_code = models.CharField(_("county code"), max_length=2)

    class Meta:
        ordering = ["scb_code"]
        verbose_name = _("municipality or region (reference list)")
        verbose_name_plural = _("municipalities and regions (reference list)")

    def __str__(self) -> str:
        return f"{self.name} ({self.scb_code})"


class Population(models.Model):
    """The number of inhabitants of a kommun or region at a date (editable, dated data: SCB
    publishes it yearly, per 31 December)."""

    reference = models.ForeignKey(
        ReferenceOrganisation,
        on_delete=models.CASCADE,
        related_name="populations",
        verbose_name=_("municipality or region"),
    )
    date = models.DateField(_("date"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["reference__scb_code", "-date"]
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        constraints = [
            models.UniqueConstraint(fields=["reference", "date"], name="unique_population_date")
        ]

    def __str__(self) -> str:
        return f"{self.reference.name} {self.date}: {self.inhabitants}"


# --- comparison --------------------------------------------------------------------------------


class PeerGroup(models.Model):
    """A coordinator-defined group of members to compare with (besides the size groups)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="peer_groups", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_peer_group_name")
        ]

    def __str__(self) -> str:
        return self.name


# --- mentors -----------------------------------------------------------------------------------


class MentorPairing(models.Model):
    """A mentor municipality (level ≥ 3 in an area) paired with one that is starting (≤ 1)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="mentor_pairings", verbose_name=_("network")
    )
    area = models.PositiveSmallIntegerField(_("area"), validators=AREA_VALIDATORS)
    mentor = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    notes = models.TextField(_("notes"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "mentee__name"]
        verbose_name = _("mentor pairing")
        verbose_name_plural = _("mentor pairings")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "area", "mentor", "mentee"], name="unique_mentor_pairing"
            ),
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")), name="mentor_is_not_mentee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee} ({self.area})"


class MentorMeeting(models.Model):
    """A meeting of a mentor pairing, with its notes."""

    pairing = models.ForeignKey(
        MentorPairing, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pairing")
    )
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("mentor meeting")
        verbose_name_plural = _("mentor meetings")

    def __str__(self) -> str:
        return f"{self.pairing} {self.date}"


# --- good examples -----------------------------------------------------------------------------


def example_file_path(instance, filename: str) -> str:
    """Where good examples' files were stored before they became shared attachments
    (``collab.models.Attachment``); kept for the migrations that name it."""
    extension = Path(filename).suffix.lower()
    return f"network/{instance.example.network_id}/{uuid.uuid4().hex}{extension}"


class GoodExample(models.Model):
    """A member's structured good example, published to one network and curated there."""

    class Kind(models.TextChoices):
        STRUCTURE = "structure", _("Collaboration structure")
        PROCUREMENT = "procurement", _("Procurement")
        CONTRACT = "contract", _("Contract or IOP")
        ENTERPRISE = "enterprise", _("Social enterprise")
        DOCUMENT = "document", _("Governing document")
        MEETING_PLACE = "meeting_place", _("Meeting place")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned with a comment")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="good_examples", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"))
    achieved = models.TextField(_("what was achieved"), blank=True)
    how = models.TextField(_("how it was done"), blank=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # The source record (a procurement, an IOP, a document) copied as it was when linked.
    source_kind = models.CharField(_("source record kind"), max_length=50, blank=True)
    source_title = models.CharField(_("source record"), max_length=300, blank=True)
    source_snapshot = models.JSONField(_("source record snapshot"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    featured = models.BooleanField(_("featured"), default=False)
    curator_comment = models.TextField(_("comment from the network coordinator"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    answer = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_examples",
        verbose_name=_("from questionnaire answer"),
    )

    history = HistoricalRecords(excluded_fields=["source_snapshot"])

    class Meta:
        ordering = ["-featured", "-published_at", "title"]
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "network:example_detail", kwargs={"network": self.network.slug, "pk": self.pk}
        )


class GoodExampleArea(models.Model):
    """One of the seven areas a good example belongs to."""

    example = models.ForeignKey(
        GoodExample, on_delete=models.CASCADE, related_name="areas", verbose_name=_("example")
    )
    area = models.PositiveSmallIntegerField(_("area"), validators=AREA_VALIDATORS)

    class Meta:
        ordering = ["area"]
        constraints = [
            models.UniqueConstraint(fields=["example", "area"], name="unique_example_area")
        ]

    def __str__(self) -> str:
        return str(self.area)


# --- questionnaires ----------------------------------------------------------------------------


class Questionnaire(models.Model):
    """A questionnaire a network coordinator sends to the members, with a deadline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="questionnaires", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "title"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One question of a questionnaire (questions are data; SKR's seven are the default)."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    example_kind = models.CharField(
        _("kind of good example"),
        max_length=20,
        choices=GoodExample.Kind.choices,
        blank=True,
        help_text=_("The kind an answer gets when it is turned into a good example."),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="unique_question_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class QuestionnaireResponse(models.Model):
    """A member's response to a questionnaire (a draft until submitted)."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("questionnaire"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "organisation"], name="unique_questionnaire_response"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.questionnaire}"


class Answer(models.Model):
    response = models.ForeignKey(
        QuestionnaireResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["question__number"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.response} {self.question.number}"


# --- programmes --------------------------------------------------------------------------------


def submission_file_path(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()
    network_id = instance.submission.assignment.session.programme.network_id
    return f"network/{network_id}/{uuid.uuid4().hex}{extension}"


class Programme(models.Model):
    """A seminar series: sessions with assignments that member teams solve in between."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class ProgrammeSession(models.Model):
    """One seminar of a programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    date = models.DateField(_("date"))
    theme = models.CharField(_("theme"), max_length=200)
    area = models.PositiveSmallIntegerField(
        _("area"), validators=AREA_VALIDATORS, null=True, blank=True
    )
    material = models.TextField(_("material"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.date} {self.theme}"


class ProgrammeTeam(models.Model):
    """A member organisation's team in a programme: people from several functions."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="teams", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    members = models.TextField(
        _("team members"),
        blank=True,
        help_text=_("One person per line with their function, e.g. “Anna Berg, upphandlare”."),
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="unique_programme_team"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Assignment(models.Model):
    """An assignment given at a session, due before the next one."""

    session = models.ForeignKey(
        ProgrammeSession,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    due_date = models.DateField(_("due date"))

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """A team's answer to an assignment (text and files)."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("assignment"),
    )
    team = models.ForeignKey(
        ProgrammeTeam, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("team")
    )
    text = models.TextField(_("answer"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["team__organisation__name"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "team"], name="unique_submission")
        ]

    def __str__(self) -> str:
        return f"{self.team} – {self.assignment}"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files", verbose_name=_("submission")
    )
    file = models.FileField(_("file"), upload_to=submission_file_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["file_name"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.file_name
