"""The e-mails a registrant receives: confirmation, waiting list and promotion, each with a cancel link."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Locale

from .services import cancel_token


def page_in_language(event, language_code):
    """The event page in the registrant's language, else the original."""
    locale = Locale.objects.filter(language_code=language_code).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated or event


def send_registration_email(request, registration, template):
    """Send `events/emails/<template>.txt` in the registrant's language; `request` gives the site's address."""
    page = page_in_language(registration.event, registration.language)
    cancel_path = page.get_url(request) + page.reverse_subpage("cancel", args=[cancel_token(registration)])
    context = {
        "registration": registration,
        "page": page,
        "event_url": request.build_absolute_uri(page.get_url(request)),
        "cancel_url": request.build_absolute_uri(cancel_path),
    }
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"events/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [registration.email])
