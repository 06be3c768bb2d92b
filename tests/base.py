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


HOME_TITLE = "Domov"


def clear_site():
    """Remove every page below the tree root and every site (for tests that build their own)."""
    Site.objects.all().delete()
    for child in Page.get_first_root_node().get_children():
        child.delete()


def build_five_locale_site():
    """The five locales, a Slovenian home page translated into the other four, the default site.

    Built once per test database (tests/conftest.py) and shared by every PortalTestCase;
    each test class's changes to it are rolled back with the class.
    """
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}
    clear_site()
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=HOME_TITLE, slug="home", locale=locales["sl"], lead="Portal za sodelovanje")
    )
    home.save_revision().publish()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    for code in LANGUAGE_CODES[1:]:
        mapping = dict(segment_pairs(HOME_TITLE, f"Home ({code})"))
        translate_object(home, locales[code], mapping, fallback_to_source=True)


class PortalTestCase(TestCase):
    """Once per class: the locales, the home page in five languages and the site, in a handful
    of queries (they are built once per test database)."""

    @classmethod
    def setUpTestData(cls):
        site = Site.objects.filter(is_default_site=True, root_page__title=HOME_TITLE).first()
        if site is None:
            # A transactional test emptied the database after itself: build the site again.
            build_five_locale_site()
            site = Site.objects.get(is_default_site=True)
        cls.site = site
        cls.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        homes = HomePage.objects.filter(translation_key=site.root_page.translation_key).select_related("locale")
        cls.homes = {home.locale.language_code: home for home in homes}
        cls.home = cls.homes["sl"]

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
