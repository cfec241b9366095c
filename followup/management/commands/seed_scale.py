"""Benchmark data: a large fictional municipality, "Storstads kommun", with ten years of records.

    python manage.py seed_scale               # the demo data (seed_demo), then Storstad
    python manage.py seed_scale --reset       # delete Storstad's rows and build it again
    python manage.py seed_scale --size 0.02   # every count scaled down (used by the tests)
    python manage.py seed_scale --network     # also the national network (all 311 members)

At ``--size 1``: 2 000 social enterprises, 5 000 procurements with bids, employment reports
and market dialogues, 60 IOP partnerships, 10 × 5 000 supplier payments (one import a year),
an internal group and an external forum meeting monthly for ten years, 30 governing documents,
300 action-plan activities, political decisions, the coordinating function, progress on every
checklist step, 10 manual indicators with ten years of measurements, targets for every
indicator and an effect chain. Users ``admin.storstad``, ``samordnare.storstad`` and
``politiker.storstad`` (the demo password).

Reproducible: every value is drawn from one ``random.Random(--seed)`` in a fixed order, and no
draw depends on what the database already holds. Dates are relative to ``--today`` (default:
today): the ten calendar years up to and including the current one; what has happened (payments,
meetings held, reports, measurements) lies on or before that day, what is planned may lie after
it. So two runs on the same day (or with the same ``--today``) build the same data.

Fast: plain ``bulk_create`` in one transaction with the organisation scope disabled. That
bypasses django-simple-history, so these rows have no history records (fine for benchmark
data); every row still satisfies its model's validation (``full_clean``).

Idempotent: when Storstad exists, nothing is done unless ``--reset`` is given; then every row
that belongs to Storstad is deleted (children first) and the municipality is built again.

``--network`` (whether Storstad is built or already exists) also builds the national network of
the network app (``collab.registry.scale_network``): all 290 kommuner and 21 regioner as
members sharing figures and levels, with five years of stored yearly figures and levels; a
second run creates nothing (see ``network/scale.py``).
"""

import datetime
import hashlib
import random
import time
from collections import Counter, defaultdict
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_scopes import scope, scopes_disabled

from areas.models import (
    IOP_CRITERIA,
    ActionStatus,
    Activity,
    ActivityStatus,
    AreaStep,
    CommitteeKind,
    CoordinatingFunction,
    CoordinationGroup,
    CriterionAnswer,
    DocumentKind,
    DocumentStatus,
    FunctionMember,
    FunctionPlacement,
    GoverningDocument,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    Partnership,
    PartnershipStatus,
    PoliticalDecision,
    StepProgress,
    StepStatus,
)
from collab import registry
from collab.imports import export
from collab.management.commands.seed_demo import DEMO_PASSWORD
from collab.management.commands.seed_demo import Command as SeedDemoCommand
from collab.models import Membership, Network, NetworkMembership, Organisation, Role
from enterprises.demo_data.common import FIRST_NAMES, LAST_NAMES, OFFERS, TAGS
from enterprises.models import (
    CRITERIA,
    Answer,
    ContactPerson,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
    SustainableDevelopmentGoal,
)
from enterprises.orgnr import complete_with_check_digit
from enterprises.reference import ensure_reference_lists
from followup.demo_data.storstad import (
    ACCOUNTS,
    ACTION_WHATS,
    ACTIVITY_OWNERS,
    ACTIVITY_TITLES,
    ADOPTERS,
    COMPANY_FIRST,
    COMPANY_SECOND,
    COMPANY_THIRD,
    CONTACT_ROLES,
    COUNTS,
    CRITERION_NOTES,
    DIRECT_AWARD_LIMIT,
    DISTRICTS,
    DOCUMENT_TITLES,
    EFFECT_STEPS,
    FORUM_MEMBERS,
    FORUM_TOPICS,
    INTERNAL_MEMBERS,
    IOP_COMMITTEES,
    IOP_THEMES,
    KINDS,
    LEGAL_FORMS,
    MANUAL_INDICATORS,
    MONTHS,
    NAME_FIRST,
    NAME_SECOND,
    ORG_PREFIXES,
    ORGANISATION,
    OTHER_REQUIREMENTS,
    PHONES,
    PROCEDURES,
    RESERVED_NON_PROFIT_FROM,
    SLUG,
    SPEND_HEADERS,
    STATUSES,
    STREETS,
    UNITS,
    USERS,
    YEARLY_VALUES,
    YEARS,
)
from followup.indicators import CATALOGUE
from followup.models import (
    Direction,
    EffectChain,
    EffectStep,
    ManualIndicator,
    Measurement,
    Periodicity,
    Target,
    YearlyValue,
)
from procurement import spend
from procurement.models import (
    Bid,
    DialogueInvitation,
    EmploymentReport,
    Procedure,
    Procurement,
    SpendImport,
    Status,
    SupplierPayment,
    TargetType,
)
from procurement.thresholds import ensure_thresholds

DEFAULT_SEED = 2026


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _with_check(rng: random.Random, prefix: str) -> str:
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    return complete_with_check_digit(body)


def _personal_number(rng: random.Random) -> str:
    """A sole trader's number: the owner's personnummer (the month in digits 3–4)."""
    prefix = f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return _with_check(rng, prefix)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


