"""Editors in the admin: create pages, and see wagtail-localize's Translate and Sync actions."""

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from home.models import HomePage, StandardPage
from tests.base import clear_site


class EditorAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        clear_site()  # the demo builds its own tree
        call_command("load_demo", "--apps", "home", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        cls.editor = User.objects.get(username="editor")
        cls.home = HomePage.objects.get(locale__language_code="sl")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_is_in_the_editors_group(self):
        self.assertTrue(self.editor.groups.filter(name="Editors").exists())
        self.assertIn(self.editor, Group.objects.get(name="Editors").user_set.all())

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

    def test_translated_demo_page_offers_sync(self):
        about = StandardPage.objects.get(slug="about", locale__language_code="sl")
        source = TranslationSource.objects.get_for_instance_or_none(about)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[about.id]))
        self.assertContains(response, reverse("wagtail_localize:update_translations", args=[source.id]))
