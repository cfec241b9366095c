"""The register import: file checks, row validation, preview, confirmation, atomicity."""

import codecs
import csv
import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from enterprises import importing, orgnr
from enterprises.models import (
    EnterpriseImport,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
)
from enterprises.orgnr import complete_with_check_digit
from tests.factories import EnterpriseImportFactory, SocialEnterpriseFactory
from tests.job_helpers import upload_error

UPLOAD = reverse("enterprises:import_upload")

# Valid organisation numbers (Luhn), different from the factories' 769… sequence.
ORG1 = complete_with_check_digit("556036079")
ORG2 = complete_with_check_digit("802480123")
ORG3 = complete_with_check_digit("716420456")
ORG4 = complete_with_check_digit("556677889")


def bad_check_digit(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + 1) % 10)


def sv(message: str, **params) -> str:
    """A message as the (Swedish) user sees it, whether or not it is translated yet."""
    with translation.override("sv"):
        text = gettext(message)
    return text % params if params else text


def orgnr_message(value: str) -> str:
    with translation.override("sv"), pytest.raises(ValidationError) as caught:
        orgnr.normalise(value)
    return caught.value.messages[0]


def make_csv(rows, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def make_xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "foretag.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def last_import(organisation) -> EnterpriseImport:
    with scopes_disabled():
        return EnterpriseImport.objects.filter(organisation=organisation).latest("pk")


def preview(client, enterprise_import, query=""):
    url = reverse("enterprises:import_preview", kwargs={"pk": enterprise_import.pk})
    response = client.get(url + query)
    assert response.status_code == 200
    return response


def confirm(client, enterprise_import):
    fingerprint = preview(client, enterprise_import).context["fingerprint"]
    url = reverse("enterprises:import_preview", kwargs={"pk": enterprise_import.pk})
    return client.post(url, {"fingerprint": fingerprint}, follow=True)


def upload_and_preview(client, world, content, name="foretag.csv"):
    response = upload(client, content, name)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    enterprise_import = last_import(world.a.organisation)
    assert response["Location"] == enterprise_import.get_absolute_url()
    return enterprise_import, preview(client, enterprise_import)


def errors_by_line(response) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for row, error in response.context["errors"]:
        found.setdefault(row.line, []).append((error.column, error.message))
    return found


def enterprises(organisation):
    with scope(organisation=organisation.pk):
        return {
            e.name: e
            for e in SocialEnterprise.objects.prefetch_related("categories", "challenges", "sdgs")
        }


def page_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.coordinator)
    return client


HEADER = [
    "namn",
    "organisationsnummer",
    "juridisk form",
    "typ",
    "status",
    "tjänstekategorier",
    "samhällsutmaningar",
    "agenda 2030-mål",
    "erbjudande",
    "arbetsträningsplatser",
    "anställda",
    "deltagare",
    "adress",
    "postnummer",
    "postort",
    "verksamhetsområde",
    "webbplats",
    "identifierad datum",
    "anteckningar",
    "taggar",
]


# --- good rows -------------------------------------------------------------------------------


