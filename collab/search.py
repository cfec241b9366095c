"""Find anything: the header's search across the apps, one result group per kind.

The platform knows no domain. Each app registers, from its ``contributions.py``, a provider:
a function(organisation, query, *, limit) returning a :class:`ResultGroup` (or None when the
kind is not there for the organisation). The caller runs inside the organisation's scope, so a
provider reads through the scoped managers; a model outside the scope filters by
``organisation`` itself.

The engine is chosen in ONE place, :func:`ranked`, from the database in use:

* PostgreSQL: full-text search with the Swedish configuration (stemming and stop words:
  "skolor" finds "skolan"). The title is weighted A and the other fields B, so a match in the
  title ranks above a match in the text (``ts_rank``). A query of plain words matches each
  word as a prefix ("upphandl" finds "upphandlingen"); a query with web-search syntax (a
  "quoted phrase", ``-word`` to exclude, ``or``) is read as ``websearch_to_tsquery``. The title
  ranks higher when it holds the query as typed. The register and the procurements (the
  large kinds) keep the vector in a generated column with a GIN index
  (``search_index.StoredDocument``); meetings and activities have a GIN index on the
  expression; the smaller kinds compute it per query (see ``make bench``).
* SQLite (development, small installations): a documented simpler fallback. Every word must
  occur, case-insensitively (Swedish letters too) and anywhere, in one of the fields (the
  rule of the lists' search box), ranked by: title equal to the query > title starting with
  it > every word in the title > a match in the text only. No stemming; a partial word always
  matches. It runs in SQLite itself (``lower()`` and ``GLOB``, see :func:`_ranked_contains`),
  a table scan per kind. The large kinds (register, procurements) are looked up instead in
  an FTS5 index with the trigram tokenizer (``collab.search_index``): the same matches (a
  substring in any case) without the scan; a word shorter than three characters falls back to
  the scan.

Each kind costs one query (the total comes from a window function over the same rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from collab import search_index

MIN_LENGTH = 2  # a shorter query gets a message, not results
MAX_LENGTH = 200  # a longer query is cut
PER_KIND = 5  # results per kind on the results page
SNIPPET_LENGTH = 180  # characters of text around the first match

SHORT_QUERY_MESSAGE = _("Write at least two characters to search.")


@dataclass
class SearchResult:
    title: str
    url: str
    rank: float = 0.0
    # The snippet as parts: (text, is_match); the template marks the matches with <mark>.
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    title_parts: list[tuple[str, bool]] = field(default_factory=list)
    meta: str = ""  # a short line under the title (kind of record, date, number)

    @property
    def title_html(self):
        return marked(self.title_parts)

    @property
    def snippet_html(self):
        return marked(self.snippet)


def marked(parts: Iterable[tuple[str, bool]]):
    """(text, is_match) parts as HTML: every text escaped, the matches in ``<mark>``. Built
    here rather than by a loop in the template, which costs more than the search's queries."""
    return format_html_join(
        "",
        "{}",
        ((format_html("<mark>{}</mark>", text) if match else text,) for text, match in parts),
    )


@dataclass
class ResultGroup:
    key: str  # e.g. "enterprises"
    label: str  # the kind, e.g. "Sociala företag"
    results: list[SearchResult] = field(default_factory=list)
    count: int = 0  # all matches of the kind (the results are the first ``limit``)
    all_url: str | None = None  # the kind's list filtered by the query, where one exists


# A provider: function(organisation, query, *, limit) -> ResultGroup | None.
SearchProvider = Callable[..., "ResultGroup | None"]

_providers: list[tuple[int, SearchProvider]] = []


def register_search_provider(provider: SearchProvider, order: int = 0) -> None:
    if all(registered is not provider for _order, registered in _providers):
        _providers.append((order, provider))


def providers() -> list[SearchProvider]:
    return [provider for _order, provider in sorted(_providers, key=lambda pair: pair[0])]


def clean_query(raw: str | None) -> str:
    """The query as searched: spaces collapsed, at most :data:`MAX_LENGTH` characters."""
    return " ".join(str(raw or "").split())[:MAX_LENGTH].strip()


