"""Home pages, menu, footer and site settings are cached (portal/cache.py) and never stale:
each kind of change shows on the next anonymous request."""

from django.core.cache import cache

from home.models import SiteSettings, SiteText
from portal.cache import GENERATION_KEY
from tests.base import PortalTestCase
from tests.factories import StandardPageFactory


class ContentCacheTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.about = StandardPageFactory(parent=cls.home, title="O portalu", slug="o-portalu", show_in_menus=True)
        cls.about.save_revision().publish()
        cls.site_text = SiteText.objects.create(locale=cls.locales["sl"], organisation_name="Skupnost občin")
        cls.site_settings = SiteSettings.objects.create(
            site=cls.site, site_text=cls.site_text, contact_email="info@example.org"
        )

    def html(self, path="/sl/"):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_shared_parts_cost_no_queries_once_cached(self):
        self.html()
        cache.delete(GENERATION_KEY)
        with self.assertNumQueries(14):
            first = self.html()
        # The six queries of menu, footer and settings are gone; what is left is the site,
        # the locale, the page, its route checks, its translations and its entry points.
        with self.assertNumQueries(8):
            second = self.html()
        self.assertEqual(first, second)
        self.assertIn("Skupnost občin", second)
        self.assertIn("info@example.org", second)

    def test_a_published_page_joins_the_menu_and_footer_at_once(self):
        self.assertNotIn('href="/sl/kontakt/"', self.html())
        contact = StandardPageFactory(parent=self.home, title="Kontakt", slug="kontakt", show_in_menus=True)
        contact.save_revision().publish()
        self.assertEqual(self.html().count('href="/sl/kontakt/"'), 2)  # menu and footer

    def test_a_renamed_unpublished_or_deleted_page_leaves_at_once(self):
        self.assertIn("O portalu", self.html())
        self.about.title = "Predstavitev"
        self.about.save_revision().publish()
        html = self.html()
        self.assertIn("Predstavitev", html)
        self.assertNotIn("O portalu", html)
        self.about.unpublish()
        self.assertNotIn("Predstavitev", self.html())
        self.about.save_revision().publish()
        self.assertIn("Predstavitev", self.html())
        self.about.delete()
        self.assertNotIn("Predstavitev", self.html())

    def test_a_moved_page_leaves_the_menu(self):
        contact = StandardPageFactory(parent=self.home, title="Kontakt", slug="kontakt", show_in_menus=True)
        contact.save_revision().publish()
        self.assertIn('href="/sl/kontakt/"', self.html())
        contact.move(self.about, pos="last-child")
        html = self.html()
        self.assertNotIn('href="/sl/kontakt/"', html)

    def test_settings_and_site_text_show_at_once_in_each_language(self):
        self.assertIn("info@example.org", self.html())
        self.site_settings.contact_email = "pisarna@example.org"
        self.site_settings.save()
        self.assertIn("pisarna@example.org", self.html())

        english = self.translate(self.site_text, "en", {"Skupnost občin": "Association of municipalities"})
        self.assertIn("Association of municipalities", self.html("/en/"))
        english.organisation_name = "Association of Slovenian municipalities"
        english.save()
        self.assertIn("Association of Slovenian municipalities", self.html("/en/"))
        self.assertIn("Skupnost občin", self.html("/sl/"))
