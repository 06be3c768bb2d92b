"""The search page, its facets, autocomplete, promotions, the query report and failure modes."""

import json

import pytest

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import capfirst

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from portal.search.models import SearchTerm
from portal.search.normalise import build_query
from tests.base import PortalTestCase, translated
from tests.factories import StandardPageFactory

BAD_QUERIES = [
    {"q": ""},
    {"q": "x" * 1000},
    {"q": "!!! ??? ..."},
    {"q": '" * - OR NEAR( AND'},
    {"q": "proracun", "type": "nonsense.model"},
    {"q": "proracun", "year": "20x6", "method": "not-a-uuid", "country": "ZZ"},
    {"q": "proracun", "page": "999"},
    {"q": "proracun", "page": "-1"},
    {"q": "proracun", "page": "abc"},
]


class SearchPageTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.budget = cls.home.add_child(
            instance=StandardPage(
                title="Participativni proračun",
                slug="participativni-proracun",
                intro="Prebivalci občine predlagajo projekte za proračun prihodnjega leta.",
            )
        )
        cls.budget.save_revision().publish()
        cls.budget_en = cls.translate(
            cls.budget,
            "en",
            {
                "Participativni proračun": "Participatory budgeting",
                "Prebivalci občine predlagajo projekte za proračun prihodnjega leta.": (
                    "Residents of the municipality propose projects for next year's budget."
                ),
            },
        )
        cls.only_sl = cls.home.add_child(
            instance=StandardPage(title="Svet mladih", slug="svet-mladih", intro="Mladinski svet <b>občine</b>.")
        )
        cls.only_sl.save_revision().publish()
        for number in range(12):
            StandardPageFactory(parent=cls.home, title=f"Proračun {number}", intro="Proračunski dokument.")

    def search(self, language="sl", **params):
        return self.client.get(f"/{language}/search/", params)

    def test_finds_words_without_diacritics_and_in_other_cases(self):
        for query in ["proracuna", "proračunu", "obcine"]:
            response = self.search(q=query)
            assert response.status_code == 200
            assert "Participativni proračun" in response.content.decode(), query

    def test_highlighted_snippet_is_escaped(self):
        content = self.search(q="obcine <script>").content.decode()
        assert "<mark>občine</mark>" in content
        assert "<script>" not in content.split("<main")[1].split("</main>")[0]

    def test_active_language_first_then_other_languages_marked(self):
        content = self.search("en", q="mladih").content.decode()
        # Only the Slovenian page has the word: it comes in the labelled section, marked sl.
        assert "Found in other languages" in content
        assert 'hreflang="sl"' in content and "Svet mladih" in content
        content = self.search("en", q="budgeting").content.decode()
        assert "Participatory budgeting" in content
        assert "Found in other languages" not in content

    def test_locale_marker_keeps_a_query_to_some_languages_inside_the_index(self):
        def found(query, locales):
            return {
                page.pk
                for page in Page.objects.live().search(build_query(query, "en", locales=locales), operator=None)
            }

        assert self.budget_en.pk in found("budget", ["en"])
        assert found("budget", ["sl", "bg"]) == set()
        assert self.only_sl.pk in found("mladih", ["sl"])
        assert found("mladih", ["en", "cs"]) == set()
        assert "xlocale" not in self.only_sl.specific.search_snippet_text()

    def test_pagination(self):
        first = self.search(q="proracun")
        assert first.context["page_obj"].paginator.count == 13
        assert len(first.context["results"]) == 10
        second = self.search(q="proracun", page="2")
        assert len(second.context["results"]) == 3

    def test_bad_input_never_fails(self):
        for params in BAD_QUERIES:
            response = self.search(**params)
            assert response.status_code == 200, params

    def test_no_results_suggests_terms_and_sections(self):
        response = self.search(q="proracunn")
        assert response.context["page_obj"].paginator.count == 0
        assert "proracun" in response.context["suggested_terms"]
        content = response.content.decode()
        assert '<a href="?q=proracun">proracun</a>' in content
        assert 'href="/sl/' in content.split("search-no-results")[1]

    def test_facets_count_and_filter_by_content_type(self):
        response = self.search(q="proracun")
        facets = {facet.name: facet for facet in response.context["facets"]}
        options = {option.value: option.count for option in facets["type"].options}
        assert options == {"home.standardpage": 13}
        assert self.search(q="proracun", type="home.homepage").context["page_obj"].paginator.count == 0

    def test_content_type_facet_is_labelled_in_the_visitors_language(self):
        response = self.search(q="proracun")
        facets = {facet.name: facet for facet in response.context["facets"]}
        labels = [str(option.label) for option in facets["type"].options]
        assert labels == [capfirst(translated("standard page", "sl"))]
        assert not labels[0].endswith("s"), "no English plural glued onto a translated name"

    def test_same_number_of_queries_whatever_the_number_of_results(self):
        self.search(q="svet")  # warm caches (content types, simplemma)
        with CaptureQueriesContext(connection) as one_result:
            self.search(q="mladih")
        with CaptureQueriesContext(connection) as thirteen_results:
            self.search(q="proracun")
        assert len(one_result) == len(thirteen_results)

    def test_promoted_result_first_and_localised(self):
        query = Query.get("proracun")
        SearchPromotion.objects.create(query=query, page=self.only_sl, description="Priporočeno", sort_order=0)
        response = self.search(q="proracun")
        assert response.context["promotions"] == [
            {"title": "Svet mladih", "url": "/sl/svet-mladih/", "description": "Priporočeno"}
        ]
        content = response.content.decode()
        assert content.index('class="search-promoted"') < content.index('<ol class="search-results"')

    def test_queries_are_recorded_with_no_results(self):
        self.search(q="proracun")
        self.search(q="Neobstojece")
        self.search(q="neobstojece")
        assert SearchTerm.objects.get(query_string="proracun", language="sl").no_result_hits == 0
        missing = SearchTerm.objects.get(query_string="neobstojece", language="sl")
        assert (missing.hits, missing.no_result_hits) == (2, 2)

    def test_report_lists_popular_and_no_result_queries(self):
        from django.contrib.auth import get_user_model

        self.search(q="neobstojece")
        admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
        self.client.force_login(admin)
        response = self.client.get(reverse("search_terms_report"))
        assert response.status_code == 200
        assert "neobstojece" in response.content.decode()

    def test_suggest_returns_prefix_matches_as_json(self):
        response = self.client.get("/sl/search/suggest/", {"q": "Participativni prorac"})
        data = json.loads(response.content)
        assert response["Content-Type"] == "application/json"
        assert data["results"][0] == {"title": "Participativni proračun", "url": "/sl/participativni-proracun/"}
        assert len(json.loads(self.client.get("/sl/search/suggest/", {"q": "pror"}).content)["results"]) == 8
        assert json.loads(self.client.get("/sl/search/suggest/", {"q": '"*('}).content) == {"results": []}


UNREACHABLE_ELASTICSEARCH = {
    "default": {
        "BACKEND": "portal.search.elasticsearch",
        "URLS": ["http://127.0.0.1:9"],
        "INDEX": "unreachable",
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
    }
}


class UnreachableBackendTests(PortalTestCase):
    @override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE_ELASTICSEARCH)
    def test_search_says_unavailable_and_publishing_still_works(self):
        page = self.home.add_child(instance=StandardPage(title="Nova stran", slug="nova-stran", live=False))
        page.save_revision().publish()
        assert Page.objects.get(pk=page.pk).live
        response = self.client.get("/sl/search/", {"q": "nova"})
        assert response.status_code == 503
        assert response.context["unavailable"]
        assert 'role="alert"' in response.content.decode()
        assert self.client.get("/sl/search/suggest/", {"q": "nova"}).status_code == 503


@pytest.mark.django_db  # the backend asks the database which full-text features it has
def test_default_backend_ranks_in_the_index():
    """The configured backend is ours, so ranking does not fall back to per-row subqueries."""
    assert get_search_backend().__class__.__module__ == "portal.search.backends"
