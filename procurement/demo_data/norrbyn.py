"""Norrbyns kommun (profile ``"start"``): three plain procurements and one uploaded year of
supplier payments (2025)."""

from datetime import date

from enterprises.demo_data.categories import (
    FRUKT,
    LOKAL,
    SNO,
)
from procurement.models import Procedure, Status

D = Procedure.DIRECT_AWARD
OPEN = Procedure.OPEN


PROCUREMENTS = [
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

# Per profile and year: rows for a full year, the chance that a (non-personal) row goes to a
# register enterprise (None: any supplier alike), and how many of the register's enterprises
# are suppliers that year.
SPEND_YEARS = {2025: (150, None, 3)}