@dataclass
class SearchOutcome:
    query: str
    message: str = ""
    groups: list[ResultGroup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def search(organisation, raw_query: str | None, *, limit: int = PER_KIND) -> SearchOutcome:
    """Every provider's group with matches, in registration order. Run inside the scope."""
    query = clean_query(raw_query)
    if not query:
        return SearchOutcome(query="")
    if len(query) < MIN_LENGTH:
        return SearchOutcome(query=query, message=str(SHORT_QUERY_MESSAGE))
    groups = []
    for provider in providers():
        group = provider(organisation, query, limit=limit)
        if group is not None and group.count:
            groups.append(group)
    return SearchOutcome(query=query, groups=groups)


# --- the engine: filter and rank a queryset (the one place that knows the database) --------


def words(query: str) -> list[str]:
    return [word for word in query.split() if word]


def _uses_websearch_syntax(query: str) -> bool:
    return '"' in query or any(w.startswith("-") or w.lower() == "or" for w in words(query))


# tsquery's operators and quoting: removed from a word before it becomes a prefix term.
_TSQUERY_SYNTAX = re.compile(r"[&|!():*'<>\\\s]")


def _prefix_tsquery(query: str) -> str:
    """``to_tsquery`` text that matches every word of the query as a prefix. The words are
    split on spaces only (so a reference such as ``2026/0077`` stays one term, as PostgreSQL's
    parser reads it in the text); tsquery's operators are removed, so no user text is read
    as tsquery syntax, and a word without a letter or digit is left out."""
    terms = _TSQUERY_SYNTAX.sub(" ", query).split()
    return " & ".join(f"{term}:*" for term in terms if re.search(r"\w", term))


def ranked(
    queryset: QuerySet,
    query: str,
    *,
    title: str,
    body: Sequence[str] = (),
    also: Q | None = None,
    text: bool = True,
) -> QuerySet:
    """``queryset`` filtered to the rows that match ``query`` in ``title`` or ``body`` (field
    paths, through relations too) or that meet ``also`` (e.g. an organisation number in
    another spelling), annotated with ``search_rank`` (higher first) and ``search_total``
    (how many rows match in all), ordered by rank, then title. ``text=False``: only ``also``
    (a query that can only be a number, say)."""
    vendor = connections[queryset.db].vendor
    if not text and also is not None:
        queryset = queryset.filter(also).annotate(search_rank=Value(1.0, FloatField()))
    elif vendor == "postgresql":
        queryset = _ranked_postgresql(queryset, query, title=title, body=body, also=also)
    else:
        queryset = _ranked_contains(queryset, query, title=title, body=body, also=also)
    return queryset.annotate(search_total=Window(expression=Count("pk"))).order_by(
        F("search_rank").desc(), title, "pk"
    )


def _ranked_postgresql(queryset, query, *, title, body, also):
    if search_index.index_for(queryset.model, (title, *body)):
        # A large kind: the same vector, stored by PostgreSQL in a generated column with a GIN
        # index (``search_document`` migrations), so ranking its matches reads it.
        document = search_index.StoredDocument()
    else:
        document = _PgDocument(title, *body)
    prefix = _prefix_tsquery(query)
    if _uses_websearch_syntax(query) or not prefix:
        text_query = ("websearch_to_tsquery", query)
    else:
        text_query = ("to_tsquery", prefix)
    # Only the text search filters (an OR with anything else that no index serves would read
    # every row): the large kinds have a GIN index on this vector (the ``search_index`` and
    # ``search_document`` migrations; tests/collab/test_search_index.py checks that the index
    # is used). A whole-title match ranks higher. The condition and the rank are each one
    # expression that writes its SQL at once (what SearchVector, SearchQuery and SearchRank
    # would write, at a fraction of their cost to build: the search runs a query per kind).
    condition = Q(_PgMatch(document, text_query=text_query))
    rank = _PgRank(document, F(title), text_query=text_query, title_contains=query)
    if also is not None:
        # The text matches as a subquery (its index), OR-ed with ``also`` on the outer rows:
        # no row's vector is computed only to be OR-ed away.
        matches = queryset.filter(condition).values("pk")
        condition = Q(pk__in=matches) | also
        rank = rank + Case(
            When(also, then=Value(2.0)), default=Value(0.0), output_field=FloatField()
        )
    return queryset.filter(condition).annotate(search_rank=rank)


class _PgDocument(Func):
    """The row's weighted Swedish vector: the title weighted A, the other fields (joined by a
    space) B. The same expression as the GIN expression indexes (e.g. areas' migration
    ``0005_search_document_text``), which PostgreSQL uses only for the same expression."""

    def __init__(self, title, *body):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(F(title), *[F(path) for path in body], output_field=SearchVectorField())

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, part_params = compiler.compile(expression)
            parts.append(f"COALESCE({sql}, '')")
            params.extend(part_params)
        title, *body = parts
        sql = f"setweight(to_tsvector('swedish'::regconfig, {title}), 'A')"
        if body:
            text = " || ' ' || ".join(body)
            sql = f"({sql} || setweight(to_tsvector('swedish'::regconfig, {text}), 'B'))"
        return sql, params


def _tsquery_sql(text_query) -> tuple[str, list]:
    function, text = text_query
    return f"{function}('swedish'::regconfig, %s)", [text]


class _PgMatch(Func):
    """``document @@ query``."""

    output_field = BooleanField()

    def __init__(self, document, *, text_query):
        super().__init__(document)
        self.text_query = text_query

    def as_sql(self, compiler, connection, **extra_context):
        document, params = compiler.compile(self.get_source_expressions()[0])
        query_sql, query_params = _tsquery_sql(self.text_query)
        return f"({document} @@ {query_sql})", [*params, *query_params]


class _PgRank(Func):
    """``ts_rank(document, query)``, plus 0.5 when the title holds the query as typed."""

    output_field = FloatField()

    def __init__(self, document, title, *, text_query, title_contains):
        super().__init__(document, title)
        self.text_query, self.title_contains = text_query, title_contains

    def as_sql(self, compiler, connection, **extra_context):
        document_expression, title_expression = self.get_source_expressions()
        document, params = compiler.compile(document_expression)
        title, title_params = compiler.compile(title_expression)
        query_sql, query_params = _tsquery_sql(self.text_query)
        pattern = f"%{connection.ops.prep_for_like_query(self.title_contains)}%"
        return (
            f"(ts_rank({document}, {query_sql}) + "
            f"CASE WHEN UPPER(({title})::text) LIKE UPPER(%s) THEN 0.5 ELSE 0.0 END)",
            [*params, *query_params, *title_params, pattern],
        )


def _ranked_contains(queryset, query, *, title, body, also):
    # Native SQLite only, no Python function per row: each field's text is lowercased by
    # SQLite (ASCII letters) and matched with GLOB against the word, in which every letter
    # outside ASCII is a class of its cases ("lokalvård" -> "*lokalv[åÅ]rd*"). So the match
    # is case-insensitive for Swedish letters too, as the lists' search (``collab.sqlite``),
    # but costs a fraction of the Unicode-aware LIKE. (A letter whose other case is two
    # letters, such as "ß"/"SS", is matched as written.)
    #
    # A large kind has a full-text index (``collab.search_index``, FTS5 with trigrams) that
    # finds the same rows without reading every row: it filters, and the ranking below runs
    # on the matching rows only.
    # The condition and the rank are each ONE expression that writes its SQL at once (the
    # same SQL as Django's Case/When and Q would, at a fraction of their cost to build: the
    # search runs a query per kind).
    word_patterns = [f"*{_glob_pattern(word)}*" for word in words(query)]
    title_text = Lower(F(title))
    index = search_index.index_for(queryset.model, (title, *body))
    expression = search_index.match_expression(words(query)) if index else None
    if expression is not None:
        matched = Q(
            pk__in=RawSQL(  # noqa: S611 - the table's name from the model, the query a parameter
                f'SELECT rowid FROM "{index.table}" WHERE "{index.table}" MATCH %s',  # noqa: S608
                [expression],
            )
        )
    else:
        text = Lower(_JoinedText(*[F(path) for path in (title, *body)]))
        matched = Q(_GlobAll(text, patterns=word_patterns))
    pattern = _glob_pattern(query)
    rank = _TitleRank(title_text, patterns=[pattern, f"{pattern}*"], words=word_patterns)
    if also is not None:
        matched |= also
        rank = Case(When(also, then=Value(5.0)), default=rank, output_field=FloatField())
    return queryset.filter(matched).annotate(search_rank=rank)


def _glob_pattern(text: str) -> str:
    """``text`` as a GLOB pattern that matches it in SQLite-lowercased text: ASCII lowercase,
    GLOB's own characters quoted, other letters a class of their cases."""
    out = []
    for char in text.lower():
        if char in "*?[":
            out.append(f"[{char}]")
        elif ord(char) < 128:
            out.append(char)
        else:
            cases = sorted({char, *(c for c in (char.upper(),) if len(c) == 1)})
            out.append(f"[{''.join(cases)}]" if len(cases) > 1 else char)
    return "".join(out)


class _GlobAll(Func):
    """Every pattern matches the text: ``(text GLOB p1 AND text GLOB p2 ...)``."""

    output_field = BooleanField()

    def __init__(self, text, *, patterns):
        super().__init__(text)
        self.patterns = list(patterns)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        conditions = " AND ".join(f"{sql} GLOB %s" for _pattern in self.patterns)
        all_params = []
        for pattern in self.patterns:
            all_params.extend([*params, pattern])
        return f"({conditions})", all_params


class _TitleRank(Func):
    """The rank of a row by its (lowercased) title: 4 when it is the query, 3 when it starts
    with it, 2 when it holds every word, else 1 (the match is in the text)."""

    output_field = FloatField()

    def __init__(self, title, *, patterns, words):
        super().__init__(title)
        self.patterns, self.words = list(patterns), list(words)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        exact, prefix = self.patterns
        every = " AND ".join(f"{sql} GLOB %s" for _word in self.words) or "0"
        words_params = []
        for word in self.words:
            words_params.extend([*params, word])
        return (
            f"(CASE WHEN {sql} GLOB %s THEN 4.0 WHEN {sql} GLOB %s THEN 3.0 "
            f"WHEN ({every}) THEN 2.0 ELSE 1.0 END)",
            [*params, exact, *params, prefix, *words_params],
        )


class _JoinedText(Func):
    """The fields' values joined by a space (a word never spans two fields), a NULL (an
    empty relation) as "". Written out here because Django's ``Concat`` nests a pair of
    ``COALESCE`` per field, which costs more to compile than the query takes to run."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, part_params = compiler.compile(expression)
            parts.append(f"COALESCE({sql}, '')")
            params.extend(part_params)
        return "(" + " || ' ' || ".join(parts) + ")", params


# --- building a group from ranked rows ----------------------------------------------------


def highlight(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` split into (part, is_match) where a query word occurs (case-insensitive).
    Plain strings: the template escapes each part and marks the matches."""
    terms = sorted({w.strip('"').lstrip("-") for w in words(query)} - {""}, key=len, reverse=True)
    terms = [term for term in terms if term.lower() != "or"]
    if not text or not terms:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def snippet(texts: Iterable[str], query: str, length: int = SNIPPET_LENGTH):
    """A short excerpt of the first text where a query word occurs (else of the first
    non-empty text), centred on the match, highlighted as :func:`highlight` parts."""
    texts = [" ".join(str(text or "").split()) for text in texts]
    texts = [text for text in texts if text]
    if not texts:
        return []
    terms = [w.strip('"').lstrip("-").lower() for w in words(query)]
    terms = [term for term in terms if term and term != "or"]
    chosen, start = texts[0], 0
    for text in texts:
        lowered = text.lower()
        found = [lowered.find(term) for term in terms if term in lowered]
        if found:
            chosen, start = text, min(found)
            break
    begin = max(0, start - length // 3)
    if begin:
        # Start at a word boundary.
        space = chosen.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    excerpt = chosen[begin : begin + length]
    prefix = "… " if begin else ""
    suffix = " …" if begin + length < len(chosen) else ""
    return highlight(prefix + excerpt + suffix, query)


def list_url(url: str, query: str) -> str:
    """A list page filtered by the query (its search box's ``q``)."""
    return f"{url}?{urlencode({'q': query})}"


def group(
    *,
    key: str,
    label,
    rows: Sequence,
    query: str,
    describe: Callable,
    all_url: str | None = None,
) -> ResultGroup:
    """A :class:`ResultGroup` from the first rows of :func:`ranked` (a list).
    ``describe(row)`` returns (title, url, texts for the snippet, meta)."""
    results = []
    for row in rows:
        title, url, texts, meta = describe(row)
        results.append(
            SearchResult(
                title=title,
                url=url,
                rank=float(row.search_rank or 0),
                title_parts=highlight(title, query),
                snippet=snippet(texts, query),
                meta=meta,
            )
        )
    count = rows[0].search_total if rows else 0
    return ResultGroup(
        key=key, label=str(label), results=results, count=count, all_url=all_url if count else None
    )


def find(
    queryset: QuerySet,
    query: str,
    *,
    limit: int,
    key: str,
    label,
    title: str,
    body: Sequence[str] = (),
    describe: Callable,
    all_url: str | None = None,
    also: Q | None = None,
    text: bool = True,
) -> ResultGroup:
    """A provider's whole work: the first ``limit`` rows of :func:`ranked` as a
    :class:`ResultGroup` (see :func:`group` for ``describe``). ``all_url``: the kind's list,
    which gets the query as its search box's ``q``."""
    rows = list(ranked(queryset, query, title=title, body=body, also=also, text=text)[:limit])
    return group(
        key=key,
        label=label,
        rows=rows,
        query=query,
        describe=describe,
        all_url=list_url(all_url, query) if all_url else None,
    )
