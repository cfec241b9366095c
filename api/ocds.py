"""Procurements as an Open Contracting Data Standard (OCDS 1.1) release package.

One release per procurement, its ``ocid`` made of the organisation's prefix and the
procurement's id. Each release is a full snapshot of the procurement as it is now; its ``id``
changes whenever the procurement or one of its bids changes (the newest change of either, read
from their change history, so that a deleted bid counts too).

Everything that maps a Samverka value to an OCDS code is a table in this module, and the
dataset's description page (``api/ocds_views.py``) renders the same tables, so the
documentation cannot drift from the data. The data is in Swedish (``language: "sv"``) whatever
language the visitor chose.

Personal data is never published: no contact or responsible person, and a supplier whose
organisation number is a personal identity number (a sole trader) or who has no organisation
number is published without name or number (the rule of the supplier-payment data in
``procurement.spend``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from enterprises import orgnr
from enterprises.models import LegalForm
from procurement.choices import Procedure, Status
from procurement.models import Bid, Procurement

OCDS_VERSION = "1.1"
CURRENCY = "SEK"
IDENTIFIER_SCHEME = "SE-BLV"  # Bolagsverket, the Swedish companies registration office

# The extension.json of each extension used, as the OCDS extension registry lists them. Both
# are registered as "live" versions only (the registry has no frozen release of either), so the
# registry's URL is that of the default branch. The lots extension (frozen v1.1.5) is not used:
# Samverka records only whether a procurement is divided into lots, not the lots themselves, so
# every procurement is one implied lot and the tender fields describe it.
EXTENSION_OTHER_REQUIREMENTS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_otherRequirements_extension/master/extension.json"
)
EXTENSION_SUSTAINABILITY = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_sustainability_extension/master/extension.json"
)

LICENCE_URLS = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
}

# --- The mapping tables -------------------------------------------------------------------------

# LOU procedure → OCDS ``tender.procurementMethod`` (closed ``method`` codelist: open, selective,
# limited, direct). ``None``: no code fits; only ``procurementMethodDetails`` is given.
PROCUREMENT_METHODS: dict[str, str | None] = {
    # Direktupphandling (LOU 19 kap. 7 §): no advertisement and no formal procedure; "direct" is
    # OCDS's code for an award without competition. (A direct award that compared a few offers
    # would be "limited", but Samverka does not record how many were asked.)
    Procedure.DIRECT_AWARD: "direct",
    # Förenklat förfarande (LOU 19 kap.): advertised, every interested supplier may bid.
    Procedure.SIMPLIFIED: "open",
    # Öppet förfarande (LOU 6 kap.): advertised, every interested supplier may bid.
    Procedure.OPEN: "open",
    # Selektivt förfarande (LOU 6 kap.): suppliers apply, only the selected ones may bid.
    Procedure.RESTRICTED: "selective",
    # Förhandlat förfarande: recorded without saying whether it was advertised first; the usual
    # form (with prior advertisement: candidates apply and the selected ones negotiate) is
    # "selective". Without advertisement it would be "limited".
    Procedure.NEGOTIATED: "selective",
    # Reserverat kontrakt (LOU 4 kap. 18 §): an advertised procedure open to every supplier of
    # the kind it is reserved for; the reservation is in otherRequirements (below).
    Procedure.RESERVED: "open",
    # Reserverad upphandling (LOU 19 kap. 25 §): as above, reserved for the organisations of
    # 19 kap. 26 §.
    Procedure.RESERVED_SERVICES: "open",
    # Reserverad upphandling för idéburna organisationer (LOU 19 kap. 25 a §): as above.
    Procedure.RESERVED_NON_PROFIT: "open",
    # Valfrihetssystem (LOV): advertised continuously, every supplier that meets the
    # requirements is admitted.
    Procedure.CHOICE_SYSTEM: "open",
    # Annat: unknown.
    Procedure.OTHER: None,
}

# Reserved procedures → ``tender.otherRequirements.reservedParticipation`` (the otherRequirements
# extension's reservedParticipation codelist) and the law. Only these three procedures reserve
# participation; every other procedure has no otherRequirements.
RESERVED_PARTICIPATION: dict[str, tuple[str, str]] = {
    # LOU 4 kap. 18 § (directive 2014/24/EU art. 20): reserved for sheltered workshops and
    # suppliers whose main aim is the social and professional integration of people with
    # disabilities or disadvantaged people: the codelist's "shelteredWorkshop".
    Procedure.RESERVED: ("shelteredWorkshop", "LOU 4 kap. 18 §"),
    # LOU 19 kap. 25 § (directive art. 77): health, social and cultural services reserved for
    # organisations with a public-service mission that reinvest their profit and are owned or
    # run by their employees: exactly the codelist's "publicServiceMissionOrganization".
    Procedure.RESERVED_SERVICES: ("publicServiceMissionOrganization", "LOU 19 kap. 25 §"),
    # LOU 19 kap. 25 a §: social services reserved for non-profit organisations (idéburna
    # organisationer: a public-benefit purpose, surplus reinvested). The codelist has no code
    # for non-profit organisations; "publicServiceMissionOrganization" is the one whose
    # definition (a public-service mission, profit reinvested) such an organisation fulfils.
    Procedure.RESERVED_NON_PROFIT: (
        "publicServiceMissionOrganization",
        "LOU 19 kap. 25 a §",
    ),
}

# Goals and strategies of the sustainability extension (its sustainabilityGoal and
# sustainabilityStrategy codelists).
GOAL_EMPLOYMENT = "social.disadvantagedEmploymentOpportunities"
GOAL_SOCIAL = "social"
STRATEGY_RESERVED = "reservedParticipation"
STRATEGY_CONDITIONS = "contractPerformanceConditions"


@dataclass(frozen=True)
class SustainabilityRule:
    consideration: Any  # what Samverka records (a label)
    goal: str | None
    strategy: str | None
    note: Any


# What each of Samverka's social considerations (procurement.querysets, "with social
# considerations") becomes in tender.sustainability. ``tender.hasSustainability`` is true exactly
# when the procurement has one of them, so it agrees with the app's share of procurements with
# social considerations. Entries with the same goal are merged (one entry per goal, as the
# extension asks).
SUSTAINABILITY_RULES = (
    SustainabilityRule(
        _("Reserved contract (LOU 4 kap. 18 §)"),
        GOAL_EMPLOYMENT,
        STRATEGY_RESERVED,
        _("Reserved for suppliers that employ people far from the labour market."),
    ),
    SustainabilityRule(
        _("Reserved under LOU 19 kap. 25 § or 25 a §"),
        GOAL_SOCIAL,
        STRATEGY_RESERVED,
        _("Reserved for organisations with a social mission; no narrower goal is known."),
    ),
    SustainabilityRule(
        _("Employment requirement"),
        GOAL_EMPLOYMENT,
        STRATEGY_CONDITIONS,
        _("A special contract condition (LOU 17 kap. 1 §)."),
    ),
    SustainabilityRule(
        _("Other social requirements"),
        GOAL_SOCIAL,
        None,
        _("The requirements' text is the entry's description; how they are set is not known."),
    ),
    SustainabilityRule(
        _("Divided into lots, market dialogue"),
        None,
        None,
        _(
            "Only hasSustainability: the codelists have no goal for opening a procurement to "
            "small suppliers."
        ),
    ),
)

# Samverka status → (release tag of a release at that stage, tender.status from the closed
# tenderStatus codelist, contract status or None when no contract is in force or done).
STATUSES: dict[str, tuple[str, str, str | None]] = {
    Status.PLANNED: ("planning", "planned", None),
    Status.MARKET_DIALOGUE: ("planning", "planning", None),
    Status.ADVERTISED: ("tender", "active", None),
    Status.EVALUATION: ("tender", "active", None),
    Status.AWARDED: ("award", "complete", None),
    Status.CONTRACT_RUNNING: ("contract", "complete", "active"),
    Status.CLOSED: ("contract", "complete", "terminated"),
    Status.CANCELLED: ("tenderCancellation", "cancelled", None),
}

# Suppliers published without name or number (personal data).
SOLE_TRADER = gettext_lazy("Sole trader")
NO_ORGANISATION_NUMBER = gettext_lazy("Supplier without organisation number")


@dataclass(frozen=True)
class FieldMapping:
    samverka: Any
    ocds: str
    note: Any = ""


# The description page's table: each Samverka field and where it is in the release.
FIELD_MAPPING = (
    FieldMapping(_("Procurement (its id)"), "ocid", _("The OCID prefix, a hyphen, the id.")),
    FieldMapping(
        _("Last change of the procurement or its bids"),
        "id, date",
        _("The release id is the OCID and the time of the last change."),
    ),
    FieldMapping(_("Status"), "tag, tender.status, contracts[].status", _("See the table below.")),
    FieldMapping(_("Reference number"), "tender.id", _("The OCID when there is none.")),
    FieldMapping(_("Title"), "tender.title"),
    FieldMapping(_("Description"), "tender.description"),
    FieldMapping(
        _("Procedure"),
        "tender.procurementMethod, tender.procurementMethodDetails",
        _("The method from the table below; the details are the Swedish name of the procedure."),
    ),
    FieldMapping(
        _("Estimated value"),
        "tender.value.amount, tender.value.currency",
        _(
            "Whole kronor excluding VAT, the value the procurement's page shows; left out when "
            "not given."
        ),
    ),
    FieldMapping(
        _("CPV code"),
        "tender.items[0].classification, tender.mainProcurementCategory",
        _(
            "Scheme CPV. The category from the CPV division: 45 works, 03–44 and 48 goods, "
            "others services."
        ),
    ),
    FieldMapping(_("Service category"), "tender.items[0].description"),
    FieldMapping(
        _("Planned contract start and end"),
        "tender.contractPeriod, contracts[].period",
    ),
    FieldMapping(
        _("Reserved procedure"),
        "tender.otherRequirements.reservedParticipation",
        _("See the table below."),
    ),
    FieldMapping(
        _("Social considerations"),
        "tender.hasSustainability, tender.sustainability[]",
        _("See the table below."),
    ),
    FieldMapping(
        _("Bids"),
        "tender.tenderers, tender.numberOfTenderers, parties[] (role tenderer)",
        _("Bid values are not published."),
    ),
    FieldMapping(
        _("Awarded bids"),
        "awards[] (suppliers, value), parties[] (role supplier)",
        _("The award's value is the bid's contract value."),
    ),
    FieldMapping(
        _("Supplier's organisation number"),
        "parties[].identifier (scheme SE-BLV, id without hyphen, legalName)",
        _("Not for sole traders or suppliers without number: they are published without name."),
    ),
    FieldMapping(
        _("The organisation"),
        "buyer, parties[] (role buyer), publisher.name",
    ),
)


# --- Building -----------------------------------------------------------------------------------


def ocid_prefix(organisation, publication) -> str:
    """The registered prefix, or (none registered) ``samverka-<the organisation's short name>``:
    unique within Samverka but not registered with the Open Contracting Partnership."""
    return (publication.ocid_prefix or "").strip() or f"samverka-{organisation.slug}"


def _iso(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _day(day: datetime.date | None) -> str | None:
    if day is None:
        return None
    return _iso(timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)))


def _procurements(organisation):
    """The organisation's procurements with everything a release needs, in a fixed number of
    queries: the category, the bids with their register enterprise, and the time of the last
    change of any of the procurement's bids (from the bids' history, deleted ones included)."""
    bid_history = Bid.history.model
    last_bid_change = (
        bid_history.objects.filter(procurement_id=OuterRef("pk"))
        .order_by()
        .values("procurement_id")
        .annotate(last=Max("history_date"))
        .values("last")
    )
    return (
        Procurement.objects.filter(organisation=organisation)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "bids",
                queryset=Bid.objects.select_related("supplier").order_by("pk"),
            )
        )
        .annotate(bids_changed=Subquery(last_bid_change[:1]))
        .order_by("pk")
    )


def _changed(procurement) -> datetime.datetime:
    changed = procurement.updated_at
    if procurement.bids_changed and procurement.bids_changed > changed:
        changed = procurement.bids_changed
    return changed


def last_changed(organisation) -> datetime.datetime | None:
    """The newest change of the dataset: a procurement or bid created, changed or deleted
    (from their change history). Two queries. The cache key of the published files."""
    with scope(organisation=organisation.pk):
        times = [
            model.history.aggregate(last=Max("history_date"))["last"]
            for model in (Procurement, Bid)
        ]
    times = [t for t in times if t is not None]
    return max(times) if times else None


def last_updated(organisation) -> datetime.date | None:
    """The date of the dataset's newest change (``api.datasets``)."""
    changed = last_changed(organisation)
    return timezone.localdate(changed) if changed else None


