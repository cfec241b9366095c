"""The coordinator changes a programme, a session, an assignment and a team; a team removes a
file of its answer while it is open (and not after the deadline)."""

import datetime

from django.core.files.base import ContentFile
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


def _url(name, network, **kwargs):
    return reverse(f"network:{name}", kwargs={"network": network.slug, **kwargs})


def _programme(world, due_in_days=5):
    today = timezone.localdate()
    programme = Programme.objects.create(network=world.network, name="Serien")
    session = ProgrammeSession.objects.create(programme=programme, date=today, theme="Start")
    assignment = Assignment.objects.create(
        session=session, title="Uppgift", due_date=today + datetime.timedelta(days=due_in_days)
    )
    team = ProgrammeTeam.objects.create(programme=programme, organisation=world.a.organisation)
    return programme, session, assignment, team


def test_the_coordinator_changes_the_programme_session_assignment_and_team(world, client):
    programme, session, assignment, team = _programme(world)
    network = world.network
    client.force_login(world.network_coordinator)
    today = timezone.localdate()
    posts = [
        ("programme_update", programme.pk, {"name": "Serien 2027", "description": "Ny"}),
        (
            "session_update",
            session.pk,
            {"date": today.isoformat(), "theme": "Uppstart", "area": "", "material": "Bilder"},
        ),
        (
            "assignment_update",
            assignment.pk,
            {"title": "Kartlägg", "instructions": "", "due_date": today.isoformat()},
        ),
        ("team_update", team.pk, {"members": "Anna Berg, upphandlare\nOla Ek, näringsliv"}),
    ]
    for name, pk, data in posts:
        response = client.post(_url(name, network, pk=pk), data)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    programme.refresh_from_db()
    session.refresh_from_db()
    assignment.refresh_from_db()
    team.refresh_from_db()
    assert programme.name == "Serien 2027"
    assert (session.theme, session.area, session.material) == ("Uppstart", None, "Bilder")
    assert (assignment.title, assignment.due_date) == ("Kartlägg", today)
    assert team.members == "Anna Berg, upphandlare\nOla Ek, näringsliv"
    assert team.organisation == world.a.organisation  # the organisation is not changed here
    # The team's people are shown to the coordinator and the team, not to other members.
    page = client.get(_url("programme_detail", network, pk=programme.pk)).content.decode()
    assert "Ola Ek, näringsliv" in page
    client.force_login(world.b.viewer)
    page = client.get(_url("programme_detail", network, pk=programme.pk)).content.decode()
    assert "Alfastads kommun" in page and "Ola Ek" not in page


def _file(world, due_in_days):
    _p, _s, assignment, team = _programme(world, due_in_days)
    submission = Submission.objects.create(
        assignment=assignment, team=team, text="Svar", submitted_at=timezone.now()
    )
    stored = SubmissionFile(submission=submission, file_name="svar.pdf", size=10)
    stored.file.save("svar.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    stored.save()
    return stored


def test_a_team_removes_a_file_while_open_not_after_the_deadline(world, client):
    client.force_login(world.a.coordinator)
    open_file = _file(world, due_in_days=3)
    response = client.post(_url("submission_file_delete", world.network, pk=open_file.pk))
    assert response.status_code == 302
    assert not SubmissionFile.objects.filter(pk=open_file.pk).exists()
    closed_file = _file(world, due_in_days=-1)
    response = client.post(
        _url("submission_file_delete", world.network, pk=closed_file.pk), follow=True
    )
    assert "Ert svar är låst" in response.content.decode()
    assert SubmissionFile.objects.filter(pk=closed_file.pk).exists()
