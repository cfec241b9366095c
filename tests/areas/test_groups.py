"""Coordination groups (internal group, external forum), members, meetings with attendance and
decided actions: what a coordinator does in the browser, and what the pages show."""

import csv
import datetime
import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from areas.models import (
    ActionStatus,
    CoordinationGroup,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    Represents,
)
from tests.factories import (
    CoordinationGroupFactory,
    GroupMemberFactory,
    MeetingActionFactory,
    MeetingFactory,
    SocialEnterpriseFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def sv(text) -> str:
    """The text as the (Swedish) pages show it; English until the catalogue has it."""
    with translation.override("sv"):
        return gettext(str(text))


def shown(text, content: str) -> bool:
    text = sv(text)
    return text in content or html.escape(text) in content


class _TextOfId(HTMLParser):
    """The text inside the element with a given id (e.g. a field's error message)."""

    def __init__(self, element_id):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def field_error(content: str, field: str) -> str:
    """The error shown next to a form field (crispy's ``error_1_id_<field>``), or ''."""
    parser = _TextOfId(f"error_1_id_{field}")
    parser.feed(content)
    return " ".join("".join(parser.parts).split())


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def count(model, **filters) -> int:
    with scopes_disabled():
        return model.objects.filter(**filters).count()


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.coordinator)
    return client


def _group(world, **kwargs):
    return CoordinationGroupFactory(organisation=world.a.organisation, **kwargs)


def _forum(world, **kwargs):
    kwargs.setdefault("name", "Dialogforum sociala företag")
    return _group(world, kind=GroupKind.EXTERNAL, **kwargs)


# --- groups ----------------------------------------------------------------------------------


def test_coordinator_creates_an_external_forum_with_enterprises(coordinator, world):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    response = coordinator.post(
        reverse("areas:coordinationgroup_create"),
        {
            "name": "Dialogforum Alfastad",
            "kind": GroupKind.EXTERNAL,
            "purpose": "Träffas fyra gånger om året.",
            "enterprises": [ekorren.pk],
            "started_on": "2026-01-15",
            "ended_on": "",
        },
    )
    with scopes_disabled():
        group = CoordinationGroup.objects.get(name="Dialogforum Alfastad")
        assert group.organisation == world.a.organisation
        assert list(group.enterprises.all()) == [ekorren]
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url()
    page = coordinator.get(group.get_absolute_url()).content.decode()
    assert ekorren.get_absolute_url() in page


def test_internal_group_with_enterprises_is_refused_next_to_the_field(coordinator, world):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation)
    response = coordinator.post(
        reverse("areas:coordinationgroup_create"),
        {"name": "Interna gruppen", "kind": GroupKind.INTERNAL, "enterprises": [ekorren.pk]},
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), "enterprises")
    assert (
        sv(
            "An internal coordination group has no social enterprises. Untick them, or "
            "choose “External forum with social enterprises” as the kind."
        )
        in error
    )
    assert count(CoordinationGroup) == 0


def test_end_before_start_is_refused_next_to_the_end_date(coordinator, world):
    response = coordinator.post(
        reverse("areas:coordinationgroup_create"),
        {
            "name": "Interna gruppen",
            "kind": GroupKind.INTERNAL,
            "started_on": "2026-05-01",
            "ended_on": "2026-04-01",
        },
    )
    assert response.status_code == 200
    assert sv("The end date is before the start date.") in field_error(
        response.content.decode(), "ended_on"
    )
    assert count(CoordinationGroup) == 0


def test_forum_with_external_actors_cannot_become_internal(coordinator, world):
    forum = _forum(world)
    GroupMemberFactory(
        organisation=world.a.organisation,
        group=forum,
        name="Anna Af",
        represents=Represents.EMPLOYMENT_SERVICE,
    )
    response = coordinator.post(
        reverse("areas:coordinationgroup_update", kwargs={"pk": forum.pk}),
        {"name": forum.name, "kind": GroupKind.INTERNAL},
    )
    assert response.status_code == 200
    assert "Anna Af" in field_error(response.content.decode(), "kind")
    with scopes_disabled():
        forum.refresh_from_db()
    assert forum.kind == GroupKind.EXTERNAL


