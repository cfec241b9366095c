"""The demo records for the seven-area walk (``areas.demo``), run through ``seed_demo``."""

import os

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from areas import walk
from areas.models import (
    INTERNAL_FUNCTIONS,
    Activity,
    ActivityStatus,
    AreaStep,
    CoordinatingFunction,
    CoordinationGroup,
    DocumentStatus,
    FunctionMember,
    GoverningDocument,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    PoliticalDecision,
    StepProgress,
)
from collab.models import Organisation

MODELS = [
    PoliticalDecision,
    CoordinatingFunction,
    FunctionMember,
    CoordinationGroup,
    GroupMember,
    Meeting,
    MeetingAction,
    GoverningDocument,
    Activity,
    StepProgress,
]


def _seed():
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


def _counts():
    with scopes_disabled():
        counts = {model.__name__: model.objects.count() for model in MODELS}
        counts.update({f"{model.__name__} history": model.history.count() for model in MODELS})
        for name, through in [
            ("forum enterprises", CoordinationGroup.enterprises.through),
            ("attending members", Meeting.attending_members.through),
            ("attending enterprises", Meeting.attending_enterprises.through),
        ]:
            counts[name] = through.objects.count()
        return counts


def _levels(organisation) -> dict[int, walk.Level]:
    with scope(organisation=organisation.pk):
        statuses = walk.walk_status(organisation, timezone.localdate())
    return {status.area.number: status.level for status in statuses}


@pytest.fixture
def seeded(db):
    _seed()
    with scopes_disabled():
        return (
            Organisation.objects.get(slug="sjostad"),
            Organisation.objects.get(slug="norrbyn"),
        )


def test_seeding_twice_adds_nothing(seeded):
    first = _counts()
    assert all(first[model.__name__] for model in MODELS), first
    _seed()
    assert _counts() == first


def test_sjostad_is_far_along_in_the_walk(seeded):
    far, _start = seeded
    levels = _levels(far)
    established = [area for area, level in levels.items() if level.value >= 3]
    assert len(established) >= 5, {area: level.reasons for area, level in levels.items()}
    assert levels[7].value >= 2


def test_norrbyn_is_just_starting(seeded):
    _far, start = seeded
    levels = _levels(start)
    starting = [area for area, level in levels.items() if level.value <= 1]
    assert len(starting) >= 5, {area: level.reasons for area, level in levels.items()}


def test_sjostad_has_the_records_the_walk_asks_for(seeded):
    far, _start = seeded
    today = timezone.localdate()
    with scope(organisation=far.pk):
        assert any(d.in_force for d in PoliticalDecision.objects.all())
        assert PoliticalDecision.objects.filter(repealed_on__isnull=False).exists()
        function = CoordinatingFunction.objects.get()
        assert function.mandate.strip()
        assert 2 <= function.members.count() <= 3
        internal = CoordinationGroup.objects.get(kind=GroupKind.INTERNAL)
        represented = set(internal.members.values_list("represents", flat=True))
        assert {"naringsliv", "upphandling", "arbetsmarknad", "socialtjanst"} <= represented
        assert 4 <= internal.meetings.count() <= 6
        forum = CoordinationGroup.objects.get(kind=GroupKind.EXTERNAL)
        assert 8 <= forum.enterprises.count() <= 15
        assert not forum.enterprises.exclude(organisation=far).exists()
        assert 4 <= forum.meetings.count() <= 6
        for meeting in forum.meetings.all():
            assert meeting.attending_enterprises.exists()
            assert not meeting.attending_enterprises.exclude(
                pk__in=forum.enterprises.values("pk")
            ).exists()
        statuses = set(GoverningDocument.objects.values_list("status", flat=True))
        assert statuses == {DocumentStatus.ADOPTED, DocumentStatus.REPEALED, DocumentStatus.DRAFT}
        for document in GoverningDocument.objects.filter(status=DocumentStatus.ADOPTED):
            assert document.is_in_force(today)
            assert document.next_review > today
        activities = list(Activity.objects.all())
        assert 12 <= len(activities) <= 18
        assert {a.area for a in activities} == set(range(1, 8))
        assert not [a for a in activities if a.is_overdue(today)]
        assert Activity.objects.filter(document__isnull=False).exists()
        assert StepProgress.objects.count() == AreaStep.objects.count()


def test_norrbyn_has_an_overdue_activity_and_no_decision(seeded):
    _far, start = seeded
    today = timezone.localdate()
    with scope(organisation=start.pk):
        assert not PoliticalDecision.objects.exists()
        assert not CoordinationGroup.objects.filter(kind=GroupKind.EXTERNAL).exists()
        assert Meeting.objects.count() <= 1
        assert not GoverningDocument.objects.exclude(status=DocumentStatus.DRAFT).exists()
        activities = list(Activity.objects.all())
        assert 3 <= len(activities) <= 5
        assert sum(a.is_overdue(today) for a in activities) == 1
        assert not StepProgress.objects.exclude(step__area__in=[1, 2]).exists()


def test_every_seeded_record_is_valid(seeded):
    with scopes_disabled():
        for model in MODELS:
            for obj in model.objects.all():
                obj.full_clean()
        for member in GroupMember.objects.filter(group__kind=GroupKind.INTERNAL):
            assert member.represents in INTERNAL_FUNCTIONS
        for meeting in Meeting.objects.prefetch_related("attending_members"):
            for member in meeting.attending_members.all():
                assert member.group_id == meeting.group_id
                assert member.is_current_on(meeting.date), (member, meeting)
                assert member.organisation_id == meeting.organisation_id
            for enterprise in meeting.attending_enterprises.all():
                assert enterprise.organisation_id == meeting.organisation_id
        for activity in Activity.objects.all():
            if activity.status == ActivityStatus.DONE:
                assert activity.percent_complete == 100
            if activity.document_id:
                assert activity.document.organisation_id == activity.organisation_id
        for progress in StepProgress.objects.exclude(status="ej_paborjad"):
            assert progress.date is not None
            assert progress.date <= timezone.localdate()
