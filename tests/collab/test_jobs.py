"""Long work in the background (collab.jobs): an import's analysis and confirmation and the
status report's PDF are tasks that django-tasks-db's worker runs (here in-process, on the
test's database: SQLite or PostgreSQL); the job's page shows the progress and then the result,
or what went wrong, in Swedish; another organisation's job is a 404."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks_db.models import DBTaskResult

from collab.models import Job
from enterprises.models import EnterpriseImport
from enterprises.orgnr import complete_with_check_digit
from procurement.models import SpendImport, SupplierPayment
from tests.factories import JobFactory
from tests.job_helpers import job_url

pytestmark = pytest.mark.usefixtures("queued_tasks")

BYGG = complete_with_check_digit("556712345")
SPEND_FILE = (
    "bokforingsdatum;leverantor;organisationsnummer;belopp\r\n"
    f"2025-01-10;Cykelköket;{complete_with_check_digit('769512345')};12 500\r\n"
    f"2025-02-01;Bygg AB;{BYGG};1 000\r\n"
    f"2025-02-30;Bygg AB;{BYGG};100\r\n"
)


def _job(pk) -> Job:
    with scopes_disabled():
        return Job.objects.get(pk=pk)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_spend_import_is_read_and_applied_by_the_worker(client, world, run_tasks):
    client.force_login(world.a.coordinator)
    upload = SimpleUploadedFile("reskontra.csv", SPEND_FILE.encode())
    response = client.post(reverse("procurement:spendimport_create"), {"file": upload})
    url = job_url(response)
    assert url, "the upload answers at once with the job's page"
    # Queued: nothing read yet; the page shows a progress bar and a way to look again.
    with scopes_disabled():
        assert not SpendImport.objects.exists()
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "<progress" in html and 'aria-live="polite"' in html
    assert "Uppdatera" in html and "job-progress.js" in html and "<script>" not in html
    status = client.get(url + "status/").json()
    assert status["status"] == "queued" and not status["finished"]

    assert run_tasks() == 1
    with scopes_disabled():
        spend_import = SpendImport.objects.get()
    status = client.get(url + "status/").json()
    assert status["status"] == "done" and status["percent"] == 100 and status["total"] == 3
    assert status["result_url"] == spend_import.get_absolute_url()
    # Done: the job's page leads to the preview, which shows the stored analysis.
    assert client.get(url)["Location"] == spend_import.get_absolute_url()
    preview = client.get(spend_import.get_absolute_url())
    assert preview.status_code == 200
    assert [row.line for row, _problem in preview.context["errors"]] == [4]
    fingerprint = preview.context["fingerprint"]

    # The confirmation is a task too; a second confirmation meanwhile shows the same job.
    confirm = client.post(spend_import.get_absolute_url(), {"fingerprint": fingerprint})
    again = client.post(spend_import.get_absolute_url(), {"fingerprint": fingerprint})
    assert job_url(confirm) and job_url(again) == job_url(confirm)
    with scopes_disabled():
        assert not SupplierPayment.objects.exists()
    assert run_tasks() == 1
    done = client.get(job_url(confirm), follow=True)
    assert done.redirect_chain[-1][0] == spend_import.get_absolute_url()
    [message] = _messages(done)
    assert "Importerade betalningar: 2" in message
    with scopes_disabled():
        assert SupplierPayment.objects.count() == 2
        assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_the_import_says_how_many_rows_it_saves_while_it_runs(
    client, world, run_tasks, monkeypatch
):
    """The import's one transaction hides its own progress writes until it ends: the step
    text, written before it starts, says how many rows of the confirmed preview it saves."""
    from procurement import spend

    seen = []
    original = spend.apply_import

    def watching(**kwargs):
        with scopes_disabled():
            seen.append(Job.objects.get(kind="procurement.spend_import.apply").message)
        return original(**kwargs)

    monkeypatch.setattr(spend, "apply_import", watching)
    client.force_login(world.a.coordinator)
    upload = SimpleUploadedFile("reskontra.csv", SPEND_FILE.encode())
    client.post(reverse("procurement:spendimport_create"), {"file": upload})
    run_tasks()
    with scopes_disabled():
        spend_import = SpendImport.objects.get()
    fingerprint = client.get(spend_import.get_absolute_url()).context["fingerprint"]
    client.post(spend_import.get_absolute_url(), {"fingerprint": fingerprint})
    run_tasks()
    assert seen == ["Kontrollerar och sparar 2 rader på en gång"]
    with scopes_disabled():
        assert SupplierPayment.objects.count() == 2


def test_a_file_that_cannot_be_read_is_explained_in_swedish(client, world, run_tasks):
    client.force_login(world.a.coordinator)
    upload = SimpleUploadedFile("foretag.csv", b"namn;organisationsnummer\r\n")
    url = job_url(client.post(reverse("enterprises:import_upload"), {"file": upload}))
    run_tasks()
    assert client.get(url + "status/").json()["status"] == "failed"
    back = client.get(url)
    assert back["Location"] == reverse("enterprises:import_upload")
    assert _messages(back) == [
        "Filen har inga rader under rubrikraden, så det finns ingenting att importera."
    ]
    with scopes_disabled():
        assert not EnterpriseImport.objects.exists()


def test_an_unexpected_error_shows_a_swedish_error_page(client, world, run_tasks, monkeypatch):
    import dataclasses

    from enterprises import tasks

    def broken(**kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(tasks, "IMPORT", dataclasses.replace(tasks.IMPORT, create_import=broken))
    client.force_login(world.a.coordinator)
    upload = SimpleUploadedFile("foretag.csv", b"namn\r\nCykelk\xc3\xb6ket\r\n")
    url = job_url(client.post(reverse("enterprises:import_upload"), {"file": upload}))
    run_tasks()
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Arbetet kunde inte utföras" in html and "Inget sparades" in html
    assert "internal detail" not in html and "Traceback" not in html
    assert client.get(url + "status/").json()["status"] == "failed"


def test_the_status_report_pdf_is_made_by_a_task(client, world, run_tasks):
    client.force_login(world.a.viewer)
    year = timezone.localdate().year
    response = client.get(reverse("followup:report_pdf"), {"year": year})
    url = job_url(response)
    assert url
    assert run_tasks() == 1
    page = client.get(url)
    download = reverse("collab:job_download", kwargs={"pk": _job(url.split("/")[2]).pk})
    assert download in page.content.decode()
    pdf = client.get(download)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"].startswith('attachment; filename="lagesrapport-')
    # Asked again with nothing changed: the PDF at once, made by the job.
    again = client.get(reverse("followup:report_pdf"), {"year": year})
    assert again.status_code == 200 and again.content == pdf.content


def test_a_draft_status_report_pdf_is_made_by_a_task_a_published_one_is_at_once(
    client, world, run_tasks
):
    from django_scopes import scope

    from tests.factories.followup import StatusReportFactory
    from tests.followup.test_report_committee import pdf_text

    year = timezone.localdate().year
    with scope(organisation=world.a.organisation.pk):
        draft = StatusReportFactory(
            organisation=world.a.organisation,
            first_year=year,
            last_year=year,
            summary="Utkastets egen sammanfattning.",
        )
    client.force_login(world.a.coordinator)
    pdf_url = reverse("followup:statusreport_pdf", kwargs={"pk": draft.pk})
    url = job_url(client.get(pdf_url))
    assert url, "a draft's PDF is made in the background"
    page = client.get(url).content.decode()
    assert "<progress" in page and f"Utkast: Lägesrapport {year}" in page
    assert run_tasks() == 1
    download = reverse("collab:job_download", kwargs={"pk": _job(url.split("/")[2]).pk})
    assert download in client.get(url).content.decode()
    made = client.get(download)
    assert made["Content-Type"] == "application/pdf"
    assert "Utkastets egen sammanfattning." in pdf_text(made.content)
    # Asked again with nothing changed: the PDF at once, made by the job.
    again = client.get(pdf_url)
    assert again.status_code == 200 and again.content == made.content

    # A published report's stored PDF is a plain download, no job.
    with scopes_disabled():
        type(draft).objects.filter(pk=draft.pk).update(
            published_at=timezone.now(), pdf=b"%PDF-1.7 stored"
        )
    published = client.get(pdf_url)
    assert published.status_code == 200 and published.content == b"%PDF-1.7 stored"
    assert run_tasks() == 0


def test_another_organisations_job_is_404(client, world):
    job = JobFactory(organisation=world.a.organisation)
    client.force_login(world.b.admin)
    for name in ("collab:job_detail", "collab:job_status", "collab:job_download"):
        assert client.get(reverse(name, kwargs={"pk": job.pk})).status_code == 404, name
    client.force_login(world.a.viewer)
    assert client.get(reverse("collab:job_status", kwargs={"pk": job.pk})).json()["finished"]


def test_jobs_are_not_records_of_the_organisation(world):
    """A job's progress does not change the organisation's records state (figures, caches)."""
    from collab.figures import records_state

    before = records_state(world.a.organisation)
    JobFactory(organisation=world.a.organisation, created_at=datetime.datetime.now())
    assert records_state(world.a.organisation) == before
