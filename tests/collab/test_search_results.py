"""The header's search (``/sok/?q=``): every kind is found, scoped to the organisation, ranked,
highlighted and escaped; on SQLite and on PostgreSQL (``scripts/pg_test.sh``)."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope

from areas import documents
from areas.models import DocumentKind, DocumentStatus, GoverningDocument
from collab import search
from enterprises.orgnr import complete_with_check_digit
from network.models import GoodExample
from tests.factories import (
    ActivityFactory,
    GoverningDocumentFactory,
    MeetingFactory,
    PartnershipFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)
from tests.factories.network_examples import make_example

WORD = "Kvarnbacken"


def docx_with(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document><w:body>'
            "<w:p><w:r><w:t>Inledning</w:t></w:r></w:p>"
            f"<w:p><w:r><w:t>{text[:4]}</w:t></w:r><w:r><w:t>{text[4:]}</w:t></w:r></w:p>"
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def odt_with(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<?xml version="1.0"?><office:document-content><office:body><office:text>'
            f"<text:h>Rubrik</text:h><text:p>{text} &amp; mer</text:p>"
            "</office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


def records_with_word(world, side, word: str = WORD) -> dict:
    """One record of every kind whose searched text holds ``word``; their URLs by kind."""
    organisation = side.organisation
    enterprise = SocialEnterpriseFactory(organisation=organisation, name=f"{word}s café")
    procurement = ProcurementFactory(
        organisation=organisation,
        title="Måltider i skolan",
        description=f"Leverans till förskolan {word}.",
    )
    partnership = PartnershipFactory(
        organisation=organisation, title="Mötesplats", purpose=f"Öppen verksamhet i {word}."
    )
    meeting = MeetingFactory(
        organisation=organisation, title="Dialogmöte", minutes=f"Vi besökte {word} i maj."
    )
    activity = ActivityFactory(
        organisation=organisation, title="Kartlägg lokaler", description=f"Lokaler vid {word}."
    )
    example = make_example(
        world.network, organisation, title=f"Caféet på {word}", status=GoodExample.Status.DRAFT
    )
    side_client_post = {
        "title": "Lokalförsörjningsprogram",
        "kind": DocumentKind.PROGRAMME,
        "status": DocumentStatus.DRAFT,
        "summary": "Programmet för kommunens lokaler.",
        "file": SimpleUploadedFile("program.docx", docx_with(f"{word}skolans lokaler")),
    }
    return {
        "enterprises": enterprise.get_absolute_url(),
        "procurements": procurement.get_absolute_url(),
        "partnerships": partnership.get_absolute_url(),
        "meetings": meeting.get_absolute_url(),
        "activities": activity.get_absolute_url(),
        "good_examples": example.get_absolute_url(),
        "_document_post": side_client_post,
    }


def upload_document(client, data) -> str:
    response = client.post(reverse("areas:governingdocument_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"]


def search_page(client, query: str):
    response = client.get(reverse("collab:search"), {"q": query})
    assert response.status_code == 200
    return response


def test_every_kind_is_found_and_another_organisations_records_never(client, world):
    own = records_with_word(world, world.a)
    other = records_with_word(world, world.b)
    client.force_login(world.b.coordinator)
    other["documents"] = upload_document(client, other.pop("_document_post"))
    client.force_login(world.a.coordinator)
    own["documents"] = upload_document(client, own.pop("_document_post"))

    response = search_page(client, WORD.lower())
    page = response.content.decode()
    groups = {group.key: group for group in response.context["outcome"].groups}
    assert set(groups) == {key for key in own}
    for key, url in own.items():
        assert [result.url for result in groups[key].results] == [url], key
        assert f'href="{url}"' in page
    for key, url in other.items():
        if url != own[key]:
            assert url not in page, key
    # The document was found by the text of its Word file, shown as the snippet.
    [document] = groups["documents"].results
    assert ("Kvarnbacken", True) in document.snippet
    listed = client.get(groups["documents"].all_url).content.decode()
    assert own["documents"] in listed and other["documents"] not in listed
    # The matches are marked; each kind links to its list filtered by the query.
    assert "<mark>Kvarnbacken</mark>" in page
    assert f"{reverse('procurement:procurement_list')}?q=kvarnbacken" in page
    assert "Sociala företag" in page


def test_the_header_has_the_search_field(client, world):
    client.force_login(world.a.coordinator)
    page = client.get(reverse("collab:home")).content.decode()
    form = re.search(r'<form[^>]*role="search".*?</form>', page, re.S)
    assert form is not None
    assert f'action="{reverse("collab:search")}"' in form.group(0)
    assert 'type="search"' in form.group(0) and 'name="q"' in form.group(0)
    assert '<label class="visually-hidden" for="header-search-q">Sök</label>' in form.group(0)


@pytest.mark.parametrize(
    "typed",
    ["{digits}", "{first}-{last}", "{first} {last}", "SE{digits}01", "16{digits}", "{first}"],
)
def test_an_organisation_number_in_any_spelling(client, world, typed):
    number = complete_with_check_digit("556036079")
    enterprise = SocialEnterpriseFactory(
        organisation=world.a.organisation, name="Gröna händer ek. för.", org_number=number
    )
    first, last = number.split("-")
    client.force_login(world.a.viewer)
    query = typed.format(digits=first + last, first=first, last=last)
    groups = search_page(client, query).context["outcome"].groups
    assert [r.url for g in groups for r in g.results] == [enterprise.get_absolute_url()]


def test_a_title_match_ranks_before_a_text_match(client, world):
    organisation = world.a.organisation
    in_text = ProcurementFactory(
        organisation=organisation, title="Avfallshantering", description="Snöröjning ingår."
    )
    in_title = ProcurementFactory(
        organisation=organisation, title="Snöröjning vid skolor", description="Vintertid."
    )
    ProcurementFactory(organisation=organisation, title="Lokalvård", description="Städning.")
    client.force_login(world.a.viewer)
    [group] = search_page(client, "snöröjning").context["outcome"].groups
    assert [r.url for r in group.results] == [
        in_title.get_absolute_url(),
        in_text.get_absolute_url(),
    ]
    assert group.count == 2


def test_a_short_query_gets_a_message_and_a_long_one_is_cut(client, world):
    ProcurementFactory(organisation=world.a.organisation, title="A")
    client.force_login(world.a.viewer)
    response = search_page(client, "a")
    assert "Skriv minst två tecken för att söka." in response.content.decode()
    assert response.context["outcome"].groups == []

    response = search_page(client, "lokalvård" * 50)
    assert len(response.context["query"]) == search.MAX_LENGTH

    page = search_page(client, "ingenting sådant").content.decode()
    assert "Inget matchade" in page


def test_a_script_title_is_shown_escaped(client, world):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        title="<script>alert(1)</script> Lokalvård",
        description="<b>fet</b> lokalvård",
    )
    client.force_login(world.a.viewer)
    page = search_page(client, "lokalvård").content.decode()
    assert procurement.get_absolute_url() in page
    assert "<script>alert(1)" not in page and "<b>fet" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Lokalvård</mark>" in page
    assert "&lt;b&gt;fet&lt;/b&gt; <mark>lokalvård</mark>" in page


def test_the_page_runs_one_query_per_kind(client, world, django_assert_max_num_queries):
    client.force_login(world.a.viewer)
    search_page(client, "snöröjning")  # warm: the session and the membership
    organisation = world.a.organisation

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            search_page(client, "snöröjning")
        return len(queries)

    ProcurementFactory(organisation=organisation, title="Snöröjning")
    MeetingFactory(organisation=organisation, minutes="Snöröjning")
    one = count()
    for _ in range(3):
        ProcurementFactory(organisation=organisation, title="Snöröjning")
        MeetingFactory(organisation=organisation, minutes="Snöröjning")
        GoverningDocumentFactory(organisation=organisation, summary="Snöröjning")
    assert count() == one
    # The session, the user and the membership, then one query for each of the seven kinds.
    with django_assert_max_num_queries(len(search.providers()) + 5):
        search_page(client, "snöröjning")


def test_the_text_of_word_opendocument_and_text_files_is_read():
    assert documents.extract_text(io.BytesIO(docx_with("Kvarnbacken"))) == (
        "Inledning\nKvarnbacken"
    )
    assert documents.extract_text(io.BytesIO(odt_with("Kvarnbacken"))) == (
        "Rubrik\nKvarnbacken & mer"
    )
    assert documents.extract_text(io.BytesIO(b"Rad 1\r\n\r\n Kvarnbacken  ")) == (
        "Rad 1\nKvarnbacken"
    )
    # A PDF's text is read from its content stream, not its bytes (tests/collab/test_document_text).
    assert documents.extract_text(io.BytesIO(b"%PDF-1.4 Kvarnbacken")) == ""


def test_replacing_the_file_replaces_its_text(world):
    organisation = world.a.organisation
    with scope(organisation=organisation.pk):
        document = GoverningDocumentFactory.build(organisation=organisation, file=None)
        document.file = SimpleUploadedFile("a.odt", odt_with("Kvarnbacken"))
        documents.save_document(document=document)
        assert "Kvarnbacken" in GoverningDocument.objects.get(pk=document.pk).text_content
        document.file = None
        documents.save_document(document=document)
        assert GoverningDocument.objects.get(pk=document.pk).text_content == ""


def test_a_reference_number_and_part_of_a_word_are_found(client, world):
    procurement = ProcurementFactory(
        organisation=world.a.organisation,
        title="Lokalvård",
        reference="BUN 2026/0077",
        description="Städning av förskolorna.",
    )
    client.force_login(world.a.viewer)
    for query in ["2026/0077", "bun 2026/0077", "förskol", "städ lokal", "STÄDNING AV FÖRSKOL"]:
        groups = search_page(client, query).context["outcome"].groups
        assert [r.url for g in groups for r in g.results] == [procurement.get_absolute_url()], query


def test_postgresql_finds_other_forms_of_a_word(client, world):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Swedish stemming is PostgreSQL's full-text search")
    procurement = ProcurementFactory(
        organisation=world.a.organisation, title="Måltider", description="Mat till skolan."
    )
    client.force_login(world.a.viewer)
    groups = search_page(client, "skolor").context["outcome"].groups
    assert [r.url for g in groups for r in g.results] == [procurement.get_absolute_url()]
