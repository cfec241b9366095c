"""The dated thresholds, loaded by migration 0002 and ensured again by ``seed_demo``.

Editable afterwards in the Django admin; rules read the row in force on a date
(``procurement.selectors.threshold_in_force``), never these constants.
"""

from datetime import date

LOU_SOURCE = (
    "Direktupphandlingsgränsen enligt LOU (2016:1145) 19 kap. 2 § och före 2017 LOU "
    "(2007:1091); 28 % av tröskelvärdet fram till 2022-01-31. Värdet gäller från årets "
    "början enligt Upphandlingsmyndighetens uppgifter; kontrollera datumet mot källan."
)

# (kind, amount, currency, valid_from, source)
THRESHOLDS = [
    (
        "direktupphandling",
        505_800,
        "SEK",
        date(2014, 7, 1),
        "LOU (2007:1091) 15 kap. 3 §: höjd gräns från 2014-07-01.",
    ),
    ("direktupphandling", 534_890, "SEK", date(2016, 1, 1), LOU_SOURCE),
    ("direktupphandling", 586_907, "SEK", date(2018, 1, 1), LOU_SOURCE),
    ("direktupphandling", 615_312, "SEK", date(2020, 1, 1), LOU_SOURCE),
    (
        "direktupphandling",
        700_000,
        "SEK",
        date(2022, 2, 1),
        "LOU (2016:1145) 19 kap. 2 § i lydelse från 2022-02-01: fast gräns 700 000 kr.",
    ),
    (
        "eu_varor_tjanster",
        216_000,
        "EUR",
        date(2026, 1, 1),
        "Kommissionens delegerade förordning (EU) 2025/2152, tröskelvärden 2026–2027 för "
        "kommuner och regioner (varor och tjänster). SEK-värdet publiceras separat.",
    ),
    (
        "eu_byggentreprenader",
        5_404_000,
        "EUR",
        date(2026, 1, 1),
        "Kommissionens delegerade förordning (EU) 2025/2152, tröskelvärden 2026–2027 "
        "(byggentreprenader). SEK-värdet publiceras separat.",
    ),
    (
        "eu_sociala_tjanster",
        750_000,
        "EUR",
        date(2026, 1, 1),
        "Direktiv 2014/24/EU art. 4 d och delegerad förordning (EU) 2025/2152 (sociala "
        "tjänster och andra särskilda tjänster), "
        "oförändrat 2026–2027. SEK-värdet publiceras separat.",
    ),
]


def ensure_thresholds(model=None) -> None:
    """Add the thresholds that are missing; never change an edited row."""
    if model is None:
        from procurement.models import Threshold as model  # noqa: N813
    for kind, amount, currency, valid_from, source in THRESHOLDS:
        model.objects.get_or_create(
            kind=kind,
            valid_from=valid_from,
            defaults={"amount": amount, "currency": currency, "source": source},
        )
