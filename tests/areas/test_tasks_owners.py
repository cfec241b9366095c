"""Owners who are members (activities, meeting actions, IOP follow-ups, document reviews,
employment reports), the areas' and procurement's agenda sources, and overdue IOP follow-ups
on the home page and in the partnership list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from areas import agenda as areas_agenda
from areas.models import ActionStatus, Activity, ActivityStatus, Partnership, PartnershipStatus
from collab.agenda import agenda_items
from procurement import agenda as procurement_agenda
from tests.factories import (
    ActivityFactory,
    GoverningDocumentFactory,
    MeetingActionFactory,
    PartnershipFactory,
    ProcurementFactory,
    UserFactory,
)
from tests.harness.test_lost_updates import PageForm

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def sv(text) -> str:
    with translation.override("sv"):
        return gettext(str(text))


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.coordinator)
    return client


def _activity_data(**overrides) -> dict:
    data = {
        "title": "Kartlägg de sociala företagen",
        "area": "4",
        "document": "",
        "description": "",
        "owner_user": "",
        "owner": "",
        "start_date": "",
        "due_date": TODAY.isoformat(),
        "status": ActivityStatus.ONGOING,
        "percent_complete": "40",
    }
    data.update(overrides)
    return data


def _name(user) -> str:
    return user.get_full_name() or user.username


# --- the member choices --------------------------------------------------------------------------


def test_owner_choices_are_the_organisations_active_members(coordinator, world):
    inactive = UserFactory(username="slutat", is_active=False)
    from collab.models import Membership

    with scopes_disabled():
        Membership.objects.create(organisation=world.a.organisation, user=inactive)
    response = coordinator.get(reverse("areas:activity_create"))
    choices = {user.pk for user in response.context["form"].fields["owner_user"].queryset}
    assert choices == {world.a.admin.pk, world.a.coordinator.pk, world.a.viewer.pk}


def test_another_organisations_user_is_refused_with_a_form_error(coordinator, world):
    response = coordinator.post(
        reverse("areas:activity_create"), _activity_data(owner_user=world.b.coordinator.pk)
    )
    assert response.status_code == 200
    assert (
        sv("Choose a member of the organisation from the list.")
        in (response.context["form"].errors["owner_user"])
    )
    with scopes_disabled():
        assert not Activity.objects.exists()


def test_an_activity_needs_a_member_or_a_written_owner(coordinator, world):
    response = coordinator.post(reverse("areas:activity_create"), _activity_data())
    assert response.context["form"].errors["owner"] == [
        sv("Choose a member as owner, or write who is responsible.")
    ]


def test_a_member_owns_an_activity_and_is_shown_by_name(coordinator, world):
    owner = world.a.viewer
    owner.first_name, owner.last_name = "Vera", "Visare"
    owner.save()
    response = coordinator.post(
        reverse("areas:activity_create"), _activity_data(owner_user=owner.pk)
    )
    assert response.status_code == 302
    with scopes_disabled():
        activity = Activity.objects.get()
    assert activity.owner_user == owner and activity.owner == ""
    assert "Vera Visare" in coordinator.get(activity.get_absolute_url()).content.decode()
    assert "Vera Visare" in coordinator.get(reverse("areas:activity_list")).content.decode()


def test_meeting_action_with_another_organisations_user_is_refused(coordinator, world):
    action = MeetingActionFactory(organisation=world.a.organisation)
    response = coordinator.post(
        reverse("areas:meetingaction_update", kwargs={"pk": action.pk}),
        {
            "meeting": action.meeting_id,
            "what": action.what,
            "owner_user": world.b.admin.pk,
            "responsible": "",
            "due_date": "2026-12-31",
            "status": ActionStatus.OPEN,
        },
    )
    assert response.status_code == 200
    assert "owner_user" in response.context["form"].errors


# --- the agenda sources ----------------------------------------------------------------------


def _owned_world(world):
    """One task of each kind owned by the coordinator of A, and others that are not theirs."""
    me = world.a.coordinator
    a = world.a.organisation
    mine = {
        "activity": ActivityFactory(organisation=a, owner_user=me, owner="", due_date=TODAY - DAY),
        "action": MeetingActionFactory(organisation=a, owner_user=me, due_date=TODAY),
        "partnership": PartnershipFactory(
            organisation=a, follow_up_owner_user=me, next_follow_up=TODAY + 5 * DAY
        ),
        "document": GoverningDocumentFactory(
            organisation=a, review_owner_user=me, next_review=TODAY + 10 * DAY
        ),
        "procurement": ProcurementFactory(
            organisation=a, employment_report_owner_user=me, next_employment_report=TODAY + 40 * DAY
        ),
    }
    # Not the coordinator's: someone else's, done, not yet decided, a draft, another org's.
    ActivityFactory(organisation=a, owner="Någon annan", due_date=TODAY)
    ActivityFactory(
        organisation=a,
        owner_user=me,
        due_date=TODAY,
        status=ActivityStatus.DONE,
        percent_complete=100,
    )
    PartnershipFactory(
        organisation=a,
        follow_up_owner_user=me,
        next_follow_up=TODAY,
        status=PartnershipStatus.DIALOGUE,
    )
    GoverningDocumentFactory(
        organisation=a, review_owner_user=me, next_review=TODAY, status="utkast"
    )
    ActivityFactory(organisation=world.b.organisation, owner_user=me, due_date=TODAY)
    return mine


def test_agenda_sources_give_the_owners_open_tasks(world):
    mine = _owned_world(world)
    with scope(organisation=world.a.organisation):
        items = agenda_items(world.a.organisation, owner=world.a.coordinator, tasks_only=True)
    keys = [item.key for item in items]
    assert keys == [
        f"areas.activity:{mine['activity'].pk}:due",
        f"areas.meetingaction:{mine['action'].pk}:due",
        f"areas.partnership:{mine['partnership'].pk}:follow_up",
        f"areas.governingdocument:{mine['document'].pk}:review",
        f"procurement.procurement:{mine['procurement'].pk}:employment_report",
    ]
    assert all(item.owner_ids == {world.a.coordinator.pk} for item in items)
    assert items[0].is_overdue(TODAY) and items[1].is_due(TODAY)


def test_agenda_sources_without_owner_and_in_a_window(world):
    _owned_world(world)
    with scope(organisation=world.a.organisation):
        everyone = areas_agenda.activities(world.a.organisation)
        window = procurement_agenda.employment_reports(
            world.a.organisation, start=TODAY, end=TODAY + 30 * DAY
        )
    assert sorted(item.owner_text for item in everyone) == ["", "Någon annan"]
    assert window == []


# --- overdue IOP follow-ups ------------------------------------------------------------------


def test_overdue_follow_up_rule(world):
    a = world.a.organisation
    late = PartnershipFactory(organisation=a, next_follow_up=TODAY - DAY)
    PartnershipFactory(organisation=a, next_follow_up=TODAY)
    PartnershipFactory(organisation=a, next_follow_up=TODAY - DAY, status=PartnershipStatus.ENDED)
    PartnershipFactory(organisation=a, next_follow_up=None)
    with scope(organisation=a):
        assert list(Partnership.objects.follow_up_overdue(TODAY)) == [late]
        assert [p.is_follow_up_overdue(TODAY) for p in Partnership.objects.order_by("pk")] == [
            True,
            False,
            False,
            False,
        ]


def test_overdue_follow_up_on_home_page_list_and_filter(coordinator, world):
    a = world.a.organisation
    late = PartnershipFactory(
        organisation=a, title="Sen uppföljning", next_follow_up=TODAY - 3 * DAY
    )
    PartnershipFactory(organisation=a, title="I tid", next_follow_up=TODAY + DAY)
    home = coordinator.get(reverse("collab:home")).content.decode()
    assert late.get_absolute_url() in home
    assert sv("All overdue follow-ups") in home
    listing = coordinator.get(reverse("areas:partnership_list")).content.decode()
    assert listing.count(sv("Follow-up overdue")) >= 2  # the filter's label and the row's badge
    filtered = coordinator.get(reverse("areas:partnership_list"), {"follow_up_overdue": "ja"})
    rows = [row["object"] for row in filtered.context["rows"]]
    assert rows == [late]
    detail = coordinator.get(late.get_absolute_url()).content.decode()
    assert sv("Follow-up overdue") in detail


def test_no_attention_for_follow_ups_in_time(coordinator, world):
    PartnershipFactory(organisation=world.a.organisation, next_follow_up=TODAY)
    home = coordinator.get(reverse("collab:home")).content.decode()
    assert sv("All overdue follow-ups") not in home


def test_an_owner_who_left_stays_on_an_unchanged_edit(coordinator, world):
    former = world.a.admin
    activity = ActivityFactory(organisation=world.a.organisation, owner_user=former, owner="")
    former.is_active = False
    former.save()
    url = reverse("areas:activity_update", kwargs={"pk": activity.pk})
    page = PageForm(coordinator.get(url).content.decode())
    assert page.value("owner_user") == str(former.pk)
    response = coordinator.post(url, page.data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.owner_user == former
    # A new record cannot choose them.
    new = coordinator.get(reverse("areas:activity_create")).context["form"]
    assert former not in new.fields["owner_user"].queryset


def test_only_an_employment_requirement_has_a_next_report(world):
    from django.core.exceptions import ValidationError

    procurement = ProcurementFactory.build(
        organisation=world.a.organisation,
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
        next_employment_report=TODAY,
    )
    with pytest.raises(ValidationError) as raised:
        procurement.full_clean(exclude=["category"])
    assert "next_employment_report" in raised.value.message_dict
