"""The moderation workflow that every submitted practice goes through before it is public."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext

from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.rich_text import RichText

from .models import PracticePage, PracticeSubmission

MODERATORS_GROUP = "Moderators"
WORKFLOW_NAME = "Practice moderation"
TASK_NAME = "Moderators approve the practice"
SUBMISSIONS_COLLECTION = "Submitted practices"


@transaction.atomic
def moderation_workflow():
    """The practice workflow, created with its Moderators approval task when missing."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_moderation_workflow(index_page):
    """Put a practice listing (and so every practice under it) under moderation."""
    if not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=moderation_workflow())


def moderators():
    """Active members of the Moderators group who have an email address."""
    return (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )


def description_html(text):
    """A visitor's plain text as rich-text paragraphs, every character escaped."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def create_submitted_practice(form, index_page):
    """A draft case study from a valid form, under `index_page`, sent into moderation."""
    data = form.cleaned_data
    with transaction.atomic():
        practice = PracticePage(
            title=data["title"],
            slug=find_available_slug(index_page, slugify(data["title"], allow_unicode=True)[:80] or "practice"),
            summary=data["summary"],
            municipality=data["municipality"],
            country=data["country"],
            body=[("paragraph", RichText(description_html(data["description"])))],
            locale_id=index_page.locale_id,
            live=False,
        )
        if data.get("method"):
            practice.methods = [data["method"]]
        if data.get("image"):
            practice.gallery = [("image", {"image": save_image(data), "alt_text": data["image_description"]})]
        index_page.add_child(instance=practice)
        practice.save_revision(log_action=True)
        PracticeSubmission.objects.create(
            practice=practice,
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            publish_contact=data["publish_contact"],
        )
        workflow = practice.get_workflow() or moderation_workflow()
        workflow.start(practice, user=None)
    notify(practice, data)
    return practice


def save_image(data):
    upload = data["image"]
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUBMISSIONS_COLLECTION).first() or root.add_child(
        name=SUBMISSIONS_COLLECTION
    )
    return get_image_model().objects.create(
        title=data["image_description"][:255],
        collection=collection,
        file=ImageFile(upload, name=upload.name),
    )


def notify(practice, data):
    """Tell the moderators (each in their own language) and the submitter (in theirs)."""
    context = {
        "practice": practice,
        "data": data,
        "edit_url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[practice.pk]),
    }
    for moderator in moderators():
        profile = getattr(moderator, "wagtail_userprofile", None)
        language = profile.get_preferred_language() if profile else settings.LANGUAGE_CODE
        with translation.override(language):
            send_mail(
                gettext("New practice to review: %(title)s") % {"title": practice.title},
                render_to_string("practices/emails/moderators.txt", context),
                None,
                [moderator.email],
            )
    send_mail(
        gettext("Thank you for sharing your practice"),
        render_to_string("practices/emails/submitter.txt", context),
        None,
        [data["contact_email"]],
    )
