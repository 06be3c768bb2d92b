"""A test case that builds the site, the five locales and a home page per language."""

from django.conf import settings
from django.test import TestCase
from django.utils import translation

from wagtail.models import Locale, Page, Site

from home.models import HomePage
from home.translation import segment_pairs, translate_object

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]


def translated(message, language_code="sl"):
    """Interface text as a visitor of `language_code` reads it (from locale/ catalogues)."""
    with translation.override(language_code):
        return translation.gettext(message)


class PortalTestCase(TestCase):
    """Once per class: locales, a Slovenian home page, its translations and the site."""

    @classmethod
    def setUpTestData(cls):
        cls.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}
        root = Page.get_first_root_node()
        Site.objects.all().delete()
        for child in root.get_children():
            child.delete()
        root.refresh_from_db()
        cls.home = root.add_child(
            instance=HomePage(title="Domov", slug="home", locale=cls.locales["sl"], lead="Portal za sodelovanje")
        )
        cls.home.save_revision().publish()
        cls.site = Site.objects.create(hostname="localhost", port=80, root_page=cls.home, is_default_site=True)
        cls.homes = {"sl": cls.home}
        for code in LANGUAGE_CODES[1:]:
            cls.homes[code] = cls.translate(cls.home, code, {"Domov": f"Home ({code})"})

    @classmethod
    def translate(cls, obj, language_code, texts=None):
        """Translate a page or snippet through wagtail-localize.

        `texts` maps source texts (plain or rich text) to their translations; anything not
        listed keeps its source text. Calling it again synchronises an existing translation.
        """
        mapping = {}
        for source_text, target_text in (texts or {}).items():
            mapping.update(segment_pairs(source_text, target_text))
        return translate_object(obj, cls.locales[language_code], mapping, fallback_to_source=True)
