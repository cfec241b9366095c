"""The supplier-payment import's background tasks (:mod:`collab.imports.jobs`): reading and
analysing an uploaded file (200 000 rows never tie up a web worker), analysing a stored one
again, and carrying out a confirmed import."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from collab import jobs
from collab.imports import jobs as import_jobs
from procurement import spend
from procurement.models import SpendImport


@task()
def read_upload(job_id: int) -> None:
    jobs.run_job(job_id, lambda job: import_jobs.read_upload_work(IMPORT, job))


@task()
def analyse(job_id: int) -> None:
    jobs.run_job(job_id, lambda job: import_jobs.analyse_work(IMPORT, job))


@task()
def apply(job_id: int) -> None:
    jobs.run_job(job_id, lambda job: import_jobs.apply_work(IMPORT, job))


def done_message(done: SpendImport) -> str:
    return _(
        "The import is done. Payments imported: %(payments)s, of which %(matched)s to "
        "social enterprises in the register. Rows with errors, not imported: %(errors)s."
    ) % {
        "payments": done.payment_count,
        "matched": done.matched_count,
        "errors": done.error_count,
    }


def next_url(spend_import: SpendImport) -> str:
    """A file whose columns were not all recognised goes to the column mapping first."""
    if spend_import.layout == SpendImport.Layout.UNKNOWN:
        return reverse("procurement:spendimport_mapping", kwargs={"pk": spend_import.pk})
    return spend_import.get_absolute_url()


def next_message(spend_import: SpendImport) -> str:
    if spend_import.layout == SpendImport.Layout.UNKNOWN:
        return _("Some required columns were not recognised: choose what each column holds.")
    return ""


IMPORT = import_jobs.ImportKind(
    name="procurement.spend_import",
    model=SpendImport,
    read_upload=spend.read_upload,
    create_import=spend.create_import,
    analyse=spend.analyse_import,
    summarise=spend.summarise,
    apply=lambda uploaded, *, user, expected: spend.apply_import(
        spend_import=uploaded, user=user, expected=expected
    ),
    done_message=done_message,
    upload_task=read_upload,
    analyse_task=analyse,
    apply_task=apply,
    upload_url_name="procurement:spendimport_create",
    next_url=next_url,
    next_message=next_message,
    version=lambda spend_import: list(spend_import.mapping),
    rows_to_apply=lambda preview: preview.valid_count,
)
