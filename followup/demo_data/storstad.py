"""The benchmark municipality, Storstads kommun (``manage.py seed_scale``): its organisation and
users, the full-size counts (scaled by ``--size``) and the vocabularies the builder draws from
(names, districts, streets, units, procedures, themes, titles, manual indicators, effect steps).
The code that builds the records is :mod:`followup.management.commands.seed_scale`."""

import datetime

from areas.models import DocumentKind, Represents
from collab.models import Organisation, Role
from enterprises.models import Answer, EnterpriseKind, EnterpriseStatus, LegalForm
from followup.models import Direction, Periodicity, Stage, YearlyValue
from procurement.demo_data.spend import HEADERS
from procurement.models import Procedure

SLUG = "storstad"
ORGANISATION = {
    "slug": SLUG,
    "name": "Storstads kommun",
    "kind": Organisation.Kind.MUNICIPALITY,
    # Skåne's county code 12; the real municipality codes there end at 1293.
    "scb_code": "1299",
    "population": 602_340,
}
# (username, first name, last name, role)
USERS = [
    ("admin.storstad", "Lina", "Bergström", Role.ADMINISTRATOR),
    ("samordnare.storstad", "Omar", "Nasser", Role.COORDINATOR),
    ("politiker.storstad", "Helena", "Wallin", Role.VIEWER),
]
COORDINATOR = "samordnare.storstad"
YEARS = 10

# Full-size counts and the least each may shrink to with --size (so every kind of row exists).
COUNTS = {
    "enterprises": (2_000, 30),
    "procurements": (5_000, 40),
    "partnerships": (60, 3),
    "payments_per_year": (5_000, 60),
    "meetings_per_year": (12, 2),
    "forum_enterprises": (80, 6),
    "documents": (30, 5),
    "activities": (300, 14),
    "outside_suppliers": (600, 20),
}

DISTRICTS = [
    "Hamnstaden",
    "Västerby",
    "Österäng",
    "Kvarnby",
    "Ekdalen",
    "Sjöbacka",
    "Hagaby",
    "Lindby",
    "Norrgården",
    "Söderhöjden",
    "Storängen",
    "Centrum",
    "Bergsjöby",
    "Ängsby",
    "Tallbacken",
    "Kronoparken",
]
NAME_FIRST = [
    "Gröna",
    "Nya",
    "Ljusa",
    "Goda",
    "Starka",
    "Trygga",
    "Framtidens",
    "Kvarterets",
    "Hamnens",
    "Parkens",
    "Torgets",
    "Stadens",
    "Unga",
    "Glada",
    "Blå",
    "Röda",
    "Gemensamma",
    "Öppna",
    "Kloka",
    "Friska",
]
NAME_SECOND = [
    "Händer",
    "Cykelköket",
    "Returen",
    "Verkstaden",
    "Bageriet",
    "Tvätteriet",
    "Kaféet",
    "Trädgården",
    "Snickeriet",
    "Lyftet",
    "Bryggan",
    "Stegen",
    "Kvarnen",
    "Vävstugan",
    "Matlaget",
    "Fixarna",
    "Odlarna",
    "Budet",
    "Skafferiet",
    "Ateljén",
]
STREETS = [
    "Storgatan",
    "Hamngatan",
    "Industrivägen",
    "Kvarngatan",
    "Parkvägen",
    "Torggatan",
    "Verkstadsgatan",
    "Skolgatan",
    "Ängsvägen",
    "Järnvägsgatan",
]
# Fictional phone numbers (PTS's ranges for drama and fiction).
PHONES = [f"070-174 06 {n:02d}" for n in range(5, 100)] + [
    f"031-390 06 {n:02d}" for n in range(100)
]