def _supplier(bid) -> dict:
    """The party of a bid's supplier: ``id``, ``name`` and, for a legal person, its SE-BLV
    identifier. A sole trader (their number is a personal identity number) and a supplier
    without organisation number are published without name and number."""
    enterprise = bid.supplier if bid.supplier_id else None
    name = enterprise.name if enterprise else bid.supplier_name
    number = (enterprise.org_number if enterprise else bid.supplier_org_number) or ""
    digits = number.replace("-", "")
    sole_trader = enterprise is not None and enterprise.legal_form == LegalForm.SOLE_TRADER
    if sole_trader or len(digits) != 10 or orgnr.is_personal(digits):
        anonymous = SOLE_TRADER if (sole_trader or digits) else NO_ORGANISATION_NUMBER
        return {"id": f"bid-{bid.pk}", "name": str(anonymous)}
    return {
        "id": f"{IDENTIFIER_SCHEME}-{digits}",
        "name": name,
        "identifier": {"scheme": IDENTIFIER_SCHEME, "id": digits, "legalName": name},
    }


def _main_category(cpv: str) -> str | None:
    digits = "".join(ch for ch in cpv[:2] if ch.isdigit())
    if len(digits) != 2:
        return None
    division = int(digits)
    if division == 45:
        return "works"
    if 3 <= division <= 44 or division == 48:
        return "goods"
    return "services"


