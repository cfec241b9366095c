"""The register's export with every column: imported again, the preview shows no changes."""

import csv
import datetime
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from enterprises import importing
from enterprises.models import (
    CRITERIA,
    Answer,
    EnterpriseImport,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
    SustainableDevelopmentGoal,
)
from enterprises.orgnr import complete_with_check_digit
from tests.factories import SocialEnterpriseFactory

LIST = reverse("enterprises:socialenterprise_list")
UPLOAD = reverse("enterprises:import_upload")


def _full_enterprise(organisation) -> SocialEnterprise:
    """Every import column filled in, with awkward values."""
    enterprise = SocialEnterpriseFactory(
        organisation=organisation,
        name='Åkervägens "Cykel", kök; café',
        org_number=complete_with_check_digit("556036079"),
        legal_form=LegalForm.LIMITED_COMPANY_SVB,
        kind=EnterpriseKind.NON_PROFIT,
        status=EnterpriseStatus.ACTIVE,
        offer="Rad ett\nRad två, med komma; semikolon och | streck",
        cpv_codes="50000000, 45000000",
        work_training_places=12,
        employees=5,
        participants=7,
        certifications="Skoopi, Svanen",
        address='Storgatan 1, port "B"',
        postal_code="123 45",
        postal_town="Åmål",
        operates_in="Norr; Söder",
        website="https://exempel.se/a?b=1&c=ö",
        identified_on=datetime.date(2024, 2, 29),
        notes='=SUMMA(A1)\r\n- citat "x"; slut',
        tags="återbruk, cykel",
        surplus_reinvested=Answer.YES,
        surplus_reinvested_note="Årsredovisning 2024; s. 3",
        surplus_reinvested_checked=datetime.date(2025, 1, 15),
        mission_in_statutes=Answer.NO,
        mission_in_statutes_note="Stadgar saknas",
        mission_in_statutes_checked=datetime.date(2025, 1, 16),
        independent=Answer.YES,
        independent_note="Ingen kommunal ägare",
        independent_checked=datetime.date(2025, 1, 17),
        employee_participation=Answer.UNKNOWN,
        employee_participation_note="Fråga vid nästa möte",
        employee_participation_checked=datetime.date(2025, 1, 18),
        public_listing=True,
    )
    with scopes_disabled():
        enterprise.categories.set(ServiceCategory.objects.all()[:3])
        enterprise.challenges.set(SocietalChallenge.objects.all()[:2])
        enterprise.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=[1, 8, 10]))
    return enterprise


def _import_preview(client, organisation, content: bytes, name: str) -> dict:
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.context and response.context["form"].errors
    with scopes_disabled():
        uploaded = EnterpriseImport.objects.filter(organisation=organisation).latest("pk")
    preview = client.get(uploaded.get_absolute_url())
    assert preview.status_code == 200
    return preview.context["counts"]


def test_all_columns_export_imports_again_without_changes(client, world):
    organisation = world.a.organisation
    full = _full_enterprise(organisation)
    SocialEnterpriseFactory(organisation=organisation, name="Minimal ek. för.")
    SocialEnterpriseFactory(
        organisation=organisation, name="Förening under bildande", org_number=""
    )
    SocialEnterpriseFactory(organisation=world.b.organisation, name="Betabys Egna")
    client.force_login(world.a.coordinator)

    csv_export = client.get(LIST, {"export": "csv", "columns": "all"})
    xlsx_export = client.get(LIST, {"export": "xlsx", "columns": "all"})
    assert csv_export["Content-Disposition"].endswith('.csv"')
    assert xlsx_export["Content-Type"].startswith("application/vnd.openxmlformats")

    # The columns are the import's, all of them, in its order.
    rows = list(csv.reader(io.StringIO(csv_export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [column.header for column in importing.COLUMNS]
    assert len(rows[0]) == len(importing.COLUMNS) >= 35
    assert {"öppen katalog", "överskott återinvesteras kontrollerad"} <= set(rows[0])
    criteria = {name for name, _label in CRITERIA}
    assert criteria <= {column.field for column in importing.COLUMNS}  # each criterion
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_export.content), read_only=True).active
    workbook_rows = list(sheet.values)
    assert list(workbook_rows[0]) == rows[0]
    names = sorted(row[0] for row in rows[1:])
    assert names == sorted(["Minimal ek. för.", "Förening under bildande", full.name])
    assert len(workbook_rows) == 4  # another organisation's enterprise is not exported
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == full.name), strict=True))
    assert row["typ"] == "Idéburen organisation"
    assert row["agenda 2030-mål"] == "1|8|10"
    assert row["öppen katalog"] == "ja"
    assert row["anteckningar"].startswith("'=SUMMA")  # never a formula in a spreadsheet

    # Imported again into the same organisation: nothing new, nothing updated, no errors.
    for content, name in ((csv_export.content, "alla.csv"), (xlsx_export.content, "alla.xlsx")):
        counts = _import_preview(client, organisation, content, name)
        assert counts == {"new": 0, "update": 0, "unchanged": 3, "error": 0}, name

    # The comparison is real: a value changed since the export makes that row an update.
    with scopes_disabled():
        SocialEnterprise.objects.filter(pk=full.pk).update(employees=6)
    counts = _import_preview(client, organisation, csv_export.content, "alla.csv")
    assert counts == {"new": 0, "update": 1, "unchanged": 2, "error": 0}

    # The list's filters apply to the export of every column too.
    filtered = client.get(
        LIST, {"kind": EnterpriseKind.NON_PROFIT, "export": "csv", "columns": "all"}
    )
    filtered_rows = list(
        csv.reader(io.StringIO(filtered.content.decode("utf-8-sig")), delimiter=";")
    )
    assert [r[0] for r in filtered_rows[1:]] == [full.name]

    # "The list's columns" is the export as before.
    as_before = client.get(LIST, {"export": "csv"})
    chosen = client.get(LIST, {"export": "csv", "columns": "list"})
    assert chosen.content == as_before.content
    list_rows = list(csv.reader(io.StringIO(as_before.content.decode("utf-8-sig")), delimiter=";"))
    assert len(list_rows[0]) == 7

    # The list page offers the choice and keeps the filters in the export form.
    page = client.get(LIST, {"kind": EnterpriseKind.NON_PROFIT}).content.decode()
    assert 'name="columns"' in page and 'value="all"' in page
    assert f'name="kind" value="{EnterpriseKind.NON_PROFIT}"' in page


def test_every_choice_is_exported_as_the_import_reads_it(world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    with scope(organisation=world.a.organisation.pk):
        lookups = importing._Lookups()
        for column in importing.COLUMNS:
            if column.kind != importing.CHOICE:
                continue
            for value in importing.CHOICES[column.field].values:
                setattr(enterprise, column.field, value)
                index = importing.COLUMNS.index(column)
                exported = importing.export_values(enterprise)[index]
                assert lookups.choices[column.field][importing.fold(exported)] == value