def test_good_rows_become_new_enterprises_with_every_column(coordinator, world):
    content = make_csv(
        [
            HEADER,
            [
                "Returbutiken Ekorren ek. för.",
                ORG1.replace("-", ""),
                "Ekonomisk förening",
                "Arbetsintegrerande socialt företag",
                "Aktiv samverkan",
                "lokalvård | SNÖSKOTTNING OCH HALKBEKÄMPNING",
                "Integration|Klimat och miljö",
                "8, 10",
                "Städning och snöröjning",
                "12",
                "1 234",
                "7",
                "Storgatan 1",
                "12345",
                "Sjöstad",
                "Sjöstad och Norrbyn",
                "www.ekorren.example.se",
                "22 november 2026",
                "Träffade dem på mässan",
                "dialog, återbruk",
            ],
            ["Cykelköket", ORG2, "ideell_forening", "asf", "identifierad"]
            + [""] * 12
            + ["2025-03-01", "", ""],
        ]
    )
    enterprise_import, response = upload_and_preview(coordinator, world, content)
    assert response.context["counts"] == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert "Returbutiken Ekorren ek. för." in response.content.decode()
    with scope(organisation=world.a.organisation.pk):
        assert SocialEnterprise.objects.count() == 0, "nothing is stored before confirmation"

    response = confirm(coordinator, enterprise_import)
    assert response.status_code == 200
    stored = enterprises(world.a.organisation)
    assert set(stored) == {"Returbutiken Ekorren ek. för.", "Cykelköket"}
    ekorren = stored["Returbutiken Ekorren ek. för."]
    assert ekorren.org_number == ORG1
    assert ekorren.organisation == world.a.organisation
    assert ekorren.legal_form == LegalForm.ECONOMIC_ASSOCIATION
    assert ekorren.kind == EnterpriseKind.WISE
    assert ekorren.status == EnterpriseStatus.ACTIVE
    assert {c.name for c in ekorren.categories.all()} == {
        "Lokalvård",
        "Snöskottning och halkbekämpning",
    }
    assert {c.name for c in ekorren.challenges.all()} == {"Integration", "Klimat och miljö"}
    assert {g.number for g in ekorren.sdgs.all()} == {8, 10}
    assert (ekorren.work_training_places, ekorren.employees, ekorren.participants) == (12, 1234, 7)
    assert ekorren.postal_code == "123 45"
    assert ekorren.website == "https://www.ekorren.example.se"
    assert ekorren.identified_on == datetime.date(2026, 11, 22)
    assert ekorren.offer == "Städning och snöröjning"
    assert ekorren.tags == "dialog, återbruk"
    cykel = stored["Cykelköket"]
    assert cykel.legal_form == LegalForm.NON_PROFIT_ASSOCIATION
    assert cykel.identified_on == datetime.date(2025, 3, 1)
    assert cykel.employees == 0 and cykel.postal_town == ""

    with scope(organisation=world.a.organisation.pk):
        history = ekorren.history.get()
        assert history.history_type == "+"
        assert history.history_user == world.a.coordinator
    enterprise_import.refresh_from_db()
    assert enterprise_import.status == EnterpriseImport.Status.APPLIED
    assert (enterprise_import.new_count, enterprise_import.update_count) == (2, 0)
    with scopes_disabled():
        assert not SocialEnterprise.objects.filter(organisation=world.b.organisation).exists()


def test_headers_are_case_insensitive_and_english_field_names_work(coordinator, world):
    content = make_csv(
        [["NAME", "Org_Number", "Employees", "Legal_Form"], ["Bageriet", ORG1, "3", "Foundation"]]
    )
    enterprise_import, response = upload_and_preview(coordinator, world, content)
    assert response.context["counts"]["new"] == 1
    confirm(coordinator, enterprise_import)
    bageriet = enterprises(world.a.organisation)["Bageriet"]
    assert (bageriet.org_number, bageriet.employees) == (ORG1, 3)
    assert bageriet.legal_form == LegalForm.FOUNDATION