def sustainability(procurement) -> tuple[bool, list[dict]]:
    """``hasSustainability`` and the ``sustainability`` entries (one per goal), following
    :data:`SUSTAINABILITY_RULES`."""
    entries: dict[str, dict] = {}

    def add(goal, strategy=None, description=None):
        entry = entries.setdefault(goal, {"goal": goal})
        if strategy and strategy not in entry.setdefault("strategies", []):
            entry["strategies"].append(strategy)
        if description:
            entry["description"] = description

    if procurement.procedure == Procedure.RESERVED:
        add(GOAL_EMPLOYMENT, STRATEGY_RESERVED)
    elif procurement.is_reserved:
        add(GOAL_SOCIAL, STRATEGY_RESERVED)
    if procurement.employment_requirement:
        add(GOAL_EMPLOYMENT, STRATEGY_CONDITIONS)
    if procurement.other_social_requirements.strip():
        add(GOAL_SOCIAL, description=procurement.other_social_requirements.strip())
    return bool(procurement.social_considerations()), list(entries.values())


def release(procurement, *, prefix: str, buyer: dict) -> dict:
    ocid = f"{prefix}-{procurement.pk}"
    changed = _changed(procurement)
    stage, tender_status, contract_status = STATUSES[procurement.status]
    bids = list(procurement.bids.all())
    parties: dict[str, dict] = {buyer["id"]: {**buyer, "roles": ["buyer"]}}
    tenderers = []
    for bid in bids:
        party = _supplier(bid)
        entry = parties.setdefault(party["id"], {**party, "roles": []})
        if "tenderer" not in entry["roles"]:
            entry["roles"].append("tenderer")
            tenderers.append({"id": party["id"], "name": party["name"]})
    awards, contracts = [], []
    for bid in bids:
        if not bid.awarded or procurement.status == Status.CANCELLED:
            continue
        party = _supplier(bid)
        if "supplier" not in parties[party["id"]]["roles"]:
            parties[party["id"]]["roles"].append("supplier")
        award = {
            "id": str(bid.pk),
            "status": "active",
            "suppliers": [{"id": party["id"], "name": party["name"]}],
        }
        if bid.contract_value is not None:
            award["value"] = {"amount": bid.contract_value, "currency": CURRENCY}
        awards.append(award)
        if contract_status:
            contract = {"id": str(bid.pk), "awardID": award["id"], "status": contract_status}
            if "value" in award:
                contract["value"] = award["value"]
            period = _period(procurement)
            if period:
                contract["period"] = period
            contracts.append(contract)

    tender: dict[str, Any] = {
        "id": procurement.reference.strip() or ocid,
        "title": procurement.title,
        "status": tender_status,
    }
    if procurement.description.strip():
        tender["description"] = procurement.description.strip()
    method = PROCUREMENT_METHODS.get(procurement.procedure)
    if method:
        tender["procurementMethod"] = method
    tender["procurementMethodDetails"] = str(procurement.get_procedure_display())
    if procurement.estimated_value is not None:
        tender["value"] = {"amount": procurement.estimated_value, "currency": CURRENCY}
    cpv = procurement.cpv_code.strip()
    if cpv:
        category = _main_category(cpv)
        if category:
            tender["mainProcurementCategory"] = category
        item = {
            "id": "1",
            "classification": {"scheme": "CPV", "id": cpv},
        }
        item["description"] = (
            procurement.category.name if procurement.category_id else procurement.title
        )
        tender["items"] = [item]
    period = _period(procurement)
    if period:
        tender["contractPeriod"] = period
    if procurement.procedure in RESERVED_PARTICIPATION:
        code, _law = RESERVED_PARTICIPATION[procurement.procedure]
        tender["otherRequirements"] = {"reservedParticipation": [code]}
    has, entries = sustainability(procurement)
    tender["hasSustainability"] = has
    if entries:
        tender["sustainability"] = entries
    if bids:
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = tenderers

    tags = [stage]
    if stage in ("award", "contract"):
        tags = ["tender"] + (["award"] if awards else []) + (["contract"] if contracts else [])
    data: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-{timezone.localtime(changed):%Y%m%dT%H%M%S.%f}",
        "date": _iso(changed),
        "tag": tags,
        "initiationType": "tender",
        "language": "sv",
        "parties": list(parties.values()),
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "tender": tender,
    }
    if awards:
        data["awards"] = awards
    if contracts:
        data["contracts"] = contracts
    return data


