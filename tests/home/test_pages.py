"""Home and standard pages: tree rules, languages, switcher, headers, query counts."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from tests.base import LANGUAGE_CODES, PortalTestCase
from tests.factories import StandardPageFactory


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_page_parents_and_children(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


class HomePageTests(PortalTestCase):
    def test_root_redirects_to_accept_language(self):
        response = self.client.get("/", headers={"accept-language": "cs,en;q=0.5"})
        self.assertRedirects(response, "/cs/", fetch_redirect_response=False)

    def test_root_redirects_to_slovenian_by_default(self):
        response = self.client.get("/", headers={"accept-language": "de"})
        self.assertRedirects(response, "/sl/", fetch_redirect_response=False)

    def test_every_language_has_its_own_home_page(self):
        for code in LANGUAGE_CODES:
            with self.subTest(code):
                response = self.client.get(f"/{code}/")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f'<html lang="{code}">')
                expected = "Domov" if code == "sl" else f"Home ({code})"
                self.assertContains(response, f'<h1 id="home-title">{expected}</h1>', html=False)

    def test_interface_strings_follow_the_language(self):
        english = self.client.get("/en/").content.decode()
        slovenian = self.client.get("/sl/").content.decode()
        self.assertIn("Skip to main content", english)
        self.assertNotIn("Skip to main content", slovenian)

    def test_language_switcher_names_languages_in_themselves(self):
        html = self.client.get("/en/").content.decode()
        for name in ["Slovenščina", "English", "Български", "Čeština", "Slovenčina"]:
            self.assertIn(name, html)
        self.assertRegex(html, r'<a href="/en/" lang="en" hreflang="en" aria-current="true">English</a>')

    def test_landmarks_and_skip_link(self):
        html = self.client.get("/sl/").content.decode()
        for fragment in [
            '<header class="site-header">',
            '<main id="main"',
            '<footer class="site-footer">',
            'class="skip-link" href="#main"',
        ]:
            self.assertIn(fragment, html)


class StandardPageTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.about = StandardPageFactory(
            parent=cls.home,
            title="O portalu",
            slug="about",
            intro="Kdo smo.",
            body__0__heading__text="Naslov razdelka",
            body__1__callout__kind="tip",
        )
        cls.about_en = cls.translate(cls.about, "en", {"O portalu": "About the portal", "Kdo smo.": "Who we are."})

    def test_translation_shows_translated_text(self):
        response = self.client.get("/en/about/")
        self.assertContains(response, "About the portal")
        self.assertContains(response, "Who we are.")
        self.assertNotContains(response, "O portalu</h1>")

    def test_switcher_and_alternates_link_translations(self):
        html = self.client.get("/sl/about/").content.decode()
        self.assertIn('hreflang="en" href="http://testserver/en/about/"', html)
        # Not translated into Czech: the switcher offers the Czech home page, no alternate.
        self.assertIn('<a href="/cs/" lang="cs" hreflang="cs">Čeština</a>', html)
        self.assertNotIn('rel="alternate" hreflang="cs"', html)

    def test_switcher_keeps_query_string(self):
        html = self.client.get("/sl/about/?page=2").content.decode()
        self.assertIn('<a href="/en/about/?page=2" lang="en" hreflang="en">English</a>', html)

    def test_breadcrumb_marks_current_page(self):
        html = self.client.get("/en/about/").content.decode()
        self.assertIn('aria-label="Breadcrumb"', html)
        self.assertIn('<a href="/en/about/" aria-current="page">About the portal</a>', html)

    def test_untranslated_alias_is_shown_with_a_note(self):
        alias = self.about.copy_for_translation(self.locales["bg"], alias=True)
        response = self.client.get("/bg/about/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(alias.shown_in_original_language)
        self.assertContains(response, '<div lang="sl">')
        self.assertContains(response, 'role="note"')

    def test_body_blocks_render(self):
        html = self.client.get("/sl/about/").content.decode()
        self.assertIn('class="body-heading"', html)
        self.assertRegex(html, r'<h2 id="h-[0-9a-f-]{36}" class="body-heading">Naslov razdelka</h2>')
        self.assertIn("callout--tip", html)

    def test_query_count_does_not_grow_with_content(self):
        def count_queries(url):
            self.client.get(url)  # navigation, footer and settings come from the cache
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(context.captured_queries)

        small = StandardPageFactory(parent=self.home, slug="small", body__0__heading__text="A")
        for index in range(12):
            StandardPageFactory(parent=self.home, slug=f"sibling-{index}")
        big = StandardPageFactory(
            parent=self.home,
            slug="big",
            **{f"body__{i}__heading__text": f"H{i}" for i in range(20)},
        )
        count_queries(small.url)  # warm Wagtail's site and content-type caches
        self.assertEqual(count_queries(small.url), count_queries(big.url))

    def test_query_count_does_not_grow_with_images(self):
        def count_queries(url):
            cache.clear()  # Wagtail also caches renditions; count what a cold cache costs
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(context.captured_queries)

        one = StandardPageFactory(parent=self.home, slug="one-image", body__0__image__caption="A")
        many = StandardPageFactory(
            parent=self.home, slug="many-images", **{f"body__{i}__image__caption": f"C{i}" for i in range(8)}
        )
        count_queries(one.url), count_queries(many.url)  # renditions are generated on first view
        html = self.client.get(many.url).content.decode()
        self.assertEqual(html.count('alt="Udeleženci delavnice ob zemljevidu občine"'), 8)
        self.assertEqual(count_queries(one.url), count_queries(many.url))


class ErrorAndHeaderTests(PortalTestCase):
    def test_unknown_page_is_a_translated_404(self):
        response = self.client.get("/en/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)
        response = self.client.get("/sl/no-such-page/")
        self.assertNotContains(response, "Page not found", status_code=404)

    def test_security_headers(self):
        response = self.client.get("/sl/")
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("frame-ancestors 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response.headers["Referrer-Policy"], "strict-origin-when-cross-origin")

    def test_no_inline_scripts_or_styles(self):
        html = self.client.get("/sl/").content.decode()
        self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)[^>]*>")
        self.assertNotIn("style=", html)
        self.assertNotIn("<style", html)

    def test_search_survives_bad_input(self):
        for query in ["", "a" * 1000, '" * - OR NEAR(', "!!!", "proračun"]:
            with self.subTest(query=query[:20]):
                response = self.client.get("/sl/search/", {"q": query, "page": "x"})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, 'name="robots" content="noindex"')

    def test_favicon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(re.search(r"favicon\.svg$", response.headers["Location"]))
