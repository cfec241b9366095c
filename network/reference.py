"""The reference list of Sweden's 290 kommuner and 21 regioner (``network/data/``).

One reader and one loader, used by the data migration (with the migration's historical
models) and by ``manage.py load_reference_list`` (with the live models): a row creates or
renames the reference organisation with its SCB code, and a row with a population adds (or
corrects) the dated ``Population``.
"""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

CSV_PATH = Path(__file__).resolve().parent / "data" / "kommuner_och_regioner.csv"


@dataclass(frozen=True)
class ReferenceRow:
    scb_code: str
    name: str
    kind: str
    county_code: str
    population: int | None
    population_date: datetime.date | None
    source: str


def read_rows(path: Path = CSV_PATH) -> list[ReferenceRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            ReferenceRow(
                scb_code=row["scb_code"].strip(),
                name=row["name"].strip(),
                kind=row["kind"].strip(),
                county_code=row["county_code"].strip(),
                population=int(row["population"]) if row["population"].strip() else None,
                population_date=(
                    datetime.date.fromisoformat(row["population_date"].strip())
                    if row["population_date"].strip()
                    else None
                ),
                source=row["source"].strip(),
            )
            for row in csv.DictReader(handle)
        ]


def load(reference_model, population_model, rows: list[ReferenceRow]) -> dict[str, int]:
    """Create or update every row; idempotent. Returns counts of what changed."""
    existing = {ref.scb_code: ref for ref in reference_model.objects.all()}
    counts = {"created": 0, "updated": 0, "populations": 0}
    for row in rows:
        reference = existing.get(row.scb_code)
        if reference is None:
            reference = reference_model.objects.create(
                scb_code=row.scb_code, name=row.name, kind=row.kind, county_code=row.county_code
            )
            counts["created"] += 1
        elif (reference.name, reference.kind, reference.county_code) != (
            row.name,
            row.kind,
            row.county_code,
        ):
            reference.name, reference.kind, reference.county_code = (
                row.name,
                row.kind,
                row.county_code,
            )
            reference.save(update_fields=["name", "kind", "county_code"])
            counts["updated"] += 1
        if row.population and row.population_date:
            population_model.objects.update_or_create(
                reference=reference,
                date=row.population_date,
                defaults={"inhabitants": row.population, "source": row.source},
            )
            counts["populations"] += 1
    return counts
