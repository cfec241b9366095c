"""A programme: the coordinator sets it up, a team hands in text and a file, the coordinator
sees the status per team; reminders on the home page; deadlines; who sees a submission."""

import datetime
import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from network.models import (
    Assignment,
    Programme,
    ProgrammeSession,
    ProgrammeTeam,
    Submission,
    SubmissionFile,
)
from tests.network.mentors_helpers import add_member

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name, network, **kwargs):
    return reverse(f"network:{name}", kwargs={"network": network.slug, **kwargs})


def _iso(day):
    return day.isoformat()


def _setup_by_the_coordinator(client, world):
    """Programme → two sessions → an assignment (default due date) → both teams."""
    today = timezone.localdate()
    network = world.network
    client.force_login(world.network_coordinator)
    response = client.post(
        _url("programme_create", network),
        {"name": "Seminarieserien", "description": "En kurs i sex träffar."},
    )
    assert response.status_code == 302
    programme = Programme.objects.get(network=network)
    first_day, second_day = today + datetime.timedelta(days=2), today + datetime.timedelta(days=9)
    for day, theme, area in [(first_day, "Intern samverkan", 3), (second_day, "Upphandling", 6)]:
        response = client.post(
            _url("session_create", network, pk=programme.pk),
            {"date": _iso(day), "theme": theme, "area": area, "material": "Handboken kap. 3"},
        )
        assert response.status_code == 302
    first = ProgrammeSession.objects.get(theme="Intern samverkan")
    # The due date defaults to the day before the next session.
    form = client.get(_url("assignment_create", network, pk=first.pk)).content.decode()
    assert f'value="{_iso(second_day - datetime.timedelta(days=1))}"' in form
    response = client.post(
        _url("assignment_create", network, pk=first.pk),
        {"title": "För tidig", "due_date": _iso(first_day - datetime.timedelta(days=1))},
    )
    assert response.status_code == 200
    assert "Sista dag för inlämning kan inte vara före träffen" in response.content.decode()
    assert not Assignment.objects.exists()
    response = client.post(
        _url("assignment_create", network, pk=first.pk),
        {
            "title": "Kartlägg samverkan",
            "instructions": "En sida.",
            "due_date": _iso(second_day - datetime.timedelta(days=1)),
        },
    )
    assert response.status_code == 302
    for side, members in [(world.a, "Anna Berg, upphandlare"), (world.b, "Per Ek, strateg")]:
        response = client.post(
            _url("team_create", network, pk=programme.pk),
            {"organisation": side.organisation.pk, "members": members},
        )
        assert response.status_code == 302
    assert ProgrammeTeam.objects.filter(programme=programme).count() == 2
    return programme, Assignment.objects.get()


