"""Guidelines in a real browser, in every language, on the demo content, checked by axe-core."""

import re

import pytest

pytestmark = pytest.mark.browser

LANGUAGE_CODES = ["sl", "en", "bg", "cs", "sk"]
GUIDE = "guidelines/involving-citizens/"
PAGES = [
    "guidelines/",
    GUIDE,
    f"{GUIDE}planning/",
    f"{GUIDE}print/",
    "guidelines/decision/budget/",
    "guidelines/participation-coordinator/diagnosis/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_guidelines_page_is_accessible(browser_page, live_url, assert_no_axe_violations, code, path):
    response = browser_page.goto(f"{live_url}/{code}/{path}")
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == code
    assert browser_page.locator("main h1").inner_text()
    assert_no_axe_violations(browser_page)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_reader_moves_from_chapter_to_chapter(browser_page, live_url, code):
    browser_page.goto(f"{live_url}/{code}/{GUIDE}why-involve/")
    toc = browser_page.locator(".guide-toc")
    current = toc.locator("a[aria-current='page']")
    assert current.inner_text() == browser_page.locator("main h1").inner_text()
    assert browser_page.locator("a[rel='prev']").count() == 0

    next_link = browser_page.locator("a[rel='next']")
    next_title = toc.locator("li").nth(1).inner_text()
    assert next_title in next_link.inner_text()
    next_link.click()
    browser_page.wait_for_url(f"{live_url}/{code}/{GUIDE}planning/")
    assert browser_page.locator("main h1").inner_text() == next_title
    assert toc.locator("a[aria-current='page']").inner_text() == next_title


def test_in_page_contents_jump_to_the_step(browser_page, live_url):
    browser_page.goto(f"{live_url}/en/{GUIDE}planning/")
    link = browser_page.locator(".in-page a", has_text="Step 2:")
    target = link.get_attribute("href")
    link.click()
    assert browser_page.evaluate("location.hash") == target
    assert browser_page.locator(f"{target} h3").inner_text().startswith("Step 2:")


def test_budget_chapters_are_reached_from_the_home_page(browser_page, live_url):
    browser_page.goto(f"{live_url}/en/")
    browser_page.locator(".decision-entry-points a", has_text="Budget").click()
    browser_page.wait_for_url(f"{live_url}/en/guidelines/decision/budget/")
    chapters = browser_page.locator(".chapter-list a")
    assert chapters.count() > 0
    assert "Questions and answers: the municipal budget" in chapters.all_inner_texts()


def test_print_view_prints_every_chapter_without_navigation(browser_page, live_url):
    browser_page.goto(f"{live_url}/en/{GUIDE}")
    chapter_titles = browser_page.locator(".guide-toc ol > li > a").all_inner_texts()
    browser_page.get_by_role("link", name=re.compile("printing")).click()
    browser_page.wait_for_url(f"{live_url}/en/{GUIDE}print/")
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".site-header").is_visible()
    assert not browser_page.locator(".breadcrumb").is_visible()
    printed = browser_page.locator(".print-chapter__title").all_inner_texts()
    assert printed == chapter_titles
    assert len(printed) >= 10
    breaks = browser_page.locator(".print-chapter").first.evaluate("e => getComputedStyle(e).breakBefore")
    assert breaks == "page"
