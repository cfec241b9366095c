"""An import's long work as background jobs (:mod:`collab.jobs`): reading an uploaded file and
analysing it for the preview, and applying it on confirmation. Each import names its parts once
in an :class:`ImportKind` and defines three tasks that call :func:`read_upload_work`,
:func:`analyse_work` and :func:`apply_work`; its pages start them (:func:`start_upload`,
:func:`start_analysis`, :func:`start_apply`).

The preview shows the analysis a job stored for the import's current state (its status, e.g.
its column mapping, and the organisation's records state): a change to the records makes a new
analysis, so a preview still reflects the current data, as when it was made on every page view.
What is stored is the import's compact summary (``ImportKind.summarise``: the counts, the first
rows, the fingerprint), with its long lists (e.g. the rows with errors) kept in parts
(:func:`collab.jobs.store_list`): a preview of a 200 000-row file reads only what it shows.
The guarantees of the import stay where they were: the apply writes everything in one
transaction or nothing, and claims the import once (:func:`collab.imports.services.claim`).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collab import formatting, jobs
from collab.figures import records_state
from collab.imports.services import ImportRefused
from collab.models import Job

# The form of the kept analysis (a compact summary with its lists in parts since 2).
SUMMARY_FORMAT = "s2"


@dataclass(frozen=True)
class Unreadable:
    """The analysis of a stored file that cannot be read (any more): the reasons."""

    messages: list[str]


@dataclass(frozen=True)
class ImportKind:
    """One kind of import's parts, for its tasks and pages."""

    name: str  # e.g. "enterprises.import"
    model: type  # a subclass of collab.models.UploadedImport
    read_upload: Callable  # (file_name, content) -> parsed file; ValidationError if unusable
    create_import: Callable  # (organisation=, user=, parsed=, content=) -> stored import
    analyse: Callable  # (stored import) -> analysis
    # (analysis, keep_list) -> what the pages show, where keep_list(items, part_size) keeps a
    # long list in parts with the stored result (collab.jobs.store_list).
    summarise: Callable
    apply: Callable  # (stored import, user=, expected=) -> the applied import
    done_message: Callable[..., str]  # (applied import) -> message for the user
    upload_task: object  # the django-tasks Task of each step (called with the job's id)
    analyse_task: object
    apply_task: object
    upload_url_name: str
    # The page after the upload's analysis (default: the import's preview).
    next_url: Callable = field(default=lambda uploaded: uploaded.get_absolute_url())
    next_message: Callable = field(default=lambda uploaded: "")
    # What else the analysis depends on (e.g. a column mapping).
    version: Callable = field(default=lambda uploaded: "")
    # (summary) -> how many rows the confirmed preview writes, said while the import runs.
    rows_to_apply: Callable = field(default=lambda summary: None)

    def subject(self, uploaded) -> str:
        """The import as it is now: its analysis is stored and found under this."""
        version = hashlib.sha256(str(self.version(uploaded)).encode()).hexdigest()[:12]
        state = records_state(uploaded.organisation_id).key
        # SUMMARY_FORMAT: an analysis kept in an older form is not read (it is made again).
        return (
            f"{self.model._meta.label_lower}:{uploaded.pk}:{uploaded.status}:{version}:{state}"
            f":{SUMMARY_FORMAT}"
        )

    def import_subject(self, uploaded) -> str:
        return f"{self.model._meta.label_lower}:{uploaded.pk}"


def start_upload(kind: ImportKind, *, request, file_name: str, content: bytes) -> Job:
    """Store the uploaded file on a job and enqueue its reading and analysis."""
    return jobs.start_job(
        organisation=request.organisation,
        user=request.user,
        kind=f"{kind.name}.upload",
        title=_("Reading %(file)s") % {"file": file_name},
        task=kind.upload_task,
        params={"file_name": file_name, "back_url": reverse(kind.upload_url_name)},
        payload=content,
    )


def stored_analysis(kind: ImportKind, uploaded):
    """The analysis of the import as it is now, or None (then :func:`start_analysis`)."""
    return jobs.latest_result(kind.subject(uploaded), f"{kind.name}.analyse")


def start_analysis(kind: ImportKind, *, request, uploaded) -> Job:
    """The job analysing the import as it is now: the one running, else a new one."""
    subject = kind.subject(uploaded)
    running = jobs.active_job(subject, f"{kind.name}.analyse")
    if running is not None:
        return running
    return jobs.start_job(
        organisation=request.organisation,
        user=request.user,
        kind=f"{kind.name}.analyse",
        title=_("Checking %(file)s") % {"file": uploaded.file_name},
        task=kind.analyse_task,
        subject=subject,
        params={"pk": uploaded.pk, "back_url": reverse(kind.upload_url_name)},
    )


