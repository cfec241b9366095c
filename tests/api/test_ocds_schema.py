"""The procurements dataset validates against the published OCDS schema with its extensions.

The schema files are the OCDS project's own, published on the package index inside two
source distributions and extracted by ``scripts/fetch_ocds_schema.py`` (``make test`` runs
it) into ``var/ocds-schema/``:

- ``release-package-schema-1__1__5.json``: the OCDS 1.1.5 release-package schema, from the
  sdist of ocdskit 1.7.0 (``tests/fixtures/release-package-schema.json``);
- ``release-schema-1__1__4.json``: the OCDS 1.1.4 release schema, from the sdist of ocdsmerge
  0.8.0 (``tests/fixtures/release-schema-1__1__4.json``). No sdist on the index carries the
  plain 1.1.5 release schema, so the package schema's reference to the 1.1.5 release schema
  resolves to this one (1.1.5 changed descriptions and added no constraint our data meets
  differently).

The schemas refer to each other by URL; ``referencing.Registry`` maps those URLs to the local
files, so nothing is fetched. The extensions' release-schema patches are not on the index:
``EXTENSION_PATCHES`` below are our own JSON merge patches (RFC 7386) for exactly the
extension fields the dataset emits, written from the extensions' documentation, and merged
into the release schema before validating. A missing schema file FAILS this test: run
``python scripts/fetch_ocds_schema.py``.
"""

import copy
import json
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from api import ocds
from tests.api import ocds_data

SCHEMA_DIR = Path(settings.BASE_DIR) / "var" / "ocds-schema"
BASE = "https://standard.open-contracting.org/schema/"

# The otherRequirements extension: tender.otherRequirements.reservedParticipation, an array of
# codes from its reservedParticipation codelist (the two codes we use).
OTHER_REQUIREMENTS = {
    "definitions": {
        "Tender": {
            "properties": {
                "otherRequirements": {"$ref": "#/definitions/OtherRequirements"},
            }
        },
        "OtherRequirements": {
            "type": "object",
            "properties": {
                "reservedParticipation": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": ["shelteredWorkshop", "publicServiceMissionOrganization"],
                    },
                    "uniqueItems": True,
                    "minItems": 1,
                }
            },
            "minProperties": 1,
        },
    }
}
# The sustainability extension: tender.hasSustainability (boolean) and tender.sustainability,
# an array of Sustainability objects: goal (a code of the sustainabilityGoal codelist),
# strategies (codes of the sustainabilityStrategy codelist), description.
SUSTAINABILITY = {
    "definitions": {
        "Tender": {
            "properties": {
                "hasSustainability": {"type": "boolean"},
                "sustainability": {
                    "type": "array",
                    "items": {"$ref": "#/definitions/Sustainability"},
                    "minItems": 1,
                },
            }
        },
        "Sustainability": {
            "type": "object",
            "properties": {
                "goal": {
                    "type": "string",
                    "enum": ["social", "social.disadvantagedEmploymentOpportunities"],
                },
                "strategies": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": ["reservedParticipation", "contractPerformanceConditions"],
                    },
                    "uniqueItems": True,
                    "minItems": 1,
                },
                "description": {"type": "string", "minLength": 1},
            },
            "minProperties": 1,
        },
    }
}
EXTENSION_PATCHES = {
    ocds.EXTENSION_OTHER_REQUIREMENTS: OTHER_REQUIREMENTS,
    ocds.EXTENSION_SUSTAINABILITY: SUSTAINABILITY,
}


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(name: str) -> dict:
    path = SCHEMA_DIR / name
    assert path.is_file(), (
        f"{path} is missing: run `python scripts/fetch_ocds_schema.py` (make test does)"
    )
    return json.loads(path.read_text())


def validator(extensions: list[str]) -> Draft4Validator:
    package_schema = _load("release-package-schema-1__1__5.json")
    release_schema = _load("release-schema-1__1__4.json")
    for url in extensions:
        release_schema = merge_patch(release_schema, EXTENSION_PATCHES[url])
    resource = Resource.from_contents(release_schema, default_specification=DRAFT4)
    registry = Registry().with_resources(
        [
            (f"{BASE}1__1__5/release-schema.json", resource),
            (f"{BASE}1__1__4/release-schema.json", resource),
        ]
    )
    return Draft4Validator(
        package_schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def _used(package) -> set[str]:
    """The extensions whose fields the package uses, read from the data."""
    tenders = [r["tender"] for r in package["releases"]]
    used = set()
    if any("otherRequirements" in t for t in tenders):
        used.add(ocds.EXTENSION_OTHER_REQUIREMENTS)
    if any({"hasSustainability", "sustainability"} & set(t) for t in tenders):
        used.add(ocds.EXTENSION_SUSTAINABILITY)
    if any("lots" in t for t in tenders):
        used.add("lots")
    return used


def test_the_package_validates_against_the_ocds_schema_with_its_extensions(world, client):
    organisation = world.a.organisation
    ocds_data.build(organisation)
    url = reverse("opendata:procurements_ocds", kwargs={"organisation": organisation.slug})
    package = client.get(url).json()
    assert set(package["extensions"]) == _used(package)
    assert len(package["extensions"]) == 2
    errors = sorted(validator(package["extensions"]).iter_errors(package), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])

    # Without the extensions declared, the same data is invalid: the schema is really checked.
    strict = merge_patch(
        _load("release-schema-1__1__4.json"),
        {"definitions": {"Tender": {"additionalProperties": False}}},
    )
    assert any(
        "otherRequirements" in e.message
        for e in Draft4Validator(strict).iter_errors(package["releases"][0])
    )
    broken = copy.deepcopy(package)
    broken["releases"][0]["tender"]["otherRequirements"]["reservedParticipation"] = ["x"]
    broken["releases"][0]["tag"] = ["started"]
    assert len(list(validator(package["extensions"]).iter_errors(broken))) == 2
