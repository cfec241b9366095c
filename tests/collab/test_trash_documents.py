"""Governing documents keep every uploaded file: replacing the file keeps the earlier ones
("Tidigare versioner"), and a deleted document comes back with its files."""

import datetime
import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from areas.models import DocumentFileVersion, GoverningDocument
from collab import trash
from tests.areas.test_records import _document_data
from tests.factories import DocumentFileVersionFactory, GoverningDocumentFactory

PDF_1 = b"%PDF-1.4\n% forsta versionen\ntrailer << >>\n%%EOF\n"
PDF_2 = b"%PDF-1.4\n% andra versionen, reviderad\ntrailer << >>\n%%EOF\n"
PDF_3 = b"%PDF-1.7\n% tredje versionen, antagen av KF\ntrailer << >>\n%%EOF\n"


def sv(text) -> str:
    with translation.override("sv"):
        return gettext(str(text))


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _data(file=None, **overrides) -> dict:
    """The document form of tests/areas/test_records.py, without dates or summary."""
    empty = {"valid_from": "", "valid_to": "", "next_review": "", "summary": ""}
    return _document_data(file, **{**empty, **overrides})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.coordinator)
    return client


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    return b"".join(response.streaming_content)


def _upload_three(client) -> GoverningDocument:
    response = client.post(
        reverse("areas:governingdocument_create"),
        _data(SimpleUploadedFile("Program.pdf", PDF_1)),
    )
    assert response.status_code == 302
    with scopes_disabled():
        document = GoverningDocument.objects.get(case_number="KS 2025/200")
    url = reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    for name, content in [("Program reviderat.pdf", PDF_2), ("Program.pdf", PDF_3)]:
        response = client.post(url, _data(SimpleUploadedFile(name, content)))
        assert response.status_code == 302
    return document


def test_replacing_twice_keeps_three_downloadable_versions_newest_first(
    coordinator, world, settings
):
    document = _upload_three(coordinator)
    with scopes_disabled():
        versions = list(DocumentFileVersion.objects.filter(document=document))
        document = GoverningDocument.objects.get(pk=document.pk)
    assert [v.file_name for v in versions] == [
        "Program.pdf",
        "Program reviderat.pdf",
        "Program.pdf",
    ]
    assert [v.size for v in versions] == [len(PDF_3), len(PDF_2), len(PDF_1)]
    assert all(v.uploaded_by == world.a.coordinator and v.uploaded_at for v in versions)
    # The current file is the newest version; storage never overwrote a file of the same name.
    assert versions[0].file.name == document.file.name
    assert len({v.file.name for v in versions}) == 3 and len(stored_files(settings)) == 3

    downloads = [
        _download(coordinator, reverse("areas:documentfileversion_download", kwargs={"pk": v.pk}))
        for v in versions
    ]
    assert downloads == [PDF_3, PDF_2, PDF_1]
    current = reverse("areas:governingdocument_download", kwargs={"pk": document.pk})
    assert _download(coordinator, current) == PDF_3

    page = coordinator.get(document.get_absolute_url()).content.decode()
    assert html.escape(sv("Earlier versions")) in page or sv("Earlier versions") in page
    earlier = [
        reverse("areas:documentfileversion_download", kwargs={"pk": v.pk}) for v in versions[1:]
    ]
    assert all(url in page for url in earlier)
    assert page.index(earlier[0]) < page.index(earlier[1])  # newest first
    current_version = reverse("areas:documentfileversion_download", kwargs={"pk": versions[0].pk})
    assert current_version not in page  # the current file is offered as the document's file


def test_a_file_uploaded_before_versions_were_kept_becomes_an_earlier_version(coordinator, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation)  # no version rows
    url = reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    coordinator.post(url, _data(SimpleUploadedFile("Ny.pdf", PDF_2)))
    with scopes_disabled():
        versions = list(DocumentFileVersion.objects.filter(document=document))
    assert [v.file_name for v in versions] == ["Ny.pdf", "program.pdf"]
    old = reverse("areas:documentfileversion_download", kwargs={"pk": versions[1].pk})
    assert _download(coordinator, old).startswith(b"%PDF-1.4\n1 0 obj")


def test_another_organisations_version_is_404(client, world):
    version = DocumentFileVersionFactory(organisation=world.a.organisation)
    url = reverse("areas:documentfileversion_download", kwargs={"pk": version.pk})
    client.force_login(world.b.admin)
    assert client.get(url).status_code == 404
    client.force_login(world.a.viewer)  # every member of the organisation reads documents
    assert client.get(url).status_code == 200


def test_a_deleted_document_comes_back_with_its_file_and_versions(coordinator, world, settings):
    document = _upload_three(coordinator)
    files = stored_files(settings)
    delete_url = reverse("areas:governingdocument_delete", kwargs={"pk": document.pk})
    assert coordinator.post(delete_url).status_code == 302
    assert stored_files(settings) == files  # nothing removed from the storage
    listed = coordinator.get(reverse("collab:trash_list")).context["records"]
    assert {r.model for r in listed} == {GoverningDocument, DocumentFileVersion}

    restore = reverse(
        "collab:trash_restore", kwargs={"kind": trash.kind_of(GoverningDocument), "pk": document.pk}
    )
    assert coordinator.post(restore, {"children": "on"}).status_code == 302
    current = reverse("areas:governingdocument_download", kwargs={"pk": document.pk})
    assert _download(coordinator, current) == PDF_3
    with scopes_disabled():
        versions = list(DocumentFileVersion.objects.filter(document_id=document.pk))
    assert len(versions) == 3
    assert [
        _download(coordinator, reverse("areas:documentfileversion_download", kwargs={"pk": v.pk}))
        for v in versions
    ] == [PDF_3, PDF_2, PDF_1]


def test_purge_removes_the_files_of_a_document_deleted_long_ago_only(
    coordinator, world, settings, django_capture_on_commit_callbacks
):
    kept = GoverningDocumentFactory(organisation=world.a.organisation, title="Behålls")
    document = _upload_three(coordinator)
    before = stored_files(settings)
    assert len(before) == 4
    coordinator.post(reverse("areas:governingdocument_delete", kwargs={"pk": document.pk}))
    with scopes_disabled():
        long_ago = timezone.now() - datetime.timedelta(days=45)
        for model in (GoverningDocument, DocumentFileVersion):
            rows = model.history.model.objects.all()
            if model is GoverningDocument:
                rows = rows.filter(id=document.pk)
            rows.update(history_date=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_deleted")
    with scopes_disabled():
        kept = GoverningDocument.objects.get(pk=kept.pk)
    assert [p.name for p in stored_files(settings)] == [Path(kept.file.name).name]
