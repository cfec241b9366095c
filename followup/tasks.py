"""The status report's PDF made in the background (:mod:`collab.jobs`): rendering a report of
several years takes long enough that the user follows its progress and then downloads it."""

from django.utils.translation import gettext as _
from django_tasks import task

from collab import jobs
from followup import report, report_pdf


@task()
def report_pdf_task(job_id: int) -> None:
    jobs.run_job(job_id, _make_report_pdf)


def _make_report_pdf(job) -> None:
    first_year, last_year = job.params["first_year"], job.params["last_year"]
    organisation = job.organisation
    jobs.set_step(job, _("Collecting the figures and writing the report"))
    document = report_pdf.live_pdf(organisation, first_year, last_year, job.params["base_url"])
    jobs.finish(
        job,
        file=document,
        file_name=report.report_filename(organisation, report.Period(first_year, last_year)),
        content_type="application/pdf",
    )
