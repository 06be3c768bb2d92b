"""The Searcher on its own: counts, declared facets, other-language results, suggestions, failure."""

import datetime
from unittest import mock

from elastic_transport import TransportError

from django.core.cache import cache

from home.models import StandardPage
from portal.search.checks import check_search_facets, facet_declaration_errors
from portal.search.elasticsearch import SearchBackend as ElasticsearchBackend
from portal.search.facets import model_facets
from portal.search.service import Searcher, SearchUnavailable
from practices.models import PracticePage
from tests.practices.base import PracticesTestCase

UNREACHABLE = {"URLS": ["http://127.0.0.1:9"], "INDEX": "unit", "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}


def counts(answer, facet_name):
    """{option value: count} of one facet of an answer."""
    facet = next((facet for facet in answer.facets if facet.name == facet_name), None)
    return {option.value: option.count for option in facet.options} if facet else {}


class SearcherTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.practice(title="Ajdovščina", country="SI", start_date=datetime.date(2016, 5, 1), methods=[cls.budgeting])
        cls.practice(title="Gabrovo", country="BG", start_date=datetime.date(2024, 10, 1), methods=[cls.forum])
        cls.practice(title="Haskovo", country="BG", start_date=datetime.date(2024, 2, 1), methods=[cls.forum])
        cls.practice(title="Brez ujemanja", summary="Nič skupnega.", country="CZ")
        cls.youth = cls.home.add_child(
            instance=StandardPage(title="Svet mladih", slug="svet-mladih", intro="Mladinski svet občine Kamnik.")
        )
        cls.youth.save_revision().publish()
        cls.forum_page = cls.home.add_child(
            instance=StandardPage(title="Forum Kamnik", slug="forum-kamnik", intro="Javni forum v Kamniku.")
        )
        cls.forum_page.save_revision().publish()
        cls.forum_en = cls.translate(
            cls.forum_page, "en", {"Forum Kamnik": "Kamnik forum", "Javni forum v Kamniku.": "A public forum."}
        )

    def setUp(self):
        cache.clear()  # the "did you mean" vocabulary is cached per locale
        self.slovenian = Searcher(self.locales["sl"], "sl")
        self.english = Searcher(self.locales["en"], "en")

    def test_counts_matches_of_its_locale_and_marks_them(self):
        answer = self.slovenian.search("mnenje")
        assert answer.total == 3
        assert sorted(result["title"] for result in answer.results) == ["Ajdovščina", "Gabrovo", "Haskovo"]
        assert all("<mark>mnenje</mark>" in result["snippet"] for result in answer.results)
        assert {result["language"] for result in answer.results} == {"sl"}
        assert answer.other_results == [] and not answer.any_word

    def test_counts_the_facets_page_types_declare(self):
        answer = self.slovenian.search("mnenje")
        assert counts(answer, "type") == {"practices.practicepage": 3}
        assert counts(answer, "country") == {"BG": 2, "SI": 1}
        assert counts(answer, "year") == {"2024": 2, "2016": 1}
        assert counts(answer, "method") == {str(self.forum.translation_key): 2, str(self.budgeting.translation_key): 1}
        assert counts(answer, "decision_type") == {"budget": 3}

    def test_a_page_type_offers_only_the_facets_it_declares(self):
        with mock.patch.object(PracticePage, "search_facets", {"year": "start_date"}):
            answer = self.slovenian.search("mnenje")
        assert [facet.name for facet in answer.facets] == ["type", "year"]

    def test_a_filter_narrows_the_results_and_the_other_facets(self):
        answer = self.slovenian.search("mnenje", filters={"country": ["BG"]})
        assert answer.total == 2
        assert answer.selected_facets == {"country": {"BG"}}
        assert counts(answer, "country") == {"BG": 2, "SI": 1}, "the selected facet keeps its other options"
        assert counts(answer, "year") == {"2024": 2}

    def test_filters_that_do_not_parse_are_ignored(self):
        answer = self.slovenian.search("mnenje", filters={"country": ["ZZ"], "year": ["20x6"], "type": ["no.model"]})
        assert answer.selected_facets == {}
        assert answer.total == 3

    def test_matches_only_in_another_language_follow_marked_with_it(self):
        answer = self.english.search("mladih")
        assert answer.total == 0
        assert [(item["title"], item["language"], item["language_name"]) for item in answer.other_results] == [
            ("Svet mladih", "sl", "Slovenščina")
        ]
        assert not answer.found_nothing and answer.suggested_terms == []

    def test_a_page_found_here_is_not_repeated_in_its_other_languages(self):
        answer = self.english.search("kamnik")
        assert [result["page"].pk for result in answer.results] == [self.forum_en.pk]
        # The Slovenian original matches too, but it is the same page; the youth council is not.
        assert [item["page"].pk for item in answer.other_results] == [self.youth.pk]

    def test_nothing_found_suggests_title_words_and_sections(self):
        answer = self.slovenian.search("ajdovscena")
        assert answer.found_nothing
        assert answer.suggested_terms == ["ajdovscina"]
        assert answer.promotions == []

    def test_pages_through_the_matches(self):
        second = Searcher(self.locales["sl"], "sl", per_page=2).search("mnenje", page=2)
        assert (second.total, second.page_obj.number, len(second.results)) == (3, 2, 1)
        past_the_end = Searcher(self.locales["sl"], "sl", per_page=2).search("mnenje", page="9")
        assert past_the_end.page_obj.number == 2, "a page past the end shows the last one"

    def test_autocomplete_matches_title_prefixes_of_its_locale(self):
        assert [page.title for page in self.slovenian.autocomplete("Gabr")] == ["Gabrovo"]
        assert [page.title for page in self.english.autocomplete("Kamn")] == ["Kamnik forum"]
        assert self.slovenian.autocomplete("!!!") == []

    def test_a_backend_that_cannot_answer_raises_search_unavailable(self):
        searcher = Searcher(self.locales["sl"], "sl", backend=ElasticsearchBackend(dict(UNREACHABLE)))
        with self.assertRaises(SearchUnavailable) as raised:
            searcher.search("mnenje")
        assert isinstance(raised.exception.__cause__, TransportError)
        with self.assertRaises(SearchUnavailable):
            searcher.autocomplete("mnenje")


class FacetDeclarationTests(PracticesTestCase):
    def test_facets_come_only_from_declarations(self):
        assert {name: f.name for name, f in model_facets(PracticePage).items()} == PracticePage.search_facets
        assert model_facets(StandardPage) == {}, "the default declares none"

    def test_the_declarations_pass_the_system_check_and_a_bad_one_fails(self):
        assert check_search_facets() == []
        with mock.patch.object(StandardPage, "search_facets", {"colour": "intro", "year": "published_on"}):
            assert [error.id for error in facet_declaration_errors(StandardPage)] == [
                "portal_search.E002",
                "portal_search.E003",
            ]
