"""The meeting form's searchable attendee list in Chromium: chosen by keyboard (type, Enter,
Backspace), only the group's members offered, saved, and axe-core finds nothing on it (nor on
the other forms with a searchable list)."""

import os

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from areas.models import GroupKind, Meeting
from enterprises.models import EnterpriseStatus
from tests.factories import CoordinationGroupFactory, GroupMemberFactory, SocialEnterpriseFactory
from tests.factories.collab import PASSWORD
from tests.harness.test_browser import axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_attendees_are_searched_and_chosen_by_keyboard(live_server, page, world):
    organisation = world.a.organisation
    forum = CoordinationGroupFactory(
        organisation=organisation, name="Dialogforum", kind=GroupKind.EXTERNAL
    )
    for name in ("Anna Berg", "Bertil Ek"):
        GroupMemberFactory(organisation=organisation, group=forum, name=name)
    other = GroupMemberFactory(organisation=organisation, name="Annika Annangrupp").group
    SocialEnterpriseFactory(
        organisation=organisation, name="Nedlagda Kaféet", status=EnterpriseStatus.ENDED
    )
    SocialEnterpriseFactory(
        organisation=organisation, name="Kaféet Bryggan", status=EnterpriseStatus.ACTIVE
    )

    page.goto(live_server.url + "/konto/login/")
    page.fill("#id_username", world.a.coordinator.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/konto/login/" not in url)
    page.goto(live_server.url + reverse("areas:meeting_create") + f"?group={forum.pk}")
    page.fill("#id_date", "2026-10-01")

    # The select's label labels the search field.
    search = page.locator("#id_attending_members-ts-control")
    assert page.locator("label[for='id_attending_members-ts-control']").count() == 1
    options = page.locator("#id_attending_members-ts-dropdown .option")
    chosen = page.locator("#id_attending_members option:checked")
    # Another group chosen: its members are offered; back to the forum: the forum's again.
    page.select_option("#id_group", str(other.pk))
    search.focus()
    page.keyboard.type("ann")
    expect(options).to_have_text(["Annika Annangrupp (Inköp och upphandling)"])
    page.keyboard.press("Enter")
    assert chosen.count() == 1
    page.keyboard.press("Escape")
    page.select_option("#id_group", str(forum.pk))
    assert chosen.count() == 0  # not a member of the forum
    search.focus()
    page.keyboard.type("ann")
    expect(options).to_have_text(["Anna Berg (Inköp och upphandling)"])  # not Annika
    page.keyboard.press("Enter")
    page.keyboard.type("bert")
    page.keyboard.press("Enter")
    assert chosen.count() == 2
    page.keyboard.press("Backspace")  # removes the last chosen (Bertil)
    assert chosen.all_inner_texts() == ["Anna Berg (Inköp och upphandling)"]
    page.locator("#id_attending_enterprises-ts-control").focus()
    page.keyboard.type("kaféet")
    expect(page.locator("#id_attending_enterprises-ts-dropdown .option")).to_have_text(
        ["Kaféet Bryggan"]  # not the ended one
    )
    page.keyboard.press("Escape")
    assert axe_violations(page) == []  # also: no console error, nothing blocked by the CSP

    page.click("main form [type=submit]")
    page.wait_for_url(lambda url: "/ny/" not in url)
    with scopes_disabled():
        meeting = Meeting.objects.get(group=forum)
        assert [m.name for m in meeting.attending_members.all()] == ["Anna Berg"]

    # The other long pick lists: a procurement's invitations, a forum's enterprises.
    for name in ("procurement:procurement_create", "areas:coordinationgroup_create"):
        page.goto(live_server.url + reverse(name))
        assert page.locator(".ts-wrapper").count() == 1, name
        assert axe_violations(page) == [], name
