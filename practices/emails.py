"""The e-mails a submitted practice sends: to the moderators, each in their language, and to its sender."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .services import MODERATORS_GROUP


def moderators():
    """Active members of the Moderators group who have an email address."""
    return (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )


def notify_submission(practice):
    """Tell the moderators (each in their own language) and the submitter (in theirs)."""
    context = {
        "practice": practice,
        "submission": practice.submission,
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
        [practice.submission.contact_email],
    )