def test_update_by_org_number_overwrites_only_the_columns_in_the_file(coordinator, world):
    lokal = ServiceCategory.objects.get(name="Lokalvård")
    catering = ServiceCategory.objects.get(name="Catering och måltider")
    existing = SocialEnterpriseFactory(
        organisation=world.a.organisation,
        name="Gamla namnet",
        org_number=ORG1,
        postal_town="Sjöstad",
        employees=3,
        notes="Viktig anteckning",
    )
    other = SocialEnterpriseFactory(
        organisation=world.a.organisation, name="Tvätteriet", org_number=ORG2, employees=5
    )
    with scopes_disabled():
        existing.categories.add(lokal)
        other.categories.add(lokal)
    # The same organisation number in another organisation is a different register.
    theirs = SocialEnterpriseFactory(organisation=world.b.organisation, org_number=ORG3)

    content = make_csv(
        [
            ["namn", "organisationsnummer", "anställda", "tjänstekategorier", "anteckningar"],
            ["Nya namnet", ORG1.replace("-", ""), "7", "", ""],
            ["Tvätteriet", ORG2, "", "Catering och måltider", ""],
            ["Ny i A", ORG3, "1", "", ""],
        ]
    )
    enterprise_import, response = upload_and_preview(coordinator, world, content)
    assert response.context["counts"] == {"new": 1, "update": 2, "unchanged": 0, "error": 0}
    assert "Gamla namnet" in response.content.decode(), "the preview names what is renamed"
    confirm(coordinator, enterprise_import)

    stored = enterprises(world.a.organisation)
    assert set(stored) == {"Nya namnet", "Tvätteriet", "Ny i A"}
    renamed = stored["Nya namnet"]
    assert renamed.pk == existing.pk
    assert renamed.employees == 7
    assert renamed.postal_town == "Sjöstad", "a column missing from the file is left alone"
    assert renamed.notes == "Viktig anteckning", "an empty cell is left alone"
    assert [c.name for c in renamed.categories.all()] == ["Lokalvård"]
    assert stored["Tvätteriet"].employees == 5
    assert [c.name for c in stored["Tvätteriet"].categories.all()] == [catering.name]
    with scope(organisation=world.a.organisation.pk):
        latest = renamed.history.latest()
        assert latest.history_type == "~" and latest.history_user == world.a.coordinator
        assert latest.name == "Nya namnet"
    with scopes_disabled():
        theirs.refresh_from_db()
        assert theirs.organisation == world.b.organisation


# --- bad rows --------------------------------------------------------------------------------


def test_every_kind_of_bad_row_is_reported_with_line_column_and_message(coordinator, world):
    header = [
        "namn",
        "Organisationsnummer",
        "juridisk form",
        "anställda",
        "tjänstekategorier",
        "samhällsutmaningar",
        "agenda 2030-mål",
        "identifierad datum",
        "postnummer",
        "webbplats",
    ]
    blank = [""] * (len(header) - 2)

    def row(name, number, **cells):
        values = dict(zip(header[2:], blank, strict=True))
        values.update({k.replace("_", " "): v for k, v in cells.items()})
        return [name, number, *[values[h] for h in header[2:]]]

    bad_digit = bad_check_digit(ORG2)
    content = make_csv(
        [
            header,  # line 1
            row("Bra företaget", ORG1),  # 2
            row("Fel kontrollsiffra", bad_digit),  # 3
            row("Fel format", "12345"),  # 4
            row("", ORG3, anställda="2"),  # 5: missing name
            row("Negativt", "", anställda="-3"),  # 6
            row("Inte ett tal", "", anställda="tre"),  # 7
            row("Okänd kategori", "", tjänstekategorier="Lokalvård|Rymdresor"),  # 8
            row("Okänd form", "", juridisk_form="Kommunalt bolag"),  # 9
            row("Fel datum", "", identifierad_datum="2026-13-45"),  # 10
            row("Dubblett", ORG1),  # 11: the same number as line 2
            row("Okänt mål", "", **{"agenda 2030-mål": "8|18"}),  # 12
            row("Fel postnummer", "", postnummer="1234"),  # 13
            row("Fel webbplats", "", webbplats="inte en adress"),  # 14
            row("Okänd utmaning", "", samhällsutmaningar="Rymden"),  # 15
            [""] * len(header),  # 16: an empty row is skipped, not an error
            row("Bra igen", ""),  # 17
        ]
    )
    enterprise_import, response = upload_and_preview(coordinator, world, content)
    assert response.context["counts"] == {"new": 2, "update": 0, "unchanged": 0, "error": 13}
    errors = errors_by_line(response)
    assert set(errors) == set(range(3, 16))
    on = "Organisationsnummer"  # the heading as written in the file
    assert errors[3] == [(on, orgnr_message(bad_digit))]
    assert errors[4] == [(on, orgnr_message("12345"))]
    assert errors[5] == [("namn", sv("A name is required."))]
    assert errors[6] == [("anställda", sv("The number cannot be negative."))]
    assert errors[7] == [("anställda", sv("Write a whole number, e.g. 12."))]
    assert errors[8][0][0] == "tjänstekategorier" and "“Rymdresor”" in errors[8][0][1]
    assert "Lokalvård" not in errors[8][0][1]
    assert errors[9][0][0] == "juridisk form" and "“Kommunalt bolag”" in errors[9][0][1]
    assert errors[10] == [
        (
            "identifierad datum",
            sv(
                "“%(value)s” is not a date. Write it as 2026-11-22 or 22 november 2026.",
                value="2026-13-45",
            ),
        )
    ]
    assert errors[11] == [
        (
            on,
            sv(
                "The organisation number also appears on row %(line)s; an enterprise may "
                "appear only once in the file.",
                line=2,
            ),
        )
    ]
    assert errors[12][0][0] == "agenda 2030-mål" and "“18”" in errors[12][0][1]
    assert errors[13] == [("postnummer", sv("Write the postal code as five digits, e.g. 123 45."))]
    assert errors[14][0][0] == "webbplats"
    assert errors[15][0][0] == "samhällsutmaningar" and "“Rymden”" in errors[15][0][1]
    page = response.content.decode()
    assert orgnr_message(bad_digit) in page.replace("&#x27;", "'")

    confirm(coordinator, enterprise_import)
    assert set(enterprises(world.a.organisation)) == {"Bra företaget", "Bra igen"}
    enterprise_import.refresh_from_db()
    assert (enterprise_import.new_count, enterprise_import.error_count) == (2, 13)


