"""The text of uploaded files for the search (``collab.files.extract_text``): a PDF's text
(pypdf, bounded, never a 500), plain text files, and the attachments' text found by the header's
search, linked to the record they belong to. On SQLite and on PostgreSQL
(``scripts/pg_test.sh``)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from areas.models import DocumentKind, DocumentStatus, GoverningDocument
from collab import files, trash
from collab.models import Attachment
from tests.factories import MeetingFactory
from tests.factories.areas import attachment

pytestmark = pytest.mark.django_db

NOT_TEXT = (
    "The file's name ends in .txt, but it is not plain UTF-8 text: it contains NUL bytes or "
    "other control characters, or another character encoding. Save it as UTF-8 text and upload "
    "it again."
)


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def weasyprint_pdf(*pages: str) -> bytes:
    """A PDF as a word processor would make it (fonts embedded, text in a content stream)."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">{text}</p>' for text in pages)
    return HTML(string=f"<html lang='sv'><body>{body}</body></html>").write_pdf()


def encrypted_pdf(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.simple_pdf([text]))))
    writer.encrypt(user_password="", owner_password="hemligt")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _document(client, name: str, content: bytes, title: str = "Riktlinjer för samverkan"):
    response = client.post(
        reverse("areas:governingdocument_create"),
        {
            "title": title,
            "kind": DocumentKind.GUIDELINE,
            "status": DocumentStatus.DRAFT,
            "summary": "",
            "file": SimpleUploadedFile(name, content),
        },
    )
    if response.status_code == 200 and "file" not in response.context["form"].errors:
        raise AssertionError(response.context["form"].errors)
    return response


def _found(client, query: str) -> dict[str, list[str]]:
    response = client.get(reverse("collab:search"), {"q": query})
    assert response.status_code == 200
    return {g.key: [r.url for r in g.results] for g in response.context["outcome"].groups}


def _stored_document(title: str) -> GoverningDocument:
    with scopes_disabled():
        return GoverningDocument.objects.get(title=title)


def test_the_words_of_an_uploaded_pdf_are_found(client, world):
    client.force_login(world.a.coordinator)
    pdf = weasyprint_pdf("Lokalförsörjningen vid Kvarnbacken ska ses över.")
    assert _document(client, "riktlinjer.pdf", pdf).status_code == 302
    document = _stored_document("Riktlinjer för samverkan")
    assert "Kvarnbacken" in document.text_content
    assert _found(client, "kvarnbacken") == {"documents": [document.get_absolute_url()]}
    # Another organisation does not find it.
    client.force_login(world.b.coordinator)
    assert _found(client, "kvarnbacken") == {}


def test_a_pdf_is_read_up_to_the_page_limit(monkeypatch):
    monkeypatch.setattr(files, "PDF_MAX_PAGES", 1)
    text = files.extract_text(io.BytesIO(weasyprint_pdf("Första sidan", "Andra sidan")))
    assert "Första sidan" in text and "Andra" not in text
    monkeypatch.setattr(files, "PDF_MAX_PAGES", 2)
    monkeypatch.setattr(files, "TEXT_MAX_CHARS", 5)
    assert files.extract_text(io.BytesIO(weasyprint_pdf("Första sidan", "Andra"))) == "Först"


def test_a_text_file_is_accepted_and_found_by_its_content(client, world):
    client.force_login(world.a.coordinator)
    content = "Riktlinjer\r\n\r\nMåltidsservice från Gröna händer.\n".encode()
    assert _document(client, "riktlinjer.txt", content).status_code == 302
    document = _stored_document("Riktlinjer för samverkan")
    assert document.text_content == "Riktlinjer\nMåltidsservice från Gröna händer."
    assert _found(client, "måltidsservice")["documents"] == [document.get_absolute_url()]
    download = client.get(reverse("areas:governingdocument_download", kwargs={"pk": document.pk}))
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\nnothing but garbage \x00\xff\x8f",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>",
        b"%PDF-" + b"[" * 50_000,  # deep nesting
    ],
    ids=["garbage", "missing-pages", "deep-nesting"],
)
def test_a_damaged_pdf_is_accepted_without_text(client, world, content):
    client.force_login(world.a.coordinator)
    response = _document(client, "trasig.pdf", content)
    assert response.status_code == 302
    document = _stored_document("Riktlinjer för samverkan")
    assert document.text_content == "" and document.file_name == "trasig.pdf"
    # It is still found by its title.
    assert _found(client, "riktlinjer")["documents"] == [document.get_absolute_url()]


def test_an_encrypted_pdf_has_no_text():
    assert files.extract_text(io.BytesIO(files.simple_pdf(["Hemlig text"]))) == "Hemlig text"
    assert files.extract_text(io.BytesIO(encrypted_pdf("Hemlig text"))) == ""


