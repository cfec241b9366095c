"""Demo procurements for the demo municipalities (called by ``seed_demo`` inside a scope).

Sjöstad ("far"): about twenty procurements across the pipeline, some reserved (LOU 4 kap.
18 §, 19 kap. 25 a §), some with employment requirements and quarterly reports (one behind,
one on track, one met), direct awards under the limit and one planned direct award over it
(so the warning shows), bids from the register's enterprises found by category. Contracts
start from 2022, with social considerations in a growing number of them, so the follow-up
shows five years. Norrbyn ("start"): three plain procurements.

Deterministic (no random values) and idempotent: a procurement is created only if the
organisation has none with its title; its bids and reports are created with it.
"""

from datetime import date

from enterprises.models import EnterpriseStatus, ServiceCategory, SocialEnterprise
from procurement.models import (
    Bid,
    EmploymentReport,
    Procedure,
    Procurement,
    Status,
    TargetType,
)
from procurement.thresholds import ensure_thresholds

SNO = "Snöskottning och halkbekämpning"
FRUKT = "Fruktkorgar"
BIL = "Biltvätt"
GRAS = "Gräsklippning och grönyteskötsel"
LOKAL = "Lokalvård"
CATER = "Catering och måltider"
CYKEL = "Cykelverkstad"
SECOND = "Second hand och återbruk"
TVATT = "Tvätteri"
FLYTT = "Flytt och transport"
FAST = "Fastighetsservice"
KAFE = "Kafé och servering"
IT = "IT-återbruk och elektronik"

D = Procedure.DIRECT_AWARD
OPEN = Procedure.OPEN
SIMPLE = Procedure.SIMPLIFIED
R418 = Procedure.RESERVED
R1925A = Procedure.RESERVED_NON_PROFIT

