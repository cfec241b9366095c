"""An administrator downloads everything the organisation owns in one ZIP archive."""

import csv
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from areas.models import AreaStep, StepProgress, StepStatus
from collab import export
from collab.models import Job, JobPart, OrganisationOwned
from procurement.models import DialogueInvitation
from tests.factories import (
    OWNED_FACTORIES,
    GoverningDocumentFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)

URL = "collab:organisation_export"


def _is_history(model) -> bool:
    return getattr(model, "instance_type", None) is not None


def expected_models():
    """Independently of collab.export: every organisation-owned model of the project, and
    every model whose rows hang off one by a required foreign key. Not background jobs
    (collab.jobs): the work's bookkeeping, whose outcome is in the records."""
    owned = {
        m
        for m in apps.get_models()
        if issubclass(m, OrganisationOwned) and not _is_history(m) and m not in (Job, JobPart)
    }
    children = {
        m
        for m in apps.get_models()
        if m not in owned
        and not _is_history(m)
        and any(
            f.many_to_one and f.related_model in owned and not f.null
            for f in m._meta.concrete_fields
        )
    }
    return owned | children | (set(OWNED_FACTORIES) - {Job, JobPart})


def download(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.get(reverse(URL))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def make_progress(organisation):
    """The checklist progress on the next step the organisation has none on."""
    with scopes_disabled():
        step = AreaStep.objects.exclude(progress__organisation=organisation).order_by("pk")[0]
        return StepProgress.objects.create(
            organisation=organisation, step=step, status=StepStatus.STARTED, owner="Kim"
        )


def make_dialogue_invitation(organisation):
    with scopes_disabled():
        return DialogueInvitation.objects.create(
            organisation=organisation,
            procurement=ProcurementFactory(organisation=organisation),
            enterprise=SocialEnterpriseFactory(organisation=organisation),
        )


# Owned models the URL matrix needs no factory for.
EXTRA_MAKERS = {StepProgress: make_progress, DialogueInvitation: make_dialogue_invitation}


def _populate(organisation, pdf: bytes):
    for make in [*OWNED_FACTORIES.values(), *EXTRA_MAKERS.values()]:
        make(organisation)
    GoverningDocumentFactory(organisation=organisation, file__filename="eget.pdf", file__data=pdf)


A_PDF = b"%PDF-1.4\n% Alfastads egna handling\n%%EOF\n"
B_PDF = b"%PDF-1.4\n% Betabys hemliga handling\n%%EOF\n"


@pytest.fixture
def data(world):
    _populate(world.a.organisation, A_PDF)
    _populate(world.b.organisation, B_PDF)
    return world


def test_archive_holds_all_of_a_s_rows_and_columns_and_none_of_b_s(client, data):
    world = data
    archive = download(client, world.a.admin)
    names = set(archive.namelist())
    readme = archive.read("README.txt").decode("utf-8")
    assert world.a.organisation.name in readme
    assert "semikolonseparerad" in readme  # Swedish, the user's language
    assert "organisation.json" in names and "organisation.csv" in names
    assert json.loads(archive.read("organisation.json"))["name"] == world.a.organisation.name

    for model in expected_models():
        label = model._meta.label_lower
        assert f"{label}.json" in names, f"{label} is missing from the archive"
        assert f"{label}.csv/.json" in readme
        rows = json.loads(archive.read(f"{label}.json"))
        with scopes_disabled():
            lookup = "organisation" if issubclass(model, OrganisationOwned) else None
            assert lookup, f"{label}: add how its rows belong to an organisation"
            own = set(
                model._base_manager.filter(organisation=world.a.organisation).values_list(
                    "pk", flat=True
                )
            )
            others = set(
                model._base_manager.exclude(organisation=world.a.organisation).values_list(
                    "pk", flat=True
                )
            )
        assert own, f"{label}: the test made no row in organisation A"
        assert others, f"{label}: the test made no row in organisation B"
        ids = {row["id"] for row in rows}
        assert ids == own, f"{label}: not exactly organisation A's rows"
        assert not ids & others

        secret = set(getattr(model, "export_exclude", ()))
        columns = {f.attname for f in model._meta.concrete_fields} - secret
        columns |= {f.name for f in model._meta.many_to_many}
        for row in rows:
            assert set(row) >= columns, f"{label}: columns missing: {columns - set(row)}"
            assert not secret & set(row), f"{label}: a secret column is exported"
            assert "key_hash" not in row, f"{label}: an API key's hash is a credential"
            assert row["organisation_id"] == world.a.organisation.pk
            for field in model._meta.many_to_many:
                assert isinstance(row[field.name], list)

        text = archive.read(f"{label}.csv").decode("utf-8")
        assert text.startswith("\ufeff")
        table = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
        assert {int(r["id"]) for r in table} == own
        assert set(table[0]) == set(rows[0])  # the CSV has the same columns as the JSON


def test_archive_holds_a_s_change_history_only(client, data):
    archive = download(client, data.a.admin)
    rows = json.loads(archive.read("collab.historicalmembership.json"))
    assert rows and {row["organisation_id"] for row in rows} == {data.a.organisation.pk}
    assert {"history_date", "history_type", "history_user_id", "role"} <= set(rows[0])


def test_archive_holds_a_s_document_files_and_not_b_s(client, data):
    archive = download(client, data.a.admin)
    contents = {name: archive.read(name) for name in archive.namelist()}
    files = {n: c for n, c in contents.items() if n.startswith("files/")}
    assert A_PDF in files.values()
    assert all(B_PDF not in content for content in contents.values())
    documents = json.loads(archive.read("areas.governingdocument.json"))
    assert any(archive.read(d["file"]) == A_PDF for d in documents if d["file"])
    # Stored import files too (the register import's uploaded content).
    imports = json.loads(archive.read("enterprises.enterpriseimport.json"))
    assert imports and all(archive.read(row["content"]) for row in imports)


def test_many_to_many_as_ids(client, world):
    from enterprises.models import ServiceCategory

    with scopes_disabled():
        category = ServiceCategory.objects.order_by("pk").first()
    assert category is not None
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    with scopes_disabled():
        enterprise.categories.add(category)
    archive = download(client, world.a.admin)
    rows = json.loads(archive.read("enterprises.socialenterprise.json"))
    row = next(r for r in rows if r["id"] == enterprise.pk)
    assert row["categories"] == [category.pk]
    assert row["kind_display"]  # a coded value also as its readable text


def test_queries_do_not_grow_with_the_rows(world):
    _populate(world.a.organisation, A_PDF)

    def count():
        with CaptureQueriesContext(connection) as queries:
            export.write_archive(world.a.organisation, io.BytesIO())
        return len(queries)

    before = count()
    for _ in range(5):
        _populate(world.a.organisation, A_PDF)
    assert count() == before


@pytest.mark.parametrize("role", ["viewer", "coordinator"])
def test_only_administrators_export(client, world, role):
    client.force_login(getattr(world.a, role))
    assert client.get(reverse(URL)).status_code == 403


def test_without_organisation_403_and_anonymous_to_login(client, world):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(world.outsider)
    assert client.get(reverse(URL)).status_code == 403


def test_organisation_page_links_to_the_export(client, world):
    client.force_login(world.a.admin)
    assert reverse(URL) in client.get(reverse("collab:organisation_detail")).content.decode()
    client.force_login(world.a.coordinator)
    assert reverse(URL) not in client.get(reverse("collab:organisation_detail")).content.decode()
