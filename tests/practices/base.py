"""A test case with a practice listing under the Slovenian home page."""

from home.models import ParticipationMethod
from tests.base import PortalTestCase
from tests.factories import ParticipationMethodFactory

from .factories import PracticeIndexPageFactory, PracticePageFactory


class PracticesTestCase(PortalTestCase):
    """Adds a published listing and two participation methods."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = PracticeIndexPageFactory(parent=cls.home)
        cls.index.save_revision().publish()
        cls.budgeting = ParticipationMethodFactory(name="Participativni proračun")
        cls.forum = ParticipationMethodFactory(name="Javni forum")

    @classmethod
    def practice(cls, **kwargs):
        """A published practice under the listing."""
        practice = PracticePageFactory(parent=kwargs.pop("parent", cls.index), **kwargs)
        practice.save_revision().publish()
        return practice

    @classmethod
    def method_in(cls, method, language_code):
        """The translation of a method snippet, created if missing."""
        existing = ParticipationMethod.objects.filter(
            translation_key=method.translation_key, locale=cls.locales[language_code]
        ).first()
        return existing or cls.translate(method, language_code, {method.name: f"{method.name} ({language_code})"})