def test_group_list_counts_members_and_meetings_of_the_last_twelve_months(coordinator, world):
    group = _group(world, name="Interna gruppen")
    for _ in range(3):
        GroupMemberFactory(organisation=world.a.organisation, group=group)
    for days_ago in (10, 200):
        MeetingFactory(organisation=world.a.organisation, group=group, date=TODAY - days_ago * DAY)
    MeetingFactory(organisation=world.a.organisation, group=group, date=TODAY - 400 * DAY)
    MeetingFactory(organisation=world.a.organisation, group=group, date=TODAY + 20 * DAY)
    _group(world, name="Tom grupp")
    rows = csv_rows(coordinator.get(reverse("areas:coordinationgroup_list") + "?export=csv"))
    by_name = {row[sv("Name")]: row for row in rows}
    counted = by_name["Interna gruppen"]
    assert counted[sv("Members")] == "3"
    assert counted[sv("Meetings in the last 12 months")] == "2"
    assert counted[sv("Last meeting")] == (TODAY - 10 * DAY).isoformat()
    assert counted[sv("Next meeting")] == (TODAY + 20 * DAY).isoformat()
    empty = by_name["Tom grupp"]
    assert (empty[sv("Members")], empty[sv("Meetings in the last 12 months")]) == ("0", "0")
    assert empty[sv("Last meeting")] == ""


def test_group_list_filters_by_kind_active_and_search(coordinator, world):
    _group(world, name="Interna gruppen")
    _forum(world, name="Dialogforum")
    _group(world, name="Gamla gruppen", ended_on=TODAY - 30 * DAY, started_on=None)
    url = reverse("areas:coordinationgroup_list")

    def names(query):
        return {row[sv("Name")] for row in csv_rows(coordinator.get(f"{url}?export=csv&{query}"))}

    assert names(f"kind={GroupKind.EXTERNAL}") == {"Dialogforum"}
    assert names("active=ja") == {"Interna gruppen", "Dialogforum"}
    assert names("active=nej") == {"Gamla gruppen"}
    assert names("q=dialog") == {"Dialogforum"}


def test_group_list_sorts_by_number_of_members(coordinator, world):
    small = _group(world, name="Liten")
    big = _group(world, name="Stor")
    GroupMemberFactory(organisation=world.a.organisation, group=small)
    for _ in range(2):
        GroupMemberFactory(organisation=world.a.organisation, group=big)
    url = reverse("areas:coordinationgroup_list") + "?export=csv&sort=-member_count"
    assert [row[sv("Name")] for row in csv_rows(coordinator.get(url))] == ["Stor", "Liten"]


# --- the handbook's three functions ----------------------------------------------------------


def test_internal_group_warns_about_the_missing_function(coordinator, world):
    group = _group(world)
    for represents in (Represents.BUSINESS, Represents.PURCHASING):
        GroupMemberFactory(organisation=world.a.organisation, group=group, represents=represents)
    page = coordinator.get(group.get_absolute_url()).content.decode()
    labour = sv(Represents.LABOUR_MARKET.label)
    assert shown(sv("%(name)s is not represented.") % {"name": labour}, page)
    purchasing = sv(Represents.PURCHASING.label)
    assert not shown(sv("%(name)s is not represented.") % {"name": purchasing}, page)
    assert 'class="alert alert-warning"' in page


def test_internal_group_with_all_three_functions_has_no_warning(coordinator, world):
    group = _group(world)
    for represents in (Represents.BUSINESS, Represents.PURCHASING, Represents.LABOUR_MARKET):
        GroupMemberFactory(organisation=world.a.organisation, group=group, represents=represents)
    page = coordinator.get(group.get_absolute_url()).content.decode()
    assert sv("%(name)s is not represented.").replace("%(name)s", "").strip() not in page
    assert shown(
        "Business development, purchasing and the labour market are all represented in the "
        "group, as the handbook recommends.",
        page,
    )


def test_external_forum_shows_enterprises_and_external_actors_without_the_warning(
    coordinator, world
):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    forum = _forum(world)
    forum.enterprises.add(ekorren)
    GroupMemberFactory(
        organisation=world.a.organisation,
        group=forum,
        name="Anna Af",
        represents=Represents.EMPLOYMENT_SERVICE,
    )
    page = coordinator.get(forum.get_absolute_url()).content.decode()
    assert sv("%(name)s is not represented.").replace("%(name)s", "").strip() not in page
    assert ekorren.get_absolute_url() in page
    assert shown("External actors", page) and "Anna Af" in page


# --- members ---------------------------------------------------------------------------------


