"""Calendar files parsed back with icalendar: zone, times, UID, URL, location, description."""

import datetime as dt
import zoneinfo

from icalendar import Calendar

from .base import NOW, EventTestCase

PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")


class CalendarTests(EventTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.event = cls.make_event(
            title="Spletna delavnica",
            start=dt.datetime(2027, 2, 10, 10, 0, tzinfo=PRAGUE),
            duration_hours=2,
            timezone="Europe/Prague",
            venue_name="Dvorana B23",
            address="Tehnološki park 19\n1000 Ljubljana",
        )

    def fetch(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        return Calendar.from_ical(response.content)

    def test_event_file_has_zone_times_and_details(self):
        calendar = self.fetch(self.event.url + "calendar/")
        [timezone] = calendar.walk("VTIMEZONE")
        self.assertEqual(str(timezone["TZID"]), "Europe/Prague")
        [event] = calendar.walk("VEVENT")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        self.assertEqual(start, dt.datetime(2027, 2, 10, 10, 0, tzinfo=PRAGUE))
        self.assertEqual(start.astimezone(dt.UTC).hour, 9)
        self.assertEqual(str(start.tzinfo), "Europe/Prague")
        self.assertEqual(end - start, dt.timedelta(hours=2))
        self.assertEqual(str(event["SUMMARY"]), "Spletna delavnica")
        self.assertEqual(str(event["URL"]), f"http://testserver{self.event.url}")
        self.assertEqual(str(event["LOCATION"]), "Dvorana B23, Tehnološki park 19 1000 Ljubljana")
        self.assertIn("Forum o participativnem proračunu.", str(event["DESCRIPTION"]))

    def test_uid_is_stable_across_edits_and_languages(self):
        uid = str(self.fetch(self.event.url + "calendar/").walk("VEVENT")[0]["UID"])
        self.event.title = "Preimenovana delavnica"
        self.event.slug = "preimenovana"
        self.event.save_revision().publish()
        self.event.refresh_from_db()
        edited = self.fetch(self.event.url + "calendar/").walk("VEVENT")[0]
        self.assertEqual(str(edited["SUMMARY"]), "Preimenovana delavnica")
        self.assertEqual(str(edited["UID"]), uid)
        english = self.translate(self.event, "en", {"Preimenovana delavnica": "Renamed workshop"})
        self.assertEqual(str(self.fetch(english.url + "calendar/").walk("VEVENT")[0]["UID"]), uid)

    def test_feed_lists_upcoming_events_of_the_language(self):
        past = self.make_event(title="Preteklo", start=NOW - dt.timedelta(days=3))
        self.translate(self.event, "en", {"Spletna delavnica": "Online workshop"})
        sl_titles = [str(e["SUMMARY"]) for e in self.fetch("/sl/events/calendar/").walk("VEVENT")]
        self.assertEqual(sl_titles, ["Spletna delavnica"])
        self.assertNotIn(past.title, sl_titles)
        en_titles = [str(e["SUMMARY"]) for e in self.fetch("/en/events/calendar/").walk("VEVENT")]
        self.assertEqual(en_titles, ["Online workshop"])

    def test_event_page_links_to_its_calendar_file(self):
        response = self.client.get(self.event.url)
        self.assertContains(response, f'href="{self.event.url}calendar/"')
