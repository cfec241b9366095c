"""The records of areas 1, 2 and 4 in the browser: political decisions, the coordinating function
and its people, governing documents with their files, and the action plan."""

import datetime
import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_scopes import scopes_disabled

from areas.documents import DOCUMENT_MAX_BYTES
from areas.models import (
    Activity,
    ActivityStatus,
    CommitteeKind,
    CoordinatingFunction,
    DocumentKind,
    DocumentStatus,
    FunctionMember,
    FunctionPlacement,
    GoverningDocument,
    PoliticalDecision,
)
from tests.factories import (
    ActivityFactory,
    CoordinatingFunctionFactory,
    FunctionMemberFactory,
    GoverningDocumentFactory,
    PoliticalDecisionFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def sv(text) -> str:
    """The text as the (Swedish) pages show it; English until the catalogue has it."""
    with translation.override("sv"):
        return gettext(str(text))


def shown(text, content: str) -> bool:
    text = sv(text)
    return text in content or html.escape(text) in content


def count(model, organisation=None) -> int:
    with scopes_disabled():
        qs = model.objects.all()
        if organisation is not None:
            qs = qs.filter(organisation=organisation)
        return qs.count()


def get(model, **lookup):
    with scopes_disabled():
        return model.objects.get(**lookup)


def titles_in_order(content: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=content.index)


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.coordinator)
    return client


# --- file contents built in the tests --------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _member(name: str) -> zipfile.ZipInfo:
    """A zip member with a fixed timestamp, so the same helper always gives the same bytes
    (with the clock's time two calls a second apart differ)."""
    return zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [
            ("[Content_Types].xml", '<?xml version="1.0"?><Types/>'),
            ("_rels/.rels", '<?xml version="1.0"?><Relationships/>'),
            ("word/document.xml", '<?xml version="1.0"?><w:document/>'),
        ]:
            archive.writestr(_member(name), text, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def odt_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_member("mimetype"), mimetype)  # first and uncompressed
        archive.writestr(_member("content.xml"), '<?xml version="1.0"?><office:document-content/>')
        archive.writestr(_member("META-INF/manifest.xml"), '<?xml version="1.0"?><manifest/>')
    return buffer.getvalue()


def xlsx_like_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_member("[Content_Types].xml"), "<Types/>")
        archive.writestr(_member("xl/workbook.xml"), "<workbook/>")
    return buffer.getvalue()


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- area 1: political decisions -------------------------------------------------------------


def _decision_data(**overrides) -> dict:
    data = {
        "committee": "Kommunstyrelsen",
        "committee_kind": CommitteeKind.EXECUTIVE,
        "decided_on": "2025-03-12",
        "case_number": "KS 2025/123",
        "decision": "Kommunstyrelsen ansvarar för samverkan.\nArbetsmarknadsenheten rapporterar.",
        "repealed_on": "",
    }
    data.update(overrides)
    return data


def test_coordinator_records_a_political_decision(coordinator, world):
    response = coordinator.post(reverse("areas:politicaldecision_create"), _decision_data())
    decision = get(PoliticalDecision, case_number="KS 2025/123")
    assert decision.organisation == world.a.organisation
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()

    content = coordinator.get(decision.get_absolute_url()).content.decode()
    assert "Kommunstyrelsen ansvarar för samverkan.<br>Arbetsmarknadsenheten rapporterar." in (
        content
    )
    assert shown("In force", content) and not shown("No longer in force", content)


def test_a_decision_cannot_end_before_it_was_taken(coordinator, world):
    response = coordinator.post(
        reverse("areas:politicaldecision_create"), _decision_data(repealed_on="2025-01-01")
    )
    assert response.status_code == 200
    form = response.context["form"]
    message = "The decision cannot end before the decision date."
    assert [str(e) for e in form.errors["repealed_on"]] == [sv(message)]
    assert shown(message, response.content.decode())
    assert count(PoliticalDecision) == 0


