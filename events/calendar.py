"""iCalendar files: one event, or the upcoming events of one language."""

from icalendar import Calendar, Event

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags


def calendar_uid(page):
    """One UID per event in every language and after every edit: the translation key."""
    return f"event-{page.translation_key}@participation-portal"


def ical_event(request, page):
    event = Event()
    event.add("uid", calendar_uid(page))
    event.add("dtstamp", page.last_published_at or timezone.now())
    event.add("dtstart", timezone.localtime(page.start, page.tzinfo))
    event.add("dtend", timezone.localtime(page.end, page.tzinfo))
    event.add("summary", page.title)
    url = request.build_absolute_uri(page.get_url(request))
    event.add("url", url)
    location = ", ".join(part for part in [page.venue_name, " ".join(page.address.split())] if part)
    if page.online_url:
        location = f"{location} ({page.online_url})" if location else page.online_url
    if location:
        event.add("location", location)
    event.add("description", f"{strip_tags(page.summary)}\n\n{url}".strip())
    return event


def calendar_response(request, pages, filename):
    calendar = Calendar()
    calendar.add("prodid", "-//Participation portal//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for page in pages:
        calendar.add_component(ical_event(request, page))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
