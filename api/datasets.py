"""The open datasets an organisation can publish (the index at ``/oppna-data/`` lists them).

Each dataset has its files (CSV and JSON), a description page (a README, like the
supplier-payment specification's) and its date of last update. ``updated`` names the function
(in this app) that returns the date of the newest record in the dataset.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dataset:
    kind: str  # the publication flag: publish_<kind>
    title: str
    description: str
    files: tuple[tuple[str, str], ...]  # (format label, URL name taking ``organisation``)
    readme: str  # URL name of the description page
    updated: str  # dotted path of ``last_updated(organisation) -> date | None``

    def last_updated(self, organisation):
        return import_string(self.updated)(organisation)


DATASETS = (
    Dataset(
        kind="register",
        title=_("Social enterprises"),
        description=_(
            "The register's enterprises that agreed to be listed: kind, categories, offer, "
            "area of operation and capacity."
        ),
        files=(("CSV", "opendata:register_csv"), ("JSON", "opendata:register_json")),
        readme="opendata:register_readme",
        updated="api.directory.last_updated",
    ),
    Dataset(
        kind="procurements",
        title=_("Procurements (OCDS)"),
        description=_(
            "Procurements as an Open Contracting Data Standard 1.1 release package: procedure, "
            "reserved participation, social considerations, lots and awarded suppliers."
        ),
        files=(("OCDS JSON", "opendata:procurements_ocds"), ("CSV", "opendata:procurements_csv")),
        readme="opendata:procurements_readme",
        updated="api.ocds.last_updated",
    ),
    Dataset(
        kind="figures",
        title=_("Yearly figures"),
        description=_(
            "The follow-up catalogue's stored yearly figures: one row per figure and year."
        ),
        files=(("CSV", "opendata:figures_csv"), ("JSON", "opendata:figures_json")),
        readme="opendata:figures_readme",
        updated="api.figures_data.last_updated",
    ),
)