def test_edit_a_decision_to_record_that_it_is_replaced(coordinator, world):
    decision = PoliticalDecisionFactory(organisation=world.a.organisation)
    data = _decision_data(repealed_on=(TODAY - DAY).isoformat())
    response = coordinator.post(
        reverse("areas:politicaldecision_update", kwargs={"pk": decision.pk}), data
    )
    assert response.status_code == 302
    assert not get(PoliticalDecision, pk=decision.pk).in_force
    content = coordinator.get(decision.get_absolute_url()).content.decode()
    assert shown("No longer in force", content)


def test_decision_list_filters_by_in_force_and_kind(coordinator, world):
    org = world.a.organisation
    PoliticalDecisionFactory(organisation=org, committee="Kommunstyrelsen")
    PoliticalDecisionFactory(
        organisation=org,
        committee="Arbetsmarknadsnämnden",
        committee_kind=CommitteeKind.SPECIALIST,
        decided_on=datetime.date(2020, 1, 1),
        repealed_on=datetime.date(2025, 3, 12),
    )
    url = reverse("areas:politicaldecision_list")
    content = coordinator.get(url).content.decode()
    assert "Kommunstyrelsen" in content and "Arbetsmarknadsnämnden" in content

    in_force = coordinator.get(url, {"in_force": "ja"}).content.decode()
    assert "Kommunstyrelsen" in in_force and "Arbetsmarknadsnämnden" not in in_force
    repealed = coordinator.get(url, {"in_force": "nej"}).content.decode()
    assert "Kommunstyrelsen" not in repealed and "Arbetsmarknadsnämnden" in repealed
    specialist = coordinator.get(url, {"committee_kind": CommitteeKind.SPECIALIST})
    assert [d.committee for d in specialist.context["object_list"]] == ["Arbetsmarknadsnämnden"]
    searched = coordinator.get(url, {"q": "KS 2025"}).context["object_list"]
    assert all(d.case_number.startswith("KS 2025") for d in searched) and len(searched) == 2


def test_empty_decision_list_explains_area_one(client, world):
    client.force_login(world.a.viewer)
    response = client.get(reverse("areas:politicaldecision_list"))
    content = response.content.decode()
    assert shown(
        "No political decision is recorded yet. Area 1 of the handbook is anchored by "
        "recording the decision on which committee holds political responsibility for the "
        "collaboration with social enterprises: add it with its date and case number.",
        content,
    )
    # A viewer reads but is not offered to add.
    assert reverse("areas:politicaldecision_create") not in content


def test_the_records_are_in_the_collaboration_menu(coordinator, world):
    content = coordinator.get(reverse("collab:home")).content.decode()
    for name in (
        "areas:politicaldecision_list",
        "areas:coordinatingfunction_list",
        "areas:governingdocument_list",
        "areas:activity_list",
    ):
        assert f'href="{reverse(name)}"' in content, name


# --- area 2: the coordinating function -------------------------------------------------------


def _function_data(**overrides) -> dict:
    data = {
        "name": "Samordning sociala företag",
        "placement": FunctionPlacement.BUSINESS,
        "unit": "Näringslivskontoret",
        "mandate": "Samordnar arbetet.\nRapporterar till KS.",
        "established_on": "2025-04-01",
        "ended_on": "",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_function_and_sees_its_placement_explained(coordinator, world):
    response = coordinator.post(reverse("areas:coordinatingfunction_create"), _function_data())
    function = get(CoordinatingFunction, name="Samordning sociala företag")
    assert function.organisation == world.a.organisation
    assert response["Location"] == function.get_absolute_url()
    content = coordinator.get(function.get_absolute_url()).content.decode()
    assert "Samordnar arbetet.<br>Rapporterar till KS." in content
    assert shown(CoordinatingFunction._meta.get_field("placement").help_text, content)
    # The empty people table tells what to do, and offers to add a person.
    add_url = reverse("areas:functionmember_create") + f"?function={function.pk}"
    assert html.escape(add_url) in content or add_url in content


def test_a_function_cannot_end_before_it_started(coordinator, world):
    response = coordinator.post(
        reverse("areas:coordinatingfunction_create"), _function_data(ended_on="2025-03-01")
    )
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["ended_on"]] == [
        sv("The end date is before the start date.")
    ]
    assert count(CoordinatingFunction) == 0


