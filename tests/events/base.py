"""A test case with an event index in the Slovenian tree, under a clock frozen on 21 Nov 2026."""

import datetime as dt
import zoneinfo

import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventIndexPage, EventPage
from tests.base import PortalTestCase

LJUBLJANA = zoneinfo.ZoneInfo("Europe/Ljubljana")
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=LJUBLJANA)


def programme_item(start, end, title, speakers=()):
    return {
        "type": "item",
        "value": {
            "start": start,
            "end": end,
            "title": title,
            "description": f"O temi {title}.",
            "speakers": [person.pk for person in speakers],
        },
    }


@time_machine.travel(NOW, tick=False)
class EventTestCase(PortalTestCase):
    """Builds the event index once per class; `make_event` adds an event below it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = cls.home.add_child(instance=EventIndexPage(title="Dogodki", slug="events"))
        cls.index.save_revision().publish()

    @classmethod
    def make_event(cls, start=None, duration_hours=3, **fields):
        start = start or NOW + dt.timedelta(days=30)
        values = {
            "title": "Forum o proračunu",
            "slug": f"forum-{EventPage.objects.count() + 1}",
            "summary": "Forum o participativnem proračunu.",
            "kind": EventPage.Kind.FORUM,
            "start": start,
            "end": start + dt.timedelta(hours=duration_hours),
            "venue_name": "Dvorana",
            "address": "Trg 1, 5270 Ajdovščina",
            "registration_opens": min(NOW - dt.timedelta(days=10), start - dt.timedelta(days=40)),
            "registration_deadline": start - dt.timedelta(days=2),
            **fields,
        }
        event = cls.index.add_child(instance=EventPage(locale=cls.locales["sl"], **values))
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    def query_count(self, url):
        """SQL queries for one GET of `url`, after a first request has warmed the caches."""
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        return len(queries)
