"""schema.org Event data of an event page, for search engines' event listings."""

from portal.structured_data import absolute_url, iso_datetime, organisation_data

SCHEMA = "https://schema.org/"


def attendance_mode(page):
    has_place = bool(page.venue_name or page.address)
    if has_place and page.online_url:
        return SCHEMA + "MixedEventAttendanceMode"
    if page.online_url:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def locations(page):
    places = []
    if page.venue_name or page.address:
        place = {"@type": "Place", "name": page.venue_name or " ".join(page.address.split())}
        if page.address:
            place["address"] = " ".join(page.address.split())
        places.append(place)
    if page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    return places


def event_data(request, page, organisers):
    """An Event with dates in the event's own time zone (ISO 8601 with offset).

    `organisers` are the organisations already put in the reader's language.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": absolute_url(request, page.get_url(request)),
        "inLanguage": page.content_language,
        "startDate": iso_datetime(page.start, page.tzinfo),
        "endDate": iso_datetime(page.end, page.tzinfo),
        # Editors unpublish a cancelled event; a published one takes place as announced.
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": attendance_mode(page),
        "organizer": [organisation_data(organisation) for organisation in organisers],
    }
    places = locations(page)
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    return data
