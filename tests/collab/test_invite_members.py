"""Adding a person is an invitation they accept; where a person lands is their own choice."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from collab.middleware import SESSION_KEY
from collab.models import Invitation, Membership, Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory, make_invitation


def sv(text: str) -> str:
    with translation.override("sv"):
        translated = gettext(text)
    assert translated != text, f"no Swedish translation for {text!r}"
    return translated


def is_member(organisation, user) -> bool:
    with scopes_disabled():
        return Membership.objects.filter(organisation=organisation, user=user).exists()


def invite(client, email, role=Role.COORDINATOR, capture=None):
    """POST the add-member form; returns the followed response and the e-mailed token."""
    before = len(mail.outbox)
    with capture(execute=True):
        response = client.post(
            reverse("collab:membership_create"), {"email": email, "role": role}, follow=True
        )
    assert len(mail.outbox) == before + 1
    token = re.search(r"/inbjudan/([^/\s]+)/", mail.outbox[-1].body).group(1)
    return response, token


def _normalised(text: str, email: str) -> str:
    text = text.replace(email, "EMAIL")
    text = re.sub(r"/inbjudningar/\d+/", "/inbjudningar/PK/", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)
    text = re.sub(r"\d{1,2}:\d{2}", "HH:MM", text)  # the minute the invitation was sent
    return text


def test_the_same_answer_whether_or_not_the_address_has_an_account(
    client, world, django_capture_on_commit_callbacks
):
    person = world.b.coordinator  # an account in another organisation, with a name and login
    person.first_name, person.last_name = "Hemliga", "Personsson"
    person.last_login = timezone.now() - datetime.timedelta(days=3)
    person.save()
    client.force_login(world.a.admin)

    existing, existing_token = invite(
        client, person.email, capture=django_capture_on_commit_callbacks
    )
    existing_mail = mail.outbox[-1].body
    new, new_token = invite(
        client, "ingen.alls@example.se", capture=django_capture_on_commit_callbacks
    )
    new_mail = mail.outbox[-1].body

    assert existing.status_code == new.status_code == 200
    assert existing.redirect_chain[0][1] == new.redirect_chain[0][1] == 302
    existing_text = existing.content.decode()
    assert sv("An invitation was sent to %(email)s.") % {"email": person.email} in existing_text
    assert _normalised(existing_text, person.email) == _normalised(
        new.content.decode(), "ingen.alls@example.se"
    )
    for leak in ("Hemliga", "Personsson", world.b.organisation.name):
        assert leak not in existing_text
    assert existing_mail.replace(existing_token, "T") == new_mail.replace(new_token, "T")
    # Nobody is a member before accepting.
    assert not is_member(world.a.organisation, person)
    # The invitation list shows the same for both: address, role, "sent".
    listing = client.get(reverse("collab:invitation_list")).content.decode()
    assert "Hemliga" not in listing and person.email in listing


def test_existing_account_logs_in_and_accepts(client, world, django_capture_on_commit_callbacks):
    person = world.b.coordinator
    client.force_login(world.a.admin)
    _response, token = invite(
        client, person.email, Role.ADMINISTRATOR, capture=django_capture_on_commit_callbacks
    )
    client.logout()
    url = reverse("invitation_accept", kwargs={"token": token})

    anonymous = client.get(url)
    assert anonymous.status_code == 200
    content = anonymous.content.decode()
    assert sv("You already have an account. Log in to accept the invitation.") in content
    assert reverse("login") + "?next=" + url.replace("/", "%2F") in content

    client.force_login(person)
    page = client.get(url).content.decode()
    assert world.a.organisation.name in page
    with translation.override("sv"):
        assert str(Role.ADMINISTRATOR.label) in page
    assert not is_member(world.a.organisation, person)  # opening the page changes nothing

    response = client.post(url, {"answer": "accept"}, follow=True)
    assert response.status_code == 200
    with scopes_disabled():
        joined = Membership.objects.get(organisation=world.a.organisation, user=person)
        assert Invitation.objects.get(email=person.email).accepted_at is not None
    assert joined.role == Role.ADMINISTRATOR
    assert client.session[SESSION_KEY] == world.a.organisation.pk  # continues in the new one
    # The link is used up.
    again = client.get(url)
    assert again.status_code == 410
    assert sv("The invitation has already been accepted. Log in as usual.") in (
        again.content.decode()
    )


def test_declining_adds_nothing(client, world):
    invitation = make_invitation(world.a.organisation, email=world.b.viewer.email)
    client.force_login(world.b.viewer)
    url = reverse("invitation_accept", kwargs={"token": invitation.token})
    client.post(url, {"answer": "decline"})
    assert not is_member(world.a.organisation, world.b.viewer)
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert sv("The invitation has been declined.") in client.get(url).content.decode()


def test_a_user_with_another_address_cannot_accept(client, world):
    invitation = make_invitation(world.a.organisation, email=world.b.coordinator.email)
    client.force_login(world.b.viewer)  # someone else who got hold of the link
    url = reverse("invitation_accept", kwargs={"token": invitation.token})
    response = client.get(url)
    assert response.status_code == 403
    content = response.content.decode()
    assert sv("Accept invitation") not in content
    assert world.a.organisation.name not in content
    assert client.post(url, {"answer": "accept"}).status_code == 403
    assert not is_member(world.a.organisation, world.b.viewer)
    assert not is_member(world.a.organisation, world.b.coordinator)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # still open for the right person


def test_new_person_chooses_user_name_and_password(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.a.admin)
    _response, token = invite(
        client, "Ny.Kollega@Alfastad.se", Role.VIEWER, capture=django_capture_on_commit_callbacks
    )
    client.logout()
    url = reverse("invitation_accept", kwargs={"token": token})
    page = client.get(url).content.decode()
    assert 'value="ny.kollega@alfastad.se"' in page  # the suggested user name

    weak = client.post(
        url,
        {
            "first_name": "Ny",
            "last_name": "Kollega",
            "username": "nykollega",
            "password1": "123",
            "password2": "123",
        },
    )
    assert weak.status_code == 200
    assert "is-invalid" in weak.content.decode()
    with scopes_disabled():
        assert not Membership.objects.filter(user__username="nykollega").exists()

    response = client.post(
        url,
        {
            "first_name": "Ny",
            "last_name": "Kollega",
            "username": "nykollega",
            "password1": "Ett-langt-losenord-42",
            "password2": "Ett-langt-losenord-42",
        },
        follow=True,
    )
    assert response.status_code == 200
    with scopes_disabled():
        joined = Membership.objects.select_related("user").get(user__username="nykollega")
    assert joined.organisation == world.a.organisation
    assert joined.role == Role.VIEWER
    assert joined.user.email == "ny.kollega@alfastad.se"
    assert joined.user.check_password("Ett-langt-losenord-42")
    assert response.wsgi_request.user == joined.user  # logged in
    assert response.wsgi_request.organisation == world.a.organisation


def test_expired_link_gives_a_clear_page(client, world):
    invitation = make_invitation(world.a.organisation, days=-1)
    response = client.get(reverse("invitation_accept", kwargs={"token": invitation.token}))
    assert response.status_code == 410
    assert (
        sv("The invitation has expired. Ask the organisation's administrator to send a new one.")
        in response.content.decode()
    )


def test_unknown_link_gives_a_clear_page(client, world):
    response = client.get(reverse("invitation_accept", kwargs={"token": "inte-en-riktig-kod"}))
    assert response.status_code == 404
    assert (
        sv(
            "This invitation link is not valid. Check that you used the whole link from the "
            "e-mail, or ask the organisation's administrator for a new invitation."
        )
        in response.content.decode()
    )


def test_withdrawn_invitation_cannot_be_accepted(client, world):
    invitation = make_invitation(world.a.organisation, email=world.b.viewer.email)
    client.force_login(world.a.admin)
    withdraw = reverse("collab:invitation_withdraw", kwargs={"pk": invitation.pk})
    assert client.get(withdraw).status_code == 200
    client.post(withdraw)
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    client.force_login(world.b.viewer)
    url = reverse("invitation_accept", kwargs={"token": invitation.token})
    response = client.get(url)
    assert response.status_code == 410
    assert sv("The invitation has been withdrawn by the organisation's administrator.") in (
        response.content.decode()
    )
    client.post(url, {"answer": "accept"})
    assert not is_member(world.a.organisation, world.b.viewer)


def test_resend_replaces_the_link(client, world, django_capture_on_commit_callbacks):
    invitation = make_invitation(world.a.organisation, email=world.b.viewer.email)
    client.force_login(world.a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("collab:invitation_resend", kwargs={"pk": invitation.pk}))
    assert mail.outbox[-1].to == [world.b.viewer.email]
    new_token = re.search(r"/inbjudan/([^/\s]+)/", mail.outbox[-1].body).group(1)
    client.force_login(world.b.viewer)
    old = client.get(reverse("invitation_accept", kwargs={"token": invitation.token}))
    assert old.status_code == 404
    client.post(reverse("invitation_accept", kwargs={"token": new_token}), {"answer": "accept"})
    assert is_member(world.a.organisation, world.b.viewer)


def test_already_a_member_is_told_on_accepting(client, world):
    # Invited to A while, by another path, already (or meanwhile) a member of A.
    invitation = make_invitation(
        world.a.organisation, email=world.a.viewer.email, role="administrator"
    )
    client.force_login(world.a.viewer)
    response = client.post(
        reverse("invitation_accept", kwargs={"token": invitation.token}),
        {"answer": "accept"},
        follow=True,
    )
    assert (
        sv("You are already a member of %(name)s; your role there is unchanged.")
        % {"name": world.a.organisation.name}
        in response.content.decode()
    )
    with scopes_disabled():
        kept = Membership.objects.get(organisation=world.a.organisation, user=world.a.viewer)
    assert kept.role == Role.VIEWER


def test_invitation_pages_are_for_the_organisation_s_administrators(client, world):
    own = make_invitation(world.a.organisation)
    other = make_invitation(world.b.organisation, email="hemlig@betaby.se")
    client.force_login(world.a.admin)
    listing = client.get(reverse("collab:invitation_list")).content.decode()
    assert own.email in listing and other.email not in listing
    for name in ("invitation_detail", "invitation_resend", "invitation_withdraw"):
        url = reverse(f"collab:{name}", kwargs={"pk": other.pk})
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.withdrawn_at is None
    client.force_login(world.a.coordinator)
    assert client.get(reverse("collab:invitation_list")).status_code == 403


# --- Where a person lands after logging in --------------------------------------------------


@pytest.fixture
def two_homes(world):
    """A person who coordinates in Alfastad and is an elected representative in Betaby."""
    person = UserFactory(username="tva-hem")
    MembershipFactory(organisation=world.a.organisation, user=person, role=Role.COORDINATOR)
    MembershipFactory(organisation=world.b.organisation, user=person, role=Role.VIEWER)
    return person


def landing(client, person):
    client.logout()
    response = client.post(
        reverse("login"), {"username": person.username, "password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.user == person
    return response.wsgi_request.organisation


def test_another_organisation_s_administrator_cannot_move_where_a_person_lands(
    client, world, two_homes
):
    assert landing(client, two_homes) == world.a.organisation
    # Betaby's administrator makes the person administrator in Betaby.
    client.force_login(world.b.admin)
    with scopes_disabled():
        in_b = Membership.objects.get(organisation=world.b.organisation, user=two_homes)
    client.post(
        reverse("collab:membership_update", kwargs={"pk": in_b.pk}), {"role": "administrator"}
    )
    in_b.refresh_from_db()
    assert in_b.role == Role.ADMINISTRATOR
    assert landing(client, two_homes) == world.a.organisation


def test_the_organisation_chosen_in_the_header_is_remembered_for_next_login(
    client, world, two_homes
):
    assert landing(client, two_homes) == world.a.organisation
    client.post(reverse("collab:switch_organisation"), {"organisation": world.b.organisation.pk})
    assert landing(client, two_homes) == world.b.organisation
    client.post(reverse("collab:switch_organisation"), {"organisation": world.a.organisation.pk})
    assert landing(client, two_homes) == world.a.organisation
