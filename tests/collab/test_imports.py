"""The import pipeline and the PDF layer are the platform's (collab): both imports (the register,
supplier payments) build on the one reader, form and pages; the platform knows no domain app;
one organisation-number check-digit helper serves every kind of generated number."""

import ast
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from collab.imports.reader import ReadLimits
from enterprises import orgnr
from enterprises.import_views import ImportUploadForm
from enterprises.models import EnterpriseImport
from procurement import spend
from procurement.models import SpendImport
from procurement.spend_views import SpendUploadForm
from tests.factories import SupplierPaymentFactory

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = {"enterprises", "areas", "procurement", "followup", "network", "api"}
MB = 1024 * 1024


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, also inside functions (``from a import b`` gives a.b)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def platform_files() -> list[Path]:
    return [*sorted((ROOT / "collab" / "imports").glob("*.py")), ROOT / "collab" / "pdf.py"]


def test_the_import_pipeline_and_the_pdf_layer_import_no_domain_app():
    found = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in platform_files()
        for module in imported_modules(path)
        if module.split(".")[0] in DOMAIN_APPS
    }
    assert len(platform_files()) > 5
    assert found == set()


def test_supplier_payments_use_no_private_helper_or_page_of_the_register():
    found = set()
    for path in sorted((ROOT / "procurement").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for module in imported_modules(path):
            parts = module.split(".")
            if parts[0] == "enterprises" and (
                any(part.startswith("_") for part in parts)
                or module.startswith(("enterprises.import_views", "enterprises.importing"))
            ):
                found.add(f"{path.relative_to(ROOT)}: {module}")
        for node in ast.walk(tree):  # e.g. spend.importing._csv_bytes(...)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                if isinstance(node.value, ast.Attribute | ast.Name) and "importing" in (
                    getattr(node.value, "attr", None),
                    getattr(node.value, "id", None),
                ):
                    found.add(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert found == set()


def test_import_refused_is_defined_once_in_the_platform():
    definitions = []
    for app in ("collab", *DOMAIN_APPS):
        for path in sorted((ROOT / app).rglob("*.py")) if (ROOT / app).is_dir() else []:
            tree = ast.parse(path.read_text(), filename=str(path))
            definitions += [
                str(path.relative_to(ROOT))
                for node in ast.walk(tree)
                if isinstance(node, ast.ClassDef) and node.name == "ImportRefused"
            ]
    assert definitions == ["collab/imports/services.py"]


@pytest.mark.parametrize(
    ("form_class", "url_name", "model"),
    [
        (ImportUploadForm, "enterprises:import_upload", EnterpriseImport),
        (SpendUploadForm, "procurement:spendimport_create", SpendImport),
    ],
)
def test_the_size_an_upload_page_states_is_the_size_it_allows(
    client, world, monkeypatch, form_class, url_name, model
):
    """The help text and the refusal come from the import's one limit: a limit changed in one
    place changes both, for either import."""
    client.force_login(world.a.coordinator)
    url = reverse(url_name)
    default = form_class.limits.max_size // MB
    assert f"högst {default} MB" in client.get(url).content.decode()

    monkeypatch.setattr(form_class, "limits", ReadLimits(max_size=MB, max_rows=10))
    assert "högst 1 MB" in client.get(url).content.decode()
    content = b"namn;belopp\r\n" + b"A;1\r\n" * (MB // 5)  # just over 1 MB
    response = client.post(url, {"file": SimpleUploadedFile("lista.csv", content)})
    [error] = response.context["form"].errors["file"]
    assert "Högst 1 MB kan importeras" in error
    with scopes_disabled():
        assert not model.objects.exists()


def test_the_organisation_number_check_digit_is_computed_in_one_place():
    """Demo, benchmark, load-test and test data complete a number with enterprises.orgnr, the
    rule the register checks: no module but orgnr computes or tests a check digit itself."""
    files = [ROOT / "scripts" / "loadtest.py", *sorted((ROOT / "tests" / "factories").glob("*.py"))]
    for app in ("collab", *DOMAIN_APPS):
        files += sorted((ROOT / app).rglob("*.py")) if (ROOT / app).is_dir() else []
    callers = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            name = getattr(node, "name", None) or getattr(node, "attr", None)
            name = name or getattr(node, "id", None)
            if name and "luhn" in name.lower():
                callers.add(str(path.relative_to(ROOT)))
    assert callers == {"enterprises/orgnr.py"}
    number = orgnr.complete_with_check_digit("556036079")
    assert number == "556036-0793"
    assert orgnr.normalise(number.replace("-", "")) == number


def test_suppliers_that_look_like_social_enterprises_are_found_whatever_the_case(world):
    """The lookalike list matches its words without regard to case also for å, ä and ö, on
    both databases (SQLite through collab.sqlite's LIKE), so one condition per word is enough."""
    organisation = world.a.organisation
    names = ["SOLROSEN EKONOMISK FÖRENING", "Solrosen Ekonomisk Förening", "Bygg Och Måleri AB"]
    for index, name in enumerate(names):
        SupplierPaymentFactory(
            organisation=organisation,
            supplier_name=name,
            supplier_org_number=orgnr.complete_with_check_digit(f"55601234{index}"),
        )
    with scope(organisation=organisation.pk):
        found = {row["name"] for row in spend.lookalike_suppliers(2025)}
    assert found == set(names[:2])


@pytest.mark.parametrize(
    "content,file_format",
    [
        # UTF-8 with letters of two bytes, a cell over two lines, empty lines between rows.
        (
            "Mottagare;Belopp\r\n\r\n"
            + "".join(f'"Åsa Öberg {n}\r\nfilial";{n} 000,50\r\n\r\n' for n in range(60)),
            SpendImport.Format.CSV,
        ),
        # Windows-1252, commas.
        ("Leverantör,Summa\r\n" + "".join(f"Kök {n},{n}\r\n" for n in range(80)), "cp1252"),
        # A workbook's first sheet as stored (semicolons; a comma in a cell).
        ("Namn;Belopp\r\n" + "".join(f"Bygg, {n} AB;{n}\r\n" for n in range(80)), "xlsx"),
    ],
    ids=["utf8", "cp1252", "workbook"],
)
def test_the_start_of_a_stored_file_reads_as_the_whole_file_does(
    world, monkeypatch, content, file_format
):
    """The column mapping reads only the start of a stored file: its header and first rows
    are the same as when the whole file is read, wherever the start is cut."""
    from collab.imports import reader
    from tests.factories import SpendImportFactory

    encoded = content.encode("cp1252" if file_format == "cp1252" else "utf-8")
    spend_import = SpendImportFactory(
        organisation=world.a.organisation,
        content=encoded,
        file_format=SpendImport.Format.XLSX if file_format == "xlsx" else SpendImport.Format.CSV,
    )
    with scope(organisation=world.a.organisation.pk):
        whole = reader.read_stored_table(spend_import, spend.LIMITS)
        for head_bytes in (7, 40, 101, 64 * 1024):
            monkeypatch.setattr(reader, "HEAD_BYTES", head_bytes)
            assert reader.read_stored_head_table(spend_import, spend.LIMITS, 4) == whole[:4]
