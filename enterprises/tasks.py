"""The register import's background tasks (:mod:`collab.imports.jobs`): reading and analysing an
uploaded file, analysing a stored one again, and carrying out a confirmed import."""

from django.utils.translation import gettext as _
from django_tasks import task

from collab import jobs
from collab.imports import jobs as import_jobs
from enterprises import importing
from enterprises.models import EnterpriseImport


@task()
def read_upload(job_id: int) -> None:
    jobs.run_job(job_id, lambda job: import_jobs.read_upload_work(IMPORT, job))


@task()
def analyse(job_id: int) -> None:
    jobs.run_job(job_id, lambda job: import_jobs.analyse_work(IMPORT, job))


@task()
def apply(job_id: int) -> None:
    jobs.run_job(job_id, lambda job: import_jobs.apply_work(IMPORT, job))


def done_message(done: EnterpriseImport) -> str:
    return _(
        "The import is done. New enterprises: %(new)s. Updated: %(updated)s. "
        "Rows with errors, not imported: %(errors)s."
    ) % {"new": done.new_count, "updated": done.update_count, "errors": done.error_count}


IMPORT = import_jobs.ImportKind(
    name="enterprises.import",
    model=EnterpriseImport,
    read_upload=importing.read_upload,
    create_import=importing.create_import,
    analyse=importing.analyse_import,
    summarise=importing.summarise,
    apply=lambda uploaded, *, user, expected: importing.apply_import(
        enterprise_import=uploaded, user=user, expected=expected
    ),
    done_message=done_message,
    upload_task=read_upload,
    analyse_task=analyse,
    apply_task=apply,
    upload_url_name="enterprises:import_upload",
    rows_to_apply=lambda preview: preview.counts[importing.NEW] + preview.counts[importing.UPDATE],
)
