"""'Mina uppgifter': the signed-in person's open tasks in the current organisation, grouped
overdue, today, the coming 30 days and later; the same number of queries with more rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from collab.formatting import date as sv_date
from tests.factories import (
    ActivityFactory,
    GoverningDocumentFactory,
    MeetingActionFactory,
    PartnershipFactory,
    ProcurementFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
URL = reverse("collab:my_tasks")


def sv(text) -> str:
    with translation.override("sv"):
        return gettext(str(text))


def _titles(response, group):
    return [row["item"].title for row in response.context["groups"][group]]


def _tasks(world, n=1):
    """``n`` tasks of each kind for A's coordinator, spread over the groups."""
    me, a = world.a.coordinator, world.a.organisation
    for i in range(n):
        ActivityFactory(organisation=a, owner_user=me, title=f"Sen {i}", due_date=TODAY - DAY)
        MeetingActionFactory(organisation=a, owner_user=me, what=f"Idag {i}", due_date=TODAY)
        PartnershipFactory(
            organisation=a, follow_up_owner_user=me, title=f"Snart {i}", next_follow_up=TODAY
        )
        GoverningDocumentFactory(
            organisation=a,
            review_owner_user=me,
            title=f"Om en vecka {i}",
            next_review=TODAY + 7 * DAY,
        )
        ProcurementFactory(
            organisation=a,
            employment_report_owner_user=me,
            title=f"Senare {i}",
            next_employment_report=TODAY + 60 * DAY,
        )


def test_my_tasks_are_grouped_by_when_they_are_due(client, world):
    _tasks(world)
    # Someone else's task and the other organisation's are not on the page.
    ActivityFactory(organisation=world.a.organisation, owner_user=world.a.admin, title="Annans")
    ActivityFactory(
        organisation=world.b.organisation, owner_user=world.a.coordinator, title="Betabys"
    )
    client.force_login(world.a.coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    assert _titles(response, "overdue") == ["Sen 0"]
    assert sorted(_titles(response, "today")) == ["Idag 0", "Snart 0"]
    assert _titles(response, "coming") == ["Om en vecka 0"]
    assert _titles(response, "later") == ["Senare 0"]
    content = response.content.decode()
    assert "Annans" not in content and "Betabys" not in content
    assert sv_date(TODAY - DAY) in content  # the date in Swedish format, e.g. 1 december 2026
    assert sv("Later") in content


def test_a_viewer_has_their_page_with_an_empty_state(client, world):
    client.force_login(world.a.viewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["task_count"] == 0
    empty = sv(
        "You have no open tasks in this organisation. When you are chosen as the owner of an "
        "activity, an action, a follow-up, a document review or an employment report, it "
        "appears here."
    )
    assert empty in response.content.decode()


def test_a_viewer_sees_a_task_they_own(client, world):
    ActivityFactory(organisation=world.a.organisation, owner_user=world.a.viewer, title="Min")
    client.force_login(world.a.viewer)
    response = client.get(URL)
    assert [row["item"].title for rows in response.context["groups"].values() for row in rows] == [
        "Min"
    ]


def test_the_page_is_linked_from_the_header_and_the_home_page(client, world):
    client.force_login(world.a.coordinator)
    content = client.get(reverse("collab:home")).content.decode()
    assert content.count(f'href="{URL}"') == 2


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_tasks(client, world):
    client.force_login(world.a.coordinator)
    _tasks(world, 1)
    first = _count(client)
    _tasks(world, 4)
    assert _count(client) == first