def test_a_row_with_more_cells_than_headings_is_an_error(coordinator, world):
    content = make_csv([["namn", "anställda"], ["Kaffe", "te och bröd", "3"], ["Bra", "2"]])
    _import, response = upload_and_preview(coordinator, world, content)
    errors = errors_by_line(response)
    assert list(errors) == [2]
    assert ("anställda", sv("Write a whole number, e.g. 12.")) in errors[2]
    assert any(column == "–" for column, _message in errors[2])


def test_a_file_where_every_row_is_wrong_offers_nothing_to_import(coordinator, world):
    content = make_csv([["namn", "anställda"], ["Ett", "-1"], ["Två", "x"]])
    enterprise_import, response = upload_and_preview(coordinator, world, content)
    assert response.context["to_import"] == 0
    assert 'name="fingerprint"' not in response.content.decode()


# --- encodings and formats -------------------------------------------------------------------

NAME = "Återbruket Ärlan på Östra Ön"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8-sig", ";"),
        ("utf-8", ";"),
        ("utf-8", ","),
        ("cp1252", ";"),
        ("cp1252", ","),
        ("utf-16", "\t"),
    ],
)
def test_encodings_and_delimiters(coordinator, world, encoding, delimiter):
    content = make_csv(
        [
            ["namn", "organisationsnummer", "postort", "tjänstekategorier"],
            [NAME, ORG1, "Älvsund", "Tryck, post och kontorsservice|Fruktkorgar"],
        ],
        delimiter=delimiter,
        encoding=encoding,
    )
    if encoding == "cp1252":
        with pytest.raises(UnicodeDecodeError):
            content.decode("utf-8")
    enterprise_import, response = upload_and_preview(coordinator, world, content)
    assert response.context["counts"] == {"new": 1, "update": 0, "unchanged": 0, "error": 0}
    confirm(coordinator, enterprise_import)
    stored = enterprises(world.a.organisation)[NAME]
    assert stored.postal_town == "Älvsund"
    assert {c.name for c in stored.categories.all()} == {
        "Tryck, post och kontorsservice",
        "Fruktkorgar",
    }


