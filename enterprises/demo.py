"""Demo register: about 40 fictional social enterprises per demo municipality, with contacts.

Called by ``seed_demo`` inside ``scope(organisation=...)``. Every name, organisation number,
address, person, e-mail address and website is made up: the organisation numbers have a valid
check digit but are drawn at random, websites and e-mail addresses are under ``example.se``, and
phone numbers come from the ranges PTS reserves for fiction (070-174 06 05–99, 031-390 06 00–99,
0980-319 200–299).

Profiles: ``"far"`` (a municipality far along: many enterprises in active collaboration, the
criteria checked) and ``"start"`` (just starting: mostly identified, few contacts, few checks).

Idempotent and reproducible: all random values are drawn from ``rng`` for every entry, then an
entry is created only if the register has no enterprise with its name or organisation number.
"""

import random
from datetime import date, timedelta

from django.db.models import Q
from django.utils.text import slugify

from enterprises.demo_data import norrbyn, sjostad
from enterprises.demo_data.categories import CATER, LOKAL
from enterprises.demo_data.common import (
    ASF,
    CATEGORY_CHALLENGES,
    CATEGORY_SDGS,
    CHECKS_FROM,
    CRITERIA,
    FIRST_NAMES,
    FORMATION_NOTE,
    IDEB,
    INNO,
    LAST_DATE,
    LAST_NAMES,
    NO_NOTES,
    NON_PROFIT_YES_NOTES,
    NOTES,
    OFFERS,
    ORG_PREFIXES,
    ROLES,
    RURAL_TAGS,
    SELF_DECLARED,
    SVB_YES_NOTES,
    TAGS,
    YES_NOTES,
)
from enterprises.models import (
    Answer,
    ContactPerson,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
    SustainableDevelopmentGoal,
)
from enterprises.orgnr import complete_with_check_digit
from enterprises.reference import ensure_reference_lists

PLACES = {"sjostad": sjostad, "norrbyn": norrbyn}
PROFILES = {"far": sjostad.SETTINGS, "start": norrbyn.SETTINGS}
UNDER_FORMATION = sjostad.UNDER_FORMATION | norrbyn.UNDER_FORMATION


def seed(*, organisation, profile, rng) -> None:
    ensure_reference_lists()
    entries = PLACES.get(organisation.slug, sjostad if profile == "far" else norrbyn).ENTERPRISES
    place = organisation.slug if organisation.slug in PLACES else "sjostad"
    settings = PROFILES[profile]
    lookups = _reference_lists()
    phones = _phone_pool(place, rng)
    used_numbers = set(
        SocialEnterprise.objects.filter(organisation=organisation)
        .exclude(org_number="")
        .values_list("org_number", flat=True)
    )
    statuses = _status_plan(
        sum(entry[0] not in UNDER_FORMATION for entry in entries), settings, rng
    )
    for entry in entries:
        # Draw everything first so the random sequence never depends on what already exists.
        forming = entry[0] in UNDER_FORMATION
        status = EnterpriseStatus.IDENTIFIED if forming else statuses.pop()
        data, m2m = _enterprise_data(entry, status, place, settings, rng, used_numbers)
        contacts = _contacts_data(data, place, settings, rng, phones)
        same = Q(name=data["name"])
        if data["org_number"]:
            same |= Q(org_number=data["org_number"])
        if SocialEnterprise.objects.filter(same, organisation=organisation).exists():
            continue
        enterprise = SocialEnterprise(organisation=organisation, **data)
        enterprise.full_clean()
        enterprise.save()
        enterprise.categories.set([lookups["categories"][name] for name in m2m["categories"]])
        enterprise.challenges.set([lookups["challenges"][name] for name in m2m["challenges"]])
        enterprise.sdgs.set([lookups["sdgs"][number] for number in m2m["sdgs"]])
        for contact_data in contacts:
            contact = ContactPerson(
                organisation=organisation, enterprise=enterprise, **contact_data
            )
            contact.full_clean()
            contact.save()


def _reference_lists() -> dict:
    return {
        "categories": {c.name: c for c in ServiceCategory.objects.all()},
        "challenges": {c.name: c for c in SocietalChallenge.objects.all()},
        "sdgs": {g.number: g for g in SustainableDevelopmentGoal.objects.all()},
    }


