"""Editors in the admin: create pages, and see wagtail-localize's Translate and Sync actions."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from home.models import StandardPage
from tests.base import PortalTestCase
from tests.factories import StandardPageFactory


class EditorAdminTests(WagtailTestUtils, PortalTestCase):
    """An editor of the Editors group the migrations create (the demo's own editor account is
    checked in test_load_demo.py)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = User.objects.create_user("urednica", "urednica@example.org", "geslo-123")
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_can_create_a_standard_page(self):
        data = nested_form_data(
            {
                "title": "Nova stran",
                "slug": "nova-stran",
                "intro": "Kratek uvod.",
                "body": streamfield([("heading", {"text": "Razdelek"})]),
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", self.home.id])
        response = self.client.post(url, data)
        page = StandardPage.objects.get(slug="nova-stran")
        self.assertRedirects(response, reverse("wagtailadmin_pages:edit", args=[page.id]))
        self.assertEqual(page.locale.language_code, "sl")
        self.assertFalse(page.live, "editors submit drafts; moderators publish")

    def test_new_page_offers_translate(self):
        """The editor's admin speaks Slovenian, so the action is found by its address."""
        page = self.home.add_child(instance=StandardPage(title="Samo slovensko", slug="samo", locale=self.home.locale))
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
        self.assertContains(response, reverse("wagtail_localize:submit_page_translation", args=[page.id]))

    def test_translated_page_offers_sync(self):
        about = StandardPageFactory(parent=self.home, title="O portalu", slug="o-portalu")
        self.translate(about, "en", {"O portalu": "About"})
        source = TranslationSource.objects.get_for_instance_or_none(about)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[about.id]))
        self.assertContains(response, reverse("wagtail_localize:update_translations", args=[source.id]))
