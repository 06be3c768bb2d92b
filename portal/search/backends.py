"""Wagtail's database search backend, with relevance ranking that scales.

The stock backend orders by a score computed in a subquery once per matching row, which
takes seconds when a query matches thousands of pages. Here the full-text index is asked
once: it filters, scores and sorts matching rows itself (FTS5 `bm25` on SQLite, `ts_rank`
on PostgreSQL) and only the requested slice of pages is loaded.

On SQLite the normalised title goes into the title column with the real title, so titles
weigh more there too (on PostgreSQL its boost gives it the top tsvector weight).

The classes are defined at import for the database in use (modelsearch's vendor modules
import only on their own database); `SearchBackend` picks the one that fits, or the stock
backend of any other database.

Use it with `WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.backends"}}`.
"""

from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Or, PlainText

from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.functional import cached_property

from . import compat
from .normalise import Prefix

# Fields indexed as titles: the page title and its normalised twin (see home.models.BasePage).
TITLE_FIELDS = {"title", "search_title_normalised"}
# Relative weights of title and body (SQLite bm25 per column; PostgreSQL weights D, C, B, A).
SQLITE_COLUMN_WEIGHTS = "0.0, 1.0, 5.0"  # autocomplete, body, title
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# How many of the index's best matches are ranked before filters apply (see _do_search).
CANDIDATES = 500


def _terms(query):
    """The query as nested ("and"|"or", parts) and (term, is_prefix) leaves, or None if unsupported."""
    if isinstance(query, PlainText):
        words = query.query_string.split()
        if len(words) != 1:
            parts = [(word, False) for word in words]
            return (query.operator.lower(), parts) if parts else None
        return (words[0], isinstance(query, Prefix))
    if isinstance(query, (And, Or)):
        parts = [_terms(subquery) for subquery in query.subqueries]
        if any(part is None for part in parts):
            return None
        return ("and" if isinstance(query, And) else "or", parts)
    return None


def _render(node, term_format, operators):
    """Write a term tree in a backend's query language."""
    first, second = node
    if isinstance(second, bool):
        return term_format(first, second)
    operator = operators[first]
    return "(" + f" {operator} ".join(_render(part, term_format, operators) for part in second) + ")"


