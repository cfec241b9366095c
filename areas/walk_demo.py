"""Demo records for the seven-area walk: decisions, coordination, documents, action plan, steps.

Registered with ``order=30`` so that ``seed_demo`` runs it after the register (order 0), the
procurements (0), the partnerships (10) and the supplier payments (20): the external forum
invites enterprises from the organisation's own register.

Profiles:

- ``"far"`` (Sjöstads kommun): a decision by Kommunstyrelsen in force (replacing an older one by
  Arbetsmarknadsnämnden), a coordinating function with a written mandate and three people, an
  internal group (näringsliv, upphandling, arbetsmarknad, socialtjänst) and a dialogue forum with
  a dozen of the register's enterprises and Arbetsförmedlingen, Försäkringskassan, the
  samordningsförbund, the region and Coompanion, five meetings each with agenda, minutes,
  attendance and decided actions; an adopted programme and guideline, a repealed policy and a
  draft; an action plan of 17 activities without any overdue; every checklist step done, areas
  1, 2, 3 and 5 evaluated, area 7 half-way. The walk shows levels 3–4 except area 7 (level 2).
- ``"start"`` (Norrbyns kommun): a contact person at 20 % without a mandate, a small working
  group that has met once, a draft guideline, four activities (one overdue), a few steps started
  in areas 1 and 2. The walk shows levels 0–1.

Dates are relative to the day of seeding (the walk counts meetings "in the last 12 months" from
today); titles, names and case-number serials are fixed. Idempotent: every record is looked up
by its natural key (a decision by its committee, a document or activity by its title, a meeting
by its group and title, a member by group and name, a step's progress by its step) and created
only when missing; many-to-many links are set only on the record's creation. Every record is
validated with ``full_clean()`` before it is saved. Random choices (which enterprises are in the
forum and attend its meetings) come from ``rng``.
"""

import datetime

from django.apps import apps
from django.utils import timezone

from areas.data.area_steps import load_area_steps
from areas.models import (
    INTERNAL_FUNCTIONS,
    ActionStatus,
    Activity,
    ActivityStatus,
    AreaStep,
    CommitteeKind,
    CoordinatingFunction,
    CoordinationGroup,
    DocumentKind,
    DocumentStatus,
    FunctionMember,
    FunctionPlacement,
    GoverningDocument,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    PoliticalDecision,
    Represents,
    StepProgress,
    StepStatus,
)

# The register's status for an enterprise in active collaboration (enterprises.EnterpriseStatus).
ACTIVE_ENTERPRISE = "aktiv"
IDENTIFIED_ENTERPRISE = "identifierad"

DONE = ActivityStatus.DONE
ONGOING = ActivityStatus.ONGOING
NOT_STARTED = ActivityStatus.NOT_STARTED

# --- Sjöstads kommun ("far") -----------------------------------------------------------------
# Day offsets: negative = days ago, positive = days ahead of the seeding day.

FAR_DECISIONS = [
    {
        "committee": "Arbetsmarknadsnämnden",
        "committee_kind": CommitteeKind.SPECIALIST,
        "decided": -1960,
        "serial": "AMN {year}/64",
        "repealed": -640,
        "decision": (
            "Arbetsmarknadsnämnden ansvarar för kommunens samverkan med arbetsintegrerande "
            "sociala företag inom ramen för arbetsmarknadsinsatserna. Arbetsmarknadsenheten "
            "rapporterar till nämnden en gång per år."
        ),
    },
    {
        "committee": "Kommunstyrelsen",
        "committee_kind": CommitteeKind.EXECUTIVE,
        "decided": -640,
        "serial": "KS {year}/187",
        "repealed": None,
        "decision": (
            "Kommunstyrelsen har det politiska ansvaret för kommunens samverkan med sociala "
            "företag, så att frågan blir kommunövergripande och omfattar näringsliv, upphandling, "
            "arbetsmarknad och socialtjänst. Kommunledningskontoret samordnar arbetet och lämnar "
            "en lägesrapport till kommunstyrelsens arbetsutskott två gånger per år. "
            "Arbetsmarknadsnämndens beslut om ansvar för arbetsintegrerande sociala företag "
            "upphör att gälla."
        ),
    },
]

FAR_FUNCTION = {
    "name": "Samordning sociala företag",
    "placement": FunctionPlacement.MANAGEMENT,
    "unit": "Kommunledningskontoret, avdelningen för hållbar tillväxt",
    "established": -600,
    "mandate": (
        "Funktionen samordnar kommunens samverkan med sociala företag enligt programmet för "
        "samverkan med sociala företag. Den leder den interna samverkansgruppen och "
        "dialogforumet, håller registret över sociala företag aktuellt, stödjer förvaltningarna "
        "i upphandlingar med sociala hänsyn och i frågor om IOP, och följer upp handlingsplanen.\n"
        "Funktionen får besluta om forumets och gruppens mötesformer och om fördelningen av "
        "handlingsplanens aktiviteter mellan förvaltningarna, efter samråd med "
        "förvaltningscheferna.\n"
        "Funktionen rapporterar till kommundirektören och lämnar lägesrapport till "
        "kommunstyrelsens arbetsutskott två gånger per år."
    ),
    "members": [
        ("Samir Haddad", "Samordnare för sociala företag", 50),
        ("Elin Strand", "Hållbarhetsstrateg", 20),
        ("Johanna Vik", "Näringslivsutvecklare", 20),
    ],
}

