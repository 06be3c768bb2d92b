"""The privacy notice that forms link to: chosen in site settings, in the reader's language."""

from home.models import SiteSettings
from tests.base import LANGUAGE_CODES, PortalTestCase
from tests.factories import StandardPageFactory


class PrivacyNoticeTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notice = StandardPageFactory(parent=cls.home, title="Varstvo podatkov", slug="varstvo-podatkov")
        cls.notice.save_revision().publish()
        cls.english = cls.translate(cls.notice, "en", {"Varstvo podatkov": "Data protection"})
        cls.settings = SiteSettings.for_site(cls.site)

    def test_without_a_choice_the_page_with_the_slug_privacy_is_used(self):
        fallback = StandardPageFactory(parent=self.home, title="Zasebnost", slug="privacy")
        fallback.save_revision().publish()
        self.assertEqual(self.settings.privacy_notice(self.locales["sl"]).pk, fallback.pk)
        self.assertIsNone(self.settings.privacy_notice(self.locales["bg"]), "no such page in Bulgarian")

    def test_the_chosen_page_is_shown_in_the_readers_language_where_translated(self):
        self.settings.privacy_page = self.notice
        self.settings.save()
        for code in LANGUAGE_CODES:
            expected = self.english if code == "en" else self.notice
            self.assertEqual(self.settings.privacy_notice(self.locales[code]).pk, expected.pk, code)

    def test_an_unpublished_choice_links_nowhere(self):
        self.notice.unpublish()
        self.settings.privacy_page = self.notice
        self.settings.save()
        self.assertIsNone(self.settings.privacy_notice(self.locales["sl"]))