def test_function_page_lists_people_and_totals_full_time_equivalents(coordinator, world):
    org = world.a.organisation
    function = CoordinatingFunctionFactory(organisation=org)
    FunctionMemberFactory(
        organisation=org,
        function=function,
        name="Anna Andersson",
        email="anna@alfastad.se",
        share_of_full_time=100,
    )
    FunctionMemberFactory(
        organisation=org, function=function, name="Bo Berg", share_of_full_time=50
    )
    content = coordinator.get(function.get_absolute_url()).content.decode()
    assert "Anna Andersson" in content and "Bo Berg" in content
    assert 'href="mailto:anna@alfastad.se"' in content
    # Swedish number format: 1,5 (not 1.5).
    total = re.search(r'class="[^"]*fte-total[^"]*">([^<]*)<', content).group(1)
    assert total.startswith("1,5 ")
    with translation.override("sv"):
        plural = ngettext("%(fte)s full-time equivalent", "%(fte)s full-time equivalents", 2) % {
            "fte": "1,5"
        }
    assert total == plural
    member = get(FunctionMember, name="Bo Berg")
    assert reverse("areas:functionmember_update", kwargs={"pk": member.pk}) in content
    assert reverse("areas:functionmember_delete", kwargs={"pk": member.pk}) in content


def test_function_list_shows_people_and_full_time_equivalents(coordinator, world):
    org = world.a.organisation
    function = CoordinatingFunctionFactory(organisation=org)
    for share in (50, 25):
        FunctionMemberFactory(organisation=org, function=function, share_of_full_time=share)
    response = coordinator.get(reverse("areas:coordinatingfunction_list"))
    row = response.context["rows"][0]
    texts = [cell["text"] for cell in row["cells"]]
    assert "2" in texts and "0,75" in texts


def test_viewer_sees_the_people_but_cannot_add_or_edit(client, world):
    member = FunctionMemberFactory(organisation=world.a.organisation)
    client.force_login(world.a.viewer)
    content = client.get(member.function.get_absolute_url()).content.decode()
    assert member.name in content
    assert reverse("areas:functionmember_create") not in content
    assert reverse("areas:functionmember_update", kwargs={"pk": member.pk}) not in content


def test_function_page_does_not_query_per_person(coordinator, world):
    org = world.a.organisation
    function = CoordinatingFunctionFactory(organisation=org)
    FunctionMemberFactory(organisation=org, function=function)
    url = function.get_absolute_url()
    with CaptureQueriesContext(connection) as one:
        assert coordinator.get(url).status_code == 200
    for _ in range(6):
        FunctionMemberFactory(organisation=org, function=function)
    with CaptureQueriesContext(connection) as seven:
        assert coordinator.get(url).status_code == 200
    assert len(one) == len(seven), "\n".join(q["sql"] for q in seven.captured_queries)


def test_add_a_person_from_the_function_page(coordinator, world):
    function = CoordinatingFunctionFactory(organisation=world.a.organisation)
    url = reverse("areas:functionmember_create")
    form = coordinator.get(url, {"function": function.pk}).context["form"]
    assert form.initial["function"] == function.pk
    response = coordinator.post(
        url + f"?function={function.pk}",
        {
            "function": function.pk,
            "name": "Cecilia Ek",
            "title": "Utvecklingsstrateg",
            "email": "cecilia@alfastad.se",
            "share_of_full_time": "40",
        },
    )
    member = get(FunctionMember, name="Cecilia Ek")
    assert member.organisation == world.a.organisation and member.function == function
    assert response["Location"] == function.get_absolute_url() + "#personer"


