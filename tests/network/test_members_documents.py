"""The members' adopted governing documents on the network: only of members that share
them, only adopted ones."""

from django.urls import reverse
from django_scopes import scopes_disabled

from areas.models import DocumentStatus
from collab.models import NetworkMembership
from tests.factories import GoverningDocumentFactory


def _documents(client, world):
    return client.get(reverse("network:documents", kwargs={"network": world.network.slug}))


def test_only_adopted_documents_of_sharing_members(client, world):
    NetworkMembership.objects.filter(organisation=world.a.organisation).update(share_documents=True)
    with scopes_disabled():
        GoverningDocumentFactory(
            organisation=world.a.organisation,
            title="Alfas antagna program",
            case_number="KS 2025/7",
        )
        GoverningDocumentFactory(
            organisation=world.a.organisation, title="Alfas utkast", status=DocumentStatus.DRAFT
        )
        GoverningDocumentFactory(
            organisation=world.a.organisation,
            title="Alfas upphörda",
            status=DocumentStatus.REPEALED,
        )
        GoverningDocumentFactory(organisation=world.b.organisation, title="Betas antagna program")
    for user in (world.network_coordinator, world.b.viewer):
        client.force_login(user)
        response = _documents(client, world)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Alfas antagna program" in text and "KS 2025/7" in text
        assert "Alfas utkast" not in text and "Alfas upphörda" not in text
        # Beta does not share its documents: neither its documents nor its name.
        assert "Betas antagna program" not in text
        assert f'id="documents-{world.b.organisation.pk}"' not in text


def test_no_member_shares_documents(client, world):
    with scopes_disabled():
        GoverningDocumentFactory(organisation=world.a.organisation, title="Alfas antagna program")
    client.force_login(world.b.viewer)
    text = _documents(client, world).content.decode()
    assert "Alfas antagna program" not in text
    assert "Ingen medlem delar sina styrdokument" in text
