"""Long work in the background: one home for a job's lifecycle.

A page that would otherwise make the user wait (an import's analysis or confirmation of a
200 000-row file, the status report's PDF) starts a :class:`~collab.models.Job` with
:func:`start_job` and sends the user to the job's page (``/jobb/<id>/``), which shows the
progress and, when the work is done, leads to its result. The work itself is a task
(django-tasks, the database backend: one code path on SQLite and PostgreSQL) run by
``manage.py db_worker``; the task calls :func:`run_job`, which activates the organisation's
scope, marks the job running and records its outcome: :func:`finish` or, on an error,
:func:`fail` with a message in Swedish for the user (never a stack trace).

Apps define their tasks (``@task`` functions in their ``tasks.py``) and what the work does;
nothing here knows a domain app.
"""

import contextvars
import itertools
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from collab.models import Job, JobPart

logger = logging.getLogger(__name__)

# Progress is written at most this often (rows), so a 200 000-row file makes few writes.
PROGRESS_EVERY = 2_000


# The job the current task runs (set by :func:`run_job`), for :func:`tracked`.
_current: contextvars.ContextVar["Job | None"] = contextvars.ContextVar(
    "samverka_job", default=None
)


class JobError(Exception):
    """The work could not be done; ``message`` (Swedish, for the user) says why, and
    ``back_url`` is where the user can act on it (shown there as an error message)."""

    def __init__(self, message: str, back_url: str = ""):
        super().__init__(message)
        self.message = message
        self.back_url = back_url


def start_job(
    *,
    organisation,
    user,
    kind: str,
    title: str,
    task,
    subject: str = "",
    params: dict | None = None,
    payload: bytes | None = None,
) -> Job:
    """Store a queued job and enqueue ``task`` (a django-tasks ``Task`` taking the job's id)."""
    job = Job.objects.create(
        organisation=organisation,
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        title=title[:255],
        subject=subject[:255],
        # The work speaks the user's language (messages, a report's text).
        params={"language": translation.get_language() or "sv", **(params or {})},
        payload=payload,
    )
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    # A worker may have done it already (an idle one, or the tests' in-process worker): the
    # caller can then show the result at once instead of the progress page.
    job.refresh_from_db(fields=["status", "result_url", "result_name", "error", "task_id"])
    return job


def active_job(subject: str, kind: str) -> Job | None:
    """The queued or running job of this kind on ``subject``, if any (to show instead of
    starting the same work twice)."""
    return (
        Job.objects.filter(subject=subject, kind=kind)
        .exclude(status__in=[Job.Status.DONE, Job.Status.FAILED])
        .defer("payload", "result")
        .first()
    )


def latest_result(subject: str, kind: str):
    """The stored result (see :func:`finish` ``data``) of the latest finished job of this kind
    on ``subject``, or None."""
    job = (
        Job.objects.filter(subject=subject, kind=kind, status=Job.Status.DONE)
        .exclude(result=None)
        .only("result")
        .first()
    )
    if job is None:
        return None
    # Only this module writes ``result`` (pickled by the worker from our own objects).
    return pickle.loads(bytes(job.result))  # noqa: S301


def store(*, organisation, user, kind: str, title: str, subject: str, make: Callable) -> Job:
    """Keep ``make(job)`` as a finished job's result under ``subject`` (see
    :func:`latest_result`), e.g. an import's analysis made by another job; ``make`` may keep
    long lists with the stored job (:func:`store_list`)."""
    job = Job.objects.create(
        organisation=organisation,
        user=user,
        kind=kind,
        title=title[:255],
        subject=subject[:255],
        status=Job.Status.RUNNING,
    )
    finish(job, data=make(job))
    return job


# Items in one stored part of a list (see :func:`store_list`), and parts written at a time.
PART_SIZE = 100
_PARTS_PER_WRITE = 50


class StoredList(Sequence):
    """A long list kept with a job's result in parts (:func:`store_list`): its length is known
    without reading it, a slice (a page) reads only the parts it covers, and iterating reads
    the parts one after the other. Pickled with the result as a few numbers."""

    def __init__(self, job_id: int, first_part: int, count: int, part_size: int):
        self.job_id, self.first_part = job_id, first_part
        self.count, self.part_size = count, part_size

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count)
            if start >= stop:
                return []
            first, last = start // self.part_size, (stop - 1) // self.part_size
            items = [item for part in self._parts(first, last) for item in part]
            offset = first * self.part_size
            return items[start - offset : stop - offset : step]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self[index : index + 1][0]

    def __iter__(self) -> Iterator:
        last = (self.count - 1) // self.part_size
        for part in self._parts(0, last, chunk_size=20):
            yield from part

    def _parts(self, first: int, last: int, chunk_size: int = 100) -> Iterator[list]:
        if self.count == 0:
            return
        rows = (
            JobPart.objects.filter(
                job_id=self.job_id,
                number__gte=self.first_part + first,
                number__lte=self.first_part + last,
            )
            .order_by("number")
            .values_list("data", flat=True)
        )
        for data in rows.iterator(chunk_size=chunk_size):
            # Only :func:`store_list` writes parts (pickled by the worker from our own objects).
            yield pickle.loads(bytes(data))  # noqa: S301