@pytest.mark.parametrize("share", ["0", "101"])
def test_share_of_full_time_is_between_1_and_100(coordinator, world, share):
    function = CoordinatingFunctionFactory(organisation=world.a.organisation)
    response = coordinator.post(
        reverse("areas:functionmember_create"),
        {"function": function.pk, "name": "Dan", "share_of_full_time": share},
    )
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["share_of_full_time"]] == [
        sv("The share of full time is between 1 and 100 per cent.")
    ]
    assert count(FunctionMember) == 0


def test_a_person_cannot_be_added_to_another_organisations_function(coordinator, world):
    other = CoordinatingFunctionFactory(organisation=world.b.organisation)
    response = coordinator.post(
        reverse("areas:functionmember_create"),
        {"function": other.pk, "name": "Eva", "share_of_full_time": "20"},
    )
    assert response.status_code == 200 and "function" in response.context["form"].errors
    assert count(FunctionMember) == 0


def test_edit_and_delete_a_person_return_to_the_function(coordinator, world):
    member = FunctionMemberFactory(organisation=world.a.organisation)
    back = member.function.get_absolute_url() + "#personer"
    response = coordinator.post(
        reverse("areas:functionmember_update", kwargs={"pk": member.pk}),
        {"function": member.function_id, "name": "Nytt Namn", "share_of_full_time": "75"},
    )
    assert response["Location"] == back
    assert get(FunctionMember, pk=member.pk).share_of_full_time == 75
    response = coordinator.post(reverse("areas:functionmember_delete", kwargs={"pk": member.pk}))
    assert response["Location"] == back
    assert count(FunctionMember) == 0


# --- area 4: governing documents -------------------------------------------------------------


def _document_data(file=None, **overrides) -> dict:
    data = {
        "title": "Program för samverkan med sociala företag",
        "kind": DocumentKind.PROGRAMME,
        "status": DocumentStatus.ADOPTED,
        "adopted_by": "Kommunfullmäktige",
        "adopted_on": "2025-06-16",
        "case_number": "KS 2025/200",
        "valid_from": "2025-07-01",
        "valid_to": "2028-12-31",
        "next_review": "2027-06-30",
        "summary": "Kommunen ska öka samverkan.",
    }
    if file is not None:
        data["file"] = file
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("Program 2025.pdf", PDF, "application/pdf"),
        (
            "Program.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("Program.ODT", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ],
    ids=["pdf", "docx", "odt"],
)
def test_upload_and_download_a_document(coordinator, world, settings, name, content, content_type):
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile(name, content, content_type="application/octet-stream")),
    )
    assert response.status_code == 302, response.context["form"].errors
    document = get(GoverningDocument, case_number="KS 2025/200")
    assert document.organisation == world.a.organisation
    assert document.file_name == name
    # Stored under MEDIA_ROOT with a random name, not the original one.
    [stored] = stored_files(settings)
    assert stored.parent == Path(settings.MEDIA_ROOT) / "documents" / str(world.a.organisation.pk)
    assert stored.name != name and stored.read_bytes() == content

    page = coordinator.get(document.get_absolute_url()).content.decode()
    download_url = reverse("areas:governingdocument_download", kwargs={"pk": document.pk})
    assert download_url in page and html.escape(name) in page

    download = coordinator.get(download_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment")
    assert name.replace(" ", "%20") in download["Content-Disposition"] or (
        f'filename="{name}"' in download["Content-Disposition"]
    )
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"


def test_download_keeps_a_swedish_file_name(coordinator, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    with scopes_disabled():
        GoverningDocument.objects.filter(pk=document.pk).update(file_name="Riktlinje för IOP.pdf")
    response = coordinator.get(
        reverse("areas:governingdocument_download", kwargs={"pk": document.pk})
    )
    assert "filename*=utf-8''Riktlinje%20f%C3%B6r%20IOP.pdf" in response["Content-Disposition"]


def test_download_without_a_file_is_404(coordinator, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation, file=None, file_name="")
    url = reverse("areas:governingdocument_download", kwargs={"pk": document.pk})
    assert coordinator.get(url).status_code == 404
    content = coordinator.get(document.get_absolute_url()).content.decode()
    assert url not in content
    assert shown(
        "No file is attached. Edit the document to attach it as a PDF, Word (.docx), "
        "OpenDocument (.odt) or text (.txt) file.",
        content,
    )


NOT_A_DOCUMENT = "The file is not a PDF, Word (.docx), OpenDocument (.odt) or text (.txt) file."


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, NOT_A_DOCUMENT),  # an .exe
        ("program.pdf", "Detta är bara text, ingen PDF.".encode(), "extension"),
        ("program.docx", xlsx_like_bytes(), NOT_A_DOCUMENT),
        (
            "program.odt",
            odt_bytes("application/vnd.oasis.opendocument.spreadsheet"),
            NOT_A_DOCUMENT,
        ),
        ("program.docx", b"PK\x03\x04 a broken zip file", NOT_A_DOCUMENT),
        ("program.pdf", docx_bytes(), "extension"),  # a Word document named .pdf
        ("program.docx", PDF, "extension"),
        ("program", PDF, "extension"),
    ],
    ids=[
        "exe-named-pdf",
        "text-named-pdf",
        "other-zip-named-docx",
        "opendocument-spreadsheet-named-odt",
        "broken-zip",
        "docx-named-pdf",
        "pdf-named-docx",
        "pdf-without-extension",
    ],
)
def test_a_file_that_is_not_an_accepted_document_is_refused(
    coordinator, world, settings, name, content, message
):
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile(name, content, content_type="application/pdf")),
    )
    assert response.status_code == 200
    errors = [str(e) for e in response.context["form"].errors["file"]]
    if message == "extension":
        assert len(errors) == 1 and "." in errors[0]
        assert errors[0] != sv(NOT_A_DOCUMENT)
    else:
        assert errors == [sv(NOT_A_DOCUMENT)]
    assert shown(errors[0], response.content.decode())
    assert count(GoverningDocument) == 0
    assert stored_files(settings) == []


