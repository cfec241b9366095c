"""The good examples library: drafts, publishing with consent, curation, search and filters,
attachments and the source record's snapshot."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from collab.models import Attachment, NetworkMembership
from network import examples
from network.models import GoodExample
from network.sizes import SIZE_BANDS, size_band
from tests.factories import OrganisationFactory, ProcurementFactory
from tests.factories.network_examples import PDF_BYTES, attach_to_example, make_example

pytestmark = pytest.mark.django_db


def _url(name, network, pk=None):
    kwargs = {"network": network.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"network:{name}", kwargs=kwargs)


def _form(**overrides):
    data = {
        "title": "Sociala hänsyn i måltidsupphandlingen",
        "kind": GoodExample.Kind.PROCUREMENT,
        "areas": ["6"],
        "description": "Upphandlingen delades i mindre delar.",
        "achieved": "Två sociala företag lämnade anbud.",
        "how": "Marknadsdialog.",
        "prerequisites": "",
        "contact_name": "Anna Berg",
        "contact_email": "anna.berg@alfastad.example.se",
        "source": "",
    }
    data.update(overrides)
    return data


def _membership(world, side):
    return NetworkMembership.objects.get(network=world.network, organisation=side.organisation)


# --- writing, drafts and the snapshot ---------------------------------------------------------


def test_a_member_writes_a_draft_with_a_snapshot_of_its_own_procurement(client, world):
    procurement = ProcurementFactory(
        organisation=world.a.organisation, title="Lokalvård i förskolan", reference="KS 2026/12"
    )
    client.force_login(world.a.coordinator)
    response = client.post(
        _url("example_create", world.network), _form(source=f"procurement:{procurement.pk}")
    )
    assert response.status_code == 302
    example = GoodExample.objects.get()
    assert example.organisation == world.a.organisation
    assert example.status == GoodExample.Status.DRAFT
    assert list(example.areas.values_list("area", flat=True)) == [6]
    assert example.source_kind == "procurement"
    assert example.source_title == "Lokalvård i förskolan"
    assert example.source_snapshot["fields"]["reference"] == "KS 2026/12"

    # The record changes later: the example keeps the copy, and never links into the records.
    with scopes_disabled():
        procurement.reference = "KS 2026/99"
        procurement.save()
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Lokalvård i förskolan" in page
    assert "KS 2026/12" in page and "KS 2026/99" not in page
    assert reverse("procurement:procurement_detail", kwargs={"pk": procurement.pk}) not in page


def test_another_organisations_record_cannot_be_the_source(client, world):
    foreign = ProcurementFactory(organisation=world.b.organisation, title="Betabys upphandling")
    client.force_login(world.a.coordinator)
    response = client.post(
        _url("example_create", world.network), _form(source=f"procurement:{foreign.pk}")
    )
    assert response.status_code == 200
    assert "source" in response.context["form"].errors
    assert not GoodExample.objects.exists()
    # Its title is not even offered.
    assert (
        "Betabys upphandling"
        not in client.get(_url("example_create", world.network)).content.decode()
    )


def test_an_area_is_required(client, world):
    client.force_login(world.a.coordinator)
    response = client.post(_url("example_create", world.network), _form(areas=[]))
    assert response.status_code == 200
    assert response.context["form"].errors["areas"] == ["Välj minst ett område."]


def test_drafts_are_visible_only_to_the_own_organisation(client, world):
    draft = make_example(world.network, world.a.organisation, status=GoodExample.Status.DRAFT)
    client.force_login(world.a.viewer)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert draft.title in client.get(_url("example_list", world.network)).content.decode()
    for user in (world.b.admin, world.network_coordinator):
        client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.title not in client.get(_url("example_list", world.network)).content.decode()


def test_only_the_owner_edits_and_deletes_after_confirmation(
    client, world, django_capture_on_commit_callbacks
):
    example = make_example(world.network, world.a.organisation)
    client.force_login(world.b.admin)
    assert client.get(_url("example_update", world.network, example.pk)).status_code == 404
    assert client.post(_url("example_delete", world.network, example.pk)).status_code == 404
    client.force_login(world.a.coordinator)
    client.post(
        _url("example_update", world.network, example.pk),
        _form(attachment=SimpleUploadedFile("avtal.pdf", PDF_BYTES)),
    )
    with scopes_disabled():
        stored = Attachment.objects.get().file.path
    confirm = client.get(_url("example_delete", world.network, example.pk))
    assert confirm.status_code == 200 and "avtal.pdf" in confirm.content.decode()
    assert GoodExample.objects.filter(pk=example.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("example_delete", world.network, example.pk))
    assert response.status_code == 302
    assert not GoodExample.objects.filter(pk=example.pk).exists()
    assert not os.path.exists(stored)  # the file goes with it


# --- publishing and consent -------------------------------------------------------------------


def test_publishing_needs_the_member_to_share_examples(client, world):
    membership = _membership(world, world.a)
    membership.share_examples = False
    membership.save()
    draft = make_example(world.network, world.a.organisation, status=GoodExample.Status.DRAFT)
    client.force_login(world.a.coordinator)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "administratör" in page and "Publicera i nätverket" not in page
    response = client.post(_url("example_publish", world.network, draft.pk), follow=True)
    assert "administratör" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == GoodExample.Status.DRAFT

    membership.share_examples = True
    membership.save()
    client.post(_url("example_publish", world.network, draft.pk))
    draft.refresh_from_db()
    assert draft.status == GoodExample.Status.PUBLISHED


def test_a_member_that_stops_sharing_disappears_from_the_network(client, world):
    example = make_example(world.network, world.a.organisation, title="Återbruket i Alfastad")
    attachment = attach_to_example(example)
    download = _url("example_attachment", world.network, attachment.pk)
    for user in (world.b.viewer, world.network_coordinator):
        client.force_login(user)
        assert (
            "Återbruket i Alfastad"
            in client.get(_url("example_list", world.network)).content.decode()
        )
        assert client.get(example.get_absolute_url()).status_code == 200
        assert client.get(download).status_code == 200

    membership = _membership(world, world.a)
    membership.share_examples = False
    membership.save()
    for user in (world.b.viewer, world.network_coordinator):
        client.force_login(user)
        assert (
            "Återbruket i Alfastad"
            not in client.get(_url("example_list", world.network)).content.decode()
        )
        assert client.get(example.get_absolute_url()).status_code == 404
        assert client.get(download).status_code == 404
    # The member itself still has its example.
    client.force_login(world.a.viewer)
    assert client.get(example.get_absolute_url()).status_code == 200

    # A member that leaves the network is gone too, whatever it had agreed to share.
    membership.share_examples = True
    membership.status = NetworkMembership.Status.LEFT
    membership.save()
    assert not examples.published(world.network).exists()


# --- curation ---------------------------------------------------------------------------------


def test_the_coordinator_features_an_example_first(client, world):
    older = make_example(world.network, world.a.organisation, title="Första exemplet")
    newer = make_example(world.network, world.b.organisation, title="Andra exemplet")
    client.force_login(world.b.viewer)
    titles = [
        r["example"].pk for r in client.get(_url("example_list", world.network)).context["rows"]
    ]
    assert titles == [newer.pk, older.pk]
    client.force_login(world.network_coordinator)
    client.post(_url("example_feature", world.network, older.pk), {"featured": "1"})
    client.force_login(world.b.viewer)
    response = client.get(_url("example_list", world.network))
    assert [r["example"].pk for r in response.context["rows"]] == [older.pk, newer.pk]
    assert "Framhävt" in response.content.decode()
    # A member cannot curate.
    assert (
        client.post(_url("example_feature", world.network, newer.pk), {"featured": "1"}).status_code
        == 404
    )


def test_return_with_a_comment_and_publish_again(client, world):
    example = make_example(world.network, world.a.organisation, title="Mötesplatsen")
    client.force_login(world.network_coordinator)
    response = client.post(_url("example_return", world.network, example.pk), {"comment": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    response = client.post(
        _url("example_return", world.network, example.pk),
        {"comment": "Beskriv gärna hur ni finansierade mötesplatsen."},
    )
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.status == GoodExample.Status.RETURNED
    assert client.get(example.get_absolute_url()).status_code == 404
    client.force_login(world.b.viewer)
    assert client.get(example.get_absolute_url()).status_code == 404

    client.force_login(world.a.coordinator)
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Beskriv gärna hur ni finansierade mötesplatsen." in page
    assert "Mötesplatsen" in client.get(_url("example_list", world.network)).content.decode()
    client.post(_url("example_update", world.network, example.pk), _form(title="Mötesplatsen"))
    client.post(_url("example_publish", world.network, example.pk))
    example.refresh_from_db()
    assert example.status == GoodExample.Status.PUBLISHED
    assert example.curator_comment == ""
    client.force_login(world.b.viewer)
    assert client.get(example.get_absolute_url()).status_code == 200


# --- search and filters -----------------------------------------------------------------------


def test_search_and_filter_by_area_kind_and_size(client, world):
    small = world.a.organisation
    small.population = 9_000
    small.save()
    big = OrganisationFactory(name="Storstads kommun", slug="storstad", scb_code="0180")
    big.population = 600_000
    big.save()
    NetworkMembership.objects.create(
        network=world.network,
        organisation=big,
        status=NetworkMembership.Status.ACTIVE,
        share_examples=True,
    )
    procurement = make_example(world.network, small, title="Lokalvård reserverad")
    meeting = make_example(
        world.network,
        big,
        title="Träffpunkten",
        kind=GoodExample.Kind.MEETING_PLACE,
        description="En mötesplats i biblioteket.",
    )
    meeting.areas.update(area=5)
    client.force_login(world.b.viewer)

    def found(**query):
        response = client.get(_url("example_list", world.network), query)
        return {r["example"].pk for r in response.context["rows"]}

    assert found() == {procurement.pk, meeting.pk}
    assert found(q="biblioteket") == {meeting.pk}
    assert found(q="Storstads") == {meeting.pk}
    assert found(area="5") == {meeting.pk}
    assert found(area="6") == {procurement.pk}
    assert found(kind="procurement") == {procurement.pk}
    assert found(size="under-15000") == {procurement.pk}
    assert found(size="over-200000") == {meeting.pk}
    assert found(size="15000-50000") == set()
    page = client.get(_url("example_list", world.network), {"size": "over-200000"})
    assert "Över 200 000 invånare" in page.content.decode()


def test_size_bands():
    assert size_band(None) is None
    assert size_band(14_999).key == "under-15000"
    assert size_band(15_000).key == "15000-50000"
    assert size_band(200_000).key == "over-200000"
    assert [band.key for band in SIZE_BANDS] == [
        "under-15000",
        "15000-50000",
        "50000-200000",
        "over-200000",
    ]


def test_the_list_is_paginated(client, world):
    for number in range(25):
        make_example(world.network, world.a.organisation, title=f"Exempel {number:02d}")
    client.force_login(world.b.viewer)
    first = client.get(_url("example_list", world.network))
    assert len(first.context["rows"]) == 20
    second = client.get(_url("example_list", world.network), {"page": 2})
    assert len(second.context["rows"]) == 5


# --- attachments ------------------------------------------------------------------------------


def test_an_attachment_is_checked_by_content_like_a_governing_document(client, world, settings):
    example = make_example(world.network, world.a.organisation)
    client.force_login(world.a.coordinator)
    fake = SimpleUploadedFile("avtal.pdf", b"MZ this is a program, not a PDF")
    response = client.post(
        _url("example_update", world.network, example.pk), _form(attachment=fake)
    )
    assert response.status_code == 200
    assert (
        response.context["form"].errors["attachment"]
        == ["Filen är inte ett PDF-, Word- (.docx) eller OpenDocument-dokument (.odt)."]
        or "attachment" in response.context["form"].errors
    )
    with scopes_disabled():
        assert not Attachment.objects.exists()

    renamed = SimpleUploadedFile("avtal.docx", PDF_BYTES)
    response = client.post(
        _url("example_update", world.network, example.pk), _form(attachment=renamed)
    )
    assert "attachment" in response.context["form"].errors
    with scopes_disabled():
        assert not Attachment.objects.exists()

    good = SimpleUploadedFile("avtal.pdf", PDF_BYTES)
    response = client.post(
        _url("example_update", world.network, example.pk), _form(attachment=good)
    )
    assert response.status_code == 302
    with scopes_disabled():
        attachment = Attachment.objects.get()
    assert attachment.file_name == "avtal.pdf"
    download = client.get(_url("example_attachment", world.network, attachment.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_draft_examples_attachment_is_not_downloadable_by_others(client, world):
    draft = make_example(world.network, world.a.organisation, status=GoodExample.Status.DRAFT)
    attachment = attach_to_example(draft, "utkast.pdf")
    url = _url("example_attachment", world.network, attachment.pk)
    for user in (world.b.admin, world.network_coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(world.a.viewer)
    assert client.get(url).status_code == 200


def test_a_double_click_on_save_creates_one_example(client, world):
    client.force_login(world.a.coordinator)
    page = client.get(_url("example_create", world.network))
    key = page.context["form"]["_submission"].value()
    assert f'name="_submission" value="{key}"' in page.content.decode()
    first = client.post(_url("example_create", world.network), _form(_submission=key))
    second = client.post(_url("example_create", world.network), _form(_submission=key))
    assert GoodExample.objects.count() == 1
    assert first["Location"] == second["Location"]
