"""What the head tells search engines and social networks: canonical URL, Open Graph, breadcrumbs."""

import re

from django.utils import translation

from tests.guidelines.factories import GuideChapterPageFactory

from .base import OpennessTestCase


def meta_tags(html):
    """{property or name: [content, ...]} of the <meta> tags."""
    tags = {}
    for key, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        tags.setdefault(key, []).append(content)
    return tags


class HeadTests(OpennessTestCase):
    def head(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        return response, html[: html.index("</head>")]

    def test_shared_page_shows_its_image_as_a_1200x630_rendition(self):
        _response, head = self.head(self.guide_en.url)
        tags = meta_tags(head)
        rendition = self.cover.get_rendition("fill-1200x630")
        self.assertEqual(tags["og:image"], [f"http://testserver{rendition.url}"])
        self.assertEqual(tags["twitter:image"], tags["og:image"])
        self.assertEqual((tags["og:image:width"], tags["og:image:height"]), (["1200"], ["630"]))
        self.assertEqual(tags["twitter:card"], ["summary_large_image"])
        self.assertEqual(tags["og:title"], ["Involving the public"])
        self.assertEqual(tags["og:description"], ["Kako vključiti občane."])
        self.assertEqual(tags["og:type"], ["article"])
        self.assertEqual(tags["og:locale"], ["en_GB"])
        self.assertEqual(tags["og:locale:alternate"], ["sl_SI"])
        canonical = f"http://testserver{self.guide_en.url}"
        self.assertIn(f'<link rel="canonical" href="{canonical}">', head)
        self.assertEqual(tags["og:url"], [canonical])

    def test_page_without_an_image_falls_back_to_the_site_picture(self):
        _response, head = self.head(self.chapter.url)
        tags = meta_tags(head)
        self.assertEqual(tags["og:image"], ["http://testserver/static/portal/img/social-default.png"])
        with translation.override("sl"):
            self.assertEqual(tags["og:image:alt"], [translation.gettext("Participation portal")])

    def test_canonical_url_drops_the_query_string(self):
        _response, head = self.head(self.guidelines.url + "?page=2&utm_source=x")
        self.assertIn(f'<link rel="canonical" href="http://testserver{self.guidelines.url}">', head)
        self.assertEqual(meta_tags(head)["og:type"], ["website"])

    def test_breadcrumbs_as_schema_org_breadcrumb_list(self):
        response, _head = self.head(self.chapter_en.url)
        [crumbs] = self.json_ld(response, "BreadcrumbList")
        items = crumbs["itemListElement"]
        self.assertEqual([item["position"] for item in items], [1, 2, 3, 4])
        self.assertEqual(
            [item["name"] for item in items],
            ["Home (en)", self.guidelines.title, "Involving the public", "Why involve people"],
        )
        self.assertEqual(items[-1]["item"], f"http://testserver{self.chapter_en.url}")
        self.assertEqual(items[0]["item"], "http://testserver/en/")

    def test_home_page_has_no_breadcrumbs(self):
        response, _head = self.head(self.home.url)
        self.assertEqual(self.json_ld(response, "BreadcrumbList"), [])

    def test_json_ld_cannot_be_broken_out_of(self):
        title = "Konec </script><script>alert(1)</script> & <b>"
        chapter = GuideChapterPageFactory(parent=self.guide, title=title)
        chapter.save_revision().publish()
        response, head = self.head(chapter.url)
        self.assertNotIn("<script>alert(1)", head)
        [crumbs] = self.json_ld(response, "BreadcrumbList")
        self.assertEqual(crumbs["itemListElement"][-1]["name"], title)
