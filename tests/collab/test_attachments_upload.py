"""Attachments on the records where the work happens (``collab.attachments``): upload from a
record's "Bilagor" section, the content checks, new versions, downloads only for the
organisation, and the roles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from collab import files
from collab.models import Attachment, AttachmentVersion
from tests.factories import (
    MeetingFactory,
    PartnershipFactory,
    PoliticalDecisionFactory,
    ProcurementFactory,
)
from tests.factories.areas import ATTACHMENT_PDF, attachment

pytestmark = pytest.mark.django_db

# The start of a Windows program: "MZ", then binary header bytes (NUL among them).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def _create_url(parent):
    return reverse(
        "collab:attachment_create",
        kwargs={"kind": parent._meta.label_lower, "object_id": parent.pk},
    )


def _upload(client, parent, name, content, title=""):
    return client.post(
        _create_url(parent),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def _attachments():
    with scopes_disabled():
        return list(Attachment.objects.order_by("pk"))


@pytest.mark.parametrize(
    "factory", [MeetingFactory, PartnershipFactory, PoliticalDecisionFactory, ProcurementFactory]
)
def test_a_file_is_uploaded_on_the_records_page_and_downloaded(client, world, factory):
    parent = factory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    page = client.get(parent.get_absolute_url()).content.decode()
    assert "Bilagor" in page and "Inga filer är bifogade ännu." in page
    assert "högst 20 MB" in page  # the help text says what is allowed
    assert _create_url(parent) in page

    response = _upload(client, parent, "Protokoll 12 mars.txt", b"Protokoll\nPunkt 1\n")
    assert response.status_code == 302 and response["Location"] == parent.get_absolute_url()
    [made] = _attachments()
    assert made.title == "Protokoll 12 mars.txt" and made.file_name == "Protokoll 12 mars.txt"
    # Stored under the organisation with a random name, never the uploaded one.
    assert made.file.name.startswith(f"attachments/{world.a.organisation.pk}/")
    assert "Protokoll" not in made.file.name

    page = client.get(parent.get_absolute_url()).content.decode()
    download_url = reverse("collab:attachment_download", kwargs={"pk": made.pk})
    assert download_url in page
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"Protokoll\nPunkt 1\n"


def test_a_program_renamed_pdf_is_refused_next_to_the_field_with_the_title_kept(client, world):
    decision = PoliticalDecisionFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    response = _upload(client, decision, "beslut.pdf", EXE, title="Beslut om IOP")
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error == (
        "Filen är inte en fil i formatet PDF, Word (.docx), OpenDocument (.odt) eller text (.txt)."
    )
    page = response.content.decode()
    assert "Filen är inte en fil i formatet PDF" in page
    assert 'value="Beslut om IOP"' in page  # the input is kept
    assert _attachments() == []


def test_a_pdf_named_docx_is_refused(client, world):
    meeting = MeetingFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    response = _upload(client, meeting, "protokoll.docx", ATTACHMENT_PDF)
    [error] = response.context["form"].errors["file"]
    assert "PDF" in error and ".pdf" in error
    assert _attachments() == []


def test_a_too_big_file_is_refused_with_the_limit(client, world, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1024 * 1024)  # 1 MB: a cheap test of the rule
    meeting = MeetingFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    response = _upload(client, meeting, "stor.txt", b"a" * (1024 * 1024 + 110_000))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Filen är 1,2 MB. Gränsen är 1 MB."]
    assert _attachments() == []


def test_a_new_version_keeps_the_earlier_file_downloadable(client, world):
    partnership = PartnershipFactory(organisation=world.a.organisation)
    first = attachment(world.a.organisation, parent=partnership, name="avtal.pdf")
    client.force_login(world.a.coordinator)
    update_url = reverse("collab:attachment_update", kwargs={"pk": first.pk})
    form = client.get(update_url).context["form"]
    signed = files.simple_pdf(["Undertecknad överenskommelse"])
    response = client.post(
        update_url,
        {
            "title": "Undertecknat avtal",
            "description": "",
            "file": SimpleUploadedFile("avtal-undertecknat.pdf", signed),
            "_version": form["_version"].value(),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        first.refresh_from_db()
        versions = list(AttachmentVersion.objects.filter(attachment=first))
    assert first.title == "Undertecknat avtal" and first.file_name == "avtal-undertecknat.pdf"
    assert len(versions) == 2
    earlier = next(v for v in versions if v.file_name == "avtal.pdf")
    page = client.get(partnership.get_absolute_url()).content.decode()
    earlier_url = reverse("collab:attachmentversion_download", kwargs={"pk": earlier.pk})
    assert "1 tidigare version" in page and earlier_url in page
    assert b"".join(client.get(earlier_url).streaming_content) == ATTACHMENT_PDF
    current = client.get(reverse("collab:attachment_download", kwargs={"pk": first.pk}))
    assert b"".join(current.streaming_content) == signed


def test_another_organisation_gets_404_for_the_file_and_the_record(client, world):
    made = attachment(world.a.organisation)
    with scopes_disabled():
        version = made.versions.get()
        decision = made.content_object
    client.force_login(world.b.admin)
    for url in (
        reverse("collab:attachment_download", kwargs={"pk": made.pk}),
        reverse("collab:attachmentversion_download", kwargs={"pk": version.pk}),
        reverse("collab:attachment_update", kwargs={"pk": made.pk}),
        reverse("collab:attachment_delete", kwargs={"pk": made.pk}),
        _create_url(decision),
    ):
        assert client.get(url).status_code == 404, url
    response = _upload(client, decision, "x.txt", b"x")
    assert response.status_code == 404
    assert len(_attachments()) == 1
    # A kind of record that carries no attachments does not exist either.
    url = reverse("collab:attachment_create", kwargs={"kind": "collab.membership", "object_id": 1})
    assert client.get(url).status_code == 404


def test_a_viewer_downloads_but_cannot_upload_or_delete(client, world):
    made = attachment(world.a.organisation)
    with scopes_disabled():
        decision = made.content_object
    client.force_login(world.a.viewer)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert made.title in page
    assert _create_url(decision) not in page  # no upload form
    assert reverse("collab:attachment_delete", kwargs={"pk": made.pk}) not in page
    download = client.get(reverse("collab:attachment_download", kwargs={"pk": made.pk}))
    assert download.status_code == 200
    assert _upload(client, decision, "x.txt", b"x").status_code == 403
    delete_url = reverse("collab:attachment_delete", kwargs={"pk": made.pk})
    assert client.post(delete_url).status_code == 403
    assert len(_attachments()) == 1


def test_deleting_after_confirmation_can_be_undone_from_the_deleted_records(client, world):
    made = attachment(world.a.organisation)
    with scopes_disabled():
        decision = made.content_object
    client.force_login(world.a.coordinator)
    delete_url = reverse("collab:attachment_delete", kwargs={"pk": made.pk})
    confirm = client.get(delete_url).content.decode()
    assert "Vill du verkligen ta bort" in confirm and made.title in confirm
    response = client.post(delete_url)
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    assert _attachments() == []
    trash = client.get(reverse("collab:trash_list")).content.decode()
    assert made.title in trash


def test_the_organisations_export_holds_the_attachments_and_their_files(client, world):
    import io
    import json
    import zipfile

    made = attachment(world.a.organisation)
    attachment(world.b.organisation, name="betaby.pdf")
    client.force_login(world.a.admin)
    response = client.get(reverse("collab:organisation_export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    [row] = json.loads(archive.read("collab.attachment.json"))
    assert row["id"] == made.pk and row["title"] == made.title
    assert row["content_type_label"] == "areas.politicaldecision"
    assert row["object_id"] == made.object_id and row["file_name"] == "beslut.pdf"
    assert archive.read(row["file"]) == ATTACHMENT_PDF
    [version] = json.loads(archive.read("collab.attachmentversion.json"))
    assert version["attachment_id"] == made.pk
