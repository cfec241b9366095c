"""An organisation's side of a network: answer an invitation (accept with chosen consent, or
decline), change what is shared, leave; only its administrators may, and only for their own
organisation's invitation."""

import pytest
from django.urls import reverse

from collab.models import NetworkMembership
from network import membership as services
from network.models import ReferenceOrganisation

Status = NetworkMembership.Status


@pytest.fixture
def invitation(world):
    """World's network invites Malmö from the reference list; Malmö has an administrator,
    a coordinator and a viewer."""
    from tests.conftest import _side

    malmo = _side("Malmö", "malmo", "1280")
    membership = services.invite(
        network=world.network,
        reference=ReferenceOrganisation.objects.get(scb_code="1280"),
        user=world.network_coordinator,
    )
    assert membership.organisation == malmo.organisation
    return malmo, membership


def _answer_url(membership):
    return reverse("network:invitation_answer", kwargs={"pk": membership.pk})


def test_invite_accept_with_chosen_consent_then_member_on_overview(client, world, invitation):
    malmo, membership = invitation
    client.force_login(malmo.admin)
    home = client.get(reverse("collab:home")).content.decode()
    assert "Testnätverket" in home and _answer_url(membership) in home

    page = client.get(_answer_url(membership))
    assert page.status_code == 200
    # Every kind is off until ticked.
    for name, _label in NetworkMembership.SHARE_KINDS:
        assert f'name="consent-{name}" id="id_consent-{name}" checked' not in page.content.decode()

    response = client.post(
        _answer_url(membership),
        {
            "accept": "",
            "consent-share_figures": "on",
            "consent-share_contacts": "on",
            "consent-contact_name": "Mia Malm",
            "consent-contact_email": "mia.malm@malmo.example.se",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE
    assert (membership.share_figures, membership.share_levels, membership.share_contacts) == (
        True,
        False,
        True,
    )
    assert membership.answered_by == malmo.admin

    client.force_login(world.a.viewer)  # another member sees Malmö and its contact
    overview = client.get(world.network.get_absolute_url()).content.decode()
    assert "Malmö" in overview and "mia.malm@malmo.example.se" in overview


def test_sharing_contacts_needs_a_contact(client, world, invitation):
    malmo, membership = invitation
    client.force_login(malmo.admin)
    response = client.post(_answer_url(membership), {"accept": "", "consent-share_contacts": "on"})
    assert response.status_code == 200
    assert "kontaktperson" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Status.INVITED


def test_decline(client, world, invitation):
    malmo, membership = invitation
    client.force_login(malmo.admin)
    assert client.post(_answer_url(membership), {"decline": ""}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.DECLINED
    client.force_login(world.a.viewer)
    assert "Malmö" not in client.get(world.network.get_absolute_url()).content.decode()
    # A declined invitation cannot be answered any more.
    client.force_login(malmo.admin)
    assert client.get(_answer_url(membership)).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "viewer"])
def test_coordinator_or_viewer_cannot_answer(client, world, invitation, role):
    malmo, membership = invitation
    client.force_login(getattr(malmo, role))
    assert client.get(_answer_url(membership)).status_code == 403
    assert client.post(_answer_url(membership), {"accept": ""}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == Status.INVITED


def test_another_organisations_administrator_gets_404(client, world, invitation):
    _malmo, membership = invitation
    client.force_login(world.b.admin)
    assert client.get(_answer_url(membership)).status_code == 404
    assert client.post(_answer_url(membership), {"accept": ""}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == Status.INVITED


def test_change_consent_is_logged_and_shown(client, world):
    client.force_login(world.a.admin)
    url = reverse("network:sharing_update", kwargs={"network": world.network.slug})
    response = client.post(url, {"share_levels": "on", "share_documents": "on"})
    assert response.status_code == 302
    membership = NetworkMembership.objects.get(
        network=world.network, organisation=world.a.organisation
    )
    assert (membership.share_figures, membership.share_levels, membership.share_documents) == (
        False,
        True,
        True,
    )
    page = client.get(reverse("network:sharing", kwargs={"network": world.network.slug}))
    text = page.content.decode()
    assert "Ändringshistorik" in text
    assert world.a.admin.get_full_name() in text
    assert "Dela antagna styrdokument: <del>Nej</del> → <ins>Ja</ins>" in text


@pytest.mark.parametrize("role", ["coordinator", "viewer"])
def test_coordinator_or_viewer_see_consent_read_only(client, world, role):
    client.force_login(getattr(world.a, role))
    page = client.get(reverse("network:sharing", kwargs={"network": world.network.slug}))
    assert page.status_code == 200
    assert reverse("network:sharing_update", kwargs={"network": world.network.slug}) not in (
        page.content.decode()
    )
    url = reverse("network:sharing_update", kwargs={"network": world.network.slug})
    assert client.post(url, {"share_contacts": "on"}).status_code == 403
    assert (
        client.post(reverse("network:leave", kwargs={"network": world.network.slug})).status_code
        == 403
    )
    membership = NetworkMembership.objects.get(
        network=world.network, organisation=world.a.organisation
    )
    assert membership.is_active and membership.share_figures and not membership.share_contacts


def test_leave(client, world):
    client.force_login(world.a.admin)
    url = reverse("network:leave", kwargs={"network": world.network.slug})
    assert client.get(url).status_code == 200  # the confirmation
    assert client.post(url).status_code == 302
    membership = NetworkMembership.objects.get(
        network=world.network, organisation=world.a.organisation
    )
    assert membership.status == Status.LEFT and not membership.share_figures
    # The organisation no longer opens the network; the others no longer see it.
    assert client.get(world.network.get_absolute_url()).status_code == 404
    client.force_login(world.b.viewer)
    assert "Alfastads kommun" not in client.get(world.network.get_absolute_url()).content.decode()
