"""A GIN index for the header's search (collab.search) on PostgreSQL; nothing on SQLite.

The expression is exactly the vector ``collab.search.ranked`` builds for the register (title
``name``, body ``offer``, ``tags``, ``notes``): PostgreSQL uses an expression index only for
the same expression. tests/collab/test_search_index.py checks that the search uses it."""

from django.db import migrations

INDEX = "enterprises_search_swedish"
TABLE = "enterprises_socialenterprise"
VECTOR = (
    "(setweight(to_tsvector('swedish'::regconfig, COALESCE(\"name\", '')), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, COALESCE(\"offer\", '') || ' ' || "
    "COALESCE(\"tags\", '') || ' ' || COALESCE(\"notes\", '')), 'B'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{TABLE}" USING gin ({VECTOR})'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0004_publication_consent")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