class Builder:
    """Builds Storstad's rows; ``counts`` records how many of each were made."""

    def __init__(self, organisation, *, rng: random.Random, size: float, today: datetime.date):
        self.organisation = organisation
        self.rng = rng
        self.size = size
        self.today = today
        self.last_year = today.year
        self.years = list(range(today.year - YEARS + 1, today.year + 1))
        self.first_day = datetime.date(self.years[0], 1, 1)
        self.last_day = datetime.date(self.last_year, 12, 31)
        # Procurements start up to 18 months ahead, so the pipeline has every status.
        self.pipeline_end = today + datetime.timedelta(days=540)
        self.counts: Counter = Counter()
        # Sorted in Python: the same order whatever the database's collation.
        self.categories = sorted(ServiceCategory.objects.all(), key=lambda c: c.slug)
        self.challenges = sorted(
            SocietalChallenge.objects.all(), key=lambda c: (c.position, c.slug)
        )
        self.sdgs = list(SustainableDevelopmentGoal.objects.order_by("number"))
        self.used_numbers: set[str] = set()

    def n(self, key: str) -> int:
        full, least = COUNTS[key]
        return max(least, round(full * self.size))

    def save(self, model, objects: list, label: str | None = None) -> list:
        """bulk_create; the objects get their primary keys (SQLite ≥ 3.35 and PostgreSQL
        return them; otherwise they are read back in insertion order)."""
        if not objects:
            return objects
        model.objects.bulk_create(objects, batch_size=2_000)
        if objects[0].pk is None:  # pragma: no cover - old SQLite without RETURNING
            pks = list(
                model.objects.filter(organisation=self.organisation)
                .order_by("-pk")
                .values_list("pk", flat=True)[: len(objects)]
            )
            for obj, pk in zip(objects, reversed(pks), strict=True):
                obj.pk = pk
        self.counts[label or model._meta.verbose_name_plural] += len(objects)
        return objects

    def link(self, descriptor, pairs, label: str) -> None:
        """Rows of an automatic many-to-many table from (source pk, target pk) pairs."""
        field = descriptor.field
        through = descriptor.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: a, target: b}) for a, b in pairs]
        through.objects.bulk_create(rows, batch_size=2_000)
        self.counts[label] += len(rows)

    def own(self, model, **values):
        return model(organisation_id=self.organisation.pk, **values)

    # --- the register ------------------------------------------------------------------------

    def enterprises(self) -> None:
        rng = self.rng
        names: set[str] = set()
        enterprises, m2m = [], []
        for _index in range(self.n("enterprises")):
            kind = _weighted(rng, KINDS)
            legal_form = _weighted(rng, LEGAL_FORMS[kind])
            status = _weighted(rng, STATUSES)
            district = rng.choice(DISTRICTS)
            while True:
                base = f"{rng.choice(NAME_FIRST)} {rng.choice(NAME_SECOND)} {rng.choice(DISTRICTS)}"
                name = {
                    LegalForm.ECONOMIC_ASSOCIATION: f"{base} ekonomisk förening",
                    LegalForm.LIMITED_COMPANY_SVB: f"{base} AB (svb)",
                    LegalForm.LIMITED_COMPANY: f"{base} AB",
                    LegalForm.NON_PROFIT_ASSOCIATION: f"Föreningen {base}",
                    LegalForm.FOUNDATION: f"Stiftelsen {base}",
                    LegalForm.TRADING_PARTNERSHIP: f"{base} HB",
                    LegalForm.SOLE_TRADER: f"{base} (enskild firma)",
                }.get(legal_form, base)
                if name not in names:
                    names.add(name)
                    break
            forming = status == EnterpriseStatus.IDENTIFIED and rng.random() < 0.04
            number = ""
            if not forming:
                while not number or number in self.used_numbers:
                    if legal_form == LegalForm.SOLE_TRADER:
                        number = _personal_number(rng)
                    else:
                        number = _with_check(rng, rng.choice(ORG_PREFIXES[legal_form]))
                self.used_numbers.add(number)
            identified_on = None if rng.random() < 0.02 else _day(rng, self.first_day, self.today)
            if kind == EnterpriseKind.WISE:
                places = round(rng.triangular(1, 30, 5))
                employees = round(rng.triangular(1, 60, 8))
                participants = max(0, places + rng.randint(-3, 6))
            elif kind == EnterpriseKind.NON_PROFIT:
                places, employees = rng.randint(0, 8), rng.randint(0, 12)
                participants = rng.randint(0, places + 15)
            else:
                places, employees = rng.randint(0, 4), rng.randint(1, 20)
                participants = rng.randint(0, places)
            if forming:
                places = employees = participants = 0
            categories = rng.sample(self.categories, rng.randint(1, 3))
            criteria = self._criteria(identified_on)
            data = {
                "name": name,
                "org_number": number,
                "legal_form": legal_form,
                "kind": kind,
                "offer": " ".join(OFFERS.get(c.name, c.name) for c in categories),
                "work_training_places": places,
                "employees": employees,
                "participants": participants,
                "certifications": "Skoopi"
                if kind == EnterpriseKind.WISE and rng.random() < 0.3
                else "",
                "address": f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
                "postal_code": f"2{rng.randint(11, 99)} {rng.randint(10, 99)}",
                "postal_town": "Storstad",
                "operates_in": district,
                "website": f"https://www.{slugify(base)[:40]}.example.se/"
                if not forming and rng.random() < 0.5
                else "",
                "status": status,
                "identified_on": identified_on,
                "notes": "Under bildande; organisationsnummer saknas ännu." if forming else "",
                "tags": ", ".join(rng.sample(TAGS, rng.randint(0, 3))),
                **criteria,
            }
            enterprises.append(self.own(SocialEnterprise, **data))
            challenges = rng.sample(self.challenges, rng.randint(0, 2))
            sdgs = rng.sample(self.sdgs, rng.randint(0, 3))
            m2m.append((categories, challenges, sdgs))
        self.save(SocialEnterprise, enterprises, "social enterprises")
        self.enterprise_list = enterprises
        self.link(
            SocialEnterprise.categories,
            [(e.pk, c.pk) for e, (cs, _ch, _s) in zip(enterprises, m2m, strict=True) for c in cs],
            "enterprise categories",
        )
        self.link(
            SocialEnterprise.challenges,
            [(e.pk, c.pk) for e, (_cs, chs, _s) in zip(enterprises, m2m, strict=True) for c in chs],
            "enterprise challenges",
        )
        self.link(
            SocialEnterprise.sdgs,
            [(e.pk, g.pk) for e, (_cs, _ch, gs) in zip(enterprises, m2m, strict=True) for g in gs],
            "enterprise Agenda 2030 goals",
        )
        self.by_category = defaultdict(list)
        for enterprise, (categories, _ch, _s) in zip(enterprises, m2m, strict=True):
            if enterprise.status != EnterpriseStatus.ENDED:
                for category in categories:
                    self.by_category[category.pk].append(enterprise)
        self.contacts(enterprises)

    def _criteria(self, identified_on) -> dict:
        rng = self.rng
        result = {}
        reviewed = rng.random() < 0.5
        review_date = _day(rng, identified_on or self.today, self.today)
        for criterion, _label in CRITERIA:
            answer, note, checked = Answer.UNKNOWN, "", None
            if reviewed:
                answer = Answer.YES if rng.random() < 0.85 else Answer.NO
                note, checked = CRITERION_NOTES[answer], review_date
            result[criterion] = answer
            result[f"{criterion}_note"] = note
            result[f"{criterion}_checked"] = checked
        return result

    def contacts(self, enterprises) -> None:
        rng = self.rng
        contacts = []
        for enterprise in enterprises:
            if rng.random() >= 0.4:
                continue
            domain = enterprise.website[12:-1] if enterprise.website else "example.se"
            for _ in range(rng.randint(1, 2)):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                local = slugify(f"{first} {last}").replace("-", ".")
                contacts.append(
                    self.own(
                        ContactPerson,
                        enterprise_id=enterprise.pk,
                        name=f"{first} {last}",
                        role=rng.choice(CONTACT_ROLES),
                        email=f"{local}@{domain}",
                        phone=rng.choice(PHONES),
                    )
                )
        self.save(ContactPerson, contacts, "contact persons")

    # --- procurements ------------------------------------------------------------------------

    def outside_suppliers(self) -> None:
        """Ordinary companies that bid and are paid (not in the register)."""
        rng = self.rng
        names: set[str] = set()
        self.companies = []
        while len(self.companies) < self.n("outside_suppliers"):
            name = (
                f"{rng.choice(COMPANY_FIRST)}{rng.choice(COMPANY_SECOND)} "
                f"{rng.choice(COMPANY_THIRD)} AB"
            )
            number = _with_check(rng, rng.choice(["556", "559"]))
            if name in names or number in self.used_numbers:
                continue
            names.add(name)
            self.used_numbers.add(number)
            self.companies.append((name, number))

    def procurements(self) -> None:
        rng = self.rng
        today = self.today
        procurements = []
        serials: Counter = Counter()
        for _index in range(self.n("procurements")):
            category = rng.choice(self.categories)
            unit, prefix = rng.choice(UNITS)
            start = _day(rng, self.first_day, self.pipeline_end)
            procedure = _weighted(rng, PROCEDURES)
            if procedure == Procedure.RESERVED_NON_PROFIT and start < RESERVED_NON_PROFIT_FROM:
                procedure = Procedure.RESERVED
            years = rng.choice([1, 1, 2, 2, 3, 4])
            end = None if rng.random() < 0.05 else _add_years(start, years) - datetime.timedelta(1)
            if procedure == Procedure.DIRECT_AWARD:
                value = rng.randrange(20_000, 690_000, 1_000)
                if rng.random() < 0.06:  # over the limit: the page warns
                    value = rng.randrange(DIRECT_AWARD_LIMIT + 10_000, 1_200_000, 1_000)
            else:
                value = int(10 ** rng.uniform(5.5, 7.7)) // 1_000 * 1_000
            employment = procedure != Procedure.DIRECT_AWARD and rng.random() < 0.22
            target_type, target = "", None
            if employment:
                target_type = rng.choices(list(TargetType), weights=[60, 25, 15])[0]
                target = {
                    TargetType.MONTHS: rng.randint(6, 60),
                    TargetType.PEOPLE: rng.randint(1, 12),
                    TargetType.PLACEMENTS: rng.randint(2, 20),
                }[target_type]
            dialogue_date = None
            if rng.random() < 0.15:
                candidate = start - datetime.timedelta(days=rng.randint(60, 300))
                if candidate > today:  # planned far ahead: the dialogue is held early
                    candidate = today - datetime.timedelta(days=rng.randint(0, 90))
                dialogue_date = candidate
            lots = procedure != Procedure.DIRECT_AWARD and rng.random() < 0.15
            cancelled = rng.random() < 0.03
            status, status_date = self._procurement_status(start, end, dialogue_date, cancelled)
            serials[(prefix, start.year)] += 1
            procurement = self.own(
                Procurement,
                title=f"{category.name} – {unit.removesuffix('en')} {start.year}"
                + (f"–{end.year}" if end and end.year != start.year else ""),
                reference=f"{prefix} {start.year - 1}/{serials[(prefix, start.year)]:04d}",
                description=f"{OFFERS.get(category.name, category.name)} Avser {unit}.",
                category=category,
                cpv_code=category.cpv_codes.split(",")[0].strip(),
                estimated_value=value,
                planned_start=start,
                planned_end=end,
                responsible_unit=unit,
                responsible_person=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                procedure=procedure,
                employment_requirement=employment,
                employment_target_type=target_type,
                employment_target=target,
                divided_into_lots=lots,
                market_dialogue_held=dialogue_date is not None,
                market_dialogue_date=dialogue_date,
                other_social_requirements=rng.choice(OTHER_REQUIREMENTS)
                if rng.random() < 0.1
                else "",
                status=status,
                status_date=status_date,
            )
            procurements.append(procurement)
        self.save(Procurement, procurements, "procurements")
        self.procurement_list = procurements
        self.dialogue_invitations(procurements)
        self.bids(procurements)
        self.employment_reports(procurements)

    def _procurement_status(self, start, end, dialogue_date, cancelled):
        rng, today = self.rng, self.today
        if cancelled:
            return Status.CANCELLED, min(today, start - datetime.timedelta(rng.randint(10, 120)))
        lead = (start - today).days
        if lead > 200:
            if dialogue_date is not None:
                return Status.MARKET_DIALOGUE, dialogue_date
            return Status.PLANNED, today - datetime.timedelta(rng.randint(0, 60))
        if lead > 90:
            return Status.ADVERTISED, today - datetime.timedelta(rng.randint(0, 30))
        if lead > 30:
            return Status.EVALUATION, today - datetime.timedelta(rng.randint(0, 20))
        if lead > 0:
            return Status.AWARDED, today - datetime.timedelta(rng.randint(0, 20))
        if end is None or end >= today:
            return Status.CONTRACT_RUNNING, start
        return Status.CLOSED, end

    def dialogue_invitations(self, procurements) -> None:
        rng = self.rng
        invitations = []
        for procurement in procurements:
            if not procurement.market_dialogue_held:
                continue
            candidates = self.by_category.get(procurement.category_id, [])
            for enterprise in rng.sample(candidates, min(len(candidates), rng.randint(2, 8))):
                invitations.append(
                    self.own(
                        DialogueInvitation,
                        procurement_id=procurement.pk,
                        enterprise_id=enterprise.pk,
                    )
                )
        self.save(DialogueInvitation, invitations, "dialogue invitations")

    def bids(self, procurements) -> None:
        rng = self.rng
        with_bids = {Status.EVALUATION, Status.AWARDED, Status.CONTRACT_RUNNING, Status.CLOSED}
        awarding = {Status.AWARDED, Status.CONTRACT_RUNNING, Status.CLOSED}
        bids = []
        for procurement in procurements:
            if procurement.status not in with_bids:
                continue
            candidates = self.by_category.get(procurement.category_id, [])
            count = rng.randint(1, 3) if procurement.procedure == "direktupphandling" else None
            count = count or rng.randint(2, 6)
            register_share = 0.9 if procurement.is_reserved else 0.35
            chosen_enterprises, chosen_companies, made = set(), set(), []
            for _ in range(count):
                bid = self.own(
                    Bid,
                    procurement_id=procurement.pk,
                    bid_value=round(procurement.estimated_value * rng.uniform(0.7, 1.2), -3),
                )
                if candidates and rng.random() < register_share:
                    supplier = rng.choice(candidates)
                    if supplier.pk in chosen_enterprises:
                        continue
                    chosen_enterprises.add(supplier.pk)
                    bid.supplier_id = supplier.pk
                else:
                    name, number = rng.choice(self.companies)
                    if number in chosen_companies:
                        continue
                    chosen_companies.add(number)
                    bid.supplier_name, bid.supplier_org_number = name, number
                made.append(bid)
            if procurement.status in awarding and made:
                winners = rng.randint(1, min(3, len(made))) if procurement.divided_into_lots else 1
                for bid in rng.sample(made, winners):
                    bid.awarded = True
                    bid.contract_value = bid.bid_value
            bids.extend(made)
        self.save(Bid, bids, "bids")

    def employment_reports(self, procurements) -> None:
        rng, today = self.rng, self.today
        reports = []
        for procurement in procurements:
            if not procurement.employment_requirement or procurement.status not in (
                Status.CONTRACT_RUNNING,
                Status.CLOSED,
            ):
                continue
            end = min(procurement.planned_end or today, today)
            start = procurement.planned_start
            periods = []
            while len(periods) < 10:
                period_end = _add_years(start, 1) - datetime.timedelta(1)
                period_end = min(period_end, datetime.date(start.year, 6, 30))
                if start.month > 6:
                    period_end = datetime.date(start.year, 12, 31)
                if period_end > end:
                    break
                periods.append((start, period_end))
                start = period_end + datetime.timedelta(1)
            if not periods:
                continue
            share = procurement.employment_target / len(periods)
            for period_start, period_end in periods:
                delivered = max(0, round(share * rng.uniform(0.4, 1.4)))
                target_type = procurement.employment_target_type
                reports.append(
                    self.own(
                        EmploymentReport,
                        procurement_id=procurement.pk,
                        period_start=period_start,
                        period_end=period_end,
                        months_delivered=delivered if target_type == TargetType.MONTHS else 0,
                        people_delivered=delivered if target_type == TargetType.PEOPLE else 0,
                        placements_delivered=delivered
                        if target_type == TargetType.PLACEMENTS
                        else 0,
                        comment="Enligt leverantörens halvårsrapport.",
                    )
                )
        self.save(EmploymentReport, reports, "employment reports")

    # --- IOP partnerships --------------------------------------------------------------------

    def partnerships(self) -> None:
        rng, today = self.rng, self.today
        partners = [
            e
            for e in self.enterprise_list
            if e.kind == EnterpriseKind.NON_PROFIT and e.status != EnterpriseStatus.ENDED
        ]
        challenges = {c.name: c for c in self.challenges}
        partnerships = []
        for _index in range(self.n("partnerships") if partners else 0):
            partner = rng.choice(partners)
            theme, challenge = rng.choice(IOP_THEMES)
            start = _day(rng, self.first_day, self.last_day)
            end = _add_years(start, rng.randint(2, 5)) - datetime.timedelta(1)
            early = rng.random() < 0.1
            if early:
                status = rng.choice([PartnershipStatus.IDEA, PartnershipStatus.DIALOGUE])
                start = end = None
            elif start > today:
                status = PartnershipStatus.DECIDED
            elif end < today:
                status = PartnershipStatus.ENDED
            else:
                status = PartnershipStatus.ONGOING
            criteria = {
                c.key: {"answer": CriterionAnswer.MET, "note": ""}
                for c in IOP_CRITERIA
                if not early
            }
            if criteria and rng.random() < 0.1:
                key = rng.choice(list(criteria))
                criteria[key] = {
                    "answer": CriterionAnswer.NOT_MET,
                    "note": "Det finns andra aktörer som erbjuder liknande verksamhet.",
                }
            decision = None if early else start - datetime.timedelta(rng.randint(30, 90))
            committee = rng.choice(IOP_COMMITTEES)
            partnerships.append(
                self.own(
                    Partnership,
                    title=f"{theme} i {rng.choice(DISTRICTS)}",
                    partner=partner,
                    challenge=challenges.get(challenge),
                    purpose=f"{theme}: föreningens idé, som kommunen och föreningen driver "
                    "tillsammans.",
                    goals="Mål och uppföljning enligt överenskommelsen, två gånger per år.",
                    start_date=start,
                    end_date=end,
                    municipality_contribution=rng.randrange(100_000, 2_500_000, 10_000),
                    partner_contribution_money=rng.randrange(0, 300_000, 5_000),
                    partner_volunteer_hours=rng.randrange(200, 6_000, 50),
                    partner_contribution_other="Lokaler och ideella ledare.",
                    committee=committee,
                    decision_date=decision,
                    case_number=""
                    if decision is None
                    else f"{''.join(w[0] for w in committee.split('-'))[:3].upper()} "
                    f"{decision.year}/{rng.randint(10, 999)}",
                    status=status,
                    next_follow_up=today + datetime.timedelta(rng.randint(20, 200))
                    if status == PartnershipStatus.ONGOING
                    else None,
                    criteria=criteria,
                )
            )
        self.save(Partnership, partnerships, "IOP partnerships")

    # --- supplier payments -------------------------------------------------------------------

    def payments(self) -> None:
        rng, today = self.rng, self.today
        register = [
            e
            for e in self.enterprise_list
            if e.org_number
            and e.legal_form != LegalForm.SOLE_TRADER
            and e.status in (EnterpriseStatus.ACTIVE, EnterpriseStatus.DORMANT)
        ]
        suppliers = rng.sample(register, min(len(register), max(3, len(register) // 2)))
        imports, payments = [], []
        per_year = self.n("payments_per_year")
        for year in self.years:
            first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
            if last < first:
                continue
            rows = per_year
            if year == today.year:  # what has been booked so far this year
                rows = max(1, round(per_year * ((last - first).days + 1) / 365))
            table, year_payments = [SPEND_HEADERS], []
            for index in range(rows):
                day = _day(rng, first, last)
                account, account_text = rng.choice(ACCOUNTS)
                draw = rng.random()
                enterprise = None
                if draw < 0.05:
                    name, number, personal = "Enskild näringsidkare", "", True
                    amount = rng.randrange(500, 20_000)
                elif draw < 0.2 and suppliers:
                    enterprise = rng.choice(suppliers)
                    name, number, personal = enterprise.name, enterprise.org_number, False
                    amount = rng.randrange(2_000, 150_000)
                else:
                    name, number = rng.choice(self.companies)
                    personal = False
                    amount = int(10 ** rng.uniform(3.7, 6.2))
                if not personal and rng.random() < 0.02:
                    amount = -amount  # a credit note
                administration = rng.choice(UNITS)[0]
                invoice, voucher = f"F{year}{index:06d}", f"V{year}{index:06d}"
                table.append(
                    [
                        self.organisation.scb_code,
                        day.isoformat(),
                        name,
                        number,
                        str(amount),
                        invoice,
                        account,
                        account_text,
                        administration,
                        voucher,
                        "ja" if personal else "nej",
                    ]
                )
                year_payments.append(
                    SupplierPayment(
                        organisation_id=self.organisation.pk,
                        line=index + 2,
                        booking_date=day,
                        supplier_name=name,
                        supplier_org_number=number,
                        personal_data=personal,
                        amount=amount,
                        invoice_number=invoice,
                        account=account,
                        account_text=account_text,
                        administration=administration,
                        voucher_number=voucher,
                        matched_enterprise_id=enterprise.pk if enterprise else None,
                    )
                )
            content = export.csv_bytes(table)
            mapping = spend.auto_mapping(SPEND_HEADERS)
            spend_import = self.own(
                SpendImport,
                file_name=f"leverantorsreskontra-{year}.csv",
                file_format=SpendImport.Format.CSV,
                content=content,
                status=SpendImport.Status.APPLIED,
                applied_at=timezone.make_aware(
                    datetime.datetime.combine(
                        min(last + datetime.timedelta(20), today), datetime.time(9)
                    )
                ),
                row_count=rows,
                error_count=0,
                layout=spend.detect_layout(SPEND_HEADERS, mapping),
                content_hash=hashlib.sha256(content).hexdigest(),
                mapping=mapping,
                payment_count=rows,
                matched_count=sum(p.matched_enterprise_id is not None for p in year_payments),
            )
            imports.append((spend_import, year_payments))
        self.save(SpendImport, [i for i, _p in imports], "supplier-payment imports")
        for spend_import, year_payments in imports:
            for payment in year_payments:
                payment.spend_import_id = spend_import.pk
            payments.extend(year_payments)
        self.save(SupplierPayment, payments, "supplier payments")

    # --- the seven areas ---------------------------------------------------------------------

    def decisions_and_function(self) -> None:
        first_year = self.years[0]
        older = datetime.date(first_year, 3, 15)
        newer = datetime.date(first_year + 4, 2, 10)
        self.save(
            PoliticalDecision,
            [
                self.own(
                    PoliticalDecision,
                    committee="Arbetsmarknadsnämnden",
                    committee_kind=CommitteeKind.SPECIALIST,
                    decided_on=older,
                    case_number=f"AMN {older.year}/112",
                    decision="Arbetsmarknadsnämnden ansvarar för samverkan med "
                    "arbetsintegrerande sociala företag.",
                    repealed_on=newer,
                ),
                self.own(
                    PoliticalDecision,
                    committee="Kommunstyrelsen",
                    committee_kind=CommitteeKind.EXECUTIVE,
                    decided_on=newer,
                    case_number=f"KS {newer.year}/341",
                    decision="Kommunstyrelsen har det politiska ansvaret för kommunens samverkan "
                    "med sociala företag; kommunledningsförvaltningen samordnar och rapporterar "
                    "två gånger per år.",
                ),
            ],
            "political decisions",
        )
        function = self.save(
            CoordinatingFunction,
            [
                self.own(
                    CoordinatingFunction,
                    name="Samordning sociala företag",
                    placement=FunctionPlacement.MANAGEMENT,
                    unit="Kommunledningsförvaltningen, avdelningen för hållbar tillväxt",
                    mandate="Samordnar kommunens samverkan med sociala företag, leder "
                    "samverkansgruppen och dialogforumet och följer upp handlingsplanen.",
                    established_on=datetime.date(first_year, 6, 1),
                )
            ],
            "coordinating functions",
        )[0]
        people = [
            ("Omar Nasser", "Samordnare för sociala företag", 100),
            ("Sara Lindgren", "Näringslivsutvecklare", 30),
            ("Amina Yusuf", "Arbetsmarknadsstrateg", 30),
            ("Mikael Öberg", "Upphandlingsstrateg", 20),
            ("Linnea Persson", "Utredare", 50),
        ]
        self.save(
            FunctionMember,
            [
                self.own(
                    FunctionMember,
                    function=function,
                    name=name,
                    title=title,
                    email=f"{slugify(name).replace('-', '.')}@example.se",
                    share_of_full_time=share,
                )
                for name, title, share in people
            ],
            "people in the function",
        )

    def groups_and_meetings(self) -> None:
        rng, today = self.rng, self.today
        started = datetime.date(self.years[0], 1, 1)
        internal, forum = self.save(
            CoordinationGroup,
            [
                self.own(
                    CoordinationGroup,
                    name="Interna samverkansgruppen för sociala företag",
                    kind=GroupKind.INTERNAL,
                    purpose="Näringsliv, upphandling och arbetsmarknad samordnar arbetet; "
                    "gruppen träffas varje månad.",
                    started_on=started,
                ),
                self.own(
                    CoordinationGroup,
                    name="Dialogforum för sociala företag i Storstad",
                    kind=GroupKind.EXTERNAL,
                    purpose="Stående dialog mellan kommunen, de sociala företagen och "
                    "Arbetsförmedlingen, Försäkringskassan, samordningsförbundet och regionen.",
                    started_on=started,
                ),
            ],
            "coordination groups",
        )
        members = {}
        for group, entries in ((internal, INTERNAL_MEMBERS), (forum, FORUM_MEMBERS)):
            members[group.pk] = self.save(
                GroupMember,
                [
                    self.own(
                        GroupMember,
                        group=group,
                        name=name,
                        represents=represents,
                        organisation_name=organisation_name,
                        email=f"{slugify(name).replace('-', '.')}@example.se",
                    )
                    for name, represents, organisation_name in entries
                ],
                "group members",
            )
        active = [e for e in self.enterprise_list if e.status == EnterpriseStatus.ACTIVE]
        invited = rng.sample(active, min(len(active), self.n("forum_enterprises")))
        self.link(
            CoordinationGroup.enterprises,
            [(forum.pk, e.pk) for e in invited],
            "forum enterprises",
        )
        per_year = self.n("meetings_per_year")
        meetings, plans = [], []
        for group in (internal, forum):
            for year in self.years:
                for index in range(per_year):
                    month = 1 + index * 12 // per_year
                    date = datetime.date(year, month, rng.randint(3, 26))
                    held = date <= today
                    if group.kind == GroupKind.INTERNAL:
                        title = f"Samverkansgruppen {MONTHS[month - 1]} {year}"
                    else:
                        title = f"Dialogmöte om {rng.choice(FORUM_TOPICS)}"
                    meetings.append(
                        self.own(
                            Meeting,
                            group=group,
                            date=date,
                            title=title,
                            agenda="1. Läget sedan förra mötet\n2. Aktuella upphandlingar\n"
                            "3. Arbetsträning\n4. Övrigt",
                            minutes="Genomgång av läget; beslutade åtgärder nedan." if held else "",
                            other_attendees="Gäst från länsstyrelsen"
                            if held and rng.random() < 0.1
                            else "",
                        )
                    )
                    plans.append((group, held))
        self.save(Meeting, meetings, "meetings")
        present, enterprises, actions = [], [], []
        for meeting, (group, held) in zip(meetings, plans, strict=True):
            if not held:
                continue
            for member in members[group.pk]:
                if rng.random() < 0.8:
                    present.append((meeting.pk, member.pk))
            if group.kind == GroupKind.EXTERNAL and invited:
                for enterprise in rng.sample(invited, min(len(invited), rng.randint(3, 15))):
                    enterprises.append((meeting.pk, enterprise.pk))
            for _ in range(rng.randint(0, 3)):
                due = meeting.date + datetime.timedelta(rng.randint(14, 90))
                if due < today - datetime.timedelta(60):
                    status = ActionStatus.DONE if rng.random() < 0.9 else ActionStatus.CANCELLED
                else:
                    status = rng.choice(list(ActionStatus))
                actions.append(
                    self.own(
                        MeetingAction,
                        meeting_id=meeting.pk,
                        what=rng.choice(ACTION_WHATS),
                        responsible=rng.choice(members[group.pk]).name,
                        due_date=due,
                        status=status,
                    )
                )
        self.link(Meeting.attending_members, present, "meeting attendance (members)")
        self.link(Meeting.attending_enterprises, enterprises, "meeting attendance (enterprises)")
        self.save(MeetingAction, actions, "decided actions")

    def documents_and_activities(self) -> None:
        rng, today = self.rng, self.today
        documents = []
        kinds = list(DocumentKind)
        for index in range(self.n("documents")):
            kind = kinds[index % len(kinds)]
            adopted = _day(rng, self.first_day, today)
            draw = rng.random()
            status = (
                DocumentStatus.DRAFT
                if draw < 0.1
                else DocumentStatus.REPEALED
                if draw < 0.3
                else DocumentStatus.ADOPTED
            )
            valid_from = adopted + datetime.timedelta(rng.randint(0, 60))
            valid_to = _add_years(valid_from, rng.randint(1, 4))
            if status == DocumentStatus.REPEALED and valid_to >= today:
                status = DocumentStatus.ADOPTED
            values = {
                "kind": kind,
                "title": f"{DOCUMENT_TITLES[kind]} {adopted.year}",
                "status": status,
                "summary": "Anger mål, ansvar och uppföljning för kommunens arbete.",
            }
            if status != DocumentStatus.DRAFT:
                values.update(
                    adopted_by=rng.choice(ADOPTERS),
                    adopted_on=adopted,
                    case_number=f"KS {adopted.year}/{rng.randint(100, 999)}",
                    valid_from=valid_from,
                    valid_to=valid_to if status == DocumentStatus.REPEALED else None,
                    next_review=_add_years(adopted, rng.randint(1, 4)),
                )
            documents.append(self.own(GoverningDocument, **values))
        self.save(GoverningDocument, documents, "governing documents")
        adopted_documents = [d for d in documents if d.status != DocumentStatus.DRAFT]
        activities = []
        for _index in range(self.n("activities")):
            area = rng.randint(1, 7)
            start = _day(rng, self.first_day, self.last_day)
            due = start + datetime.timedelta(rng.randint(30, 540))
            if due < today:
                status = _weighted(
                    rng,
                    {
                        ActivityStatus.DONE: 75,
                        ActivityStatus.CANCELLED: 8,
                        ActivityStatus.ONGOING: 12,
                        ActivityStatus.NOT_STARTED: 5,
                    },
                )
            elif start > today:
                status = ActivityStatus.NOT_STARTED
            else:
                status = _weighted(
                    rng,
                    {
                        ActivityStatus.ONGOING: 70,
                        ActivityStatus.NOT_STARTED: 15,
                        ActivityStatus.DONE: 15,
                    },
                )
            percent = {
                ActivityStatus.DONE: 100,
                ActivityStatus.NOT_STARTED: 0,
                ActivityStatus.ONGOING: rng.randint(5, 95),
                ActivityStatus.CANCELLED: rng.randint(0, 60),
            }[status]
            activities.append(
                self.own(
                    Activity,
                    title=f"{rng.choice(ACTIVITY_TITLES[area])} {start.year}",
                    description="Del av handlingsplanen; följs upp i samverkansgruppen.",
                    area=area,
                    document=rng.choice(adopted_documents)
                    if adopted_documents and rng.random() < 0.6
                    else None,
                    owner=rng.choice(ACTIVITY_OWNERS),
                    start_date=start,
                    due_date=due,
                    status=status,
                    percent_complete=percent,
                )
            )
        self.save(Activity, activities, "action-plan activities")

    def step_progress(self) -> None:
        rng, today = self.rng, self.today
        progress = []
        for step in AreaStep.objects.order_by("area", "position", "pk"):
            if step.area == 7:
                status = rng.choice([StepStatus.STARTED, StepStatus.DONE])
            else:
                status = rng.choice([StepStatus.DONE, StepStatus.EVALUATED])
            progress.append(
                self.own(
                    StepProgress,
                    step=step,
                    status=status,
                    date=today - datetime.timedelta(rng.randint(30, 3_000)),
                    owner=rng.choice(ACTIVITY_OWNERS),
                    note="Se samverkansgruppens minnesanteckningar.",
                )
            )
        self.save(StepProgress, progress, "checklist progress")

    # --- follow-up ---------------------------------------------------------------------------

    def indicators(self) -> None:
        rng, today = self.rng, self.today
        indicators = self.save(
            ManualIndicator,
            [
                self.own(
                    ManualIndicator,
                    name=name,
                    unit=unit,
                    definition=definition,
                    periodicity=periodicity,
                    yearly_value=YEARLY_VALUES.get(name, YearlyValue.SUM),
                    direction=direction,
                    area=area,
                    per_capita=per_capita,
                )
                for name, unit, definition, periodicity, direction, area, per_capita, _lo, _hi in (
                    MANUAL_INDICATORS
                )
            ],
            "manual indicators",
        )
        measurements = []
        self.measured = {}  # (indicator pk, year): the year's value, for the targets
        for indicator, entry in zip(indicators, MANUAL_INDICATORS, strict=True):
            low, high = entry[-2], entry[-1]
            for position, year in enumerate(self.years):
                trend = position / max(1, len(self.years) - 1)
                if indicator.direction == Direction.LOWER:
                    trend = 1 - trend
                level = low + (high - low) * trend
                if indicator.periodicity == Periodicity.QUARTER:
                    periods = [q for q in range(1, 5) if datetime.date(year, 3 * q - 2, 1) <= today]
                    # Quarters that add up to the year carry a quarter of it each.
                    scale = 0.25 if indicator.yearly_value == YearlyValue.SUM else 1
                else:
                    periods, scale = [0], 1
                values = []
                for quarter in periods:
                    value = level * scale * rng.uniform(0.9, 1.1)
                    if indicator.unit == "procent":
                        value = min(value, 100)
                    values.append(_money(value))
                    measurements.append(
                        self.own(
                            Measurement,
                            indicator_id=indicator.pk,
                            year=year,
                            quarter=quarter,
                            value=values[-1],
                            source="Kommunens uppföljning",
                        )
                    )
                if values:
                    self.measured[(indicator.pk, year)] = {
                        YearlyValue.AVERAGE: sum(values) / len(values),
                        YearlyValue.LATEST: values[-1],
                    }.get(indicator.yearly_value, sum(values))
        self.save(Measurement, measurements, "measurements")
        self.manual_indicators = indicators

    def targets(self) -> None:
        """A target for every computed and manual indicator and year, near the actual value
        (so the statuses on track / at risk / off track all occur)."""
        rng = self.rng
        targets = []
        with scope(organisation=self.organisation.pk):
            actual = {indicator.key: indicator.compute(self.years) for indicator in CATALOGUE}
        for indicator in CATALOGUE:
            for year in self.years:
                value = Decimal(actual[indicator.key][year] or 0) * _money(rng.uniform(0.85, 1.2))
                if indicator.is_share:
                    value = min(value, Decimal(100))
                targets.append(
                    self.own(
                        Target,
                        indicator_key=indicator.key,
                        year=year,
                        value=max(Decimal(1), value).quantize(Decimal("0.01")),
                        comment="Enligt handlingsplanen.",
                    )
                )
        for indicator in self.manual_indicators:
            for year in self.years:
                value = self.measured.get((indicator.pk, year)) or Decimal(1)
                value *= _money(rng.uniform(0.85, 1.2))
                targets.append(
                    self.own(
                        Target,
                        manual=indicator,
                        year=year,
                        value=value.quantize(Decimal("0.01")),
                    )
                )
        self.save(Target, targets, "targets")

    def effect_chain(self) -> None:
        chain = self.save(
            EffectChain,
            [
                self.own(
                    EffectChain,
                    title="Arbetsintegrering genom sociala företag",
                    description="Från kommunens resurser till minskat utanförskap.",
                )
            ],
            "effect chains",
        )[0]
        steps = self.save(
            EffectStep,
            [
                self.own(
                    EffectStep,
                    chain=chain,
                    stage=stage,
                    title=title,
                    position=position,
                    indicator_keys=keys,
                )
                for position, (stage, title, keys, _manual) in enumerate(EFFECT_STEPS)
            ],
            "effect chain steps",
        )
        self.link(
            EffectStep.manual_indicators,
            [
                (step.pk, self.manual_indicators[index].pk)
                for step, (_s, _t, _k, manual) in zip(steps, EFFECT_STEPS, strict=True)
                for index in manual
            ],
            "effect step indicators",
        )

    def build(self) -> None:
        """Every section in a fixed order (the random sequence depends on it)."""
        self.timings: dict[str, float] = {}
        for section in (
            self.enterprises,
            self.outside_suppliers,
            self.procurements,
            self.partnerships,
            self.payments,
            self.decisions_and_function,
            self.groups_and_meetings,
            self.documents_and_activities,
            self.step_progress,
            self.indicators,
            self.targets,
            self.effect_chain,
        ):
            started = time.perf_counter()
            section()
            self.timings[section.__name__] = time.perf_counter() - started


# --- deleting an organisation's rows ---------------------------------------------------------


def _organisation_tables(organisation) -> list[tuple[type[models.Model], models.QuerySet]]:
    """Every table's rows that belong to ``organisation``, children before parents: the
    rows of models with a foreign key to the organisation (incl. history and membership
    tables), and the rows of automatic many-to-many tables that point at those."""
    owned = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Organisation:
                owned[model] = model._base_manager.filter(**{field.attname: organisation.pk})
                break
    through = []
    for model in apps.get_models(include_auto_created=True):
        if model in owned or not model._meta.auto_created:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in owned:
                lookup = f"{field.name}__in"
                through.append(
                    (
                        model,
                        model._base_manager.filter(
                            **{lookup: owned[field.related_model].values("pk")}
                        ),
                    )
                )
                break
    # Children first: a model that points (with a database constraint) at another owned model
    # is deleted before it.
    remaining, ordered = list(owned), []
    while remaining:
        for model in remaining:
            blockers = {
                field.related_model
                for other in remaining
                if other is not model
                for field in other._meta.concrete_fields
                if field.is_relation and field.related_model is model and field.db_constraint
            }
            if not blockers:
                ordered.append(model)
                remaining.remove(model)
                break
        else:  # a cycle: the constraints are deferred to the commit, any order works
            ordered.extend(remaining)
            remaining = []
    return through + [(model, owned[model]) for model in ordered]


def delete_organisation(organisation) -> int:
    """Delete the organisation and every row that belongs to it (raw deletes: no signals, no
    history records, no rows loaded into Python). Call inside a transaction."""
    deleted = 0
    for _model, queryset in _organisation_tables(organisation):
        deleted += queryset._raw_delete(queryset.db)
    history = Organisation.history.model._base_manager.filter(id=organisation.pk)
    deleted += history._raw_delete(history.db)
    organisation_rows = Organisation.objects.filter(pk=organisation.pk)
    deleted += organisation_rows._raw_delete(organisation_rows.db)
    return deleted


def analyze() -> None:
    """On PostgreSQL, fresh statistics after a bulk load, so that the planner uses the indexes
    (the search's GIN indexes) at once instead of after autovacuum's next visit; otherwise a
    query reading the rows just loaded may scan them all again for each row of another table.
    The application's tables only: a bare ANALYZE also analyses the catalogs shared by the
    cluster's databases, and its lock on them (held until the transaction ends) makes another
    database's ANALYZE wait, e.g. a parallel test run's."""
    if connection.vendor != "postgresql":
        return
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


class Command(BaseCommand):
    help = "Build a large municipality (Storstads kommun) with ten years of records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete Storstad's rows and build it again."
        )
        parser.add_argument(
            "--size",
            type=float,
            default=1.0,
            help="Scale every count (e.g. 0.02 for a small test municipality). Default 1.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data is built around (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load the demo data (seed_demo) first."
        )
        parser.add_argument(
            "--network",
            action="store_true",
            help="Also build the national network: all 290 kommuner and 21 regioner as members "
            "with five years of yearly figures and levels (idempotent).",
        )

    def handle(self, *args, **options):
        if options["size"] <= 0:
            raise CommandError("--size must be greater than 0.")
        self.verbosity = options["verbosity"]
        started, cpu_started = time.perf_counter(), time.process_time()
        with scopes_disabled():
            existing = Organisation.objects.filter(slug=SLUG).first()
        if existing is not None and not options["reset"]:
            self.stdout.write(
                f"{existing.name} already exists; nothing was changed "
                "(use --reset to build it again)."
            )
            if options["network"]:
                self.national_network(options["today"])
            return
        if not options["no_demo"]:
            demo = SeedDemoCommand(stdout=self.stdout, stderr=self.stderr)
            with transaction.atomic():
                demo_organisations, network = demo.seed()
        today = options["today"] or timezone.localdate()
        with transaction.atomic(), scopes_disabled():
            if existing is not None:
                deleted = delete_organisation(existing)
                self.stdout.write(f"Deleted {existing.name}: {deleted} rows.")
            organisation, users = self.create_organisation()
            ensure_reference_lists()
            ensure_thresholds()
            builder = Builder(
                organisation,
                rng=random.Random(options["seed"]),
                size=options["size"],
                today=today,
            )
            builder.build()
            for seeder in registry.scale_seeders():  # other apps' rows (open-data settings)
                seeder(organisation=organisation)
        analyze()
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        self.report(organisation, builder, seconds, cpu_seconds)
        with translation.override("sv"):
            if not options["no_demo"]:
                demo.print_logins(demo_organisations, network)
            self.print_logins(organisation)
        if options["network"]:
            self.national_network(options["today"])

    def national_network(self, today) -> None:
        spec = registry.scale_network()
        if spec is None:
            raise CommandError("--network: no national network is registered (the network app).")
        self.stdout.write(self.style.SUCCESS(spec.build(today=today)))
        analyze()  # the network's yearly figures: a bulk load of their own
        self.stdout.write(f"  Network coordinator: {spec.coordinator} (password: {DEMO_PASSWORD})")

    def create_organisation(self):
        organisation = Organisation.objects.create(**ORGANISATION)
        User = get_user_model()
        users = []
        for username, first, last, _role in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.se",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            users.append(user)
        Membership.objects.bulk_create(
            [
                Membership(organisation=organisation, user=user, role=role)
                for user, (_u, _f, _l, role) in zip(users, USERS, strict=True)
            ]
        )
        network = Network.objects.filter(slug="modellkommuner").first()
        if network is not None:
            NetworkMembership.objects.get_or_create(
                network=network,
                organisation=organisation,
                defaults={"status": NetworkMembership.Status.ACTIVE, "share_figures": True},
            )
        return organisation, users

    def report(self, organisation, builder, seconds: float, cpu_seconds: float) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"{organisation.name} built in {seconds:.1f} s ({cpu_seconds:.1f} s CPU; "
                f"{connection.vendor}, size {builder.size:g}, "
                f"{builder.years[0]}–{builder.years[-1]}, around {builder.today})."
            )
        )
        if self.verbosity >= 2:
            for section, section_seconds in builder.timings.items():
                self.stdout.write(f"  {section:<28} {section_seconds:6.2f} s")
        width = max(len(label) for label in builder.counts)
        for label, count in builder.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>7}")
        self.stdout.write(f"  {'rows in total':<{width}}  {sum(builder.counts.values()):>7}")

    def print_logins(self, organisation) -> None:
        self.stdout.write(f"Logins for {organisation.name} (password: {DEMO_PASSWORD}):")
        for username, _first, _last, role in USERS:
            self.stdout.write(f"  {username:<22} {Role(role).label:<24} {organisation.name}")
