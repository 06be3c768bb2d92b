"""Wagtail's Elasticsearch 9 backend, with the normalised query and per-language analyzers.

Queries arrive as the tree of normalised terms that `normalise.build_query()` makes (the
search view sends it to backends of this project). It is compiled as modelsearch compiles
any query, over `_all_text` and the boosted fields, with stems as prefix queries; so
`proracunu` meets the indexed lemma `proracun` as it does on the database backend.

Where Elasticsearch has an analyzer for a language (Bulgarian, Czech, English), each page
also indexes its title and text in `_text_<language>` with that analyzer, and a query in
that language may match its words as typed there too. Slovenian and Slovak have no built-in
analyzer: they rely on the normalised field alone.

Use it with `WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.elasticsearch",
"URLS": [...], "INDEX": "portal"}}`; `INDEX` prefixes the index names (`portal__wagtailcore_page`).
The modelsearch classes and private members it builds on are listed in compat.py.
"""

from modelsearch.query import And, Or

from wagtail.models import Page

from .compat import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from .compat import ElasticsearchField as Field
from .indexing import searchable_text
from .normalise import Prefix

# Elasticsearch's built-in language analyzers for the site's languages.
LANGUAGE_ANALYZERS = {"bg": "bulgarian", "cs": "czech", "en": "english"}


def language_field(language):
    """The document field holding a page's text for its language's analyzer."""
    return f"_text_{language}"


class Mapping(Elasticsearch9Mapping):
    """Pages get one text field per analysed language; each fills the one of its own language."""

    def get_mapping(self):
        mapping = super().get_mapping()
        if issubclass(self.model, Page):
            for language, analyzer in LANGUAGE_ANALYZERS.items():
                mapping["properties"][language_field(language)] = {"type": "text", "analyzer": analyzer}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        if isinstance(obj, Page):
            language = getattr(obj, "content_language", None) or obj.locale.language_code
            if language in LANGUAGE_ANALYZERS:
                document[language_field(language)] = f"{obj.title} {searchable_text(obj)}".strip()
        return document


class SearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    """The normalised tree with prefix stems, or the words as typed where their language has an analyzer."""

    mapping_class = Mapping

    def _compile_query(self, query, field, boost=1.0):
        if isinstance(query, Prefix):
            return {"prefix": {field.field_name: {"value": query.query_string, "boost": boost * field.boost}}}
        return super()._compile_query(query, field, boost)

    def get_inner_query(self):
        if isinstance(self.query, Prefix):
            inner = self._join_and_compile_queries(self.query, self.remapped_fields)
        else:
            inner = super().get_inner_query()
        typed = getattr(self.query, "typed", None)
        if typed is None or self.fields or typed.language not in LANGUAGE_ANALYZERS:
            return inner
        as_typed = self._compile_plaintext_query(typed, [Field(language_field(typed.language))])
        return {"bool": {"should": [inner, as_typed], "minimum_should_match": 1}}


class AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    """Every term of the normalised tree matched against the edge n-grams of titles."""

    mapping_class = Mapping

    def get_inner_query(self):
        if isinstance(self.query, (And, Or)):
            fields = [Field(name) for name in self.remapped_fields or ["_edgengrams"]]
            return self._join_and_compile_queries(self.query, fields)
        return super().get_inner_query()


class SearchBackend(Elasticsearch9SearchBackend):
    """Wagtail's Elasticsearch 9 backend with the mapping and compilers above."""

    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    normalised_queries = True  # takes normalise.build_query()'s term tree

    def __init__(self, params):
        # Wagtail's INDEX setting names the indices; modelsearch itself reads only INDEX_PREFIX.
        if "INDEX" in params:
            params.setdefault("INDEX_PREFIX", f"{params.pop('INDEX')}__")
        super().__init__(params)
