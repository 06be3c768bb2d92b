"""Search facets over case studies: every facet counted, a selection narrowing the others."""

import datetime

from django.utils.text import capfirst

from tests.base import translated
from tests.guidelines.factories import GuideChapterPageFactory, GuidelineIndexPageFactory, GuidePageFactory
from tests.practices.base import PracticesTestCase


class SearchFacetTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cases = [
            ("Ajdovščina", "SI", [cls.budgeting], "budget", ["proračun"], datetime.date(2016, 5, 1)),
            ("Haskovo", "BG", [cls.forum], "other", ["forum"], datetime.date(2024, 2, 1)),
            ("Gabrovo", "BG", [cls.budgeting, cls.forum], "budget", ["proračun", "šola"], datetime.date(2024, 10, 1)),
        ]
        for title, country, methods, decision_type, tags, start in cases:
            cls.practice(
                title=title, country=country, methods=methods, decision_type=decision_type, tags=tags, start_date=start
            )
        cls.practice(title="Osnutek", country="BG", methods=[cls.forum]).unpublish()
        cls.practice(title="Brez ujemanja", summary="Nič skupnega z iskanjem.", country="CZ")

    def search(self, **params):
        response = self.client.get("/sl/search/", {"q": "mnenje", **params})
        assert response.status_code == 200
        facets = {
            facet.name: {option.label: option.count for option in facet.options}
            for facet in response.context["facets"]
        }
        return response, facets

    def test_every_facet_counts_the_live_matching_pages(self):
        response, facets = self.search()
        assert response.context["page_obj"].paginator.count == 3
        assert facets["type"] == {capfirst(translated("practice", "sl")): 3}
        assert facets["country"] == {"Slovenija": 1, "Bolgarija": 2}
        assert facets["method"] == {"Participativni proračun": 2, "Javni forum": 2}
        assert facets["decision_type"] == {translated("Budget", "sl"): 2, translated("Other decision", "sl"): 1}
        assert facets["topic"] == {"proračun": 2, "forum": 1, "šola": 1}
        assert facets["year"] == {"2024": 2, "2016": 1}

    def test_a_selected_facet_narrows_the_others_and_keeps_its_own_options(self):
        response, facets = self.search(country="BG")
        assert sorted(page.title for page in (item["page"] for item in response.context["results"])) == [
            "Gabrovo",
            "Haskovo",
        ]
        assert facets["country"] == {"Slovenija": 1, "Bolgarija": 2}, "other countries stay offered"
        assert facets["year"] == {"2024": 2}
        assert facets["topic"] == {"proračun": 1, "forum": 1, "šola": 1}
        selected = [o for f in response.context["facets"] for o in f.options if o.selected]
        assert [o.value for o in selected] == ["BG"]

    def test_page_types_share_a_facet_whatever_the_field_that_holds_it(self):
        # Chapters keep several decision types in one delimited field; practices keep one.
        guide = GuidePageFactory(parent=GuidelineIndexPageFactory(parent=self.home), title="Vodnik")
        GuideChapterPageFactory(parent=guide, title="Mnenje občanov", decision_types=["budget", "strategy"])
        _response, facets = self.search()
        assert facets["decision_type"] == {
            translated("Budget", "sl"): 3,
            translated("Other decision", "sl"): 1,
            translated("Development strategy", "sl"): 1,
        }
        assert sum(facets["type"].values()) == 4
