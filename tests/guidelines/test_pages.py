"""Guideline pages: page tree rules, admin editing, chapter navigation, print and decision views."""

import re

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.test.utils.page_tests import WagtailPageTestCase

from guidelines.models import GuideChapterPage, GuidelineIndexPage, GuidePage
from home.models import DecisionType, HomePage
from tests.base import LANGUAGE_CODES, PortalTestCase, translated
from tests.factories import OrganisationFactory
from tests.practices.factories import PracticeIndexPageFactory, PracticePageFactory

from .factories import (
    GuideChapterPageFactory,
    GuidelineIndexPageFactory,
    GuidePageFactory,
    KeyStepBlockFactory,
    QuestionBlockFactory,
)


def chapter_titles_in(html, css_class):
    """Link texts of the list inside the element with `css_class`, in document order."""
    start = html.index("<ol>", html.index(f'class="{css_class}"'))
    block = html[start : html.index("</ol>", start)]
    return re.findall(r"<a [^>]*>([^<]+)</a>", block)


def step_label(number, language_code="sl"):
    """The "Step 1:" label before a key step, as a reader of `language_code` sees it."""
    with translation.override(language_code):
        return translation.gettext("Step %(number)s:") % {"number": number}


class GuidelinesTestCase(PortalTestCase):
    """A Slovenian index with one guide of three chapters."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = GuidelineIndexPageFactory(parent=cls.home)
        cls.guide = GuidePageFactory(parent=cls.index, title="Vključevanje občanov", slug="vkljucevanje")
        cls.chapters = [
            GuideChapterPageFactory(parent=cls.guide, title="Zakaj", slug="zakaj", decision_types=["budget"]),
            GuideChapterPageFactory(
                parent=cls.guide, title="Načrtovanje", slug="nacrtovanje", decision_types=["ordinance"]
            ),
            GuideChapterPageFactory(
                parent=cls.guide, title="Posvetovanje", slug="posvetovanje", decision_types=["budget", "strategy"]
            ),
        ]


class PageTreeTests(WagtailPageTestCase):
    def test_allowed_parents_and_children(self):
        self.assertAllowedParentPageTypes(GuidelineIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuidelineIndexPage, {GuidePage})
        self.assertAllowedParentPageTypes(GuidePage, {GuidelineIndexPage})
        self.assertAllowedSubpageTypes(GuidePage, {GuideChapterPage})
        self.assertAllowedParentPageTypes(GuideChapterPage, {GuidePage})
        self.assertAllowedSubpageTypes(GuideChapterPage, {})

    def test_one_index_per_home_page(self):
        self.assertEqual(GuidelineIndexPage.max_count_per_parent, 1)
        self.assertTrue(GuidelineIndexPage.show_in_menus_default)


class AdminEditingTests(WagtailTestUtils, PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = GuidelineIndexPageFactory(parent=cls.home)
        cls.publisher = OrganisationFactory(name="Skupnost občin Slovenije")
        cls.editor = get_user_model().objects.create_superuser("urednica", "urednica@example.org", "geslo-123")

    def add_page(self, parent, model, data):
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
        # Checkbox lists are sent as repeated keys; nested_form_data would number them.
        choices = {key: value for key, value in data.items() if isinstance(value, list)}
        fields = {key: value for key, value in data.items() if key not in choices}
        form = nested_form_data({"comments": inline_formset([]), "action-publish": "publish", **fields})
        return self.client.post(url, {**form, **choices})

    def test_editor_creates_a_guide_and_its_chapters(self):
        response = self.add_page(
            self.index,
            GuidePage,
            {
                "title": "Nov vodnik",
                "slug": "nov-vodnik",
                "summary": "Povzetek vodnika.",
                "publishers": [self.publisher.pk],
                "year": 2024,
                "decision_types": ["budget", "spatial_plan"],
            },
        )
        self.assertEqual(response.status_code, 302, response.content[-3000:])
        guide = GuidePage.objects.get(slug="nov-vodnik")
        self.assertTrue(guide.live)
        self.assertEqual(guide.decision_types, ["budget", "spatial_plan"])
        self.assertEqual(list(guide.publishers.all()), [self.publisher])

        for title, slug in [("Prvo poglavje", "prvo"), ("Drugo poglavje", "drugo")]:
            response = self.add_page(
                guide,
                GuideChapterPage,
                {
                    "title": title,
                    "slug": slug,
                    "intro": "Uvod.",
                    "decision_types": ["budget"],
                    "body": streamfield(
                        [
                            (
                                "key_step",
                                {
                                    "title": "Določite cilj",
                                    "text": rich_text("<p>Besedilo.</p>"),
                                    "who": "",
                                    "when": "",
                                },
                            ),
                            ("question", {"question": "Koliko časa?", "answer": rich_text("<p>Trideset dni.</p>")}),
                        ]
                    ),
                },
            )
            self.assertEqual(response.status_code, 302, response.content[-3000:])

        self.assertEqual([c.title for c in guide.chapters()], ["Prvo poglavje", "Drugo poglavje"])
        chapter = GuideChapterPage.objects.get(slug="prvo")
        self.assertEqual(chapter.body[0].value["title"], "Določite cilj")
        self.assertContains(self.client.get(chapter.url), "Koliko časa?")

    def test_chapter_form_offers_practices_of_its_own_language(self):
        practice_index = PracticeIndexPageFactory(parent=self.home)
        practice = PracticePageFactory(parent=practice_index, title="Proračun po meri ljudi")
        english = self.translate(practice, "en", {"Proračun po meri ljudi": "A budget people shaped"})
        chapter = GuideChapterPageFactory(parent=GuidePageFactory(parent=self.index))
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(chapter.pk,)))
        self.assertContains(response, f'value="{practice.pk}"')
        self.assertNotContains(response, f'value="{english.pk}"')

    def test_a_chapter_without_a_title_shows_an_error(self):
        guide = GuidePageFactory(parent=self.index)
        response = self.add_page(guide, GuideChapterPage, {"title": "", "slug": "brez", "body": streamfield([])})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(GuideChapterPage.objects.filter(slug="brez").exists())


class ChapterNavigationTests(GuidelinesTestCase):
    def test_chapter_order_follows_the_tree(self):
        first, second, third = self.chapters
        third.move(first, pos="left")
        self.assertEqual([c.title for c in self.guide.chapters()], ["Posvetovanje", "Zakaj", "Načrtovanje"])
        html = self.client.get(self.guide.url).content.decode()
        self.assertEqual(chapter_titles_in(html, "guide-toc"), ["Posvetovanje", "Zakaj", "Načrtovanje"])

    def test_unpublished_chapters_are_left_out(self):
        self.chapters[1].unpublish()
        self.assertEqual([c.title for c in self.guide.chapters()], ["Zakaj", "Posvetovanje"])

    def test_first_chapter_has_next_but_no_previous(self):
        response = self.client.get(self.chapters[0].url)
        html = response.content.decode()
        self.assertNotIn('rel="prev"', html)
        self.assertIn(f'<a href="{self.chapters[1].url}" rel="next">', html)
        self.assertIn(f'<a href="{self.chapters[0].url}" aria-current="page">Zakaj</a>', html)
        self.assertEqual(html.count('aria-current="page"'), 2)  # the breadcrumb and the table of contents
        self.assertEqual(chapter_titles_in(html, "guide-toc"), ["Zakaj", "Načrtovanje", "Posvetovanje"])

    def test_last_chapter_has_previous_but_no_next(self):
        html = self.client.get(self.chapters[2].url).content.decode()
        self.assertIn(f'<a href="{self.chapters[1].url}" rel="prev">', html)
        self.assertNotIn('rel="next"', html)
        self.assertIn(f'<a href="{self.chapters[2].url}" aria-current="page">Posvetovanje</a>', html)

    def test_preview_shows_the_same_neighbours_as_the_published_chapter(self):
        # The chapter's context comes from its registered view, which previews render too.
        html = self.chapters[1].make_preview_request().content.decode()
        self.assertIn(f'<a href="{self.chapters[0].url}" rel="prev">', html)
        self.assertIn(f'<a href="{self.chapters[2].url}" rel="next">', html)

    def test_in_page_contents_link_to_numbered_steps_and_questions(self):
        chapter = GuideChapterPageFactory(
            parent=self.guide,
            body=[
                ("key_step", KeyStepBlockFactory(title="Prvi korak")),
                ("question", QuestionBlockFactory(question="Kdo odloča?")),
                ("key_step", KeyStepBlockFactory(title="Drugi korak")),
            ],
        )
        html = self.client.get(chapter.url).content.decode()
        contents = chapter_titles_in(html, "in-page")
        self.assertEqual(contents, [f"{step_label(1)} Prvi korak", "Kdo odloča?", f"{step_label(2)} Drugi korak"])
        for entry in chapter.outline:
            self.assertIn(f'href="#{entry["anchor"]}"', html)
            self.assertIn(f'id="{entry["anchor"]}"', html)
        self.assertIn(f'<span class="key-step__number">{step_label(2)}</span> Drugi korak', html)

    def test_applies_to_labels_link_to_the_decision_type_view(self):
        html = self.client.get(self.chapters[2].url).content.decode()
        self.assertIn(f'href="{self.index.url}decision/budget/"', html)
        self.assertIn(f'href="{self.index.url}decision/strategy/"', html)
        self.assertNotIn(f'href="{self.index.url}decision/ordinance/"', html)

    def test_query_count_does_not_grow_with_the_number_of_chapters(self):
        def queries_for_chapter_of_guide_with(count):
            guide = GuidePageFactory(parent=self.index)
            chapters = [GuideChapterPageFactory(parent=guide) for _ in range(count)]
            self.client.get(chapters[1].url)  # warm the site root cache, as a running site has
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(chapters[1].url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(len(chapter_titles_in(response.content.decode(), "guide-toc")), count)
            return len(queries)

        self.assertEqual(queries_for_chapter_of_guide_with(3), queries_for_chapter_of_guide_with(30))


class GuideAndPrintTests(GuidelinesTestCase):
    def test_guide_page_shows_facts_and_links_to_print_view(self):
        publisher = OrganisationFactory(name="Ministrstvo za javno upravo")
        self.guide.publishers.set([publisher])
        self.guide.save()
        html = self.client.get(self.guide.url).content.decode()
        self.assertIn("Ministrstvo za javno upravo", html)
        self.assertIn(">2017<", html)
        self.assertIn(f'href="{self.guide.url}print/"', html)
        self.assertNotIn("document-link", html)

    def test_print_view_contains_every_chapter_in_order(self):
        response = self.client.get(f"{self.guide.url}print/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        sections = re.findall(r'<section class="print-chapter"[^>]*>\s*<h2[^>]*>([^<]+)</h2>', html)
        self.assertEqual(sections, ["Zakaj", "Načrtovanje", "Posvetovanje"])
        self.assertIn('<meta name="robots" content="noindex">', html)
        self.assertEqual(html.count('class="key-step"'), 3)

    def test_print_view_offers_the_pdf_when_there_is_one(self):
        document = get_document_model().objects.create(
            title="Vodnik PDF", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="vodnik.pdf")
        )
        self.guide.pdf_document = document
        self.guide.save()
        for url in [self.guide.url, f"{self.guide.url}print/"]:
            html = self.client.get(url).content.decode()
            self.assertIn(f'href="{document.url}"', html)
            self.assertIn(translated("Download the guide as PDF", "sl"), html)


class DecisionTypeViewTests(GuidelinesTestCase):
    def test_lists_only_matching_chapters(self):
        response = self.client.get(f"{self.index.url}decision/budget/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Zakaj", html)
        self.assertIn("Posvetovanje", html)
        self.assertNotIn(">Načrtovanje<", html)
        with translation.override("sl"):
            self.assertIn(f'aria-current="page">{DecisionType.BUDGET.label}</a>', html)

    def test_unknown_type_is_not_found(self):
        for value in ["nope", "BUDGET", "%22budget%22", "budget%2C"]:
            self.assertEqual(self.client.get(f"{self.index.url}decision/{value}/").status_code, 404)

    def test_lists_chapters_of_the_active_locale_only(self):
        for page, texts in [
            (self.index, {"Smernice": "Guidelines"}),
            (self.guide, {"Vključevanje občanov": "Involving citizens"}),
            (self.chapters[0], {"Zakaj": "Why"}),
            (self.chapters[2], {"Posvetovanje": "Consulting"}),
        ]:
            self.translate(page, "en", texts)
        english_index = self.index.get_translation(self.locales["en"])
        html = self.client.get(f"{english_index.url}decision/budget/").content.decode()
        self.assertIn(">Why<", html)
        self.assertIn(">Consulting<", html)
        self.assertNotIn(">Zakaj<", html)
        self.assertNotIn(">Posvetovanje<", html)
        self.assertIn("/en/guidelines/vkljucevanje/zakaj/", html)
        self.assertNotIn("/sl/", re.sub(r'hreflang="sl" href="[^"]+"', "", html.split("<main", 1)[1]))

    def test_index_and_home_page_link_to_each_decision_type(self):
        for page in [self.index, self.home]:
            html = self.client.get(page.url).content.decode()
            for code in ["ordinance", "strategy", "spatial_plan", "budget"]:
                self.assertIn(f'href="{self.index.url}decision/{code}/"', html)


class TranslatedRenderingTests(GuidelinesTestCase):
    def test_every_locale_renders_its_translated_text(self):
        chapter = self.chapters[0]
        step_title = chapter.body[0].value["title"]
        for code in LANGUAGE_CODES[1:]:
            self.translate(self.index, code, {"Smernice": f"Guidelines {code}"})
            self.translate(self.guide, code, {"Kako vključiti občane.": f"Summary {code}"})
            self.translate(chapter, code, {"Zakaj": f"Why {code}", step_title: f"Step title {code}"})
        for code in LANGUAGE_CODES:
            translated = chapter.get_translation(self.locales[code])
            guide = self.guide.get_translation(self.locales[code])
            expected = {
                translated.url: [
                    "Zakaj" if code == "sl" else f"Why {code}",
                    step_title if code == "sl" else f"Step title {code}",
                ],
                guide.url: ["Kako vključiti občane." if code == "sl" else f"Summary {code}"],
                f"{guide.url}print/": ["Zakaj" if code == "sl" else f"Why {code}"],
            }
            for url, texts in expected.items():
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertContains(response, f'<html lang="{code}">')
                for text in texts:
                    self.assertContains(response, text)
                if code != "sl":
                    self.assertNotContains(response, step_title)
