"""Sjöstads kommun (profile ``"far"``: many enterprises in active collaboration, the criteria
checked): its enterprises, towns, streets and phone range, and the profile's proportions and
ranges."""

from datetime import date

from enterprises.demo_data.categories import (
    BIL,
    CATER,
    CYKEL,
    FAST,
    FLYTT,
    FRUKT,
    GRAS,
    IT,
    KAFE,
    KONTOR,
    LOKAL,
    ODLING,
    SECOND,
    SNICK,
    SNO,
    TVATT,
)
from enterprises.demo_data.common import ASF, EF, IDEB, IF, INNO, STIFT, SVB
from enterprises.models import EnterpriseStatus

# (name, legal form, kind, categories, town or None, extra challenges)
ENTERPRISES = [
    ("Returcykeln ekonomisk förening", EF, ASF, [CYKEL, SECOND], None, []),
    ("Gröna Händer Arbetsintegrering ekonomisk förening", EF, ASF, [GRAS, ODLING], None, []),
    ("Kafé Bryggan", EF, ASF, [KAFE, CATER], None, []),
    ("Snöröjarna i Sjöstad AB (svb)", SVB, ASF, [SNO, GRAS], None, []),
    ("Sjöstads Återbruk ekonomisk förening", EF, ASF, [SECOND], None, []),
    ("Fruktbudet Sjöstad ekonomisk förening", EF, ASF, [FRUKT], None, []),
    ("Rena Rum Lokalvård ekonomisk förening", EF, ASF, [LOKAL], None, []),
    ("Tvätteriet på Hamnen ekonomisk förening", EF, ASF, [TVATT], "Sjöstad", []),
    ("Blanka Bilar Sjöstad ekonomisk förening", EF, ASF, [BIL], None, []),
    ("Flyttkompaniet Nystart ekonomisk förening", EF, ASF, [FLYTT], None, []),
    ("Fastighetsfixarna i Sjöstad AB (svb)", SVB, ASF, [FAST, SNO], None, []),
    ("Hantverkshuset Ekbacken ekonomisk förening", EF, ASF, [SNICK], "Sjöstad", []),
    ("Matglädje Catering ekonomisk förening", EF, ASF, [CATER], None, ["Integration"]),
    ("Stadsdelsmammorna i Västra Sjöstad", IF, IDEB, [CATER], "Sjöstad", ["Integration"]),
    ("Föreningen Trädgårdsvännerna i Åsby", IF, IDEB, [ODLING], "Åsby", ["Äldre"]),
    ("Kvinnokraft Sömnad & Textil ekonomisk förening", EF, ASF, [SNICK, SECOND], None, []),
    ("Datalyftet IT-återbruk ekonomisk förening", EF, ASF, [IT], None, []),
    ("Kontorsservice Vågen ekonomisk förening", EF, ASF, [KONTOR], None, []),
    ("Sjöstads Stadsodling ekonomisk förening", EF, INNO, [ODLING], None, []),
    ("Verkstan Arbetskooperativ ekonomisk förening", EF, ASF, [SNICK, FAST], None, []),
    ("Bageriet Surdegen ekonomisk förening", EF, ASF, [CATER, KAFE], None, []),
    ("Cykelköket i Sjöstad", IF, IDEB, [CYKEL], "Sjöstad", ["Barn och unga"]),
    ("Lyftet Personalkooperativ ekonomisk förening", EF, ASF, [LOKAL, FAST], None, []),
    ("Hamnkrogen Nya Vägar AB (svb)", SVB, ASF, [CATER, KAFE], "Sjöstad", []),
    ("Ekbackens Second Hand", IF, IDEB, [SECOND], "Sjöstad", []),
    ("Växthuset Social Odling ekonomisk förening", EF, ASF, [ODLING], "Lillsjö", ["Hälsa"]),
    ("Tvättbjörnen Textilservice ekonomisk förening", EF, ASF, [TVATT], None, []),
    ("Snickarglädje i Åsby ekonomisk förening", EF, ASF, [SNICK], "Åsby", []),
    ("Smakrik Skolmat ekonomisk förening", EF, ASF, [CATER], None, ["Barn och unga"]),
    ("Bilvårdarna Nystart ekonomisk förening", EF, ASF, [BIL], None, []),
    ("Grönyteteamet Sjöstad AB (svb)", SVB, ASF, [GRAS], None, []),
    ("Stiftelsen Vägen Vidare", STIFT, IDEB, [FAST, FLYTT], None, ["Hälsa"]),
    ("Återvinnarna i Lillsjö ekonomisk förening", EF, ASF, [SECOND, FLYTT], "Lillsjö", []),
    ("Hemfixarna Seniorservice ekonomisk förening", EF, ASF, [FAST], None, ["Äldre"]),
    ("Ungdomskraft Sjöstad", IF, IDEB, [KAFE, GRAS], "Sjöstad", ["Barn och unga"]),
    ("Pedalen Cykelservice AB (svb)", SVB, ASF, [CYKEL], None, []),
    ("Sjöglimt Hantverk & Design ekonomisk förening", EF, ASF, [SNICK], None, []),
    ("Träffpunkt Kaffekoppen", IF, IDEB, [KAFE], "Sjöstad", ["Äldre"]),
    ("Lastcykelbudet Sjöstad ekonomisk förening", EF, INNO, [FLYTT, CYKEL], None, []),
    ("Matsvinnsköket Sjöstad ekonomisk förening", EF, INNO, [CATER], None, []),
    ("Sjöstads Sociala Tjänster ekonomisk förening", EF, ASF, [LOKAL], None, []),
]

# Being formed: no organisation number yet.
UNDER_FORMATION = {"Sjöstads Sociala Tjänster ekonomisk förening"}

# (town, postal-code prefix, weight); the first town is the municipality's main town.
TOWNS = [("Sjöstad", "598 3", 6), ("Åsby", "598 9", 1), ("Lillsjö", "598 7", 1)]
STREETS = [
    "Hamngatan",
    "Bryggvägen",
    "Verkstadsgatan",
    "Sjögatan",
    "Fiskartorget",
    "Ekbacksvägen",
    "Mälarstigen",
    "Industrivägen",
    "Tullgatan",
    "Stationsgatan",
    "Västra Strandgatan",
    "Lotsgatan",
]
OPERATES_IN = [
    "Sjöstads kommun",
    "Sjöstad tätort",
    "Sjöstad och Åsby",
    "Sjöstads kommun och grannkommunerna",
    "Västra Sjöstad, Ekbacken",
]
LANDLINE = "031-390 06"

# The profile's probabilities and ranges.
SETTINGS = {
    "status_weights": {
        EnterpriseStatus.ACTIVE: 50,
        EnterpriseStatus.IDENTIFIED: 28,
        EnterpriseStatus.DORMANT: 12,
        EnterpriseStatus.ENDED: 10,
    },
    # identified_on for enterprises the municipality works (or worked) with / the rest
    "known_since": (date(2019, 1, 1), date(2025, 6, 30)),
    "identified_from": date(2019, 1, 1),
    "checked": 0.85,
    "skoopi": 0.45,
    "website": 0.85,
    "contacts": [1, 2, 2, 2, 3],
    "scale": 1.0,
}
