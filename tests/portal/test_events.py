"""Events beyond the site: the Atom feed per language and schema.org Event data."""

import datetime as dt
import zoneinfo

import extruct

from tests.events.base import NOW, EventTestCase
from tests.factories import OrganisationFactory
from tests.portal.base import FeedReaderMixin

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


class EventFeedTests(FeedReaderMixin, EventTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.event = cls.make_event(
            title="Forum o proračunu", start=dt.datetime(2026, 12, 21, 12, 0, tzinfo=NOW.tzinfo)
        )
        cls.event_en = cls.translate(cls.event, "en", {"Forum o proračunu": "Budget forum"})

    def test_feed_lists_the_events_of_its_language(self):
        feed = self.read_feed("/sl/events/feed/")
        self.assertEqual(feed.feed.language, "sl")
        self.assertIn("Dogodki", feed.feed.title)
        self.assertEqual(feed.feed.link, "http://localhost/sl/events/")
        [entry] = feed.entries
        self.assertEqual(entry.title, "Forum o proračunu")
        self.assertEqual(entry.link, f"http://localhost{self.event.url}")
        self.assertIn("Forum o participativnem proračunu.", entry.summary)
        self.assertIn('datetime="2026-12-21T12:00:00+01:00"', entry.summary)
        self.assertEqual(entry.published_parsed[:3], (2026, 11, 21))
        english = self.read_feed("/en/events/feed/")
        self.assertEqual(english.feed.language, "en")
        self.assertEqual([e.title for e in english.entries], ["Budget forum"])
        self.assertEqual(english.entries[0].link, f"http://localhost{self.event_en.url}")

    def test_newest_announcement_first_and_no_drafts(self):
        later = self.make_event(title="Nov dogodek")
        draft = self.index.add_child(
            instance=type(self.event)(
                title="Osnutek", slug="osnutek", summary="x", start=NOW, end=NOW + dt.timedelta(hours=1), live=False
            )
        )
        draft.save_revision()
        titles = [entry.title for entry in self.read_feed("/sl/events/feed/").entries]
        self.assertEqual(titles, [later.title, self.event.title])

    def test_listings_announce_the_feed(self):
        self.make_event(title="Preteklo", start=NOW - dt.timedelta(days=5))
        for url in ["/sl/events/", "/sl/events/past/"]:
            self.assertContains(
                self.client.get(url), 'rel="alternate" type="application/atom+xml"', count=1, msg_prefix=url
            )
        self.assertContains(self.client.get("/en/events/"), 'href="/en/events/feed/"', count=2)

    def test_query_count_does_not_grow_with_events(self):
        before = self.query_count("/sl/events/feed/")
        for n in range(4):
            self.make_event(title=f"Dogodek {n}")
        self.assertEqual(self.query_count("/sl/events/feed/"), before)


class EventStructuredDataTests(EventTestCase):
    def event_json_ld(self, event):
        response = self.client.get(event.url)
        self.assertEqual(response.status_code, 200)
        data = extruct.extract(response.content.decode(), base_url="http://testserver/", syntaxes=["json-ld"])
        [item] = [item for item in data["json-ld"] if item["@type"] == "Event"]
        return item

    def test_event_at_a_venue(self):
        organiser = OrganisationFactory(name="Zavod Center", website="https://center.si")
        event = self.make_event(
            title="Forum",
            start=dt.datetime(2026, 12, 21, 12, 0, tzinfo=NOW.tzinfo),
            duration_hours=3,
            venue_name="Dvorana",
            address="Trg 1\n5270 Ajdovščina",
        )
        event.organisers.set([organiser])
        event.save_revision().publish()
        self.translate(organiser, "en", {"Zavod Center": "Centre Institute"})
        event_en = self.translate(event, "en", {"Forum": "Forum (en)"})
        item = self.event_json_ld(event_en)
        self.assertEqual(item["name"], "Forum (en)")
        self.assertEqual(item["startDate"], "2026-12-21T12:00:00+01:00")
        self.assertEqual(item["endDate"], "2026-12-21T15:00:00+01:00")
        self.assertEqual(item["eventStatus"], "https://schema.org/EventScheduled")
        self.assertEqual(item["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode")
        self.assertEqual(item["location"], {"@type": "Place", "name": "Dvorana", "address": "Trg 1 5270 Ajdovščina"})
        self.assertEqual(
            item["organizer"], [{"@type": "Organization", "name": "Centre Institute", "url": "https://center.si"}]
        )
        self.assertEqual(item["url"], f"http://testserver{event_en.url}")
        self.assertEqual(item["inLanguage"], "en")

    def test_online_event_in_its_own_time_zone(self):
        event = self.make_event(
            start=dt.datetime(2027, 3, 1, 10, 0, tzinfo=SOFIA),
            timezone="Europe/Sofia",
            venue_name="",
            address="",
            online_url="https://meet.example.org/forum",
        )
        item = self.event_json_ld(event)
        self.assertEqual(item["startDate"], "2027-03-01T10:00:00+02:00")
        self.assertEqual(item["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode")
        self.assertEqual(item["location"], {"@type": "VirtualLocation", "url": "https://meet.example.org/forum"})

    def test_hybrid_event_has_both_locations(self):
        event = self.make_event(online_url="https://meet.example.org/forum")
        item = self.event_json_ld(event)
        self.assertEqual(item["eventAttendanceMode"], "https://schema.org/MixedEventAttendanceMode")
        self.assertEqual([place["@type"] for place in item["location"]], ["Place", "VirtualLocation"])

    def test_query_count_of_an_event_page_stays_fixed(self):
        few = self.make_event()
        few.organisers.set([OrganisationFactory()])
        few.save_revision().publish()
        many = self.make_event()
        many.organisers.set([OrganisationFactory() for _ in range(5)])
        many.save_revision().publish()
        self.assertEqual(self.query_count(many.url), self.query_count(few.url))
