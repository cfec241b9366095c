"""A good example's files are shared attachments: the network's members download the files of
an example shared with the network, never those of an example that is not shared."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from collab.models import Attachment, NetworkMembership
from network.models import GoodExample
from tests.factories.network_examples import PDF_BYTES, attach_to_example, make_example

pytestmark = pytest.mark.django_db


def _download_url(network, attachment):
    return reverse(
        "network:example_attachment", kwargs={"network": network.slug, "pk": attachment.pk}
    )


def test_a_member_downloads_the_file_of_a_shared_example_only(client, world):
    shared = make_example(world.network, world.a.organisation)
    draft = make_example(world.network, world.a.organisation, status=GoodExample.Status.DRAFT)
    shared_file = attach_to_example(shared, "avtal.pdf")
    draft_file = attach_to_example(draft, "utkast.pdf")
    with scopes_disabled():
        assert shared_file.organisation == world.a.organisation
        assert Attachment.objects.filter(object_id=shared.pk).count() == 1

    client.force_login(world.b.viewer)  # a member of the network, another organisation
    page = client.get(shared.get_absolute_url()).content.decode()
    assert _download_url(world.network, shared_file) in page
    response = client.get(_download_url(world.network, shared_file))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert client.get(_download_url(world.network, draft_file)).status_code == 404
    # Its own organisation's pages do not serve another organisation's file.
    own_url = reverse("collab:attachment_download", kwargs={"pk": shared_file.pk})
    assert client.get(own_url).status_code == 404

    # Once the owner stops sharing good examples, the file is gone for the network.
    NetworkMembership.objects.filter(
        network=world.network, organisation=world.a.organisation
    ).update(share_examples=False)
    assert client.get(_download_url(world.network, shared_file)).status_code == 404

    # The owner's members download both, from the network and from their own pages.
    client.force_login(world.a.viewer)
    assert client.get(_download_url(world.network, draft_file)).status_code == 200
    assert client.get(own_url).status_code == 200