class RankedResultsMixin:
    """Search results ranked by the full-text index in one statement per page of results.

    Overrides and calls private members of modelsearch's results (see compat.MEMBERS).
    """

    def _ranking_supported(self):
        compiler = self.query_compiler
        return compiler.fields is None and _terms(compiler.query) is not None

    def _match_sql(self, candidates=None):
        """(FROM and WHERE SQL, its params, score SQL, its params) for the matching index entries
        (`e`), or for the best `candidates` of them by the index's own score."""
        raise NotImplementedError

    def _matching_sql(self, candidates=None):
        compiler = self.query_compiler
        match_sql, match_params, score_sql, score_params = self._match_sql(candidates)
        object_ids = compiler.queryset.order_by().annotate(_object_id=Cast("pk", TextField())).values("_object_id")
        objects_sql, objects_params = object_ids.query.sql_with_params()
        content_types = compat.get_descendants_content_types_pks(compiler.queryset.model)
        placeholders = ", ".join(["%s"] * len(content_types))
        sql = f"{match_sql} AND e.content_type_id IN ({placeholders}) AND e.object_id IN ({objects_sql})"
        return sql, [*match_params, *content_types, *objects_params], score_sql, score_params

    def ranked_ids(self):
        """Ids of every matching object, best first, scored in one query; count() then reuses them."""
        if not self._ranking_supported() or not self.query_compiler.order_by_relevance:
            ids = [obj.pk for obj in self._clone()]
        else:
            ids = self._ranked_ids(None, candidates=None)
        if self.start == 0 and self.stop is None:
            self._count_cache = len(ids)
        return ids

    def best_ids(self, wanted):
        """Ids of the best `wanted` matches among the index's best candidates: bounded work,
        for a short list where missing a match ranked below thousands of others is fine."""
        if not self._ranking_supported() or not self.query_compiler.order_by_relevance:
            return [obj.pk for obj in self[:wanted]]
        return self._ranked_ids(wanted, candidates=CANDIDATES)

    def _do_search(self):
        if not self._ranking_supported() or not self.query_compiler.order_by_relevance:
            return super()._do_search()
        wanted = None if self.stop is None else self.stop - self.start
        # Rank the best candidates in the full-text index alone, then filter those; only when
        # filters leave too few of them is every match ranked.
        ids = self._ranked_ids(wanted, candidates=CANDIDATES if wanted is not None else None)
        if wanted is not None and len(ids) < wanted:
            ids = self._ranked_ids(wanted, candidates=None)
        objects = self.query_compiler.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]

    def _ranked_ids(self, wanted, candidates):
        sql, params, score_sql, score_params = self._matching_sql(candidates)
        # Every match (wanted None) is sliced here: SQLite takes no OFFSET without a LIMIT.
        limit = "" if wanted is None else f" LIMIT {int(wanted)} OFFSET {int(self.start)}"
        statement = f"SELECT e.object_id {sql} ORDER BY {score_sql}, e.object_id{limit}"
        with connections[self.query_compiler.queryset.db].cursor() as cursor:
            cursor.execute(statement, [*params, *score_params])
            ids = [int(row[0]) for row in cursor.fetchall()]
        return ids[self.start :] if wanted is None else ids

    def _do_count(self):
        if not self._ranking_supported():
            return super()._do_count()
        sql, params, _score, _score_params = self._matching_sql()
        with connections[self.query_compiler.queryset.db].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {sql}", params)  # noqa: S608 (our own SQL, values are params)
            total = cursor.fetchone()[0]
        end = total if self.stop is None else min(total, self.stop)
        return max(0, end - self.start)


def fts_term(term, is_prefix):
    return f'"{term}"*' if is_prefix else f'"{term}"'


def ts_term(term, is_prefix):
    # Terms are letters and digits only (see normalise.py); quoting keeps them literal anyway.
    term = term.replace("'", "")
    return f"'{term}':*" if is_prefix else f"'{term}'"