def _period(procurement) -> dict | None:
    period = {}
    if procurement.planned_start:
        period["startDate"] = _day(procurement.planned_start)
    if procurement.planned_end:
        period["endDate"] = _day(procurement.planned_end)
    return period or None


def extensions_used(releases: list[dict]) -> list[str]:
    """The extensions whose fields the releases use, and no other."""
    used = []
    tenders = [r["tender"] for r in releases]
    if any("otherRequirements" in t for t in tenders):
        used.append(EXTENSION_OTHER_REQUIREMENTS)
    if any("hasSustainability" in t or "sustainability" in t for t in tenders):
        used.append(EXTENSION_SUSTAINABILITY)
    return used


def release_package(organisation, publication, *, base_url: str) -> dict:
    """The organisation's procurements as an OCDS 1.1 release package.

    ``base_url`` is the site's address (scheme and host, no trailing slash): the package's
    ``uri`` and ``publicationPolicy`` are absolute URLs. Reads in a fixed number of queries.
    """
    prefix = ocid_prefix(organisation, publication)
    buyer = {"id": f"{prefix}-buyer", "name": organisation.name}
    with translation.override("sv"), scope(organisation=organisation.pk):
        releases = [release(p, prefix=prefix, buyer=buyer) for p in _procurements(organisation)]
        publisher = organisation.name
        licence = LICENCE_URLS.get(publication.licence)
        dates = [publication.updated_at] + [
            datetime.datetime.fromisoformat(r["date"]) for r in releases
        ]
        kwargs = {"organisation": organisation.slug}
        package = {
            "uri": base_url + reverse("opendata:procurements_ocds", kwargs=kwargs),
            "version": OCDS_VERSION,
            "extensions": extensions_used(releases),
            "publishedDate": _iso(max(dates)),
            "publisher": {"name": publisher},
            "license": licence,
            "publicationPolicy": base_url + reverse("opendata:procurements_readme", kwargs=kwargs),
            "releases": releases,
        }
        if not package["extensions"]:
            del package["extensions"]
    return package