def test_member_is_added_from_the_group_page_and_shown_there(coordinator, world):
    group = _group(world)
    page = coordinator.get(group.get_absolute_url()).content.decode()
    add_url = reverse("areas:groupmember_create") + f"?group={group.pk}"
    assert html.escape(add_url) in page
    form = coordinator.get(add_url).content.decode()
    assert re.search(rf'<option value="{group.pk}" selected>', form)
    response = coordinator.post(
        add_url,
        {
            "group": group.pk,
            "name": "Sara Inköp",
            "represents": Represents.PURCHASING,
            "organisation_name": "Upphandlingsenheten",
            "email": "sara@alfastad.se",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url() + "#medlemmar"
    page = coordinator.get(group.get_absolute_url()).content.decode()
    assert "Sara Inköp" in page and "sara@alfastad.se" in page


def test_internal_group_member_representing_an_external_actor_is_refused(coordinator, world):
    group = _group(world)
    response = coordinator.post(
        reverse("areas:groupmember_create"),
        {"group": group.pk, "name": "Anna Af", "represents": Represents.EMPLOYMENT_SERVICE},
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), "represents")
    assert (
        sv(
            "An internal group's members represent the organisation's own "
            "functions. Add external actors to an external forum."
        )
        in error
    )
    assert count(GroupMember) == 0


def test_member_delete_goes_back_to_the_group(coordinator, world):
    member = GroupMemberFactory(organisation=world.a.organisation)
    response = coordinator.post(reverse("areas:groupmember_delete", kwargs={"pk": member.pk}))
    assert response["Location"] == member.group.get_absolute_url() + "#medlemmar"
    assert count(GroupMember) == 0


def test_viewer_sees_no_buttons_that_would_be_refused(client, world):
    group = _group(world)
    GroupMemberFactory(organisation=world.a.organisation, group=group)
    client.force_login(world.a.viewer)
    page = client.get(group.get_absolute_url()).content.decode()
    assert reverse("areas:groupmember_create") not in page
    assert reverse("areas:meeting_create") not in page


# --- meetings --------------------------------------------------------------------------------


def test_new_meeting_from_the_group_offers_only_its_members(coordinator, world):
    group = _group(world)
    own = GroupMemberFactory(organisation=world.a.organisation, group=group, name="Egen Medlem")
    GroupMemberFactory(organisation=world.a.organisation, name="Annan Gruppmedlem")
    page = coordinator.get(reverse("areas:meeting_create") + f"?group={group.pk}")
    select = re.search(r'<select name="attending_members".*?</select>', page.content.decode(), re.S)
    options = "".join(re.findall(r"<option.*?</option>", select.group(0)))
    assert "Egen Medlem" in options
    assert "Annan Gruppmedlem" not in options
    assert f'value="{own.pk}"' in options


def test_coordinator_records_a_meeting_with_attendance(coordinator, world):
    forum = _forum(world)
    member = GroupMemberFactory(organisation=world.a.organisation, group=forum)
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    response = coordinator.post(
        reverse("areas:meeting_create") + f"?group={forum.pk}",
        {
            "group": forum.pk,
            "date": "2026-10-01",
            "title": "Dialog om snöröjning",
            "agenda": "1. Välkommen\n2. Snöröjning",
            "minutes": "Vi gick igenom vinterns behov.",
            "attending_members": [member.pk],
            "attending_enterprises": [ekorren.pk],
            "other_attendees": "Handläggare från Arbetsförmedlingen",
        },
    )
    with scopes_disabled():
        meeting = Meeting.objects.get(title="Dialog om snöröjning")
        assert list(meeting.attending_members.all()) == [member]
        assert list(meeting.attending_enterprises.all()) == [ekorren]
        assert meeting.organisation == world.a.organisation
    assert response["Location"] == meeting.get_absolute_url()
    page = coordinator.get(meeting.get_absolute_url()).content.decode()
    assert "1. Välkommen<br>2. Snöröjning" in page
    assert member.name in page and ekorren.get_absolute_url() in page
    assert "Handläggare från Arbetsförmedlingen" in page


def test_attendance_of_another_groups_member_is_refused_next_to_the_field(coordinator, world):
    group = _group(world, name="Interna gruppen")
    outsider = GroupMemberFactory(organisation=world.a.organisation, name="Olle Utanför")
    response = coordinator.post(
        reverse("areas:meeting_create"),
        {"group": group.pk, "date": "2026-10-01", "attending_members": [outsider.pk]},
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), "attending_members")
    assert "Olle Utanför" in error and "Interna gruppen" in error
    assert count(Meeting) == 0


