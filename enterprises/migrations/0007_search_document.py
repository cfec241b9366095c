"""The header's search (collab.search) on PostgreSQL reads a stored vector: a generated column
``search_document`` (computed by PostgreSQL on every insert and update) with a GIN index,
instead of an index on the expression. The rank of each match then reads the stored vector
rather than computing it again. Nothing on SQLite (its index: collab.search_index).

The column is PostgreSQL's alone (the model does not know it; collab.search reads it for the
kinds registered with ``search_index.register_text_index``). A later migration that changes
the type of one of its columns must drop it first and add it again (PostgreSQL refuses to
alter a column a generated column uses)."""

from importlib import import_module

from django.db import migrations

TABLE = "enterprises_socialenterprise"
COLUMN = "search_document"
INDEX = "enterprises_socialenterprise_search_document"
OLD_INDEX = "enterprises_search_swedish"


def vector():
    """The vector of the expression index this replaces (the same words, weights, config)."""
    return import_module("enterprises.migrations.0005_search_index").VECTOR


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'ALTER TABLE "{TABLE}" ADD COLUMN IF NOT EXISTS "{COLUMN}" tsvector '
            f"GENERATED ALWAYS AS ({vector()}) STORED"
        )
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "{TABLE}" USING gin ("{COLUMN}")'
        )
        schema_editor.execute(f'DROP INDEX IF EXISTS "{OLD_INDEX}"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{OLD_INDEX}" ON "{TABLE}" USING gin ({vector()})'
        )
        schema_editor.execute(f'ALTER TABLE "{TABLE}" DROP COLUMN IF EXISTS "{COLUMN}"')


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0006_integration_share")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