def test_xlsx_with_typed_cells_and_true_row_numbers(coordinator, world):
    number_without_dash = int(ORG2.replace("-", ""))
    content = make_xlsx(
        [
            ["Namn", "Organisationsnummer", "Anställda", "Identifierad datum", "Typ"],
            [NAME, ORG1, 4, datetime.datetime(2026, 11, 22), "Idéburen organisation"],
            [None, None, None, None, None],  # an empty row keeps the numbering
            ["Siffror", number_without_dash, 3.0, datetime.date(2024, 1, 5), "annat"],
            ["Trasigt", None, 2.5, "igår", None],
        ]
    )
    enterprise_import, response = upload_and_preview(coordinator, world, content, "lista.xlsx")
    assert enterprise_import.file_format == EnterpriseImport.Format.XLSX
    assert response.context["counts"] == {"new": 2, "update": 0, "unchanged": 0, "error": 1}
    errors = errors_by_line(response)
    assert list(errors) == [5]
    assert [column for column, _m in errors[5]] == ["Anställda", "Identifierad datum"]
    confirm(coordinator, enterprise_import)
    stored = enterprises(world.a.organisation)
    assert stored[NAME].identified_on == datetime.date(2026, 11, 22)
    assert stored[NAME].kind == EnterpriseKind.NON_PROFIT
    assert stored["Siffror"].org_number == ORG2
    assert stored["Siffror"].employees == 3
    assert stored["Siffror"].identified_on == datetime.date(2024, 1, 5)


# --- files that cannot be used ---------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "foretag.csv",
            PNG,
            "The file is neither a CSV text file nor an Excel workbook (.xlsx). Save it from "
            "the spreadsheet program as CSV or as Excel workbook.",
        ),
        (
            "foretag.xlsx",
            "namn\nEtt företag\n".encode(),
            "The file is named .xlsx but is not an Excel workbook.",
        ),
        (
            "foretag.xlsx",
            _zip_without_workbook(),
            "The file is a compressed archive but not an Excel workbook (.xlsx). Save it as "
            "Excel workbook or CSV.",
        ),
        (
            "foretag.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "Choose a CSV file (.csv) or an Excel workbook (.xlsx).",
        ),
        (
            "foretag.csv",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "Files from older Excel versions (.xls) cannot be read. Save the file as Excel "
            "workbook (.xlsx) or as CSV and upload it again.",
        ),
        ("foretag.pdf", b"%PDF-1.7", "Choose a CSV file (.csv) or an Excel workbook (.xlsx)."),
        ("foretag.csv", b"", "The file is empty."),
        ("foretag.csv", b"\r\n;;\r\n", "The file is empty."),
        (
            "foretag.csv",
            b"namn;organisationsnummer\r\n",
            "The file has no rows below the header row: there is nothing to import.",
        ),
    ],
    ids=[
        "png-renamed-csv",
        "text-renamed-xlsx",
        "zip-not-workbook",
        "xls-extension",
        "xls-content",
        "pdf",
        "empty",
        "blank-lines",
        "header-only",
    ],
)
def test_unusable_files_are_explained(coordinator, world, name, content, message):
    # Next to the field when the name or the first bytes tell; else on the upload page
    # after the file was read in the background.
    assert upload_error(coordinator, UPLOAD, content, name) == sv(message)
    with scopes_disabled():
        assert not EnterpriseImport.objects.exists()


def test_missing_required_column_is_named(coordinator, world):
    content = make_csv([["organisationsnummer", "postort"], [ORG1, "Sjöstad"]])
    error = upload_error(coordinator, UPLOAD, content, "foretag.csv")
    assert "“namn”" in error
    with scopes_disabled():
        assert not EnterpriseImport.objects.exists()


def test_a_column_given_twice_is_refused(coordinator, world):
    content = make_csv([["namn", "Name"], ["A", "B"]])
    error = upload_error(coordinator, UPLOAD, content, "foretag.csv")
    assert "“namn”" in error and "“Name”" in error