def test_a_word_document_named_pdf_gets_a_message_naming_both(coordinator, world):
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile("program.pdf", docx_bytes())),
    )
    [error] = response.context["form"].errors["file"]
    assert "Word (.docx)" in error and ".pdf" in error


def test_a_file_over_20_mb_is_refused(coordinator, world, settings):
    content = PDF + b"\0" * (DOCUMENT_MAX_BYTES + 1 - len(PDF))
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile("stor.pdf", content)),
    )
    assert response.status_code == 200
    expected = sv("The file is %(size)s MB; the limit is %(max)s MB.") % {
        "size": "20,1",
        "max": "20",
    }
    assert [str(e) for e in response.context["form"].errors["file"]] == [expected]
    assert shown(expected, response.content.decode())
    assert count(GoverningDocument) == 0
    assert stored_files(settings) == []


def test_a_file_of_exactly_20_mb_is_accepted(coordinator, world, settings):
    content = PDF + b"\0" * (DOCUMENT_MAX_BYTES - len(PDF))
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile("precis.pdf", content)),
    )
    assert response.status_code == 302
    [stored] = stored_files(settings)
    assert stored.stat().st_size == DOCUMENT_MAX_BYTES


def test_other_errors_store_nothing_and_ask_for_the_file_again(coordinator, world, settings):
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile("program.pdf", PDF), title=""),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors and "file" in errors
    assert count(GoverningDocument) == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"adopted_on": "2025-06-16", "next_review": "2025-01-01"},
            "next_review",
            "The next review cannot be before the adoption date.",
        ),
        (
            {"adopted_on": ""},
            "adopted_on",
            "An adopted document needs its adoption date.",
        ),
        (
            {"valid_from": "2025-07-01", "valid_to": "2025-06-30"},
            "valid_to",
            "The document cannot stop being valid before it becomes valid.",
        ),
    ],
)
def test_document_dates_are_checked_next_to_the_field(
    coordinator, world, settings, overrides, field, message
):
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(SimpleUploadedFile("program.pdf", PDF), **overrides),
    )
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors[field]] == [sv(message)]
    assert shown(message, response.content.decode())
    assert count(GoverningDocument) == 0
    assert stored_files(settings) == []