KINDS = {
    EnterpriseKind.WISE: 50,
    EnterpriseKind.NON_PROFIT: 25,
    EnterpriseKind.SOCIAL_INNOVATION: 15,
    EnterpriseKind.OTHER: 10,
}
LEGAL_FORMS = {
    EnterpriseKind.WISE: {
        LegalForm.ECONOMIC_ASSOCIATION: 60,
        LegalForm.LIMITED_COMPANY_SVB: 25,
        LegalForm.LIMITED_COMPANY: 5,
        LegalForm.NON_PROFIT_ASSOCIATION: 7,
        LegalForm.FOUNDATION: 3,
    },
    EnterpriseKind.NON_PROFIT: {
        LegalForm.NON_PROFIT_ASSOCIATION: 70,
        LegalForm.FOUNDATION: 20,
        LegalForm.ECONOMIC_ASSOCIATION: 10,
    },
    EnterpriseKind.SOCIAL_INNOVATION: {
        LegalForm.LIMITED_COMPANY: 35,
        LegalForm.LIMITED_COMPANY_SVB: 20,
        LegalForm.ECONOMIC_ASSOCIATION: 30,
        LegalForm.SOLE_TRADER: 10,
        LegalForm.TRADING_PARTNERSHIP: 5,
    },
    EnterpriseKind.OTHER: {
        LegalForm.LIMITED_COMPANY: 40,
        LegalForm.TRADING_PARTNERSHIP: 15,
        LegalForm.SOLE_TRADER: 20,
        LegalForm.OTHER: 25,
    },
}
STATUSES = {
    EnterpriseStatus.IDENTIFIED: 40,
    EnterpriseStatus.ACTIVE: 35,
    EnterpriseStatus.DORMANT: 15,
    EnterpriseStatus.ENDED: 10,
}
# The first digits of an organisation number by legal form (a sole trader's is a personnummer).
ORG_PREFIXES = {
    LegalForm.ECONOMIC_ASSOCIATION: ["769"],
    LegalForm.NON_PROFIT_ASSOCIATION: ["802"],
    LegalForm.FOUNDATION: ["802", "817"],
    LegalForm.LIMITED_COMPANY: ["556", "559"],
    LegalForm.LIMITED_COMPANY_SVB: ["556", "559"],
    LegalForm.TRADING_PARTNERSHIP: ["969"],
    LegalForm.OTHER: ["717", "222"],
}
CONTACT_ROLES = ["Verksamhetsledare", "Ordförande", "Handledare", "VD", "Samordnare", "Kassör"]
CRITERION_NOTES = {
    Answer.YES: "Kontrollerat mot stadgar, årsredovisning och samtal med styrelsen.",
    Answer.NO: "Uppfylls inte enligt senaste årsredovisningen; följs upp vid nästa kontakt.",
}

UNITS = [
    ("Kommunledningsförvaltningen", "KS"),
    ("Stadsbyggnadsförvaltningen", "SBN"),
    ("Utbildningsförvaltningen", "UN"),
    ("Förskoleförvaltningen", "FSN"),
    ("Socialförvaltningen", "SN"),
    ("Fritidsförvaltningen", "FN"),
    ("Serviceförvaltningen", "SF"),
    ("Arbetsmarknadsförvaltningen", "AMN"),
]
PROCEDURES = {
    Procedure.DIRECT_AWARD: 34,
    Procedure.SIMPLIFIED: 15,
    Procedure.OPEN: 20,
    Procedure.RESTRICTED: 3,
    Procedure.NEGOTIATED: 2,
    Procedure.RESERVED: 10,
    Procedure.RESERVED_SERVICES: 4,
    Procedure.RESERVED_NON_PROFIT: 4,
    Procedure.CHOICE_SYSTEM: 5,
    Procedure.OTHER: 3,
}
RESERVED_NON_PROFIT_FROM = datetime.date(2023, 1, 1)  # LOU 19 kap. 25 a § in force
DIRECT_AWARD_LIMIT = 700_000
OTHER_REQUIREMENTS = [
    "Leverantören ska erbjuda minst två praktikplatser per år till personer som står långt "
    "från arbetsmarknaden.",
    "Utvärdering av social hänsyn: plan för handledning och arbetsträning viktas 20 %.",
    "Krav på samverkan med kommunens arbetsmarknadsenhet om rekrytering.",
]
COMPANY_FIRST = [
    "Bygg",
    "Städ",
    "Mat",
    "Data",
    "Buss",
    "Grön",
    "Papper",
    "Kontor",
    "Vård",
    "El",
    "Rör",
    "Mark",
    "Trafik",
    "Skol",
    "Tvätt",
    "Park",
    "Lås",
    "Måleri",
    "Tak",
    "Energi",
]
COMPANY_SECOND = [
    "service",
    "partner",
    "gruppen",
    "teknik",
    "centralen",
    "huset",
    "kompaniet",
    "logistik",
    "konsult",
    "montage",
]
COMPANY_THIRD = ["Norden", "Syd", "Öst", "Väst", "i Storstad", "Sverige", "Skandinavien", "Direkt"]
ACCOUNTS = [
    ("4010", "Livsmedel"),
    ("4630", "Entreprenad, grönytor"),
    ("6110", "Kontorsmateriel"),
    ("6540", "IT-tjänster"),
    ("7010", "Städtjänster"),
    ("7410", "Konsulttjänster"),
    ("5610", "Transporter"),
]
# The supplier-payment files' columns (the national open-data format), as in the demo.
SPEND_HEADERS = HEADERS

