"""The three roles on a fresh install: made by the migrations (no demo), doing exactly what README says."""

import importlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase
from django.urls import reverse

from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage, EventPage, Registration
from guidelines.models import GuideChapterPage, GuidelineIndexPage, GuidePage
from home.models import HomePage, Organisation, ParticipationMethod, Person, SiteText, StandardPage
from practices.models import PracticeIndexPage, PracticePage, PracticeSubmission
from tests.base import clear_site
from tests.factories import ImageFactory

MIGRATION = "0004_roles_and_moderation_workflow"
roles_migration = importlib.import_module(f"home.migrations.{MIGRATION}")

SNIPPETS = [Organisation, Person, ParticipationMethod, SiteText]
SNIPPET_NAMES = ["organisation", "person", "participationmethod", "sitetext"]
# What Wagtail's own migrations give its Editors and Moderators groups, which we keep.
WAGTAIL_MEDIA = {
    f"{app}.{action}_{model}"
    for app, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
    for action in ["add", "change", "choose", "delete"]
}
BASICS = {"wagtailadmin.access_admin", "wagtail_localize.submit_translation"}
SNIPPET_EDITING = {f"home.{action}_{name}" for action in ["add", "change", "delete"] for name in SNIPPET_NAMES}
REGISTRATIONS = {"events.view_registration", "events.change_registration"}
SUBMISSIONS = {f"practices.{action}_practicesubmission" for action in ["view", "change", "delete"]}
EXPECTED_MODEL_PERMISSIONS = {
    "Editors": BASICS | WAGTAIL_MEDIA | SNIPPET_EDITING | REGISTRATIONS,
    "Moderators": BASICS | WAGTAIL_MEDIA | SNIPPET_EDITING | REGISTRATIONS | SUBMISSIONS,
    "Translators": BASICS | {f"home.change_{name}" for name in SNIPPET_NAMES},
}
EXPECTED_PAGE_PERMISSIONS = {
    "Editors": {"add_page", "change_page", "lock_page"},
    "Moderators": {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
    "Translators": {"change_page"},
}
MEDIA_IN_COLLECTIONS = {
    f"{action}_{model}" for model in ["image", "document"] for action in ["add", "change", "choose"]
}
EXPECTED_COLLECTION_PERMISSIONS = {
    "Editors": MEDIA_IN_COLLECTIONS,
    "Moderators": MEDIA_IN_COLLECTIONS,
    "Translators": set(),
}


def model_permissions(group):
    return {
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def historical_apps():
    """The models as the roles migration sees them, as `migrate` would hand them over."""
    return MigrationExecutor(connection).loader.project_state(("home", MIGRATION)).apps


class MigratedRolesTests(TestCase):
    """What `migrate` alone leaves in the database."""

    def test_groups_have_exactly_their_permissions(self):
        tree_root = Page.get_first_root_node()
        for name, expected in EXPECTED_MODEL_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            self.assertEqual(model_permissions(group), expected, name)
            pages = GroupPagePermission.objects.filter(group=group)
            self.assertEqual({p.page_id for p in pages}, {tree_root.pk}, f"{name}: only on the tree root")
            self.assertEqual({p.permission.codename for p in pages}, EXPECTED_PAGE_PERMISSIONS[name], name)
            collections = GroupCollectionPermission.objects.filter(group=group)
            self.assertTrue(all(c.collection.is_root() for c in collections), name)
            self.assertEqual({c.permission.codename for c in collections}, EXPECTED_COLLECTION_PERMISSIONS[name], name)

    def test_practice_moderation_workflow_is_approved_by_moderators(self):
        workflow = Workflow.objects.get(name="Practice moderation")
        self.assertTrue(workflow.active)
        tasks = [task.specific for task in workflow.tasks.all()]
        self.assertEqual([task.name for task in tasks], ["Moderators approve the practice"])
        self.assertIsInstance(tasks[0], GroupApprovalTask)
        self.assertTrue(tasks[0].active)
        self.assertEqual([group.name for group in tasks[0].groups.all()], ["Moderators"])

    def test_wagtails_default_moderation_stays(self):
        """Every other page still goes through Wagtail's own Moderators approval on the tree root."""
        root_workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
        self.assertEqual(root_workflow.name, "Moderators approval")

    def test_running_the_migration_again_changes_nothing(self):
        def snapshot():
            return {
                "groups": {group.name: model_permissions(group) for group in Group.objects.all()},
                "page permissions": set(
                    GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")
                ),
                "collection permissions": set(
                    GroupCollectionPermission.objects.values_list("group_id", "collection_id", "permission_id")
                ),
                "permissions": Permission.objects.count(),
                "content types": ContentType.objects.count(),
                "workflows": set(Workflow.objects.values_list("name", "active")),
                "tasks": set(Task.objects.values_list("name", "content_type_id")),
                "workflow tasks": set(WorkflowTask.objects.values_list("workflow_id", "task_id", "sort_order")),
                "task groups": set(
                    GroupApprovalTask.groups.through.objects.values_list("groupapprovaltask_id", "group_id")
                ),
            }

        before = snapshot()
        roles_migration.create_roles(historical_apps(), None)
        self.assertEqual(snapshot(), before)

    def test_the_migration_restores_a_removed_permission(self):
        """Not a no-op by accident: run on a database missing a piece, it puts the piece back."""
        translators = Group.objects.get(name="Translators")
        translators.permissions.remove(Permission.objects.get(codename="change_organisation"))
        Workflow.objects.filter(name="Practice moderation").delete()
        roles_migration.create_roles(historical_apps(), None)
        self.assertIn("home.change_organisation", model_permissions(translators))
        workflow = Workflow.objects.get(name="Practice moderation")
        self.assertEqual([task.name for task in workflow.tasks.all()], ["Moderators approve the practice"])


class FreshInstallRolesTests(WagtailTestUtils, TestCase):
    """A superuser builds one page of each type in the admin; each role then does what README says."""

    @classmethod
    def setUpTestData(cls):
        # As after `migrate` on a new server: Wagtail's root, one locale, no site of ours.
        clear_site()
        Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).delete()
        users = get_user_model().objects
        cls.admin = users.create_superuser("skrbnik", "skrbnik@example.org", "geslo-123")
        cls.users = {}
        for username, group in [("editor", "Editors"), ("moderator", "Moderators"), ("translator", "Translators")]:
            user = users.create_user(username, f"{username}@example.org", "geslo-123")
            user.groups.add(Group.objects.get(name=group))
            cls.users[username] = user
        cls.method = ParticipationMethod.objects.create(name="Participativni proračun")
        cls.pages = {}
        cls.build_site()

    @classmethod
    def add_page(cls, parent, model, data, user=None, action="action-publish"):
        """Post the admin's add form for `model` under `parent`; the created page, or None."""
        client = cls.client_class()
        client.force_login(user or cls.admin)
        url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
        # Checkbox lists are sent as repeated keys; nested_form_data would number them.
        choices = {key: value for key, value in data.items() if isinstance(value, list)}
        fields = {key: value for key, value in data.items() if key not in choices}
        form = nested_form_data({"comments": inline_formset([]), action: "1", **fields})
        response = client.post(url, {**form, **choices})
        page = model.objects.filter(slug=data["slug"]).first()
        if page is None and response.status_code == 200 and response.context and "form" in response.context:
            raise AssertionError(f"{model.__name__} not created: {response.context['form'].errors}")
        return page

    @classmethod
    def build_site(cls):
        root = Page.get_first_root_node()
        home = cls.add_page(root, HomePage, {"title": "Domov", "slug": "domov", "lead": "Portal za sodelovanje"})
        cls.pages["home"] = home
        cls.pages["standard"] = cls.add_page(
            home, StandardPage, {"title": "O nas", "slug": "o-nas", "body": streamfield([])}
        )
        guides = cls.add_page(home, GuidelineIndexPage, {"title": "Smernice", "slug": "smernice"})
        cls.pages["guide index"] = guides
        guide = cls.add_page(guides, GuidePage, {"title": "Vodnik", "slug": "vodnik", "summary": "Povzetek."})
        cls.pages["guide"] = guide
        cls.pages["chapter"] = cls.add_page(
            guide, GuideChapterPage, {"title": "Prvo poglavje", "slug": "prvo", "body": streamfield([])}
        )
        practices = cls.add_page(home, PracticeIndexPage, {"title": "Prakse", "slug": "prakse"})
        cls.pages["practice index"] = practices
        cls.pages["practice"] = cls.add_page(
            practices,
            PracticePage,
            {
                "title": "Participativni proračun",
                "slug": "participativni-proracun",
                "summary": "Prebivalci odločajo o delu proračuna.",
                "body": streamfield([]),
                "country": "SI",
                "currency": "EUR",
                "outcomes": rich_text(""),
                "obstacles": rich_text(""),
                "lessons": rich_text(""),
                "gallery": streamfield([]),
                "documents": streamfield([]),
                "methods": [cls.method.pk],
            },
        )
        events = cls.add_page(home, EventIndexPage, {"title": "Dogodki", "slug": "dogodki"})
        cls.pages["event index"] = events
        cls.pages["event"] = cls.add_page(
            events,
            EventPage,
            {
                "title": "Forum v Celju",
                "slug": "forum-v-celju",
                "summary": "Srečanje občin.",
                "kind": "forum",
                "start": "2030-05-14 09:00",
                "end": "2030-05-14 16:00",
                "timezone": "Europe/Ljubljana",
                "body": streamfield([]),
                "programme": streamfield([]),
            },
        )

    def setUp(self):
        self.pages = {key: page.specific_class.objects.get(pk=page.pk) for key, page in type(self).pages.items()}

    def assertDenied(self, response, what):
        """Wagtail answers a forbidden admin view with a redirect to the dashboard (and a message)."""
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False, msg_prefix=what)

    def get(self, username, url):
        self.client.force_login(self.users[username])
        return self.client.get(url)

    # --- the site the superuser built -------------------------------------------------------

    def test_every_page_type_was_created_and_published_through_the_admin(self):
        self.assertEqual(
            {type(page) for page in self.pages.values()},
            {HomePage, StandardPage, GuidelineIndexPage, GuidePage, GuideChapterPage}
            | {PracticeIndexPage, PracticePage, EventIndexPage, EventPage},
        )
        for key, page in self.pages.items():
            self.assertIsNotNone(page, key)
            self.assertTrue(page.live, key)
        self.assertEqual(self.pages["home"].get_parent().depth, 1, "the home page sits under the tree root")

    # --- pages ------------------------------------------------------------------------------

    def test_editor_and_moderator_may_add_and_edit_every_page(self):
        for username in ["editor", "moderator"]:
            for key, page in self.pages.items():
                permissions = page.permissions_for_user(self.users[username])
                self.assertTrue(permissions.can_edit(), f"{username} edits {key}")
                self.assertTrue(permissions.can_lock(), f"{username} locks {key}")
                if page.specific_class.allowed_subpage_models():
                    self.assertTrue(permissions.can_add_subpage(), f"{username} adds under {key}")

    def test_only_the_moderator_may_publish(self):
        for key, page in self.pages.items():
            self.assertTrue(page.permissions_for_user(self.users["moderator"]).can_publish(), key)
            self.assertFalse(page.permissions_for_user(self.users["editor"]).can_publish(), key)
            self.assertFalse(page.permissions_for_user(self.users["translator"]).can_publish(), key)
        self.assertFalse(self.pages["home"].permissions_for_user(self.users["editor"]).can_unlock())

    def test_editor_creates_a_page_but_cannot_publish_it(self):
        page = self.add_page(
            self.pages["home"],
            StandardPage,
            {"title": "Kontakt", "slug": "kontakt", "body": streamfield([])},
            user=self.users["editor"],
        )
        self.assertIsNotNone(page, "editors create pages")
        self.assertFalse(page.live, "asking to publish leaves a draft")

    def test_editor_submits_for_moderation_and_a_moderator_approves(self):
        page = self.add_page(
            self.pages["home"],
            StandardPage,
            {"title": "Dostopnost", "slug": "dostopnost", "body": streamfield([])},
            user=self.users["editor"],
            action="action-submit",
        )
        self.assertFalse(page.live)
        state = page.workflow_states.get()
        self.assertEqual(state.status, "in_progress")
        task = state.current_task_state.task.specific
        self.assertEqual([a[0] for a in task.get_actions(page, self.users["editor"])], [])
        self.assertIn("approve", [a[0] for a in task.get_actions(page, self.users["moderator"])])

    def test_moderators_approve_practices_in_their_workflow(self):
        practice = self.pages["practice"]
        state = Workflow.objects.get(name="Practice moderation").start(practice, self.users["editor"])
        task = state.current_task_state.task.specific
        self.assertEqual(task.name, "Moderators approve the practice")
        self.assertIn("approve", [a[0] for a in task.get_actions(practice, self.users["moderator"])])
        self.assertEqual(task.get_actions(practice, self.users["editor"]), [])
        self.assertEqual(task.get_actions(practice, self.users["translator"]), [])

    def test_moderator_publishes_through_the_admin(self):
        page = self.add_page(
            self.pages["home"],
            StandardPage,
            {"title": "Zasebnost", "slug": "zasebnost", "body": streamfield([])},
            user=self.users["moderator"],
        )
        self.assertTrue(page.live)

    def test_who_deletes_which_page(self):
        """Wagtail's rule: edit rights delete pages without children, unpublished ones unless one may publish."""
        users = self.users
        for key, page in self.pages.items():
            leaf = page.is_leaf()
            self.assertEqual(page.permissions_for_user(users["moderator"]).can_delete(), leaf, key)
            self.assertFalse(page.permissions_for_user(users["editor"]).can_delete(), f"{key} is live")
            self.assertFalse(page.permissions_for_user(users["translator"]).can_delete(), f"{key} is live")
        draft = self.add_page(
            self.pages["home"],
            StandardPage,
            {"title": "Osnutek", "slug": "osnutek", "body": streamfield([])},
            user=users["editor"],
        )
        for username in ["editor", "moderator", "translator"]:
            self.assertTrue(draft.permissions_for_user(users[username]).can_delete(), username)

    def test_translator_edits_existing_pages_but_adds_none(self):
        translator = self.users["translator"]
        for key, page in self.pages.items():
            permissions = page.permissions_for_user(translator)
            self.assertTrue(permissions.can_edit(), key)
            self.assertFalse(permissions.can_add_subpage(), key)
        home = self.pages["home"]
        self.assertDenied(
            self.get("translator", reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])),
            "translator opens the add form",
        )
        self.assertIsNone(
            self.add_page(
                home, StandardPage, {"title": "Nova", "slug": "nova", "body": streamfield([])}, user=translator
            )
        )
        standard = self.pages["standard"]
        edit_url = reverse("wagtailadmin_pages:edit", args=[standard.pk])
        self.assertEqual(self.get("translator", edit_url).status_code, 200)
        data = nested_form_data(
            {"title": "O nas (popravljeno)", "slug": "o-nas", "body": streamfield([]), "comments": inline_formset([])}
        )
        response = self.client.post(edit_url, data)
        self.assertRedirects(response, edit_url)
        standard.refresh_from_db()
        self.assertEqual(standard.get_latest_revision().as_object().title, "O nas (popravljeno)")
        self.assertEqual(standard.title, "O nas", "the live page waits for a moderator")

    def test_every_role_may_open_the_translate_form(self):
        Locale.objects.create(language_code="en")
        url = reverse("wagtail_localize:submit_page_translation", args=[self.pages["standard"].pk])
        for username in ["editor", "moderator", "translator"]:
            self.assertEqual(self.get(username, url).status_code, 200, username)

    # --- snippets, media, registrations, submissions ----------------------------------------

    def test_editor_and_moderator_add_edit_and_delete_snippets(self):
        for username in ["editor", "moderator"]:
            organisation = Organisation.objects.create(name=f"Društvo {username}")
            for view in ["add", "list"]:
                url = reverse(f"wagtailsnippets_home_organisation:{view}")
                self.assertEqual(self.get(username, url).status_code, 200, f"{username} {view}")
            for view in ["edit", "delete"]:
                url = reverse(f"wagtailsnippets_home_organisation:{view}", args=[organisation.pk])
                self.assertEqual(self.get(username, url).status_code, 200, f"{username} {view}")
            response = self.client.post(reverse("wagtailsnippets_home_organisation:delete", args=[organisation.pk]))
            self.assertEqual(response.status_code, 302)
            self.assertFalse(Organisation.objects.filter(pk=organisation.pk).exists(), username)
            for model in SNIPPETS:
                policy = model.snippet_viewset.permission_policy
                for action in ["add", "change", "delete"]:
                    self.assertTrue(
                        policy.user_has_permission(self.users[username], action), (username, model, action)
                    )

    def test_translator_edits_snippets_but_adds_and_deletes_none(self):
        translator = self.users["translator"]
        organisation = Organisation.objects.create(name="Zavod Prostor")
        edit_url = reverse("wagtailsnippets_home_organisation:edit", args=[organisation.pk])
        self.assertEqual(self.get("translator", edit_url).status_code, 200)
        response = self.client.post(edit_url, {"name": "Zavod Prostor (SI)", "kind": "ngo", "country": "SI"})
        self.assertEqual(response.status_code, 302)
        organisation.refresh_from_db()
        self.assertEqual(organisation.name, "Zavod Prostor (SI)")
        delete_url = reverse("wagtailsnippets_home_organisation:delete", args=[organisation.pk])
        self.assertDenied(self.get("translator", delete_url), "translator deletes")
        self.client.post(delete_url)
        self.assertTrue(Organisation.objects.filter(pk=organisation.pk).exists())
        self.assertDenied(self.get("translator", reverse("wagtailsnippets_home_organisation:add")), "translator adds")
        for model in SNIPPETS:
            policy = model.snippet_viewset.permission_policy
            self.assertTrue(policy.user_has_permission(translator, "change"), model)
            self.assertFalse(policy.user_has_permission(translator, "add"), model)
            self.assertFalse(policy.user_has_permission(translator, "delete"), model)

    def test_editor_and_moderator_upload_images_and_documents_translator_does_not(self):
        for policy in [image_policy, document_policy]:
            for action in ["add", "change", "choose"]:
                self.assertTrue(policy.user_has_permission(self.users["editor"], action), (policy, action))
                self.assertTrue(policy.user_has_permission(self.users["moderator"], action), (policy, action))
                self.assertFalse(policy.user_has_permission(self.users["translator"], action), (policy, action))
        # Wagtail treats delete as change: whoever may edit an image or document may delete it.
        image = ImageFactory(uploaded_by_user=self.admin, collection=Collection.get_first_root_node())
        for username in ["editor", "moderator"]:
            self.assertTrue(image_policy.user_has_permission_for_instance(self.users[username], "delete", image))
        self.assertFalse(image_policy.user_has_permission_for_instance(self.users["translator"], "delete", image))

    def test_editors_and_moderators_see_edit_and_export_registrations(self):
        registration = Registration.objects.create(event=self.pages["event"], name="Ana", email="ana@example.org")
        urls = {
            "list": reverse("registrations:index"),
            "export": reverse("registrations:index") + "?export=csv",
            "edit": reverse("registrations:edit", args=[registration.pk]),
        }
        for name, url in urls.items():
            self.assertEqual(self.get("editor", url).status_code, 200, f"editor {name}")
            self.assertEqual(self.get("moderator", url).status_code, 200, f"moderator {name}")
            self.assertDenied(self.get("translator", url), f"translator {name}")

    def test_only_moderators_see_practice_submissions(self):
        submission = PracticeSubmission.objects.create(
            practice=self.pages["practice"], contact_name="Ana Novak", contact_email="ana@example.org"
        )
        url = reverse("wagtailsnippets_practices_practicesubmission:list")
        response = self.get("moderator", url)
        self.assertContains(response, "Ana Novak")
        edit_url = reverse("wagtailsnippets_practices_practicesubmission:edit", args=[submission.pk])
        self.assertEqual(self.get("moderator", edit_url).status_code, 200)
        for username in ["editor", "translator"]:
            self.assertDenied(self.get(username, url), f"{username} lists submissions")
            self.assertDenied(self.get(username, edit_url), f"{username} opens a submission")
