"""Registering for an event and cancelling: capacity, waiting list, cancel tokens and purging.

Plain functions that the views, the admin, the purge command and the tests all call; none
takes a request. Every change that depends on how many places are taken runs in a
transaction that first locks the event's row (SELECT ... FOR UPDATE on PostgreSQL), so two
people can never take the last place at the same time.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from .models import EventPage, Registration

CANCEL_TOKEN_SALT = "events.registration.cancel"  # noqa: S105 (a namespace for signing, not a secret)
PERSONAL_FIELDS = {"name": "", "email": "", "organisation": "", "role": "", "needs": ""}


class RegistrationRefused(Exception):
    """Registration is not possible; the message says why, in the visitor's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- places -------------------------------------------------------------------------------


def confirmed_count(event):
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def places_left(event):
    return max(event.capacity - confirmed_count(event), 0)


def locked_event(event):
    """The event row, locked until the end of the surrounding transaction."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


# --- registering, cancelling, promoting ---------------------------------------------------


def register(page, data, language):
    """Store a registration: confirmed, or waitlisted when full; RegistrationRefused otherwise.

    `page` may be any translation of the event: places are counted on the original.
    `data` holds the form's fields (name, email, organisation, role, needs, consent).
    """
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
        return promote_locked(event) if freed_a_place else None


def promote(event):
    """Give a free place to the first person on the waiting list; returns them, or None."""
    with transaction.atomic():
        return promote_locked(locked_event(event))


def promote_locked(event):
    """`promote` for an event whose row the caller has already locked."""
    if timezone.now() >= event.start:
        return None
    if event.capacity is not None and confirmed_count(event) >= event.capacity:
        return None
    promoted = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk").first()
    if promoted is not None:
        promoted.status = Registration.Status.CONFIRMED
        promoted.save(update_fields=["status"])
    return promoted


# --- cancel tokens ------------------------------------------------------------------------


def cancel_token(registration):
    """A signed token naming the registration, re-encoded so it fits a Wagtail URL segment."""
    return urlsafe_base64_encode(force_bytes(signing.dumps(registration.pk, salt=CANCEL_TOKEN_SALT)))


def registration_for_token(token):
    """The registration a cancel token names, or None when the token is not one of ours."""
    try:
        pk = signing.loads(force_str(urlsafe_base64_decode(token)), salt=CANCEL_TOKEN_SALT)
    except (signing.BadSignature, ValueError):
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


# --- counting and purging -----------------------------------------------------------------


def status_counts(registrations):
    """How many of `registrations` (a queryset) hold each status, zeros included, in the order of Status."""
    counts = dict(registrations.order_by().values_list("status").annotate(total=Count("pk")))
    return {status: counts.get(status, 0) for status in Registration.Status.values}


def expired_registrations(cutoff):
    """Registrations of events that ended before `cutoff` whose personal data is still stored."""
    return Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)


def anonymise(registrations):
    """Erase name, email, organisation, role and needs; status and dates stay for statistics."""
    return registrations.update(anonymised_at=timezone.now(), **PERSONAL_FIELDS)
