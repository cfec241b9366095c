"""The list of a user's networks and a network's overview."""

from django.urls import reverse

from collab.models import NetworkMembership
from tests.factories import NetworkFactory


def test_the_list_shows_the_users_own_networks_only(client, world):
    invited_to = NetworkFactory(name="Inbjudande nätverket")
    NetworkMembership.objects.create(network=invited_to, organisation=world.a.organisation)
    unrelated = NetworkFactory(name="Ett helt annat nätverk")
    url = reverse("network:list")

    client.force_login(world.network_coordinator)
    text = client.get(url).content.decode()
    assert world.network.get_absolute_url() in text
    assert unrelated.name not in text and invited_to.name not in text

    client.force_login(world.a.viewer)
    text = client.get(url).content.decode()
    assert world.network.get_absolute_url() in text
    # An invitation not yet accepted is named, without a link into the network.
    assert invited_to.name in text and invited_to.get_absolute_url() not in text
    assert unrelated.name not in text

    client.force_login(world.outsider)
    text = client.get(url).content.decode()
    assert world.network.name not in text


def test_the_overview_shows_members_and_what_they_share(client, world):
    NetworkMembership.objects.filter(organisation=world.b.organisation).update(
        share_figures=False, share_levels=False, share_examples=False
    )
    client.force_login(world.a.viewer)
    response = client.get(world.network.get_absolute_url())
    text = response.content.decode()
    assert world.a.organisation.name in text and world.b.organisation.name in text
    rows = {m.organisation: m for m in response.context["memberships"]}
    assert rows[world.b.organisation].shared_text == ""
    assert "årssiffror" in rows[world.a.organisation].shared_text
