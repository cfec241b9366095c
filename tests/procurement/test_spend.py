"""Spend with social enterprises: reading supplier-payment files, mapping columns, matching
to the register, yearly totals and look-alike suggestions."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from collab.models import Job, JobPart
from enterprises.orgnr import complete_with_check_digit
from procurement import spend
from procurement.models import ColumnMapping, SpendImport, SupplierPayment
from tests.factories import SocialEnterpriseFactory, SpendImportFactory

UPLOAD = reverse("procurement:spendimport_create")
RESULT = reverse("procurement:spend")

E1 = complete_with_check_digit("769512345")  # Cykelköket, in A's register
E2 = complete_with_check_digit("802512345")  # Gröna Händer, in A's register
BYGG = complete_with_check_digit("556712345")  # an ordinary company
LOOK = complete_with_check_digit("769598765")  # an economic association not in the register
X = complete_with_check_digit("556798765")  # in B's register only

OPEN_DATA_HEADERS = "kommun_id;bokforingsdatum;leverantor;organisationsnummer;belopp;personuppgift"
# Hand-counted: 2025 total 128 501 kr, of which 15 001 kr from social enterprises (E1 13 001,
# E2 2 000); sole traders 5 500 kr; 2024: 7 000 kr (E2). Three rows with errors (lines 12-14).
OPEN_DATA_ROWS = [
    f"0114;2025-01-10;Cykelköket ek. för.;{E1};12 500,50;nej",
    f"0114;2025-02-01;Cykelköket ek. för.;16{E1.replace('-', '')};1\u00a0000;",
    f"0114;2025-03-01;Cykelköket;{E1};500-;",
    f"0114;2025-03-05;Gröna Händer;{E2};2000,49;",
    f"0114;2025-04-01;Bygg AB;{BYGG};100 000,00 kr;",
    f"0114;2025-04-02;Okänd Förening ekonomisk förening;{LOOK};5 000;",
    f"0114;2025-04-03;Företaget i B;{X};3 000;",
    "0114;2025-05-01;Anna Andersson;;4 000;ja",
    "0114;2025-05-02;Per Persson Enskild firma;19121212-1212;1 500;",
    f"0114;20240615;Gröna Händer;{E2};7 000;",
    f"0114;2025-06-01;;{BYGG};1 000;",
    f"0114;2025-06-02;Bygg AB;{BYGG};12,34,56x;",
    f"0114;2025-02-30;Bygg AB;{BYGG};100;",
]


def open_data_file() -> bytes:
    return ("\r\n".join([OPEN_DATA_HEADERS, *OPEN_DATA_ROWS]) + "\r\n").encode("utf-8")


def upload(client, content: bytes, name: str = "leverantorsreskontra.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def last_import(organisation) -> SpendImport:
    with scopes_disabled():
        return SpendImport.objects.filter(organisation=organisation).latest("pk")


def confirm(client, spend_import):
    response = client.get(spend_import.get_absolute_url())
    fingerprint = response.context["fingerprint"]
    return client.post(spend_import.get_absolute_url(), {"fingerprint": fingerprint})


@pytest.fixture
def registers(world):
    """A's register holds E1 and E2; B's register holds X."""
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Cykelköket", org_number=E1)
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Gröna Händer", org_number=E2)
    SocialEnterpriseFactory(organisation=world.b.organisation, name="Företaget i B", org_number=X)
    return world


@pytest.fixture
def imported(client, registers):
    client.force_login(registers.a.coordinator)
    response = upload(client, open_data_file())
    spend_import = last_import(registers.a.organisation)
    assert response["Location"] == spend_import.get_absolute_url()
    response = confirm(client, spend_import)
    assert response.status_code == 302
    return registers


# --- Values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kronor"),
    [
        ("1234", 1234),
        ("1 234,50", 1235),  # öre rounded half away from zero
        ("1 234,49", 1234),
        ("12\u00a0345\u00a0678,90", 12_345_679),  # non-breaking spaces
        ("1\u202f000", 1000),  # narrow no-break space
        ("-1 234,50", -1235),
        ("\u22121 000", -1000),  # minus sign
        ("1 000-", -1000),  # trailing minus
        ("250,00-", -250),
        ("(500)", -500),
        ("12 345 kr", 12345),
        ("12 345,00 SEK", 12345),
        ("1234.5", 1235),  # a number from a workbook
        ("1.234.567,89", 1_234_568),
        ("0", 0),
    ],
)
def test_amounts_are_read_the_swedish_way(text, kronor):
    assert spend.parse_amount(text) == kronor


@pytest.mark.parametrize("text", ["", "abc", "12,34,56x", "12 kr 34", "--5", "1e5"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValidationError):
        spend.parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01", (2025, 3, 1)),
        ("20250301", (2025, 3, 1)),
        ("2025-03-01 00:00:00", (2025, 3, 1)),
    ],
)
def test_dates_iso_and_compact(text, expected):
    assert spend.parse_booking_date(text).timetuple()[:3] == expected


@pytest.mark.parametrize("text", ["2025-02-30", "20251301", "igår", "01/03/2025"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValidationError):
        spend.parse_booking_date(text)


def test_sole_traders_numbers_are_personal_data_and_not_kept():
    assert spend.parse_org_number("19121212-1212") == ("", True)
    assert spend.parse_org_number("121212-1212") == ("", True)
    assert spend.parse_org_number(E1) == (E1, False)
    with pytest.raises(ValidationError):
        spend.parse_org_number("123")


# --- Formats and column mapping ----------------------------------------------------------------


def test_open_data_format_is_recognised():
    parsed = spend.read_upload("reskontra.csv", open_data_file())
    mapping = spend.auto_mapping(parsed.headers)
    assert mapping == [
        "",
        "booking_date",
        "supplier_name",
        "supplier_org_number",
        "amount",
        "personal_data",
    ]
    assert spend.detect_layout(parsed.headers, mapping) == SpendImport.Layout.OPEN_DATA


def test_ad_hoc_swedish_export_is_recognised_in_windows_1252_with_commas():
    headers = (
        "Förvaltning,Leverantörens namn,Leverantörens organisationsnummer,Fakturanummer,Konto,"
        "Kontotext,Konterat belopp exkl. moms,Bokföringsdatum,Verifikationsnummer"
    )
    row = f'Socialförvaltningen,Cykelköket,{E1},F123,4010,Livsmedel,"1 234,50",2025-01-02,V9'
    parsed = spend.read_upload("orebro.csv", f"{headers}\r\n{row}\r\n".encode("cp1252"))
    mapping = spend.auto_mapping(parsed.headers)
    assert mapping == [
        "administration",
        "supplier_name",
        "supplier_org_number",
        "invoice_number",
        "account",
        "account_text",
        "amount",
        "booking_date",
        "voucher_number",
    ]
    assert spend.detect_layout(parsed.headers, mapping) == SpendImport.Layout.AD_HOC
    analysis = spend.analyse(parsed, mapping)
    assert not analysis.errors
    (line, data), *_rest = analysis.valid
    assert line == 2
    assert data["amount"] == 1235
    assert data["administration"] == "Socialförvaltningen"
    assert data["supplier_org_number"] == E1


def test_varberg_style_headings_and_xlsx_are_recognised(client, registers):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "verifikationsnummer",
            "leverantörens namn",
            "organisationsnummer",
            "konto",
            "kontotext",
            "konterat belopp exklusive moms",
            "bokföringsdatum",
            "förvaltning",
            "fakturanummer",
        ]
    )
    import datetime

    sheet.append(
        ["V1", "Cykelköket", E1, 4010, "Mat", 1234.5, datetime.datetime(2025, 5, 6), "KS", 7]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(registers.a.coordinator)
    upload(client, buffer.getvalue(), "varberg.xlsx")
    spend_import = last_import(registers.a.organisation)
    assert spend_import.layout == SpendImport.Layout.AD_HOC
    assert spend_import.file_format == SpendImport.Format.XLSX
    confirm(client, spend_import)
    with scope(organisation=registers.a.organisation.pk):
        payment = SupplierPayment.objects.get()
    assert (payment.amount, payment.booking_date.isoformat()) == (1235, "2025-05-06")
    assert payment.matched_enterprise.name == "Cykelköket"


def test_unknown_headings_ask_for_a_mapping_that_is_remembered(client, registers):
    client.force_login(registers.a.coordinator)
    content = f"Datum;Mottagare;Summa;Orgnr\r\n2025-01-02;Cykelköket;1 000;{E1}\r\n".encode()
    response = upload(client, content, "egen.csv")
    spend_import = last_import(registers.a.organisation)
    mapping_url = reverse("procurement:spendimport_mapping", kwargs={"pk": spend_import.pk})
    assert spend_import.layout == SpendImport.Layout.UNKNOWN
    assert response["Location"] == mapping_url
    page = client.get(mapping_url)
    assert page.status_code == 200
    assert "Mottagare" in page.content.decode()
    # The preview cannot be confirmed before the columns are mapped.
    preview = client.get(spend_import.get_absolute_url())
    assert preview.context["missing"]
    assert client.post(spend_import.get_absolute_url(), {"fingerprint": "x"}).status_code == 302
    with scope(organisation=registers.a.organisation.pk):
        assert not SupplierPayment.objects.exists()

    # A mapping without the amount is refused, nothing is remembered.
    response = client.post(
        mapping_url,
        {
            "column_0": "booking_date",
            "column_1": "supplier_name",
            "column_3": "supplier_org_number",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    with scopes_disabled():
        assert not ColumnMapping.objects.exists()

    response = client.post(
        mapping_url,
        {
            "column_0": "booking_date",
            "column_1": "supplier_name",
            "column_2": "amount",
            "column_3": "supplier_org_number",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == spend_import.get_absolute_url()
    spend_import.refresh_from_db()
    assert spend_import.layout == SpendImport.Layout.MAPPED
    confirm(client, spend_import)
    with scope(organisation=registers.a.organisation.pk):
        assert SupplierPayment.objects.get().amount == 1000

    # The next file with the same headings uses the mapping without asking.
    second = f"Datum;Mottagare;Summa;Orgnr\r\n2025-02-02;Cykelköket;2 000;{E1}\r\n".encode()
    response = upload(client, second, "egen-2.csv")
    again = last_import(registers.a.organisation)
    assert again.pk != spend_import.pk
    assert again.layout == SpendImport.Layout.MAPPED
    assert response["Location"] == again.get_absolute_url()

    # Another organisation's upload with the same headings is asked again.
    client.force_login(registers.b.coordinator)
    upload(client, second, "egen-b.csv")
    assert last_import(registers.b.organisation).layout == SpendImport.Layout.UNKNOWN


def test_column_mapping_reads_the_start_of_a_large_file_only(client, registers, monkeypatch):
    from collab.imports import reader

    monkeypatch.setattr(reader, "HEAD_BYTES", 256)
    rows = [
        f"2025-01-{n % 28 + 1:02d};Kafé {n};{'fel' if n % 100 == 7 else n};{E1}" for n in range(500)
    ]
    content = ("Datum;Mottagare;Summa;Orgnr\r\n" + "\r\n".join(rows) + "\r\n").encode()
    client.force_login(registers.a.coordinator)
    upload(client, content, "egen.csv")
    spend_import = last_import(registers.a.organisation)
    mapping_url = reverse("procurement:spendimport_mapping", kwargs={"pk": spend_import.pk})
    with CaptureQueriesContext(connection) as queries:
        page = client.get(mapping_url)
    # The examples are the first three rows; the stored file is read in part only.
    assert "Kafé 0 · Kafé 1 · Kafé 2" in page.content.decode()
    reads = [q["sql"] for q in queries.captured_queries if '"content"' in q["sql"]]
    assert reads and all("SUBSTR" in sql.upper() for sql in reads), reads

    response = client.post(
        mapping_url,
        {
            "column_0": "booking_date",
            "column_1": "supplier_name",
            "column_2": "amount",
            "column_3": "supplier_org_number",
        },
    )
    assert response["Location"] == spend_import.get_absolute_url()
    # The rows are checked with the new columns by the preview's analysis in the background.
    preview = client.get(spend_import.get_absolute_url())
    assert preview.context["error_rows"] == 5 and preview.context["analysis"].valid_count == 495
    spend_import.refresh_from_db()
    assert spend_import.error_count == 5


# --- Preview, errors, apply --------------------------------------------------------------------


def test_preview_lists_errors_with_line_numbers_and_stores_nothing(client, registers):
    client.force_login(registers.a.coordinator)
    upload(client, open_data_file())
    spend_import = last_import(registers.a.organisation)
    response = client.get(spend_import.get_absolute_url())
    analysis = response.context["analysis"]
    assert analysis.valid_count == 10
    problems = {
        (row.line, column): message for row, (column, _v, message) in response.context["errors"]
    }
    assert set(problems) == {(12, "leverantor"), (13, "belopp"), (14, "bokforingsdatum")}
    assert "12,34,56x" in problems[(13, "belopp")]
    assert analysis.total == 128_501 + 7_000
    with scope(organisation=registers.a.organisation.pk):
        assert not SupplierPayment.objects.exists()

    download = client.get(reverse("procurement:spendimport_errors", kwargs={"pk": spend_import.pk}))
    text = download.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].endswith(";fel")
    assert len(lines) == 4
    assert "12,34,56x" in text and "2025-02-30" in text


def test_apply_writes_valid_rows_once(client, imported):
    organisation = imported.a.organisation
    spend_import = last_import(organisation)
    assert spend_import.is_applied
    assert (spend_import.payment_count, spend_import.error_count) == (10, 3)
    assert spend_import.matched_count == 5
    with scope(organisation=organisation.pk):
        assert SupplierPayment.objects.count() == 10
        lines = sorted(SupplierPayment.objects.values_list("line", flat=True))
    assert lines == list(range(2, 12))
    # Confirming again imports nothing.
    client.post(spend_import.get_absolute_url(), {"fingerprint": "whatever"})
    with scope(organisation=organisation.pk):
        assert SupplierPayment.objects.count() == 10
    # The same file uploaded again is refused on confirmation.
    upload(client, open_data_file(), "copy.csv")
    copy = last_import(organisation)
    confirm(client, copy)
    copy.refresh_from_db()
    assert not copy.is_applied
    with scope(organisation=organisation.pk):
        assert SupplierPayment.objects.count() == 10


def test_apply_is_atomic(client, registers, monkeypatch):
    client.force_login(registers.a.coordinator)
    upload(client, open_data_file())
    spend_import = last_import(registers.a.organisation)
    fingerprint = client.get(spend_import.get_absolute_url()).context["fingerprint"]

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(spend, "match_payments", broken)
    with scope(organisation=registers.a.organisation.pk), pytest.raises(RuntimeError):
        spend.apply_import(spend_import=spend_import, user=None, expected=fingerprint)
    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.PENDING
    with scope(organisation=registers.a.organisation.pk):
        assert not SupplierPayment.objects.exists()


def test_a_changed_mapping_after_the_preview_is_refused(client, registers):
    client.force_login(registers.a.coordinator)
    upload(client, open_data_file())
    spend_import = last_import(registers.a.organisation)
    response = client.post(spend_import.get_absolute_url(), {"fingerprint": "stale"})
    assert response.status_code == 302
    spend_import.refresh_from_db()
    assert not spend_import.is_applied


# --- Matching, personal data, yearly result ----------------------------------------------------


def test_matching_uses_only_the_own_register_and_never_personal_data(imported):
    with scope(organisation=imported.a.organisation.pk):
        by_name = {
            p.supplier_name: p for p in SupplierPayment.objects.select_related("matched_enterprise")
        }
    assert by_name["Cykelköket"].matched_enterprise.org_number == E1
    assert by_name["Företaget i B"].matched_enterprise is None  # only in B's register
    anna = by_name["Anna Andersson"]
    per = by_name["Per Persson Enskild firma"]
    assert anna.personal_data and per.personal_data
    assert per.supplier_org_number == ""  # a personal identity number is not kept
    assert anna.matched_enterprise is None and per.matched_enterprise is None


def test_yearly_result_against_hand_counted_figures(client, imported):
    client.force_login(imported.a.viewer)
    response = client.get(RESULT, {"year": 2025})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.total, summary.social, summary.personal) == (128_501, 15_001, 5_500)
    assert round(summary.share, 4) == round(15_001 * 100 / 128_501, 4)
    assert response.context["years"] == [2025, 2024]
    top = [
        (row["matched_enterprise__name"], row["amount"]) for row in response.context["top_social"]
    ]
    assert top == [("Cykelköket", 13_001), ("Gröna Händer", 2_000)]
    suppliers = response.context["top_suppliers"]
    assert suppliers[0]["name"] == "Bygg AB" and suppliers[0]["amount"] == 100_000
    personal = [row for row in suppliers if row.get("personal")]
    assert [row["amount"] for row in personal] == [5_500]
    page = response.content.decode()
    assert "Anna Andersson" not in page and "Per Persson" not in page
    assert str(spend.PERSONAL_DATA_LABEL) in page or "personuppgifter" in page

    older = client.get(RESULT, {"year": 2024}).context["summary"]
    assert (older.total, older.social) == (7_000, 7_000)
    # Another organisation sees nothing of A's payments.
    client.force_login(imported.b.viewer)
    assert client.get(RESULT).context["years"] == []


def test_lookalike_suppliers_are_suggested(client, imported):
    client.force_login(imported.a.coordinator)
    response = client.get(RESULT, {"year": 2025})
    suggested = [
        (row["name"], row["supplier_org_number"]) for row in response.context["lookalikes"]
    ]
    assert suggested == [("Okänd Förening ekonomisk förening", LOOK)]
    assert reverse("enterprises:socialenterprise_create") in response.content.decode()


def test_lookalike_heuristics(imported):
    organisation = imported.a.organisation
    with scope(organisation=organisation.pk):
        spend_import = SpendImport.objects.get()
        names = {
            "Vårdkooperativet Omsorg": complete_with_check_digit("556111222"),
            "Hjälpen AB (svb)": complete_with_check_digit("559111222"),
            "IK Kämpe": complete_with_check_digit("802111222"),
            "Vanliga Bolaget AB": complete_with_check_digit("556333444"),
            "ARBETSINTEGRERANDE SOCIALT FÖRETAG AB": complete_with_check_digit("556555666"),
        }
        SupplierPayment.objects.bulk_create(
            SupplierPayment(
                organisation=organisation,
                spend_import=spend_import,
                booking_date="2025-07-01",
                supplier_name=name,
                supplier_org_number=number,
                amount=100,
            )
            for name, number in names.items()
        )
        found = {row["name"] for row in spend.lookalike_suppliers(2025)}
    assert found == {
        "Okänd Förening ekonomisk förening",
        "Vårdkooperativet Omsorg",
        "Hjälpen AB (svb)",
        "IK Kämpe",
        "ARBETSINTEGRERANDE SOCIALT FÖRETAG AB",
    }


def test_match_again_after_adding_to_the_register(client, imported):
    client.force_login(imported.a.coordinator)
    SocialEnterpriseFactory(organisation=imported.a.organisation, name="Okänd", org_number=LOOK)
    assert client.get(reverse("procurement:spend_match")).status_code == 200
    client.post(reverse("procurement:spend_match"))
    summary = client.get(RESULT, {"year": 2025}).context["summary"]
    assert summary.social == 15_001 + 5_000


def test_enterprise_page_shows_spend_per_year(client, imported):
    client.force_login(imported.a.viewer)
    with scope(organisation=imported.a.organisation.pk):
        enterprise = spend.SocialEnterprise.objects.get(org_number=E2)
        assert [(r["year"], r["amount"]) for r in spend.spend_of_enterprise(enterprise)] == [
            (2025, 2_000),
            (2024, 7_000),
        ]
    page = client.get(enterprise.get_absolute_url()).content.decode()
    assert f"{RESULT}?year=2024" in page


def test_preview_pages_the_rows_with_errors_and_keeps_a_compact_summary(client, registers):
    # 1 000 rows, every other one with an error: the preview lists them a page at a time, and
    # every bad row's line number is on one of the pages (and in the download).
    rows = [
        f"0114;2025-01-{n % 28 + 1:02d};Bygg AB;{BYGG};{'fel' if n % 2 else '100'};"
        for n in range(1000)
    ]
    client.force_login(registers.a.coordinator)
    upload(client, ("\r\n".join([OPEN_DATA_HEADERS, *rows]) + "\r\n").encode())
    spend_import = last_import(registers.a.organisation)
    bad_lines = [n + 2 for n in range(1000) if n % 2]
    first = client.get(spend_import.get_absolute_url())
    assert first.context["error_rows"] == 500 and first.context["analysis"].valid_count == 500
    assert first.context["paginator"].num_pages == 5
    assert "Rader med fel 1–100 av 500" in first.content.decode()
    shown = []
    for number in range(1, 6):
        page = client.get(spend_import.get_absolute_url(), {"page": number})
        shown += [row.line for row, _problem in page.context["errors"]]
    assert shown == bad_lines
    download = client.get(reverse("procurement:spendimport_errors", kwargs={"pk": spend_import.pk}))
    assert len(download.content.decode("utf-8-sig").strip().splitlines()) == 1 + 500

    # What the page reads: the summary (a few kB, not the 1 000 rows) and one part of errors.
    with scopes_disabled():
        kept = Job.objects.get(kind="procurement.spend_import.analyse", result__isnull=False)
        assert len(kept.result) < 20_000
        assert JobPart.objects.filter(job=kept).count() == 5
    with CaptureQueriesContext(connection) as queries:
        client.get(spend_import.get_absolute_url(), {"page": 3})
    parts = [q["sql"] for q in queries.captured_queries if "collab_jobpart" in q["sql"]]
    assert len(parts) == 1


def test_factory_import_previews_with_one_error(client, world):
    spend_import = SpendImportFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    response = client.get(spend_import.get_absolute_url())
    assert response.context["analysis"].valid_count == 1
    assert response.context["error_rows"] == 1


@pytest.mark.django_db
def test_seed_demo_adds_five_years_of_payments_once():
    import os

    from django.core.management import call_command

    from collab.models import Organisation

    def seed():
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", stdout=devnull)

    seed()
    with scopes_disabled():
        first = SupplierPayment.objects.count()
    seed()
    with scopes_disabled():
        assert SupplierPayment.objects.count() == first
        far = Organisation.objects.get(slug="sjostad")
    with scope(organisation=far.pk):
        assert [spend.year_summary(year).rows > 0 for year in range(2022, 2027)] == [True] * 5
        summary = spend.year_summary(2025)
        assert summary.rows == 130
        assert 0 < summary.social < summary.total
        assert summary.personal > 0
        assert spend.lookalike_suppliers(2025).count() == 3
