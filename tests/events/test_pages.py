"""Event pages: tree rules, listing order, past events, times in the event's zone, queries."""

import datetime as dt

from django.test import override_settings

from wagtail.test.utils import WagtailPageTestCase

from events.models import EventIndexPage, EventPage
from home.models import HomePage
from tests.factories import PersonFactory

from .base import NOW, EventTestCase, programme_item


class TreeTests(EventTestCase, WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_only_one_index_per_home(self):
        self.assertFalse(EventIndexPage.can_create_at(self.home))


class ListingTests(EventTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.later = cls.make_event(title="Kasneje", start=NOW + dt.timedelta(days=60))
        cls.sooner = cls.make_event(title="Prej", start=NOW + dt.timedelta(days=5))
        cls.running = cls.make_event(title="Poteka", start=NOW - dt.timedelta(hours=1))
        cls.past = [cls.make_event(title=f"Preteklo {n}", start=NOW - dt.timedelta(days=n + 1)) for n in range(12)]

    def test_upcoming_first_soonest_first(self):
        response = self.client.get("/sl/events/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["events"]), [self.running, self.sooner, self.later])
        self.assertNotContains(response, "Preteklo 0")
        self.assertContains(response, 'href="/sl/events/past/"')

    def test_past_events_paginated_most_recent_first(self):
        first = self.client.get("/sl/events/past/")
        self.assertEqual(list(first.context["events"]), self.past[:10])
        second = self.client.get("/sl/events/past/?page=2")
        self.assertEqual(list(second.context["events"]), self.past[10:])

    def test_bad_page_number_is_not_an_error(self):
        for value in ["abc", "-1", "99999", "1%00"]:
            response = self.client.get("/sl/events/past/", {"page": value})
            self.assertEqual(response.status_code, 200, value)

    def test_index_queries_do_not_grow_with_events(self):
        before = self.query_count("/sl/events/")
        for n in range(4):
            self.make_event(title=f"Novo {n}", start=NOW + dt.timedelta(days=10 + n))
        self.assertEqual(self.query_count("/sl/events/"), before)


class EventPageTests(EventTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.event = cls.make_event(
            title="Spletna delavnica",
            start=dt.datetime(2027, 2, 10, 9, 0, tzinfo=dt.UTC),
            timezone="Europe/Sofia",
        )

    def test_times_are_shown_in_the_event_zone(self):
        response = self.client.get(self.event.url)
        self.assertEqual(response.status_code, 200)
        # 09:00 UTC is 11:00 in Sofia (EET, UTC+2).
        self.assertContains(response, 'datetime="2027-02-10T11:00:00+02:00"')
        self.assertContains(response, "11:00")
        self.assertContains(response, "EET")

    def test_renders_in_every_language(self):
        for code in ["en", "bg", "cs", "sk"]:
            translated = self.translate(self.event, code, {"Spletna delavnica": f"Workshop {code}"})
            response = self.client.get(translated.url)
            self.assertEqual(response.status_code, 200, code)
            self.assertContains(response, f"Workshop {code}")
            self.assertContains(response, f'<html lang="{code}">')

    def test_queries_do_not_grow_with_programme_and_speakers(self):
        small = self.make_event(programme=[programme_item("10:00", "11:00", "Uvod", [PersonFactory()])])
        people = PersonFactory.create_batch(6)
        large = self.make_event(
            programme=[programme_item(f"1{n}:00", f"1{n}:30", f"Točka {n}", people[n : n + 3]) for n in range(4)]
        )
        self.assertEqual(self.query_count(large.url), self.query_count(small.url))
        response = self.client.get(large.url)
        self.assertContains(response, people[5].name)
        self.assertContains(response, "Točka 3")


@override_settings(LANGUAGE_CODE="sl")
class SpeakerTranslationTests(EventTestCase):
    def test_speakers_are_shown_in_the_reader_language(self):
        person = PersonFactory(name="Ana Novak", role="Svetovalka")
        event = self.make_event(programme=[programme_item("10:00", None, "Uvod", [person])])
        self.translate(person, "en", {"Svetovalka": "Adviser"})
        translated = self.translate(event, "en", {})
        response = self.client.get(translated.url)
        self.assertContains(response, "Adviser")
        self.assertNotContains(response, "Svetovalka")


class RouteTests(EventTestCase):
    def test_routes_keep_their_names(self):
        event = self.make_event()
        self.assertEqual(
            [self.index.reverse_subpage(name) for name in ["upcoming_view", "past", "calendar", "feed"]],
            ["", "past/", "calendar/", "feed/"],
        )
        self.assertEqual(
            [event.reverse_subpage(name) for name in ["event_view", "register", "ics"]],
            ["", "register/", "calendar/"],
        )
        self.assertEqual(event.reverse_subpage("cancel", args=["abc"]), "cancel/abc/")

    def test_previews_render_the_registered_views(self):
        event = self.make_event(programme=[programme_item("10:00", "11:00", "Uvod", [PersonFactory(name="Ana")])])
        preview = event.make_preview_request()
        self.assertContains(preview, "Uvod")
        self.assertContains(preview, 'action="' + event.url + 'register/"')
        listing = self.index.make_preview_request()
        self.assertContains(listing, event.title)
        self.assertContains(listing, 'href="/sl/events/feed/"')
