"""The status report's PDF made in the background (:mod:`collab.jobs`): rendering a report of
several years takes long enough that the user follows its progress and then downloads it."""

from django.utils.translation import gettext as _
from django_tasks import task

from collab import jobs
from followup import report, report_pdf
from followup.models import StatusReport


@task()
def report_pdf_task(job_id: int) -> None:
    jobs.run_job(job_id, _make_report_pdf)


def _make_report_pdf(job) -> None:
    """The report as of today; with ``written`` (a written report's id), a draft with its
    texts (a report published meanwhile is its stored PDF)."""
    first_year, last_year = job.params["first_year"], job.params["last_year"]
    organisation = job.organisation
    written = None
    if job.params.get("written"):
        written = StatusReport.objects.filter(pk=job.params["written"]).first()
        if written is None:
            raise jobs.JobError(_("The status report no longer exists; it may have been deleted."))
    file_name = report.report_filename(organisation, report.Period(first_year, last_year))
    if written is not None and written.is_published:
        document = bytes(written.pdf)
    else:
        jobs.set_step(job, _("Collecting the figures and writing the report"))
        document = report_pdf.live_pdf(
            organisation, first_year, last_year, job.params["base_url"], written=written
        )
    jobs.finish(job, file=document, file_name=file_name, content_type="application/pdf")