def test_a_draft_needs_no_adoption_date_nor_file(coordinator, world):
    response = coordinator.post(
        reverse("areas:governingdocument_create"),
        _document_data(status=DocumentStatus.DRAFT, adopted_on="", next_review=""),
    )
    assert response.status_code == 302
    document = get(GoverningDocument, case_number="KS 2025/200")
    assert not document.file and document.file_name == ""


def test_replacing_the_file_keeps_the_old_one_as_an_earlier_version(
    coordinator, world, settings, django_capture_on_commit_callbacks
):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    [old] = stored_files(settings)
    url = reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            url, _document_data(SimpleUploadedFile("Ny version.docx", docx_bytes()))
        )
    assert response.status_code == 302
    assert old.exists()  # kept: "Tidigare versioner" on the document's page
    document = get(GoverningDocument, pk=document.pk)
    assert document.file_name == "Ny version.docx"
    [new] = [f for f in stored_files(settings) if f != old]
    assert new.suffix == ".docx" and new.read_bytes() == docx_bytes()


def test_editing_without_a_new_file_keeps_the_file(
    coordinator, world, settings, django_capture_on_commit_callbacks
):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    url = reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, _document_data(title="Nytt namn"))
    assert response.status_code == 302
    fresh = get(GoverningDocument, pk=document.pk)
    assert fresh.title == "Nytt namn" and fresh.file.name == document.file.name
    assert fresh.file_name == "program.pdf"
    assert len(stored_files(settings)) == 1


def test_removing_the_file_keeps_it_as_an_earlier_version(
    coordinator, world, settings, django_capture_on_commit_callbacks
):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    url = reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, _document_data(**{"file-clear": "on"}))
    assert response.status_code == 302
    fresh = get(GoverningDocument, pk=document.pk)
    assert not fresh.file and fresh.file_name == ""
    assert len(stored_files(settings)) == 1
    assert "program.pdf" in coordinator.get(fresh.get_absolute_url()).content.decode()


def test_deleting_the_document_keeps_its_file_for_restoring(
    coordinator, world, settings, django_capture_on_commit_callbacks
):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    activity = ActivityFactory(organisation=world.a.organisation, document=document)
    [stored] = stored_files(settings)
    url = reverse("areas:governingdocument_delete", kwargs={"pk": document.pk})
    confirm = coordinator.get(url).content.decode()
    assert sv("the attached file %(name)s") % {"name": "program.pdf"} in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url)
    assert response["Location"] == reverse("areas:governingdocument_list")
    assert (
        stored.exists()
    )  # restorable from the deleted records (tests/collab/test_trash_documents.py)
    assert count(GoverningDocument) == 0
    assert get(Activity, pk=activity.pk).document is None  # the activity stays in the plan


def test_due_for_review_is_marked_and_filtered(coordinator, world):
    org = world.a.organisation
    GoverningDocumentFactory(
        organisation=org, title="Gammal policy", next_review=TODAY - DAY, file=None
    )
    GoverningDocumentFactory(organisation=org, title="Ny strategi", next_review=TODAY + DAY)
    GoverningDocumentFactory(
        organisation=org,
        title="Utkast till riktlinje",
        status=DocumentStatus.DRAFT,
        next_review=TODAY - DAY,
    )
    url = reverse("areas:governingdocument_list")
    response = coordinator.get(url)
    marks = {row["object"].title: row["marks"] for row in response.context["rows"]}
    assert marks == {
        "Gammal policy": [sv("Due for review")],
        "Ny strategi": [],
        "Utkast till riktlinje": [],
    }
    content = response.content.decode()
    assert content.count(sv("Due for review")) == 2  # the filter's label and one badge

    due = coordinator.get(url, {"due": "ja"}).context["object_list"]
    assert [d.title for d in due] == ["Gammal policy"]
    not_due = coordinator.get(url, {"due": "nej"}).context["object_list"]
    assert sorted(d.title for d in not_due) == ["Ny strategi", "Utkast till riktlinje"]
    drafts = coordinator.get(url, {"status": DocumentStatus.DRAFT}).context["object_list"]
    assert [d.title for d in drafts] == ["Utkast till riktlinje"]
    searched = coordinator.get(url, {"q": "strategi"}).context["object_list"]
    assert [d.title for d in searched] == ["Ny strategi"]


