"""The practice listing: filters alone and combined, counts, bad input, paging, queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search.bulk import index_updates_deferred
from tests.base import translated

from .base import PracticesTestCase
from .factories import PracticePageFactory


def facet(response, name):
    """{option value: count} of one facet as the listing offers it."""
    listing = response.context["listing"]
    options = next(f["options"] for f in listing.facets if f["name"] == name)
    return {option["value"]: option["count"] for option in options}


def titles(response):
    return sorted(p.title for p in response.context["listing"].practices)


class FilterTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.practice(
            title="Ajdovščina",
            country="SI",
            methods=[cls.budgeting],
            participation_level="collaborate",
            decision_type="budget",
            tags=["proračun"],
            start_date=datetime.date(2016, 5, 1),
            target_groups=["citizens", "youth"],
        )
        cls.practice(
            title="Haskovo",
            country="BG",
            methods=[cls.forum],
            participation_level="involve",
            decision_type="other",
            tags=["forum"],
            start_date=datetime.date(2024, 2, 1),
            target_groups=["ngos"],
        )
        cls.practice(
            title="Gabrovo",
            country="BG",
            methods=[cls.budgeting, cls.forum],
            participation_level="empower",
            decision_type="budget",
            tags=["proračun", "šola"],
            start_date=datetime.date(2024, 10, 1),
            target_groups=["youth"],
        )
        draft = cls.practice(title="Osnutek", country="BG", methods=[cls.forum])
        draft.unpublish()

    def get(self, **params):
        response = self.client.get(self.index.url, params)
        assert response.status_code == 200
        return response

    def test_without_filters_lists_live_practices_only(self):
        response = self.get()
        assert titles(response) == ["Ajdovščina", "Gabrovo", "Haskovo"]
        assert facet(response, "country") == {"SI": 1, "BG": 2}

    def test_each_filter_alone(self):
        cases = {
            "country": ("BG", ["Gabrovo", "Haskovo"]),
            "method": (str(self.forum.translation_key), ["Gabrovo", "Haskovo"]),
            "level": ("empower", ["Gabrovo"]),
            "decision": ("budget", ["Ajdovščina", "Gabrovo"]),
            "tag": ("proračun", ["Ajdovščina", "Gabrovo"]),
            "year": ("2024", ["Gabrovo", "Haskovo"]),
            "group": ("youth", ["Ajdovščina", "Gabrovo"]),
        }
        for name, (value, expected) in cases.items():
            with self.subTest(name):
                response = self.get(**{name: value})
                assert titles(response) == expected
                assert facet(response, name)[value] == len(expected)

    def test_filters_combine_with_and(self):
        response = self.get(country="BG", method=str(self.budgeting.translation_key))
        assert titles(response) == ["Gabrovo"]
        response = self.get(country="BG", decision="budget", tag="šola", year="2024", group="youth")
        assert titles(response) == ["Gabrovo"]
        response = self.get(country="SI", year="2024")
        assert titles(response) == []
        no_match = translated("No practice matches all these filters. Try removing one.", "sl")
        assert no_match in response.content.decode()

    def test_counts_say_what_each_option_would_leave(self):
        response = self.get(country="BG")
        # Other countries count as if chosen instead; other facets count within Bulgaria.
        assert facet(response, "country") == {"SI": 1, "BG": 2}
        assert facet(response, "method") == {
            str(self.forum.translation_key): 2,
            str(self.budgeting.translation_key): 1,
        }
        assert facet(response, "decision") == {"other": 1, "budget": 1}
        assert facet(response, "tag") == {"forum": 1, "proračun": 1, "šola": 1}
        assert facet(response, "year") == {"2024": 2}
        assert facet(response, "group") == {"ngos": 1, "youth": 1}
        html = response.content.decode()
        assert '<option value="BG" selected>' in html

    def test_bad_values_never_break_the_listing(self):
        for params in [
            {"country": "XXL"},
            {"method": "not-a-uuid"},
            {"year": "twenty"},
            {"year": "99999"},
            {"level": "<script>"},
            {"group": "aliens"},
            {"tag": "x" * 500},
            {"sort": "random"},
            {"page": "abc"},
            {"page": "-1"},
            {"page": "99999"},
        ]:
            with self.subTest(params):
                response = self.get(**params)
                assert response.context["listing"].page_obj.paginator.count == 3

    def test_well_formed_but_unknown_value_gives_an_empty_result(self):
        response = self.get(method="00000000-0000-0000-0000-000000000000")
        assert titles(response) == []

    def test_sorting(self):
        newest = [p.title for p in self.get().context["listing"].practices]
        assert newest == ["Gabrovo", "Haskovo", "Ajdovščina"]
        alphabetical = [p.title for p in self.get(sort="title").context["listing"].practices]
        assert alphabetical == ["Ajdovščina", "Gabrovo", "Haskovo"]

    def test_method_filter_works_in_every_language(self):
        for practice in self.index.get_children().live().specific():
            self.translate(practice, "en")
        english_forum = self.method_in(self.forum, "en")
        english_index = self.index.get_translation(self.locales["en"])
        response = self.client.get(english_index.url, {"method": str(self.forum.translation_key)})
        assert titles(response) == ["Gabrovo", "Haskovo"]
        assert english_forum.name in response.content.decode()


class PaginationTests(PracticesTestCase):
    def test_twelve_per_page_and_filters_kept_in_page_links(self):
        for number in range(14):
            self.practice(title=f"Praksa {number:02d}", country="SI")
        response = self.client.get(self.index.url, {"country": "SI", "sort": "title"})
        assert len(response.context["listing"].practices) == 12
        assert "country=SI&amp;sort=title&amp;page=2" in response.content.decode()
        second = self.client.get(self.index.url, {"country": "SI", "sort": "title", "page": 2})
        assert titles(second) == ["Praksa 12", "Praksa 13"]


class QueryCountTests(PracticesTestCase):
    def count_queries(self, params):
        self.client.get(self.index.url, params)  # warm caches (site root, locales)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.index.url, params)
        assert response.status_code == 200
        return len(queries)

    def test_same_number_of_queries_for_10_and_200_practices(self):
        params = {"country": "SI", "method": str(self.budgeting.translation_key), "sort": "title"}
        for number in range(10):
            self.practice(title=f"A {number}", methods=[self.budgeting, self.forum], tags=["a", f"t{number}"])
        with_ten = self.count_queries(params)
        with index_updates_deferred():  # the listing reads no index
            for number in range(190):
                # Live without a revision: what the listing reads, at a fraction of a publish's cost.
                PracticePageFactory(
                    parent=self.index, title=f"B {number}", methods=[self.budgeting], tags=[f"b{number}"]
                )
        assert self.count_queries(params) == with_ten
