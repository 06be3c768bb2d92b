"""sitemap.xml read as XML: every live public page of every language, with its translations."""

import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from tests.guidelines.factories import GuideChapterPageFactory

from .base import OpennessTestCase

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


class SitemapTests(OpennessTestCase):
    def read_sitemap(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml")
        root = ET.fromstring(response.content)  # noqa: S314 (our own response)
        entries = {}
        for url in root.findall("sm:url", NS):
            alternates = {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            }
            entries[url.findtext("sm:loc", namespaces=NS)] = alternates
        return entries

    def test_lists_every_live_page_in_every_language(self):
        draft = self.draft_guide()
        entries = self.read_sitemap()
        expected = {page.get_full_url() for page in Page.objects.live().filter(depth__gt=1)}
        self.assertEqual(set(entries), expected)
        self.assertEqual(len(expected), 5 + 3 + 3)  # five homes; index, guide and chapter in sl and en
        self.assertNotIn(draft.get_full_url(), entries)
        self.assertIn("http://localhost/en/guidelines/", entries)
        self.assertIn(f"http://localhost/en/guidelines/{self.guide.slug}/{self.chapter.slug}/", entries)

    def test_alternates_link_each_page_to_its_translations(self):
        entries = self.read_sitemap()
        guide_sl = f"http://localhost/sl/guidelines/{self.guide.slug}/"
        guide_en = f"http://localhost/en/guidelines/{self.guide.slug}/"
        expected = {"sl": guide_sl, "en": guide_en, "x-default": guide_sl}
        self.assertEqual(entries[guide_sl], expected)
        self.assertEqual(entries[guide_en], expected)
        homes = entries["http://localhost/bg/"]
        self.assertEqual(set(homes), {"sl", "en", "bg", "cs", "sk", "x-default"})
        self.assertEqual(homes["cs"], "http://localhost/cs/")

    def test_a_page_without_translations_has_no_alternates(self):
        lonely = GuideChapterPageFactory(parent=self.guide, title="Samo v slovenščini")
        lonely.save_revision().publish()
        self.assertEqual(self.read_sitemap()[lonely.get_full_url()], {})

    def test_leaves_out_private_pages_their_children_and_alternates_to_them(self):
        PageViewRestriction.objects.create(page=self.guide_en, restriction_type="password", password="skrivnost")
        entries = self.read_sitemap()
        self.assertNotIn(self.guide_en.get_full_url(), entries)
        self.assertNotIn(self.chapter_en.get_full_url(), entries)
        self.assertEqual(entries[self.guide.get_full_url()], {})

    def test_query_count_does_not_grow_with_pages(self):
        def count_queries():
            cache.clear()  # Wagtail caches the site root paths: start cold both times.
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/sitemap.xml").status_code, 200)
            return len(queries)

        before = count_queries()
        for _ in range(4):
            chapter = GuideChapterPageFactory(parent=self.guide)
            chapter.save_revision().publish()
            self.translate(chapter, "en")
        self.assertEqual(count_queries(), before)


class RobotsTests(OpennessTestCase):
    def test_points_at_the_sitemap_and_keeps_admin_and_search_out(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Disallow: /*/search/", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
