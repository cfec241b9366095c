"""The API gives the owner of a task as the pages show it (``owner_name``: the member's full
name, else the free text), as personal data: only for a key allowed personal data."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    GoverningDocumentFactory,
    MeetingActionFactory,
    PartnershipFactory,
    UserFactory,
)
from tests.factories.api import api_key_for, bearer


def _rows(client, name, secret) -> dict:
    response = client.get(reverse(f"api:{name}-list"), **bearer(secret))
    assert response.status_code == 200, response.content[:300]
    return {row["id"]: row for row in response.json()["results"]}


def test_owner_names_for_a_key_allowed_personal_data(client, world):
    a = world.a.organisation
    member = world.a.coordinator
    member.first_name, member.last_name = "Maja", "Medlem"
    member.save()
    by_member = ActivityFactory(organisation=a, owner="", owner_user=member)
    by_text = ActivityFactory(organisation=a, owner="Näringslivschefen")
    action = MeetingActionFactory(organisation=a, responsible="", owner_user=member)
    document = GoverningDocumentFactory(organisation=a, review_owner_user=member)
    partnership = PartnershipFactory(organisation=a, follow_up_owner_user=member)
    _key, personal = api_key_for(a, allow_personal_data=True)

    activities = _rows(client, "activity", personal)
    assert activities[by_member.pk]["owner_name"] == "Maja Medlem"
    assert activities[by_member.pk]["owner"] == ""
    assert activities[by_text.pk]["owner_name"] == "Näringslivschefen"
    [meeting] = _rows(client, "meeting", personal).values()
    assert meeting["actions"][0]["id"] == action.pk
    assert meeting["actions"][0]["owner_name"] == "Maja Medlem"
    assert _rows(client, "document", personal)[document.pk]["review_owner_name"] == "Maja Medlem"
    assert (
        _rows(client, "partnership", personal)[partnership.pk]["follow_up_owner_name"]
        == "Maja Medlem"
    )


def test_owner_names_are_left_out_without_personal_data(client, world):
    a = world.a.organisation
    member = world.a.coordinator
    member.first_name, member.last_name = "Maja", "Medlem"
    member.save()
    activity = ActivityFactory(organisation=a, owner="", owner_user=member)
    MeetingActionFactory(organisation=a, responsible="", owner_user=member)
    GoverningDocumentFactory(organisation=a, review_owner_user=member)
    PartnershipFactory(organisation=a, follow_up_owner_user=member)
    _key, plain = api_key_for(a)
    for name in ("activity", "meeting", "document", "partnership"):
        response = client.get(reverse(f"api:{name}-list"), **bearer(plain))
        assert response.status_code == 200
        assert "Maja" not in response.content.decode(), name
    row = _rows(client, "activity", plain)[activity.pk]
    assert "owner_name" not in row and row["owner"] == ""


def test_owner_names_cost_no_query_per_row(client, world):
    a = world.a.organisation
    _key, personal = api_key_for(a, allow_personal_data=True)
    cases = {
        "activity": lambda: ActivityFactory(organisation=a, owner_user=UserFactory()),
        "meeting": lambda: MeetingActionFactory(organisation=a, owner_user=UserFactory()),
        "document": lambda: GoverningDocumentFactory(
            organisation=a, review_owner_user=UserFactory()
        ),
        "partnership": lambda: PartnershipFactory(
            organisation=a,
            follow_up_owner_user=UserFactory(),
            start_date=datetime.date(2026, 1, 1),
        ),
    }
    url = {name: reverse(f"api:{name}-list") for name in cases}
    for name, make in cases.items():
        make()
        client.get(url[name], **bearer(personal))  # the key's "last used" is written
        with CaptureQueriesContext(connection) as one:
            client.get(url[name], **bearer(personal))
        make()
        make()
        with CaptureQueriesContext(connection) as three:
            client.get(url[name], **bearer(personal))
        assert len(three) == len(one), (name, [q["sql"] for q in three])
