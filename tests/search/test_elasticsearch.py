"""The Elasticsearch backend: mapping, documents and compiled queries, then searches on a server.

Building the backend and compiling queries needs no server, so those tests always run; the
searches run only when ELASTICSEARCH_URL points at an Elasticsearch 9 server.
"""

import json
import os
import uuid

import pytest
from modelsearch.query import And, PlainText

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from portal.search.elasticsearch import SearchBackend
from portal.search.normalise import Prefix, build_query
from tests.base import PortalTestCase

UNREACHABLE = {"URLS": ["http://127.0.0.1:9"], "INDEX": "unit", "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


def clauses(node, kind):
    """Every `kind` clause (e.g. "match") of a compiled query body, however deeply nested."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == kind:
                yield value
            yield from clauses(value, kind)
    elif isinstance(node, list):
        for item in node:
            yield from clauses(item, kind)


def language_fields(document):
    return {name for name in document if name.startswith("_text_")}


class BackendWithoutServerTests(PortalTestCase):
    """What the backend would send and store, built with a server address where nothing listens."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.czech = cls.homes["cs"].add_child(
            instance=StandardPage(
                title="Participativní rozpočet Kamnik", slug="rozpocet", intro="Občané navrhují projekty."
            )
        )
        cls.slovenian = cls.home.add_child(
            instance=StandardPage(title="Proračun občine", slug="proracun", intro="Prebivalci predlagajo projekte.")
        )

    def setUp(self):
        self.backend = SearchBackend(dict(UNREACHABLE))

    def body(self, query, autocomplete=False):
        method = self.backend.autocomplete if autocomplete else self.backend.search
        return method(query, StandardPage.objects.live()).query_compiler.get_query()

    def test_mapping_has_a_field_per_language_with_an_analyzer(self):
        properties = self.backend.mapping_class(StandardPage).get_mapping()["properties"]
        analyzers = {name: properties[name]["analyzer"] for name in properties if name.startswith("_text_")}
        assert analyzers == {"_text_bg": "bulgarian", "_text_cs": "czech", "_text_en": "english"}
        # The normalised fields, which Slovenian and Slovak rely on, stay in the catch-all field.
        assert properties["home_basepage__search_text_normalised"]["copy_to"] == "_all_text"

    def test_page_fills_only_the_field_of_its_own_language(self):
        document = self.backend.mapping_class(StandardPage).get_document(self.czech)
        assert self.czech.locale.language_code == "cs"
        assert language_fields(document) == {"_text_cs"}
        assert document["_text_cs"] == "Participativní rozpočet Kamnik Občané navrhují projekty."
        document = self.backend.mapping_class(StandardPage).get_document(self.slovenian)
        assert language_fields(document) == set()
        assert document["home_basepage__search_title_normalised"] == "proracun obcina obcine"

    def test_query_in_a_language_with_an_analyzer_also_matches_the_words_as_typed(self):
        body = self.body(build_query("rozpočtu Kamnikem", "cs"))
        typed = [match["_text_cs"] for match in clauses(body, "match") if "_text_cs" in match]
        assert typed == [{"query": "rozpočtu Kamnikem", "operator": "and"}]
        body = self.body(build_query("rozpočtu Kamnikem", "cs", operator="or"))
        assert [match["_text_cs"] for match in clauses(body, "match") if "_text_cs" in match] == [
            {"query": "rozpočtu Kamnikem"}  # "or" is Elasticsearch's default operator
        ]
        # The normalised terms are still there, over the catch-all and boosted fields.
        all_text = [match["_all_text"]["query"] for match in clauses(body, "match") if "_all_text" in match]
        assert "rozpocet" in all_text and "kamnikem" in all_text

    def test_query_in_a_language_without_an_analyzer_uses_the_normalised_field_only(self):
        body = self.body(build_query("proracunu obcine", "sl"))
        fields = {field for match in clauses(body, "match") for field in match}
        assert fields == {"_all_text", "_all_text_boost_2_0", "_django_content_type"}
        assert "proracun" in [match["_all_text"]["query"] for match in clauses(body, "match") if "_all_text" in match]

    def test_prefix_leaves_compile_to_prefix_queries(self):
        body = self.body(And([PlainText("obcina"), Prefix("prorac")]))
        prefixes = list(clauses(body, "prefix"))
        assert {"_all_text": {"value": "prorac", "boost": 1.0}} in prefixes
        assert {"_all_text_boost_2_0": {"value": "prorac", "boost": 2.0}} in prefixes
        assert not any("prorac" in json.dumps(match) for match in clauses(body, "match"))
        assert list(clauses(self.body(Prefix("prorac")), "prefix")), "a stem alone is a prefix query too"
        # A word the lemmatiser does not know becomes its stem: "Kamniku" -> kamnik*.
        prefixes = clauses(self.body(build_query("Kamniku", "cs")), "prefix")
        assert [prefix["_all_text"]["value"] for prefix in prefixes if "_all_text" in prefix] == ["kamnik"]

    def test_autocomplete_matches_every_term_against_edge_ngrams(self):
        body = self.body(build_query("Participativni prorac", "sl", last_word_is_prefix=True), autocomplete=True)
        matches = list(clauses(body["bool"]["must"], "match"))
        assert matches and all(set(match) == {"_edgengrams"} for match in matches)
        assert {"query": "prorac", "operator": "and"} in [match["_edgengrams"] for match in matches]
        assert not list(clauses(body, "prefix"))

    def test_index_setting_prefixes_the_index_names(self):
        assert self.backend.get_index_for_model(StandardPage).name == "unit__wagtailcore_page"