def test_the_whole_flow(world, client):
    programme, assignment = _setup_by_the_coordinator(client, world)
    network = world.network
    due = assignment.due_date

    # The team sees the reminder on its home page.
    client.force_login(world.a.coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    reminder = "Uppgift till träff 1 i Seminarieserien (Kartlägg samverkan) ska lämnas senast"
    assert reminder in home
    assert "Träff 1 i Seminarieserien: Intern samverkan" in home

    # It hands in a text and a file (checked as governing documents are).
    url = _url("submission_edit", network, pk=assignment.pk)
    response = client.post(
        url,
        {"text": "Vi har en samordningsgrupp.", "file": SimpleUploadedFile("svar.pdf", PDF)},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.team.organisation == world.a.organisation
    assert submission.text == "Vi har en samordningsgrupp."
    stored = SubmissionFile.objects.get()
    assert stored.file_name == "svar.pdf"
    # A text file named .pdf is refused with the governing documents' message.
    response = client.post(
        url, {"text": "Ny text", "file": SimpleUploadedFile("falsk.pdf", b"hello")}
    )
    assert response.status_code == 200
    assert "Filen är ett dokument i formatet text (.txt), men namnet slutar på" in (
        html.unescape(response.content.decode())
    )
    assert SubmissionFile.objects.count() == 1
    submission.refresh_from_db()
    assert submission.text == "Vi har en samordningsgrupp."

    # The reminder is gone after handing in.
    home = client.get(reverse("collab:home")).content.decode()
    assert reminder not in home

    # The coordinator's table: Alfastad on time, Betaby not yet due; the submission itself.
    client.force_login(world.network_coordinator)
    page = client.get(_url("programme_status", network, pk=programme.pk)).content.decode()
    alfa_row = page.split("Alfastads kommun")[1].split("</tr>")[0]
    beta_row = page.split("Betaby kommun")[1].split("</tr>")[0]
    assert "Inlämnad i tid" in alfa_row
    assert "Inte inlämnad än, tid kvar" in beta_row
    detail = client.get(_url("submission_detail", network, pk=submission.pk)).content.decode()
    assert "Vi har en samordningsgrupp." in detail
    assert client.get(_url("submission_file", network, pk=stored.pk)).status_code == 200
    assert due == assignment.due_date


def test_a_team_never_sees_another_teams_submission_or_file(world, client):
    programme, assignment = _setup_by_the_coordinator(client, world)
    network = world.network
    client.force_login(world.a.coordinator)
    client.post(
        _url("submission_edit", network, pk=assignment.pk),
        {"text": "Alfastads hemliga svar", "file": SimpleUploadedFile("svar.pdf", PDF)},
    )
    submission, stored = Submission.objects.get(), SubmissionFile.objects.get()
    # Alfastad's own viewer may read and download.
    client.force_login(world.a.viewer)
    assert client.get(_url("submission_detail", network, pk=submission.pk)).status_code == 200
    response = client.get(_url("submission_file", network, pk=stored.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # Betaby (another team) and a member without a team: 404, and nothing on their pages.
    third, third_users = add_member(network, "Tredje kommun", "tredje")
    for user in (world.b.admin, world.b.viewer, third_users["coordinator"]):
        client.force_login(user)
        assert client.get(_url("submission_detail", network, pk=submission.pk)).status_code == 404
        assert client.get(_url("submission_file", network, pk=stored.pk)).status_code == 404
        for name in ("assignment_detail", "programme_detail"):
            pk = assignment.pk if name == "assignment_detail" else programme.pk
            page = client.get(_url(name, network, pk=pk))
            assert page.status_code == 200  # members see the sessions and the assignment
            assert "Alfastads hemliga svar" not in page.content.decode()
        assert (
            "Intern samverkan"
            in client.get(_url("programme_detail", network, pk=programme.pk)).content.decode()
        )
    # Betaby may not remove Alfastad's file.
    client.force_login(world.b.admin)
    response = client.post(_url("submission_file_delete", network, pk=stored.pk))
    assert response.status_code == 404
    assert SubmissionFile.objects.filter(pk=stored.pk).exists()
    # A member without a team cannot hand in.
    client.force_login(third_users["coordinator"])
    response = client.post(_url("submission_edit", network, pk=assignment.pk), {"text": "Vi också"})
    assert response.status_code == 404
    assert Submission.objects.count() == 1


def test_late_and_locked(world, client):
    today = timezone.localdate()
    programme = Programme.objects.create(network=world.network, name="Serien")
    session = ProgrammeSession.objects.create(
        programme=programme, date=today - datetime.timedelta(days=10), theme="Start"
    )
    assignment = Assignment.objects.create(
        session=session, title="Första uppgiften", due_date=today - datetime.timedelta(days=1)
    )
    team_a = ProgrammeTeam.objects.create(programme=programme, organisation=world.a.organisation)
    ProgrammeTeam.objects.create(programme=programme, organisation=world.b.organisation)
    on_time = Submission.objects.create(
        assignment=assignment,
        team=team_a,
        text="I tid",
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    network = world.network
    # Betaby has not handed in: overdue on its home page, "not submitted" for the coordinator.
    client.force_login(world.b.coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    assert "Uppgift till träff 1 i Serien (Första uppgiften) skulle ha lämnats senast" in home
    client.force_login(world.network_coordinator)
    page = client.get(_url("programme_status", network, pk=programme.pk)).content.decode()
    beta_row = page.split("Betaby kommun")[1].split("</tr>")[0]
    assert "Inte inlämnad" in beta_row and "tid kvar" not in beta_row
    # Betaby hands in late, once; then it is locked.
    client.force_login(world.b.coordinator)
    url = _url("submission_edit", network, pk=assignment.pk)
    assert "markeras som för sent" in client.get(url).content.decode()
    assert client.post(url, {"text": "Sent svar"}).status_code == 302
    late = Submission.objects.get(team__organisation=world.b.organisation)
    response = client.post(url, {"text": "Ändrat"}, follow=True)
    assert "Ert svar är låst och kan inte längre ändras" in response.content.decode()
    late.refresh_from_db()
    assert late.text == "Sent svar"
    client.force_login(world.network_coordinator)
    page = client.get(_url("programme_status", network, pk=programme.pk)).content.decode()
    assert "Inlämnad för sent" in page.split("Betaby kommun")[1].split("</tr>")[0]
    assert "Inlämnad i tid" in page.split("Alfastads kommun")[1].split("</tr>")[0]
    # Alfastad's on-time answer is locked after the deadline.
    client.force_login(world.a.coordinator)
    response = client.post(_url("submission_edit", network, pk=assignment.pk), {"text": "Nytt"})
    assert response.status_code == 302
    on_time.refresh_from_db()
    assert on_time.text == "I tid"
    # The overdue reminder is gone for Betaby.
    client.force_login(world.b.coordinator)
    assert "skulle ha lämnats" not in client.get(reverse("collab:home")).content.decode()


def test_a_viewer_cannot_hand_in(world, client):
    today = timezone.localdate()
    programme = Programme.objects.create(network=world.network, name="Serien")
    session = ProgrammeSession.objects.create(programme=programme, date=today, theme="Start")
    assignment = Assignment.objects.create(
        session=session, title="Uppgift", due_date=today + datetime.timedelta(days=3)
    )
    ProgrammeTeam.objects.create(programme=programme, organisation=world.a.organisation)
    client.force_login(world.a.viewer)
    response = client.post(_url("submission_edit", world.network, pk=assignment.pk), {"text": "x"})
    assert response.status_code == 403
    assert not Submission.objects.exists()
