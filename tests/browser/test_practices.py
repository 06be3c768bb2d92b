"""Good practices in a real browser: the filtered listing, a case study, the share form."""

import re

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["sl", "en", "bg", "cs", "sk"]
HASKOVO = "civic-forum-haskovo"


def choose(page, label, option_text):
    """Pick the option of a filter whose text starts with `option_text` (the count follows)."""
    select = page.get_by_label(label, exact=True)
    value = (
        select.locator("option").filter(has_text=re.compile(f"^{re.escape(option_text)} \\(")).get_attribute("value")
    )
    select.select_option(value)


def test_filter_bulgaria_and_public_forum_without_javascript(chromium, live_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_url}/en/practices/")
    choose(page, "Country", "Bulgaria")
    page.get_by_role("button", name="Show practices").click()
    page.wait_for_url(re.compile(r"country=BG"))
    choose(page, "Method", "Public forum")
    page.get_by_role("button", name="Show practices").click()
    page.wait_for_url(re.compile(r"method=[0-9a-f-]{36}"))
    cards = page.locator(".practice-card")
    titles = cards.locator("h3").all_inner_texts()
    assert any("Haskovo" in title for title in titles)
    # axe-core needs JavaScript; the accessibility of filtered listings is checked below.
    assert page.get_by_label("Country", exact=True).locator("option:checked").inner_text().startswith("Bulgaria (")
    cards.locator("a", has_text="Haskovo").first.click()
    page.wait_for_url(re.compile(HASKOVO))
    assert "Haskovo" in page.locator("h1").inner_text()
    context.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_filtered_listing_is_accessible_in_every_language(browser_page, live_url, assert_no_axe_violations, code):
    response = browser_page.goto(f"{live_url}/{code}/practices/?country=SI&sort=title&page=1")
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == code
    assert browser_page.locator(".practice-card").count() >= 1
    assert browser_page.locator("#filter-country option:checked").get_attribute("value") == "SI"
    assert_no_axe_violations(browser_page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_case_study_is_accessible_in_every_language(browser_page, live_url, assert_no_axe_violations, code):
    response = browser_page.goto(f"{live_url}/{code}/practices/{HASKOVO}/")
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == code
    facts = browser_page.locator(".facts dd")
    assert facts.count() >= 4
    tag_link = browser_page.locator(".tag-list a").first
    assert tag_link.get_attribute("href").startswith(f"/{code}/practices/?tag=")
    assert_no_axe_violations(browser_page)


def test_tag_link_opens_the_filtered_listing(browser_page, live_url):
    browser_page.goto(f"{live_url}/bg/practices/{HASKOVO}/")
    tag = browser_page.locator(".tag-list a").first
    name = tag.inner_text()
    tag.click()
    browser_page.wait_for_url(re.compile(r"/bg/practices/\?tag="))
    assert browser_page.locator("#filter-tag option:checked").inner_text().startswith(name)


def tab_to(page, element_id, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_share_form_with_the_keyboard_alone(browser_page, live_url, assert_no_axe_violations):
    page = browser_page
    page.goto(f"{live_url}/en/practices/submit/")
    assert_no_axe_violations(page)
    tab_to(page, "id_title")
    page.keyboard.type("Neighbourhood walks in Kranj")
    page.keyboard.press("Tab")
    page.keyboard.type("Kranj")
    page.keyboard.press("Tab")  # country: Slovenia is the first option
    page.keyboard.press("Tab")
    page.keyboard.type("Residents walked their streets with planners.")
    page.keyboard.press("Tab")
    page.keyboard.type("We met every Saturday in May.")
    page.keyboard.press("Tab")  # method: left open
    tab_to(page, "id_contact_name", limit=3)
    page.keyboard.type("Maja Kovač")
    page.keyboard.press("Tab")
    page.keyboard.type("maja@example.org")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("#id_publish_contact").is_checked()
    # Past the optional image and its description, the honeypot is skipped: next is the button.
    tab_to(page, "id_image", limit=2)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/practices/submit/thanks/$"))
    assert "Thank you" in page.locator("h1").inner_text()
    # The practice waits for a moderator.
    assert page.goto(f"{live_url}/en/practices/?sort=title").ok
    assert "Neighbourhood walks in Kranj" not in page.content()


def test_share_form_errors_are_announced_and_accessible(browser_page, live_url, assert_no_axe_violations):
    page = browser_page
    page.goto(f"{live_url}/sk/practices/submit/")
    page.locator("form.share-form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    assert summary.is_visible()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