def test_a_document_due_today_warns_on_its_page(coordinator, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation, next_review=TODAY)
    response = coordinator.get(document.get_absolute_url())
    assert response.context["due_for_review"] is True
    assert 'role="alert"' in response.content.decode()
    later = GoverningDocumentFactory(organisation=world.a.organisation, next_review=TODAY + DAY)
    response = coordinator.get(later.get_absolute_url())
    assert response.context["due_for_review"] is False
    assert 'role="alert"' not in response.content.decode()


def test_document_page_lists_its_activities_in_one_query(coordinator, world):
    org = world.a.organisation
    document = GoverningDocumentFactory(organisation=org)
    ActivityFactory(organisation=org, document=document, title="Kartlägg företagen")
    ActivityFactory(organisation=org, title="Annan aktivitet")  # not linked
    url = document.get_absolute_url()
    with CaptureQueriesContext(connection) as one:
        content = coordinator.get(url).content.decode()
    assert "Kartlägg företagen" in content and "Annan aktivitet" not in content
    add_url = reverse("areas:activity_create") + f"?document={document.pk}&amp;area=4"
    assert add_url in content
    for n in range(5):
        ActivityFactory(organisation=org, document=document, title=f"Fler {n}")
    with CaptureQueriesContext(connection) as six:
        assert coordinator.get(url).status_code == 200
    assert len(one) == len(six), "\n".join(q["sql"] for q in six.captured_queries)


# --- area 4: the action plan ---------------------------------------------------------------------


def _activity_data(**overrides) -> dict:
    data = {
        "title": "Kartlägg de sociala företagen",
        "area": "4",
        "document": "",
        "description": "Gå igenom registret.",
        "owner": "Näringslivschefen",
        "start_date": "2026-01-01",
        "due_date": "2026-06-30",
        "status": ActivityStatus.ONGOING,
        "percent_complete": "40",
    }
    data.update(overrides)
    return data


def test_activity_form_preselects_area_and_document(coordinator, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    response = coordinator.get(
        reverse("areas:activity_create"), {"document": document.pk, "area": "5"}
    )
    form = response.context["form"]
    assert form.initial["document"] == document.pk and form.initial["area"] == 5
    content = response.content.decode()
    assert re.search(rf'<option value="{document.pk}" selected>', content)
    assert re.search(r'<option value="5" selected>', content)
    # Cancel goes back to the document.
    assert document.get_absolute_url() in content


def test_coordinator_adds_an_activity_to_the_plan(coordinator, world):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    response = coordinator.post(
        reverse("areas:activity_create"), _activity_data(document=document.pk)
    )
    activity = get(Activity, title="Kartlägg de sociala företagen")
    assert response["Location"] == activity.get_absolute_url()
    assert activity.organisation == world.a.organisation and activity.document == document
    assert activity.area == 4


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"start_date": "2026-07-01", "due_date": "2026-06-30"},
            "due_date",
            "The due date is before the start date.",
        ),
        (
            {"status": ActivityStatus.DONE, "percent_complete": "90"},
            "percent_complete",
            "A finished activity is 100 % complete.",
        ),
        (
            {"status": ActivityStatus.NOT_STARTED, "percent_complete": "10"},
            "percent_complete",
            "An activity that has not started is 0 % complete; set the status to in progress.",
        ),
        (
            {"percent_complete": "101"},
            "percent_complete",
            "The per cent complete is between 0 and 100.",
        ),
    ],
)
def test_activity_errors_are_shown_next_to_the_field(coordinator, world, overrides, field, message):
    response = coordinator.post(reverse("areas:activity_create"), _activity_data(**overrides))
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors[field]] == [sv(message)]
    assert shown(message, response.content.decode())
    assert count(Activity) == 0