# Each entry: procurement fields, then "bids": [(supplier index in the category or an outside
# supplier (name, org number), bid value, awarded)], "reports": [(start, end, months, people,
# placements)], "invite": number of register enterprises invited to the dialogue.
SJOSTAD = [
    {
        "title": "Snöröjning av förskolegårdar 2025–2027",
        "reference": "KS 2025/0412",
        "category": SNO,
        "procedure": R418,
        "estimated_value": 1_800_000,
        "planned_start": date(2025, 11, 1),
        "planned_end": date(2027, 10, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2025, 11, 1),
        "market_dialogue_date": date(2025, 3, 12),
        "invite": 3,
        "description": "Snöröjning och halkbekämpning av 14 förskolegårdar, entréer och "
        "gångvägar, med jour vid snöfall.",
        "responsible_unit": "Förskoleförvaltningen",
        "responsible_person": "Helena Sjöberg",
        "other_social_requirements": "Reserverad för leverantörer där minst 30 % av de anställda "
        "har funktionsnedsättning eller står långt från arbetsmarknaden.",
        "bids": [(0, 1_720_000, True), (1, 1_790_000, False)],
    },
    {
        "title": "Fruktkorgar till kommunens arbetsplatser 2026",
        "reference": "KS 2025/0688",
        "category": FRUKT,
        "procedure": D,
        "estimated_value": 240_000,
        "planned_start": date(2026, 1, 1),
        "planned_end": date(2026, 12, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2026, 1, 1),
        "description": "Veckovis leverans av fruktkorgar till 22 arbetsplatser.",
        "responsible_unit": "Kommunledningskontoret, inköp",
        "responsible_person": "Samir Haddad",
        "bids": [(0, 228_000, True)],
    },
    {
        "title": "Tvätt av arbetskläder inom äldreomsorgen",
        "reference": "SN 2024/1150",
        "category": TVATT,
        "procedure": OPEN,
        "estimated_value": 3_600_000,
        "planned_start": date(2025, 4, 1),
        "planned_end": date(2028, 3, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2025, 4, 1),
        "employment": (TargetType.MONTHS, 36),
        "description": "Tvätt, mangling och leverans av arbetskläder till sju äldreboenden.",
        "responsible_unit": "Socialförvaltningen",
        "responsible_person": "Lena Forsberg",
        "other_social_requirements": "Sysselsättningskrav: minst 36 månaders heltidsarbete för "
        "personer långt från arbetsmarknaden under avtalstiden; första anställningen inom sex "
        "månader från avtalsstart.",
        "bids": [
            (0, 3_450_000, True),
            (("Nordisk Textilservice AB", "556677-8899"), 3_180_000, False),
        ],
        "reports": [
            (date(2025, 4, 1), date(2025, 6, 30), 2, 1, 0),
            (date(2025, 7, 1), date(2025, 9, 30), 3, 0, 0),
            (date(2025, 10, 1), date(2025, 12, 31), 3, 1, 0),
            (date(2026, 1, 1), date(2026, 3, 31), 3, 0, 0),
            (date(2026, 4, 1), date(2026, 6, 30), 3, 0, 0),
            (date(2026, 7, 1), date(2026, 9, 30), 3, 0, 0),
        ],
    },
    {
        "title": "Lokalvård i östra skolområdet",
        "reference": "BUN 2026/0077",
        "category": LOKAL,
        "procedure": OPEN,
        "estimated_value": 12_500_000,
        "planned_start": date(2026, 7, 1),
        "planned_end": date(2029, 6, 30),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2026, 7, 1),
        "divided_into_lots": True,
        "employment": (TargetType.PEOPLE, 6),
        "market_dialogue_date": date(2025, 11, 20),
        "invite": 4,
        "description": "Lokalvård i sex skolor, uppdelat i tre delområden så att mindre "
        "leverantörer kan lämna anbud.",
        "responsible_unit": "Barn- och utbildningsförvaltningen",
        "responsible_person": "Magnus Lind",
        "bids": [
            (0, 4_050_000, True),
            (1, 4_300_000, True),
            (("Städbolaget Norden AB", "556123-4567"), 11_200_000, False),
        ],
        "reports": [(date(2026, 7, 1), date(2026, 9, 30), 0, 2, 0)],
    },
    {
        "title": "Skötsel av stadsdelsparker 2024–2026",
        "reference": "SBN 2023/0931",
        "category": GRAS,
        "procedure": R418,
        "estimated_value": 2_400_000,
        "planned_start": date(2024, 4, 1),
        "planned_end": date(2026, 10, 31),
        "status": Status.CLOSED,
        "status_date": date(2026, 10, 31),
        "employment": (TargetType.MONTHS, 12),
        "description": "Gräsklippning, lövkrattning och skötsel av fyra stadsdelsparker.",
        "responsible_unit": "Samhällsbyggnadsförvaltningen",
        "responsible_person": "Oskar Nordin",
        "bids": [(0, 2_350_000, True), (1, 2_390_000, False)],
        "reports": [
            (date(2024, 4, 1), date(2024, 10, 31), 5, 2, 0),
            (date(2025, 4, 1), date(2025, 10, 31), 5, 1, 0),
            (date(2026, 4, 1), date(2026, 10, 31), 4, 0, 0),
        ],
    },
    {
        "title": "Biltvätt av kommunens tjänstebilar",
        "reference": "KS 2025/0501",
        "category": BIL,
        "procedure": D,
        "estimated_value": 180_000,
        "planned_start": date(2025, 9, 1),
        "planned_end": date(2026, 8, 31),
        "status": Status.CLOSED,
        "status_date": date(2026, 8, 31),
        "description": "Invändig och utvändig tvätt av bilpoolens 35 bilar, på plats.",
        "responsible_unit": "Kommunledningskontoret, fordon",
        "responsible_person": "Peter Holm",
        "bids": [(0, 172_000, True)],
    },
    {
        "title": "Catering till möten och konferenser 2027–2028",
        "reference": "KS 2026/0340",
        "category": CATER,
        "procedure": SIMPLE,
        "estimated_value": 1_200_000,
        "planned_start": date(2027, 1, 1),
        "planned_end": date(2028, 12, 31),
        "status": Status.ADVERTISED,
        "status_date": date(2026, 10, 15),
        "employment": (TargetType.PLACEMENTS, 4),
        "divided_into_lots": True,
        "market_dialogue_date": date(2026, 9, 15),
        "invite": 5,
        "description": "Catering till kommunens möten, två delområden: fika och lunch.",
        "responsible_unit": "Kommunledningskontoret, inköp",
        "responsible_person": "Samir Haddad",
    },
    {
        "title": "Service av tjänstecyklar",
        "reference": "KS 2026/0102",
        "category": CYKEL,
        "procedure": D,
        "estimated_value": 150_000,
        "planned_start": date(2026, 3, 1),
        "planned_end": date(2027, 2, 28),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2026, 3, 1),
        "description": "Service och reparation av 60 tjänstecyklar och lastcyklar.",
        "responsible_unit": "Samhällsbyggnadsförvaltningen",
        "responsible_person": "Oskar Nordin",
        "bids": [(0, 138_000, True), (1, 149_000, False)],
    },
    {
        "title": "Återbruk av möbler och inventarier",
        "reference": "KS 2026/0455",
        "category": SECOND,
        "procedure": R418,
        "estimated_value": 900_000,
        "planned_start": date(2027, 3, 1),
        "planned_end": date(2029, 2, 28),
        "status": Status.MARKET_DIALOGUE,
        "status_date": date(2026, 11, 5),
        "market_dialogue_date": date(2026, 11, 5),
        "invite": 4,
        "description": "Hämtning, reparation och återbruk av kontorsmöbler från kommunens "
        "verksamheter.",
        "responsible_unit": "Kommunledningskontoret, hållbarhet",
        "responsible_person": "Elin Strand",
    },
    {
        "title": "Träffpunkter för äldre",
        "reference": "SN 2026/0610",
        "category": KAFE,
        "procedure": R1925A,
        "estimated_value": 1_500_000,
        "planned_start": date(2027, 1, 1),
        "planned_end": date(2028, 12, 31),
        "status": Status.EVALUATION,
        "status_date": date(2026, 11, 10),
        "description": "Öppen träffpunktsverksamhet med kafé för äldre i tre stadsdelar.",
        "responsible_unit": "Socialförvaltningen",
        "responsible_person": "Lena Forsberg",
        "bids": [(0, 1_450_000, False), (1, 1_480_000, False)],
    },
    {
        "title": "Fastighetsservice i kommunens lokaler 2027–2030",
        "reference": "SBN 2026/0822",
        "category": FAST,
        "procedure": OPEN,
        "estimated_value": 8_000_000,
        "planned_start": date(2027, 4, 1),
        "planned_end": date(2030, 3, 31),
        "status": Status.PLANNED,
        "status_date": date(2026, 9, 1),
        "employment": (TargetType.MONTHS, 48),
        "divided_into_lots": True,
        "description": "Enklare underhåll, vaktmästeri och trappstädning i 40 fastigheter.",
        "responsible_unit": "Samhällsbyggnadsförvaltningen",
        "responsible_person": "Magnus Lind",
    },
    {
        "title": "Flytt av förvaltningskontor till stadshuset",
        "reference": "KS 2026/0901",
        "category": FLYTT,
        "procedure": D,
        "estimated_value": 760_000,
        "planned_start": date(2027, 2, 1),
        "planned_end": date(2027, 4, 30),
        "status": Status.PLANNED,
        "status_date": date(2026, 11, 2),
        "description": "Flytt av 180 arbetsplatser, magasinering och bortforsling.",
        "responsible_unit": "Kommunledningskontoret",
        "responsible_person": "Peter Holm",
    },
    {
        "title": "IT-återbruk av uttjänt utrustning",
        "reference": "KS 2025/0777",
        "category": IT,
        "procedure": D,
        "estimated_value": 420_000,
        "planned_start": date(2026, 1, 1),
        "planned_end": date(2027, 12, 31),
        "status": Status.CANCELLED,
        "status_date": date(2025, 12, 1),
        "description": "Avbruten: behovet täcks av regionens samordnade avtal.",
        "responsible_unit": "IT-enheten",
        "responsible_person": "Jonas Berglund",
        "bids": [(0, 398_000, False)],
    },
]

