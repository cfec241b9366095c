"""The SQLite full-text index of the large kinds in the header's search (``collab.search``).

On SQLite, :func:`collab.search.ranked` matches every word of a query anywhere in the fields,
case-insensitively (the lists' rule). For the few large tables (the register, procurements)
that is a scan of every row with every field lowercased; so each such model has an FTS5 index
with the ``trigram`` tokenizer, which answers exactly that question (is this substring, in any
case, in one of the fields?) from the index. A word of fewer than three characters cannot be
looked up in a trigram index; such a query falls back to the scan (same result, slower).

The index is an "external content" table beside the model's table, kept in step by SQLite
itself with triggers on insert, update and delete, so bulk inserts, ``QuerySet.update`` and
imports keep it right without any Python signal. It is not a Django model and has no
migration: :func:`ensure_indexes` runs after every ``migrate`` (``post_migrate``), creates
what is missing and rebuilds an index whose triggers were missing or whose fields changed (a
migration that rebuilds the model's table on SQLite drops the table's triggers with it).

On PostgreSQL a registered model's table has instead a generated column ``search_document``
(the weighted Swedish vector of the same fields, stored by PostgreSQL on every write; the
app's ``search_document`` migration) with a GIN index: :class:`StoredDocument` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.db import connections
from django.db.models import Expression

TOKENIZER = "trigram case_sensitive 0"
MIN_WORD = 3  # the shortest word a trigram index can look up


@dataclass(frozen=True)
class TextIndex:
    model: type
    fields: tuple[str, ...]  # the model's own text columns (no relations), title first

    @property
    def table(self) -> str:
        return f"{self.model._meta.db_table}_search"

    @property
    def columns(self) -> list[str]:
        return [self.model._meta.get_field(name).column for name in self.fields]


_indexes: dict[type, TextIndex] = {}


def register_text_index(model, fields) -> None:
    """``model``'s ``fields`` (its own text fields) get an SQLite full-text index; the search
    uses it when a provider searches exactly these fields (:func:`index_for`)."""
    _indexes[model] = TextIndex(model, tuple(fields))


def index_for(model, fields) -> TextIndex | None:
    index = _indexes.get(model)
    return index if index is not None and index.fields == tuple(fields) else None


def match_expression(words: list[str]) -> str | None:
    """The FTS5 query that matches every word as a substring, or None when a word is too
    short for the trigram index. Each word is a quoted string (quotes doubled), so nothing a
    user types is read as FTS5 syntax."""
    if not words or any(len(word) < MIN_WORD for word in words):
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _statements(index: TextIndex) -> tuple[str, list[str]]:
    table, source = _quote(index.table), _quote(index.model._meta.db_table)
    pk = _quote(index.model._meta.pk.column)
    columns = [_quote(column) for column in index.columns]
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    create = (
        f"CREATE VIRTUAL TABLE {table} USING fts5({names}, content={source}, "
        f"content_rowid={pk}, tokenize='{TOKENIZER}')"
    )
    # Names from the model, quoted; no user text.
    insert = f"INSERT INTO {table}(rowid, {names}) VALUES (new.{pk}, {new});"  # noqa: S608
    delete = (
        f"INSERT INTO {table}({table}, rowid, {names}) "  # noqa: S608
        f"VALUES ('delete', old.{pk}, {old});"
    )
    triggers = [
        f"CREATE TRIGGER IF NOT EXISTS {_quote(index.table + '_ai')} AFTER INSERT ON {source} "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {_quote(index.table + '_ad')} AFTER DELETE ON {source} "
        f"BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {_quote(index.table + '_au')} AFTER UPDATE ON {source} "
        f"BEGIN {delete} {insert} END",
    ]
    return create, triggers


def ensure_indexes(using: str = "default", **kwargs) -> None:
    """Create the missing indexes and triggers of every registered model (SQLite only);
    rebuild an index that was just created, whose fields changed or whose triggers were
    missing. Idempotent; cheap when all is in place."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        existing_tables = set(connection.introspection.table_names(cursor))
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        existing_triggers = {row[0] for row in cursor.fetchall()}
        for index in _indexes.values():
            if index.model._meta.db_table not in existing_tables:
                continue  # the model's table is not migrated yet
            create, triggers = _statements(index)
            rebuild = False
            if index.table in existing_tables:
                cursor.execute(f"PRAGMA table_info({_quote(index.table)})")
                if [row[1] for row in cursor.fetchall()] != index.columns:
                    cursor.execute(f"DROP TABLE {_quote(index.table)}")
                    for suffix in ("_ai", "_ad", "_au"):
                        cursor.execute(f"DROP TRIGGER IF EXISTS {_quote(index.table + suffix)}")
                    existing_triggers -= {index.table + s for s in ("_ai", "_ad", "_au")}
                    cursor.execute(create)
                    rebuild = True
            else:
                cursor.execute(create)
                rebuild = True
            if any(index.table + s not in existing_triggers for s in ("_ai", "_ad", "_au")):
                rebuild = True
            for statement in triggers:
                cursor.execute(statement)
            if rebuild:
                table = _quote(index.table)
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")  # noqa: S608


class StoredDocument(Expression):
    """The row's stored search vector (PostgreSQL: the ``search_document`` column that a
    registered model's migration adds). Like a column: it follows the table's alias in a
    subquery."""

    output_field = SearchVectorField()
    COLUMN = "search_document"

    def __init__(self, alias: str | None = None):
        super().__init__()
        self.alias = alias

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.{_quote(self.COLUMN)}", []


# --- PostgreSQL: the stored vector (used by the apps' ``search_document`` migrations) -------


def add_stored_document(schema_editor, *, table: str, vector: str, old_index: str) -> None:
    """Add ``table``'s generated column ``search_document`` (``vector``: the SQL of the
    weighted vector) with a GIN index, and drop the expression index ``old_index`` it
    replaces. PostgreSQL only; nothing elsewhere."""
    if schema_editor.connection.vendor != "postgresql":
        return
    column = _quote(StoredDocument.COLUMN)
    schema_editor.execute(
        f"ALTER TABLE {_quote(table)} ADD COLUMN IF NOT EXISTS {column} tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {_quote(table + '_search_document')} "
        f"ON {_quote(table)} USING gin ({column})"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {_quote(old_index)}")


def remove_stored_document(schema_editor, *, table: str, vector: str, old_index: str) -> None:
    """Undo :func:`add_stored_document`: the expression index back, the column gone."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {_quote(old_index)} ON {_quote(table)} USING gin ({vector})"
    )
    schema_editor.execute(
        f"ALTER TABLE {_quote(table)} DROP COLUMN IF EXISTS {_quote(StoredDocument.COLUMN)}"
    )
