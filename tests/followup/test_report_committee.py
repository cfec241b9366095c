"""The status report as a committee document: the coordinator's texts in the PDF, publishing
with a decision date and a case number (the PDF and its figures kept unchanged), the archive,
the period comparison, PDF/UA tagging, no on-screen instructions in PDFs and the reuse of a
generated PDF while nothing behind it changed."""

import datetime
import re
import subprocess
import zlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from areas.handbook import AREAS
from areas.models import GroupKind
from collab import pdf as collab_pdf
from followup import report
from followup.models import StatusReport
from followup.selectors import IndicatorRow
from tests.factories import (
    CoordinationGroupFactory,
    SocialEnterpriseFactory,
    StatusReportFactory,
)
from tests.harness.test_lost_updates import PageForm

TODAY = timezone.localdate()
YEAR = TODAY.year


def pdf_text(content: bytes) -> str:
    """What a reader sees, whitespace normalised and hyphenation joined."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    text = result.stdout.decode()
    return " ".join(re.sub(r"(\w)[-\u2010]\n\s*(\w)", r"\1\2", text).split())


def pdf_objects(content: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated (the catalog is in one)."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_info(content: bytes) -> str:
    return subprocess.run(
        ["pdfinfo", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def make_report(world, **kwargs) -> StatusReport:
    with scope(organisation=world.a.organisation):
        return StatusReportFactory(organisation=world.a.organisation, **kwargs)


def fresh(report: StatusReport) -> StatusReport:
    with scopes_disabled():
        return StatusReport._base_manager.get(pk=report.pk)


def url(name: str, report: StatusReport) -> str:
    return reverse(f"followup:{name}", kwargs={"pk": report.pk})


def publish(client, report, *, case_number="KS 2026/123", date=None):
    """Publish through the page, as the coordinator does: the form as rendered, filled in."""
    page = client.get(url("statusreport_publish", report))
    assert page.status_code == 200
    form = PageForm(page.content.decode())
    date = date or TODAY
    return client.post(
        url("statusreport_publish", report),
        form.with_(decision_date=date.isoformat(), case_number=case_number),
    )


# --- the written texts in the PDF ------------------------------------------------------------


def test_the_written_texts_are_in_the_pdf_in_their_places(client, world):
    report_ = make_report(
        world,
        first_year=YEAR,
        last_year=YEAR,
        summary="Sammanfattningen skriven av samordnaren.",
        assessment_1="Bedömningen av område ett.",
        assessment_6="Bedömningen av område sex.",
        proposed_decisions="Lägesrapporten godkänns.\n\nHandlingsplanen revideras.",
    )
    client.force_login(world.a.coordinator)
    response = client.get(url("statusreport_pdf", report_))
    assert response.status_code == 200
    text = pdf_text(response.content)
    summary = text.index("Sammanfattningen skriven av samordnaren.")
    key_figures = text.index(sv("Summary: key figures"), text.index(sv("Contents")) + 200)
    area_1 = text.index("Bedömningen av område ett.")
    area_6 = text.index("Bedömningen av område sex.")
    decisions = text.rindex(sv("Proposed decisions"))
    effect_chains = text.rindex(sv("Effect chains"))
    # Summary first, each area's assessment after its own level, the proposals at the end.
    assert summary < key_figures < area_1 < area_6 < effect_chains < decisions
    with translation.override("sv"):
        headings = [f"{area.number}. {area.title}" for area in AREAS]
    starts = [text.index(heading, key_figures) for heading in headings]
    assert starts[0] < area_1 < starts[1]
    assert starts[5] < area_6 < starts[6]
    assert "Nivå" in text[starts[0] : area_1]  # after the area's level
    tail = text[decisions:]
    assert "1. Lägesrapporten godkänns." in tail and "2. Handlingsplanen revideras." in tail


# --- publishing ------------------------------------------------------------------------------


def test_publishing_keeps_the_pdf_and_its_figures_unchanged(client, world):
    report_ = make_report(world, first_year=YEAR, last_year=YEAR)
    client.force_login(world.a.coordinator)
    decided = TODAY - datetime.timedelta(days=3)
    response = publish(client, report_, case_number=" KS 2026/123 ", date=decided)
    assert response.status_code == 302
    published = fresh(report_)
    assert published.is_published and published.case_number == "KS 2026/123"
    assert published.generated_at is not None
    names = [f["key"] for f in published.figures["key_figures"]]
    assert "enterprises_identified" in names
    assert published.figures["indicators"]["enterprises_identified"]["values"][str(YEAR)] == 0

    first = client.get(url("statusreport_pdf", report_))
    cover = pdf_text(first.content).split(sv("Contents"))[0]
    assert "KS 2026/123" in cover
    assert sv("Case number") in cover and sv("Decision date") in cover
    from collab.formatting import date as sv_date

    with translation.override("sv"):
        assert sv_date(decided) in cover

    # The records change; the published PDF does not.
    with scope(organisation=world.a.organisation):
        SocialEnterpriseFactory.create_batch(3, organisation=world.a.organisation)
    second = client.get(url("statusreport_pdf", report_))
    assert second.content == first.content == bytes(published.pdf)
    # A draft of the same year does show the new enterprises.
    draft = make_report(world, first_year=YEAR, last_year=YEAR)
    assert client.get(url("statusreport_pdf", draft)).content != first.content


def test_a_case_number_and_a_date_are_required_to_publish(client, world):
    report_ = make_report(world)
    client.force_login(world.a.coordinator)
    response = publish(client, report_, case_number="   ")
    assert response.status_code == 200
    assert sv("This field is required.") in response.content.decode()
    page = client.get(url("statusreport_publish", report_))
    form = PageForm(page.content.decode())
    response = client.post(
        url("statusreport_publish", report_),
        form.with_(decision_date="", case_number="KS 2026/1"),
    )
    assert response.status_code == 200
    assert not fresh(report_).is_published


def test_a_published_report_cannot_be_edited_or_deleted(client, world):
    report_ = make_report(world, summary="Före publiceringen.")
    client.force_login(world.a.coordinator)
    edit_page = PageForm(client.get(url("statusreport_update", report_)).content.decode())
    assert publish(client, report_).status_code == 302
    message = sv(
        "The report has been published and is kept unchanged: it can no longer be edited or "
        "deleted."
    )

    # The edit form opened before publishing, sent after: refused, nothing changed.
    response = client.post(
        url("statusreport_update", report_), edit_page.with_(summary="Ändrat efteråt."), follow=True
    )
    assert message in response.content.decode()
    response = client.get(url("statusreport_update", report_), follow=True)
    assert message in response.content.decode()
    response = client.post(url("statusreport_delete", report_), follow=True)
    assert message in response.content.decode()
    response = client.post(url("statusreport_publish", report_), follow=True)
    assert message in response.content.decode()
    current = fresh(report_)
    assert current.summary == "Före publiceringen."
    # The detail page offers neither editing nor deleting.
    detail = client.get(url("statusreport_detail", report_)).content.decode()
    assert url("statusreport_update", report_) not in detail
    assert url("statusreport_delete", report_) not in detail

    # The model refuses too (a service or the admin saving it).
    current.summary = "Ändrat i en tjänst."
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError):
        current.full_clean()


def test_a_draft_can_be_deleted(client, world):
    report_ = make_report(world)
    client.force_login(world.a.coordinator)
    assert client.post(url("statusreport_delete", report_)).status_code == 302
    with scopes_disabled():
        assert not StatusReport.objects.filter(pk=report_.pk).exists()


def test_the_archive_lists_published_reports_newest_first_for_politicians(client, world):
    coordinator = client
    coordinator.force_login(world.a.coordinator)
    older = make_report(world, first_year=YEAR - 2, last_year=YEAR - 2)
    newer = make_report(world, first_year=YEAR - 1, last_year=YEAR - 1)
    draft = make_report(world, first_year=YEAR, last_year=YEAR)
    publish(coordinator, older, case_number="KS 2024/7", date=TODAY - datetime.timedelta(400))
    publish(coordinator, newer, case_number="KS 2025/9", date=TODAY - datetime.timedelta(30))
    stored = bytes(fresh(newer).pdf)

    client.force_login(world.a.viewer)  # the politicians' role
    page = client.get(reverse("followup:statusreport_archive"))
    assert page.status_code == 200
    content = page.content.decode()
    assert content.index("KS 2025/9") < content.index("KS 2024/7")
    assert url("statusreport_pdf", draft) not in content
    assert url("statusreport_pdf", newer) in content
    download = client.get(url("statusreport_pdf", newer))
    assert download.status_code == 200 and download.content == stored
    # Linked from the report page.
    choose = client.get(reverse("followup:report")).content.decode()
    assert reverse("followup:statusreport_archive") in choose
    # Another organisation sees none of it.
    client.force_login(world.b.viewer)
    assert "KS 2025/9" not in client.get(reverse("followup:statusreport_archive")).content.decode()
    assert client.get(url("statusreport_pdf", newer)).status_code == 404


# --- a period compares its first and last year -----------------------------------------------


def test_a_period_report_compares_the_first_and_the_last_year(client, world):
    with scope(organisation=world.a.organisation):
        for identified in [datetime.date(YEAR - 4, 3, 1)] * 2 + [datetime.date(YEAR - 1, 3, 1)] * 3:
            SocialEnterpriseFactory(
                organisation=world.a.organisation, identified_on=identified, work_training_places=3
            )
    client.force_login(world.a.coordinator)
    response = client.get(reverse("followup:report_pdf"), {"from": YEAR - 4, "to": YEAR})
    text = pdf_text(response.content)
    name = sv("Identified social enterprises")
    assert f"{sv('Key figure')} {YEAR - 4} {YEAR}" in text
    assert f"{name} 2 5 +3" in text  # first year, last year, the change between them
    # A one-year report compares with the year before, as before.
    response = client.get(reverse("followup:report_pdf"), {"year": YEAR})
    text = pdf_text(response.content)
    assert f"{sv('Key figure')} {YEAR} {YEAR - 1}" in text
    assert f"{name} 5 5 0" in text


def test_a_share_changes_in_percentage_points():
    row = IndicatorRow(
        key="procurements_social_share",
        name="Andel upphandlingar med sociala hänsyn",
        unit="%",
        definition="",
        area=6,
        url="",
        year=YEAR,
        values={YEAR - 2: Decimal("40"), YEAR - 1: Decimal("50"), YEAR: Decimal("41")},
        is_share=True,
    )
    rows = {row.key: row}
    with translation.override("sv"):
        (period,) = report.key_figures(rows, report.Period(YEAR - 2, YEAR))
        (year,) = report.key_figures(rows, report.Period(YEAR, YEAR))
    assert period["change"] == "+1 procentenhet"
    assert year["change"] == "\u22129 procentenheter"
    assert "%" not in period["change"]


# --- PDF/UA ----------------------------------------------------------------------------------


def test_the_pdfs_are_tagged_with_language_and_title(client, world):
    client.force_login(world.a.coordinator)
    with scope(organisation=world.a.organisation):
        enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, name="Kafé Solen")
    documents = {
        "report": client.get(reverse("followup:report_pdf"), {"year": YEAR}).content,
        "profile": client.get(
            reverse("followup:enterprise_profile_pdf", kwargs={"pk": enterprise.pk})
        ).content,
    }
    titles = {
        "report": f"{sv('Status report %(period)s') % {'period': YEAR}} – Alfastads kommun",
        "profile": f"{sv('Profile: %(name)s') % {'name': 'Kafé Solen'}} – Alfastads kommun",
    }
    for kind, content in documents.items():
        info = pdf_info(content)
        assert re.search(r"^Tagged:\s+yes$", info, re.M), kind
        assert re.search(rf"^Title:\s+{re.escape(titles[kind])}$", info, re.M), kind
        objects = pdf_objects(content)
        assert b"/StructTreeRoot" in objects and b"/MarkInfo" in objects, kind
        assert b"/Lang (sv)" in objects, kind
        assert b"pdfuaid:part" in objects, kind  # declared PDF/UA in the XMP metadata


# --- no on-screen instructions in PDFs -------------------------------------------------------


INSTRUCTIONS = [
    # What a page tells the user to do, which means nothing on paper.
    "No recorded meeting with this enterprise yet. Tick it under “Social enterprises present” "
    "when you record a meeting.",
    "Not in an external forum. Edit the forum and tick the enterprise to invite it.",
    "No target is set for any indicator in these years. Set targets on the indicator pages in "
    "Samverka.",
]


def test_no_on_screen_instructions_in_the_pdfs(client, world):
    client.force_login(world.a.coordinator)
    with scope(organisation=world.a.organisation):
        enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
        # With an external forum the enterprise page tells what to tick (its empty texts).
        CoordinationGroupFactory(organisation=world.a.organisation, kind=GroupKind.EXTERNAL)
    page = client.get(enterprise.get_absolute_url()).content.decode()
    assert "Kryssa i" in page  # on screen, where it belongs
    profile = pdf_text(
        client.get(reverse("followup:enterprise_profile_pdf", kwargs={"pk": enterprise.pk})).content
    )
    status_report = pdf_text(client.get(reverse("followup:report_pdf"), {"year": YEAR}).content)
    for text in (profile, status_report):
        assert "Kryssa i" not in text
        assert "Redigera forumet" not in text
        for instruction in INSTRUCTIONS:
            # The instruction's second sentence (the first may be kept as a statement).
            tail = sv(instruction).split(". ", 1)[-1]
            assert " ".join(tail.split()) not in text
    assert sv("Nothing recorded.") in profile


# --- a generated PDF is reused until the data behind it changes ------------------------------


@pytest.fixture
def renders(monkeypatch):
    """Counts WeasyPrint renders (the renderer still runs)."""
    calls = []
    original = collab_pdf.render_pdf

    def counting(html, base_url):
        calls.append(1)
        return original(html, base_url)

    monkeypatch.setattr(collab_pdf, "render_pdf", counting)
    return calls


def test_a_report_pdf_is_reused_until_its_records_change(client, world, renders):
    client.force_login(world.a.coordinator)
    params = {"year": YEAR}
    first = client.get(reverse("followup:report_pdf"), params).content
    second = client.get(reverse("followup:report_pdf"), params).content
    assert len(renders) == 1 and second == first
    # Another period, another language or another organisation is another PDF.
    client.get(reverse("followup:report_pdf"), {"from": YEAR - 1, "to": YEAR})
    assert len(renders) == 2
    other = client.__class__()
    other.force_login(world.b.coordinator)
    other.get(reverse("followup:report_pdf"), params)
    assert len(renders) == 3
    # A change to a record: made again, with the change in it.
    with scope(organisation=world.a.organisation):
        SocialEnterpriseFactory(organisation=world.a.organisation)
    third = client.get(reverse("followup:report_pdf"), params).content
    assert len(renders) == 4 and third != first
    client.get(reverse("followup:report_pdf"), params)
    assert len(renders) == 4


def test_a_draft_preview_is_made_again_when_its_text_is_edited(client, world, renders):
    report_ = make_report(world, summary="Första versionen.")
    client.force_login(world.a.coordinator)
    client.get(url("statusreport_pdf", report_))
    client.get(url("statusreport_pdf", report_))
    assert len(renders) == 1
    form = PageForm(client.get(url("statusreport_update", report_)).content.decode())
    response = client.post(url("statusreport_update", report_), form.with_(summary="Andra."))
    assert response.status_code == 302
    text = pdf_text(client.get(url("statusreport_pdf", report_)).content)
    assert len(renders) == 2 and "Andra." in text
