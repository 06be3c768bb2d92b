"""localized_in_bulk: objects in the reader's language, in one query, order and gaps kept."""

from django.utils import translation

from home.models import StandardPage
from portal.i18n import localized_in_bulk
from tests.base import PortalTestCase
from tests.factories import OrganisationFactory


class LocalizedInBulkTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.translated = OrganisationFactory(name="Občina Kanal")
        cls.translated_en = cls.translate(cls.translated, "en", {"Občina Kanal": "Municipality of Kanal"})
        cls.untranslated = OrganisationFactory(name="Društvo Prostorož")

    def test_translations_where_they_exist_in_order_with_gaps_kept(self):
        with translation.override("en"), self.assertNumQueries(1):
            result = localized_in_bulk([self.untranslated, None, self.translated])
        assert result == [self.untranslated, None, self.translated_en]

    def test_a_given_locale(self):
        result = localized_in_bulk([self.translated], locale_id=self.locales["en"].pk)
        assert result == [self.translated_en]
        assert localized_in_bulk([None]) == [None]

    def test_pages_need_a_live_translation(self):
        page = self.home.add_child(instance=StandardPage(title="Vodnik", slug="vodnik"))
        page_en = self.translate(page, "en", {"Vodnik": "Guide"})
        with translation.override("en"):
            assert localized_in_bulk([page]) == [page_en]
            page_en.unpublish()
            assert localized_in_bulk([page]) == [page]
