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

from collab import search_index

# The vector of the expression index this replaces (the same words, weights, config).
STORED = dict(
    table="enterprises_socialenterprise",
    vector=import_module("enterprises.migrations.0005_search_index").VECTOR,
    old_index="enterprises_search_swedish",
)


def create(apps, schema_editor):
    search_index.add_stored_document(schema_editor, **STORED)


def drop(apps, schema_editor):
    search_index.remove_stored_document(schema_editor, **STORED)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0006_integration_share")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
