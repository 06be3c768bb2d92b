"""The search page in a real browser: results, facets, the autocomplete combobox, axe-core."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("code", "query", "title"),
    [
        ("sl", "proracuna", "Participativni proračun v Občini Ajdovščina"),
        ("en", "budgets", "Participatory budgeting in Ajdovščina"),
        ("bg", "бюджета", "Партиципаторно бюджетиране в община Айдовщина"),
        ("cs", "rozpoctu", "Participativní rozpočet v Ajdovščině"),
        ("sk", "rozpoctu", "Participatívny rozpočet v Ajdovščine"),
    ],
)
def test_results_page_is_accessible_in_every_language(
    browser_page, live_url, assert_no_axe_violations, code, query, title
):
    response = browser_page.goto(f"{live_url}/{code}/search/?q={query}")
    assert response.status == 200
    assert browser_page.locator(".search-results a", has_text=title).count() >= 1
    assert browser_page.locator(".search-results mark").count() > 0
    assert_no_axe_violations(browser_page)


def test_facet_narrows_results_and_keeps_the_query(browser_page, live_url):
    browser_page.goto(f"{live_url}/en/search/?q=budget")
    before = browser_page.locator("ol.search-results > li").count()
    browser_page.locator(".search-facets input[name='type'][value='practices.practicepage']").check()
    browser_page.locator(".search-facets button[type='submit']").click()
    browser_page.wait_for_url("**type=practices.practicepage**")
    assert "q=budget" in browser_page.url
    after = browser_page.locator("ol.search-results > li")
    assert 0 < after.count() < before


def test_no_results_page_offers_a_way_on(browser_page, live_url, assert_no_axe_violations):
    browser_page.goto(f"{live_url}/sl/search/?q=proracunn")
    assert (
        browser_page.get_by_role("heading", name="Nič ni bilo najdeno").count()
        + browser_page.locator(".search-no-results a").count()
        > 0
    )
    assert_no_axe_violations(browser_page)


def test_autocomplete_is_a_keyboard_combobox(browser_page, live_url, assert_no_axe_violations):
    browser_page.goto(f"{live_url}/sl/search/")
    box = browser_page.locator("#search-q")
    assert box.get_attribute("role") == "combobox"
    box.press_sequentially("proracu", delay=30)
    options = browser_page.locator("#search-q-suggestions [role='option']")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert_no_axe_violations(browser_page)
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    box.press("Enter")
    browser_page.wait_for_url("**/sl/**/")
    assert "/search/" not in browser_page.url


def test_search_works_without_javascript(chromium, live_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_url}/sl/search/")
    page.locator("#search-q").fill("obcina")
    page.locator(".search-form button[type='submit']").click()
    page.wait_for_url("**q=obcina**")
    assert page.locator("ol.search-results > li").count() > 0
    context.close()