def test_meeting_form_lists_the_forums_enterprises_first(coordinator, world):
    forum = _forum(world)
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Andra AB")
    inside = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ö-kaféet")
    forum.enterprises.add(inside)
    content = coordinator.get(reverse("areas:meeting_create") + f"?group={forum.pk}").content
    content = content.decode()
    assert content.index("Ö-kaféet") < content.index("Andra AB")


def test_meeting_list_counts_attendance_and_open_actions(coordinator, world):
    forum = _forum(world)
    meeting = MeetingFactory(organisation=world.a.organisation, group=forum, title="Möte ett")
    for _ in range(2):
        meeting.attending_members.add(
            GroupMemberFactory(organisation=world.a.organisation, group=forum)
        )
    for _ in range(3):
        meeting.attending_enterprises.add(
            SocialEnterpriseFactory(organisation=world.a.organisation)
        )
    for status in (ActionStatus.OPEN, ActionStatus.ONGOING, ActionStatus.DONE):
        MeetingActionFactory(organisation=world.a.organisation, meeting=meeting, status=status)
    MeetingFactory(organisation=world.a.organisation, group=forum, title="Möte två")
    rows = csv_rows(coordinator.get(reverse("areas:meeting_list") + "?export=csv"))
    by_title = {row[sv("Title")]: row for row in rows}
    one = by_title["Möte ett"]
    assert one[sv("Members present")] == "2"
    assert one[sv("Enterprises present")] == "3"
    assert one[sv("Open actions")] == "2"
    assert by_title["Möte två"][sv("Open actions")] == "0"


def test_meeting_list_is_newest_first_and_filters(coordinator, world):
    internal = _group(world)
    forum = _forum(world)
    MeetingFactory(
        organisation=world.a.organisation,
        group=internal,
        title="Gammalt",
        date=datetime.date(2025, 3, 1),
    )
    MeetingFactory(
        organisation=world.a.organisation,
        group=forum,
        title="Nytt",
        date=datetime.date(2026, 3, 1),
        minutes="Vi talade om cykelreparationer.",
    )
    url = reverse("areas:meeting_list")

    def titles(query=""):
        rows = csv_rows(coordinator.get(f"{url}?export=csv&{query}"))
        return [row[sv("Title")] for row in rows]

    assert titles() == ["Nytt", "Gammalt"]
    assert titles(f"group={internal.pk}") == ["Gammalt"]
    assert titles(f"kind={GroupKind.EXTERNAL}") == ["Nytt"]
    assert titles("year=2025") == ["Gammalt"]
    assert titles("q=cykel") == ["Nytt"]


def test_group_page_shows_recent_meetings_and_links_to_all(coordinator, world):
    group = _group(world)
    for days_ago in range(12):
        MeetingFactory(
            organisation=world.a.organisation,
            group=group,
            title=f"Möte {days_ago:02d} dagar sedan",
            date=TODAY - days_ago * DAY,
        )
    page = coordinator.get(group.get_absolute_url()).content.decode()
    assert page.index("Möte 00 dagar sedan") < page.index("Möte 01 dagar sedan")
    assert "Möte 09 dagar sedan" in page and "Möte 11 dagar sedan" not in page
    assert html.escape(reverse("areas:meeting_list") + f"?group={group.pk}") in page
    assert html.escape(reverse("areas:meeting_create") + f"?group={group.pk}") in page


# --- decided actions -------------------------------------------------------------------------


def test_action_is_added_from_the_meeting_page(coordinator, world):
    meeting = MeetingFactory(organisation=world.a.organisation)
    add_url = reverse("areas:meetingaction_create") + f"?meeting={meeting.pk}"
    assert html.escape(add_url) in coordinator.get(meeting.get_absolute_url()).content.decode()
    response = coordinator.post(
        add_url,
        {
            "meeting": meeting.pk,
            "what": "Bjuda in till dialog om snöröjning",
            "responsible": "Upphandlingschefen",
            "due_date": "2027-01-31",
            "status": ActionStatus.OPEN,
        },
    )
    assert response["Location"] == meeting.get_absolute_url() + "#atgarder"
    assert count(MeetingAction, meeting=meeting) == 1
    assert (
        "Bjuda in till dialog om snöröjning"
        in coordinator.get(meeting.get_absolute_url()).content.decode()
    )