FAR_INTERNAL = {
    "name": "Interna samverkansgruppen för sociala företag",
    "kind": GroupKind.INTERNAL,
    "started": -540,
    "purpose": (
        "Samordnar kommunens arbete med sociala företag över förvaltningsgränserna: "
        "upphandlingsplanen gås igenom efter uppdrag som passar sociala företag, "
        "arbetsträningsplatser matchas mot företagens behov och sysselsättningskraven följs upp. "
        "Gruppen träffas fyra gånger per år; Samir Haddad är sammankallande och för "
        "minnesanteckningar. Gemensam rutin: varje upphandling över 500 000 kr prövas mot sociala "
        "hänsyn i gruppen innan den annonseras."
    ),
    "members": [
        ("Johanna Vik", Represents.BUSINESS, "Näringslivskontoret"),
        ("Tobias Ahlgren", Represents.PURCHASING, "Upphandlingsenheten"),
        ("Fatima Rahimi", Represents.LABOUR_MARKET, "Arbetsmarknadsenheten"),
        ("Lena Forsberg", Represents.SOCIAL_SERVICES, "Socialförvaltningen, vuxenenheten"),
        ("Samir Haddad", Represents.OTHER_FUNCTION, "Kommunledningskontoret"),
    ],
    "meetings": [
        {
            "title": "Uppstartsmöte för den interna samverkansgruppen",
            "day": -510,
            "absent": [],
            "agenda": (
                "1. Presentation av deltagarna\n"
                "2. Kommunstyrelsens beslut om ansvar och samordning\n"
                "3. Gruppens syfte och mötesrytm\n"
                "4. Upphandlingsplanen för nästa år"
            ),
            "minutes": (
                "Samir Haddad gick igenom kommunstyrelsens beslut och programmet. Gruppen "
                "träffas fyra gånger per år. Tobias Ahlgren visade upphandlingsplanen; "
                "snöröjning, parkskötsel och tvätt bedömdes passa sociala företag."
            ),
            "other": "",
            "actions": [
                (
                    "Gå igenom upphandlingsplanen efter uppdrag som passar sociala företag",
                    "Tobias Ahlgren",
                    -470,
                    ActionStatus.DONE,
                ),
                (
                    "Sammanställ arbetsmarknadsenhetens behov av arbetsträningsplatser",
                    "Fatima Rahimi",
                    -470,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Rutin för sociala hänsyn i upphandling",
            "day": -390,
            "absent": ["Lena Forsberg"],
            "agenda": (
                "1. Föregående minnesanteckningar och åtgärder\n"
                "2. Förslag till rutin för prövning av sociala hänsyn\n"
                "3. Reserverad upphandling av snöröjning vid förskolorna"
            ),
            "minutes": (
                "Rutinen för prövning av sociala hänsyn diskuterades: alla upphandlingar över "
                "500 000 kr tas upp i gruppen innan annonsering. Snöröjningen vid förskolorna "
                "föreslås reserveras enligt LOU 4 kap. 18 §."
            ),
            "other": "Helena Sjöberg, Förskoleförvaltningen (punkt 3)",
            "actions": [
                (
                    "Skriv förslag till rutin för prövning av sociala hänsyn",
                    "Tobias Ahlgren",
                    -330,
                    ActionStatus.DONE,
                ),
                (
                    "Förbered marknadsdialog om snöröjning med företagen i registret",
                    "Samir Haddad",
                    -350,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Uppföljning av sysselsättningskrav",
            "day": -250,
            "absent": ["Johanna Vik"],
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Kvartalsrapporter från tvätteriavtalet\n"
                "3. Matchning mot arbetsträningsplatser"
            ),
            "minutes": (
                "Tvätteriavtalet ligger efter i levererade månader; leverantören har lämnat en "
                "plan. Arbetsmarknadsenheten matchar två deltagare mot avtalet. En gemensam mall "
                "för kvartalsrapporter behövs."
            ),
            "other": "",
            "actions": [
                (
                    "Ta fram mall för kvartalsrapport om sysselsättningskrav",
                    "Tobias Ahlgren",
                    -200,
                    ActionStatus.DONE,
                ),
                (
                    "Bjud in Arbetsförmedlingen till dialogforumet om matchning",
                    "Fatima Rahimi",
                    -210,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Upphandlingsplanen och arbetsträningsplatser",
            "day": -140,
            "absent": [],
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Upphandlingsplanen för nästa år: vilka upphandlingar kan reserveras?\n"
                "3. Arbetsträning inom äldreomsorgen"
            ),
            "minutes": (
                "Återbruk av möbler och catering till möten lyfts som kandidater för reserverad "
                "upphandling respektive delområden. Socialförvaltningen ser behov av "
                "arbetsträningsplatser i äldreomsorgens kök och tvätt."
            ),
            "other": "",
            "actions": [
                (
                    "Markera upphandlingar i nästa års plan som kan reserveras",
                    "Tobias Ahlgren",
                    40,
                    ActionStatus.ONGOING,
                ),
                (
                    "Kartlägg behovet av arbetsträningsplatser inom äldreomsorgen",
                    "Lena Forsberg",
                    -20,
                    ActionStatus.ONGOING,
                ),
            ],
        },
        {
            "title": "Årlig utvärdering av den interna samordningen",
            "day": -35,
            "absent": ["Fatima Rahimi"],
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Utvärdering: vad har gruppen åstadkommit under året?\n"
                "3. Underlag till lägesrapporten till kommunstyrelsen"
            ),
            "minutes": (
                "Gruppen har prövat elva upphandlingar mot sociala hänsyn; fyra fick reservation "
                "eller sysselsättningskrav. Rutinen fungerar men behöver komma in tidigare i "
                "förvaltningarnas planering. Mötesrytmen behålls."
            ),
            "other": "",
            "actions": [
                (
                    "Skriv utvärderingen till lägesrapporten för kommunstyrelsen",
                    "Samir Haddad",
                    50,
                    ActionStatus.ONGOING,
                ),
                (
                    "Uppdatera rutinen så att förvaltningarna anmäler upphandlingar tidigare",
                    "Tobias Ahlgren",
                    90,
                    ActionStatus.OPEN,
                ),
            ],
        },
    ],
}

FAR_FORUM = {
    "name": "Dialogforum för sociala företag i Sjöstad",
    "kind": GroupKind.EXTERNAL,
    "started": -480,
    "purpose": (
        "Ett stående forum där kommunen, de sociala företagen och andra aktörer träffas fyra "
        "gånger per år: kommunen berättar om kommande upphandlingar, företagen om vad de kan "
        "erbjuda, och Arbetsförmedlingen, Försäkringskassan och samordningsförbundet om insatser "
        "för personer långt från arbetsmarknaden. Mötena hålls gärna hos ett av företagen."
    ),
    "invited_active": 9,
    "invited_identified": 3,
    "members": [
        ("Samir Haddad", Represents.OTHER_FUNCTION, "Sjöstads kommun, Kommunledningskontoret"),
        ("Tobias Ahlgren", Represents.PURCHASING, "Sjöstads kommun, Upphandlingsenheten"),
        ("Maria Lundgren", Represents.EMPLOYMENT_SERVICE, "Arbetsförmedlingen Sjöstad"),
        ("Ahmed Yusuf", Represents.SOCIAL_INSURANCE, "Försäkringskassan, lokalkontor Sjöstad"),
        ("Birgitta Holm", Represents.COORDINATION_ASSOCIATION, "Samordningsförbundet Sjöstad–Åsby"),
        ("Erik Sandberg", Represents.REGION, "Region Sjöland, regional utveckling"),
        ("Anna Wikström", Represents.OTHER_ACTOR, "Coompanion Sjöland"),
    ],
    "meetings": [
        {
            "title": "Första dialogforumet",
            "day": -460,
            "absent": ["Erik Sandberg"],
            "enterprises": 8,
            "agenda": (
                "1. Välkommen och presentation\n"
                "2. Kommunens program för samverkan med sociala företag\n"
                "3. Vad behöver företagen av kommunen?\n"
                "4. Forumets form och mötesrytm"
            ),
            "minutes": (
                "Åtta företag deltog. Företagen efterfrågar tidig information om upphandlingar, "
                "enklare direktupphandlingar och en kontaktväg in i kommunen. Forumet träffas "
                "fyra gånger per år, gärna hos ett av företagen."
            ),
            "other": "",
            "actions": [
                (
                    "Publicera forumets och samordnarens kontaktuppgifter på kommunens webbplats",
                    "Samir Haddad",
                    -430,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Kommande upphandlingar",
            "day": -330,
            "absent": ["Ahmed Yusuf"],
            "enterprises": 9,
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Upphandlingsplanen: lokalvård i östra skolområdet i delområden\n"
                "3. Hur lämnar man anbud? Genomgång av upphandlingsverktyget"
            ),
            "minutes": (
                "Tobias Ahlgren presenterade upphandlingsplanen. Lokalvården i östra "
                "skolområdet delas i tre delområden. Två företag överväger att lämna gemensamt "
                "anbud; Coompanion erbjuder rådgivning om samarbetsformer."
            ),
            "other": "",
            "actions": [
                (
                    "Skicka upphandlingsplanen till forumets deltagare",
                    "Tobias Ahlgren",
                    -320,
                    ActionStatus.DONE,
                ),
                (
                    "Erbjud rådgivning om gemensamma anbud",
                    "Anna Wikström",
                    -280,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Arbetsträning och matchning",
            "day": -200,
            "absent": [],
            "enterprises": 7,
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Arbetsförmedlingens och Försäkringskassans insatser\n"
                "3. Samordningsförbundets projekt för unga vuxna\n"
                "4. Företagens lediga arbetsträningsplatser"
            ),
            "minutes": (
                "Arbetsförmedlingen och Försäkringskassan beskrev insatserna för personer långt "
                "från arbetsmarknaden. Företagen har tillsammans 23 lediga "
                "arbetsträningsplatser. Samordningsförbundet söker företag till sitt projekt."
            ),
            "other": "",
            "actions": [
                (
                    "Ta fram gemensam information om arbetsträning till företagen",
                    "Maria Lundgren",
                    -120,
                    ActionStatus.DONE,
                ),
                (
                    "Samla företagens lediga arbetsträningsplatser i en lista",
                    "Birgitta Holm",
                    -150,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Marknadsdialog om catering och återbruk",
            "day": -110,
            "absent": ["Ahmed Yusuf", "Erik Sandberg"],
            "enterprises": 6,
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Catering till möten och konferenser: två delområden\n"
                "3. Återbruk av möbler och inventarier: reserverad upphandling?"
            ),
            "minutes": (
                "Kafé- och cateringföretagen ser delområdet fika som möjligt att lämna anbud på. "
                "För återbruket föreslår kommunen en reserverad upphandling; företagen vill ha "
                "minst två års avtalstid för att kunna anställa."
            ),
            "other": "Elin Strand, Kommunledningskontoret (punkt 3)",
            "actions": [
                (
                    "Undersök ett gemensamt anbud mellan två kafé- och cateringföretag",
                    "Anna Wikström",
                    -60,
                    ActionStatus.DONE,
                ),
                (
                    "Föreslå avtalstid för återbruksupphandlingen utifrån dialogen",
                    "Tobias Ahlgren",
                    -70,
                    ActionStatus.DONE,
                ),
            ],
        },
        {
            "title": "Höstens dialogforum",
            "day": -20,
            "absent": [],
            "enterprises": 9,
            "agenda": (
                "1. Föregående åtgärder\n"
                "2. Vinterns snöröjning vid förskolorna\n"
                "3. Utkastet till riktlinje för IOP\n"
                "4. Planering av vårens forum"
            ),
            "minutes": (
                "Snöröjningsavtalet fungerar; jourlistan ses över inför vintern. Utkastet till "
                "riktlinje för IOP presenterades och skickas på remiss till forumet. Vårens "
                "forum hålls hos ett av företagen."
            ),
            "other": "",
            "actions": [
                (
                    "Skicka utkastet till riktlinje för IOP på remiss till forumet",
                    "Samir Haddad",
                    30,
                    ActionStatus.ONGOING,
                ),
                (
                    "Planera vårens forum hos ett av företagen",
                    "Birgitta Holm",
                    75,
                    ActionStatus.OPEN,
                ),
            ],
        },
    ],
}

PROGRAMME = "Program för samverkan med sociala företag"
GUIDELINE = "Riktlinje för sociala hänsyn i upphandling"

FAR_DOCUMENTS = [
    {
        "kind": DocumentKind.POLICY,
        "title": "Policy för socialt företagande",
        "adopted_by": "Kommunfullmäktige",
        "adopted": -2100,
        "serial": "KS {year}/412",
        "valid_from": -2080,
        "valid_to": -541,
        "next_review": None,
        "status": DocumentStatus.REPEALED,
        "summary": (
            "Kommunens första policy för arbetsintegrerande sociala företag. Upphörde när "
            "programmet för samverkan med sociala företag antogs."
        ),
    },
    {
        "kind": DocumentKind.PROGRAMME,
        "title": PROGRAMME,
        "adopted_by": "Kommunfullmäktige",
        "adopted": -560,
        "serial": "KS {year}/311",
        "valid_from": -540,
        "valid_to": 920,
        "next_review": 200,
        "status": DocumentStatus.ADOPTED,
        "summary": (
            "Programmet anger tre mål: fler sociala företag som växer, fler affärer mellan "
            "kommunen och de sociala företagen, och fler personer långt från arbetsmarknaden i "
            "arbete. Det pekar ut kommunstyrelsen som ansvarig, Kommunledningskontoret som "
            "samordnare och följs av en handlingsplan som revideras varje år."
        ),
    },
    {
        "kind": DocumentKind.GUIDELINE,
        "title": GUIDELINE,
        "adopted_by": "Kommunstyrelsen",
        "adopted": -400,
        "serial": "KS {year}/96",
        "valid_from": -390,
        "valid_to": None,
        "next_review": 330,
        "status": DocumentStatus.ADOPTED,
        "summary": (
            "Varje upphandling över 500 000 kr prövas mot sociala hänsyn innan den annonseras: "
            "reserverat kontrakt (LOU 4 kap. 18 §), reserverad upphandling (19 kap. 25 och "
            "25 a §§), sysselsättningskrav (17 kap. 1 §), delområden och marknadsdialog."
        ),
    },
    {
        "kind": DocumentKind.GUIDELINE,
        "title": "Riktlinje för idéburet offentligt partnerskap (IOP)",
        "adopted_by": "",
        "adopted": None,
        "serial": "",
        "valid_from": None,
        "valid_to": None,
        "next_review": None,
        "status": DocumentStatus.DRAFT,
        "summary": (
            "Utkast: när IOP kan vara ett alternativ till upphandling eller bidrag, Forums "
            "kriterier, hur initiativ från idéburna organisationer tas emot och hur "
            "partnerskapen följs upp. Skickas på remiss till dialogforumet."
        ),
    },
]

# (area, title, description, document title or None, owner, start, due, status, percent)
FAR_ACTIVITIES = [
    (
        1,
        "Informera nämnderna om kommunstyrelsens ansvar",
        "Information i förvaltningschefsgruppen och på nämndernas presidiemöten.",
        PROGRAMME,
        "Samir Haddad",
        -620,
        -560,
        DONE,
        100,
    ),
    (
        1,
        "Lägesrapport till kommunstyrelsens arbetsutskott två gånger per år",
        "Lägesrapporten från Samverka med kommentarer; vårens rapport är lämnad.",
        PROGRAMME,
        "Samir Haddad",
        -300,
        45,
        ONGOING,
        50,
    ),
    (
        2,
        "Publicera samordnarens kontaktuppgifter på webbplatsen och intranätet",
        "",
        None,
        "Samir Haddad",
        -590,
        -450,
        DONE,
        100,
    ),
    (
        2,
        "Introduktion om sociala företag för förvaltningarnas chefer",
        "Halvdagsutbildning i fyra omgångar; tre är genomförda.",
        PROGRAMME,
        "Elin Strand",
        -250,
        120,
        ONGOING,
        75,
    ),
    (
        3,
        "Rutin för prövning av sociala hänsyn före annonsering",
        "Rutinen ingår i riktlinjen för sociala hänsyn i upphandling.",
        GUIDELINE,
        "Tobias Ahlgren",
        -390,
        -300,
        DONE,
        100,
    ),
    (
        3,
        "Årlig utvärdering av den interna samordningen",
        "Utvärderingen görs på gruppens sista möte för året och redovisas i lägesrapporten.",
        PROGRAMME,
        "Samir Haddad",
        -60,
        50,
        ONGOING,
        70,
    ),
    (
        4,
        "Ta fram handlingsplan till programmet",
        "Aktiviteter med ansvariga och datum, kopplade till de sju områdena.",
        PROGRAMME,
        "Samir Haddad",
        -540,
        -480,
        DONE,
        100,
    ),
    (
        4,
        "Ta fram riktlinje för idéburet offentligt partnerskap",
        "Utkast klart; remiss till dialogforumet och förvaltningarna.",
        PROGRAMME,
        "Elin Strand",
        -150,
        100,
        ONGOING,
        40,
    ),
    (
        4,
        "Aktualitetspröva riktlinjen för sociala hänsyn i upphandling",
        "",
        GUIDELINE,
        "Tobias Ahlgren",
        240,
        330,
        NOT_STARTED,
        0,
    ),
    (
        5,
        "Kartlägga de sociala företagen i kommunen och föra in dem i registret",
        "Med hjälp av Coompanion, Skoopis lista och näringslivskontorets kontakter.",
        PROGRAMME,
        "Johanna Vik",
        -560,
        -400,
        DONE,
        100,
    ),
    (
        5,
        "Dialogforum med de sociala företagen fyra gånger per år",
        "",
        PROGRAMME,
        "Samir Haddad",
        -320,
        40,
        ONGOING,
        75,
    ),
    (
        5,
        "Besök hos minst fem sociala företag per år",
        "Kommunalråd och tjänstepersoner besöker företagen; tre besök är gjorda.",
        PROGRAMME,
        "Johanna Vik",
        -320,
        40,
        ONGOING,
        60,
    ),
    (
        6,
        "Sysselsättningskrav i upphandlingen av lokalvård",
        "",
        GUIDELINE,
        "Tobias Ahlgren",
        -420,
        -150,
        DONE,
        100,
    ),
    (
        6,
        "Reservera minst två upphandlingar per år enligt LOU 4 kap. 18 §",
        "Snöröjningen och parkskötseln är reserverade; återbruket är på väg.",
        GUIDELINE,
        "Tobias Ahlgren",
        -330,
        40,
        ONGOING,
        50,
    ),
    (
        6,
        "Pröva IOP för arbetsträning i återbruk",
        "Dialog med Ekbackens Second Hand; marknadsfrågan utreds.",
        None,
        "Fatima Rahimi",
        -60,
        150,
        ONGOING,
        30,
    ),
    (
        7,
        "Ta fram indikatorer och målvärden för programmet",
        "Antal företag i registret, köp från sociala företag, arbetsträningsplatser, "
        "övergångar till arbete eller studier.",
        PROGRAMME,
        "Elin Strand",
        -500,
        -380,
        DONE,
        100,
    ),
    (
        7,
        "Beskriv en effektkedja för arbetsträning hos sociala företag",
        "Resurser, aktiviteter, prestationer, resultat och effekter; med samordningsförbundet.",
        PROGRAMME,
        "Elin Strand",
        -90,
        160,
        ONGOING,
        40,
    ),
]

# Checklist notes by area, in the steps' order: (days ago, owner, note).
FAR_STEP_NOTES = {
    1: [
        (
            700,
            "Samir Haddad",
            "Kommunstyrelsen, arbetsmarknadsnämnden, socialnämnden och samhällsbyggnadsnämnden "
            "berörs.",
        ),
        (
            680,
            "Samir Haddad",
            "Tjänsteskrivelse med för- och nackdelar; förslaget blev kommunstyrelsen.",
        ),
        (640, "Annika Lindqvist", "Kommunstyrelsen beslutade om ansvaret (KS {year}/187)."),
        (600, "Samir Haddad", "Lägesrapport till arbetsutskottet i maj och november."),
        (580, "Samir Haddad", "Information i förvaltningschefsgruppen och på presidiemötena."),
    ],
    2: [
        (610, "Annika Lindqvist", "Placerad i Kommunledningskontoret som ledningsfunktion."),
        (600, "Samir Haddad", "Tre personer, sammanlagt 90 % av en heltid."),
        (590, "Samir Haddad", "Uppdraget är skrivet och förankrat hos kommundirektören."),
        (450, "Samir Haddad", "Kontaktuppgifter på webbplatsen, intranätet och i forumet."),
    ],
    3: [
        (540, "Samir Haddad", "Näringsliv, upphandling, arbetsmarknad och socialtjänst."),
        (510, "Samir Haddad", "Fyra möten per år; syftet står i gruppens beskrivning."),
        (250, "Samir Haddad", "Mötena har minnesanteckningar och åtgärder i Samverka."),
        (300, "Tobias Ahlgren", "Rutinen för sociala hänsyn ingår i riktlinjen."),
        (35, "Samir Haddad", "Utvärderad på gruppens möte; redovisas i lägesrapporten."),
    ],
    4: [
        (620, "Elin Strand", "Näringslivsprogram, upphandlingspolicy och den gamla policyn."),
        (580, "Elin Strand", "Programmet ersätter policyn för socialt företagande."),
        (560, "Samir Haddad", "Antaget av kommunfullmäktige (KS {year}/311)."),
        (480, "Samir Haddad", "Handlingsplanen är inlagd i Samverka, kopplad till områdena."),
        (400, "Samir Haddad", "Datum för översyn finns på programmet och riktlinjen."),
    ],
    5: [
        (400, "Johanna Vik", "Registret omfattar de kända sociala företagen i kommunen."),
        (480, "Samir Haddad", "Dialogforumet startade med åtta företag."),
        (460, "Samir Haddad", "Arbetsförmedlingen, Försäkringskassan, samordningsförbundet."),
        (200, "Samir Haddad", "Fyra forum per år med minnesanteckningar."),
        (330, "Tobias Ahlgren", "Upphandlingsplanen presenteras på forumet varje år."),
    ],
    6: [
        (510, "Tobias Ahlgren", "Genomgång av upphandlingsplanen i den interna gruppen."),
        (390, "Tobias Ahlgren", "Snöröjning och parkskötsel reserverade; krav i tvätt."),
        (330, "Tobias Ahlgren", "Lokalvården delad i tre delområden efter marknadsdialog."),
        (300, "Fatima Rahimi", "Forums kriterier används; två IOP är igång."),
        (200, "Tobias Ahlgren", "Kvartalsrapporter registreras i Samverka."),
    ],
    7: [
        (380, "Elin Strand", "Indikatorer och målvärden finns i programmet."),
        (180, "Samir Haddad", "Handlingsplanen följs upp i maj och november."),
        (
            60,
            "Elin Strand",
            "Effektkedja för programmets mål; fördjupning för arbetsträning pågår.",
        ),
        (30, "Samir Haddad", "Vårens lägesrapport lämnad; höstens under arbete."),
        (30, "Samir Haddad", "Utvärdering planerad inför revideringen av programmet."),
    ],
}
# The areas whose every step is evaluated (the others are done, area 7 half-way).
FAR_EVALUATED_AREAS = {1, 2, 3, 5}
FAR_PARTIAL_AREA = 7
EVALUATION_NOTE = "Utvärderat i den årliga uppföljningen: fungerar och behålls."

# --- Norrbyns kommun ("start") ---------------------------------------------------------------

START_FUNCTION = {
    "name": "Kontaktperson för sociala företag",
    "placement": FunctionPlacement.BUSINESS,
    "unit": "Näringslivsenheten",
    "established": -90,
    "mandate": "",
    "members": [("Eva Järvinen", "Näringslivsutvecklare", 20)],
}

START_INTERNAL = {
    "name": "Arbetsgrupp sociala företag",
    "kind": GroupKind.INTERNAL,
    "started": -60,
    "purpose": "Ett första försök att samla de funktioner som möter sociala företag.",
    "members": [
        ("Eva Järvinen", Represents.BUSINESS, "Näringslivsenheten"),
        ("Lars Öberg", Represents.LABOUR_MARKET, "Arbetsmarknads- och integrationsenheten"),
    ],
    "meetings": [
        {
            "title": "Första träffen",
            "day": -40,
            "absent": [],
            "agenda": (
                "1. Varför sociala företag?\n"
                "2. Vilka sociala företag känner vi till?\n"
                "3. Vem mer behöver vara med?"
            ),
            "minutes": (
                "Vi känner till ett tiotal företag och föreningar. Upphandlaren och "
                "socialtjänsten bör vara med i gruppen. Ingen politisk nämnd har ansvaret ännu."
            ),
            "other": "",
            "actions": [
                (
                    "Fråga upphandlaren om att ingå i arbetsgruppen",
                    "Eva Järvinen",
                    -10,
                    ActionStatus.ONGOING,
                ),
                (
                    "Sammanställ en lista över kända sociala företag",
                    "Lars Öberg",
                    30,
                    ActionStatus.ONGOING,
                ),
            ],
        },
    ],
}

START_DOCUMENTS = [
    {
        "kind": DocumentKind.GUIDELINE,
        "title": "Riktlinje för samverkan med sociala företag",
        "adopted_by": "",
        "adopted": None,
        "serial": "",
        "valid_from": None,
        "valid_to": None,
        "next_review": None,
        "status": DocumentStatus.DRAFT,
        "summary": (
            "Första utkast, skrivet med SKR:s handbok som stöd. Tas upp med kommunstyrelsens "
            "arbetsutskott när det är klart vilken nämnd som ska ha ansvaret."
        ),
    },
]

START_ACTIVITIES = [
    (
        1,
        "Ta fram beslutsunderlag om vilken nämnd som ska ha ansvaret",
        "Tjänsteskrivelse till kommunstyrelsens arbetsutskott.",
        None,
        "Karin Nilsson",
        -75,
        -25,
        ONGOING,
        30,
    ),
    (
        2,
        "Skriv ett uppdrag för kontaktpersonen",
        "",
        None,
        "Karin Nilsson",
        None,
        90,
        NOT_STARTED,
        0,
    ),
    (
        5,
        "Kartlägga de sociala företagen i kommunen",
        "Med hjälp av föreningsregistret och Arbetsförmedlingen.",
        None,
        "Eva Järvinen",
        -60,
        60,
        ONGOING,
        50,
    ),
    (
        6,
        "Utbildning om reserverad upphandling för upphandlarna",
        "",
        None,
        "Eva Järvinen",
        None,
        150,
        NOT_STARTED,
        0,
    ),
]

START_STEP_NOTES = {
    1: [
        (50, "Karin Nilsson", "Kommunstyrelsen och socialnämnden berörs; listan är inte klar."),
        (20, "Karin Nilsson", "Beslutsunderlaget skrivs, se handlingsplanen."),
    ],
    2: [
        (90, "Karin Nilsson", "Tills vidare på näringslivsenheten; frågan ska utredas."),
        (90, "Karin Nilsson", "Eva Järvinen på 20 %."),
    ],
}


# --- seeding ---------------------------------------------------------------------------------


class _Seeder:
    def __init__(self, organisation, rng, today: datetime.date):
        self.organisation = organisation
        self.rng = rng
        self.today = today

    def day(self, offset: int | None) -> datetime.date | None:
        return None if offset is None else self.today + datetime.timedelta(days=offset)

    def get_or_create(self, model, lookup: dict, values: dict):
        """The record with ``lookup`` in the organisation, created (validated) if missing."""
        existing = model.objects.filter(organisation=self.organisation, **lookup).first()
        if existing is not None:
            return existing, False
        obj = model(organisation=self.organisation, **lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True

    # area 1
    def decisions(self, entries) -> None:
        for entry in entries:
            decided = self.day(entry["decided"])
            self.get_or_create(
                PoliticalDecision,
                {"committee": entry["committee"]},
                {
                    "committee_kind": entry["committee_kind"],
                    "decided_on": decided,
                    "case_number": entry["serial"].format(year=decided.year),
                    "decision": entry["decision"],
                    "repealed_on": self.day(entry["repealed"]),
                },
            )

    # area 2
    def function(self, entry) -> None:
        function, _created = self.get_or_create(
            CoordinatingFunction,
            {"name": entry["name"]},
            {
                "placement": entry["placement"],
                "unit": entry["unit"],
                "mandate": entry["mandate"],
                "established_on": self.day(entry["established"]),
            },
        )
        for name, title, share in entry["members"]:
            self.get_or_create(
                FunctionMember,
                {"function": function, "name": name},
                {"title": title, "share_of_full_time": share, "email": _email(name)},
            )

    # areas 3 and 5
    def group(self, entry, invite=None) -> None:
        """The group with its members and meetings; ``invite()`` gives the enterprises to
        invite when the group is created (an external forum)."""
        group, created = self.get_or_create(
            CoordinationGroup,
            {"name": entry["name"]},
            {
                "kind": entry["kind"],
                "purpose": entry["purpose"],
                "started_on": self.day(entry["started"]),
            },
        )
        if created and invite is not None:
            group.enterprises.set(invite())
        members = {}
        for name, represents, organisation_name in entry["members"]:
            member, _created = self.get_or_create(
                GroupMember,
                {"group": group, "name": name},
                {
                    "represents": represents,
                    "organisation_name": organisation_name,
                    "email": _email(name) if represents in INTERNAL_FUNCTIONS else "",
                },
            )
            members[name] = member
        invited = list(group.enterprises.order_by("name", "pk"))
        for data in entry["meetings"]:
            meeting, created = self.get_or_create(
                Meeting,
                {"group": group, "title": data["title"]},
                {
                    "date": self.day(data["day"]),
                    "agenda": data["agenda"],
                    "minutes": data["minutes"],
                    "other_attendees": data["other"],
                },
            )
            if created:
                meeting.attending_members.set(
                    [m for name, m in members.items() if name not in data["absent"]]
                )
                count = min(data.get("enterprises", 0), len(invited))
                if count:
                    meeting.attending_enterprises.set(self.rng.sample(invited, count))
            for what, responsible, due, status in data["actions"]:
                self.get_or_create(
                    MeetingAction,
                    {"meeting": meeting, "what": what},
                    {"responsible": responsible, "due_date": self.day(due), "status": status},
                )

    def forum_enterprises(self, active: int, identified: int) -> list:
        """Enterprises from the organisation's register to invite: mostly active ones."""
        model = apps.get_model("enterprises", "SocialEnterprise")
        chosen = []
        for status, count in ((ACTIVE_ENTERPRISE, active), (IDENTIFIED_ENTERPRISE, identified)):
            candidates = list(
                model.objects.filter(organisation=self.organisation, status=status).order_by(
                    "name", "pk"
                )
            )
            chosen.extend(self.rng.sample(candidates, min(count, len(candidates))))
        return chosen

    # area 4
    def documents(self, entries) -> None:
        for entry in entries:
            adopted = self.day(entry["adopted"])
            self.get_or_create(
                GoverningDocument,
                {"title": entry["title"]},
                {
                    "kind": entry["kind"],
                    "adopted_by": entry["adopted_by"],
                    "adopted_on": adopted,
                    "case_number": entry["serial"].format(year=adopted.year) if adopted else "",
                    "valid_from": self.day(entry["valid_from"]),
                    "valid_to": self.day(entry["valid_to"]),
                    "next_review": self.day(entry["next_review"]),
                    "status": entry["status"],
                    "summary": entry["summary"],
                },
            )

    def activities(self, entries) -> None:
        documents = {
            d.title: d for d in GoverningDocument.objects.filter(organisation=self.organisation)
        }
        for area, title, description, document, owner, start, due, status, percent in entries:
            self.get_or_create(
                Activity,
                {"title": title},
                {
                    "area": area,
                    "description": description,
                    "document": documents.get(document) if document else None,
                    "owner": owner,
                    "start_date": self.day(start),
                    "due_date": self.day(due),
                    "status": status,
                    "percent_complete": percent,
                },
            )

    # the checklist
    def steps(self, notes: dict, status_for) -> None:
        """Progress for the steps that have notes; ``status_for(area, index, count)`` gives
        the status (``None``: leave the step without progress)."""
        by_area: dict[int, list[AreaStep]] = {}
        for step in AreaStep.objects.order_by("area", "position", "pk"):
            by_area.setdefault(step.area, []).append(step)
        existing = set(
            StepProgress.objects.filter(organisation=self.organisation).values_list(
                "step_id", flat=True
            )
        )
        for area, steps in by_area.items():
            area_notes = notes.get(area, [])
            for index, step in enumerate(steps):
                status = status_for(area, index, len(steps))
                if status is None or step.pk in existing:
                    continue
                days, owner, note = area_notes[index] if index < len(area_notes) else (30, "", "")
                date = self.day(-days)
                note = note.format(year=date.year)
                if status == StepStatus.EVALUATED:
                    date = self.day(-35)
                    note = f"{note} {EVALUATION_NOTE}".strip()
                self.get_or_create(
                    StepProgress,
                    {"step": step},
                    {"status": status, "date": date, "owner": owner, "note": note},
                )


def _email(name: str) -> str:
    """A made-up address under example.se, e.g. samir.haddad@example.se."""
    table = str.maketrans("åäöéü", "aaoeu")
    local = ".".join(name.lower().translate(table).split())
    return f"{local}@example.se"


def _far_status(area: int, index: int, count: int) -> str:
    if area in FAR_EVALUATED_AREAS:
        return StepStatus.EVALUATED
    if area == FAR_PARTIAL_AREA and index >= count - 2:
        return StepStatus.STARTED
    return StepStatus.DONE


def _start_status(area: int, index: int, count: int) -> str | None:
    return StepStatus.STARTED if area in START_STEP_NOTES and index < 2 else None


def seed(*, organisation, profile, rng) -> None:
    load_area_steps(AreaStep)  # the checklist, should its table have been emptied
    seeder = _Seeder(organisation, rng, timezone.localdate())
    if profile == "far":
        seeder.decisions(FAR_DECISIONS)
        seeder.function(FAR_FUNCTION)
        seeder.group(FAR_INTERNAL)
        seeder.group(
            FAR_FORUM,
            invite=lambda: seeder.forum_enterprises(
                FAR_FORUM["invited_active"], FAR_FORUM["invited_identified"]
            ),
        )
        seeder.documents(FAR_DOCUMENTS)
        seeder.activities(FAR_ACTIVITIES)
        seeder.steps(FAR_STEP_NOTES, _far_status)
    else:
        seeder.function(START_FUNCTION)
        seeder.group(START_INTERNAL)
        seeder.documents(START_DOCUMENTS)
        seeder.activities(START_ACTIVITIES)
        seeder.steps(START_STEP_NOTES, _start_status)