def store_list(job: Job, items: Iterable, part_size: int = PART_SIZE) -> StoredList:
    """Keep ``items`` with ``job`` (saved, not yet finished) in parts of ``part_size`` and
    return the :class:`StoredList` to keep in the job's result (e.g. an import's rows with
    errors, shown a page at a time)."""
    first_part = (
        JobPart.objects.filter(job=job).order_by("-number").values_list("number", flat=True).first()
    )
    first_part = 0 if first_part is None else first_part + 1
    number, count, batch = first_part, 0, []
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, part_size)):
        batch.append(
            JobPart(
                organisation_id=job.organisation_id,
                job=job,
                number=number,
                data=pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL),
            )
        )
        number, count = number + 1, count + len(chunk)
        if len(batch) >= _PARTS_PER_WRITE:
            JobPart.objects.bulk_create(batch)
            batch = []
    if batch:
        JobPart.objects.bulk_create(batch)
    return StoredList(job.pk, first_part, count, part_size)


def drop_results(queryset) -> None:
    """Forget the stored results (and their parts) of the jobs in ``queryset``, e.g. the older
    analyses of an import (one of 200 000 rows takes megabytes)."""
    JobPart.objects.filter(job__in=queryset.values("pk")).delete()
    queryset.exclude(result=None).update(result=None)


def finished_file(subject: str, kind: str) -> Job | None:
    """The latest job of this kind on ``subject`` that made a file, or None."""
    return (
        Job.objects.filter(subject=subject, kind=kind, status=Job.Status.DONE)
        .exclude(result_name="")
        .first()
    )


def report_progress(job: Job, done: int, total: int, message: str = "") -> None:
    """Record how far the work is (e.g. rows processed of all rows); cheap to call often:
    written every :data:`PROGRESS_EVERY` steps and at the end."""
    if done < total and done - job.done < PROGRESS_EVERY and job.total == total:
        return
    job.done, job.total = done, total
    fields = {"done": done, "total": total}
    if message:
        job.message = fields["message"] = message[:500]
    Job.objects.filter(pk=job.pk).update(**fields)


def tracked(items: Iterable, message: str = "") -> Iterator:
    """Iterate over ``items`` (a sized collection, e.g. a file's rows) and report the progress
    to the job being run, if any: a loop in domain code says what it counts, and outside a
    job (a test, a management command) it is a plain loop."""
    job = _current.get()
    if job is None:
        yield from items
        return
    total = len(items)
    report_progress(job, 0, total, message)
    done = 0
    for done, item in enumerate(items, start=1):
        yield item
        if done % PROGRESS_EVERY == 0:
            report_progress(job, done, total)
    report_progress(job, done, total)


def set_step(job: Job, message: str) -> None:
    """Say what the work does now (e.g. "Saving the rows"), shown beside the progress bar."""
    job.message = message[:500]
    Job.objects.filter(pk=job.pk).update(message=job.message)


def finish(
    job: Job,
    *,
    result_url: str = "",
    message: str = "",
    data=None,
    file: bytes | None = None,
    file_name: str = "",
    content_type: str = "",
) -> None:
    """The work is done: where its result is (a page, or ``file`` to download from the job),
    a message for the user, and ``data`` to keep for the page that shows it."""
    job.status = Job.Status.DONE
    job.finished_at = timezone.now()
    job.result_url = result_url
    job.message = message[:500]
    job.payload = None
    job.done = job.total = max(job.total, job.done, 1)
    if data is not None:
        job.result = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    if file is not None:
        job.result, job.result_name, job.result_type = file, file_name, content_type
    job.save()


def fail(job: Job, message: str, *, back_url: str = "") -> None:
    """The work could not be done: ``message`` in Swedish says what went wrong; with
    ``back_url``, the job's page leads there and shows the message (e.g. the upload form for
    a file that cannot be read, the preview for an import refused on confirmation)."""
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED,
        error=message,
        result_url=back_url,
        finished_at=timezone.now(),
        payload=None,
    )
    job.status, job.error, job.result_url = Job.Status.FAILED, message, back_url


def run_job(job_id: int, work: Callable[[Job], None]) -> None:
    """Run ``work(job)`` for a task: inside the job's organisation scope and in the language
    of the user who started it. An
    expected refusal (:class:`JobError`, a ``ValidationError``) becomes the job's message;
    anything else is logged and the user is told that the work failed unexpectedly. The
    task itself always succeeds: the job holds the outcome."""
    with scopes_disabled():
        job = Job.objects.select_related("organisation", "user").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    language = job.params.get("language") or "sv"
    with scope(organisation=job.organisation_id), translation.override(language):
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
        job.status = Job.Status.RUNNING
        token = _current.set(job)
        try:
            work(job)
        except JobError as exc:
            fail(job, exc.message, back_url=exc.back_url)
        except ValidationError as exc:
            fail(job, " ".join(exc.messages), back_url=job.params.get("back_url", ""))
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            fail(
                job,
                _(
                    "The work stopped because of an unexpected error. Nothing was saved. Try "
                    "again; if it happens again, contact your administrator."
                ),
            )
        finally:
            _current.reset(token)