def _actions(world):
    meeting = MeetingFactory(organisation=world.a.organisation, title="Uppföljningsmöte")
    make = MeetingActionFactory
    org = world.a.organisation
    return {
        "late": make(organisation=org, meeting=meeting, what="Sen", due_date=TODAY - 3 * DAY),
        "late_but_done": make(
            organisation=org,
            meeting=meeting,
            what="Klar",
            due_date=TODAY - 5 * DAY,
            status=ActionStatus.DONE,
        ),
        "coming": make(
            organisation=org,
            meeting=meeting,
            what="Kommande",
            due_date=TODAY + 3 * DAY,
            status=ActionStatus.ONGOING,
        ),
        "undated": make(organisation=org, meeting=meeting, what="Odaterad", due_date=None),
    }


def test_overdue_action_is_marked_on_the_meeting_page(coordinator, world):
    actions = _actions(world)
    page = coordinator.get(actions["late"].meeting.get_absolute_url()).content.decode()
    rows = {
        what: row
        for row in re.findall(r"<tr.*?</tr>", page, re.S)
        for what in ("Sen", "Klar", "Kommande", "Odaterad")
        if f">{what}</th>" in row
    }
    overdue = sv("Overdue")
    assert overdue in rows["Sen"]
    assert all(overdue not in rows[what] for what in ("Klar", "Kommande", "Odaterad"))


def test_action_list_puts_open_first_and_filters_overdue(coordinator, world):
    _actions(world)
    url = reverse("areas:meetingaction_list")

    def rows(query=""):
        return csv_rows(coordinator.get(f"{url}?export=csv&{query}"))

    assert [row[sv("What")] for row in rows()] == ["Sen", "Kommande", "Odaterad", "Klar"]
    overdue = rows("overdue=ja")
    assert [row[sv("What")] for row in overdue] == ["Sen"]
    assert sv("Overdue") in overdue[0][sv("Status")]
    assert {row[sv("What")] for row in rows("overdue=nej")} == {"Kommande", "Odaterad", "Klar"}
    assert [row[sv("What")] for row in rows("status=oppen")] == ["Sen", "Kommande", "Odaterad"]
    page = coordinator.get(url).content.decode()
    assert sv("Overdue") in page


def test_action_list_filters_by_group(coordinator, world):
    first = MeetingActionFactory(organisation=world.a.organisation, what="I första")
    MeetingActionFactory(organisation=world.a.organisation, what="I andra")
    url = reverse("areas:meetingaction_list") + f"?export=csv&group={first.meeting.group_id}"
    assert [row[sv("What")] for row in csv_rows(coordinator.get(url))] == ["I första"]


# --- deletes ---------------------------------------------------------------------------------


def test_group_with_meetings_cannot_be_deleted(coordinator, world):
    meeting = MeetingFactory(organisation=world.a.organisation)
    group = meeting.group
    url = reverse("areas:coordinationgroup_delete", kwargs={"pk": group.pk})
    page = coordinator.get(url).content.decode()
    assert sv("meetings") in page and "Yes, delete" not in page
    response = coordinator.post(url)
    assert response.status_code == 302
    assert count(CoordinationGroup, pk=group.pk) == 1


def test_group_without_meetings_is_deleted_with_its_members(coordinator, world):
    member = GroupMemberFactory(organisation=world.a.organisation)
    response = coordinator.post(
        reverse("areas:coordinationgroup_delete", kwargs={"pk": member.group_id})
    )
    assert response["Location"] == reverse("areas:coordinationgroup_list")
    assert count(CoordinationGroup) == 0 and count(GroupMember) == 0


def test_meeting_delete_takes_its_actions_and_goes_back_to_the_group(coordinator, world):
    action = MeetingActionFactory(organisation=world.a.organisation)
    meeting = action.meeting
    response = coordinator.post(reverse("areas:meeting_delete", kwargs={"pk": meeting.pk}))
    assert response["Location"] == meeting.group.get_absolute_url()
    assert count(Meeting) == 0 and count(MeetingAction) == 0


# --- the enterprise page ---------------------------------------------------------------------


