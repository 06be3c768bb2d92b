"""A site with a guide and its chapter, translated into English, and helpers to read responses."""

import extruct
import feedparser

from guidelines.models import GuidePage
from tests.base import PortalTestCase
from tests.factories import ImageFactory, OrganisationFactory
from tests.guidelines.factories import GuideChapterPageFactory, GuidelineIndexPageFactory, GuidePageFactory


class OpennessTestCase(PortalTestCase):
    """Guidelines index, a guide with a cover image and publisher, one chapter; all in sl and en."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.publisher = OrganisationFactory(name="Ministrstvo za javno upravo", website="https://www.gov.si")
        cls.cover = ImageFactory(file__width=1600, file__height=900)
        cls.guidelines = cls.publish(GuidelineIndexPageFactory(parent=cls.home))
        cls.guide = cls.publish(
            GuidePageFactory(parent=cls.guidelines, title="Vključevanje javnosti", cover_image=cls.cover)
        )
        cls.guide.publishers.set([cls.publisher])
        cls.publish(cls.guide)
        cls.chapter = cls.publish(GuideChapterPageFactory(parent=cls.guide, title="Zakaj vključevati"))
        cls.guide_en = cls.translate(cls.guide, "en", {"Vključevanje javnosti": "Involving the public"})
        cls.chapter_en = cls.translate(cls.chapter, "en", {"Zakaj vključevati": "Why involve people"})
        cls.publisher_en = cls.translate(
            cls.publisher, "en", {"Ministrstvo za javno upravo": "Ministry of Public Administration"}
        )

    @staticmethod
    def publish(page):
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    @classmethod
    def draft_guide(cls, title="Osnutek vodnika"):
        """A guide saved but never published."""
        draft = cls.guidelines.add_child(
            instance=GuidePage(title=title, slug="osnutek", summary="Še ni objavljeno.", live=False)
        )
        draft.save_revision()
        return draft

    def json_ld(self, response, type_name=None):
        """The JSON-LD objects of an HTML response, as a structured-data reader sees them."""
        data = extruct.extract(response.content.decode(), base_url="http://testserver/", syntaxes=["json-ld"])
        items = data["json-ld"]
        return [item for item in items if type_name is None or item.get("@type") == type_name]


class FeedReaderMixin:
    """Reads an Atom feed the way a feed reader does, failing on anything it would reject."""

    def read_feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(feed.version, "atom10")
        return feed
