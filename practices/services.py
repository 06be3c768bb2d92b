"""What the portal does with practices, as plain functions: views, tests and commands call them alike."""

import re

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Collection, Workflow
from wagtail.rich_text import RichText

from .models import PracticePage, PracticeSubmission

MODERATORS_GROUP = "Moderators"
# home/migrations/0004_roles_and_moderation_workflow.py creates the workflow under this name.
WORKFLOW_NAME = "Practice moderation"
SUBMISSIONS_COLLECTION = "Submitted practices"


def moderation_workflow(practice):
    """The workflow a submission starts: Practice moderation, which a data migration creates
    (home/migrations/0004); if an administrator removed it, the page's own workflow."""
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).order_by("pk").first() or practice.get_workflow()


def description_html(text):
    """A visitor's plain text as rich-text paragraphs, every character escaped."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def save_submitted_image(upload, description):
    """The uploaded image, kept in the collection of submitted practices (created when missing)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUBMISSIONS_COLLECTION).first() or root.add_child(
        name=SUBMISSIONS_COLLECTION
    )
    return get_image_model().objects.create(
        title=description[:255],
        collection=collection,
        file=ImageFile(upload, name=upload.name),
    )


@transaction.atomic
def submit_practice(
    index_page,
    *,
    title,
    municipality,
    country,
    summary,
    description,
    contact_name,
    contact_email,
    publish_contact=False,
    method=None,
    image=None,
    image_description="",
):
    """A draft case study under `index_page`, in its language, with who sent it, in moderation.

    Nothing is public until a moderator publishes it; returns the draft.
    """
    practice = PracticePage(
        title=title,
        slug=find_available_slug(index_page, slugify(title, allow_unicode=True)[:80] or "practice"),
        summary=summary,
        municipality=municipality,
        country=country,
        body=[("paragraph", RichText(description_html(description)))],
        locale_id=index_page.locale_id,
        live=False,
    )
    if method:
        practice.methods = [method]
    if image:
        picture = save_submitted_image(image, image_description)
        practice.gallery = [("image", {"image": picture, "alt_text": image_description})]
    index_page.add_child(instance=practice)
    practice.save_revision(log_action=True)
    PracticeSubmission.objects.create(
        practice=practice,
        contact_name=contact_name,
        contact_email=contact_email,
        publish_contact=publish_contact,
    )
    workflow = moderation_workflow(practice)
    if workflow is not None:
        workflow.start(practice, user=None)
    return practice