# Sjöstad's earlier contracts (2022–2024): fewer with social considerations than later.
SJOSTAD_HISTORY = [
    {
        "title": "Skötsel av stadsdelsparker 2022–2023",
        "reference": "SBN 2021/0788",
        "category": GRAS,
        "procedure": OPEN,
        "estimated_value": 1_900_000,
        "planned_start": date(2022, 4, 1),
        "planned_end": date(2023, 10, 31),
        "status": Status.CLOSED,
        "status_date": date(2023, 10, 31),
        "employment": (TargetType.MONTHS, 8),
        "description": "Gräsklippning, lövkrattning och skötsel av fyra stadsdelsparker.",
        "responsible_unit": "Samhällsbyggnadsförvaltningen",
        "responsible_person": "Oskar Nordin",
        "other_social_requirements": "Sysselsättningskrav: minst åtta månaders heltidsarbete "
        "för personer långt från arbetsmarknaden under avtalstiden.",
        "bids": [
            (("Grönyteservice Mälardalen AB", "556234-5677"), 1_840_000, True),
            (0, 1_930_000, False),
        ],
        "reports": [
            (date(2022, 4, 1), date(2022, 10, 31), 3, 1, 0),
            (date(2023, 4, 1), date(2023, 10, 31), 4, 1, 0),
        ],
    },
    {
        "title": "Budtransporter av internpost 2022–2024",
        "reference": "KS 2021/0912",
        "category": FLYTT,
        "procedure": OPEN,
        "estimated_value": 1_400_000,
        "planned_start": date(2022, 2, 1),
        "planned_end": date(2024, 1, 31),
        "status": Status.CLOSED,
        "status_date": date(2024, 1, 31),
        "description": "Daglig budtransport av internpost mellan kommunens 30 adresser.",
        "responsible_unit": "Kommunledningskontoret",
        "responsible_person": "Peter Holm",
        "bids": [(("Budbilarna i Sjöstad AB", "556345-6788"), 1_320_000, True)],
    },
    {
        "title": "Arbetskläder till hemtjänsten 2022–2024",
        "reference": "SN 2021/0640",
        "category": TVATT,
        "procedure": OPEN,
        "estimated_value": 2_200_000,
        "planned_start": date(2022, 9, 1),
        "planned_end": date(2024, 8, 31),
        "status": Status.CLOSED,
        "status_date": date(2024, 8, 31),
        "description": "Arbetskläder, skor och regnkläder till hemtjänstens 250 medarbetare.",
        "responsible_unit": "Socialförvaltningen",
        "responsible_person": "Lena Forsberg",
        "bids": [(("Nordisk Textilservice AB", "556677-8899"), 2_050_000, True)],
    },
    {
        "title": "Catering till möten och konferenser 2023–2026",
        "reference": "KS 2022/0815",
        "category": CATER,
        "procedure": SIMPLE,
        "estimated_value": 1_000_000,
        "planned_start": date(2023, 1, 1),
        "planned_end": date(2026, 12, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2023, 1, 1),
        "divided_into_lots": True,
        "employment": (TargetType.MONTHS, 12),
        "description": "Catering till kommunens möten, två delområden: fika och lunch.",
        "responsible_unit": "Kommunledningskontoret, inköp",
        "responsible_person": "Samir Haddad",
        "bids": [(0, 470_000, True), (1, 450_000, True)],
        "reports": [
            (date(2023, 1, 1), date(2023, 12, 31), 3, 1, 0),
            (date(2024, 1, 1), date(2024, 12, 31), 4, 0, 0),
            (date(2025, 1, 1), date(2025, 12, 31), 4, 1, 0),
            (date(2026, 1, 1), date(2026, 6, 30), 2, 0, 0),
        ],
    },
    {
        "title": "Skrivare och kopiatorer 2023–2026",
        "reference": "KS 2022/1004",
        "category": IT,
        "procedure": OPEN,
        "estimated_value": 2_600_000,
        "planned_start": date(2023, 5, 1),
        "planned_end": date(2026, 4, 30),
        "status": Status.CLOSED,
        "status_date": date(2026, 4, 30),
        "description": "Hyra och service av 140 skrivare och kopiatorer.",
        "responsible_unit": "IT-enheten",
        "responsible_person": "Jonas Berglund",
        "bids": [(("Kontorsteknik Öst AB", "556412-9871"), 2_480_000, True)],
    },
    {
        "title": "Vaktmästeri på äldreboendena 2024–2026",
        "reference": "SN 2023/0705",
        "category": FAST,
        "procedure": R418,
        "estimated_value": 1_600_000,
        "planned_start": date(2024, 2, 1),
        "planned_end": date(2026, 12, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2024, 2, 1),
        "market_dialogue_date": date(2023, 9, 14),
        "invite": 3,
        "description": "Enklare vaktmästeri, trädgård och småreparationer på sju äldreboenden.",
        "responsible_unit": "Socialförvaltningen",
        "responsible_person": "Lena Forsberg",
        "other_social_requirements": "Reserverad för leverantörer där minst 30 % av de anställda "
        "har funktionsnedsättning eller står långt från arbetsmarknaden.",
        "bids": [(0, 1_540_000, True)],
    },
    {
        "title": "Bevakning av kommunens fastigheter 2024–2027",
        "reference": "SBN 2023/0960",
        "category": FAST,
        "procedure": OPEN,
        "estimated_value": 3_200_000,
        "planned_start": date(2024, 1, 1),
        "planned_end": date(2027, 12, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2024, 1, 1),
        "description": "Larmutryckning och ronderande bevakning av 40 fastigheter.",
        "responsible_unit": "Samhällsbyggnadsförvaltningen",
        "responsible_person": "Magnus Lind",
        "bids": [(("Väktarbolaget Trygg AB", "556901-2346"), 3_050_000, True)],
    },
    {
        "title": "Kafé i stadsbibliotekets entré 2026–2027",
        "reference": "KFN 2025/0233",
        "category": KAFE,
        "procedure": R418,
        "estimated_value": 600_000,
        "planned_start": date(2026, 2, 1),
        "planned_end": date(2027, 1, 31),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2026, 2, 1),
        "description": "Kafé med enklare servering i stadsbibliotekets entré, vardagar.",
        "responsible_unit": "Kultur- och fritidsförvaltningen",
        "responsible_person": "Elin Strand",
        "other_social_requirements": "Reserverad för leverantörer där minst 30 % av de anställda "
        "har funktionsnedsättning eller står långt från arbetsmarknaden.",
        "bids": [(0, 560_000, True)],
    },
]