IOP_THEMES = [
    ("Mötesplats och språkstöd för nyanlända", "Integration"),
    ("Läxhjälp och fritid för unga", "Barn och unga"),
    ("Trädgårdsgemenskap för äldre", "Äldre"),
    ("Stödboende och vägen till arbete", "Arbetslöshet och utanförskap"),
    ("Återbruksverkstad i stadsdelen", "Klimat och miljö"),
    ("Nattvandring och trygga mötesplatser", "Trygghet"),
    ("Friskvård och gemenskap", "Hälsa"),
]
IOP_COMMITTEES = ["Socialnämnden", "Arbetsmarknadsnämnden", "Kultur- och fritidsnämnden"]

INTERNAL_MEMBERS = [
    ("Omar Nasser", Represents.OTHER_FUNCTION, "Kommunledningsförvaltningen"),
    ("Sara Lindgren", Represents.BUSINESS, "Näringslivsavdelningen"),
    ("Mikael Öberg", Represents.PURCHASING, "Upphandlingsavdelningen"),
    ("Amina Yusuf", Represents.LABOUR_MARKET, "Arbetsmarknadsförvaltningen"),
    ("Karl Dahlberg", Represents.SOCIAL_SERVICES, "Socialförvaltningen"),
    ("Eva Sjögren", Represents.PURCHASING, "Serviceförvaltningen, inköp"),
    ("Jonas Falk", Represents.OTHER_FUNCTION, "Stadsbyggnadsförvaltningen"),
]
FORUM_MEMBERS = [
    ("Omar Nasser", Represents.OTHER_FUNCTION, "Kommunledningsförvaltningen"),
    ("Amina Yusuf", Represents.LABOUR_MARKET, "Arbetsmarknadsförvaltningen"),
    ("Petra Holm", Represents.EMPLOYMENT_SERVICE, "Arbetsförmedlingen Storstad"),
    ("Ali Hassan", Represents.SOCIAL_INSURANCE, "Försäkringskassan"),
    ("Maria Ek", Represents.COORDINATION_ASSOCIATION, "Samordningsförbundet Storstad"),
    ("Nils Brandt", Represents.REGION, "Region Skåne, regional utveckling"),
    ("Lotta Grön", Represents.OTHER_ACTOR, "Coompanion"),
    ("Henrik Ruud", Represents.OTHER_ACTOR, "Skoopi"),
]
FORUM_TOPICS = [
    "upphandlingar som passar sociala företag",
    "arbetsträningsplatser och handledning",
    "reserverade upphandlingar",
    "sysselsättningskrav i avtal",
    "IOP och idéburna organisationer",
    "återbruk och cirkulär ekonomi",
    "kommunens handlingsplan",
    "vinterns snöröjning",
]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
ACTION_WHATS = [
    "Sammanställ upphandlingsplanen för kommande halvår",
    "Bjud in företagen till nästa dialogmöte",
    "Ta fram förslag på reserverad upphandling",
    "Följ upp sysselsättningskraven i avtalen",
    "Uppdatera registret efter mötet",
    "Skicka minnesanteckningar till forumet",
    "Kartlägg arbetsträningsplatser hos företagen",
]
DOCUMENT_TITLES = {
    DocumentKind.POLICY: "Policy för samverkan med sociala företag",
    DocumentKind.STRATEGY: "Strategi för socialt hållbar upphandling",
    DocumentKind.PROGRAMME: "Program för samverkan med sociala företag",
    DocumentKind.GUIDELINE: "Riktlinje för reserverad upphandling och IOP",
    DocumentKind.ACTION_PLAN: "Handlingsplan för sociala företag",
}
ADOPTERS = ["Kommunfullmäktige", "Kommunstyrelsen", "Arbetsmarknadsnämnden"]
ACTIVITY_TITLES = {
    1: ["Lägesrapport till kommunstyrelsens arbetsutskott", "Seminarium för förtroendevalda"],
    2: ["Uppdatera samordningsfunktionens uppdrag", "Introduktion för ny samordnare"],
    3: ["Gemensam rutin för sociala hänsyn i upphandling", "Workshop i samverkansgruppen"],
    4: ["Revidera programmet för sociala företag", "Ta fram årets handlingsplan"],
    5: ["Dialogmöte med sociala företag i stadsdelen", "Kartlägg nya sociala företag"],
    6: ["Pröva reserverad upphandling av lokalvård", "Utbilda upphandlare i sysselsättningskrav"],
    7: ["Årlig uppföljning av indikatorerna", "Effektmätning av arbetsträningen"],
}
ACTIVITY_OWNERS = [
    "Omar Nasser",
    "Upphandlingsavdelningen",
    "Näringslivsavdelningen",
    "Arbetsmarknadsförvaltningen",
    "Socialförvaltningen",
]

