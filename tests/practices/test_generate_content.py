"""generate_content: case studies written in bulk, translated, in a sound tree, served and found by search."""

from collections import Counter
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page

from practices.models import PracticePage
from tests.base import LANGUAGE_CODES, PortalTestCase

from .base import PracticesTestCase


def generate(count):
    output = StringIO()
    call_command("generate_content", practices=count, stdout=output)
    return output.getvalue()


def by_key():
    """{translation key: its pages, source first}: the command writes each source before its translations."""
    groups = {}
    for page in PracticePage.objects.select_related("locale").order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    return groups


class GenerateContentTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.indexes = {"sl": cls.index} | {code: cls.translate(cls.index, code) for code in LANGUAGE_CODES[1:]}
        for code in LANGUAGE_CODES[1:]:
            cls.method_in(cls.budgeting, code)
            cls.method_in(cls.forum, code)
        cls.output = generate(30)
        cls.groups = by_key()

    def test_sources_are_spread_over_the_five_languages(self):
        assert len(self.groups) == 30
        sources = Counter(pages[0].locale.language_code for pages in self.groups.values())
        assert sources == dict.fromkeys(LANGUAGE_CODES, 6)
        assert "Created 30 practices" in self.output

    def test_translations_share_the_key_and_sit_under_their_own_listing(self):
        translations = sum(len(pages) - 1 for pages in self.groups.values())
        # Each of 120 possible translations is made with probability 0.5.
        assert 30 < translations < 120
        for pages in self.groups.values():
            codes = [page.locale.language_code for page in pages]
            assert len(set(codes)) == len(codes)
            assert {page.slug for page in pages} == {pages[0].slug}
            for page in pages:
                assert page.get_parent().pk == self.indexes[page.locale.language_code].pk
                assert page.alias_of_id is None

    def test_the_page_tree_is_consistent(self):
        assert all(problems == [] for problems in Page.find_problems())
        for index in self.indexes.values():
            index.refresh_from_db()
            assert index.numchild == index.get_children().count() > 0

    def test_pages_are_live_and_render_in_their_language(self):
        assert not PracticePage.objects.filter(live=False).exists()
        assert not PracticePage.objects.filter(has_unpublished_changes=True).exists()
        for code in LANGUAGE_CODES:
            page = PracticePage.objects.filter(locale__language_code=code).exclude(gallery=[]).first()
            page = page or PracticePage.objects.filter(locale__language_code=code).first()
            response = self.client.get(page.url)
            assert response.status_code == 200
            assert page.municipality in response.content.decode()
            assert response.context["page"].content_language == code

    def test_methods_tags_and_galleries_in_the_page_language(self):
        pages = list(PracticePage.objects.prefetch_related("methods__locale", "tags"))
        assert any(page.methods.all() for page in pages)
        assert all(method.locale_id == page.locale_id for page in pages for method in page.methods.all())
        assert all(page.tags.all() for page in pages)
        with_gallery = [page for page in pages if page.gallery]
        assert 0 < len(with_gallery) < len(pages)
        image = with_gallery[0].gallery[0].value
        assert image["image"].collection.name == "Generated"
        assert image["alt_text"]

    def test_facts_vary(self):
        pages = PracticePage.objects.all()
        assert len({page.country for page in pages}) >= 4
        assert len({page.municipality for page in pages}) >= 10
        assert len({page.decision_type for page in pages}) >= 3
        assert all(page.end_date is None or page.end_date > page.start_date for page in pages)
        assert all(page.ongoing == (page.end_date is None) for page in pages)

    def test_search_finds_a_generated_page_by_a_word_of_its_title(self):
        page = PracticePage.objects.filter(locale__language_code="en").first()
        word = max(page.title.split(), key=len).strip(":")
        assert page in PracticePage.objects.live().search(word)

    def test_a_second_run_adds_more_with_new_slugs(self):
        output = generate(30)
        assert "Created 30 practices" in output
        groups = by_key()
        assert len(groups) == 60
        assert Page.find_problems() == ([], [], [], [], [])
        for index in self.indexes.values():
            slugs = list(index.get_children().values_list("slug", flat=True))
            assert len(slugs) == len(set(slugs))

    def test_up_to_creates_only_what_is_missing(self):
        output = StringIO()
        call_command("generate_content", up_to=35, stdout=output)
        assert "Created 5 practices" in output.getvalue()
        call_command("generate_content", up_to=35, stdout=output)
        assert "35 case studies already: nothing to create." in output.getvalue()
        assert len(by_key()) == 35


class WithoutListingsTests(PortalTestCase):
    def test_it_asks_for_the_demo_first(self):
        with pytest.raises(CommandError, match="load_demo"):
            generate(5)
