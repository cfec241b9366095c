"""Norrbyns kommun (profile ``"start"``: mostly identified, few contacts, few checks): its
enterprises, towns, streets and phone range, and the profile's proportions and ranges."""

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

ENTERPRISES = [
    ("Norrbyns Återbruk ekonomisk förening", EF, ASF, [SECOND], "Norrbyn", []),
    ("Bygdegårdsföreningen i Norrbyns by", IF, IDEB, [KAFE], "Norrbyns by", []),
    ("Snöfixarna i Norrbyn ekonomisk förening", EF, ASF, [SNO], "Norrbyn", []),
    ("Älvbrinken Arbetskooperativ ekonomisk förening", EF, ASF, [GRAS, FAST], None, []),
    ("Åsby Lanthandel och Kafé ekonomisk förening", EF, INNO, [KAFE], "Åsby", []),
    ("Skogsbärens Catering ekonomisk förening", EF, ASF, [CATER], None, []),
    ("Norrbyns Cykel- och Skidservice ekonomisk förening", EF, ASF, [CYKEL], "Norrbyn", []),
    ("Fjällvinden Lokalvård AB (svb)", SVB, ASF, [LOKAL], None, []),
    ("Myrhedens Tvätteri ekonomisk förening", EF, ASF, [TVATT], "Myrheden", []),
    ("Granlidens Snickeri ekonomisk förening", EF, ASF, [SNICK], "Granliden", []),
    ("Frukt & Grönt i Norrbyn ekonomisk förening", EF, ASF, [FRUKT], "Norrbyn", []),
    ("Föreningen Nya Grannar i Norrbyn", IF, IDEB, [CATER], "Norrbyn", ["Integration"]),
    ("Kyrkbackens Second Hand", IF, IDEB, [SECOND], None, []),
    ("Vedboden Norrbyn ekonomisk förening", EF, ASF, [FAST, SNO], "Norrbyn", []),
    ("Norrskenet Hemservice ekonomisk förening", EF, ASF, [FAST, LOKAL], None, ["Äldre"]),
    ("Bilvården i Norrbyns by ekonomisk förening", EF, ASF, [BIL], "Norrbyns by", []),
    ("Flyttgänget Norrbyn AB (svb)", SVB, ASF, [FLYTT], "Norrbyn", []),
    ("Kafé Tallkotten", EF, ASF, [KAFE], None, []),
    ("Trädgårdsgruppen Storvattnet ekonomisk förening", EF, ASF, [GRAS, ODLING], "Storvattnet", []),
    ("Hantverkslogen i Åsby ekonomisk förening", EF, ASF, [SNICK], "Åsby", []),
    ("Sömnadsstugan Granliden", IF, IDEB, [SNICK, SECOND], "Granliden", []),
    ("Norrbyns IT-återbruk ekonomisk förening", EF, ASF, [IT], "Norrbyn", []),
    ("Kontorshjälpen Norrbyn ekonomisk förening", EF, ASF, [KONTOR], "Norrbyn", []),
    ("Bygdens Matkasse ekonomisk förening", EF, INNO, [CATER, FRUKT], None, []),
    ("Renhållarna i Myrheden AB (svb)", SVB, ASF, [LOKAL, FAST], "Myrheden", []),
    ("Samverkanshuset Norrbyn", IF, IDEB, [KAFE, ODLING], "Norrbyn", ["Barn och unga"]),
    ("Ledservice Norr ekonomisk förening", EF, ASF, [GRAS, FAST], None, []),
    ("Gröna Gården Norrbyn ekonomisk förening", EF, ASF, [ODLING], None, ["Hälsa"]),
    ("Bakstugan i Åsby ekonomisk förening", EF, ASF, [CATER], "Åsby", []),
    ("Stiftelsen Norrbyns Folkets Hus", STIFT, IDEB, [KAFE], "Norrbyn", []),
    ("Bygdetransporten Norrbyn ekonomisk förening", EF, INNO, [FLYTT], "Norrbyn", []),
    ("Ungdomens Hus i Norrbyn", IF, IDEB, [KAFE], "Norrbyn", ["Barn och unga"]),
    ("Lokalvårdarna i Storvattnet ekonomisk förening", EF, ASF, [LOKAL], "Storvattnet", []),
    ("Reparatören Norrbyn ekonomisk förening", EF, ASF, [CYKEL, IT], "Norrbyn", []),
    ("Granlidens Byaservice ekonomisk förening", EF, ASF, [SNO, GRAS], "Granliden", []),
    ("Kvinnor i Norr Textil ekonomisk förening", EF, ASF, [SNICK], None, ["Integration"]),
    ("Fjällgårdens Omsorgstvätt ekonomisk förening", EF, ASF, [TVATT], None, ["Äldre"]),
    ("Skogens Skafferi ekonomisk förening", EF, INNO, [ODLING], None, []),
    ("Återbyggarna i Norrbyn ekonomisk förening", EF, ASF, [SNICK], None, []),
]

# Being formed: no organisation number yet.
UNDER_FORMATION = {
    "Skogens Skafferi ekonomisk förening",
    "Återbyggarna i Norrbyn ekonomisk förening",
}

# (town, postal-code prefix, weight); the first town is the municipality's main town.
TOWNS = [
    ("Norrbyn", "925 3", 4),
    ("Norrbyns by", "925 9", 1),
    ("Åsby", "925 8", 1),
    ("Granliden", "925 6", 1),
    ("Myrheden", "925 5", 1),
    ("Storvattnet", "925 7", 1),
]
STREETS = [
    "Storgatan",
    "Byvägen",
    "Kyrkbacken",
    "Älvvägen",
    "Sågverksvägen",
    "Skolvägen",
    "Myrvägen",
    "Gamla Landsvägen",
    "Tallstigen",
]
OPERATES_IN = [
    "Norrbyns kommun",
    "Norrbyn och Norrbyns by",
    "Norrbyns kommun och Storvattnet",
    "Hela länet",
]
LANDLINE = "0980-319"

# The profile's probabilities and ranges.
SETTINGS = {
    "status_weights": {
        EnterpriseStatus.IDENTIFIED: 80,
        EnterpriseStatus.ACTIVE: 10,
        EnterpriseStatus.DORMANT: 7,
        EnterpriseStatus.ENDED: 3,
    },
    "known_since": (date(2019, 1, 1), date(2025, 12, 31)),
    "identified_from": date(2024, 9, 1),
    "checked": 0.25,
    "skoopi": 0.15,
    "website": 0.5,
    "contacts": [0, 1, 1, 1, 2],
    "scale": 0.6,
}