# (name, unit, definition, periodicity, direction, area, per capita, low, high): the year's
# value grows from low to high over the ten years (falls, where lower is better).
MANUAL_INDICATORS = [
    (
        "Deltagare som gått vidare till arbete eller studier",
        "personer",
        "Deltagare i arbetsträning hos sociala företag som under året fått anställning eller "
        "börjat studera, enligt företagens rapporter.",
        Periodicity.YEAR,
        Direction.HIGHER,
        7,
        True,
        80,
        400,
    ),
    (
        "Personer i arbetsträning hos sociala företag",
        "personer",
        "Antal personer i arbetsträning under kvartalet, enligt arbetsmarknadsförvaltningen.",
        Periodicity.QUARTER,
        Direction.HIGHER,
        7,
        True,
        150,
        600,
    ),
    (
        "Nöjdhet i dialogforumet",
        "procent",
        "Andel av deltagarna i dialogforumet som i årets enkät svarar att forumet är till nytta.",
        Periodicity.YEAR,
        Direction.HIGHER,
        5,
        False,
        55,
        92,
    ),
    (
        "Ideella timmar i IOP",
        "timmar",
        "Ideella timmar som de idéburna parterna redovisar för årets IOP-överenskommelser.",
        Periodicity.YEAR,
        Direction.HIGHER,
        6,
        False,
        5_000,
        40_000,
    ),
    (
        "Långtidsarbetslösa i kommunen",
        "personer",
        "Personer som varit inskrivna på Arbetsförmedlingen i mer än ett år, i slutet av "
        "kvartalet.",
        Periodicity.QUARTER,
        Direction.LOWER,
        7,
        True,
        6_000,
        11_000,
    ),
    (
        "Sociala företag som fått rådgivning",
        "företag",
        "Företag som fått rådgivning av kommunen eller Coompanion under kvartalet.",
        Periodicity.QUARTER,
        Direction.HIGHER,
        5,
        False,
        10,
        60,
    ),
    (
        "Beräknat socialt värde (SROI)",
        "kr",
        "Socialt värde av arbetsträningen beräknat med SROI-modellen, i kronor.",
        Periodicity.YEAR,
        Direction.HIGHER,
        7,
        False,
        5_000_000,
        60_000_000,
    ),
    (
        "Anställningar via sysselsättningskrav",
        "personer",
        "Personer som anställts hos leverantörer för att uppfylla sysselsättningskrav.",
        Periodicity.QUARTER,
        Direction.HIGHER,
        6,
        False,
        2,
        30,
    ),
    (
        "Upphandlare utbildade i sociala hänsyn",
        "personer",
        "Upphandlare och beställare som gått kommunens utbildning i sociala hänsyn under året.",
        Periodicity.YEAR,
        Direction.HIGHER,
        3,
        False,
        5,
        60,
    ),
    (
        "Sociala företag med medlemskap i Skoopi",
        "företag",
        "Sociala företag i registret som är medlemmar i Skoopi vid årets slut.",
        Periodicity.YEAR,
        Direction.HIGHER,
        5,
        True,
        20,
        140,
    ),
]

# How a quarterly indicator's quarters make the year's value (the others: the default).
YEARLY_VALUES = {
    "Personer i arbetsträning hos sociala företag": YearlyValue.AVERAGE,
    "Långtidsarbetslösa i kommunen": YearlyValue.LATEST,
    "Sociala företag som fått rådgivning": YearlyValue.SUM,
    "Anställningar via sysselsättningskrav": YearlyValue.SUM,
}

# (stage, title, computed indicator keys, manual indicator positions in MANUAL_INDICATORS)
EFFECT_STEPS = [
    (Stage.RESOURCES, "Samordnare, budget och samverkansgrupp", [], []),
    (Stage.RESOURCES, "Kommunens inköp och upphandlingar", ["spend_social"], []),
    (Stage.ACTIVITIES, "Dialogforum och rådgivning", ["meetings_with_enterprises"], [5]),
    (Stage.ACTIVITIES, "Upphandlingar med sociala hänsyn", ["procurements_social"], [8]),
    (Stage.OUTPUTS, "Fler identifierade sociala företag", ["enterprises_identified"], [9]),
    (Stage.OUTPUTS, "Arbetsträningsplatser", ["work_training_places"], [1]),
    (Stage.OUTCOMES, "Anställning genom sysselsättningskrav", ["employment_months"], [7]),
    (Stage.OUTCOMES, "Deltagare vidare till arbete eller studier", [], [0]),
    (Stage.IMPACTS, "Minskat utanförskap", [], [4]),
    (Stage.IMPACTS, "Socialt värde för samhället", [], [6]),
]
