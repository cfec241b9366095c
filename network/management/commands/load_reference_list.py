"""Update the reference list of kommuner and regioner from ``network/data/`` (yearly)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from network import reference
from network.models import Population, ReferenceOrganisation


class Command(BaseCommand):
    help = (
        "Creates or renames the kommuner and regioner of network/data/kommuner_och_regioner.csv "
        "and adds their dated populations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Another CSV file with the same columns.")

    def handle(self, *args, **options):
        path = options.get("file") or reference.CSV_PATH
        rows = reference.read_rows(reference.Path(path))
        with transaction.atomic():
            counts = reference.load(ReferenceOrganisation, Population, rows)
        self.stdout.write(
            f"{len(rows)} rows: {counts['created']} created, {counts['updated']} renamed, "
            f"{counts['populations']} populations written."
        )
