"""A GIN index for the header's search (collab.search) on PostgreSQL; nothing on SQLite.

The expression is exactly the vector ``collab.search.ranked`` builds for procurements (title
``title``, body ``reference``, ``description``): PostgreSQL uses an expression index only for
the same expression. tests/collab/test_search_index.py checks that the search uses it."""

from django.db import migrations

INDEX = "procurement_search_swedish"
TABLE = "procurement_procurement"
VECTOR = (
    "(setweight(to_tsvector('swedish'::regconfig, COALESCE(\"title\", '')), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, COALESCE(\"reference\", '') || ' ' || "
    "COALESCE(\"description\", '')), 'B'))"
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
    dependencies = [("procurement", "0003_tasks_employment_reports")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
