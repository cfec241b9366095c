"""The register is listed by name in Swedish alphabetical order (``collab.generic``'s
``COLLATIONS``): an index on (organisation, name) in that collation lets the database read the
first page in order instead of sorting every enterprise (on SQLite the collation is a Python
function, called for every comparison: 21 ms for Storstad's 2 000 enterprises, 0.1 ms with the
index). Vendor-specific, so not a Django ``Index``."""

from django.db import migrations

from collab.generic import COLLATIONS

INDEX = "enterprise_org_name_swedish"


def create(apps, schema_editor):
    collation = COLLATIONS.get(schema_editor.connection.vendor)
    if collation is None:
        return
    table = schema_editor.quote_name("enterprises_socialenterprise")
    schema_editor.execute(
        f"CREATE INDEX {schema_editor.quote_name(INDEX)} ON {table} "
        f'(organisation_id, name COLLATE "{collation}")'
    )


def drop(apps, schema_editor):
    if COLLATIONS.get(schema_editor.connection.vendor) is None:
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_seed_reference_lists")]

    operations = [migrations.RunPython(create, drop)]