def _phone_pool(place: str, rng) -> list[str]:
    mobiles = [f"070-174 06 {n:02d}" for n in range(5, 100)]
    if place == "norrbyn":
        landlines = [f"{PLACES[place].LANDLINE} {n}" for n in range(200, 300)]
    else:
        landlines = [f"{PLACES[place].LANDLINE} {n:02d}" for n in range(100)]
    pool = mobiles + landlines
    rng.shuffle(pool)
    return pool


def org_number(prefix: str, rng) -> str:
    """A random organisation number with the given prefix and a valid Luhn check digit."""
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    return complete_with_check_digit(body)


def _random_date(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _status_plan(count: int, settings: dict, rng) -> list[str]:
    """Statuses in the profile's proportions (exactly, not by chance), in random order."""
    weights = settings["status_weights"]
    total = sum(weights.values())
    counts = {status: count * weight // total for status, weight in weights.items()}
    for status in sorted(weights, key=weights.get, reverse=True):
        if sum(counts.values()) < count:
            counts[status] += 1
    plan = [status for status, n in counts.items() for _ in range(n)]
    rng.shuffle(plan)
    return plan


def _domain(name: str) -> str:
    short = name.replace("AB (svb)", "")
    short = short.replace("ekonomisk förening", "")
    words = slugify(short).split("-")
    slug = ""
    for word in words:
        if len(slug) + len(word) > 28:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{slug}.example.se"


def _enterprise_data(entry, status, place, settings, rng, used_numbers):
    name, legal_form, kind, categories, town, extra_challenges = entry
    forming = name in UNDER_FORMATION

    number = ""
    if not forming:
        while not number or number in used_numbers:
            number = org_number(rng.choice(ORG_PREFIXES[legal_form]), rng)
        used_numbers.add(number)

    if status != EnterpriseStatus.IDENTIFIED:
        identified_on = _random_date(rng, *settings["known_since"])
    elif rng.random() < 0.15:  # some were known long before the municipality started its work
        identified_on = _random_date(rng, date(2019, 1, 1), LAST_DATE)
    else:
        identified_on = _random_date(rng, settings["identified_from"], LAST_DATE)

    scale = settings["scale"]
    if forming:
        places, employees, participants = 0, 0, 0
    elif kind == ASF:
        places = min(25, max(1, round(rng.triangular(1, 25, 5) * scale)))
        employees = min(40, max(1, round(rng.triangular(1, 40, 6) * scale)))
        participants = max(0, places + rng.randint(-3, 4))
    elif kind == INNO:
        places = rng.randint(0, 4)
        employees = rng.randint(1, 8)
        participants = rng.randint(0, places)
    else:  # idéburen
        places = rng.randint(0, 8)
        employees = rng.randint(1, 5)
        participants = rng.randint(0, places + 10)

    town_names = [t for t, _p, _w in PLACES[place].TOWNS]
    if town is None or town not in town_names:
        town = rng.choices(town_names, weights=[w for _t, _p, w in PLACES[place].TOWNS])[0]
    prefix = next(p for t, p, _w in PLACES[place].TOWNS if t == town)

    data = {
        "name": name,
        "org_number": number,
        "legal_form": legal_form,
        "kind": kind,
        "offer": " ".join(OFFERS[c] for c in categories),
        "cpv_codes": "",
        "work_training_places": places,
        "employees": employees,
        "participants": participants,
        "address": f"{rng.choice(PLACES[place].STREETS)} {rng.randint(1, 48)}",
        "postal_code": f"{prefix}{rng.randrange(10)}",
        "postal_town": town,
        "operates_in": rng.choice(PLACES[place].OPERATES_IN),
        "status": status,
        "identified_on": identified_on,
        "notes": FORMATION_NOTE if forming else rng.choice(NOTES[status]),
        "certifications": "",
        "website": "",
        "tags": "",
    }
    data.update(_criteria(legal_form, kind, forming, identified_on, settings, rng))
    if kind == ASF and not forming:
        data.update(_integration_share(name, identified_on))

    if kind == ASF and not forming and rng.random() < settings["skoopi"]:
        extra = {LOKAL: "Svanenmärkt städtjänst", CATER: "KRAV-certifierat kök"}
        certs = ["Skoopi"] + [extra[c] for c in categories if c in extra and rng.random() < 0.5]
        data["certifications"] = ", ".join(certs)
    if not forming and rng.random() < settings["website"]:
        data["website"] = f"https://www.{_domain(name)}/"

    tags = rng.sample(TAGS, rng.randint(0, 3))
    if place == "norrbyn" and rng.random() < 0.5:
        tags.append(rng.choice(RURAL_TAGS))
    if forming:
        tags.append("Under bildande")
    data["tags"] = ", ".join(tags)

    challenges = []
    if kind in (ASF, INNO):
        challenges.append("Arbetslöshet och utanförskap")
    for category in categories:
        challenges += CATEGORY_CHALLENGES.get(category, [])
    challenges += extra_challenges
    if place == "norrbyn" and town != "Norrbyn":
        challenges.append("Landsbygd")
    sdgs = [8, 10] if kind == ASF else [10] if kind == IDEB else [8]
    for category in categories:
        sdgs += CATEGORY_SDGS.get(category, [])
    m2m = {
        "categories": categories,
        "challenges": list(dict.fromkeys(challenges)),
        "sdgs": sorted(set(sdgs)),
    }
    return data, m2m


def _integration_share(name: str, identified_on) -> dict:
    """The share of employees in integration (LOU 4 kap. 18 §) of a work-integrating
    enterprise: most have confirmed one (a few below 30 %), some not yet. From a generator of
    its own (seeded by the name), so the rest of the demo data is the same with or without it."""
    rng = random.Random(f"integration-share:{name}")
    draw = rng.random()
    if draw < 0.25:
        return {"integration_share": None, "integration_share_confirmed": None}
    share = rng.randint(18, 29) if draw < 0.35 else rng.randint(30, 85)
    confirmed = _random_date(rng, max(identified_on, CHECKS_FROM), LAST_DATE)
    return {"integration_share": share, "integration_share_confirmed": confirmed}


def _criteria(legal_form, kind, forming, identified_on, settings, rng) -> dict:
    """The four criteria; a checked enterprise was reviewed on one date (now and then a
    criterion is left open at the review)."""
    result = {}
    reviewed = not forming and rng.random() < settings["checked"]
    review_date = _random_date(rng, max(identified_on, CHECKS_FROM), LAST_DATE)
    for criterion in CRITERIA:
        answer, note, checked = Answer.UNKNOWN, "", None
        if forming:
            if criterion == "mission_in_statutes":
                answer, note = Answer.YES, "Stadgarna § 2 (antagna på konstituerande stämma)"
        elif reviewed and rng.random() < 0.92:
            checked = review_date
            yes_chance = 0.93 if kind == ASF else 0.8
            if (
                criterion == "employee_participation"
                and legal_form != LegalForm.ECONOMIC_ASSOCIATION
            ):
                yes_chance = 0.5
            if rng.random() < yes_chance:
                answer = Answer.YES
                notes = YES_NOTES[criterion]
                if legal_form == LegalForm.LIMITED_COMPANY_SVB:
                    notes = SVB_YES_NOTES.get(criterion, notes)
                elif legal_form in (LegalForm.NON_PROFIT_ASSOCIATION, LegalForm.FOUNDATION):
                    notes = NON_PROFIT_YES_NOTES.get(criterion, notes)
                note = rng.choice(notes)
            else:
                answer, note = Answer.NO, rng.choice(NO_NOTES[criterion])
        elif rng.random() < 0.2:
            answer, note = Answer.YES, SELF_DECLARED
        result[criterion] = answer
        result[f"{criterion}_note"] = note
        result[f"{criterion}_checked"] = checked
    return result


def _contacts_data(data, place, settings, rng, phones) -> list[dict]:
    count = rng.choice(settings["contacts"])
    if data["status"] == EnterpriseStatus.ENDED:
        count = min(count, 1)
    roles = ROLES.get(data["legal_form"], ["Kontaktperson"])
    domain = _domain(data["name"])
    contacts, seen = [], set()
    for index in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        role = roles[index] if index < len(roles) else rng.choice(roles)
        phone = phones.pop() if phones else ""
        if (first, last) in seen:
            continue
        seen.add((first, last))
        local = slugify(f"{first} {last}").replace("-", ".")
        contacts.append(
            {
                "name": f"{first} {last}",
                "role": role,
                "email": f"{local}@{domain}",
                "phone": phone,
            }
        )
    return contacts