def test_a_file_over_10_mb_is_refused(coordinator, world):
    header = b"namn;anteckningar\r\n"
    content = header + b"A;" + b"x" * (importing.MAX_FILE_SIZE - len(header)) + b"\r\n"
    assert len(content) > 10 * 1024 * 1024
    response = upload(coordinator, content)
    [error] = response.context["form"].errors["file"]
    assert "10 MB" in error
    with scopes_disabled():
        assert not EnterpriseImport.objects.exists()


def test_choosing_no_file_is_explained(coordinator, world):
    response = coordinator.post(UPLOAD, {})
    assert response.context["form"].errors["file"] == [sv("Choose a file to import.")]


# --- confirmation: once, all or nothing ------------------------------------------------------


def _three_rows_file(world):
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Befintlig", org_number=ORG1)
    return make_csv(
        [
            ["namn", "organisationsnummer", "anställda", "tjänstekategorier"],
            ["Befintlig uppdaterad", ORG1, "9", "Lokalvård"],
            ["Ny ett", ORG2, "1", "Biltvätt"],
            ["Ny två", ORG3, "2", "Tvätteri"],
            ["Ny tre", ORG4, "3", "Fruktkorgar"],
        ]
    )


def _state(organisation):
    with scope(organisation=organisation.pk):
        return (
            sorted(SocialEnterprise.objects.values_list("name", "org_number", "employees")),
            SocialEnterprise.history.count(),
            sorted(
                SocialEnterprise.categories.through.objects.filter(
                    socialenterprise__organisation=organisation
                ).values_list("socialenterprise_id", "servicecategory_id")
            ),
        )


def test_applying_twice_does_not_duplicate(coordinator, world):
    enterprise_import, _response = upload_and_preview(coordinator, world, _three_rows_file(world))
    fingerprint = preview(coordinator, enterprise_import).context["fingerprint"]
    url = enterprise_import.get_absolute_url()
    coordinator.post(url, {"fingerprint": fingerprint}, follow=True)
    after_first = _state(world.a.organisation)
    assert len(after_first[0]) == 4
    response = coordinator.post(url, {"fingerprint": fingerprint}, follow=True)
    assert page_messages(response) == [
        sv("This file has already been imported; nothing was imported again.")
    ]
    assert _state(world.a.organisation) == after_first
    assert 'name="fingerprint"' not in response.content.decode()


def test_a_register_changed_since_the_preview_needs_a_new_look(coordinator, world):
    enterprise_import, response = upload_and_preview(coordinator, world, _three_rows_file(world))
    old_fingerprint = response.context["fingerprint"]
    # Someone registers one of the file's enterprises meanwhile: that row is now an update.
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Hann före", org_number=ORG4)
    before = _state(world.a.organisation)
    response = coordinator.post(
        enterprise_import.get_absolute_url(), {"fingerprint": old_fingerprint}, follow=True
    )
    assert page_messages(response) == [
        sv(
            "The register has changed since the preview was shown. Nothing was imported; "
            "check the updated preview and confirm again."
        )
    ]
    assert _state(world.a.organisation) == before
    assert response.context["counts"] == {"new": 2, "update": 2, "unchanged": 0, "error": 0}
    confirm(coordinator, enterprise_import)
    assert "Ny tre" in enterprises(world.a.organisation)


def test_a_failure_late_in_the_import_stores_nothing(coordinator, world, monkeypatch):
    enterprise_import, _response = upload_and_preview(coordinator, world, _three_rows_file(world))
    before = _state(world.a.organisation)

    def fail(rows, *, replace):
        if replace:  # after every enterprise has been created and updated
            raise IntegrityError("simulated failure while linking categories")
        return original(rows, replace=replace)

    original = importing._link_related
    monkeypatch.setattr(importing, "_link_related", fail)
    response = confirm(coordinator, enterprise_import)
    [message] = page_messages(response)
    assert message == sv(
        "Nothing was imported: the register changed while the import ran. "
        "Check the preview and confirm again."
    )
    assert "simulated failure" not in message  # no internal error text reaches the user
    assert _state(world.a.organisation) == before
    enterprise_import.refresh_from_db()
    assert enterprise_import.status == EnterpriseImport.Status.PENDING


