"""The benchmark data (``seed_scale``) and the benchmark (``bench``), at a small size."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from areas.models import (
    Activity,
    AreaStep,
    CoordinatingFunction,
    CoordinationGroup,
    FunctionMember,
    GoverningDocument,
    GroupMember,
    Meeting,
    MeetingAction,
    Partnership,
    PoliticalDecision,
    StepProgress,
)
from collab.models import Membership, Organisation, Role
from enterprises import orgnr
from enterprises.models import ContactPerson, SocialEnterprise
from followup.indicators import CATALOGUE
from followup.management.commands import bench
from followup.management.commands.seed_scale import SLUG
from followup.models import EffectChain, EffectStep, ManualIndicator, Measurement, Target
from procurement.models import (
    Bid,
    DialogueInvitation,
    EmploymentReport,
    Procurement,
    SpendImport,
    SupplierPayment,
)

SIZE = 0.02
TODAY = "2026-06-15"  # pinned, so the data is the same whatever day the tests run

MODELS = [
    SocialEnterprise,
    ContactPerson,
    Procurement,
    DialogueInvitation,
    Bid,
    EmploymentReport,
    Partnership,
    SpendImport,
    SupplierPayment,
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
    ManualIndicator,
    Measurement,
    Target,
    EffectChain,
    EffectStep,
]
THROUGH = [
    SocialEnterprise.categories.through,
    CoordinationGroup.enterprises.through,
    Meeting.attending_members.through,
    Meeting.attending_enterprises.through,
    EffectStep.manual_indicators.through,
]


def _seed_scale(*args) -> str:
    out = io.StringIO()
    call_command("seed_scale", "--size", str(SIZE), "--today", TODAY, *args, stdout=out)
    return out.getvalue()


def _storstad():
    with scopes_disabled():
        return Organisation.objects.get(slug=SLUG)


def _counts(organisation) -> dict:
    with scope(organisation=organisation.pk):
        counts = {model.__name__: model.objects.count() for model in MODELS}
    with scopes_disabled():
        for through in THROUGH:
            counts[through.__name__] = through.objects.count()
    return counts


def _first_enterprise(organisation) -> tuple:
    with scope(organisation=organisation.pk):
        first = SocialEnterprise.objects.order_by("pk").first()
        last = SocialEnterprise.objects.order_by("-pk").first()
        return first.name, first.org_number, last.name, last.org_number


@pytest.fixture
def storstad(db):
    """Storstad without the demo organisations (seed_demo is tested once, below)."""
    assert "Storstads kommun built in" in _seed_scale("--no-demo")
    return _storstad()


def test_builds_the_municipality_after_the_demo_data_with_valid_rows(db):
    output = _seed_scale()
    assert "Storstads kommun built in" in output
    assert "admin.storstad" in output and "samordnare.norrbyn" in output  # both login lists
    storstad = _storstad()
    assert storstad.kind == Organisation.Kind.MUNICIPALITY
    assert storstad.population > 500_000
    storstad.full_clean()
    with scopes_disabled():
        roles = dict(
            Membership.objects.filter(organisation=storstad).values_list("user__username", "role")
        )
        assert Organisation.objects.filter(slug="sjostad").exists()  # seed_demo ran first
    assert roles == {
        "admin.storstad": Role.ADMINISTRATOR,
        "samordnare.storstad": Role.COORDINATOR,
        "politiker.storstad": Role.VIEWER,
    }
    assert (
        get_user_model().objects.get(username="politiker.storstad").check_password("samverka-demo")
    )
    counts = _counts(storstad)
    assert all(counts.values()), counts
    with scope(organisation=storstad.pk):
        assert StepProgress.objects.count() == AreaStep.objects.count()
        keys = set(Target.objects.exclude(indicator_key="").values_list("indicator_key", flat=True))
        assert keys == {indicator.key for indicator in CATALOGUE}
        assert Target.objects.filter(manual__isnull=False).count() == 10 * 10
        assert SupplierPayment.objects.filter(matched_enterprise__isnull=False).exists()
        assert SupplierPayment.objects.filter(personal_data=True).exists()
        numbers = list(SocialEnterprise.objects.exclude(org_number="").values_list("org_number"))
        assert len(numbers) == len(set(numbers))
        assert all(orgnr.normalise(number) == number for (number,) in numbers)

        # Every row passes its model's validation: all of a small table, else the first and
        # last rows and every 7th in between.
        for model in MODELS:
            rows = list(model.objects.order_by("pk"))
            for obj in rows if len(rows) <= 40 else [*rows[::7], rows[-1]]:
                assert obj.organisation_id == storstad.pk
                obj.full_clean()


def test_reproducible_and_idempotent(storstad):
    counts, first = _counts(storstad), _first_enterprise(storstad)

    again = _seed_scale("--no-demo")
    assert "already exists" in again
    assert _storstad().pk == storstad.pk
    assert _counts(storstad) == counts

    rebuilt = _seed_scale("--reset", "--no-demo")
    assert "Deleted Storstads kommun" in rebuilt
    new = _storstad()
    assert new.pk != storstad.pk
    assert _counts(new) == counts
    assert _first_enterprise(new) == first
    with scopes_disabled():
        # Nothing of the old organisation is left, and the demo organisations are untouched.
        assert not SocialEnterprise.objects.filter(organisation_id=storstad.pk).exists()
        assert not SupplierPayment.objects.filter(organisation_id=storstad.pk).exists()
        assert Membership.objects.filter(organisation=new).count() == 3

    _seed_scale("--reset", "--no-demo")
    assert _counts(_storstad()) == counts


def test_bench_runs_end_to_end(storstad):
    out, err = io.StringIO(), io.StringIO()
    call_command("bench", "--quick", stdout=out, stderr=err)
    output = out.getvalue()
    assert "Database: " in output
    assert "Storstads kommun" in output
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("Page "))
    for column in ("URL", "Status", "Queries", "Median ms", "P95 ms", "× floor"):
        assert column in header
    floor = next(line for line in lines if line.startswith(bench.FLOOR + " "))
    assert " 200 " in floor and " 3 " in floor and " 1.0× " in floor, floor
    home = next(line for line in lines if line.startswith("Home "))
    assert re.search(r" \d+\.\d× ", home), home  # every page as a multiple of the floor
    labels = [label for label, *_rest in bench.PAGES] + [bench.REPORT[0]]
    labels += [label for label, *_rest in bench.PUBLIC_PAGES]  # Storstad publishes (api/demo.py)
    for label in labels:
        row = next((line for line in lines if line.startswith(label + " ")), None)
        assert row is not None, label
        # A page that exists answers; one that does not (yet) is reported, not a failure.
        assert " 200 " in row or "not available" in row, row
    assert "Register import, 200 rows: whole command" in output
    assert "Supplier payments, 1000 rows: whole command" in output


def test_bench_percentile():
    assert bench.percentile([3.0], 0.95) == 3.0
    assert bench.percentile([float(n) for n in range(1, 21)], 0.95) == 19.0
    assert bench.percentile([float(n) for n in range(1, 101)], 0.5) == 50.0