@pytest.mark.elasticsearch
@pytest.mark.skipif(not ELASTICSEARCH_URL, reason="needs Elasticsearch: set ELASTICSEARCH_URL")
class ElasticsearchTests(PortalTestCase):
    """Searches through the site on a real server, each test in indices of its own."""

    def setUp(self):
        self.index = f"test-{uuid.uuid4().hex[:12]}"
        backends = {
            "default": {"BACKEND": "portal.search.elasticsearch", "URLS": [ELASTICSEARCH_URL], "INDEX": self.index}
        }
        override = override_settings(WAGTAILSEARCH_BACKENDS=backends)
        override.enable()
        self.addCleanup(override.disable)
        self.addCleanup(self.delete_indices)

    def delete_indices(self):
        es = get_search_backend().es
        names = list(es.indices.get(index=f"{self.index}__*"))
        if names:
            es.indices.delete(index=",".join(names))

    def publish(self, parent, title, slug, intro=""):
        page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, live=False))
        page.save_revision().publish()
        return page

    def search(self, language, query):
        call_command("update_index", verbosity=0)
        response = self.client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        return response.content.decode()

    def language_field_matches(self, language, query):
        """Titles of pages whose language field alone matches `query`: what the analyzer found."""
        backend = get_search_backend()
        index = backend.get_index_for_model(Page).name
        hits = backend.es.search(index=index, query={"match": {f"_text_{language}": query}})["hits"]["hits"]
        return {Page.objects.get(pk=hit["_id"]).title for hit in hits}

    def test_normalised_field_finds_inflected_words(self):
        self.publish(self.home, "Proračun občine", "es-proracun")
        assert "Proračun občine" in self.search("sl", "proracunu")

    def test_czech_inflected_form_found_by_the_czech_analyzer(self):
        self.publish(self.homes["cs"], "Participativní rozpočet Kamnik", "es-kamnik", "Občané navrhují projekty.")
        # "Kamnikem" (instrumental) is no word simplemma knows: only the stemmer finds "Kamnik".
        assert "Participativní rozpočet Kamnik" in self.search("cs", "Kamnikem")
        assert self.language_field_matches("cs", "Kamnikem") == {"Participativní rozpočet Kamnik"}

    def test_bulgarian_inflected_form(self):
        self.publish(self.homes["bg"], "Общински бюджет", "es-budget", "Жителите предлагат проекти.")
        # The Bulgarian stemmer takes "-та" for an article and leaves "бюдж": the lemma finds it.
        assert "Общински бюджет" in self.search("bg", "бюджета")
        assert self.language_field_matches("bg", "проект") == {"Общински бюджет"}

    def test_autocomplete(self):
        self.publish(self.home, "Participativni proračun", "es-participativni")
        call_command("update_index", verbosity=0)
        response = self.client.get("/sl/search/suggest/", {"q": "Participativni prorac"})
        assert response.status_code == 200
        assert [result["title"] for result in json.loads(response.content)["results"]] == ["Participativni proračun"]