def test_a_database_constraint_violated_mid_import_stores_nothing(coordinator, world, monkeypatch):
    """A concurrent insert the validation could not see: the unique organisation number
    stops the import at its last row, after the others were written; all of it is undone."""
    enterprise_import, response = upload_and_preview(coordinator, world, _three_rows_file(world))
    fingerprint = response.context["fingerprint"]
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Hann före", org_number=ORG4)
    before = _state(world.a.organisation)

    class Blind(importing._Lookups):
        def __init__(self):
            super().__init__()
            self.existing.pop(ORG4)  # validation does not see the new enterprise

    monkeypatch.setattr(importing, "_Lookups", Blind)
    monkeypatch.setattr(importing, "BATCH_SIZE", 1)  # one INSERT per row
    response = coordinator.post(
        enterprise_import.get_absolute_url(), {"fingerprint": fingerprint}, follow=True
    )
    [message] = page_messages(response)
    expected = sv(
        "Nothing was imported: the register changed while the import ran. "
        "Check the preview and confirm again."
    )
    assert message == expected  # no database error text reaches the user
    assert _state(world.a.organisation) == before
    enterprise_import.refresh_from_db()
    assert enterprise_import.status == EnterpriseImport.Status.PENDING


# --- files for the user ----------------------------------------------------------------------


def test_error_rows_download_holds_the_bad_rows_and_why(coordinator, world):
    bad_digit = bad_check_digit(ORG2)
    content = make_csv(
        [
            ["namn", "organisationsnummer", "anställda", "okänd kolumn"],
            ["Bra", ORG1, "1", "x"],
            ['=HYPERLINK("http://example.com")', bad_digit, "2", "y"],
            ["Negativ", "", "-4", "z"],
        ]
    )
    enterprise_import, _response = upload_and_preview(coordinator, world, content)
    url = reverse("enterprises:import_errors", kwargs={"pk": enterprise_import.pk})
    response = coordinator.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["namn", "organisationsnummer", "anställda", "okänd kolumn", "fel"]
    assert [r[:4] for r in rows[1:]] == [
        ['\'=HYPERLINK("http://example.com")', bad_digit, "2", "y"],
        ["Negativ", "", "-4", "z"],
    ]
    assert orgnr_message(bad_digit) in rows[1][4] and "3" in rows[1][4]
    assert sv("The number cannot be negative.") in rows[2][4]

    # Fixed and uploaded again: the "fel" column is ignored, the apostrophe guard removed.
    rows[1][1] = ORG2
    rows[2][2] = "4"
    fixed, response = upload_and_preview(coordinator, world, make_csv(rows), "fel-foretag.csv")
    assert response.context["counts"] == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert response.context["ignored_headers"] == ["okänd kolumn"]
    confirm(coordinator, fixed)
    assert '=HYPERLINK("http://example.com")' in enterprises(world.a.organisation)