def test_an_activity_cannot_link_another_organisations_document(coordinator, world):
    other = GoverningDocumentFactory(organisation=world.b.organisation)
    response = coordinator.post(reverse("areas:activity_create"), _activity_data(document=other.pk))
    assert response.status_code == 200 and "document" in response.context["form"].errors
    assert count(Activity) == 0


def test_action_plan_marks_and_filters_overdue_activities_sorted_by_due_date(coordinator, world):
    org = world.a.organisation
    document = GoverningDocumentFactory(organisation=org, title="Programmet")
    ActivityFactory(organisation=org, title="Sen aktivitet", start_date=None, due_date=TODAY - DAY)
    ActivityFactory(
        organisation=org,
        title="Klar aktivitet",
        start_date=None,
        due_date=TODAY - 2 * DAY,
        status=ActivityStatus.DONE,
        percent_complete=100,
    )
    ActivityFactory(
        organisation=org,
        title="Kommande aktivitet",
        start_date=None,
        due_date=TODAY + DAY,
        area=6,
        document=document,
    )
    url = reverse("areas:activity_list")
    response = coordinator.get(url)
    content = response.content.decode()
    assert titles_in_order(content, ["Kommande aktivitet", "Sen aktivitet", "Klar aktivitet"]) == [
        "Klar aktivitet",
        "Sen aktivitet",
        "Kommande aktivitet",
    ]
    marks = {row["object"].title: row["marks"] for row in response.context["rows"]}
    assert marks == {
        "Sen aktivitet": [sv("Overdue")],
        "Klar aktivitet": [],
        "Kommande aktivitet": [],
    }
    row = next(r for r in response.context["rows"] if r["object"].title == "Kommande aktivitet")
    texts = [cell["text"] for cell in row["cells"]]
    assert "40 %" in texts and "Programmet" in texts
    assert any(t.startswith("6. ") for t in texts)  # the area with its number and name

    def titles(**params):
        return [a.title for a in coordinator.get(url, params).context["object_list"]]

    assert titles(overdue="ja") == ["Sen aktivitet"]
    assert titles(overdue="nej") == ["Klar aktivitet", "Kommande aktivitet"]
    assert titles(area="6") == ["Kommande aktivitet"]
    assert titles(document=document.pk) == ["Kommande aktivitet"]
    assert titles(status=ActivityStatus.DONE) == ["Klar aktivitet"]
    assert titles(q="sen") == ["Sen aktivitet"]


def test_activity_page_shows_progress_document_and_overdue_warning(coordinator, world):
    org = world.a.organisation
    document = GoverningDocumentFactory(organisation=org, title="Programmet")
    activity = ActivityFactory(
        organisation=org,
        document=document,
        start_date=None,
        due_date=TODAY - DAY,
        percent_complete=40,
    )
    content = coordinator.get(activity.get_absolute_url()).content.decode()
    assert 'role="progressbar"' in content and 'aria-valuenow="40"' in content
    assert sv("%(percent)s %% complete") % {"percent": 40} in content
    assert f'href="{document.get_absolute_url()}"' in content
    assert 'role="alert"' in content and shown("Overdue", content)

    on_time = ActivityFactory(organisation=org, start_date=None, due_date=TODAY)
    content = coordinator.get(on_time.get_absolute_url()).content.decode()
    assert 'role="alert"' not in content


def test_edit_and_delete_an_activity(coordinator, world):
    activity = ActivityFactory(organisation=world.a.organisation)
    response = coordinator.post(
        reverse("areas:activity_update", kwargs={"pk": activity.pk}),
        _activity_data(status=ActivityStatus.DONE, percent_complete="100"),
    )
    assert response.status_code == 302
    assert get(Activity, pk=activity.pk).status == ActivityStatus.DONE
    response = coordinator.post(reverse("areas:activity_delete", kwargs={"pk": activity.pk}))
    assert response["Location"] == reverse("areas:activity_list")
    assert count(Activity) == 0
