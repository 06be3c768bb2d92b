"""Openness in a real browser: feeds, exports, JSON-LD and the sitemap, as a visitor finds them."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["sl", "en", "bg", "cs", "sk"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def json_ld(page, type_name):
    """The JSON-LD objects of `type_name` on the page, as the browser parsed the document."""
    texts = page.locator('script[type="application/ld+json"]').all_text_contents()
    return [data for data in map(json.loads, texts) if data.get("@type") == type_name]


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("section", ["practices", "events"])
def test_listing_announces_a_feed_a_reader_can_read(browser_page, live_url, code, section):
    browser_page.goto(f"{live_url}/{code}/{section}/")
    link = browser_page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert link.count() == 1
    response = browser_page.request.get(live_url + link.get_attribute("href"))
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo
    assert feed.feed.language == code
    assert len(feed.entries) >= 1
    assert all(
        entry.link.startswith(("http://", "https://")) and f"/{code}/{section}/" in entry.link
        for entry in feed.entries
    )


def test_export_honours_the_filter_chosen_on_the_listing(browser_page, live_url, assert_no_axe_violations):
    browser_page.goto(f"{live_url}/en/practices/")
    select = browser_page.get_by_label("Country", exact=True)
    select.select_option("BG")
    browser_page.get_by_role("button", name="Show practices").click()
    browser_page.wait_for_url(re.compile(r"country=BG"))
    assert_no_axe_violations(browser_page)
    with browser_page.expect_download() as download_info:
        browser_page.get_by_role("link", name=re.compile("CSV")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(io.StringIO(file.read())))
    assert rows
    assert {row["Country code"] for row in rows} == {"BG"}


def test_event_page_carries_event_data_without_csp_errors(browser_page, live_url):
    errors = []
    browser_page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    browser_page.goto(f"{live_url}/bg/events/")
    browser_page.locator(".event-card a").first.click()
    browser_page.wait_for_load_state()
    [event] = json_ld(browser_page, "Event")
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", event["startDate"])
    assert event["eventStatus"].startswith("https://schema.org/")
    assert event["inLanguage"] == "bg"
    assert json_ld(browser_page, "BreadcrumbList")
    assert browser_page.locator('head meta[property="og:image"]').get_attribute("content").startswith("http")
    assert not [error for error in errors if "Content Security Policy" in error]


def test_sitemap_lists_pages_in_every_language_with_alternates(browser_page, live_url):
    response = browser_page.request.get(f"{live_url}/sitemap.xml")
    assert response.ok
    root = ET.fromstring(response.body())  # noqa: S314 (our own server)
    locations = [url.findtext("sm:loc", namespaces=SITEMAP_NS) for url in root.findall("sm:url", SITEMAP_NS)]
    for code in LANGUAGES:
        assert any(f"/{code}/practices/" in location for location in locations), code
    first = root.find("sm:url", SITEMAP_NS)
    hreflangs = {link.get("hreflang") for link in first.findall("xhtml:link", SITEMAP_NS)}
    assert hreflangs == {*LANGUAGES, "x-default"}
    robots = browser_page.request.get(f"{live_url}/robots.txt").text()
    assert f"Sitemap: {live_url}/sitemap.xml" in robots
