"""Registering for an event and cancelling, with capacity, waiting list and emails.

Every change that depends on how many places are taken runs in a transaction that first
locks the event's row (SELECT ... FOR UPDATE on PostgreSQL), so two people can never take
the last place at the same time.
"""

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from .forms import RegistrationForm
from .models import EventPage, Registration

CANCEL_TOKEN_SALT = "events.registration.cancel"  # noqa: S105 (a namespace for signing, not a secret)
DEFAULT_RATE = "20/h"


class RegistrationRefused(Exception):
    """Registration is not possible; the message says why, in the visitor's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- the rules ----------------------------------------------------------------------------


def confirmed_count(event):
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def places_left(event):
    return max(event.capacity - confirmed_count(event), 0)


def locked_event(event):
    """The event row, locked until the end of the surrounding transaction."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def register(page, data, language):
    """Store a registration: confirmed, or waitlisted when full; RegistrationRefused otherwise."""
    try:
        with transaction.atomic():
            event = locked_event(page.registration_event)
            reason = event.registration_closed_reason()
            if reason:
                raise RegistrationRefused(reason)
            if event.registrations.filter(email=data["email"], status__in=Registration.ACTIVE_STATUSES).exists():
                raise RegistrationRefused(already_registered_message())
            status = Registration.Status.CONFIRMED
            if event.capacity is not None and confirmed_count(event) >= event.capacity:
                if not event.waitlist:
                    raise RegistrationRefused(_("Sorry, the event is full and there is no waiting list."))
                status = Registration.Status.WAITLISTED
            return Registration.objects.create(event=event, status=status, language=language, **data)
    except IntegrityError as error:
        # The same email sent twice at the same moment: the unique constraint caught it.
        raise RegistrationRefused(already_registered_message()) from error


def already_registered_message():
    return _(
        "This email address is already registered for this event. "
        "To change your registration, cancel it with the link in your confirmation email and register again."
    )


def cancel(registration):
    """Cancel a registration; returns the person promoted from the waiting list, if any."""
    with transaction.atomic():
        event = locked_event(registration.event)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            return None
        freed_a_place = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if not freed_a_place or timezone.now() >= event.start:
            return None
        if event.capacity is not None and confirmed_count(event) >= event.capacity:
            return None
        promoted = (
            event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk").first()
        )
        if promoted is not None:
            promoted.status = Registration.Status.CONFIRMED
            promoted.save(update_fields=["status"])
        return promoted


# --- cancel tokens and emails -------------------------------------------------------------


def cancel_token(registration):
    """A signed token naming the registration, re-encoded so it fits a Wagtail URL segment."""
    return urlsafe_base64_encode(force_bytes(signing.dumps(registration.pk, salt=CANCEL_TOKEN_SALT)))


def registration_for_token(token):
    try:
        pk = signing.loads(force_str(urlsafe_base64_decode(token)), salt=CANCEL_TOKEN_SALT)
    except (signing.BadSignature, ValueError):
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


def page_in_language(event, language_code):
    """The event page in the registrant's language, else the original."""
    locale = Locale.objects.filter(language_code=language_code).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated or event


def send_registration_email(request, registration, template):
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


# --- views (routes of EventPage) ----------------------------------------------------------


def handle_registration(page, request):
    """POST of the registration form: rate limit, honeypot, rules, email, then redirect."""
    rate = getattr(settings, "EVENT_REGISTRATION_RATE", DEFAULT_RATE)
    if is_ratelimited(request, group="events.register", key="ip", rate=rate, method="POST", increment=True):
        response = page.render(request, context_overrides={"rate_limited": True})
        response.status_code = 429
        return response
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return page.render(request, context_overrides={"form": form})
    event_url = page.get_url(request)
    if form.is_bot:
        # Look like a success to the bot; store nothing.
        messages.success(request, _("Thank you, your registration has been received."))
        return redirect(event_url)
    data = {name: form.cleaned_data[name] for name in RegistrationForm.Meta.fields}
    try:
        registration = register(page, data, get_language())
    except RegistrationRefused as refused:
        form.add_error(None, refused.message)
        return page.render(request, context_overrides={"form": form})
    if registration.status == Registration.Status.WAITLISTED:
        send_registration_email(request, registration, "waitlisted")
        messages.success(
            request,
            _("The event is full, so you are on the waiting list. We will email you if a place becomes free."),
        )
    else:
        send_registration_email(request, registration, "confirmation")
        messages.success(request, page.confirmation_text or _("Thank you, you are registered."))
    return redirect(f"{event_url}#registration")


def handle_cancel(page, request, token):
    """GET: ask to confirm; POST: cancel, free the place and email whoever is promoted."""
    registration = registration_for_token(token)
    if registration is None or registration.event_id != page.registration_event.pk:
        raise Http404
    context = {"page": page, "self": page, "registration": registration}
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        promoted = cancel(registration)
        if promoted is not None:
            send_registration_email(request, promoted, "promoted")
        context["just_cancelled"] = True
    return TemplateResponse(request, "events/registration_cancel.html", context)
