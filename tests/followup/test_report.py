"""The PDF status report (lägesrapport) and the one-page enterprise profile.

The PDFs are read back with poppler's ``pdftotext -layout`` (and ``pdfinfo`` for the page
count), so the tests check what a reader sees: texts, numbers in the language's format, page
numbers and the table of contents.
"""

import datetime
import os
import re
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from areas import walk
from areas.handbook import AREAS
from areas.models import ActivityStatus, DocumentStatus
from collab.models import Membership, Organisation, Role
from collab.pdf import css_string
from enterprises.models import EnterpriseKind, LegalForm, SocialEnterprise
from procurement.models import Procedure
from tests.factories import (
    ActivityFactory,
    BidFactory,
    ContactPersonFactory,
    EffectStepFactory,
    GoverningDocumentFactory,
    MeetingFactory,
    PartnershipFactory,
    PoliticalDecisionFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
    TargetFactory,
)

TODAY = timezone.localdate()
YEAR = TODAY.year
REPORT_PDF = "followup:report_pdf"


# --- helpers ---------------------------------------------------------------------------------


def pdf_pages(content: bytes, tmp_path, mode: str = "-layout") -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed). ``-layout`` keeps a
    table's row on one line; ``-raw`` keeps a cell's wrapped text together."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout.split("\f")[:-1]


def flat(text: str) -> str:
    """Whitespace normalised: non-breaking and narrow spaces (digit grouping) become spaces;
    words hyphenated at a line end (the record tables hyphenate Swedish) are joined."""
    return " ".join(re.sub(r"(\w)[-\u2010]\n\s*(\w)", r"\1\2", text).split())