# --- The CSV ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvColumn:
    name: str  # lower-case ASCII
    type: Any
    description: Any
    example: str
    value: Any  # (procurement, release) -> str


TEXT, INTEGER, DATE, DATETIME, YES_NO = (
    _("text"),
    _("integer"),
    _("date (YYYY-MM-DD)"),
    _("date and time (ISO 8601)"),
    _("“ja” or “nej”"),
)


def _yes(value: bool) -> str:
    return "ja" if value else "nej"


def _number(value) -> str:
    return "" if value is None else str(value)


def _awarded(release_data) -> list[dict]:
    return [s for a in release_data.get("awards", []) for s in a["suppliers"]]


def _awarded_numbers(release_data) -> str:
    by_id = {p["id"]: p for p in release_data["parties"]}
    numbers = [by_id[s["id"]].get("identifier", {}).get("id", "") for s in _awarded(release_data)]
    return "; ".join(n for n in numbers if n)


def _contract_value(release_data) -> str:
    values = [a["value"]["amount"] for a in release_data.get("awards", []) if "value" in a]
    return str(sum(values)) if values else ""


CSV_COLUMNS = (
    CsvColumn(
        "ocid",
        TEXT,
        _("The procurement's OCID in the OCDS file."),
        "ocds-abc123-42",
        lambda p, r: r["ocid"],
    ),
    CsvColumn(
        "diarienummer", TEXT, _("The registry number."), "KS 2026/123", lambda p, r: p.reference
    ),
    CsvColumn("titel", TEXT, _("Title."), "Lokalvård för förskolor", lambda p, r: p.title),
    CsvColumn(
        "beskrivning",
        TEXT,
        _("Description."),
        "Städning av 14 förskolor.",
        lambda p, r: p.description,
    ),
    CsvColumn(
        "forfarande", TEXT, _("The procedure (code)."), "reserverad_4_18", lambda p, r: p.procedure
    ),
    CsvColumn(
        "forfarande_text",
        TEXT,
        _("The procedure in words."),
        "Reserverat kontrakt (LOU 4 kap. 18 §)",
        lambda p, r: r["tender"]["procurementMethodDetails"],
    ),
    CsvColumn(
        "ocds_metod",
        TEXT,
        _("OCDS procurementMethod: open, selective, limited or direct."),
        "open",
        lambda p, r: r["tender"].get("procurementMethod", ""),
    ),
    CsvColumn("status", TEXT, _("The status (code)."), "avtal_loper", lambda p, r: p.status),
    CsvColumn(
        "status_text",
        TEXT,
        _("The status in words."),
        "Avtal löper",
        lambda p, r: str(p.get_status_display()),
    ),
    CsvColumn(
        "status_datum",
        DATE,
        _("When the procurement reached its status."),
        "2026-03-01",
        lambda p, r: p.status_date.isoformat() if p.status_date else "",
    ),
    CsvColumn(
        "tjanstekategori",
        TEXT,
        _("The register's service category."),
        "Lokalvård",
        lambda p, r: p.category.name if p.category_id else "",
    ),
    CsvColumn("cpv", TEXT, _("CPV code."), "90911200-8", lambda p, r: p.cpv_code),
    CsvColumn(
        "uppskattat_varde",
        INTEGER,
        _("Estimated value, whole kronor excluding VAT."),
        "1200000",
        lambda p, r: _number(p.estimated_value),
    ),
    CsvColumn("valuta", TEXT, _("Currency of the values."), "SEK", lambda p, r: CURRENCY),
    CsvColumn(
        "avtal_start",
        DATE,
        _("Planned contract start."),
        "2026-07-01",
        lambda p, r: p.planned_start.isoformat() if p.planned_start else "",
    ),
    CsvColumn(
        "avtal_slut",
        DATE,
        _("Planned contract end."),
        "2028-06-30",
        lambda p, r: p.planned_end.isoformat() if p.planned_end else "",
    ),
    CsvColumn(
        "reserverad_lagrum",
        TEXT,
        _("The law the contract is reserved under, if any."),
        "LOU 4 kap. 18 §",
        lambda p, r: RESERVED_PARTICIPATION.get(p.procedure, ("", ""))[1],
    ),
    CsvColumn(
        "reserverad_for",
        TEXT,
        _("OCDS reservedParticipation code, if reserved."),
        "shelteredWorkshop",
        lambda p, r: RESERVED_PARTICIPATION.get(p.procedure, ("", ""))[0],
    ),
    CsvColumn(
        "sysselsattningskrav",
        YES_NO,
        _("Employment requirement."),
        "ja",
        lambda p, r: _yes(p.employment_requirement),
    ),
    CsvColumn(
        "sysselsattningsmal",
        INTEGER,
        _("The employment requirement's target."),
        "24",
        lambda p, r: _number(p.employment_target) if p.employment_requirement else "",
    ),
    CsvColumn(
        "sysselsattningsmal_enhet",
        TEXT,
        _("What the target counts: manader (months of full-time work), personer or platser."),
        "manader",
        lambda p, r: p.employment_target_type if p.employment_requirement else "",
    ),
    CsvColumn(
        "delomraden", YES_NO, _("Divided into lots."), "nej", lambda p, r: _yes(p.divided_into_lots)
    ),
    CsvColumn(
        "marknadsdialog",
        YES_NO,
        _("Market dialogue held."),
        "ja",
        lambda p, r: _yes(p.market_dialogue_held),
    ),
    CsvColumn(
        "andra_sociala_krav",
        TEXT,
        _("Other social requirements."),
        "Praktikplatser för unga.",
        lambda p, r: p.other_social_requirements,
    ),
    CsvColumn(
        "sociala_hansyn",
        YES_NO,
        _("Has social considerations (OCDS hasSustainability)."),
        "ja",
        lambda p, r: _yes(r["tender"]["hasSustainability"]),
    ),
    CsvColumn(
        "antal_anbud",
        INTEGER,
        _("Number of bids."),
        "3",
        lambda p, r: str(r["tender"].get("numberOfTenderers", 0)),
    ),
    CsvColumn(
        "tilldelade_leverantorer",
        TEXT,
        _("Awarded suppliers, separated by “; ” (sole traders without name)."),
        "Städkooperativet Glans ek. för.",
        lambda p, r: "; ".join(s["name"] for s in _awarded(r)),
    ),
    CsvColumn(
        "tilldelade_orgnr",
        TEXT,
        _("Their organisation numbers (10 digits), separated by “; ”."),
        "7696001234",
        lambda p, r: _awarded_numbers(r),
    ),
    CsvColumn(
        "kontraktsvarde",
        INTEGER,
        _("Sum of the awarded contract values, whole kronor excluding VAT."),
        "1150000",
        lambda p, r: _contract_value(r),
    ),
    CsvColumn(
        "uppdaterad",
        DATETIME,
        _("Last change of the procurement or its bids."),
        "2026-03-01T10:15:00+01:00",
        lambda p, r: r["date"],
    ),
)


def csv_rows(organisation, publication) -> list[list[str]]:
    """The header and one row per procurement, from the same releases as the OCDS file."""
    prefix = ocid_prefix(organisation, publication)
    buyer = {"id": f"{prefix}-buyer", "name": organisation.name}
    rows = [[c.name for c in CSV_COLUMNS]]
    with translation.override("sv"), scope(organisation=organisation.pk):
        for procurement in _procurements(organisation):
            data = release(procurement, prefix=prefix, buyer=buyer)
            rows.append([c.value(procurement, data) for c in CSV_COLUMNS])
    return rows


def reserved_participation_table() -> list[dict]:
    return [
        {"procedure": Procedure(code).label, "law": law, "code": value}
        for code, (value, law) in RESERVED_PARTICIPATION.items()
    ]


def method_table() -> list[dict]:
    return [
        {"procedure": Procedure(code).label, "method": method or "–"}
        for code, method in PROCUREMENT_METHODS.items()
    ]


def status_table() -> list[dict]:
    return [
        {"status": Status(code).label, "tag": tag, "tender": tender, "contract": contract or "–"}
        for code, (tag, tender, contract) in STATUSES.items()
    ]
