"""The daily reminder e-mail (``manage.py send_reminders``) and the calendar (ICS) feeds."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from icalendar import Calendar

from collab import agenda
from collab.models import CalendarFeed, Membership, ReminderSent, UserPreference
from network.models import Programme, ProgrammeSession, ProgrammeTeam
from tests.factories import MembershipFactory
from tests.factories.areas import MeetingFactory

TODAY = datetime.date(2026, 11, 10)


@pytest.fixture
def tasks():
    """A task source for the test (the real ones come from the apps): ``add(organisation,
    owner, title, date)`` adds a task item."""
    rows = []

    def source(organisation, *, owner=None, start=None, end=None):
        return [
            item
            for organisation_id, item in rows
            if organisation_id == organisation.pk
            and (owner is None or owner.pk in item.owner_ids)
            and (start is None or item.date >= start)
            and (end is None or item.date <= end)
        ]

    def add(organisation, owner, title, date, done=False):
        key = f"test.task:{len(rows) + 1}"
        item = agenda.AgendaItem(
            key=key,
            kind="Aktivitet",
            title=title,
            date=date,
            url=f"/test/{len(rows) + 1}/",
            owner_ids=frozenset({owner.pk}) if owner else frozenset(),
            done=done,
        )
        rows.append((organisation.pk, item))
        return item

    entry = (-1, source)
    agenda._sources.append(entry)
    yield add
    agenda._sources.remove(entry)


def send(day=TODAY, **options):
    call_command("send_reminders", date=day.isoformat(), stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


# --- reminders ------------------------------------------------------------------------------


def test_a_digest_of_what_became_due_or_overdue_once_a_day(world, tasks, settings):
    settings.SITE_URL = "https://samverka.alfastad.se"
    me = world.a.coordinator
    a = world.a.organisation
    tasks(a, me, "Skicka in ansökan", TODAY)
    tasks(a, me, "Boka lokal", TODAY - datetime.timedelta(days=3))
    tasks(a, me, "Klart sedan länge", TODAY - datetime.timedelta(days=2), done=True)
    tasks(a, me, "Nästa vecka", TODAY + datetime.timedelta(days=7))
    tasks(a, world.a.admin, "Administratörens uppgift", TODAY)

    send()
    [message] = mails_to(me)
    assert "Alfastads kommun" in message.subject
    assert "2" in message.subject
    body = message.body
    assert "Skicka in ansökan" in body and "Boka lokal" in body
    assert "Klart sedan länge" not in body and "Nästa vecka" not in body
    assert "Administratörens uppgift" not in body
    assert "https://samverka.alfastad.se/test/1/" in body
    assert "https://samverka.alfastad.se/konto/installningar/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://samverka.alfastad.se/test/2/">' in html
    assert "Ska vara klart i dag" in body and "Nu försenat" in body  # in Swedish
    # Nothing owned, nothing due: no mail (the viewer); the admin gets their own.
    assert not mails_to(world.a.viewer)
    assert len(mails_to(world.a.admin)) == 1

    # The same day again: nothing new, no second mail.
    mail.outbox.clear()
    send()
    assert mail.outbox == []

    # The next day: the task due yesterday became overdue (listed); the one listed overdue
    # yesterday is still overdue (counted, not listed).
    send(TODAY + datetime.timedelta(days=1))
    [message] = mails_to(me)
    assert "Skicka in ansökan" in message.body
    assert "Boka lokal" not in message.body
    assert "1 uppgift till" in message.body
    # The day after: only "still overdue" items, nothing became due: no mail.
    mail.outbox.clear()
    send(TODAY + datetime.timedelta(days=2))
    assert mails_to(me) == []


def test_no_mail_when_nothing_is_due(world, tasks):
    tasks(world.a.organisation, world.a.coordinator, "Senare", TODAY + datetime.timedelta(days=1))
    send()
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_each_organisation_mails_only_its_own_items(world, tasks):
    me = world.a.coordinator
    MembershipFactory(organisation=world.b.organisation, user=me)
    tasks(world.a.organisation, me, "Alfastads uppgift", TODAY)
    tasks(world.b.organisation, me, "Betabys uppgift", TODAY)
    send()
    by_subject = {m.subject: m.body for m in mails_to(me)}
    assert len(by_subject) == 2
    [alfa] = [body for subject, body in by_subject.items() if "Alfastad" in subject]
    [beta] = [body for subject, body in by_subject.items() if "Betaby" in subject]
    assert "Alfastads uppgift" in alfa and "Betabys uppgift" not in alfa
    assert "Betabys uppgift" in beta and "Alfastads uppgift" not in beta


def test_opted_out_inactive_and_former_members_get_no_mail(world, tasks, client):
    a = world.a.organisation
    for user in (world.a.coordinator, world.a.admin, world.a.viewer, world.outsider):
        tasks(a, user, f"Uppgift för {user.username}", TODAY)
    client.force_login(world.a.coordinator)
    page = client.get(reverse("collab:preferences"))
    assert "Dagliga påminnelser via e-post" in page.content.decode()
    response = client.post(reverse("collab:preferences"), {})  # the box unticked
    assert response.status_code == 302
    assert UserPreference.objects.get(user=world.a.coordinator).email_reminders is False
    world.a.admin.is_active = False
    world.a.admin.save()
    with scopes_disabled():
        Membership.objects.filter(user=world.a.viewer).delete()

    send()
    assert mail.outbox == []

    client.post(reverse("collab:preferences"), {"email_reminders": "on"})
    send()
    assert [m.to for m in mail.outbox] == [[world.a.coordinator.email]]


def test_dry_run_sends_and_records_nothing(world, tasks):
    tasks(world.a.organisation, world.a.coordinator, "Idag", TODAY)
    send(dry_run=True)
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    send()
    assert len(mail.outbox) == 1


# --- calendar feeds -------------------------------------------------------------------------


def _created_url(response) -> str:
    match = re.search(r'value="(http://testserver/kalender/[^"]+\.ics)"', response.content.decode())
    assert match, "the new address is shown"
    return match.group(1).removeprefix("http://testserver")


def _events(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def dated(world, tasks):
    today = timezone.localdate()
    a, b = world.a.organisation, world.b.organisation
    meeting = MeetingFactory(organisation=a, date=today + datetime.timedelta(days=5))
    other_meeting = MeetingFactory(organisation=b, date=today + datetime.timedelta(days=5))
    programme = Programme.objects.create(network=world.network, name="Seminarieserien")
    ProgrammeTeam.objects.create(programme=programme, organisation=a)
    session = ProgrammeSession.objects.create(
        programme=programme, date=today + datetime.timedelta(days=20), theme="Träff om IOP"
    )
    other_programme = Programme.objects.create(network=world.network, name="Bara Betaby")
    ProgrammeTeam.objects.create(programme=other_programme, organisation=b)
    other_session = ProgrammeSession.objects.create(
        programme=other_programme, date=today, theme="Betabys träff"
    )
    mine = tasks(a, world.a.coordinator, "Min uppgift", today + datetime.timedelta(days=2))
    theirs = tasks(a, world.a.admin, "Annans uppgift", today)
    b_task = tasks(b, world.b.coordinator, "Betabys uppgift", today)
    return {
        "meeting": meeting,
        "other_meeting": other_meeting,
        "session": session,
        "other_session": other_session,
        "mine": mine,
        "theirs": theirs,
        "b_task": b_task,
    }


def test_personal_feed_has_my_tasks_and_the_organisations_events(world, dated, client):
    client.force_login(world.a.coordinator)
    response = client.post(reverse("collab:calendar_feed"))
    url = _created_url(response)
    assert "Kopiera adressen nu" in response.content.decode()
    # Shown once: the page afterwards does not show the address.
    assert url not in client.get(reverse("collab:calendar_feed")).content.decode()

    events = _events(Client().get(url))
    meeting, session, mine = dated["meeting"], dated["session"], dated["mine"]
    assert set(events) == {
        f"areas.meeting:{meeting.pk}@samverka",
        f"network.session:{session.pk}@samverka",
        f"{mine.key}@samverka",
    }
    event = events[f"areas.meeting:{meeting.pk}@samverka"]
    assert event.decoded("DTSTART") == meeting.date
    assert event.decoded("DTEND") == meeting.date + datetime.timedelta(days=1)
    assert str(event["SUMMARY"]) == f"Möte: {meeting.title}"
    assert str(event["URL"]) == f"http://testserver{meeting.get_absolute_url()}"
    task = events[f"{mine.key}@samverka"]
    assert task.decoded("DTSTART") == mine.date
    assert str(task["SUMMARY"]) == "Aktivitet: Min uppgift"
    assert "DTSTAMP" in task
    assert events[f"network.session:{session.pk}@samverka"].decoded("DTSTART") == session.date


def test_organisation_feed_has_every_item_of_the_organisation_only(world, dated, client):
    client.force_login(world.a.admin)
    url = _created_url(client.post(reverse("collab:organisation_calendar_feed")))
    text = Client().get(url).content.decode()
    events = _events(Client().get(url))
    assert f"{dated['theirs'].key}@samverka" in events
    assert f"{dated['mine'].key}@samverka" in events
    assert f"areas.meeting:{dated['meeting'].pk}@samverka" in events
    assert f"{dated['b_task'].key}@samverka" not in events
    assert f"areas.meeting:{dated['other_meeting'].pk}@samverka" not in events
    assert f"network.session:{dated['other_session'].pk}@samverka" not in events
    assert "Betaby" not in text
    # A coordinator cannot create the organisation's feed.
    client.force_login(world.a.coordinator)
    assert client.post(reverse("collab:organisation_calendar_feed")).status_code == 403


def test_revoked_replaced_unknown_and_former_members_feeds_are_404(world, dated, client):
    client.force_login(world.a.coordinator)
    first = _created_url(client.post(reverse("collab:calendar_feed")))
    second = _created_url(client.post(reverse("collab:calendar_feed")))
    anonymous = Client()
    assert anonymous.get(first).status_code == 404  # a new address revokes the earlier one
    assert anonymous.get(second).status_code == 200
    assert anonymous.get("/kalender/inte-en-riktig-nyckel.ics").status_code == 404

    page = client.get(reverse("collab:calendar_feed_revoke"))
    assert page.status_code == 200
    response = client.post(reverse("collab:calendar_feed_revoke"))
    assert response.status_code == 302
    assert anonymous.get(second).status_code == 404

    third = _created_url(client.post(reverse("collab:calendar_feed")))
    assert anonymous.get(third).status_code == 200
    with scopes_disabled():
        Membership.objects.filter(user=world.a.coordinator).delete()
        assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1
    assert anonymous.get(third).status_code == 404
    # Only the hash is stored.
    token = third.removeprefix("/kalender/").removesuffix(".ics")
    with scopes_disabled():
        assert not CalendarFeed.objects.filter(token_hash=token).exists()


def test_feed_runs_a_fixed_number_of_queries(world, dated, client):
    client.force_login(world.a.admin)
    url = _created_url(client.post(reverse("collab:organisation_calendar_feed")))
    anonymous = Client()
    with CaptureQueriesContext(connection) as one:
        anonymous.get(url)
    for day in range(1, 11):
        MeetingFactory(
            organisation=world.a.organisation,
            date=timezone.localdate() + datetime.timedelta(days=day),
        )
    with CaptureQueriesContext(connection) as many:
        response = anonymous.get(url)
    assert len(_events(response)) > 10
    assert len(many) == len(one)