def test_enterprise_page_lists_the_meetings_it_attended_newest_first(coordinator, world):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    forum = _forum(world, name="Dialogforum Alfastad")
    forum.enterprises.add(ekorren)
    older = MeetingFactory(
        organisation=world.a.organisation, group=forum, title="Vårmötet", date=TODAY - 90 * DAY
    )
    newer = MeetingFactory(
        organisation=world.a.organisation, group=forum, title="Höstmötet", date=TODAY - 9 * DAY
    )
    MeetingFactory(organisation=world.a.organisation, group=forum, title="Utan Ekorren")
    for meeting in (older, newer):
        meeting.attending_enterprises.add(ekorren)
    page = coordinator.get(ekorren.get_absolute_url()).content.decode()
    assert shown("Meetings attended", page)
    assert page.index("Höstmötet") < page.index("Vårmötet")
    assert newer.get_absolute_url() in page and older.get_absolute_url() in page
    assert "Utan Ekorren" not in page
    assert forum.get_absolute_url() in page  # the forum it is in


def test_enterprise_page_never_shows_another_organisations_meetings(client, world):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    theirs = MeetingFactory(organisation=world.b.organisation, title="Betabys hemliga möte")
    with scopes_disabled():  # a link across organisations, as a faulty import could make
        theirs.attending_enterprises.add(ekorren)
    own = MeetingFactory(organisation=world.a.organisation, title="Alfastads möte")
    own.attending_enterprises.add(ekorren)
    client.force_login(world.a.coordinator)
    page = client.get(ekorren.get_absolute_url()).content.decode()
    assert "Alfastads möte" in page
    assert "Betabys hemliga möte" not in page


def test_enterprise_page_section_only_with_meetings_or_a_forum(coordinator, world):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation)
    _group(world)  # an internal group only
    assert not shown(
        "Meetings attended", coordinator.get(ekorren.get_absolute_url()).content.decode()
    )
    _forum(world)
    page = coordinator.get(ekorren.get_absolute_url()).content.decode()
    assert shown("Meetings attended", page)
    assert shown(
        "Not in an external forum. Edit the forum and tick the enterprise to invite it.", page
    )


def test_enterprise_page_query_count_does_not_grow_with_meetings(coordinator, world):
    ekorren = SocialEnterpriseFactory(organisation=world.a.organisation)
    forum = _forum(world)
    forum.enterprises.add(ekorren)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert coordinator.get(ekorren.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    MeetingFactory(organisation=world.a.organisation, group=forum).attending_enterprises.add(
        ekorren
    )
    first = queries()
    for _ in range(5):
        meeting = MeetingFactory(organisation=world.a.organisation, group=forum)
        meeting.attending_enterprises.add(ekorren)
    assert queries() == first


# --- query counts on the detail pages --------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _fill_group(world, group, n):
    org = world.a.organisation
    ekorren = SocialEnterpriseFactory(organisation=org)
    group.enterprises.add(ekorren)
    for _ in range(n):
        member = GroupMemberFactory(organisation=org, group=group)
        meeting = MeetingFactory(organisation=org, group=group)
        meeting.attending_members.add(member)
        meeting.attending_enterprises.add(ekorren)
        MeetingActionFactory(organisation=org, meeting=meeting, due_date=TODAY - DAY)
    return meeting


def test_group_and_meeting_pages_do_not_query_per_row(coordinator, world):
    forum = _forum(world)
    meeting = _fill_group(world, forum, 1)
    with scope(organisation=world.a.organisation):
        MeetingActionFactory(organisation=world.a.organisation, meeting=meeting)
    group_first = _queries(coordinator, forum.get_absolute_url())
    meeting_first = _queries(coordinator, meeting.get_absolute_url())
    _fill_group(world, forum, 6)
    for _ in range(4):
        MeetingActionFactory(organisation=world.a.organisation, meeting=meeting)
        meeting.attending_members.add(
            GroupMemberFactory(organisation=world.a.organisation, group=forum)
        )
    assert _queries(coordinator, forum.get_absolute_url()) == group_first
    assert _queries(coordinator, meeting.get_absolute_url()) == meeting_first


# --- navigation ------------------------------------------------------------------------------


def test_menu_links_to_groups_meetings_and_actions(coordinator, world):
    page = coordinator.get(reverse("collab:home")).content.decode()
    for name in ("coordinationgroup_list", "meeting_list", "meetingaction_list"):
        assert f'href="{reverse(f"areas:{name}")}"' in page
