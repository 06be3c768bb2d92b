"""The editorial roles and the practice moderation workflow, so every install has them, not only the demo.

Editors, Moderators and Translators get their page permissions on the tree root and their
image and document permissions on the root collection, so they cover every home page and
collection created later. Wagtail's own Editors and Moderators groups (from its migrations)
are kept and given ours on top. Running `create_roles` again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"

# Page permissions on the tree root (depth 1), inherited by every page below it.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRANSLATORS: ["change_page"],
}
# Image and document permissions on the root collection; translators upload nothing.
COLLECTION_PERMISSIONS = {
    group: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ]
    for group in [EDITORS, MODERATORS]
}
SNIPPET_MODELS = ["organisation", "person", "participationmethod", "sitetext"]
ALL_ROLES = [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")]
SNIPPET_EDITING = [("home", f"{action}_{model}") for action in ["add", "change", "delete"] for model in SNIPPET_MODELS]
REGISTRATIONS = [("events", "view_registration"), ("events", "change_registration")]
# Submitters' names and addresses are for moderators only.
PRACTICE_SUBMISSIONS = [
    ("practices", "view_practicesubmission"),
    ("practices", "change_practicesubmission"),
    ("practices", "delete_practicesubmission"),
]
MODEL_PERMISSIONS = {
    EDITORS: ALL_ROLES + SNIPPET_EDITING + REGISTRATIONS,
    MODERATORS: ALL_ROLES + SNIPPET_EDITING + REGISTRATIONS + PRACTICE_SUBMISSIONS,
    TRANSLATORS: ALL_ROLES + [("home", f"change_{model}") for model in SNIPPET_MODELS],
}

# The names practices/services.py and load_demo find the workflow by.
WORKFLOW_NAME = "Practice moderation"
TASK_NAME = "Moderators approve the practice"

# Apps whose content types and permissions must exist before groups can point at them.
PERMISSION_APPS = [
    "wagtailcore",
    "wagtailadmin",
    "wagtailimages",
    "wagtaildocs",
    "wagtail_localize",
    "home",
    "events",
    "practices",
]


def ensure_permissions(apps):
    """Content types and permissions, which Django otherwise creates only after the last migration."""
    for label in PERMISSION_APPS:
        app_config = apps.get_app_config(label)
        # create_permissions skips an app without a models module, which every historical app lacks.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    tree_root = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {}
    for name in [EDITORS, MODERATORS, TRANSLATORS]:
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*(permission(*pair) for pair in MODEL_PERMISSIONS[name]))
        if tree_root is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=tree_root, permission=permission("wagtailcore", codename)
                )
        if root_collection is not None:
            for pair in COLLECTION_PERMISSIONS.get(name, []):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(*pair)
                )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "active": True,
            # Historical models lack Task.__init__, which sets the specific type.
            "content_type": ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        },
    )
    task.groups.add(groups[MODERATORS])
    # A workflow whose tasks an administrator has since changed is left as it is.
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_site_settings_privacy_page"),
        ("guidelines", "0002_guides_and_chapters"),
        ("practices", "0002_practice_pages"),
        ("events", "0002_events_and_registrations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
