"""Case studies beyond the site: Atom feed, schema.org Article, CSV and JSON exports."""

import csv
import datetime
import io

import extruct

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from practices.exports import COLUMNS
from tests.factories import OrganisationFactory
from tests.portal.base import FeedReaderMixin
from tests.practices.base import PracticesTestCase


class PracticeOpennessTestCase(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.organisation = OrganisationFactory(name="Občina Ajdovščina", website="https://ajdovscina.si")
        cls.ajdovscina = cls.practice(
            title="Participativni proračun Ajdovščina",
            summary="Prebivalci so sami izbrali projekte.",
            organisation=cls.organisation,
            municipality="Ajdovščina",
            region="Goriška",
            country="SI",
            methods=[cls.budgeting],
            decision_type="budget",
            tags=["proračun"],
            start_date=datetime.date(2016, 5, 1),
            ongoing=True,
            participants=1200,
        )
        cls.gabrovo = cls.practice(
            title='=HYPERLINK("http://evil.example")',
            summary="+1 forum za mlade",
            municipality="@Gabrovo",
            country="BG",
            methods=[cls.forum],
            decision_type="other",
            tags=["-mladi"],
            start_date=datetime.date(2024, 2, 1),
        )
        cls.draft = cls.practice(title="Osnutek prakse", country="SI")
        cls.draft.unpublish()
        cls.translate(cls.budgeting, "en", {cls.budgeting.name: "Participatory budgeting"})
        cls.ajdovscina_en = cls.translate(
            cls.ajdovscina, "en", {"Participativni proračun Ajdovščina": "Participatory budgeting in Ajdovščina"}
        )

    def read_csv(self, params=None, language="sl"):
        response = self.client.get(f"/{language}/practices/export/csv/", params or {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment;", response["Content-Disposition"])
        self.assertEqual(response["X-Robots-Tag"], "noindex")
        with translation.override(language):
            keys = {str(label): key for key, label, _value in COLUMNS}
        rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
        return [{keys[header]: value for header, value in row.items()} for row in rows]

    def read_json(self, params=None, language="sl"):
        response = self.client.get(f"/{language}/practices/export/json/", params or {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()


class PracticeFeedTests(FeedReaderMixin, PracticeOpennessTestCase):
    def test_feed_per_language_without_drafts(self):
        feed = self.read_feed("/sl/practices/feed/")
        self.assertEqual(feed.feed.language, "sl")
        self.assertEqual(feed.feed.link, "http://localhost/sl/practices/")
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(set(titles), {self.ajdovscina.title, self.gabrovo.title})
        entry = next(e for e in feed.entries if e.title == self.ajdovscina.title)
        self.assertEqual(entry.link, f"http://localhost{self.ajdovscina.url}")
        self.assertIn("Prebivalci so sami izbrali projekte.", entry.summary)
        self.assertEqual([tag.term for tag in entry.tags], ["proračun"])
        self.assertEqual(entry.author, "Občina Ajdovščina")
        english = self.read_feed("/en/practices/feed/")
        self.assertEqual(english.feed.language, "en")
        self.assertEqual([e.title for e in english.entries], ["Participatory budgeting in Ajdovščina"])

    def test_feed_follows_the_listing_filters(self):
        feed = self.read_feed("/sl/practices/feed/?country=BG&year=not-a-year")
        self.assertEqual([e.title for e in feed.entries], [self.gabrovo.title])

    def test_listing_announces_the_feed(self):
        response = self.client.get(self.index.url)
        self.assertContains(response, '<link rel="alternate" type="application/atom+xml" title="', count=1, html=False)
        self.assertContains(response, f'href="{self.index.url}feed/"')

    def test_feed_query_count_does_not_grow(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.client.get("/sl/practices/feed/")
            return len(queries)

        count()
        before = count()
        for n in range(4):
            self.practice(title=f"Nova praksa {n}", methods=[self.forum], tags=["a", "b"])
        self.assertEqual(count(), before)


class PracticeStructuredDataTests(PracticeOpennessTestCase):
    def test_case_study_as_schema_org_article(self):
        response = self.client.get(self.ajdovscina_en.url)
        data = extruct.extract(response.content.decode(), base_url="http://testserver/", syntaxes=["json-ld"])
        [article] = [item for item in data["json-ld"] if item["@type"] == "Article"]
        self.assertEqual(article["headline"], "Participatory budgeting in Ajdovščina")
        self.assertEqual(article["inLanguage"], "en")
        self.assertEqual(article["url"], f"http://testserver{self.ajdovscina_en.url}")
        self.assertRegex(article["datePublished"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")
        self.assertIn({"@type": "Thing", "name": "Participatory budgeting"}, article["about"])
        place = article["locationCreated"]
        self.assertEqual(place["@type"], "Place")
        self.assertEqual(place["address"]["addressLocality"], "Ajdovščina")
        self.assertEqual(place["address"]["addressRegion"], "Goriška")
        self.assertEqual(place["address"]["addressCountry"], "SI")
        self.assertEqual(article["temporalCoverage"], "2016-05-01/..")
        self.assertEqual(article["keywords"], ["proračun"])
        [crumbs] = [item for item in data["json-ld"] if item["@type"] == "BreadcrumbList"]
        self.assertEqual(crumbs["itemListElement"][-1]["name"], "Participatory budgeting in Ajdovščina")


class PracticeApiTests(PracticeOpennessTestCase):
    def test_case_study_fields_in_the_requested_language(self):
        response = self.client.get(
            "/api/v2/pages/",
            {
                "type": "practices.PracticePage",
                "locale": "en",
                "fields": "country,start_date,methods,organisation,tags",
            },
        )
        self.assertEqual(response.status_code, 200)
        [practice] = response.json()["items"]
        self.assertEqual(practice["title"], "Participatory budgeting in Ajdovščina")
        self.assertEqual(practice["country"], "SI")
        self.assertEqual(practice["start_date"], "2016-05-01")
        self.assertEqual([method["name"] for method in practice["methods"]], ["Participatory budgeting"])
        self.assertEqual(practice["organisation"]["name"], "Občina Ajdovščina")
        self.assertEqual(practice["tags"], ["proračun"])
        sl_titles = {
            item["title"]
            for item in self.client.get("/api/v2/pages/", {"type": "practices.PracticePage", "locale": "sl"}).json()[
                "items"
            ]
        }
        self.assertEqual(sl_titles, {self.ajdovscina.title, self.gabrovo.title})


class PracticeExportTests(PracticeOpennessTestCase):
    def test_csv_lists_live_practices_with_readable_columns(self):
        rows = self.read_csv()
        self.assertEqual(len(rows), 2)
        row = next(r for r in rows if r["title"] == self.ajdovscina.title)
        self.assertEqual(row["url"], f"http://testserver{self.ajdovscina.url}")
        self.assertEqual(row["organisation"], "Občina Ajdovščina")
        self.assertEqual(row["country_code"], "SI")
        self.assertEqual(row["start_date"], "2016-05-01")
        self.assertEqual(row["participants"], "1200")
        self.assertEqual(row["tags"], "proračun")
        self.assertNotIn("Osnutek prakse", [r["title"] for r in rows])

    def test_exports_honour_the_listing_filters(self):
        self.assertEqual([r["country_code"] for r in self.read_csv({"country": "SI"})], ["SI"])
        method = {"method": str(self.forum.translation_key)}
        self.assertEqual([p["country_code"] for p in self.read_json(method)["practices"]], ["BG"])
        self.assertEqual(self.read_json({"tag": "proračun", "decision": "budget"})["count"], 1)
        # A value that does not parse is ignored, as on the listing.
        self.assertEqual(len(self.read_csv({"year": "x", "country": "ZZ"})), 2)

    def test_csv_neutralises_formulas(self):
        row = next(r for r in self.read_csv({"country": "BG"}))
        self.assertEqual(row["title"], '\'=HYPERLINK("http://evil.example")')
        self.assertEqual(row["summary"], "'+1 forum za mlade")
        self.assertEqual(row["municipality"], "'@Gabrovo")
        self.assertEqual(row["tags"], "'-mladi")

    def test_json_keeps_values_as_they_are(self):
        data = self.read_json({"country": "BG"})
        [practice] = data["practices"]
        self.assertEqual(practice["title"], '=HYPERLINK("http://evil.example")')
        self.assertEqual(practice["tags"], ["-mladi"])
        self.assertEqual(data["filters"], {"country": "BG"})

    def test_exports_are_in_the_language_of_the_listing(self):
        [practice] = self.read_json(language="en")["practices"]
        self.assertEqual(practice["title"], "Participatory budgeting in Ajdovščina")
        self.assertEqual(practice["methods"], ["Participatory budgeting"])
        self.assertEqual(practice["country"], "Slovenia")

    def test_listing_links_to_exports_with_its_filters(self):
        response = self.client.get(self.index.url, {"country": "SI", "page": "1"})
        self.assertContains(response, f'href="{self.index.url}export/csv/?country=SI"')
        self.assertContains(response, f'href="{self.index.url}export/json/?country=SI"')

    def test_export_query_count_does_not_grow(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.client.get("/sl/practices/export/csv/")
            return len(queries)

        count()
        before = count()
        for n in range(4):
            self.practice(title=f"Nova praksa {n}", methods=[self.forum, self.budgeting], tags=["a", "b"])
        self.assertEqual(count(), before)
