"""The internals of modelsearch this project relies on, named in this one module.

modelsearch documents its backend modules (each one's `SearchBackend`), its index fields and
its query classes. Our backends also subclass its vendor classes and override, call or read
members it does not document. Every such class or function is imported here (the rest of
portal.search imports modelsearch's internals only from this module), and every such
member is listed in MEMBERS with the signature we rely on. requirements.txt pins the version
this was written against; tests/search/test_compat.py checks each entry and the pin, so an
upgrade that changes one fails a test rather than a search.
"""

from modelsearch.backends.database import SearchBackend as StockDatabaseBackend
from modelsearch.backends.database.sqlite.utils import fts5_available
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.backends.elasticsearchbase import Field as ElasticsearchField
from modelsearch.conf import get_app_config
from modelsearch.index import RelatedFields, SearchField
from modelsearch.query import And, Or, PlainText
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from django.db import connection

__all__ = [
    "And",
    "ElasticsearchField",
    "Elasticsearch9AutocompleteQueryCompiler",
    "Elasticsearch9Mapping",
    "Elasticsearch9SearchBackend",
    "Elasticsearch9SearchQueryCompiler",
    "Or",
    "PlainText",
    "RelatedFields",
    "SearchField",
    "StockDatabaseBackend",
    "get_content_type_pk",
    "get_descendants_content_types_pks",
    "post_save_signal_handler",
]

# Modules of modelsearch that the rest of portal.search may import directly: documented ones.
PUBLIC_MODULES = ("modelsearch.index", "modelsearch.query")

# A vendor module of modelsearch imports only on its own database: it looks up models that
# modelsearch defines for that database alone.
SQLITE_FTS = connection.vendor == "sqlite" and fts5_available()
POSTGRESQL = connection.vendor == "postgresql"
if SQLITE_FTS:
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer as SQLiteObjectIndexer
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    __all__ += [
        "SQLiteAutocompleteQueryCompiler",
        "SQLiteIndex",
        "SQLiteObjectIndexer",
        "SQLiteSearchBackend",
        "SQLiteSearchQueryCompiler",
        "SQLiteSearchResults",
    ]
if POSTGRESQL:
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )

    __all__ += [
        "PostgresAutocompleteQueryCompiler",
        "PostgresSearchBackend",
        "PostgresSearchQueryCompiler",
        "PostgresSearchResults",
    ]

# The FTS5 table beside modelsearch's index entries (its migration 0002 creates it), and its
# columns in their order, which bm25() takes weights in.
FTS_TABLE_SUFFIX = "_fts"
FTS_COLUMNS = ("autocomplete", "body", "title")
# Columns of the index entry table that our SQL reads.
INDEX_ENTRY_COLUMNS = ("content_type_id", "object_id", "title", "body", "autocomplete")


def index_entry_model():
    """modelsearch's IndexEntry model (swappable through its app config)."""
    return get_app_config().get_model("IndexEntry")


def fts_table():
    return f"{index_entry_model()._meta.db_table}{FTS_TABLE_SUFFIX}"


# What a member of MEMBERS is, where no signature is given.
ATTRIBUTE = "attribute"  # set on instances (checked on an instance)
CLASS_ATTRIBUTE = "class attribute"
PROPERTY = "property"  # a property or cached_property

_RESULTS = {
    "_do_search": "(self)",  # overridden: rank in the index, then load the slice
    "_do_count": "(self)",  # overridden: count in the index
    "_clone": "(self)",  # called when ranking is not possible
    "_count_cache": ATTRIBUTE,  # set by ranked_ids(), so count() needs no query
    "start": ATTRIBUTE,
    "stop": ATTRIBUTE,
    "query_compiler": ATTRIBUTE,
    "backend": ATTRIBUTE,
}
_COMPILER = {"query": ATTRIBUTE, "queryset": ATTRIBUTE, "fields": ATTRIBUTE, "order_by_relevance": ATTRIBUTE}

# Members we override, call or read that modelsearch does not document, by the name of the
# class in this module that has them. Vendor classes of another database are not importable
# (and not checked) there.
MEMBERS = {
    "SQLiteSearchResults": _RESULTS,
    "SQLiteSearchQueryCompiler": _COMPILER,
    "SQLiteIndex": {
        "__init__": "(self, backend)",
        "add_items": "(self, model, objs)",  # overridden: title text goes in the title column
        "_refresh_title_norms": "(self, full=False)",  # called after adding items
        "entries": ATTRIBUTE,
        "backend": ATTRIBUTE,
    },
    "SQLiteObjectIndexer": {
        "__init__": "(self, obj, backend)",
        "prepare_field": "(self, obj, field)",
        "search_fields": ATTRIBUTE,
        "obj": ATTRIBUTE,
        "id": PROPERTY,
        "autocomplete": PROPERTY,  # overridden
        "title": PROPERTY,  # overridden
        "body": PROPERTY,  # overridden
    },
    "SQLiteSearchBackend": {
        "__init__": "(self, params)",
        "index_class": CLASS_ATTRIBUTE,
        "results_class": CLASS_ATTRIBUTE,
    },
    "PostgresSearchResults": _RESULTS,
    "PostgresSearchQueryCompiler": _COMPILER,
    "PostgresSearchBackend": {
        "__init__": "(self, params)",
        "results_class": CLASS_ATTRIBUTE,
        "config": ATTRIBUTE,
        "autocomplete_config": ATTRIBUTE,
    },
    "Elasticsearch9SearchBackend": {
        "__init__": "(self, params)",  # reads INDEX_PREFIX from params
        "mapping_class": CLASS_ATTRIBUTE,
        "query_compiler_class": CLASS_ATTRIBUTE,
        "autocomplete_query_compiler_class": CLASS_ATTRIBUTE,
    },
    "Elasticsearch9Mapping": {"get_mapping": "(self)", "get_document": "(self, obj)", "model": ATTRIBUTE},
    "Elasticsearch9SearchQueryCompiler": {
        "mapping_class": CLASS_ATTRIBUTE,
        "get_inner_query": "(self)",
        "_compile_query": "(self, query, field, boost=1.0)",  # overridden for prefixes
        "_compile_plaintext_query": "(self, query, fields, boost=1.0)",
        "_join_and_compile_queries": "(self, query, fields, boost=1.0)",
        "query": ATTRIBUTE,
        "fields": ATTRIBUTE,
        "remapped_fields": ATTRIBUTE,
    },
    "Elasticsearch9AutocompleteQueryCompiler": {
        "mapping_class": CLASS_ATTRIBUTE,
        "get_inner_query": "(self)",
        "_join_and_compile_queries": "(self, query, fields, boost=1.0)",
        "query": ATTRIBUTE,
        "remapped_fields": ATTRIBUTE,
    },
    "ElasticsearchField": {"__init__": "(self, field_name, boost=1)", "field_name": ATTRIBUTE, "boost": ATTRIBUTE},
    # Documented classes whose attributes we read (see indexing.py, normalise.py, backends.py).
    "SearchField": {"get_value": "(self, obj)", "field_name": ATTRIBUTE},
    "RelatedFields": {"get_value": "(self, obj)", "fields": ATTRIBUTE},
    "PlainText": {
        "__init__": "(self, query_string, operator='and', boost=1)",
        "query_string": ATTRIBUTE,
        "operator": ATTRIBUTE,
    },
    "And": {"subqueries": ATTRIBUTE},
    "Or": {"subqueries": ATTRIBUTE},
}
