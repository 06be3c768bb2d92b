"""The listings share one abstract index page: its tree rules and what it lists."""

from wagtail.models import PageViewRestriction

from events.models import EventIndexPage
from guidelines.models import GuidelineIndexPage
from home.models import HomePage, IndexPage
from practices.models import PracticeIndexPage
from tests.base import PortalTestCase
from tests.practices.factories import PracticeIndexPageFactory, PracticePageFactory

INDEX_PAGES = [GuidelineIndexPage, PracticeIndexPage, EventIndexPage]


class IndexPageTests(PortalTestCase):
    def test_every_listing_is_an_index_page_once_per_home_page(self):
        for model in INDEX_PAGES:
            self.assertTrue(issubclass(model, IndexPage), model)
            self.assertEqual(model.allowed_parent_page_models(), [HomePage], model)
            self.assertEqual(model.max_count_per_parent, 1, model)
            self.assertIn("intro", [field.name for field in model._meta.get_fields()], model)
            self.assertTrue(model.can_create_at(self.home), model)

    def test_listed_pages_are_live_public_children_only(self):
        index = PracticeIndexPageFactory(parent=self.home)
        shown = PracticePageFactory(parent=index, title="Objavljena")
        PracticePageFactory(parent=index, title="Osnutek", live=False)
        private = PracticePageFactory(parent=index, title="Zasebna")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        elsewhere = PracticeIndexPageFactory(parent=self.homes["en"], slug="practices")
        PracticePageFactory(parent=elsewhere, title="Published elsewhere")
        self.assertEqual(list(index.listed(type(shown))), [shown])
