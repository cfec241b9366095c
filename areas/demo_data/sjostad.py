"""Sjöstads kommun (profile ``"far"``): five IOP partnerships since 2022 (ended, running, decided
and in dialogue; one with a criterion not met, to show the advice), and for the walk a decision
by Kommunstyrelsen in force (replacing an older one by Arbetsmarknadsnämnden), a coordinating
function with a written mandate and three people, an internal group and a dialogue forum with
five meetings each, an adopted programme and guideline, a repealed policy and a draft, an action
plan of 17 activities without any overdue, and every checklist step done (areas 1, 2, 3 and 5
evaluated, area 7 half-way). The walk shows levels 3–4 except area 7 (level 2).

The partnerships' dates are fixed; the walk's are day offsets from the day of seeding.
"""

from datetime import date

from areas.demo_data.common import (
    DONE,
    MET,
    NOT_MET,
    NOT_STARTED,
    ONGOING,
    OPEN,
    criteria,
)
from areas.models import (
    ActionStatus,
    CommitteeKind,
    DocumentKind,
    DocumentStatus,
    FunctionPlacement,
    GroupKind,
    PartnershipStatus,
    Represents,
)

# --- IOP partnerships ------------------------------------------------------------------------

PARTNERSHIPS = [
    {
        "partner": "Ungdomskraft Sjöstad",
        "challenge": "Barn och unga",
        "title": "Läxhjälp och lovaktiviteter för unga i Sjöstad",
        "purpose": (
            "Stärka skolresultaten och ge en meningsfull fritid för unga i Sjöstad genom "
            "läxhjälp på vardagskvällar och aktiviteter under sommar- och höstlov."
        ),
        "goals": "80 unga i läxhjälpen per termin; 150 unga i lovaktiviteterna per år.",
        "start_date": date(2022, 9, 1),
        "end_date": date(2026, 8, 31),
        "municipality_contribution": 300_000,
        "partner_contribution_money": 40_000,
        "partner_volunteer_hours": 1_800,
        "partner_contribution_other": "Ideella läxhjälpare och föreningens lokal.",
        "committee": "Barn- och utbildningsnämnden",
        "decision_date": date(2022, 6, 15),
        "case_number": "BUN 2022/188",
        "status": PartnershipStatus.ENDED,
        "next_follow_up": None,
        "follow_up_notes": (
            "2026-09-23: Slutuppföljning. I snitt 85 unga per termin i läxhjälpen; "
            "föreningen söker nu en ny överenskommelse om lovaktiviteterna.\n"
            "2024-09-18: Halvtidsuppföljning. 92 unga i läxhjälpen, 160 i lovaktiviteterna."
        ),
        "criteria": criteria(),
    },
    {
        "partner": "Stadsdelsmammorna i Västra Sjöstad",
        "challenge": "Integration",
        "title": "Mötesplats och språkstöd för nyanlända kvinnor",
        "purpose": (
            "Minska utanförskapet bland nyanlända kvinnor i Västra Sjöstad genom en "
            "mötesplats med språkcafé, samhällsinformation och stöd i kontakten med myndigheter."
        ),
        "goals": (
            "120 deltagare per år; hälften har efter ett år kontakt med Arbetsförmedlingen, "
            "SFI eller annan utbildning. Följs upp två gånger per år."
        ),
        "start_date": date(2024, 1, 1),
        "end_date": date(2026, 12, 31),
        "municipality_contribution": 450_000,
        "partner_contribution_money": 60_000,
        "partner_volunteer_hours": 2_400,
        "partner_contribution_other": "Föreningens lokal i Västra Sjöstad, kvällar och helger.",
        "committee": "Socialnämnden",
        "decision_date": date(2023, 11, 22),
        "case_number": "SN 2023/412",
        "status": PartnershipStatus.ONGOING,
        "next_follow_up": date(2026, 11, 18),
        "follow_up_notes": (
            "2026-05-20: Halvårsuppföljning. 68 deltagare hittills, språkcaféet fullt på "
            "tisdagar. Diskussion om förlängning efter 2026.\n"
            "2025-11-12: Årsuppföljning. 131 deltagare, 58 vidare till SFI eller arbete."
        ),
        "criteria": criteria(),
    },
    {
        "partner": "Föreningen Trädgårdsvännerna i Åsby",
        "challenge": "Äldre",
        "title": "Trädgårdsgemenskap för äldre i Åsby",
        "purpose": (
            "Bryta ensamhet bland äldre genom gemensam odling, trädgårdsträffar och "
            "besök på äldreboendena i Åsby."
        ),
        "goals": "40 regelbundna deltagare; odlingsträffar varje vecka april–oktober.",
        "start_date": date(2025, 3, 1),
        "end_date": date(2028, 2, 29),
        "municipality_contribution": 180_000,
        "partner_contribution_money": 15_000,
        "partner_volunteer_hours": 1_500,
        "partner_contribution_other": "Odlingslotter, redskap och föreningens växthus.",
        "committee": "Vård- och omsorgsnämnden",
        "decision_date": date(2025, 1, 29),
        "case_number": "VON 2024/218",
        "status": PartnershipStatus.ONGOING,
        "next_follow_up": date(2027, 3, 10),
        "follow_up_notes": "2026-03-11: Första årsuppföljningen. 37 deltagare, tre boenden.",
        "criteria": criteria(),
    },
    {
        "partner": "Cykelköket i Sjöstad",
        "challenge": "Barn och unga",
        "title": "Cykelköket – öppen verkstad för unga",
        "purpose": (
            "En öppen cykelverkstad där unga lär sig laga cyklar tillsammans med vuxna "
            "förebilder, som en meningsfull fritid och en väg till sommarjobb."
        ),
        "goals": "Öppet tre kvällar i veckan; 25 unga i sommarjobb per år.",
        "start_date": date(2027, 1, 1),
        "end_date": date(2029, 12, 31),
        "municipality_contribution": 240_000,
        "partner_contribution_money": 30_000,
        "partner_volunteer_hours": 900,
        "partner_contribution_other": "Verkstadslokal, verktyg och skänkta cyklar.",
        "committee": "Kultur- och fritidsnämnden",
        "decision_date": date(2026, 10, 14),
        "case_number": "KFN 2026/87",
        "status": PartnershipStatus.DECIDED,
        "next_follow_up": date(2027, 6, 15),
        "follow_up_notes": "",
        "criteria": criteria(),
    },
    {
        "partner": "Ekbackens Second Hand",
        "challenge": "Arbetslöshet och utanförskap",
        "title": "Arbetsträning i återbruksbutiken",
        "purpose": (
            "Platser för arbetsträning i föreningens butik för personer långt från "
            "arbetsmarknaden, med hämtning och sortering av möbler från kommunens verksamheter."
        ),
        "goals": "Tio arbetsträningsplatser per år; hälften vidare till arbete eller studier.",
        "start_date": date(2026, 9, 1),
        "end_date": date(2027, 8, 31),
        "municipality_contribution": 350_000,
        "partner_contribution_money": 0,
        "partner_volunteer_hours": 300,
        "partner_contribution_other": "Handledning i butiken.",
        "committee": "Arbetsmarknadsnämnden",
        "decision_date": None,
        "case_number": "AMN 2026/131",
        "status": PartnershipStatus.DIALOGUE,
        "next_follow_up": date(2026, 11, 25),
        "follow_up_notes": "2026-10-07: Dialogmöte med föreningen och upphandlingsenheten.",
        "criteria": criteria(
            initiative=(MET, "Föreningen föreslog arbetsträningsplatserna."),
            co_financing=(MET, "Föreningen bidrar med handledning och ideella timmar."),
            no_market=(
                NOT_MET,
                "Flera företag i kommunen hämtar och sorterar möbler; upphandlingsenheten "
                "föreslår en reserverad upphandling av den delen.",
            ),
            no_detailed_steering=(OPEN, "Bedöms när överenskommelsen är skriven."),
            long_term=(NOT_MET, "Ettårigt upplägg i nuvarande förslag."),
        ),
    },
]

# --- the seven-area walk ---------------------------------------------------------------------
# Day offsets: negative = days ago, positive = days ahead of the seeding day.

DECISIONS = [
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

FUNCTION = {
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

INTERNAL = {
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
        # Left the group (an end date, days from today): a former member on the group's page.
        ("Anders Berg", Represents.OTHER_FUNCTION, "Kultur- och fritidsförvaltningen", -200),
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

FORUM = {
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

DOCUMENTS = [
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
ACTIVITIES = [
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
STEP_NOTES = {
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
EVALUATED_AREAS = {1, 2, 3, 5}
PARTIAL_AREA = 7
