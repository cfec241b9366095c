"""The first version of the seven areas' checklists (Swedish, as shown to coordinators).

Loaded by migration 0004 into :class:`areas.models.AreaStep`; after that the steps are
data, refined in the admin without a code change. (area, title, guidance)
"""

AREA_STEPS = [
    (
        1,
        "Kartlägg vilka nämnder som berörs",
        "Samverkan med sociala företag berör arbetsmarknad, näringsliv, upphandling och "
        "socialtjänst. Skriv ned vilka nämnder som har ansvar för de delarna i dag.",
    ),
    (
        1,
        "Ta fram ett beslutsunderlag om var det politiska ansvaret ska ligga",
        "Beskriv för- och nackdelar med kommunstyrelsen/regionstyrelsen respektive en facknämnd.",
    ),
    (
        1,
        "Fatta beslut om ansvarig nämnd",
        "Registrera beslutet med datum och diarienummer under Politiska beslut.",
    ),
    (
        1,
        "Bestäm hur nämnden får rapporter om arbetet",
        "Till exempel en lägesrapport två gånger per år.",
    ),
    (1, "Informera övriga nämnder och förvaltningar om beslutet", ""),
    (
        2,
        "Besluta var den samordnande funktionen placeras",
        "Ledningsfunktion, arbetsmarknadsenhet, näringslivskontor eller annan enhet.",
    ),
    (
        2,
        "Utse personer och avsätt arbetstid",
        "Ange hur stor del av en heltid varje person ger funktionen.",
    ),
    (
        2,
        "Skriv ett uppdrag för funktionen",
        "Vad funktionen ska göra, vad den får besluta och till vem den rapporterar.",
    ),
    (
        2,
        "Gör funktionen känd internt och för de sociala företagen",
        "Publicera kontaktuppgifter på webbplatsen och i intranätet.",
    ),
    (
        3,
        "Utse representanter för näringsliv, inköp/upphandling och arbetsmarknad",
        "Gärna även socialtjänsten. Lägg in dem som medlemmar i den interna gruppen.",
    ),
    (3, "Bestäm gruppens syfte och mötesrytm", ""),
    (
        3,
        "Håll regelbundna möten med minnesanteckningar och beslutade åtgärder",
        "Registrera mötena i Samverka så att åtgärderna följs upp.",
    ),
    (
        3,
        "Ta fram gemensamma rutiner",
        "Till exempel för hur upphandlingar prövas mot sociala hänsyn innan de annonseras.",
    ),
    (3, "Utvärdera den interna samordningen en gång per år", ""),
    (
        4,
        "Kartlägg befintliga styrdokument som berör sociala företag",
        "Näringslivsprogram, upphandlingspolicy, arbetsmarknadsstrategi m.fl.",
    ),
    (
        4,
        "Ta fram eller uppdatera ett styrdokument",
        "En policy, strategi, program eller riktlinje för samverkan med sociala företag.",
    ),
    (
        4,
        "Få styrdokumentet antaget",
        "Registrera antagandet med datum och diarienummer och ladda upp dokumentet.",
    ),
    (
        4,
        "Gör en handlingsplan med aktiviteter, ansvariga och datum",
        "Koppla aktiviteterna till de sju områdena.",
    ),
    (
        4,
        "Planera aktualitetsprövning av styrdokumenten",
        "Ange datum för nästa översyn på varje dokument.",
    ),
    (
        5,
        "Kartlägg de sociala företagen i kommunen",
        "Lägg in dem i registret, eller importera en befintlig lista.",
    ),
    (5, "Bjud in de sociala företagen till ett forum för dialog", ""),
    (
        5,
        "Bjud in andra aktörer",
        "Arbetsförmedlingen, Försäkringskassan, samordningsförbundet och regionen.",
    ),
    (5, "Håll dialogmöten regelbundet och följ upp beslutade åtgärder", ""),
    (
        5,
        "Berätta om kommande upphandlingar i forumet",
        "Så att företagen hinner förbereda anbud eller gå samman.",
    ),
    (
        6,
        "Gå igenom upphandlingsplanen efter uppdrag som passar sociala företag",
        "Till exempel snöröjning, fruktkorgar, biltvätt, gräsklippning och lokalvård.",
    ),
    (
        6,
        "Använd reserverad upphandling eller sysselsättningskrav där det passar",
        "LOU 4 kap. 18 §, 19 kap. 25 och 25 a §§ samt 17 kap. 1 §.",
    ),
    (6, "Dela upp upphandlingar i mindre delar och håll marknadsdialog", ""),
    (
        6,
        "Pröva idéburet offentligt partnerskap (IOP) när en idéburen organisation tar initiativ",
        "Gå igenom Forums kriterier innan beslut.",
    ),
    (6, "Följ upp sysselsättningskraven i avtalen", "Rapportera levererade månader per period."),
    (7, "Bestäm vilka indikatorer som ska följas och sätt mål", ""),
    (7, "Följ upp handlingsplanen minst två gånger per år", ""),
    (7, "Beskriv en effektkedja", "Resurser → aktiviteter → prestationer → resultat → effekter."),
    (7, "Rapportera till ansvarig nämnd med en lägesrapport", ""),
    (7, "Utvärdera arbetet och revidera styrdokument och handlingsplan", ""),
]


def load_area_steps(area_step_model) -> int:
    """Create the steps above when the checklist is empty (the migration, and ``seed_demo`` on
    a database whose tables were emptied, e.g. between browser tests). Returns how many."""
    if area_step_model.objects.exists():
        return 0
    positions: dict[int, int] = {}
    steps = []
    for area, title, guidance in AREA_STEPS:
        positions[area] = positions.get(area, 0) + 1
        steps.append(
            area_step_model(
                area=area, position=positions[area] * 10, title=title, guidance=guidance
            )
        )
    area_step_model.objects.bulk_create(steps)
    return len(steps)