def page_count(content: bytes, tmp_path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def data(world):
    """Organisation A's records for the report, and a few of organisation B's."""
    a, b = world.a.organisation, world.b.organisation
    enterprises = [
        SocialEnterpriseFactory(organisation=a, name="Rena Rum ek. för."),
        SocialEnterpriseFactory(organisation=a, name="Fruktbudet ek. för."),
        SocialEnterpriseFactory(
            organisation=a,
            name="Föreningen Gemenskap",
            kind=EnterpriseKind.NON_PROFIT,
            legal_form=LegalForm.NON_PROFIT_ASSOCIATION,
        ),
    ]
    PartnershipFactory(
        organisation=a,
        title="Mötesplats för nyanlända",
        partner=enterprises[2],
        start_date=datetime.date(YEAR - 1, 3, 1),
        municipality_contribution=250_000,
    )
    ProcurementFactory(
        organisation=a,
        title="Lokalvård med sysselsättningskrav",
        planned_start=datetime.date(YEAR, 3, 1),
        planned_end=datetime.date(YEAR + 1, 2, 28),
        estimated_value=1_234_567,
    )
    ProcurementFactory(
        organisation=a,
        title="Kontorsmaterial utan hänsyn",
        procedure=Procedure.OPEN,
        employment_requirement=False,
        employment_target_type="",
        employment_target=None,
        planned_start=datetime.date(YEAR, 4, 1),
    )
    ActivityFactory(
        organisation=a,
        title="Försenad aktivitet om dialogforum",
        area=5,
        start_date=None,
        due_date=TODAY - datetime.timedelta(days=10),
        status=ActivityStatus.ONGOING,
    )
    ActivityFactory(
        organisation=a,
        title="Klar aktivitet om styrdokument",
        area=4,
        start_date=None,
        due_date=TODAY - datetime.timedelta(days=20),
        status=ActivityStatus.DONE,
        percent_complete=100,
    )
    GoverningDocumentFactory(
        organisation=a,
        title="Riktlinje för IOP",
        adopted_on=datetime.date(YEAR - 2, 1, 10),
        valid_from=None,
        valid_to=None,
        next_review=TODAY - datetime.timedelta(days=1),
        status=DocumentStatus.ADOPTED,
    )
    PoliticalDecisionFactory(organisation=a, committee="Arbetsmarknadsnämnden")
    EffectStepFactory(organisation=a, chain__title="Effektkedja för arbetsträning")
    TargetFactory(organisation=a, indicator_key="enterprises_identified", year=YEAR, value=5)

    SocialEnterpriseFactory(organisation=b, name="Betaföretaget i Betaby")
    ProcurementFactory(organisation=b, title="Betabys snöröjning med hänsyn")
    PartnershipFactory(organisation=b, title="Betabys partnerskap")
    ActivityFactory(organisation=b, title="Betabys aktivitet", area=5)
    return enterprises


def _get_report(client, user, **params):
    client.force_login(user)
    return client.get(reverse(REPORT_PDF), params)


# --- the status report -----------------------------------------------------------------------


def test_report_is_a_pdf_attachment_named_after_organisation_and_year(client, world, english):
    response = _get_report(client, world.a.viewer, year=YEAR)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    expected = f"status-report-alfastads-kommun-{YEAR}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert "no-store" in response["Cache-Control"]


def test_report_shows_the_organisations_figures_and_nothing_of_others(
    client, world, data, english, tmp_path
):
    response = _get_report(client, world.a.viewer, year=YEAR)
    text = flat("\n".join(pdf_pages(response.content, tmp_path)))
    raw = flat("\n".join(pdf_pages(response.content, tmp_path, "-raw")))

    # cover: organisation, year, date, the committee from the decision in force
    assert "Alfastads kommun" in text
    assert f"Status report {YEAR}" in text
    assert date_filter(TODAY, "j F Y") in text
    assert "Arbetsmarknadsnämnden" in text

    # key figures: three enterprises identified this year (none the year before), per 10 000
    # inhabitants of 25 000; the IOP's yearly contribution
    assert "Identified social enterprises 3 0 +3 1.2" in text
    assert "Kronor to IOP partnerships 250,000 kr 250,000 kr 0 kr" in text
    assert "Mötesplats för nyanlända" in raw

    # the procurement with social considerations, not the one without
    assert "Lokalvård med sysselsättningskrav" in raw
    assert "1,234,567 kr" in text
    assert "Kontorsmaterial" not in raw

    # the action plan: the overdue activity is marked, the done one is not
    plan = raw[raw.index("The action plan has") :]
    overdue_row = plan[plan.index("Försenad aktivitet om dialogforum") :][:160]
    assert "Overdue" in overdue_row
    done_row = plan[plan.index("Klar aktivitet om styrdokument") :][:120]
    assert "Overdue" not in done_row
    # the governing document past its review date is marked
    documents = raw[raw.index("Every governing document") :]
    assert "Due for review" in documents[documents.index("Riktlinje för IOP") :][:200]

    # the indicator with a target: its chart and table, with the status (3 of 5 is more than
    # 10 % short); the rule is stated; the others in one table
    indicators = text[text.index("Status against the target:") :]
    assert "Status against the target: On track: the target is reached." in indicators
    assert f"Identified social enterprises (enterprises) Status {YEAR}: Off track" in indicators
    assert "Target – – – – 5 Status – – – – Off track" in indicators
    assert "Indicators without a target" in indicators
    assert "Kronor to IOP partnerships (kr) 0 kr 0 kr 0 kr 250,000 kr 250,000 kr" in indicators

    # the effect chain with its steps
    assert "Effektkedja för arbetsträning" in raw

    # other organisation's data is absent
    for other in ("Betaby", "Betaföretaget", "snöröjning"):
        assert other not in raw


def test_report_lists_the_seven_areas_with_their_levels(client, world, data, english, tmp_path):
    response = _get_report(client, world.a.viewer, year=YEAR)
    text = flat("\n".join(pdf_pages(response.content, tmp_path)))
    organisation = world.a.organisation
    with scope(organisation=organisation.pk):
        statuses = walk.walk_status(organisation, TODAY)
    assert len(statuses) == len(AREAS) == 7
    section = text[text.index("The seven areas Where the organisation stands") :]
    for status in statuses:
        expected = (
            f"{status.area.number}. {status.area.title} "
            f"Level {status.level.value}: {status.level.name}"
        )
        assert expected in section, expected
    assert "Next step:" in section


def test_report_has_page_numbers_and_a_table_of_contents(client, world, data, english, tmp_path):
    response = _get_report(client, world.a.viewer, year=YEAR)
    pages = pdf_pages(response.content, tmp_path)
    total = page_count(response.content, tmp_path)
    assert len(pages) == total > 5
    # the cover has no header or footer; every other page has "Page X of Y"
    assert "Page 1 of" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in flat(page)
        assert f"Status report {YEAR}" in flat(page)  # the running header
    # the table of contents points at the page where each section starts
    contents = flat(pages[1])
    assert contents.startswith("Alfastads kommun") and "Contents" in contents
    for title in (
        "Summary: key figures",
        "The seven areas",
        "Indicators and targets",
        "Procurements with social considerations",
        "IOP partnerships",
        "Governing documents",
        "Action plan",
        "Effect chains",
    ):
        match = re.search(re.escape(title) + r" ?\.+ ?(\d+)", contents)
        assert match, title
        page = pages[int(match.group(1)) - 1]
        assert flat(page).split(f"Status report {YEAR} ", 1)[1].startswith(title), title


def test_report_for_a_period(client, world, data, english, tmp_path):
    response = _get_report(client, world.a.viewer, **{"from": YEAR - 2, "to": YEAR})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        f'status-report-alfastads-kommun-{YEAR - 2}-{YEAR}.pdf"'
    )
    text = flat("\n".join(pdf_pages(response.content, tmp_path)))
    assert f"The years {YEAR - 2}–{YEAR}" in text
    assert f"Status report {YEAR - 2}–{YEAR}" in text


