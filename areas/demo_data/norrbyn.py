"""Norrbyns kommun (profile ``"start"``): one IOP idea, and for the walk a contact person at
20 % without a mandate, a small working group that has met once, a draft guideline, four
activities (one overdue) and a few steps started in areas 1 and 2. The walk shows levels 0–1.

The partnership's dates are fixed; the walk's are day offsets from the day of seeding.
"""

from datetime import date

from areas.demo_data.common import (
    MET,
    NOT_STARTED,
    ONGOING,
)
from areas.models import (
    ActionStatus,
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
        "partner": "Bygdegårdsföreningen i Norrbyns by",
        "challenge": "Landsbygd",
        "title": "Mötesplats i bygdegården",
        "purpose": "En öppen mötesplats för alla åldrar i Norrbyns by, med kafé och aktiviteter.",
        "goals": "",
        "start_date": None,
        "end_date": None,
        "municipality_contribution": 0,
        "partner_contribution_money": 0,
        "partner_volunteer_hours": 0,
        "partner_contribution_other": "Bygdegården.",
        "committee": "Kommunstyrelsen",
        "decision_date": None,
        "case_number": "",
        "status": PartnershipStatus.IDEA,
        "next_follow_up": date(2026, 12, 9),
        "follow_up_notes": "2026-10-21: Första samtalet med föreningens styrelse.",
        "criteria": {
            "initiative": {"answer": MET, "note": "Föreningen hörde av sig till kommunen."},
        },
    },
]

# --- the seven-area walk ---------------------------------------------------------------------

FUNCTION = {
    "name": "Kontaktperson för sociala företag",
    "placement": FunctionPlacement.BUSINESS,
    "unit": "Näringslivsenheten",
    "established": -90,
    "mandate": "",
    "members": [("Eva Järvinen", "Näringslivsutvecklare", 20)],
}

INTERNAL = {
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

DOCUMENTS = [
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

ACTIVITIES = [
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

STEP_NOTES = {
    1: [
        (50, "Karin Nilsson", "Kommunstyrelsen och socialnämnden berörs; listan är inte klar."),
        (20, "Karin Nilsson", "Beslutsunderlaget skrivs, se handlingsplanen."),
    ],
    2: [
        (90, "Karin Nilsson", "Tills vidare på näringslivsenheten; frågan ska utredas."),
        (90, "Karin Nilsson", "Eva Järvinen på 20 %."),
    ],
}
