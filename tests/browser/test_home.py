"""Home and standard pages in a real browser, in every language, checked by axe-core."""

import re

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = {"sl": "Slovenščina", "en": "English", "bg": "Български", "cs": "Čeština", "sk": "Slovenčina"}
PAGES = ["", "about/", "privacy/", "accessibility/", "contact/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_page_in_language_is_accessible(browser_page, live_url, assert_no_axe_violations, code, path):
    response = browser_page.goto(f"{live_url}/{code}/{path}")
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == code
    heading = browser_page.locator("h1").first.inner_text()
    assert heading and heading in browser_page.title()
    switcher = browser_page.locator("nav.language-switcher")
    links = switcher.locator("a[hreflang]")
    assert links.count() == 5
    for other, name in LANGUAGES.items():
        link = switcher.locator(f"a[hreflang='{other}']")
        assert link.inner_text() == name
        assert link.get_attribute("href") == f"/{other}/{path}"
    assert_no_axe_violations(browser_page)


def test_switching_language_keeps_the_page(browser_page, live_url):
    browser_page.goto(f"{live_url}/sl/privacy/")
    slovenian_title = browser_page.locator("h1").inner_text()
    browser_page.locator("a[hreflang='cs']").first.click()
    browser_page.wait_for_url(f"{live_url}/cs/privacy/")
    assert browser_page.locator("html").get_attribute("lang") == "cs"
    assert browser_page.locator("h1").inner_text() != slovenian_title


def test_skip_link_is_first_and_visible_on_focus(browser_page, live_url):
    browser_page.goto(f"{live_url}/en/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = browser_page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0, "the skip link moves into view when focused"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main"


def test_search_box_on_home_page_works_without_javascript(chromium, live_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_url}/en/")
    page.get_by_label(re.compile("Search", re.I)).first.fill("accessibility")
    page.get_by_role("button", name=re.compile("Search", re.I)).first.click()
    page.wait_for_url(re.compile(r"/en/search/\?q=accessibility"))
    assert page.locator("h1").inner_text()
    context.close()


def test_print_stylesheet_hides_navigation(browser_page, live_url):
    browser_page.goto(f"{live_url}/en/about/")
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".site-header").is_visible()
    assert browser_page.locator("main h1").is_visible()
