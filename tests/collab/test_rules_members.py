"""Members and the switcher: administrators see pending invitations from the member list and
deactivate (and reactivate) members; switching organisation on a detail page lands on the new
organisation's home page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from collab.models import Membership, Role
from tests.factories import MembershipFactory, ProcurementFactory, UserFactory, make_invitation

pytestmark = pytest.mark.django_db


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def membership(organisation, user) -> Membership:
    with scopes_disabled():
        return Membership.objects.get(organisation=organisation, user=user)


# --- switching organisation ---------------------------------------------------------------------


@pytest.fixture
def two_homes(world):
    person = UserFactory(username="tva-hem")
    MembershipFactory(organisation=world.a.organisation, user=person, role=Role.COORDINATOR)
    MembershipFactory(organisation=world.b.organisation, user=person, role=Role.VIEWER)
    return person


def _switch(client, organisation, next_url):
    return client.post(
        reverse("collab:switch_organisation"), {"organisation": organisation.pk, "next": next_url}
    )


def test_switching_on_a_detail_page_lands_on_the_new_home_page(client, world, two_homes):
    procurement = ProcurementFactory(organisation=world.a.organisation)
    client.force_login(two_homes)
    _switch(client, world.a.organisation, "/")
    assert client.get(procurement.get_absolute_url()).status_code == 200
    response = _switch(client, world.b.organisation, procurement.get_absolute_url())
    assert response["Location"] == reverse("collab:home")
    assert client.get(response["Location"], follow=True).status_code == 200


def test_switching_on_a_list_page_stays_on_the_list(client, world, two_homes):
    client.force_login(two_homes)
    listing = reverse("procurement:procurement_list") + "?status=planerad"
    response = _switch(client, world.b.organisation, listing)
    assert response["Location"] == listing
    assert client.get(listing).status_code == 200


@pytest.mark.parametrize(
    "next_url",
    ["/finns-inte/", "https://evil.example/upphandling/", "//evil.example/", ""],
)
def test_switching_with_an_unknown_or_foreign_page_lands_on_home(
    client, world, two_homes, next_url
):
    client.force_login(two_homes)
    response = _switch(client, world.b.organisation, next_url)
    assert response["Location"] == reverse("collab:home")


def test_switching_on_a_create_form_lands_on_home(client, world, two_homes):
    """The new organisation may not let the person create (here: a viewer in Betaby)."""
    client.force_login(two_homes)
    response = _switch(client, world.b.organisation, reverse("procurement:procurement_create"))
    assert response["Location"] == reverse("collab:home")


# --- pending invitations ------------------------------------------------------------------------


def test_member_list_links_administrators_to_the_pending_invitations(client, world):
    pending = make_invitation(world.a.organisation, email="vantar@alfastad.se")
    answered = make_invitation(world.a.organisation, email="svarat@alfastad.se")
    answered.accepted_at = timezone.now()
    expired = make_invitation(world.a.organisation, email="gammal@alfastad.se")
    expired.expires_at = timezone.now() - datetime.timedelta(days=1)
    with scopes_disabled():
        answered.save()
        expired.save()
    client.force_login(world.a.admin)
    members = client.get(reverse("collab:membership_list")).content.decode()
    url = reverse("collab:invitation_list") + "?state=pending"
    assert f'href="{url}"' in members
    listing = client.get(url).content.decode()
    assert pending.email in listing
    assert answered.email not in listing and expired.email not in listing
    # Coordinators manage no members: no link.
    client.force_login(world.a.coordinator)
    assert url not in client.get(reverse("collab:membership_list")).content.decode()


# --- deactivating a member ----------------------------------------------------------------------


def _deactivate_url(m):
    return reverse("collab:membership_deactivate", kwargs={"pk": m.pk})


def _reactivate_url(m):
    return reverse("collab:membership_reactivate", kwargs={"pk": m.pk})


def test_deactivation_is_confirmed_first_and_shuts_the_member_out(client, world):
    target = membership(world.a.organisation, world.a.coordinator)
    client.force_login(world.a.admin)
    page = client.get(target.get_absolute_url()).content.decode()
    assert _deactivate_url(target) in page
    confirm = client.get(_deactivate_url(target))
    assert confirm.status_code == 200 and 'method="post"' in confirm.content.decode()
    target.refresh_from_db()
    assert target.is_active  # a GET changes nothing
    client.post(_deactivate_url(target))
    target.refresh_from_db()
    assert not target.is_active
    with scopes_disabled():
        assert world.a.coordinator.pk not in Membership.objects.active().values_list(
            "user_id", flat=True
        )
    members = client.get(reverse("collab:membership_list")).content.decode()
    assert sv("Deactivated") in members

    client.force_login(world.a.coordinator)
    assert client.get(reverse("procurement:procurement_list")).status_code == 403
    assert client.get(reverse("collab:membership_list")).status_code == 403

    client.force_login(world.a.admin)
    client.post(_reactivate_url(target))
    target.refresh_from_db()
    assert target.is_active
    client.force_login(world.a.coordinator)
    assert client.get(reverse("procurement:procurement_list")).status_code == 200


def test_a_deactivated_member_cannot_switch_to_the_organisation(client, world, two_homes):
    procurement = ProcurementFactory(organisation=world.a.organisation)
    target = membership(world.a.organisation, two_homes)
    client.force_login(world.a.admin)
    client.post(_deactivate_url(target))
    client.force_login(two_homes)
    assert (
        client.post(
            reverse("collab:switch_organisation"), {"organisation": world.a.organisation.pk}
        ).status_code
        == 404
    )
    # Working in Betaby: Alfastad's records are a 404, as for anyone outside.
    assert client.get(procurement.get_absolute_url()).status_code == 404


def test_an_administrator_cannot_deactivate_themselves(client, world):
    own = membership(world.a.organisation, world.a.admin)
    # A second administrator, so that "the last administrator" is not the reason.
    MembershipFactory(organisation=world.a.organisation, role=Role.ADMINISTRATOR)
    client.force_login(world.a.admin)
    page = client.get(_deactivate_url(own)).content.decode()
    assert sv("You cannot deactivate yourself. Another administrator can do it.") in page
    response = client.post(_deactivate_url(own), follow=True)
    own.refresh_from_db()
    assert own.is_active
    assert sv("You cannot deactivate yourself. Another administrator can do it.") in (
        response.content.decode()
    )


def test_the_last_active_administrator_cannot_be_deactivated(world):
    """Through the pages the deactivating administrator is always another active one; the
    service keeps the rule whoever asks (e.g. two administrators deactivating each other)."""
    from django.core.exceptions import ValidationError
    from django_scopes import scope

    from collab import services

    only = membership(world.a.organisation, world.a.admin)
    deactivated_admin = MembershipFactory(
        organisation=world.a.organisation, role=Role.ADMINISTRATOR, is_active=False
    )
    with scope(organisation=world.a.organisation.pk), pytest.raises(ValidationError) as exc:
        services.deactivate_member(membership=only, by=deactivated_admin.user)
    assert "enda aktiva administratör" in " ".join(exc.value.messages)
    only.refresh_from_db()
    assert only.is_active


def test_only_administrators_deactivate_and_only_in_their_organisation(client, world):
    own = membership(world.a.organisation, world.a.viewer)
    other = membership(world.b.organisation, world.b.viewer)
    client.force_login(world.a.coordinator)
    assert client.post(_deactivate_url(own)).status_code == 403
    client.force_login(world.a.admin)
    assert client.post(_deactivate_url(other)).status_code == 404
    other.refresh_from_db()
    own.refresh_from_db()
    assert other.is_active and own.is_active


def test_a_deactivated_member_cannot_be_invited_again_but_is_told_to_reactivate(client, world):
    client.force_login(world.a.admin)
    client.post(_deactivate_url(membership(world.a.organisation, world.a.viewer)))
    response = client.post(
        reverse("collab:membership_create"), {"email": world.a.viewer.email, "role": Role.VIEWER}
    )
    assert response.status_code == 200
    assert "inaktiverad" in response.content.decode()
