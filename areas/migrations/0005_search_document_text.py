"""The header's search (collab.search): the text of a governing document's file, and on
PostgreSQL GIN indexes on the search vector of meetings and activities (nothing on SQLite).

An index's expression is exactly the vector ``collab.search.ranked`` builds for the fields in
``areas.search`` (PostgreSQL uses an expression index only for the same expression);
tests/collab/test_search_index.py checks that the search uses them."""

from django.db import migrations, models


def _vector(title: str, body: list[str]) -> str:
    text = " || ' ' || ".join(f"COALESCE(\"{field}\", '')" for field in body)
    return (
        f"(setweight(to_tsvector('swedish'::regconfig, COALESCE(\"{title}\", '')), 'A') || "
        f"setweight(to_tsvector('swedish'::regconfig, {text}), 'B'))"
    )


INDEXES = [
    ("areas_meeting_search_swedish", "areas_meeting", _vector("title", ["agenda", "minutes"])),
    (
        "areas_activity_search_swedish",
        "areas_activity",
        _vector("title", ["description", "owner"]),
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table, vector in INDEXES:
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" USING gin ({vector})')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table, _vector_sql in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0004_tasks_owners"),
    ]

    operations = [
        migrations.AddField(
            model_name="governingdocument",
            name="text_content",
            field=models.TextField(blank=True, editable=False, verbose_name="text of the file"),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
