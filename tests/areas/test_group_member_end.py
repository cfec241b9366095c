"""A group member's end date: who left is no longer offered when attendance is recorded, stays
on the meetings they attended, and is listed apart on the group's page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from areas.models import GroupMember, Meeting, Represents
from tests.areas.test_groups import (
    _group,
    count,
    csv_rows,
    field_error,
    sv,
)
from tests.factories import GroupMemberFactory, MeetingFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.coordinator)
    return client


def _attendance_options(response) -> str:
    select = re.search(
        r'<select name="attending_members".*?</select>', response.content.decode(), re.S
    )
    return "".join(re.findall(r"<option.*?</option>", select.group(0)))


def _members(world, group):
    org = world.a.organisation
    current = GroupMemberFactory(organisation=org, group=group, name="Kvar Kvist")
    later = GroupMemberFactory(
        organisation=org, group=group, name="Slutar Senare", ended_on=TODAY + DAY
    )
    former = GroupMemberFactory(
        organisation=org, group=group, name="Gick Gustavsson", ended_on=TODAY - 30 * DAY
    )
    return current, later, former


def test_member_who_left_is_not_offered_for_a_new_meeting(coordinator, world):
    group = _group(world)
    current, later, former = _members(world, group)
    response = coordinator.get(reverse("areas:meeting_create") + f"?group={group.pk}")
    options = _attendance_options(response)
    assert "Kvar Kvist" in options and "Slutar Senare" in options
    assert "Gick Gustavsson" not in options
    # Nor in the other groups' choices the page carries for the script.
    assert "Gick Gustavsson" not in response.content.decode()
    # Without a chosen group either.
    assert (
        "Gick Gustavsson" not in coordinator.get(reverse("areas:meeting_create")).content.decode()
    )


def test_member_who_left_cannot_be_recorded_as_present(coordinator, world):
    group = _group(world, name="Interna gruppen")
    _current, _later, former = _members(world, group)
    response = coordinator.post(
        reverse("areas:meeting_create"),
        {"group": group.pk, "date": TODAY.isoformat(), "attending_members": [former.pk]},
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), "attending_members")
    assert "Gick Gustavsson" in error
    assert "har lämnat Interna gruppen" in error
    assert count(Meeting) == 0


def test_meeting_keeps_a_member_who_left_afterwards(coordinator, world):
    group = _group(world)
    current, _later, former = _members(world, group)
    meeting = MeetingFactory(organisation=world.a.organisation, group=group, title="Vårmötet")
    with scopes_disabled():
        meeting.attending_members.set([current, former])
    url = reverse("areas:meeting_update", kwargs={"pk": meeting.pk})
    options = _attendance_options(coordinator.get(url))
    assert re.search(rf'<option value="{former.pk}" selected>', options)
    page = coordinator.get(url).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page)
    data = {
        "group": group.pk,
        "date": meeting.date.isoformat(),
        "title": "Vårmötet, justerat",
        "attending_members": [current.pk, former.pk],
    }
    if version:
        data["version"] = version.group(1)
    response = coordinator.post(url, data)
    assert response.status_code == 302, field_error(response.content.decode(), "attending_members")
    with scopes_disabled():
        meeting.refresh_from_db()
        assert meeting.title == "Vårmötet, justerat"
        assert set(meeting.attending_members.all()) == {current, former}


def test_group_page_lists_former_members_apart_with_their_end_date(coordinator, world):
    group = _group(world)
    _members(world, group)
    page = coordinator.get(group.get_absolute_url()).content.decode()
    members, former = page.split(sv("Former members"), 1)
    assert "Kvar Kvist" in members and "Slutar Senare" in members
    assert "Gick Gustavsson" not in members
    assert "Gick Gustavsson" in former and "Kvar Kvist" not in former
    ended = TODAY - 30 * DAY
    assert f"{ended.day} " in former and str(ended.year) in former


def test_group_page_has_no_former_members_heading_without_any(coordinator, world):
    group = _group(world)
    GroupMemberFactory(organisation=world.a.organisation, group=group, name="Kvar Kvist")
    page = coordinator.get(group.get_absolute_url()).content.decode()
    assert sv("Former members") not in page


def test_group_list_counts_only_current_members(coordinator, world):
    group = _group(world, name="Räknegruppen")
    _members(world, group)
    rows = csv_rows(coordinator.get(reverse("areas:coordinationgroup_list") + "?export=csv"))
    by_name = {row[sv("Name")]: row for row in rows}
    assert by_name["Räknegruppen"][sv("Members")] == "2"


def test_end_date_before_the_group_started_is_refused_next_to_the_field(coordinator, world):
    group = _group(world, started_on=datetime.date(2025, 3, 1))
    response = coordinator.post(
        reverse("areas:groupmember_create"),
        {
            "group": group.pk,
            "name": "Tidig Tage",
            "represents": Represents.PURCHASING,
            "ended_on": "2025-02-28",
        },
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), "ended_on")
    assert "Slutdatumet är före gruppens startdatum" in error and "2025" in error
    assert count(GroupMember) == 0


def test_end_date_is_saved_from_the_member_form(coordinator, world):
    group = _group(world, started_on=datetime.date(2025, 3, 1))
    response = coordinator.post(
        reverse("areas:groupmember_create"),
        {
            "group": group.pk,
            "name": "Sen Sara",
            "represents": Represents.PURCHASING,
            "ended_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert GroupMember.objects.get().ended_on == datetime.date(2025, 3, 1)


def test_meeting_page_does_not_count_who_had_left_as_absent(coordinator, world):
    group = _group(world)
    current, _later, former = _members(world, group)
    meeting = MeetingFactory(organisation=world.a.organisation, group=group, date=TODAY)
    page = coordinator.get(meeting.get_absolute_url()).content.decode()
    assert "Kvar Kvist" in page and "Gick Gustavsson" not in page
    old = MeetingFactory(organisation=world.a.organisation, group=group, date=TODAY - 60 * DAY)
    assert "Gick Gustavsson" in coordinator.get(old.get_absolute_url()).content.decode()


def test_a_meeting_before_the_member_left_may_record_them(coordinator, world):
    group = _group(world)
    _current, _later, former = _members(world, group)
    before = (TODAY - 60 * DAY).isoformat()
    response = coordinator.post(
        reverse("areas:meeting_create"),
        {"group": group.pk, "date": before, "title": "Höstmötet", "attending_members": [former.pk]},
    )
    assert response.status_code == 302, field_error(response.content.decode(), "attending_members")
    with scopes_disabled():
        meeting = Meeting.objects.get(title="Höstmötet")
        assert list(meeting.attending_members.all()) == [former]
    # Editing that meeting offers who was in the group on its day.
    page = coordinator.get(reverse("areas:meeting_update", kwargs={"pk": meeting.pk}))
    assert "Gick Gustavsson" in _attendance_options(page)
