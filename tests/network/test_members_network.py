"""Networks in the UI: a platform superuser creates and edits a network; its coordinator
invites from the reference list, withdraws an invitation and removes a member; the menu leads
organisation users and coordinators without organisation to the networks."""

import pytest
from django.urls import reverse

from collab.models import Network, NetworkMembership, Organisation
from network.models import ReferenceOrganisation
from tests.factories import UserFactory

Status = NetworkMembership.Status


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def test_superuser_creates_a_network(client, world, superuser):
    client.force_login(superuser)
    assert client.get(reverse("network:create")).status_code == 200
    response = client.post(
        reverse("network:create"),
        {
            "name": "Skånenätverket",
            "slug": "skane",
            "description": "Kommuner i Skåne.",
            "coordinators": [world.network_coordinator.pk],
        },
    )
    network = Network.objects.get(slug="skane")
    assert response["Location"] == network.get_absolute_url()
    assert list(network.coordinators.all()) == [world.network_coordinator]
    # Its coordinator opens it.
    client.force_login(world.network_coordinator)
    assert client.get(network.get_absolute_url()).status_code == 200


def test_a_reserved_short_name_is_refused_next_to_the_field(client, world, superuser):
    client.force_login(superuser)
    response = client.post(reverse("network:create"), {"name": "Nytt", "slug": "ny"})
    assert response.status_code == 200
    assert "reserverat" in response.content.decode()
    assert not Network.objects.filter(slug="ny").exists()


def test_superuser_edits_a_network(client, world, superuser):
    client.force_login(superuser)
    url = reverse("network:update", kwargs={"network": world.network.slug})
    response = client.post(
        url, {"name": "Testnätverket 2", "slug": world.network.slug, "coordinators": []}
    )
    assert response.status_code == 302
    world.network.refresh_from_db()
    assert world.network.name == "Testnätverket 2"
    assert not world.network.coordinators.exists()


@pytest.mark.parametrize("who", ["network_coordinator", "admin", "outsider"])
def test_others_cannot_create_or_edit_networks(client, world, who):
    user = world.a.admin if who == "admin" else getattr(world, who)
    client.force_login(user)
    create = reverse("network:create")
    update = reverse("network:update", kwargs={"network": world.network.slug})
    assert client.get(create).status_code == 404
    assert client.post(create, {"name": "X", "slug": "x"}).status_code == 404
    assert client.get(update).status_code == 404
    assert client.post(update, {"name": "X", "slug": "x"}).status_code == 404
    assert not Network.objects.filter(slug="x").exists()
    world.network.refresh_from_db()
    assert world.network.name == "Testnätverket"


def test_coordinator_invites_from_the_reference_list(client, world):
    client.force_login(world.network_coordinator)
    url = reverse("network:invite", kwargs={"network": world.network.slug})
    page = client.get(url, {"q": "kiru"}).content.decode()
    assert "Kiruna" in page and "2584" in page and "Malmö" not in page
    kiruna = ReferenceOrganisation.objects.get(scb_code="2584")
    assert not Organisation.objects.filter(scb_code="2584").exists()
    response = client.post(url, {"reference": kiruna.pk})
    assert response.status_code == 302
    # The organisation is created from the reference, and invited.
    organisation = Organisation.objects.get(scb_code="2584")
    assert (organisation.name, organisation.kind) == ("Kiruna", "kommun")
    membership = NetworkMembership.objects.get(network=world.network, organisation=organisation)
    assert membership.status == Status.INVITED and not membership.shared_text
    members = client.get(reverse("network:members", kwargs={"network": world.network.slug}))
    assert "Kiruna" in members.content.decode() and "Inbjuden" in members.content.decode()
    # An invited organisation is not offered again, and a second invitation is refused.
    assert "Kiruna" not in client.get(url, {"q": "kiru"}).content.decode()
    client.post(url, {"reference": kiruna.pk})
    assert NetworkMembership.objects.filter(network=world.network).count() == 3


def test_invite_links_an_existing_organisation(client, world):
    client.force_login(world.network_coordinator)
    reference = ReferenceOrganisation.objects.get(scb_code="0114")  # world.a's code
    url = reverse("network:invite", kwargs={"network": world.network.slug})
    NetworkMembership.objects.filter(organisation=world.a.organisation).update(status=Status.LEFT)
    client.post(url, {"reference": reference.pk})
    membership = NetworkMembership.objects.get(
        network=world.network, organisation=world.a.organisation
    )
    assert membership.status == Status.INVITED
    assert Organisation.objects.filter(scb_code="0114").count() == 1


def test_coordinator_withdraws_an_invitation_and_removes_a_member(client, world):
    client.force_login(world.network_coordinator)
    kiruna = ReferenceOrganisation.objects.get(scb_code="2584")
    client.post(
        reverse("network:invite", kwargs={"network": world.network.slug}), {"reference": kiruna.pk}
    )
    invited = NetworkMembership.objects.get(organisation__scb_code="2584")
    url = reverse("network:member_remove", kwargs={"network": world.network.slug, "pk": invited.pk})
    assert "Återkalla" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not NetworkMembership.objects.filter(pk=invited.pk).exists()

    member = NetworkMembership.objects.get(network=world.network, organisation=world.b.organisation)
    url = reverse("network:member_remove", kwargs={"network": world.network.slug, "pk": member.pk})
    assert client.post(url).status_code == 302
    member.refresh_from_db()
    assert member.status == Status.LEFT and not member.share_figures
    client.force_login(world.b.admin)
    assert client.get(world.network.get_absolute_url()).status_code == 404


def test_the_menu_leads_organisation_users_to_their_networks(client, world):
    client.force_login(world.a.viewer)
    page = client.get(reverse("collab:organisation_detail")).content.decode()
    assert f'href="{reverse("network:list")}"' in page
    # The network's name on the organisation's pages links to its overview, which opens.
    assert f'href="{world.network.get_absolute_url()}"' in page
    assert client.get(world.network.get_absolute_url()).status_code == 200
    client.force_login(world.a.admin)
    home = client.get(reverse("collab:home")).content.decode()
    assert f'href="{reverse("network:list")}"' in home
    assert f'href="{world.network.get_absolute_url()}"' in home


def test_a_coordinator_without_organisation_reaches_the_network_pages(client, world):
    client.force_login(world.network_coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    assert f'href="{reverse("network:list")}"' in home
    assert client.get(reverse("network:list")).status_code == 200
    for name in ("overview", "members", "invite", "documents"):
        url = reverse(f"network:{name}", kwargs={"network": world.network.slug})
        assert client.get(url).status_code == 200, name
    # Someone without organisation who coordinates nothing gets no such link.
    client.force_login(world.outsider)
    assert (
        f'href="{reverse("network:list")}"'
        not in client.get(reverse("collab:home")).content.decode()
    )
