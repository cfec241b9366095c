"""Supplier payments exported in the open-data specification's columns, and imported again."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from enterprises.orgnr import complete_with_check_digit
from procurement.models import SpendImport, SupplierPayment
from tests.factories import SupplierPaymentFactory

UPLOAD = reverse("procurement:spendimport_create")
SPEND = reverse("procurement:spend")

# Leverantörsreskontra 1.1: the 15 columns in the specification's order (the first 9 required).
SPECIFICATION = [
    "kopare_id",
    "kopare",
    "verifikationsnummer",
    "leverantor",
    "leverantor_id",
    "konto_nr",
    "konto_text",
    "belopp",
    "datum",
    "forvaltning",
    "fakturanummer",
    "grund",
    "avtal",
    "kommun_id",
    "s_kod_nr",
]
BYGG = complete_with_check_digit("556712345")
CAFE = complete_with_check_digit("769512345")

# An ordinary ad-hoc export (Swedish headings), with öre, awkward text, two identical booking
# lines, a sole trader (personal identity number) and a row marked as personal data.
AD_HOC = "\r\n".join(
    [
        "Verifikationsnummer;Leverantörens namn;Organisationsnummer;Konto;Kontotext;"
        "Konterat belopp exklusive moms;Bokföringsdatum;Förvaltning;Fakturanummer;Personuppgift",
        f'V1;"Bygg, Mark & Söner AB";{BYGG};4630;"Entreprenad ""grönytor""; vår";12 500,50;'
        "2025-01-10;Samhällsbyggnad;F-1;",
        *[f"V2;Cafét i Hamnen ek. för.;{CAFE};4010;Livsmedel;-1 000;2025-02-01;Social;F-2;"] * 2,
        f"V3;Åkeri Öst AB;{BYGG};-5410;=Förbrukning;300;2025-03-03;Kommunstyrelseförvaltningen;;",
        "V4;Per Persson Enskild firma;19121212-1212;4010;Livsmedel;1 500;2025-04-01;Kultur;F-4;",
        "V5;Anna Andersson;;4010;Livsmedel;700;2025-04-02;Kultur;F-5;ja",
        f"V6;Bygg, Mark & Söner AB;{BYGG};4630;Entreprenad;7 000;2024-12-30;Samhällsbyggnad;F-6;",
    ]
).encode("utf-8")


def _upload(client, organisation, content: bytes, name: str) -> SpendImport:
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    with scopes_disabled():
        return SpendImport.objects.filter(organisation=organisation).latest("pk")


def _preview(client, spend_import):
    response = client.get(spend_import.get_absolute_url())
    assert response.status_code == 200
    return response


def test_open_data_export_has_the_specification_columns_and_imports_again_unchanged(client, world):
    organisation = world.a.organisation
    client.force_login(world.a.coordinator)
    first = _upload(client, organisation, AD_HOC, "reskontra.csv")
    preview = _preview(client, first)
    assert len(preview.context["analysis"].errors) == 0
    done = client.post(first.get_absolute_url(), {"fingerprint": preview.context["fingerprint"]})
    assert done.status_code == 302
    SupplierPaymentFactory(
        organisation=world.b.organisation, supplier_name="Betabys Leverantör AB"
    )  # another organisation's payment in 2025

    csv_file = client.get(SPEND, {"year": 2025, "export": "csv"})
    assert csv_file["Content-Disposition"].endswith('-2025.csv"')
    text = csv_file.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))  # commas, as the specification says
    assert rows[0] == SPECIFICATION

    # The values are the stored rows, in booking order; personal data is never published.
    with scopes_disabled():
        stored = list(
            SupplierPayment.objects.filter(
                organisation=organisation, booking_date__year=2025, personal_data=False
            ).order_by("booking_date", "pk")
        )
        assert SupplierPayment.objects.filter(organisation=organisation).count() == 7
    assert len(stored) == 4
    expected = [
        [
            "",
            organisation.name,
            p.voucher_number,
            p.supplier_name,
            p.supplier_org_number,
            p.account,  # a number: no apostrophe
            "'=Förbrukning" if p.account_text == "=Förbrukning" else p.account_text,
            str(p.amount),
            p.booking_date.isoformat(),
            p.administration,
            p.invoice_number,
            "",
            "",
            "0114",
            "",
        ]
        for p in stored
    ]
    assert rows[1:] == expected
    assert rows[1][3:9] == [
        "Bygg, Mark & Söner AB",
        BYGG,
        "4630",
        'Entreprenad "grönytor"; vår',
        "12501",
        "2025-01-10",
    ]
    for secret in ("Per Persson", "191212", "Anna Andersson", "Betabys Leverantör"):
        assert secret not in text

    xlsx_file = client.get(SPEND, {"year": 2025, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.content), read_only=True).active
    values = [list(row) for row in sheet.values]
    assert values[0] == SPECIFICATION
    assert [row[3] for row in values[1:]] == [p.supplier_name for p in stored]
    assert [row[7] for row in values[1:]] == [p.amount for p in stored]  # numbers
    assert [row[8].date() for row in values[1:]] == [p.booking_date for p in stored]  # dates

    year_2024 = client.get(SPEND, {"year": 2024, "export": "csv"}).content.decode()
    assert len(list(csv.reader(io.StringIO(year_2024)))) == 2

    # Imported again: every row is already stored, nothing to import, no errors.
    for content, name in ((csv_file.content, "2025.csv"), (xlsx_file.content, "2025.xlsx")):
        again = _upload(client, organisation, content, name)
        assert again.layout == SpendImport.Layout.OPEN_DATA
        analysis = _preview(client, again).context["analysis"]
        assert (analysis.valid_count, analysis.already_imported_count) == (0, 4), name
        assert len(analysis.errors) == 0 and analysis.total == 0
    # Identical booking lines are counted: a third copy of the twice-stored line is new.
    extra = text + "\r\n".join(["", ",".join(rows[2])]).lstrip("\r\n") + "\r\n"
    analysis = _preview(client, _upload(client, organisation, extra.encode(), "x.csv")).context[
        "analysis"
    ]
    assert (analysis.valid_count, analysis.already_imported_count) == (1, 4)
    assert analysis.sample[0][1]["amount"] == -1000
