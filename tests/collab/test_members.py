"""An administrator manages who has access: add/invite, change role, remove."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from collab.models import Invitation, Membership, Role
from tests.factories import MembershipFactory, UserFactory


def sv(text: str) -> str:
    with translation.override("sv"):
        translated = gettext(text)
    assert translated != text, f"no Swedish translation for {text!r}"
    return translated


def membership(world_side, user):
    with scopes_disabled():
        return Membership.objects.get(organisation=world_side.organisation, user=user)


def test_admin_invites_a_new_person(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collab:membership_create"),
            {
                "email": "Ny.Person@Sjostad.se",
                "role": Role.COORDINATOR,
                # A forged organisation in POST is ignored: the organisation is the request's.
                "organisation": world.b.organisation.pk,
            },
            follow=True,
        )
    assert response.status_code == 200
    with scopes_disabled():
        invitation = Invitation.objects.get(email="ny.person@sjostad.se")
        # Nobody becomes a member before accepting.
        assert not Membership.objects.filter(user__email__iexact="ny.person@sjostad.se").exists()
    assert invitation.organisation == world.a.organisation
    assert invitation.role == Role.COORDINATOR
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.person@sjostad.se"]
    assert "/inbjudan/" in mail.outbox[0].body
    assert world.a.organisation.name in mail.outbox[0].subject
    assert "ny.person@sjostad.se" in response.content.decode()


def test_admin_invites_an_existing_account_who_is_not_added_yet(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.a.admin)
    existing = world.b.coordinator
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collab:membership_create"),
            {"email": existing.email.upper(), "role": "viewer"},
        )
    with scopes_disabled():
        assert not Membership.objects.filter(
            organisation=world.a.organisation, user=existing
        ).exists()
        assert Invitation.objects.get(email=existing.email.lower()).role == Role.VIEWER
    assert membership(world.b, existing).role == Role.COORDINATOR
    assert mail.outbox[0].to == [existing.email.lower()]


def test_adding_an_existing_member_is_refused_next_to_the_field(client, world):
    client.force_login(world.a.admin)
    response = client.post(
        reverse("collab:membership_create"),
        {"email": world.a.viewer.email, "role": "coordinator"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert sv("This person is already a member of the organisation.") in content
    assert f'value="{world.a.viewer.email}"' in content  # what the user typed is kept
    assert membership(world.a, world.a.viewer).role == Role.VIEWER


def test_invalid_email_keeps_input_and_saves_nothing(client, world):
    client.force_login(world.a.admin)
    with scopes_disabled():
        before = Membership.objects.count()
    response = client.post(
        reverse("collab:membership_create"),
        {"email": "inte-en-adress", "role": "viewer"},
    )
    assert response.status_code == 200
    assert 'value="inte-en-adress"' in response.content.decode()
    assert "is-invalid" in response.content.decode()
    with scopes_disabled():
        assert Membership.objects.count() == before


def test_role_change_is_shown_in_the_history(client, world):
    client.force_login(world.a.admin)
    target = membership(world.a, world.a.coordinator)
    response = client.post(
        reverse("collab:membership_update", kwargs={"pk": target.pk}),
        {"role": Role.VIEWER},
        follow=True,
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.role == Role.VIEWER
    content = response.content.decode()
    with translation.override("sv"):
        assert f"<del>{Role.COORDINATOR.label}</del>" in content
        assert f"<ins>{Role.VIEWER.label}</ins>" in content
    assert world.a.admin.get_full_name() in content  # who made the change


def test_the_last_administrator_cannot_be_demoted(client, world):
    client.force_login(world.a.admin)
    target = membership(world.a, world.a.admin)
    response = client.post(
        reverse("collab:membership_update", kwargs={"pk": target.pk}), {"role": Role.VIEWER}
    )
    assert response.status_code == 200
    assert sv("The organisation must keep at least one administrator.") in (
        response.content.decode()
    )
    target.refresh_from_db()
    assert target.role == Role.ADMINISTRATOR


def test_remove_member_after_confirmation(client, world):
    client.force_login(world.a.admin)
    target = membership(world.a, world.a.viewer)
    url = reverse("collab:membership_delete", kwargs={"pk": target.pk})
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert sv("Yes, delete") in confirm.content.decode()
    with scopes_disabled():
        assert Membership.objects.filter(pk=target.pk).exists()  # GET deletes nothing
    response = client.post(url)
    assert response.status_code == 302
    with scopes_disabled():
        assert not Membership.objects.filter(pk=target.pk).exists()
    # The removed person can no longer open the organisation's pages.
    client.force_login(world.a.viewer)
    assert client.get(reverse("collab:membership_list")).status_code == 403


def test_the_only_administrator_cannot_be_removed(client, world):
    client.force_login(world.a.admin)
    target = membership(world.a, world.a.admin)
    url = reverse("collab:membership_delete", kwargs={"pk": target.pk})
    content = client.get(url).content.decode()
    assert sv("Yes, delete") not in content
    assert world.a.admin.get_full_name() in content  # the explanation names the person
    client.post(url)
    with scopes_disabled():
        assert Membership.objects.filter(pk=target.pk).exists()


def test_second_administrator_makes_removal_possible(client, world):
    MembershipFactory(organisation=world.a.organisation, role=Role.ADMINISTRATOR)
    client.force_login(world.a.admin)
    target = membership(world.a, world.a.admin)
    client.post(reverse("collab:membership_delete", kwargs={"pk": target.pk}))
    with scopes_disabled():
        assert not Membership.objects.filter(pk=target.pk).exists()


@pytest.fixture
def many_members(world):
    names = [("Åsa", "Öberg"), ("Bo", "Ek"), ("Cecilia", "Andersson")]
    for first, last in names:
        MembershipFactory(
            organisation=world.a.organisation,
            user=UserFactory(first_name=first, last_name=last),
            role=Role.VIEWER,
        )
    return names


def test_member_list_search_filter_and_sort(client, world, many_members):
    client.force_login(world.a.viewer)
    url = reverse("collab:membership_list")
    content = client.get(url, {"q": "öberg"}).content.decode()
    assert "Åsa Öberg" in content and "Bo Ek" not in content
    content = client.get(url, {"role": "viewer", "sort": "user__last_name"}).content.decode()
    assert content.index("Cecilia Andersson") < content.index("Bo Ek") < content.index("Åsa")
    assert world.a.coordinator.get_full_name() not in content
    content = client.get(url, {"sort": "-user__last_name"}).content.decode()
    assert content.index("Bo Ek") < content.index("Cecilia Andersson")
    assert world.b.admin.get_full_name() not in content


def test_member_list_export_is_the_filtered_list(client, world, many_members):
    client.force_login(world.a.viewer)
    response = client.get(reverse("collab:membership_list"), {"role": "viewer", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    with translation.override("sv"):
        assert rows[0][0] == gettext("Name")
    names = sorted(r[0] for r in rows[1:])
    expected = sorted(
        [f"{first} {last}" for first, last in many_members] + [world.a.viewer.get_full_name()]
    )
    assert names == expected


def test_member_list_paginates(client, world):
    for _ in range(30):
        MembershipFactory(organisation=world.a.organisation, role=Role.VIEWER)
    client.force_login(world.a.admin)
    url = reverse("collab:membership_list")
    first = client.get(url)
    assert len(first.context["rows"]) == 25
    second = client.get(url, {"page": 2})
    assert len(second.context["rows"]) == 33 - 25