NORRBYN = [
    {
        "title": "Snöröjning vid kommunhuset",
        "reference": "KS 2025/210",
        "category": SNO,
        "procedure": D,
        "estimated_value": 320_000,
        "planned_start": date(2025, 11, 1),
        "planned_end": date(2027, 4, 30),
        "status": Status.CONTRACT_RUNNING,
        "status_date": date(2025, 11, 1),
        "responsible_unit": "Tekniska enheten",
        "responsible_person": "Karin Nilsson",
    },
    {
        "title": "Lokalvård i Norrbyns skola",
        "reference": "BUN 2026/044",
        "category": LOKAL,
        "procedure": OPEN,
        "estimated_value": 4_200_000,
        "planned_start": date(2027, 1, 1),
        "planned_end": date(2029, 12, 31),
        "status": Status.ADVERTISED,
        "status_date": date(2026, 10, 20),
        "responsible_unit": "Barn- och utbildningsförvaltningen",
        "responsible_person": "Eva Järvinen",
    },
    {
        "title": "Fruktkorgar till förskolorna",
        "reference": "",
        "category": FRUKT,
        "procedure": D,
        "estimated_value": 90_000,
        "planned_start": date(2027, 1, 1),
        "planned_end": date(2027, 12, 31),
        "status": Status.PLANNED,
        "status_date": date(2026, 11, 1),
        "responsible_unit": "Barn- och utbildningsförvaltningen",
        "responsible_person": "Eva Järvinen",
    },
]

