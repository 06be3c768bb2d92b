"""modelsearch's internals that portal.search relies on are the ones compat.py lists, and still there.

These fail when an upgrade of modelsearch renames, removes or reshapes a class, method or
attribute we build on, or when code in portal.search starts using one without listing it.
"""

import ast
import importlib.metadata
import inspect
import re
from functools import cached_property
from pathlib import Path

from django.db import connection
from django.test import TestCase
from django.utils.functional import cached_property as django_cached_property

from wagtail.models import Page

from portal.search import compat

ROOT = Path(__file__).resolve().parents[2]
SEARCH_PACKAGE = ROOT / "portal" / "search"
ELASTICSEARCH = {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "unit__", "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
# Private names of Django or Python, not modelsearch's.
NOT_MODELSEARCH = {"_meta"}


def shape(function):
    """A signature as names and defaults, without annotations: "(self, query, boost=1.0)"."""
    parts = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            parts.append(f"*{parameter.name}")
        elif parameter.kind is parameter.VAR_KEYWORD:
            parts.append(f"**{parameter.name}")
        elif parameter.default is parameter.empty:
            parts.append(parameter.name)
        else:
            parts.append(f"{parameter.name}={parameter.default!r}")
    return "(" + ", ".join(parts) + ")"


def available(class_name):
    """Whether a listed class can be imported on this database (vendor classes only on theirs)."""
    if class_name.startswith("SQLite"):
        return compat.SQLITE_FTS
    if class_name.startswith("Postgres"):
        return compat.POSTGRESQL
    return True


def listed_classes():
    return {name: getattr(compat, name) for name in compat.MEMBERS if available(name)}


def search_modules():
    """Our modules that may use modelsearch: every Python file of portal.search but compat.py."""
    return [
        path for path in SEARCH_PACKAGE.rglob("*.py") if path.name != "compat.py" and "migrations" not in path.parts
    ]


def test_installed_modelsearch_is_the_pinned_version():
    pins = re.findall(r"^modelsearch==(\S+)", (ROOT / "requirements.txt").read_text(), flags=re.MULTILINE)
    assert pins, "requirements.txt pins modelsearch"
    assert importlib.metadata.version("modelsearch") == pins[0]


def test_every_listed_class_is_imported_in_compat():
    for name in compat.MEMBERS:
        assert hasattr(compat, name) == bool(available(name)), name
    assert connection.vendor != "sqlite" or compat.SQLITE_FTS, "the test database has FTS5"


def test_listed_methods_keep_their_signatures():
    for class_name, cls in listed_classes().items():
        for member, expected in compat.MEMBERS[class_name].items():
            if expected.startswith("("):
                assert callable(getattr(cls, member, None)), f"{class_name}.{member}"
                assert shape(getattr(cls, member)) == expected, f"{class_name}.{member}"


def test_listed_properties_and_class_attributes_exist():
    for class_name, cls in listed_classes().items():
        for member, expected in compat.MEMBERS[class_name].items():
            if expected == compat.PROPERTY:
                found = next((vars(base)[member] for base in cls.__mro__ if member in vars(base)), None)
                assert isinstance(found, (property, cached_property, django_cached_property)), f"{class_name}.{member}"
            elif expected == compat.CLASS_ATTRIBUTE:
                assert hasattr(cls, member), f"{class_name}.{member}"


class InstanceAttributeTests(TestCase):
    """Attributes set in __init__, read on instances built as our code builds them."""

    def instances(self):
        from_elasticsearch = compat.Elasticsearch9SearchBackend(dict(ELASTICSEARCH))
        pages = Page.objects.all()
        built = {
            "Elasticsearch9SearchBackend": from_elasticsearch,
            "Elasticsearch9Mapping": compat.Elasticsearch9Mapping(Page),
            "Elasticsearch9SearchQueryCompiler": from_elasticsearch.search("budget", pages).query_compiler,
            "Elasticsearch9AutocompleteQueryCompiler": from_elasticsearch.autocomplete("budg", pages).query_compiler,
            "ElasticsearchField": compat.ElasticsearchField("title", boost=2),
            "SearchField": compat.SearchField("title"),
            "RelatedFields": compat.RelatedFields("tags", [compat.SearchField("name")]),
            "PlainText": compat.PlainText("budget"),
            "And": compat.And([compat.PlainText("a"), compat.PlainText("b")]),
            "Or": compat.Or([compat.PlainText("a"), compat.PlainText("b")]),
        }
        database = compat.StockDatabaseBackend({"SEARCH_CONFIG": "simple"})
        results = database.search("budget", Page.objects.all())
        prefix = "SQLite" if compat.SQLITE_FTS else "Postgres" if compat.POSTGRESQL else None
        if prefix:
            built.update(
                {
                    f"{prefix}SearchBackend": database,
                    f"{prefix}SearchResults": results,
                    f"{prefix}SearchQueryCompiler": results.query_compiler,
                }
            )
        if compat.SQLITE_FTS:
            built["SQLiteIndex"] = compat.SQLiteIndex(database)
            built["SQLiteObjectIndexer"] = compat.SQLiteObjectIndexer(Page.get_first_root_node(), database)
        return built

    def test_listed_instance_attributes_are_set(self):
        instances = self.instances()
        for class_name, cls in listed_classes().items():
            attributes = [name for name, kind in compat.MEMBERS[class_name].items() if kind == compat.ATTRIBUTE]
            if not attributes:
                continue
            assert class_name in instances, f"build a {class_name} here to check {attributes}"
            instance = instances[class_name]
            assert isinstance(instance, cls)
            for attribute in attributes:
                assert hasattr(instance, attribute), f"{class_name}().{attribute}"

    def test_index_prefix_names_the_elasticsearch_indexes(self):
        backend = compat.Elasticsearch9SearchBackend(dict(ELASTICSEARCH))
        assert backend.get_index_for_model(Page).name.startswith("unit__")

    def test_index_tables_have_the_columns_our_sql_reads(self):
        columns = {field.column for field in compat.index_entry_model()._meta.concrete_fields}
        assert set(compat.INDEX_ENTRY_COLUMNS) <= columns
        if compat.SQLITE_FTS:
            with connection.cursor() as cursor:
                cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [compat.fts_table()])
                (sql,) = cursor.fetchone()
            assert f"fts5({', '.join(compat.FTS_COLUMNS)})" in sql


def test_other_modules_import_only_documented_modelsearch_modules():
    for path in search_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("modelsearch"):
                assert node.module in compat.PUBLIC_MODULES, f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("modelsearch"), f"{path.name} imports {alias.name}"


def test_every_private_name_used_on_modelsearch_objects_is_listed():
    """A private name our code overrides, calls or reads is listed, unless only our code defines it."""
    used, ours = set(), set()
    for path in search_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                used.add(node.attr)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                ours.add(node.name)
                if node.name.startswith("_") and not node.name.startswith("__"):
                    used.add(node.name)
    classes = listed_classes().values()
    on_modelsearch = {name for name in used if any(hasattr(cls, name) for cls in classes)}
    listed = {member for members in compat.MEMBERS.values() for member in members}
    unlisted = used - NOT_MODELSEARCH - (ours - on_modelsearch) - listed
    assert not unlisted, f"list these in compat.MEMBERS: {sorted(unlisted)}"
    assert "_do_search" in used and "_count_cache" in used, "the scan sees our overrides and attributes"
