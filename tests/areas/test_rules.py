"""Issue 11: every domain rule is defined once (``areas.querysets``, ``procurement.querysets``)
and every page that shows it shows the same number: the home page, the area pages (the walk's
evidence), the lists' filters, the dashboard, the status report and the indicators.

Records are built on the rules' edges (due today against yesterday, a partnership that ended
last year or starts next year, 29 February, a decision repealed today …) with the clock set to
a fixed day. The rules whose copies disagreed before (and the test that shows it):

- political decision in force: the list filter and the decision's page took a decision dated
  later than today as in force (``test_political_decision_in_force``);
- governing document in force: the area-4 evidence and the document's page left out a repealed
  document still valid and took in one adopted later, unlike the indicator
  (``test_document_in_force``);
- active IOP partnership: the home page and area 6 counted decided or ongoing partnerships
  whatever their dates, the dashboard listed them too (``test_active_partnership_in_a_year``);
- meetings in the last 12 months: area 3 and 5 counted 365 days back, the group list from the
  same date a year earlier (``test_meetings_in_the_last_twelve_months``);
- the share of procurements with social considerations: area 6 rounded to whole per cent
  (0 % of none), the indicator to one decimal (``test_procurements_with_social_considerations``).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import ScopeError, scope, scopes_disabled

from areas.models import (
    ActionStatus,
    Activity,
    ActivityStatus,
    DocumentStatus,
    GroupKind,
    MeetingAction,
    Partnership,
    PartnershipStatus,
)
from collab import formatting
from followup import indicators
from followup.report import report_context
from procurement.models import Procedure, Procurement, Status
from tests.factories import (
    ActivityFactory,
    CoordinationGroupFactory,
    GoverningDocumentFactory,
    MeetingActionFactory,
    MeetingFactory,
    PartnershipFactory,
    PoliticalDecisionFactory,
    ProcurementFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def clock(monkeypatch):
    """Set today's date (``timezone.localdate()``) for the pages; returns the setter."""
    real = timezone.localdate

    def set_today(day: datetime.date) -> datetime.date:
        def localdate(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return set_today


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def figure(evidence, label: str) -> str:
    values = [value for e in evidence for name, value in e.figures if name == sv(label)]
    assert len(values) == 1, (label, [e.figures for e in evidence])
    return values[0]


def area_page(client, number: int):
    response = client.get(reverse("areas:area_detail", kwargs={"number": number}))
    assert response.status_code == 200
    return response.context


def home_section(client, template: str) -> dict:
    response = client.get("/")
    assert response.status_code == 200
    sections = [s for s in response.context["home_sections"] if s.template == template]
    assert len(sections) == 1
    return sections[0].context


def home_figure(client, label: str):
    figures = {f.label: f for f in client.get("/").context["figures"]}
    return figures[sv(label)]


def dashboard(client, **params):
    response = client.get(reverse("followup:dashboard"), params)
    assert response.status_code == 200
    return response.context


def report(organisation, today: datetime.date) -> dict:
    with scope(organisation=organisation):
        return report_context(organisation, today.year, today.year, today)


def listed(client, url_name: str, **params) -> list[str]:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return sorted(str(o) for o in response.context["object_list"])


def indicator(organisation, compute, year: int):
    with scope(organisation=organisation):
        return compute([year])[year]


def test_a_rule_outside_the_organisation_scope_refuses():
    """The rules sit on the scoped managers: without a scope they fail closed, no rows leak."""
    for query in [
        lambda: list(Activity.objects.overdue(datetime.date(2027, 6, 15))),
        lambda: MeetingAction.objects.open().count(),
        lambda: Partnership.objects.active_in_year(2027).exists(),
        lambda: Procurement.objects.with_social_considerations().count(),
    ]:
        with pytest.raises(ScopeError):
            query()


def test_overdue_activity(client, world, clock):
    today = clock(datetime.date(2027, 6, 15))
    org = world.a.organisation
    ActivityFactory(organisation=org, title="Försenad", due_date=today - DAY, area=4)
    ActivityFactory(
        organisation=org,
        title="Förfaller i dag",
        due_date=today,
        status=ActivityStatus.NOT_STARTED,
        percent_complete=0,
        area=4,
    )
    ActivityFactory(
        organisation=org,
        title="Klar",
        due_date=today - DAY,
        status=ActivityStatus.DONE,
        percent_complete=100,
        area=4,
    )
    ActivityFactory(
        organisation=org,
        title="Avbruten",
        due_date=today - DAY,
        status=ActivityStatus.CANCELLED,
        area=4,
    )
    ActivityFactory(organisation=world.b.organisation, due_date=today - DAY)
    client.force_login(world.a.coordinator)

    home = home_section(client, "areas/_home_attention.html")
    assert home["overdue_activity_count"] == 1
    assert [a.title for a in home["overdue_activities"]] == ["Försenad"]
    area_4 = area_page(client, 4)
    assert figure(area_4["status"].evidence, "Overdue") == "1"
    assert [a.title for a in area_4["activities"] if a.overdue] == ["Försenad"]
    assert figure(area_page(client, 7)["status"].evidence, "Overdue activities") == "1"
    assert listed(client, "areas:activity_list", overdue="ja") == ["Försenad"]
    assert "Försenad" not in listed(client, "areas:activity_list", overdue="nej")
    assert dashboard(client)["overdue_activity_count"] == 1
    plan = report(org, today)["plan"]
    assert plan["overdue"] == 1
    flagged = [a["title"] for area in plan["areas"] for a in area["activities"] if a["overdue"]]
    assert flagged == ["Försenad"]


def test_overdue_meeting_action(client, world, clock):
    today = clock(datetime.date(2027, 6, 15))
    org = world.a.organisation
    meeting = MeetingFactory(organisation=org, date=today - 30 * DAY)
    MeetingActionFactory(organisation=org, meeting=meeting, what="Försenad", due_date=today - DAY)
    MeetingActionFactory(organisation=org, meeting=meeting, what="I dag", due_date=today)
    MeetingActionFactory(organisation=org, meeting=meeting, what="Utan datum", due_date=None)
    MeetingActionFactory(
        organisation=org,
        meeting=meeting,
        what="Klar",
        due_date=today - DAY,
        status=ActionStatus.DONE,
    )
    client.force_login(world.a.coordinator)

    home = home_section(client, "areas/_home_attention.html")
    assert home["overdue_action_count"] == 1
    assert [a.what for a in home["overdue_actions"]] == ["Försenad"]
    assert dashboard(client)["overdue_action_count"] == 1
    assert listed(client, "areas:meetingaction_list", overdue="ja") == ["Försenad"]
    assert listed(client, "areas:meetingaction_list", status="oppen") == [
        "Försenad",
        "I dag",
        "Utan datum",
    ]
    page = client.get(meeting.group.get_absolute_url()).context
    assert sorted(a.what for a in page["open_actions"]) == ["Försenad", "I dag", "Utan datum"]
    with scopes_disabled():
        flagged = [a.what for a in MeetingAction.objects.all() if a.is_overdue]
    assert flagged == ["Försenad"]


def test_political_decision_in_force(client, world, clock):
    """Before: the list's filter and the decision's page took a decision dated after today as
    in force; the walk (area 1) and the report's cover did not."""
    today = clock(datetime.date(2027, 6, 15))
    org = world.a.organisation
    PoliticalDecisionFactory(
        organisation=org,
        committee="Upphävd i dag",
        decided_on=datetime.date(2020, 1, 1),
        repealed_on=today,
    )
    in_force = PoliticalDecisionFactory(
        organisation=org,
        committee="Gäller",
        decided_on=datetime.date(2024, 1, 1),
        repealed_on=today + DAY,
    )
    later = PoliticalDecisionFactory(
        organisation=org, committee="Beslutas i morgon", decided_on=today + DAY
    )
    client.force_login(world.a.coordinator)

    rows = [text for e in area_page(client, 1)["status"].evidence for text, _url in e.rows]
    assert len(rows) == 1 and rows[0].startswith("Gäller")
    assert report(org, today)["decision"] == in_force
    assert listed(client, "areas:politicaldecision_list", in_force="ja") == [str(in_force)]
    assert str(later) in listed(client, "areas:politicaldecision_list", in_force="nej")
    assert client.get(in_force.get_absolute_url()).context["object"].in_force is True
    page = client.get(later.get_absolute_url())
    assert page.context["object"].in_force is False
    assert sv("Not yet in force") in page.content.decode()


def test_document_due_for_review(client, world, clock):
    today = clock(datetime.date(2027, 6, 15))
    org = world.a.organisation
    GoverningDocumentFactory(organisation=org, title="Granskas i dag", next_review=today)
    GoverningDocumentFactory(organisation=org, title="Granskas i morgon", next_review=today + DAY)
    GoverningDocumentFactory(
        organisation=org,
        title="Utkast",
        status=DocumentStatus.DRAFT,
        adopted_on=None,
        next_review=today - DAY,
    )
    GoverningDocumentFactory(
        organisation=org,
        title="Upphävd",
        status=DocumentStatus.REPEALED,
        next_review=today - DAY,
    )
    client.force_login(world.a.coordinator)

    home = home_section(client, "areas/_home_attention.html")
    assert home["documents_due_count"] == 1
    assert [d.title for d in home["documents_due"]] == ["Granskas i dag"]
    assert dashboard(client)["documents_due_count"] == 1
    context = report(org, today)
    assert context["documents_due"] == 1
    assert [d["title"] for d in context["documents"] if d["due"]] == ["Granskas i dag"]
    assert listed(client, "areas:governingdocument_list", due="ja") == ["Granskas i dag"]
    criteria = {c.text: c.met for e in area_page(client, 4)["status"].evidence for c in e.criteria}
    assert criteria[sv("No adopted document is past its review date")] is False


def test_document_in_force(client, world, clock):
    """On 31 December the area-4 evidence and the document's page agree with the indicator of
    adopted documents. Before: they left out a repealed document still valid that day and
    took in one adopted only the next day."""
    today = clock(datetime.date(2027, 12, 31))
    org = world.a.organisation
    GoverningDocumentFactory(organisation=org, title="Gäller", valid_to=None)
    repealed = GoverningDocumentFactory(
        organisation=org,
        title="Upphävd men giltig året ut",
        status=DocumentStatus.REPEALED,
        valid_to=today,
    )
    adopted_later = GoverningDocumentFactory(
        organisation=org, title="Antas i morgon", adopted_on=today + DAY, valid_from=today + DAY
    )
    GoverningDocumentFactory(organisation=org, title="Gick ut i går", valid_to=today - DAY)
    client.force_login(world.a.coordinator)

    rows = [text for e in area_page(client, 4)["status"].evidence for text, _url in e.rows]
    titles = sorted(row.split(" (")[0] for row in rows)
    assert titles == ["Gäller", "Upphävd men giltig året ut"]
    assert indicator(org, indicators.get_indicator("documents_adopted").compute, today.year) == 2
    assert client.get(repealed.get_absolute_url()).context["in_force"] is True
    assert client.get(adopted_later.get_absolute_url()).context["in_force"] is False


def test_active_partnership_in_a_year(client, world, clock):
    """Before: the home page and area 6 counted every decided or ongoing partnership whatever
    its dates (4 here), the dashboard listed them; the indicator and the report counted 2."""
    today = clock(datetime.date(2027, 6, 15))
    org = world.a.organisation

    def partnership(title, status, start, end=None, kronor=100_000):
        return PartnershipFactory(
            organisation=org,
            title=title,
            status=status,
            start_date=start,
            end_date=end,
            municipality_contribution=kronor,
        )

    partnership("Pågår sedan länge", PartnershipStatus.ONGOING, datetime.date(2020, 1, 1))
    partnership(
        "Avslutad i våras",
        PartnershipStatus.ENDED,
        datetime.date(2026, 1, 1),
        datetime.date(2027, 3, 31),
    )
    partnership(
        "Slutade förra året",
        PartnershipStatus.ONGOING,
        datetime.date(2024, 1, 1),
        datetime.date(2026, 12, 31),
    )
    partnership("Börjar nästa år", PartnershipStatus.DECIDED, datetime.date(2028, 1, 1))
    partnership("Beslutad utan datum", PartnershipStatus.DECIDED, None)
    partnership("Bara en idé", PartnershipStatus.IDEA, datetime.date(2020, 1, 1))
    PartnershipFactory(organisation=world.b.organisation, start_date=datetime.date(2020, 1, 1))
    active = ["Avslutad i våras", "Pågår sedan länge"]
    client.force_login(world.a.coordinator)

    home = home_figure(client, "Active IOP partnerships")
    assert home.value == 2 and "200\xa0000" in home.detail
    area_6 = [
        e for e in area_page(client, 6)["status"].evidence if e.title == sv("IOP partnerships")
    ]
    assert figure(area_6, "Active this year") == "2"
    assert sorted(text.split(" – ")[0] for text, _url in area_6[0].rows) == active
    assert indicator(org, indicators.get_indicator("iop_active").compute, 2027) == 2
    assert indicator(org, indicators.get_indicator("iop_kronor").compute, 2027) == 200_000
    context = dashboard(client)
    assert sorted(p.title for p in context["recent_partnerships"]) == active
    iop = [f for f in context["key_figures"] if f["row"].key == "iop_active"]
    assert iop[0]["value"] == "2"
    next_year = dashboard(client, year=2028)["recent_partnerships"]
    assert sorted(p.title for p in next_year) == ["Börjar nästa år", "Pågår sedan länge"]
    context = report(org, today)
    assert context["iop_active"] == "2"
    assert sorted(row["title"] for row in context["partnerships"]) == active


def test_a_year_before_keeps_the_date_and_29_february_becomes_28():
    from areas.querysets import a_year_before

    assert a_year_before(datetime.date(2027, 3, 1)) == datetime.date(2026, 3, 1)
    assert a_year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_meetings_in_the_last_twelve_months(client, world, clock):
    """On 29 February 2028 the last twelve months start after 28 February 2027. Before: the
    walk (areas 3 and 5) counted 365 days back, leaving out 1 March 2027, while the group list
    counted it."""
    today = clock(datetime.date(2028, 2, 29))
    org = world.a.organisation
    internal = CoordinationGroupFactory(
        organisation=org, name="Interna gruppen", started_on=datetime.date(2020, 1, 1)
    )
    forum = CoordinationGroupFactory(
        organisation=org,
        name="Forumet",
        kind=GroupKind.EXTERNAL,
        started_on=datetime.date(2020, 1, 1),
    )
    for group in (internal, forum):
        for day in [
            datetime.date(2027, 2, 28),  # the same date a year earlier: outside
            datetime.date(2027, 3, 1),  # inside (365 days back would leave it out)
            today,
            today + DAY,  # not held yet
        ]:
            MeetingFactory(organisation=org, group=group, date=day)
    client.force_login(world.a.coordinator)

    groups = client.get(reverse("areas:coordinationgroup_list")).context["object_list"]
    assert {g.name: g.recent_meeting_count for g in groups} == {"Interna gruppen": 2, "Forumet": 2}
    assert figure(area_page(client, 3)["status"].evidence, "Meetings in the last 12 months") == "2"
    area_5 = area_page(client, 5)["status"].evidence
    assert figure(area_5, "Forum meetings in the last 12 months") == "2"


def test_procurements_with_social_considerations(client, world, clock):
    """One definition and one share (counted: not cancelled). Before: area 6 showed the share
    rounded to whole per cent (67 %) where the indicator showed 66,7 %."""
    today = clock(datetime.date(2027, 6, 15))
    org = world.a.organisation
    start = datetime.date(2027, 3, 1)

    def procurement(title, **fields):
        values = {"procedure": Procedure.OPEN, "employment_requirement": False}
        values.update(fields)
        return ProcurementFactory(organisation=org, title=title, planned_start=start, **values)

    procurement("Reserverad", procedure=Procedure.RESERVED)
    procurement("Med sysselsättningskrav", employment_requirement=True)
    procurement("Utan hänsyn")
    procurement("Avbruten reserverad", procedure=Procedure.RESERVED, status=Status.CANCELLED)
    social = ["Med sysselsättningskrav", "Reserverad"]
    client.force_login(world.a.coordinator)

    home = home_figure(client, "Procurements with social considerations")
    assert home.value == 2
    share = formatting.percent(Decimal("66.7"))
    assert home.detail == f"av 3 som startar i år ({share}); 1 reserverad"  # singular
    area_6 = [
        e
        for e in area_page(client, 6)["status"].evidence
        if e.title == sv("Procurements in the last two years")
    ]
    assert [v for e in area_6 for n, v in e.figures if n == "Upphandlingar som startar 2027"] == [
        "3"
    ]
    assert figure(area_6, "With social considerations") == "2 (66,7 %)"
    assert sorted(text for text, _url in area_6[0].rows) == social
    assert indicator(org, indicators.get_indicator("procurements_social").compute, 2027) == 2
    assert indicator(
        org, indicators.get_indicator("procurements_social_share").compute, 2027
    ) == Decimal("66.7")
    context = dashboard(client)
    assert sorted(p.title for p in context["recent_procurements"]) == social
    share = [f for f in context["key_figures"] if f["row"].key == "procurements_social_share"]
    assert share[0]["value"] == "66,7"
    rows = report(org, today)["procurements"]
    assert sorted(row["title"] for row in rows) == social
    with translation.override("sv"):
        considerations = {row["title"]: row["considerations"] for row in rows}
        assert considerations == {
            "Reserverad": gettext("reserved"),
            "Med sysselsättningskrav": gettext("employment requirement"),
        }