def test_a_text_file_with_nul_bytes_is_refused_in_swedish(client, world):
    client.force_login(world.a.coordinator)
    response = _document(client, "protokoll.txt", b"Protokoll\x00\x00 punkt 1")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [sv(NOT_TEXT)]
    assert sv(NOT_TEXT).startswith("Filens namn slutar på .txt")
    assert "Filens namn slutar på .txt" in response.content.decode()
    with scopes_disabled():
        assert not GoverningDocument.objects.exists()
    # The attachments follow the same rule.
    meeting = MeetingFactory(organisation=world.a.organisation)
    response = client.post(
        reverse(
            "collab:attachment_create",
            kwargs={"kind": "areas.meeting", "object_id": meeting.pk},
        ),
        {"title": "", "file": SimpleUploadedFile("protokoll.txt", b"a\x00b")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [sv(NOT_TEXT)]


def _attach(client, meeting, name: str, content: bytes, title: str = ""):
    return client.post(
        reverse(
            "collab:attachment_create",
            kwargs={"kind": meeting._meta.label_lower, "object_id": meeting.pk},
        ),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_a_meetings_minutes_attached_as_a_pdf_find_the_meeting(client, world):
    meeting = MeetingFactory(organisation=world.a.organisation, title="Dialogmöte", minutes="")
    other = MeetingFactory(organisation=world.b.organisation, title="Dialogmöte", minutes="")
    pdf = weasyprint_pdf("Protokoll: vi beslutade om Kvarnbackens café.")
    client.force_login(world.b.coordinator)
    assert _attach(client, other, "protokoll.pdf", pdf).status_code == 302
    client.force_login(world.a.coordinator)
    assert _attach(client, meeting, "protokoll.pdf", pdf, title="Protokoll 12 mars").status_code
    response = client.get(reverse("collab:search"), {"q": "kvarnbackens"})
    [group] = response.context["outcome"].groups
    [result] = group.results
    assert group.label == "Bifogade filer"
    assert result.title == "Protokoll 12 mars"
    assert result.url == f"{meeting.get_absolute_url()}#bilagor"
    assert result.meta == f"Möte: {meeting}"
    assert ("Kvarnbackens", True) in result.snippet
    page = response.content.decode()
    assert f'href="{meeting.get_absolute_url()}#bilagor"' in page
    assert other.get_absolute_url() not in page

    # A new version replaces the text that is searched.
    with scopes_disabled():
        attachment = Attachment.objects.get(object_id=meeting.pk, organisation=meeting.organisation)
    update_url = reverse("collab:attachment_update", kwargs={"pk": attachment.pk})
    version = client.get(update_url).context["form"]["_version"].value()
    response = client.post(
        update_url,
        {
            "title": "Protokoll 12 mars",
            "description": "",
            "file": SimpleUploadedFile("protokoll.txt", "Justerat: Lövängens café.".encode()),
            "_version": version,
        },
    )
    assert response.status_code == 302
    assert _found(client, "kvarnbackens") == {}
    assert _found(client, "lövängens") == {"attachments": [f"{meeting.get_absolute_url()}#bilagor"]}


def test_the_attachment_of_a_deleted_record_is_not_found(client, world):
    meeting = MeetingFactory(organisation=world.a.organisation, title="Dialogmöte", minutes="")
    client.force_login(world.a.coordinator)
    assert _attach(client, meeting, "protokoll.txt", b"Punkt 1: Kvarnbacken").status_code == 302
    assert "attachments" in _found(client, "kvarnbacken")
    with scopes_disabled():
        trash.delete_record(meeting)
    assert _found(client, "kvarnbacken") == {}


def test_the_attachments_search_costs_the_same_with_more_results(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation = world.a.organisation
    client.force_login(world.a.coordinator)

    def attach_to_meeting():
        meeting = MeetingFactory(organisation=organisation, title="", minutes="")
        assert _attach(client, meeting, "protokoll.txt", b"Kvarnbacken").status_code == 302

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _found(client, "kvarnbacken")
        return len(queries)

    attach_to_meeting()
    _found(client, "kvarnbacken")  # warm: the content types
    one = count()
    for _ in range(3):
        attach_to_meeting()
    decision = attachment(organisation, name="beslut.txt", content=b"Kvarnbacken")
    found = _found(client, "kvarnbacken")["attachments"]
    assert len(found) == 5 and decision.get_absolute_url() + "#bilagor" in found
    # One more query for the second kind of record (the decision), none per row.
    assert count() == one + 1


def test_a_deleted_attachment_is_not_found_and_found_again_when_restored(client, world):
    meeting = MeetingFactory(organisation=world.a.organisation, title="Dialogmöte", minutes="")
    client.force_login(world.a.coordinator)
    assert _attach(client, meeting, "protokoll.txt", b"Punkt 1: Kvarnbacken").status_code == 302
    with scopes_disabled():
        made = Attachment.objects.get(object_id=meeting.pk, organisation=meeting.organisation)
    delete = client.post(reverse("collab:attachment_delete", kwargs={"pk": made.pk}))
    assert delete.status_code == 302
    assert _found(client, "kvarnbacken") == {}
    restore = reverse(
        "collab:trash_restore", kwargs={"kind": trash.kind_of(Attachment), "pk": made.pk}
    )
    assert client.post(restore, {"children": "on"}).status_code == 302
    assert _found(client, "kvarnbacken") == {
        "attachments": [f"{meeting.get_absolute_url()}#bilagor"]
    }
