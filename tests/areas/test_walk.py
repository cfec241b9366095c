"""The seven-area walk: the level rule at its boundaries, the evidence per area, the pages."""

import datetime
from html import escape as html_escape

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from areas import walk
from areas.handbook import AREAS, get_area
from areas.models import (
    ActivityStatus,
    AreaStep,
    DocumentStatus,
    GroupKind,
    Represents,
    StepProgress,
    StepStatus,
)
from collab.registry import Criterion, area_evidence
from procurement.models import Procedure
from tests.factories import (
    ActivityFactory,
    BidFactory,
    CoordinatingFunctionFactory,
    CoordinationGroupFactory,
    EffectChainFactory,
    EffectStepFactory,
    FunctionMemberFactory,
    GoverningDocumentFactory,
    GroupMemberFactory,
    MeetingFactory,
    PartnershipFactory,
    PoliticalDecisionFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
    TargetFactory,
)

TODAY = timezone.localdate()
NOT_STARTED, STARTED, DONE, EVALUATED = 0, 1, 2, 3
MET, UNMET = Criterion(True, "met"), Criterion(False, "unmet", hint="do this")


@pytest.fixture(autouse=True)
def english(client):
    """These tests read the English texts (the Swedish catalogue is checked elsewhere)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


# --- the level rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ranks", "criteria", "level"),
    [
        ([NOT_STARTED] * 4, [UNMET], 0),
        ([NOT_STARTED] * 4, [], 0),
        ([STARTED] + [NOT_STARTED] * 3, [UNMET], 1),
        ([NOT_STARTED] * 4, [MET, UNMET], 1),
        # half of the steps done: level 2 needs at least one criterion met
        ([DONE, DONE, NOT_STARTED, NOT_STARTED], [MET, UNMET], 2),
        ([DONE, DONE, NOT_STARTED, NOT_STARTED], [UNMET], 1),
        # just under half (2 of 5) stays at 1, 3 of 5 is 2
        ([DONE, DONE, STARTED, STARTED, STARTED], [MET], 1),
        ([DONE, DONE, DONE, STARTED, STARTED], [MET], 2),
        # every step done: 3 only when every criterion is met
        ([DONE] * 4, [MET, MET], 3),
        ([DONE] * 4, [MET, UNMET], 2),
        ([DONE, DONE, DONE, EVALUATED], [MET], 3),
        # every step evaluated: 4, again only with every criterion met
        ([EVALUATED] * 4, [MET, MET], 4),
        ([EVALUATED] * 4, [UNMET, MET], 2),
        # an area without criteria follows its steps
        ([DONE, DONE, STARTED, NOT_STARTED], [], 2),
        ([EVALUATED] * 3, [], 4),
        # an area without steps cannot pass level 1 on the records alone
        ([], [MET, MET], 1),
        ([], [UNMET], 0),
    ],
)
def test_level_rule_boundaries(ranks, criteria, level):
    assert walk.compute_level(ranks, criteria).value == level


def test_level_reasons_and_what_is_missing():
    level = walk.compute_level([DONE, DONE, DONE, DONE], [MET, UNMET])
    assert level.value == 2
    assert "4 of 4 steps are done" in level.reasons[0]
    assert "1 of 2 criteria from the records are met" in level.reasons[1]
    assert level.to_next == ["do this"]

    level = walk.compute_level([DONE, STARTED, NOT_STARTED, NOT_STARTED], [MET])
    assert level.value == 1
    assert level.to_next == ["Finish 1 more step."]

    level = walk.compute_level([DONE, EVALUATED, DONE], [MET])
    assert level.value == 3
    assert level.to_next == ["Evaluate the remaining 2 steps."]
    assert walk.compute_level([EVALUATED], [MET]).to_next == []


# --- evidence per area -----------------------------------------------------------------------


def _criteria(organisation, area: int) -> list[bool]:
    with scope(organisation=organisation):
        return [
            c.met
            for e in area_evidence(area, organisation=organisation, today=TODAY)
            for c in e.criteria
        ]


def _status(organisation, number: int) -> walk.AreaStatus:
    with scope(organisation=organisation):
        return walk.area_status(get_area(number), organisation, TODAY)


@pytest.mark.django_db
def test_area_1_counts_a_decision_in_force_only(world):
    org = world.a.organisation
    assert _criteria(org, 1) == [False]
    decision = PoliticalDecisionFactory(organisation=org, repealed_on=TODAY)
    assert _criteria(org, 1) == [False], "a decision that ended today is no longer in force"
    with scopes_disabled():
        decision.repealed_on = TODAY + datetime.timedelta(days=1)
        decision.save()
    assert _criteria(org, 1) == [True]
    # the other organisation's decision is not evidence for B
    assert _criteria(world.b.organisation, 1) == [False]


@pytest.mark.django_db
def test_area_2_needs_a_mandate_and_working_time(world):
    org = world.a.organisation
    function = CoordinatingFunctionFactory(organisation=org, mandate="")
    assert _criteria(org, 2) == [False, False]
    FunctionMemberFactory(organisation=org, function=function, share_of_full_time=50)
    assert _criteria(org, 2) == [False, True]
    with scopes_disabled():
        function.mandate = "Samordnar arbetet."
        function.save()
    assert _criteria(org, 2) == [True, True]
    status = _status(org, 2)
    assert ("Full-time equivalents", "0.5") in status.evidence[0].figures


@pytest.mark.django_db
def test_area_3_needs_the_three_functions_and_two_meetings_in_twelve_months(world):
    org = world.a.organisation
    group = CoordinationGroupFactory(organisation=org, kind=GroupKind.INTERNAL)
    for represents in (Represents.BUSINESS, Represents.PURCHASING):
        GroupMemberFactory(organisation=org, group=group, represents=represents)
    # one meeting 364 days ago counts, one exactly 365 days ago is outside the twelve months
    MeetingFactory(organisation=org, group=group, date=TODAY - datetime.timedelta(days=364))
    MeetingFactory(organisation=org, group=group, date=TODAY - datetime.timedelta(days=365))
    assert _criteria(org, 3) == [False, False]
    GroupMemberFactory(organisation=org, group=group, represents=Represents.LABOUR_MARKET)
    MeetingFactory(organisation=org, group=group, date=TODAY)
    assert _criteria(org, 3) == [True, True]
    # an external forum's meetings do not count for internal coordination
    assert _criteria(org, 5) == [False, False]


@pytest.mark.django_db
def test_area_4_documents_in_force_reviews_and_action_plan(world):
    org = world.a.organisation
    GoverningDocumentFactory(organisation=org, status=DocumentStatus.DRAFT)
    assert _criteria(org, 4) == [False, False, False]
    document = GoverningDocumentFactory(
        organisation=org, valid_to=TODAY + datetime.timedelta(days=30), next_review=TODAY
    )
    assert _criteria(org, 4) == [True, False, False], "review date today: due for review"
    with scopes_disabled():
        document.next_review = TODAY + datetime.timedelta(days=1)
        document.save()
    ActivityFactory(organisation=org, area=4)
    assert _criteria(org, 4) == [True, True, True]
    with scopes_disabled():
        document.valid_to = TODAY - datetime.timedelta(days=1)
        document.save()
    assert _criteria(org, 4)[0] is False, "a document no longer valid is not in force"


@pytest.mark.django_db
def test_area_5_forum_meetings_and_enterprises_reached(world):
    org = world.a.organisation
    forum = CoordinationGroupFactory(organisation=org, kind=GroupKind.EXTERNAL)
    first = MeetingFactory(organisation=org, group=forum, date=TODAY - datetime.timedelta(days=30))
    assert _criteria(org, 5) == [False, False]
    second = MeetingFactory(
        organisation=org, group=forum, date=TODAY - datetime.timedelta(days=200)
    )
    enterprises = [SocialEnterpriseFactory(organisation=org) for _ in range(2)]
    with scopes_disabled():
        first.attending_enterprises.set(enterprises)
        second.attending_enterprises.set(enterprises[:1])
    assert _criteria(org, 5) == [True, True]
    figures = dict(_status(org, 5).evidence[0].figures)
    assert figures["Social enterprises reached in the last 12 months"] == "2"
    assert figures["Forum meetings in the last 12 months"] == "2"


@pytest.mark.django_db
def test_area_6_procurements_and_partnerships(world):
    org = world.a.organisation
    ProcurementFactory(organisation=org, procedure=Procedure.OPEN, employment_requirement=False)
    assert _criteria(org, 6) == [False, False]
    social = ProcurementFactory(organisation=org, procedure=Procedure.RESERVED)
    assert _criteria(org, 6) == [True, False]
    BidFactory(organisation=org, procurement=social)  # a bid from the register
    assert _criteria(org, 6) == [True, True]
    PartnershipFactory(organisation=org)
    titles = [e.title for e in _status(org, 6).evidence]
    assert titles == ["Procurements in the last two years", "IOP partnerships"]


@pytest.mark.django_db
def test_area_7_follows_up_the_action_plan_and_reviews(world):
    org = world.a.organisation
    GoverningDocumentFactory(organisation=org)
    activity = ActivityFactory(organisation=org, due_date=TODAY)
    assert _criteria(org, 7)[:2] == [True, True], "due today is not yet overdue"
    with scopes_disabled():
        activity.due_date = TODAY - datetime.timedelta(days=1)
        activity.save()
    assert _criteria(org, 7)[:2] == [False, True]
    with scopes_disabled():
        activity.status = ActivityStatus.DONE
        activity.percent_complete = 100
        activity.save()
    assert _criteria(org, 7)[:2] == [True, True], "a finished activity is never overdue"
    GoverningDocumentFactory(organisation=org, next_review=None)
    assert _criteria(org, 7)[:2] == [True, False]


@pytest.mark.django_db
def test_area_7_counts_this_years_targets_and_a_described_effect_chain(world):
    org = world.a.organisation
    assert _criteria(org, 7)[2:] == [False, False]
    TargetFactory(organisation=org, year=TODAY.year - 1)  # last year's target does not count
    EffectChainFactory(organisation=org)  # a chain without steps describes nothing yet
    assert _criteria(org, 7)[2:] == [False, False]
    TargetFactory(organisation=org, year=TODAY.year, indicator_key="iop_active")
    EffectStepFactory(organisation=org)
    assert _criteria(org, 7)[2:] == [True, True]
    assert _criteria(world.b.organisation, 7)[2:] == [False, False]
    titles = [e.title for e in _status(org, 7).evidence]
    assert titles[-1] == "Indicators, targets and effect chains"


@pytest.mark.django_db
def test_steps_and_evidence_together_give_level_3_then_4(world):
    org = world.a.organisation
    PoliticalDecisionFactory(organisation=org)
    with scopes_disabled():
        steps = list(AreaStep.objects.filter(area=1))
        for step in steps:
            StepProgress.objects.create(
                organisation=org, step=step, status=StepStatus.DONE, date=TODAY
            )
    assert _status(org, 1).level.value == 3
    with scopes_disabled():
        StepProgress.objects.filter(organisation=org).update(status=StepStatus.EVALUATED)
    assert _status(org, 1).level.value == 4
    assert _status(world.b.organisation, 1).level.value == 0


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overview_shows_every_area_with_level_and_next_step_to_a_politician(client, world):
    PoliticalDecisionFactory(organisation=world.a.organisation)
    client.force_login(world.a.viewer)
    response = client.get(reverse("areas:area_list"))
    html = response.content.decode()
    assert response.status_code == 200
    for area in AREAS:
        assert reverse("areas:area_detail", kwargs={"number": area.number}) in html
    assert "Level 1 of 4: Started" in html  # area 1: the decision is recorded
    assert "Level 0 of 4: Not started" in html
    with scopes_disabled():
        first_step = AreaStep.objects.filter(area=2).first()
    assert first_step.title in html  # area 2's next step is its first step
    assert "How the level is computed" in html


@pytest.mark.django_db
def test_area_page_has_advice_checklist_evidence_and_neighbours(client, world):
    PoliticalDecisionFactory(organisation=world.a.organisation, committee="Kommunstyrelsen")
    PoliticalDecisionFactory(organisation=world.b.organisation, committee="Betabys nämnd")
    client.force_login(world.a.viewer)
    html = client.get(reverse("areas:area_detail", kwargs={"number": 1})).content.decode()
    assert html_escape(str(get_area(1).advice[0])) in html
    with scopes_disabled():
        for step in AreaStep.objects.filter(area=1):
            assert step.title in html
    assert "Kommunstyrelsen" in html
    assert "Betabys nämnd" not in html
    assert "✓ Met:" in html
    assert reverse("areas:area_detail", kwargs={"number": 2}) in html
    assert "Update the checklist" not in html, "a politician edits nothing"
    assert client.get(reverse("areas:area_detail", kwargs={"number": 8})).status_code == 404
    assert client.get(reverse("areas:area_detail", kwargs={"number": 0})).status_code == 404


@pytest.mark.django_db
def test_coordinator_marks_checklist_steps_and_the_level_changes(client, world):
    org = world.a.organisation
    client.force_login(world.a.coordinator)
    url = reverse("areas:area_checklist", kwargs={"number": 2})
    with scopes_disabled():
        steps = list(AreaStep.objects.filter(area=2))
    page = client.get(url)
    assert page.status_code == 200
    data = {}
    for step in steps:
        prefix = f"step-{step.pk}"
        data.update(
            {
                f"{prefix}-status": StepStatus.DONE,
                f"{prefix}-date": "2026-01-15",
                f"{prefix}-owner": "Kommundirektören",
                f"{prefix}-note": "",
            }
        )
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("areas:area_detail", kwargs={"number": 2})
    with scopes_disabled():
        saved = StepProgress.objects.filter(organisation=org)
        assert saved.count() == len(steps)
        assert {p.status for p in saved} == {StepStatus.DONE}
        assert not StepProgress.objects.filter(organisation=world.b.organisation).exists()
    # every step is marked done, but no function is recorded: the records hold it at 1
    assert _status(org, 2).level.value == 1
    FunctionMemberFactory(organisation=org)  # a function with a mandate and a person
    assert _status(org, 2).level.value == 3
    html = client.get(reverse("areas:area_detail", kwargs={"number": 2})).content.decode()
    assert "Kommundirektören" in html
    assert "15 January 2026" in html or "15 januari 2026" in html


@pytest.mark.django_db
def test_checklist_errors_keep_input_and_save_nothing(client, world):
    client.force_login(world.a.coordinator)
    url = reverse("areas:area_checklist", kwargs={"number": 1})
    with scopes_disabled():
        first, second, *rest = list(AreaStep.objects.filter(area=1))
    data = {f"step-{s.pk}-status": StepStatus.NOT_STARTED for s in rest}
    data.update(
        {
            f"step-{first.pk}-status": StepStatus.DONE,
            f"step-{first.pk}-date": "2026-02-01",
            f"step-{first.pk}-owner": "Anna Berg",
            f"step-{second.pk}-status": StepStatus.EVALUATED,  # no date
            f"step-{second.pk}-owner": "Per Lind",
        }
    )
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    data[f"step-{rest[0].pk}-status"] = StepStatus.STARTED
    data[f"step-{rest[0].pk}-date"] = future
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the date the step reached this status." in html
    assert "The date cannot be in the future." in html
    assert "Anna Berg" in html and "Per Lind" in html  # what the user typed is kept
    with scopes_disabled():
        assert not StepProgress.objects.exists(), "nothing is saved when one step is wrong"


@pytest.mark.django_db
def test_checklist_saves_only_changed_steps_with_history(client, world):
    org = world.a.organisation
    client.force_login(world.a.coordinator)
    url = reverse("areas:area_checklist", kwargs={"number": 3})
    with scopes_disabled():
        steps = list(AreaStep.objects.filter(area=3))
        StepProgress.objects.create(
            organisation=org, step=steps[0], status=StepStatus.STARTED, date=TODAY
        )
    data = {f"step-{s.pk}-status": StepStatus.NOT_STARTED for s in steps}
    data[f"step-{steps[0].pk}-status"] = StepStatus.STARTED
    data[f"step-{steps[0].pk}-date"] = TODAY.isoformat()
    client.post(url, data)
    with scopes_disabled():
        assert StepProgress.objects.filter(organisation=org).count() == 1
        progress = StepProgress.objects.get(organisation=org)
        assert progress.history.count() == 1  # unchanged: no new history row
    data[f"step-{steps[0].pk}-status"] = StepStatus.DONE
    client.post(url, data)
    with scopes_disabled():
        progress.refresh_from_db()
        assert progress.status == StepStatus.DONE
        assert progress.history.count() == 2


@pytest.mark.django_db
def test_home_highlights_overdue_activities_and_documents_due_for_review(client, world):
    org = world.a.organisation
    today = timezone.localdate()  # the page's today, also when the run passes midnight
    ActivityFactory(
        organisation=org, title="Kartlägga sociala företag", due_date=today - datetime.timedelta(1)
    )
    ActivityFactory(organisation=org, title="Framtida aktivitet", due_date=today)
    GoverningDocumentFactory(organisation=org, title="Program 2024", next_review=today)
    GoverningDocumentFactory(
        organisation=world.b.organisation, title="Betabys program", next_review=today
    )
    # A politician lands on the dashboard (tests/followup/test_dashboard.py: the same items).
    client.force_login(world.a.coordinator)
    html = client.get(reverse("collab:home")).content.decode()
    assert "Needs attention" in html
    assert "1 overdue activity in the action plan" in html
    assert "Kartlägga sociala företag" in html
    assert "Framtida aktivitet" not in html
    assert "1 governing document due for review" in html
    assert "Program 2024" in html
    assert "Betabys program" not in html
    assert reverse("areas:area_detail", kwargs={"number": 7}) in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["areas:area_list", "areas:area_detail", "collab:home"])
def test_walk_pages_query_count_does_not_grow(client, world, name):
    org = world.b.organisation
    client.force_login(world.b.admin)
    url = reverse(name, kwargs={"number": 3} if name == "areas:area_detail" else None)

    def add_rows(count):
        for _ in range(count):
            group = CoordinationGroupFactory(organisation=org, kind=GroupKind.INTERNAL)
            GroupMemberFactory(organisation=org, group=group)
            MeetingFactory(organisation=org, group=group, date=TODAY)
            ActivityFactory(organisation=org, area=3, due_date=TODAY - datetime.timedelta(1))
            GoverningDocumentFactory(organisation=org, next_review=TODAY)
            PoliticalDecisionFactory(organisation=org)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add_rows(1)
    first = count()
    add_rows(9)
    assert count() == first


@pytest.mark.django_db
def test_checklist_saved_by_two_people_at_once_gives_a_message_not_an_error(
    client, world, monkeypatch
):
    org = world.a.organisation
    client.force_login(world.a.coordinator)
    with scopes_disabled():
        step = AreaStep.objects.filter(area=1).first()
    real_step_rows = walk.step_rows

    def read_then_someone_else_saves(organisation, areas=None):
        rows = real_step_rows(organisation, areas)  # read: the step has no progress yet
        with scopes_disabled():
            StepProgress.objects.create(
                organisation=org, step=step, status=StepStatus.STARTED, date=TODAY
            )
        return rows

    monkeypatch.setattr(walk, "step_rows", read_then_someone_else_saves)
    with scopes_disabled():
        data = {
            f"step-{s.pk}-status": StepStatus.NOT_STARTED for s in AreaStep.objects.filter(area=1)
        }
    data.update({f"step-{step.pk}-status": StepStatus.DONE, f"step-{step.pk}-date": "2026-02-01"})
    response = client.post(reverse("areas:area_checklist", kwargs={"number": 1}), data)
    assert response.status_code == 200
    assert "Someone else saved the checklist at the same time" in response.content.decode()
    with scopes_disabled():
        assert StepProgress.objects.get(organisation=org).status == StepStatus.STARTED


@pytest.mark.django_db
def test_an_emptied_checklist_is_loaded_again_by_the_demo_seeder():
    from areas.data.area_steps import AREA_STEPS, load_area_steps

    assert AreaStep.objects.count() == len(AREA_STEPS)  # loaded by the migration
    AreaStep.objects.all().delete()
    assert load_area_steps(AreaStep) == len(AREA_STEPS)
    assert load_area_steps(AreaStep) == 0  # only into an empty table
    assert list(AreaStep.objects.filter(area=3).values_list("position", flat=True)) == [
        10,
        20,
        30,
        40,
        50,
    ]
