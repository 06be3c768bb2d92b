"""The demo loader: real wagtail-localize translations, idempotent, accounts in the migrated groups."""

from io import StringIO

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage
from wagtail_localize.models import Translation

from home.management.commands.load_demo import DemoLoader
from home.models import HomePage, Organisation, SiteSettings, StandardPage
from tests.base import PortalTestCase, clear_site
from tests.practices.factories import PracticeIndexPageFactory

LANGUAGES = ["sl", "en", "bg", "cs", "sk"]


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        clear_site()  # the demo builds its own tree
        cls.first_output = StringIO()
        call_command("load_demo", "--apps", "home", stdout=cls.first_output)

    def test_home_and_standard_pages_exist_in_every_language(self):
        for model, count in [(HomePage, 1), (StandardPage, 4)]:
            for code in LANGUAGES:
                pages = model.objects.live().filter(locale__language_code=code, alias_of__isnull=True)
                self.assertGreaterEqual(pages.count(), count, f"{model.__name__} in {code}")

    def test_translations_are_wagtail_localize_translations(self):
        home = HomePage.objects.get(locale__language_code="sl")
        targets = set(
            Translation.objects.filter(source__object_id=home.translation_key).values_list(
                "target_locale__language_code", flat=True
            )
        )
        self.assertEqual(targets, {"en", "bg", "cs", "sk"})
        titles = set(HomePage.objects.values_list("title", flat=True))
        self.assertEqual(len(titles), 5, "each language has its own title")

    def test_site_points_at_the_slovenian_home_page(self):
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.locale.language_code, "sl")
        self.assertFalse(Page.objects.filter(slug="wagtail-welcome-page").exists())
        self.assertIsNotNone(SiteSettings.for_site(site).site_text)

    def test_snippets_are_translated(self):
        for code in LANGUAGES:
            self.assertTrue(Organisation.objects.filter(locale__language_code=code).exists(), code)

    def test_groups_and_accounts(self):
        for name in ["Editors", "Moderators", "Translators"]:
            group = Group.objects.get(name=name)
            self.assertTrue(group.permissions.filter(codename="access_admin").exists(), name)
        self.assertTrue(
            Group.objects.get(name="Translators").permissions.filter(codename="submit_translation").exists()
        )
        self.assertTrue(Group.objects.get(name="Editors").permissions.filter(codename="view_registration").exists())
        moderators = Group.objects.get(name="Moderators").permissions
        self.assertTrue(moderators.filter(codename="view_practicesubmission").exists())
        self.assertFalse(
            Group.objects.get(name="Editors").permissions.filter(codename="view_practicesubmission").exists(),
            "submitters' contact details are for moderators only",
        )
        editor = User.objects.get(username="editor")
        self.assertTrue(editor.check_password("demo-editor-2026"))
        self.assertIn("editor / demo-editor-2026", self.first_output.getvalue())
        for username, group in [("editor", "Editors"), ("moderator", "Moderators"), ("translator", "Translators")]:
            self.assertEqual([g.name for g in User.objects.get(username=username).groups.all()], [group])

    def test_page_permissions_stay_on_the_tree_root(self):
        """The migrations grant them once for every home page; the demo adds none of its own."""
        self.assertEqual(set(GroupPagePermission.objects.values_list("page__depth", flat=True)), {1})

    def test_second_run_changes_nothing_and_says_so(self):
        before = Page.objects.count(), Translation.objects.count()
        output = StringIO()
        call_command("load_demo", "--apps", "home", stdout=output)
        self.assertIn("nothing changed", output.getvalue())
        self.assertEqual((Page.objects.count(), Translation.objects.count()), before)


class DemoPrerequisiteTests(PortalTestCase):
    def test_practice_listings_get_the_moderation_workflow(self):
        index = PracticeIndexPageFactory(parent=self.home)
        WorkflowPage.objects.filter(page=index).delete()
        loader = DemoLoader(StringIO())
        loader.moderate_practices()
        self.assertEqual(WorkflowPage.objects.get(page=index).workflow.name, "Practice moderation")
        self.assertEqual(len(loader.created), 1)
        loader.moderate_practices()
        self.assertEqual(len(loader.created), 1, "a second pass adds nothing")

    def test_refuses_to_run_without_the_migrated_roles(self):
        Group.objects.filter(name="Translators").delete()
        with self.assertRaisesMessage(CommandError, "Translators"):
            call_command("load_demo", "--apps", "home", stdout=StringIO())
        self.assertFalse(Organisation.objects.exists(), "nothing was loaded")
