"""Sjöstads kommun (profile ``"far"``): its own indicators with five years of values, targets
and an effect chain. Years are offsets from the current year (``followup.selectors.default_year``):
0 is this year, -1 last year."""

from followup.models import Periodicity, Stage

# The manual indicators, by the key the measurements and targets below use.
INDICATORS = {
    "outcome": {
        "name": "Deltagare som gått vidare till arbete eller studier",
        "unit": "personer",
        "definition": (
            "Deltagare i arbetsträning hos de sociala företagen som under året fått en "
            "anställning eller börjat studera, enligt företagens rapporter i december."
        ),
        "area": 7,
        "per_capita": True,
    },
    "started": {
        "name": "Deltagare som påbörjat arbetsträning",
        "unit": "personer",
        "definition": (
            "Personer som under kvartalet påbörjat arbetsträning hos ett socialt företag i "
            "registret, enligt arbetsmarknadsenhetens beslut."
        ),
        "periodicity": Periodicity.QUARTER,
        "area": 5,
    },
}

# Yearly values of "outcome": year offset -> value (this year's is preliminary).
OUTCOME_VALUES = {-4: 9, -3: 12, -2: 15, -1: 19, 0: 20}
OUTCOME_SOURCE = "Företagens rapporter"
OUTCOME_PRELIMINARY = "Preliminärt: rapporterna t.o.m. oktober."

# Quarterly values of "started": (year offset, quarter) -> value.
STARTED_VALUES = {(-1, 1): 6, (-1, 2): 8, (-1, 3): 5, (-1, 4): 9}
STARTED_VALUES |= {(0, 1): 7, (0, 2): 10, (0, 3): 6}
STARTED_SOURCE = "Arbetsmarknadsenhetens beslut"

# (catalogue indicator key or "", manual indicator key or None, year offset, target value)
TARGETS = [
    ("enterprises_identified", None, 0, 40),
    ("iop_active", None, 0, 3),
    ("procurements_social_share", None, 0, 30),
    ("action_plan_completion", None, 0, 80),
    ("", "outcome", -1, 18),
    ("", "outcome", 0, 22),
    ("", "started", -1, 26),
]
TARGET_COMMENT = "Handlingsplanen för samverkan med sociala företag."

# The effect chain: its title and description, then its steps in order
# (stage, title, description, catalogue indicator keys).
CHAIN = "Arbetsintegrering genom sociala företag"
CHAIN_DESCRIPTION = (
    "Hur kommunens samverkan med arbetsintegrerande sociala företag ska leda till att "
    "fler personer långt från arbetsmarknaden får arbete."
)
CHAIN_STEPS = [
    (
        Stage.RESOURCES,
        "Samordnare på halvtid och budget för arbetsträning",
        "Arbetsmarknadsenheten avsätter en samordnare (50 %) och medel för handledning.",
        [],
    ),
    (
        Stage.RESOURCES,
        "Kommunens bidrag till IOP med idéburna organisationer",
        "",
        ["iop_kronor"],
    ),
    (
        Stage.ACTIVITIES,
        "Dialogforum med de sociala företagen",
        "Fyra möten om året med företagen, Arbetsförmedlingen och samordningsförbundet.",
        ["meetings_with_enterprises"],
    ),
    (
        Stage.ACTIVITIES,
        "Reserverade upphandlingar och sysselsättningskrav",
        "Upphandlingsenheten prövar reservation eller sysselsättningskrav i varje upphandling "
        "av tjänster som passar sociala företag.",
        ["procurements_reserved", "procurements_social_share"],
    ),
    (
        Stage.OUTPUTS,
        "Arbetsträningsplatser hos sociala företag",
        "",
        ["work_training_places"],
    ),
    (Stage.OUTPUTS, "Köp från sociala företag", "", ["spend_social"]),
    (
        Stage.OUTPUTS,
        "Anställningsmånader enligt sysselsättningskrav",
        "",
        ["employment_months"],
    ),
    (
        Stage.OUTCOMES,
        "Deltagare går vidare till arbete eller studier",
        "Personer långt från arbetsmarknaden får arbete eller börjar studera efter "
        "arbetsträningen.",
        [],
    ),
    (
        Stage.IMPACTS,
        "Minskat utanförskap och ökad egen försörjning",
        "Färre hushåll med långvarigt ekonomiskt bistånd.",
        [],
    ),
]
# Steps also measured by a manual indicator above: step title -> indicator key.
STEP_INDICATORS = {
    "Arbetsträningsplatser hos sociala företag": "started",
    "Deltagare går vidare till arbete eller studier": "outcome",
}

# A draft written status report for this year (the coordinator's texts; publishing is left to
# the person trying the demo).
STATUS_REPORT = {
    "summary": (
        "Samverkan med sociala företag har utvecklats under året. Fler företag är "
        "identifierade, två IOP-partnerskap är igång och andelen upphandlingar med sociala "
        "hänsyn har ökat.\n\nHandlingsplanen behöver ses över: flera aktiviteter är inte klara."
    ),
    "assessment_1": "Ansvaret är förankrat i kommunstyrelsen och följs upp två gånger per år.",
    "assessment_6": (
        "Reserverade upphandlingar och sysselsättningskrav används; marknadsdialoger bör bli fler."
    ),
    "assessment_7": "Uppföljningen fungerar; effekterna för deltagarna behöver mätas bättre.",
    "proposed_decisions": (
        "Lägesrapporten godkänns.\n"
        "Handlingsplanen revideras till hösten.\n"
        "Uppföljningen av deltagarnas väg till arbete utvecklas."
    ),
}