if compat.SQLITE_FTS:

    class SQLiteIndexer(compat.SQLiteObjectIndexer):
        """Titles (and their normalised twin) in the title column, every other field in the body.

        Each field is read once for all three columns: the stock indexer reads every field per
        column, and the normalised text reads all the others again, so indexing took three times
        as long (and bulk loads spend most of their time here)."""

        @cached_property
        def _values(self):
            return [pair for field in self.search_fields for pair in self.prepare_field(self.obj, field)]

        def _texts(self, in_title):
            return " ".join(
                value
                for field, value in self._values
                if isinstance(field, SearchField) and (field.field_name in TITLE_FIELDS) == in_title
            )

        @property
        def title(self):
            return self._texts(in_title=True)

        @property
        def body(self):
            return self._texts(in_title=False)

        @property
        def autocomplete(self):
            return " ".join(value for field, value in self._values if isinstance(field, AutocompleteField))

    class SQLiteIndex(compat.SQLiteIndex):
        """The stock index, filled by SQLiteIndexer in bulk."""

        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            IndexEntry = compat.index_entry_model()
            content_type_pk = compat.get_content_type_pk(model)
            data = {}
            for obj in objs:
                indexer = SQLiteIndexer(obj, self.backend)
                data[indexer.id] = {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
            if not data:
                return
            entries = self.entries.filter(content_type_id=content_type_pk)
            existing = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
            for object_id in existing:
                entries.filter(object_id=object_id).update(**data[object_id])
            self.entries.bulk_create(
                IndexEntry(content_type_id=content_type_pk, object_id=object_id, **values)
                for object_id, values in data.items()
                if object_id not in existing
            )
            self._refresh_title_norms()

    class SQLiteResults(RankedResultsMixin, compat.SQLiteSearchResults):
        """Ranked by FTS5's bm25, title weighing more than body."""

        def _match_sql(self, candidates=None):
            entries = compat.index_entry_model()._meta.db_table
            fts_table = compat.fts_table()
            autocomplete = isinstance(self.query_compiler, compat.SQLiteAutocompleteQueryCompiler)
            columns = "{autocomplete}" if autocomplete else "{title body}"
            match = f"{columns} : " + _render(_terms(self.query_compiler.query), fts_term, {"and": "AND", "or": "OR"})
            score = f"bm25({fts_table}, {SQLITE_COLUMN_WEIGHTS})"
            if candidates:
                sql = (
                    f"FROM (SELECT rowid AS rid, {score} AS score FROM {fts_table} WHERE {fts_table} MATCH %s "  # noqa: S608
                    f"ORDER BY score LIMIT {int(candidates)}) c JOIN {entries} e ON e.id = c.rid WHERE 1 = 1"
                )
                return sql, [match], "c.score", []
            sql = f"FROM {fts_table} JOIN {entries} e ON e.id = {fts_table}.rowid WHERE {fts_table} MATCH %s"
            return sql, [match], score, []

    class SQLiteSearchBackend(compat.SQLiteSearchBackend):
        """modelsearch's SQLite FTS5 backend with the index and ranking above."""

        index_class = SQLiteIndex
        results_class = SQLiteResults
        normalised_queries = True  # takes normalise.build_query()'s term tree


if compat.POSTGRESQL:

    class PostgresResults(RankedResultsMixin, compat.PostgresSearchResults):
        """Ranked by ts_rank over the body vector, which holds the normalised title with weight A."""

        def _match_sql(self, candidates=None):
            entries = compat.index_entry_model()._meta.db_table
            compiler = self.query_compiler
            autocomplete = isinstance(compiler, compat.PostgresAutocompleteQueryCompiler)
            config = self.backend.autocomplete_config if autocomplete else (self.backend.config or "simple")
            column = "autocomplete" if autocomplete else "body"
            tsquery = _render(_terms(compiler.query), ts_term, {"and": "&", "or": "|"})
            # The normalised title lives in the body vector with weight A, so one GIN index serves.
            match = f"{column} @@ to_tsquery(%s::regconfig, %s)"

            # Normalisation 1 divides by the log of the length: long pages do not win by size alone.
            def score(table=""):
                return f"ts_rank('{POSTGRES_WEIGHTS}', {table}{column}, to_tsquery(%s::regconfig, %s), 1)"

            if candidates:
                # The candidates carry the columns filtered on, so no join back to every index entry.
                sql = (
                    f"FROM (SELECT content_type_id, object_id, {score()} AS score FROM {entries} "  # noqa: S608
                    f"WHERE {match} ORDER BY score DESC LIMIT {int(candidates)}) e WHERE TRUE"
                )
                return sql, [config, tsquery, config, tsquery], "e.score DESC", []
            sql = f"FROM {entries} e WHERE e.{match}"
            return sql, [config, tsquery], f"{score('e.')} DESC", [config, tsquery]

    class PostgresSearchBackend(compat.PostgresSearchBackend):
        """modelsearch's PostgreSQL backend with the ranking above."""

        results_class = PostgresResults
        normalised_queries = True  # takes normalise.build_query()'s term tree


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for)
    """The ranked backend for SQLite (FTS5) and PostgreSQL; the stock one elsewhere."""
    if compat.POSTGRESQL:
        return PostgresSearchBackend(params)
    stock = compat.StockDatabaseBackend(params)
    if compat.SQLITE_FTS and isinstance(stock, compat.SQLiteSearchBackend):
        return SQLiteSearchBackend(params)
    return stock