def start_apply(kind: ImportKind, *, request, uploaded, expected: str | None) -> Job:
    """The job importing the confirmed preview: the one running (a second confirmation
    shows it), else a new one."""
    subject = kind.import_subject(uploaded)
    running = jobs.active_job(subject, f"{kind.name}.apply")
    if running is not None:
        return running
    return jobs.start_job(
        organisation=request.organisation,
        user=request.user,
        kind=f"{kind.name}.apply",
        title=_("Importing %(file)s") % {"file": uploaded.file_name},
        task=kind.apply_task,
        subject=subject,
        params={
            "pk": uploaded.pk,
            "expected": expected or "",
            "back_url": uploaded.get_absolute_url(),
        },
    )


def read_upload_work(kind: ImportKind, job: Job) -> None:
    """Read the uploaded file (the reader's limits, its messages), store the import and its
    analysis; the job leads to the preview (or, for some imports, a next step)."""
    file_name = job.params.get("file_name", "")
    content = bytes(job.payload or b"")
    jobs.set_step(job, _("Reading the file"))
    parsed = kind.read_upload(file_name, content)
    jobs.set_step(job, _("Checking the rows"))
    uploaded = kind.create_import(
        organisation=job.organisation, user=job.user, parsed=parsed, content=content
    )
    analysis = kind.analyse(uploaded)
    jobs.set_step(job, _("Preparing the preview"))
    _keep(kind, job, uploaded, analysis)
    jobs.finish(job, result_url=kind.next_url(uploaded), message=kind.next_message(uploaded))


def _summary(kind: ImportKind, stored: Job, analysis):
    if isinstance(analysis, Unreadable):
        return analysis
    return kind.summarise(
        analysis, lambda items, part_size: jobs.store_list(stored, items, part_size)
    )


def _keep(kind: ImportKind, job: Job, uploaded, analysis) -> None:
    stored = jobs.store(
        organisation=job.organisation,
        user=job.user,
        kind=f"{kind.name}.analyse",
        title=_("Checking %(file)s") % {"file": uploaded.file_name},
        subject=kind.subject(uploaded),
        make=lambda stored: _summary(kind, stored, analysis),
    )
    _drop_older(kind, uploaded, stored)


def _drop_older(kind: ImportKind, uploaded, kept: Job) -> None:
    """Only the import's latest analysis is kept (one of 200 000 rows takes megabytes)."""
    jobs.drop_results(
        Job.objects.filter(
            kind=f"{kind.name}.analyse", subject__startswith=f"{kind.import_subject(uploaded)}:"
        ).exclude(pk=kept.pk)
    )


def _analyse(kind: ImportKind, uploaded):
    try:
        return kind.analyse(uploaded)
    except ValidationError as exc:
        return Unreadable(list(exc.messages))


def _keep_analysis(kind: ImportKind, job: Job, uploaded) -> None:
    _keep(kind, job, uploaded, _analyse(kind, uploaded))


def analyse_work(kind: ImportKind, job: Job) -> None:
    uploaded = _uploaded(kind, job)
    jobs.set_step(job, _("Checking the rows"))
    analysis = _analyse(kind, uploaded)
    jobs.set_step(job, _("Preparing the preview"))
    summary = _summary(kind, job, analysis)
    # Stored under the import's state now (the records may have changed meanwhile).
    job.subject = kind.subject(uploaded)
    jobs.finish(job, result_url=uploaded.get_absolute_url(), data=summary)
    _drop_older(kind, uploaded, job)


def apply_work(kind: ImportKind, job: Job) -> None:
    uploaded = _uploaded(kind, job)
    jobs.set_step(job, _apply_step(kind, uploaded))
    try:
        applied = kind.apply(uploaded, user=job.user, expected=job.params.get("expected"))
    except ImportRefused as exc:
        # Back to the preview, made anew (the records may have changed: that is a reason).
        uploaded.refresh_from_db()
        _keep_analysis(kind, job, uploaded)
        raise jobs.JobError(exc.message, back_url=uploaded.get_absolute_url()) from exc
    jobs.set_step(job, _("Preparing the result"))
    _keep_analysis(kind, job, applied)
    jobs.finish(job, result_url=applied.get_absolute_url(), message=kind.done_message(applied))


def _apply_step(kind: ImportKind, uploaded) -> str:
    """What the import does, said before its one transaction starts (what it writes inside
    is not seen by the progress page until it ends): the number of rows of the preview the
    user confirmed (the apply refuses if the outcome would differ from it)."""
    summary = stored_analysis(kind, uploaded)
    count = None
    if summary is not None and not isinstance(summary, Unreadable):
        count = kind.rows_to_apply(summary)
    if count is None:
        return _("Checking and saving the rows")
    return ngettext(
        "Checking and saving %(count)s row in one go",
        "Checking and saving %(count)s rows in one go",
        count,
    ) % {"count": formatting.number(count)}


def _uploaded(kind: ImportKind, job: Job):
    uploaded = kind.model.objects.filter(pk=job.params.get("pk")).first()
    if uploaded is None:
        raise jobs.JobError(_("The import no longer exists; it may have been deleted."))
    return uploaded
