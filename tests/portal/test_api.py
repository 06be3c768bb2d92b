"""The read-only API: fields per page type, the locale filter, and nothing unpublished or private."""

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import ImageFactory

from .base import OpennessTestCase

API = "/api/v2/"


class ApiTests(OpennessTestCase):
    def get(self, path, **params):
        response = self.client.get(API + path, params)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()

    def assertNotFound(self, url, title):
        # A JSON 404 straight from the API, not a redirect to a language-prefixed HTML page.
        response = self.client.get(url)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertNotContains(response, title, status_code=404)

    def titles(self, **params):
        return {item["title"] for item in self.get("pages/", limit=50, **params)["items"]}

    def test_guide_exposes_its_fields_with_publishers_in_the_page_language(self):
        fields = "summary,year,decision_types,publishers,cover_image"
        [guide] = self.get("pages/", type="guidelines.GuidePage", locale="en", fields=fields)["items"]
        self.assertEqual(guide["title"], "Involving the public")
        self.assertEqual(guide["meta"]["locale"], "en")
        self.assertEqual(guide["meta"]["html_url"], "http://localhost/en/guidelines/" + self.guide.slug + "/")
        self.assertEqual(guide["summary"], "Kako vključiti občane.")
        self.assertEqual(guide["year"], 2017)
        self.assertEqual(guide["decision_types"], ["budget", "ordinance"])
        self.assertEqual([p["name"] for p in guide["publishers"]], ["Ministry of Public Administration"])
        self.assertEqual(guide["publishers"][0]["translation_key"], str(self.publisher.translation_key))
        self.assertEqual(guide["cover_image"]["id"], self.cover.pk)

    def test_chapter_exposes_its_body_and_decision_types(self):
        [chapter] = self.get(
            "pages/", type="guidelines.GuideChapterPage", locale="sl", fields="intro,body,decision_types"
        )["items"]
        self.assertEqual(chapter["intro"], "Uvod v poglavje.")
        self.assertEqual([block["type"] for block in chapter["body"]], ["key_step", "checklist", "question"])
        self.assertEqual(chapter["decision_types"], ["budget"])

    def test_locale_filter_returns_that_language_only(self):
        english = self.get("pages/", locale="en", limit=50)["items"]
        self.assertEqual({item["meta"]["locale"] for item in english}, {"en"})
        self.assertIn("Involving the public", {item["title"] for item in english})
        self.assertNotIn("Vključevanje javnosti", {item["title"] for item in english})
        both = self.titles(type="guidelines.GuidePage")
        self.assertEqual(both, {"Vključevanje javnosti", "Involving the public"})

    def test_unknown_type_or_locale_is_an_error_not_a_crash(self):
        self.assertEqual(self.client.get(API + "pages/", {"type": "nope.Page"}).status_code, 400)
        self.assertEqual(self.client.get(API + "pages/", {"locale": "xx"}).status_code, 404)

    def test_never_shows_unpublished_pages(self):
        draft = self.draft_guide()
        self.assertNotIn(draft.title, self.titles())
        self.assertNotFound(f"{API}pages/{draft.pk}/", draft.title)

    def test_never_shows_unpublished_changes_of_a_live_page(self):
        self.guide.title = "Nova, še neobjavljena različica"
        self.guide.save_revision()
        detail = self.get(f"pages/{self.guide.pk}/")
        self.assertEqual(detail["title"], "Vključevanje javnosti")
        self.assertNotIn("Nova, še neobjavljena različica", self.titles())

    def test_never_shows_private_pages_or_their_children(self):
        PageViewRestriction.objects.create(page=self.guide, restriction_type="password", password="skrivnost")
        titles = self.titles()
        self.assertNotIn("Vključevanje javnosti", titles)
        self.assertNotIn("Zakaj vključevati", titles)
        self.assertIn("Involving the public", titles)
        for page in [self.guide, self.chapter]:
            self.assertNotFound(f"{API}pages/{page.pk}/", page.title)

    def test_images_and_documents_endpoints_leave_out_private_collections(self):
        private = Collection.get_first_root_node().add_child(name="Zasebno")
        CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="x")
        hidden = ImageFactory(collection=private, title="Zasebna slika")
        images = {item["title"] for item in self.get("images/")["items"]}
        self.assertIn(self.cover.title, images)
        self.assertNotIn(hidden.title, images)
        self.assertEqual(self.get("documents/")["meta"]["total_count"], 0)
