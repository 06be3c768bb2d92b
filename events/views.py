"""What the event listing and event pages serve; routes.py hands these views to Wagtail.

Each view is a plain function `view(page, request, ...)`. Request handling (forms, rate
limit, messages, redirects) lives here; the rules of registering live in services.py.
"""

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.models import SiteSettings
from portal.i18n import localized_in_bulk

from . import services
from .calendar import calendar_response
from .emails import send_registration_email
from .feeds import EventFeed
from .forms import RegistrationForm
from .models import Registration
from .structured_data import event_data

PAST_EVENTS_PER_PAGE = 10
DEFAULT_RATE = "20/h"


# --- the listing (EventIndexPage) ---------------------------------------------------------


def index_links(page, request):
    """The listing's own addresses: upcoming, past, calendar file and feed."""
    url = page.get_url(request)
    return {
        "index_url": url,
        "past_url": url + page.reverse_subpage("past"),
        "calendar_url": url + page.reverse_subpage("calendar"),
        "feed_url": url + page.reverse_subpage("feed"),
    }


def upcoming_view(page, request):
    return page.render(
        request,
        context_overrides={
            **index_links(page, request),
            "events": page.upcoming_events(),
            "has_past": page.past_events().exists(),
        },
    )


def past_view(page, request):
    paginator = Paginator(page.past_events(), PAST_EVENTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return page.render(
        request,
        context_overrides={
            **index_links(page, request),
            "events": page_obj.object_list,
            "page_obj": page_obj,
            "showing_past": True,
        },
        template="events/event_index_page_past.html",
    )


def calendar_view(page, request):
    return calendar_response(request, list(page.upcoming_events()), f"{page.slug}-{page.locale.language_code}")


def feed_view(page, request):
    return EventFeed(page)(request)


# --- one event (EventPage) ----------------------------------------------------------------


def programme_with_speakers(page):
    """The programme's items, each with its speakers put in the reader's language in one go."""
    items = list(page.programme)
    speakers = localized_in_bulk(
        [person for item in items for person in item.value["speakers"]], related=["organisation"]
    )
    programme = []
    for item in items:
        count = len(item.value["speakers"])
        programme.append({"value": item.value, "speakers": speakers[:count], "id": item.id})
        speakers = speakers[count:]
    return programme


def event_context(page, request):
    """What the event template shows beside the page: programme, organisers, JSON-LD, registration."""
    programme = programme_with_speakers(page)
    organisers = localized_in_bulk(page.organisers.all())
    url = page.get_url(request)
    context = {
        "programme_items": programme,
        "organisers": organisers,
        "structured_data": event_data(request, page, organisers),
        "closed_reason": page.registration_closed_reason(),
        "register_url": url + page.reverse_subpage("register"),
        "ics_url": url + page.reverse_subpage("ics"),
        "privacy_page": SiteSettings.for_request(request).privacy_notice(page.locale),
        "form": RegistrationForm(),
    }
    if page.capacity is not None:
        context["places_left"] = services.places_left(page.registration_event)
    return context


def render_event(page, request, **overrides):
    return page.render(request, context_overrides={**event_context(page, request), **overrides})


def event_view(page, request):
    return render_event(page, request)


def register_view(page, request):
    """POST of the registration form: rate limit, honeypot, rules, email, then redirect."""
    if request.method != "POST":
        return redirect(page.get_url(request))
    rate = getattr(settings, "EVENT_REGISTRATION_RATE", DEFAULT_RATE)
    if is_ratelimited(request, group="events.register", key="ip", rate=rate, method="POST", increment=True):
        response = render_event(page, request, rate_limited=True)
        response.status_code = 429
        return response
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return render_event(page, request, form=form)
    event_url = page.get_url(request)
    if form.is_bot:
        # Look like a success to the bot; store nothing.
        messages.success(request, _("Thank you, your registration has been received."))
        return redirect(event_url)
    data = {name: form.cleaned_data[name] for name in RegistrationForm.Meta.fields}
    try:
        registration = services.register(page, data, get_language())
    except services.RegistrationRefused as refused:
        form.add_error(None, refused.message)
        return render_event(page, request, form=form)
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


def cancel_view(page, request, token):
    """GET: ask to confirm; POST: cancel, free the place and email whoever is promoted."""
    registration = services.registration_for_token(token)
    if registration is None or registration.event_id != page.registration_event.pk:
        raise Http404
    context = {"page": page, "self": page, "registration": registration}
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        promoted = services.cancel(registration)
        if promoted is not None:
            send_registration_email(request, promoted, "promoted")
        context["just_cancelled"] = True
    return TemplateResponse(request, "events/registration_cancel.html", context)


def ics_view(page, request):
    return calendar_response(request, [page], page.slug)
