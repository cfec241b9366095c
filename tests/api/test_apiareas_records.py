"""The API's governing documents (and their files), action plan and meetings: the rules of the
pages (in force, overdue), the download of the pages, the list filters, and the attendees'
personal data only for a key allowed it."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from areas.models import ActivityStatus, DocumentStatus
from tests.factories import (
    ActivityFactory,
    CoordinationGroupFactory,
    GoverningDocumentFactory,
    GroupMemberFactory,
    MeetingActionFactory,
    MeetingFactory,
    SocialEnterpriseFactory,
)
from tests.factories.api import api_key_for, bearer

PROBLEM = "application/problem+json"
TODAY = timezone.localdate()


def _problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM)
    return response.json()


def _results(client, url, secret, **params):
    response = client.get(url, params, **bearer(secret))
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_documents_metadata_file_download_and_filters(client, world):
    a, b = world.a.organisation, world.b.organisation
    adopted = GoverningDocumentFactory(organisation=a, title="Program för sociala företag")
    draft = GoverningDocumentFactory(
        organisation=a,
        title="Utkast till policy",
        status=DocumentStatus.DRAFT,
        adopted_on=None,
        file=None,
        file_name="",
        next_review=TODAY - datetime.timedelta(days=1),
    )
    other = GoverningDocumentFactory(organisation=b)
    _key, secret = api_key_for(a)
    _key, secret_b = api_key_for(b)
    url = reverse("api:document-list")

    rows = {row["id"]: row for row in _results(client, url, secret)}
    assert set(rows) == {adopted.pk, draft.pk}
    row = rows[adopted.pk]
    assert row["in_force"] is True and rows[draft.pk]["in_force"] is False
    assert row["adopted_on"] == "2025-06-16" and row["next_review"] == "2027-06-30"
    assert (row["kind"], row["status"], row["area"]) == ("program", "antagen", 4)
    assert (row["file_name"], row["content_type"]) == ("program.pdf", "application/pdf")
    assert row["file_size"] == adopted.file.size and row["version"] == 1
    assert row["updated_at"] and rows[draft.pk]["file_url"] is None

    # The file: the page's download, for the key's own organisation only.
    download = client.get(row["file_url"], **bearer(secret))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert 'filename="program.pdf"' in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "no-store" in download["Cache-Control"]
    _problem(client.get(row["file_url"], **bearer(secret_b)), 404)
    other_url = reverse("api:document-file", kwargs={"pk": other.pk})
    _problem(client.get(other_url, **bearer(secret)), 404)
    _problem(
        client.get(reverse("api:document-file", kwargs={"pk": draft.pk}), **bearer(secret)), 404
    )
    _problem(client.get(row["file_url"]), 401)

    # The list page's filters, in force and changed since.
    assert [r["id"] for r in _results(client, url, secret, status="utkast")] == [draft.pk]
    assert [r["id"] for r in _results(client, url, secret, in_force="true")] == [adopted.pk]
    assert [r["id"] for r in _results(client, url, secret, q="policy")] == [draft.pk]
    assert _results(client, url, secret, updated_since="2999-01-01T00:00:00Z") == []
    assert len(_results(client, url, secret, updated_since="2020-01-01T00:00:00Z")) == 2
    bad = _problem(
        client.get(url, {"kind": "roman", "updated_since": "igår"}, **bearer(secret)), 400
    )
    assert set(bad["errors"]) == {"kind", "updated_since"}


def test_action_plan_overdue_rule_and_filters(client, world):
    a = world.a.organisation
    late = ActivityFactory(
        organisation=a, title="Sen", due_date=TODAY - datetime.timedelta(days=3), area=3
    )
    done = ActivityFactory(
        organisation=a,
        title="Klar",
        due_date=TODAY - datetime.timedelta(days=3),
        status=ActivityStatus.DONE,
        percent_complete=100,
    )
    later = ActivityFactory(
        organisation=a, title="Senare", due_date=datetime.date(TODAY.year + 1, 3, 1)
    )
    ActivityFactory(organisation=world.b.organisation)
    _key, secret = api_key_for(a)
    url = reverse("api:activity-list")

    rows = {row["id"]: row for row in _results(client, url, secret)}
    assert set(rows) == {late.pk, done.pk, later.pk}
    assert (rows[late.pk]["overdue"], rows[late.pk]["done"]) == (True, False)
    assert (rows[done.pk]["overdue"], rows[done.pk]["done"]) == (False, True)
    assert rows[later.pk]["overdue"] is False
    assert rows[late.pk]["owner"] == "Näringslivschefen" and rows[late.pk]["area"] == 3

    def ids(**params):
        return {r["id"] for r in _results(client, url, secret, **params)}

    assert ids(overdue="ja") == {late.pk}
    assert ids(area=3) == {late.pk}
    assert ids(status="klar") == {done.pk}
    assert ids(year=TODAY.year + 1) == {later.pk}
    assert ids(year=2001) == set()
    bad = _problem(client.get(url, {"year": 1999, "area": 8}, **bearer(secret)), 400)
    assert set(bad["errors"]) == {"year", "area"}


def test_meeting_attendees_only_for_a_key_allowed_personal_data(client, world):
    a, b = world.a.organisation, world.b.organisation
    group = CoordinationGroupFactory(organisation=a)
    member = GroupMemberFactory(
        organisation=a, group=group, name="Lena Persson", email="lena.persson@example.se"
    )
    enterprise = SocialEnterpriseFactory(organisation=a)
    meeting = MeetingFactory(
        organisation=a, group=group, date=datetime.date(2025, 9, 15), other_attendees="Gäst Ek"
    )
    with scopes_disabled():
        meeting.attending_members.add(member)
        meeting.attending_enterprises.add(enterprise)
    action = MeetingActionFactory(organisation=a, meeting=meeting)
    MeetingFactory(organisation=a, group=group, date=datetime.date(2026, 3, 2))
    other_group = CoordinationGroupFactory(organisation=b)
    _key, plain = api_key_for(a)
    _key, personal = api_key_for(a, allow_personal_data=True)
    url = reverse("api:meeting-list")
    detail = reverse("api:meeting-detail", kwargs={"pk": meeting.pk})

    response = client.get(detail, **bearer(plain))
    row = response.json()
    assert "attendees" not in row and row["attendee_count"] == 2
    assert "Lena" not in response.content.decode() and "Gäst" not in response.content.decode()
    assert row["enterprises_present"] == [enterprise.pk] and row["group"] == group.pk
    assert row["actions"][0]["id"] == action.pk and row["actions"][0]["who"]
    assert (row["date"], row["minutes"]) == ("2025-09-15", meeting.minutes)

    allowed = client.get(detail, **bearer(personal)).json()
    assert allowed["attendees"]["members"] == [
        {
            "id": member.pk,
            "name": "Lena Persson",
            "email": "lena.persson@example.se",
            "represents": member.represents,
            "represents_label": member.get_represents_display(),
            "organisation_name": member.organisation_name,
        }
    ]
    assert allowed["attendees"]["other"] == "Gäst Ek"
    listed = _results(client, url, personal)
    assert "attendees" in listed[0] and len(listed) == 2
    # With the attendees too, the list's query count does not grow with meetings.
    client.get(url, **bearer(personal))  # the key's "last used" is written once a minute
    with CaptureQueriesContext(connection) as two:
        client.get(url, **bearer(personal))
    third = MeetingFactory(organisation=a, group=group)
    with scopes_disabled():
        third.attending_members.add(GroupMemberFactory(organisation=a, group=group))
    MeetingActionFactory(organisation=a, meeting=third)
    with CaptureQueriesContext(connection) as three:
        assert len(_results(client, url, personal)) == 3
    assert len(three) == len(two)

    assert [r["id"] for r in _results(client, url, plain, year=2025)] == [meeting.pk]
    assert len(_results(client, url, plain, group=group.pk)) == 3
    # Another organisation's group is not a choice (as on the page).
    bad = _problem(client.get(url, {"group": other_group.pk}, **bearer(plain)), 400)
    assert set(bad["errors"]) == {"group"}
