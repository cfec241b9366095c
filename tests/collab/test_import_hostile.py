"""Hostile and extreme files and values: spreadsheets that declare a huge sheet, hold a huge
cell or unpack to much more than they weigh; stored imports that cannot be read any more;
supplier-payment files larger than the register's limit; dates outside 1900–2100 in forms,
imports and (stored before the rule) on every page."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from collab.imports import reader, values
from collab.models import Access
from enterprises import importing
from enterprises.models import EnterpriseImport, SocialEnterprise
from enterprises.orgnr import complete_with_check_digit
from procurement import spend
from procurement.models import SpendImport, SupplierPayment
from tests.factories import (
    OWNED_FACTORIES,
    EnterpriseImportFactory,
    SocialEnterpriseFactory,
    SpendImportFactory,
    SupplierPaymentFactory,
)
from tests.harness.urls_matrix import generic_routes
from tests.job_helpers import upload_error

REGISTER_UPLOAD = reverse("enterprises:import_upload")
SPEND_UPLOAD = reverse("procurement:spendimport_create")
SPEND = reverse("procurement:spend")

# --- Workbooks written by hand (the XML parts of an .xlsx) -------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}


def workbook(rows: dict[int, list[str]], *, dimension: str = "A1:B3", strings=()) -> bytes:
    """An .xlsx whose first sheet has ``rows`` (row number -> inline texts from column A), the
    declared ``dimension`` and the shared ``strings`` (a cell ``"#0"`` refers to the first)."""

    def cell(ref: str, text: str) -> str:
        if text.startswith("#"):
            return f'<c r="{ref}" t="s"><v>{text[1:]}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{number}">'
        + "".join(cell(f"{chr(65 + i)}{number}", text) for i, text in enumerate(cells))
        + "</row>"
        for number, cells in sorted(rows.items())
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData></worksheet>'
    )
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()


def declared_huge() -> bytes:
    """About 2 kB that declare 1 048 576 rows × 16 384 columns, with a row at the very end."""
    return workbook(
        {1: ["namn", "organisationsnummer"], 2: ["Fjärilen ek. för."], 1_048_576: ["Sista"]},
        dimension="A1:XFD1048576",
    )


def register_upload(client, content: bytes, name: str):
    return client.post(REGISTER_UPLOAD, {"file": SimpleUploadedFile(name, content)})


# --- Reading: the declared size is ignored, the real size is bounded ---------------------------


def test_a_declared_huge_sheet_is_read_as_the_rows_it_has():
    # With the declared dimension trusted, the first row alone would be 16 384 cells wide.
    limits = reader.ReadLimits(max_size=10**6, max_rows=10, max_cells=100)
    file_format, table = reader.read_table("lista.xlsx", declared_huge(), limits)
    assert file_format == "xlsx"
    assert table == [
        (1, ["namn", "organisationsnummer"]),
        (2, ["Fjärilen ek. för."]),
        (1_048_576, ["Sista"]),
    ]


def test_a_declared_huge_workbook_is_imported_through_the_pages(client, world):
    client.force_login(world.a.coordinator)
    response = register_upload(client, declared_huge(), "lista.xlsx")
    assert response.status_code == 302
    with scopes_disabled():
        enterprise_import = EnterpriseImport.objects.get(organisation=world.a.organisation)
    assert enterprise_import.row_count == 2
    page = client.get(enterprise_import.get_absolute_url())
    assert page.status_code == 200
    assert "Fjärilen ek. för." in page.content.decode()
    assert (
        client.get(reverse("enterprises:import_errors", args=[enterprise_import.pk])).status_code
        == 200
    )


def test_rows_beyond_the_line_limit_are_refused_with_a_message():
    limits = reader.ReadLimits(max_size=10**6, max_rows=10, max_lines=1000)
    with pytest.raises(ValidationError) as caught:
        reader.read_table("lista.xlsx", declared_huge(), limits)
    assert caught.value.code == "too_many_lines"


def test_a_huge_cell_in_a_workbook_is_refused_naming_row_and_column(client, world):
    huge = "x" * 50_000_000  # 50 MB of text, about 50 kB packed
    content = workbook({1: ["namn", "anteckningar"], 2: ["Fjärilen", "#0"]}, strings=[huge])
    assert len(content) < 200_000
    client.force_login(world.a.coordinator)
    # Read in the background: the upload page says why, with the row and the column.
    message = upload_error(client, REGISTER_UPLOAD, content, "lista.xlsx")
    assert "Rad 2, kolumn B har 50\u00a0000\u00a0000 tecken" in message
    assert "högst 32\u00a0767 tecken" in message
    with scopes_disabled():
        assert not EnterpriseImport.objects.exists()


def test_a_huge_cell_in_a_csv_file_is_refused_naming_row_and_column(client, world):
    content = ("namn;anteckningar\r\nFjärilen;" + "x" * 40_000 + "\r\n").encode()
    client.force_login(world.a.coordinator)
    message = upload_error(client, REGISTER_UPLOAD, content, "lista.csv")
    assert "Rad 2, kolumn 2 har 40\u00a0000 tecken" in message


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_opened():
    limits = reader.ReadLimits(max_size=100_000, max_rows=10)  # unpacks to at most 1 MB
    content = workbook({1: ["namn"], 2: ["#0"]}, strings=[" " * 2_000_000])
    assert len(content) < 100_000
    with pytest.raises(ValidationError) as caught:
        reader.read_table("lista.xlsx", content, limits)
    assert caught.value.code == "xlsx_too_large"
    assert "packas upp till mer än" in caught.value.messages[0]


def test_too_many_columns_and_too_many_cells_are_refused():
    limits = reader.ReadLimits(max_size=10**6, max_rows=10, max_columns=3, max_cells=50)
    wide = b"a;b;c;d\r\n1;2;3;4\r\n"
    with pytest.raises(ValidationError) as caught:
        reader.read_table("lista.csv", wide, limits)
    assert caught.value.code == "too_many_columns"
    many = ("a;b\r\n" + "1;2\r\n" * 30).encode()
    with pytest.raises(ValidationError) as caught:
        reader.read_table("lista.csv", many, limits)
    assert caught.value.code in {"too_many_cells", "too_many_rows"}


# --- Supplier payments have their own limits --------------------------------------------------


def test_a_supplier_payment_file_over_the_registers_row_limit_previews(client, world):
    number = complete_with_check_digit("556712345")
    rows = importing.MAX_ROWS + 10
    lines = ["bokforingsdatum;leverantor;organisationsnummer;belopp"]
    lines += [f"2025-03-01;Bygg AB;{number};100" for _ in range(rows)]
    client.force_login(world.a.coordinator)
    response = client.post(
        SPEND_UPLOAD,
        {"file": SimpleUploadedFile("reskontra.csv", "\r\n".join(lines).encode())},
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["analysis"].row_count == rows


# --- Stored imports that cannot be read: a message, never an error page ------------------------

UNREADABLE = {
    "csv field over the csv module's limit": b"namn;anteckningar\r\nA;" + b"x" * 200_000,
    "binary": b"\x00\x01\x02namn\xff\xfe\x00",
    "empty": b"",
    "over the line limit": b"namn\r\n" + b"\r\n" * 1_048_576 + b"A\r\n",
}
# Stored when the register's limit was higher (the supplier payments' is 500 000 rows).
OVER_REGISTER_ROWS = b"namn\r\n" + b"A\r\n" * (importing.MAX_ROWS + 1)


@pytest.mark.parametrize(
    "content",
    [*UNREADABLE.values(), OVER_REGISTER_ROWS],
    ids=[*UNREADABLE.keys(), "over the register's row limit"],
)
def test_every_page_of_an_unreadable_register_import_answers(client, world, content):
    enterprise_import = EnterpriseImportFactory(organisation=world.a.organisation, content=content)
    client.force_login(world.a.coordinator)
    for url in (
        enterprise_import.get_absolute_url(),
        reverse("enterprises:import_errors", args=[enterprise_import.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Den sparade filen för den här importen kan inte läsas" in text
        assert reverse("enterprises:import_delete", args=[enterprise_import.pk]) in text
    response = client.post(enterprise_import.get_absolute_url(), {"fingerprint": "x"})
    assert response.status_code == 302
    response = client.post(reverse("enterprises:import_delete", args=[enterprise_import.pk]))
    assert response.status_code == 302
    with scopes_disabled():
        assert not EnterpriseImport.objects.filter(pk=enterprise_import.pk).exists()


@pytest.mark.parametrize("content", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_every_page_of_an_unreadable_spend_import_answers(client, world, content):
    spend_import = SpendImportFactory(organisation=world.a.organisation, content=content)
    client.force_login(world.a.coordinator)
    for name in ("spendimport_detail", "spendimport_mapping", "spendimport_errors"):
        response = client.get(reverse(f"procurement:{name}", args=[spend_import.pk]))
        assert response.status_code == 200, name
        assert "Den sparade filen för den här importen kan inte läsas" in response.content.decode()
    response = client.post(
        reverse("procurement:spendimport_mapping", args=[spend_import.pk]), {"column_0": ""}
    )
    assert response.status_code == 200
    response = client.post(spend_import.get_absolute_url(), {"fingerprint": "x"})
    assert response.status_code == 302
    with scopes_disabled():
        assert SpendImport.objects.get(pk=spend_import.pk).status == SpendImport.Status.PENDING


def test_an_applied_register_import_is_not_deleted(client, world):
    enterprise_import = EnterpriseImportFactory(
        organisation=world.a.organisation, status=EnterpriseImport.Status.APPLIED
    )
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:import_delete", args=[enterprise_import.pk])
    assert "sparas som underlag" in client.get(url).content.decode()
    client.post(url)
    with scopes_disabled():
        assert EnterpriseImport.objects.filter(pk=enterprise_import.pk).exists()


# --- Dates: one range everywhere --------------------------------------------------------------


def test_imports_refuse_dates_outside_1900_to_2100():
    for value in ("9999-12-31", "18991231", "1 januari 2101"):
        with pytest.raises(ValidationError) as caught:
            spend.parse_booking_date(value)
        assert "1900-01-01" in caught.value.messages[0], value
    with pytest.raises(ValidationError):
        values.parse_date("0001-01-01")
    assert spend.parse_booking_date("2100-12-31") == datetime.date(2100, 12, 31)
    assert values.parse_date("1 januari 1900") == datetime.date(1900, 1, 1)


def test_a_spend_file_dated_9999_gets_an_error_row(client, world):
    content = (
        "bokforingsdatum;leverantor;organisationsnummer;belopp\r\n"
        f"9999-12-31;Bygg AB;{complete_with_check_digit('556712345')};100\r\n"
        f"2025-01-02;Bygg AB;{complete_with_check_digit('556712345')};100\r\n"
    ).encode()
    client.force_login(world.a.coordinator)
    response = client.post(SPEND_UPLOAD, {"file": SimpleUploadedFile("r.csv", content)})
    page = client.get(response["Location"])
    assert page.context["error_rows"] == 1
    assert "Ange ett datum mellan 1900-01-01 och 2100-12-31." in page.content.decode()


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_forms_refuse_dates_outside_1900_to_2100(client, world, value):
    client.force_login(world.a.coordinator)
    data = {
        "name": "Returcykeln ekonomisk förening",
        "legal_form": "ekonomisk_forening",
        "kind": "asf",
        "status": "aktiv",
        "identified_on": value,
        "work_training_places": "6",
        "employees": "4",
        "participants": "9",
        "surplus_reinvested": "ja",
        "mission_in_statutes": "okant",
        "independent": "ja",
        "employee_participation": "nej",
    }
    response = client.post(reverse("enterprises:socialenterprise_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors.get("identified_on") == ["Ange ett datum mellan 1900-01-01 och 2100-12-31."]
    data["identified_on"] = "2100-12-31"
    response = client.post(reverse("enterprises:socialenterprise_create"), data)
    assert response.status_code == 302, response.context["form"].errors


def test_every_model_date_field_has_the_range_rule():
    from django.apps import apps

    from collab.dates import validate_date_in_range

    fields = [
        f
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if isinstance(f, models.DateField) and not getattr(f, "auto_now_add", False)
    ]
    assert fields
    missing = [str(f) for f in fields if validate_date_in_range not in f.validators]
    assert not missing


# --- Extreme dates stored before the rule: every page still answers ---------------------------


def _set_every_date(obj, value) -> None:
    model = type(obj)
    names = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    ]
    if names:
        with scopes_disabled():
            model._base_manager.filter(pk=obj.pk).update(**dict.fromkeys(names, value))


@pytest.mark.parametrize("value", [datetime.date(9999, 12, 31), datetime.date(1, 1, 1)])
def test_the_spend_page_answers_with_a_payment_dated_at_the_extremes(client, world, value):
    number = complete_with_check_digit("769512345")
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, org_number=number)
    payment = SupplierPaymentFactory(
        organisation=world.a.organisation, supplier_org_number=number, amount=1000
    )
    _set_every_date(payment, value)
    with scope(organisation=world.a.organisation.pk):
        spend.match_payments()
    for user in (world.a.viewer, world.a.admin):
        client.force_login(user)
        response = client.get(SPEND)
        assert response.status_code == 200
        assert response.context["year"] == value.year
        assert client.get(f"{SPEND}?year={value.year}").status_code == 200
        assert client.get(enterprise.get_absolute_url()).status_code == 200
    # The way out: delete the import the row came from.
    client.force_login(world.a.coordinator)
    delete = reverse("procurement:spendimport_delete", args=[payment.spend_import_id])
    assert "1 importerad leverantörsbetalning" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    with scopes_disabled():
        assert not SupplierPayment.objects.filter(pk=payment.pk).exists()
        assert not SpendImport.objects.filter(pk=payment.spend_import_id).exists()
    assert client.get(SPEND).context["year"] is None


@pytest.mark.parametrize("value", [datetime.date(9999, 12, 31), datetime.date(1, 1, 1)])
def test_every_page_answers_with_every_date_at_the_extremes(client, world, value):
    """One object of every organisation-owned model, every date field set to an extreme
    (through the ORM, as a row stored before the rule), then every page of the URL matrix."""
    objects = {}
    for model, make in OWNED_FACTORIES.items():
        obj = make(world.a.organisation)
        objects[model] = obj
    for obj in objects.values():
        _set_every_date(obj, value)
    with scopes_disabled():
        for enterprise in SocialEnterprise.objects.filter(organisation=world.a.organisation):
            _set_every_date(enterprise, value)
    client.force_login(world.a.admin)
    failed = []
    for route in generic_routes():
        if route.required_access > Access.MANAGE:
            continue
        obj = objects.get(route.model) if route.needs_object else None
        if route.needs_object and obj is None:
            continue
        url = reverse(route.name, kwargs=route.kwargs(obj))
        status = client.get(url).status_code
        if status >= 500:
            failed.append((route.name, status))
    assert not failed


def test_the_checklist_refuses_a_step_dated_before_1900(client, world):
    from areas.models import AreaStep, StepProgress, StepStatus

    client.force_login(world.a.coordinator)
    with scopes_disabled():
        first, *rest = list(AreaStep.objects.filter(area=1))
    data = {f"step-{step.pk}-status": StepStatus.NOT_STARTED for step in rest}
    data[f"step-{first.pk}-status"] = StepStatus.DONE
    data[f"step-{first.pk}-date"] = "1800-01-01"
    response = client.post(reverse("areas:area_checklist", kwargs={"number": 1}), data)
    assert response.status_code == 200
    assert "Ange ett datum mellan 1900-01-01 och 2100-12-31." in response.content.decode()
    with scopes_disabled():
        assert not StepProgress.objects.exists()