def test_templates_list_the_columns_and_read_back(coordinator, world):
    response = coordinator.get(reverse("enterprises:import_template"))
    assert response.status_code == 200
    assert response.content.startswith(codecs.BOM_UTF8)
    [headers] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert headers == [column.header for column in importing.COLUMNS]
    assert headers[:2] == ["namn", "organisationsnummer"]

    response = coordinator.get(reverse("enterprises:import_template") + "?format=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    first, values = workbook.worksheets
    assert [c.value for c in next(first.iter_rows(max_row=1))] == headers
    listed = {c.value for row in values.iter_rows() for c in row if c.value}
    assert "Lokalvård" in listed and str(SocietalChallenge.objects.first()) in listed

    # The template, filled in, imports.
    filled = make_xlsx([headers, ["Mallföretaget", ORG1] + [""] * (len(headers) - 2)])
    enterprise_import, response = upload_and_preview(coordinator, world, filled, "mall.xlsx")
    assert response.context["counts"]["new"] == 1


# --- preview page ----------------------------------------------------------------------------


def test_large_preview_is_paginated_with_counts_and_every_error(coordinator, world, monkeypatch):
    from enterprises import import_views

    monkeypatch.setattr(import_views, "ERRORS_SHOWN", 3)
    rows = [["namn", "anställda"]]
    for n in range(450):
        rows.append([f"Företag {n}", "x" if n % 100 == 0 else str(n)])
    enterprise_import, response = upload_and_preview(coordinator, world, make_csv(rows))
    assert response.context["counts"] == {"new": 445, "update": 0, "unchanged": 0, "error": 5}
    assert len(response.context["page_obj"].object_list) == importing_page_size()
    # The first rows with errors are listed above the rows, with a way to every one of them.
    assert [row.line for row, _error in response.context["errors"]] == [2, 102, 202]
    assert "?show=error" in response.content.decode() and "Visa alla 5 rader med fel" in (
        response.content.decode()
    )
    last = preview(coordinator, enterprise_import, "?page=3")
    assert [r.line for r in last.context["page_obj"].object_list][-1] == 451
    only_errors = preview(coordinator, enterprise_import, "?show=error")
    assert [r.line for r in only_errors.context["page_obj"].object_list] == [
        2,
        102,
        202,
        302,
        402,
    ]


def importing_page_size():
    from enterprises.import_views import PREVIEW_PAGE_SIZE

    return PREVIEW_PAGE_SIZE


def test_preview_page_is_accessible_markup(coordinator, world):
    content = make_csv([["namn", "anställda"], ["Ett", "1"], ["Två", "-1"]])
    _import, response = upload_and_preview(coordinator, world, content)
    page = response.content.decode()
    assert page.count("<caption") == 2
    assert 'scope="col"' in page
    upload_page = coordinator.get(UPLOAD).content.decode()
    assert re.search(r'<label\s+for="id_file"', upload_page)
    assert 'enctype="multipart/form-data"' in upload_page


# --- who may do what -------------------------------------------------------------------------


def test_another_organisations_import_is_404(client, world):
    theirs = EnterpriseImportFactory(organisation=world.b.organisation)
    client.force_login(world.a.admin)
    for name in ("enterprises:import_preview", "enterprises:import_errors"):
        url = reverse(name, kwargs={"pk": theirs.pk})
        assert client.get(url).status_code == 404
        assert client.post(url, {"fingerprint": "2-1-0-1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == EnterpriseImport.Status.PENDING
    with scopes_disabled():
        assert not SocialEnterprise.objects.exists()


def test_viewer_may_not_import(client, world):
    mine = EnterpriseImportFactory(organisation=world.a.organisation)
    client.force_login(world.a.viewer)
    urls = [
        UPLOAD,
        reverse("enterprises:import_template"),
        reverse("enterprises:import_preview", kwargs={"pk": mine.pk}),
        reverse("enterprises:import_errors", kwargs={"pk": mine.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    a_file = SimpleUploadedFile("a.csv", b"namn\r\nA\r\n")
    assert client.post(UPLOAD, {"file": a_file}).status_code == 403
    assert client.post(urls[2], {"fingerprint": "2-1-0-1"}).status_code == 403
    with scopes_disabled():
        assert EnterpriseImport.objects.count() == 1
        assert not SocialEnterprise.objects.exists()
    # The menu offers the import only to those who may use it.
    page = client.get(reverse("enterprises:socialenterprise_list")).content.decode()
    assert UPLOAD not in page
    client.force_login(world.a.coordinator)
    page = client.get(reverse("enterprises:socialenterprise_list")).content.decode()
    assert UPLOAD in page


def test_upload_page_lists_only_this_organisations_imports(client, world):
    EnterpriseImportFactory(organisation=world.b.organisation, file_name="betabys-lista.csv")
    mine = EnterpriseImportFactory(organisation=world.a.organisation, file_name="min-lista.csv")
    client.force_login(world.a.coordinator)
    page = client.get(UPLOAD).content.decode()
    assert mine.get_absolute_url() in page
    assert "betabys-lista.csv" not in page