SPECIAL_KEYS = {"category", "employment", "bids", "reports", "invite", "market_dialogue_date"}


def seed(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic on purpose
    ensure_thresholds()
    entries = SJOSTAD_HISTORY + SJOSTAD if profile == "far" else NORRBYN
    existing = set(Procurement.objects.values_list("title", flat=True))
    categories = {c.name: c for c in ServiceCategory.objects.all()}
    for entry in entries:
        if entry["title"] in existing:
            continue
        _create(organisation, entry, categories)


def _suppliers(category):
    """The register's enterprises in the category, active ones first (deterministic)."""
    enterprises = list(SocialEnterprise.objects.filter(categories=category).order_by("name"))
    active = [e for e in enterprises if e.status == EnterpriseStatus.ACTIVE]
    return active + [e for e in enterprises if e.status != EnterpriseStatus.ACTIVE]


def _create(organisation, entry, categories) -> None:
    category = categories.get(entry["category"])
    fields = {k: v for k, v in entry.items() if k not in SPECIAL_KEYS}
    employment = entry.get("employment")
    dialogue = entry.get("market_dialogue_date")
    procurement = Procurement(
        organisation=organisation,
        category=category,
        cpv_code=(category.cpv_codes.split(",")[0].strip() if category else ""),
        employment_requirement=employment is not None,
        employment_target_type=employment[0] if employment else "",
        employment_target=employment[1] if employment else None,
        market_dialogue_held=dialogue is not None,
        market_dialogue_date=dialogue,
        **fields,
    )
    procurement.full_clean()
    procurement.save()
    suppliers = _suppliers(category) if category else []
    if entry.get("invite"):
        procurement.invited_enterprises.set(
            suppliers[: entry["invite"]], through_defaults={"organisation": organisation}
        )
    for supplier, value, awarded in entry.get("bids", []):
        bid = Bid(organisation=organisation, procurement=procurement, bid_value=value)
        if isinstance(supplier, tuple):
            bid.supplier_name, bid.supplier_org_number = supplier
        elif supplier < len(suppliers):
            bid.supplier = suppliers[supplier]
        else:
            continue
        if awarded:
            bid.awarded = True
            bid.contract_value = value
        bid.full_clean()
        bid.save()
    for start, end, months, people, placements in entry.get("reports", []):
        report = EmploymentReport(
            organisation=organisation,
            procurement=procurement,
            period_start=start,
            period_end=end,
            months_delivered=months,
            people_delivered=people,
            placements_delivered=placements,
        )
        report.full_clean()
        report.save()