def test_report_in_swedish_uses_swedish_dates_and_numbers(client, world, data, tmp_path):
    """Swedish by default: date and number formats from the locale (the report's own texts
    are compared with the Swedish catalogue, whatever it holds yet)."""
    client.force_login(world.a.viewer)
    response = client.get(reverse(REPORT_PDF), {"year": YEAR})
    pages = pdf_pages(response.content, tmp_path)
    text = flat("\n".join(pages))
    with translation.override("sv"):
        today = date_filter(TODAY, "j F Y")
        page_two = gettext("Page %(page)s of %(pages)s") % {"page": 2, "pages": len(pages)}
        filename = f"{slugify(gettext('Status report'))}-alfastads-kommun-{YEAR}.pdf"
    assert today in text and re.search(r"\d+ [a-zåäö]+ \d{4}", today)
    assert "250 000 kr" in text  # grouped with a (non-breaking) space
    assert "1 234 567 kr" in text
    assert page_two in flat(pages[1])
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_report_without_parameters_covers_the_current_year(client, world, english, tmp_path):
    response = _get_report(client, world.a.viewer)
    assert response.status_code == 200
    assert f"-{YEAR}.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "Enter a whole number."),
        ({"year": "1999"}, "Ensure this value is greater than or equal to 2000."),
        ({"from": YEAR, "to": YEAR - 1}, "The period cannot end before it starts."),
        ({"from": YEAR - 10, "to": YEAR}, "A period can be at most 10 years."),
        ({"from": YEAR - 2}, "This field is required."),
    ],
    ids=["not-a-number", "too-early", "end-before-start", "too-long", "missing-end"],
)
def test_invalid_year_or_period_goes_back_with_a_message(client, world, english, params, message):
    response = _get_report(client, world.a.viewer, **params)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("followup:report") + "?")
    page = client.get(response["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content  # the field (or the period) is marked too


def test_report_page_offers_a_year_and_a_period(client, world, english):
    client.force_login(world.a.viewer)
    response = client.get(reverse("followup:report"))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'action="{reverse(REPORT_PDF)}"' in content
    assert f'name="year" id="id_year" min="2000" max="2100" inputmode="numeric" value="{YEAR}"' in (
        content
    )
    assert 'name="from"' in content and 'name="to"' in content
    assert "Create PDF" in content
    # the navigation's follow-up section links to the page
    assert f'href="{reverse("followup:report")}"' in content


def test_report_query_count_does_not_grow_with_the_records(client, world, english):
    organisation = world.a.organisation

    def add_rows():
        enterprise = SocialEnterpriseFactory(organisation=organisation)
        PartnershipFactory(organisation=organisation, start_date=datetime.date(YEAR, 1, 1))
        ProcurementFactory(organisation=organisation, planned_start=datetime.date(YEAR, 5, 1))
        ActivityFactory(organisation=organisation, due_date=TODAY - datetime.timedelta(days=3))
        GoverningDocumentFactory(organisation=organisation)
        EffectStepFactory(organisation=organisation)
        return enterprise

    client.force_login(world.a.viewer)
    url = reverse(REPORT_PDF) + f"?year={YEAR}"
    client.get(url)  # the closed years are computed once and stored
    add_rows()
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for _ in range(4):
        add_rows()
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(first) == len(second), "\n".join(q["sql"] for q in second.captured_queries)


def test_css_strings_cannot_break_out_of_the_style_element():
    text = css_string('Evil "kommun" </style><script>x</script> \\ å')
    assert "<" not in text and ">" not in text
    assert text.count('"') == 2 and text.startswith('"') and text.endswith('"')
    assert "å" in text


# --- the enterprise profile ------------------------------------------------------------------


def test_profile_is_one_page_with_name_org_number_and_contacts(client, world, english, tmp_path):
    enterprise = SocialEnterpriseFactory(
        organisation=world.a.organisation,
        name="Rena Rum Lokalvård ek. för.",
        offer="Lokalvård i kontor, skolor och förskolor. " * 6,
        employees=24,
        work_training_places=17,
    )
    ContactPersonFactory(organisation=world.a.organisation, enterprise=enterprise, name="Ada Ek")
    client.force_login(world.a.viewer)
    response = client.get(reverse("followup:enterprise_profile_pdf", kwargs={"pk": enterprise.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert page_count(response.content, tmp_path) == 1
    text = flat("\n".join(pdf_pages(response.content, tmp_path)))
    assert "Rena Rum Lokalvård ek. för." in text
    assert enterprise.org_number in text
    assert "Ada Ek" in text
    assert "Work-training places 17" in text
    assert "Surplus reinvested" in text  # the criteria summary


def test_profile_of_a_busy_enterprise_still_fits_one_page(client, world, english, tmp_path):
    """Many bids, meetings and contacts: the lists are cut, with "and N more" stated."""
    organisation = world.a.organisation
    enterprise = SocialEnterpriseFactory(
        organisation=organisation,
        offer="Lokalvård, catering, tvätt och fönsterputs med arbetsträning. " * 20,
        operates_in="Hela kommunen och grannkommunerna " * 5,
    )
    for _ in range(5):
        ContactPersonFactory(organisation=organisation, enterprise=enterprise)
    for number in range(8):
        BidFactory(
            organisation=organisation,
            supplier=enterprise,
            procurement__title=f"Lokalvård med sysselsättningskrav i skolområde {number} "
            "med uppdelning i delkontrakt och marknadsdialog",
        )
        meeting = MeetingFactory(organisation=organisation, title=f"Dialogmöte nummer {number}")
        with scopes_disabled():
            meeting.attending_enterprises.add(enterprise)
    client.force_login(world.a.viewer)
    response = client.get(reverse("followup:enterprise_profile_pdf", kwargs={"pk": enterprise.pk}))
    assert page_count(response.content, tmp_path) == 1
    text = flat("\n".join(pdf_pages(response.content, tmp_path, "-raw")))
    assert "… and 4 more." in text  # 8 bids, 4 listed
    assert "… and 2 more contact persons." in text


def test_profile_of_another_organisations_enterprise_is_404(client, world):
    other = SocialEnterpriseFactory(organisation=world.b.organisation)
    client.force_login(world.a.admin)
    url = reverse("followup:enterprise_profile_pdf", kwargs={"pk": other.pk})
    assert client.get(url).status_code == 404


def test_enterprise_page_links_to_the_profile(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    client.force_login(world.a.viewer)
    response = client.get(enterprise.get_absolute_url())
    profile_url = reverse("followup:enterprise_profile_pdf", kwargs={"pk": enterprise.pk})
    assert f'href="{profile_url}"' in response.content.decode()


# --- the demo organisation -------------------------------------------------------------------


def test_demo_report_and_profile_render(client, tmp_path, db):
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    with scopes_disabled():
        sjostad = Organisation.objects.get(slug="sjostad")
        user = (
            Membership.objects.filter(organisation=sjostad, role=Role.COORDINATOR)
            .select_related("user")
            .first()
            .user
        )
        # a typical enterprise: the one with the most related records
        enterprise = max(
            SocialEnterprise.objects.filter(organisation=sjostad),
            key=lambda e: (e.meetings_attended.count() + e.bids.count(), len(e.offer)),
        )
    client.force_login(user)
    response = client.get(reverse(REPORT_PDF), {"year": YEAR})
    assert response.status_code == 200
    pdf = tmp_path / "demo.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    pngs = list(tmp_path.glob("page*.png"))
    assert len(pngs) == 1 and pngs[0].stat().st_size > 5_000
    text = flat("\n".join(pdf_pages(response.content, tmp_path)))
    assert "Sjöstads kommun" in text and "Norrbyns kommun" not in text

    response = client.get(reverse("followup:enterprise_profile_pdf", kwargs={"pk": enterprise.pk}))
    assert response.status_code == 200
    assert page_count(response.content, tmp_path) == 1
    assert enterprise.name in flat("\n".join(pdf_pages(response.content, tmp_path)))
