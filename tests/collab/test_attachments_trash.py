"""Attachments follow their record into the trash: not listed nor downloadable while it is
deleted, back with its restore, and removed for good (with every stored version) when the
record is purged."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from areas.models import Meeting
from collab import attachments
from collab.models import Attachment, AttachmentVersion
from tests.collab.test_trash_restore import _age_deletion, delete, restore_url
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _meeting_with_two_versions(world):
    meeting = MeetingFactory(organisation=world.a.organisation, title="Vårmötet")
    with scopes_disabled():
        made = attachments.add_attachment(
            parent=meeting, upload=SimpleUploadedFile("protokoll.txt", b"Version 1\n")
        )
        attachments.update_attachment(
            attachment=made, upload=SimpleUploadedFile("protokoll.txt", b"Version 2\n")
        )
        versions = list(made.versions.order_by("pk"))
    assert len(versions) == 2
    return meeting, made, versions


def _urls(made, versions) -> list[str]:
    return [reverse("collab:attachment_download", kwargs={"pk": made.pk})] + [
        reverse("collab:attachmentversion_download", kwargs={"pk": v.pk}) for v in versions
    ]


def _content(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_deleted_records_attachments_are_gone_until_it_is_restored(client, world):
    meeting, made, versions = _meeting_with_two_versions(world)
    client.force_login(world.a.coordinator)
    urls = _urls(made, versions)
    assert _content(client.get(urls[0])) == b"Version 2\n"

    confirm = client.get(reverse("areas:meeting_delete", kwargs={"pk": meeting.pk}))
    assert "1 bilagor" in confirm.content.decode() or "1 bilaga" in confirm.content.decode()
    delete(client, meeting)
    for url in urls:
        assert client.get(url).status_code == 404
    edit = reverse("collab:attachment_update", kwargs={"pk": made.pk})
    assert client.get(edit).status_code == 404
    with scopes_disabled():
        assert not Attachment.objects.exists() and not AttachmentVersion.objects.exists()

    # Restored without the other records deleted with it: its own files come back all the same.
    response = client.post(restore_url(meeting))
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert urls[0] in page
    assert _content(client.get(urls[0])) == b"Version 2\n"
    assert _content(client.get(urls[1])) == b"Version 1\n"
    with scopes_disabled():
        assert Attachment.objects.get().object_id == meeting.pk


def test_an_attachment_cannot_be_restored_while_its_record_is_deleted(client, world):
    meeting, made, _versions = _meeting_with_two_versions(world)
    client.force_login(world.a.coordinator)
    delete(client, meeting)
    response = client.post(restore_url(made))
    assert response.status_code == 200
    assert restore_url(meeting) in response.content.decode()
    with scopes_disabled():
        assert not Attachment.objects.exists()
    assert client.get(_urls(made, [])[0]).status_code == 404


def test_purging_the_record_removes_its_attachments_and_every_stored_file(
    client, world, django_capture_on_commit_callbacks
):
    meeting, made, versions = _meeting_with_two_versions(world)
    names = [v.file.name for v in versions]
    assert all(default_storage.exists(name) for name in names)
    kept, kept_made, kept_versions = _meeting_with_two_versions(world)
    client.force_login(world.a.coordinator)
    delete(client, meeting)
    _age_deletion(Meeting, meeting.pk, 40, whole_history=True)
    _age_deletion(Attachment, made.pk, 40, whole_history=True)
    for version in versions:
        _age_deletion(AttachmentVersion, version.pk, 40, whole_history=True)

    with django_capture_on_commit_callbacks(execute=True):  # the files go after the commit
        call_command("purge_deleted", days=30)
    with scopes_disabled():
        assert not Attachment.history.filter(id=made.pk).exists()
        assert not AttachmentVersion.history.filter(attachment_id=made.pk).exists()
        assert list(Attachment.objects.values_list("pk", flat=True)) == [kept_made.pk]
    assert not any(default_storage.exists(name) for name in names)
    assert all(default_storage.exists(v.file.name) for v in kept_versions)
    assert client.post(restore_url(meeting)).status_code == 404


def test_attachments_left_in_place_by_an_earlier_delete_are_hidden_and_purged(
    client, world, django_capture_on_commit_callbacks
):
    """Deleted before attachments went to the trash with their record: the attachment row
    stayed. It is a 404 while the record is deleted and goes for good with it."""
    meeting, made, versions = _meeting_with_two_versions(world)
    names = [v.file.name for v in versions]
    with scopes_disabled():
        Meeting.objects.get(pk=meeting.pk).delete()  # the old way: attachments untouched
        assert Attachment.objects.filter(pk=made.pk).exists()
    client.force_login(world.a.coordinator)
    for url in _urls(made, versions):
        assert client.get(url).status_code == 404

    _age_deletion(Meeting, meeting.pk, 40, whole_history=True)
    with django_capture_on_commit_callbacks(execute=True):  # the files go after the commit
        call_command("purge_deleted", days=30)
    with scopes_disabled():
        assert not Attachment.objects.exists() and not AttachmentVersion.objects.exists()
        assert not Attachment.history.filter(id=made.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
