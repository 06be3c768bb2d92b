"""Events in a real browser: index and an event page in every language, keyboard registration."""

import uuid

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["sl", "en", "bg", "cs", "sk"]
HRASTNIK = "events/joint-forces-hrastnik-2019/"
FUTURE_FORUM = "events/participatory-budgeting-forum-2027/"


@pytest.mark.parametrize("code", LANGUAGES)
def test_index_in_language_is_accessible(browser_page, live_url, assert_no_axe_violations, code):
    response = browser_page.goto(f"{live_url}/{code}/events/")
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == code
    assert browser_page.locator(f"a[href='/{code}/{FUTURE_FORUM}']").count() == 1
    assert_no_axe_violations(browser_page)
    browser_page.goto(f"{live_url}/{code}/events/past/")
    assert browser_page.locator(f"a[href='/{code}/{HRASTNIK}']").count() == 1
    assert_no_axe_violations(browser_page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_event_page_in_language_is_accessible(browser_page, live_url, assert_no_axe_violations, code):
    response = browser_page.goto(f"{live_url}/{code}/{HRASTNIK}")
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == code
    # The programme in order, in the event's local time.
    times = browser_page.locator(".programme__time").all_inner_texts()
    assert len(times) == 4
    assert times[0].startswith("9:30") or times[0].startswith("09:30")
    assert "12:30" in times[-1]
    calendar = browser_page.locator(f"a[href='/{code}/{HRASTNIK}calendar/']")
    assert calendar.count() == 1
    assert_no_axe_violations(browser_page)
    browser_page.goto(f"{live_url}/{code}/{FUTURE_FORUM}")
    assert browser_page.locator("form.registration-form").count() == 1
    assert_no_axe_violations(browser_page)


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received the focus")


def test_registration_with_the_keyboard_alone(browser_page, live_url, assert_no_axe_violations):
    page = browser_page
    page.goto(f"{live_url}/en/{FUTURE_FORUM}")
    email = f"keyboard-{uuid.uuid4().hex[:8]}@example.org"
    tab_to(page, "input[name='name']")
    page.keyboard.type("Ana Novak")
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type("Municipality of Hrastnik")
    tab_to(page, "input[name='consent']")
    page.keyboard.press("Space")
    assert page.locator("input[name='consent']").is_checked()
    tab_to(page, "form.registration-form button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    status = page.get_by_role("status")
    assert "Thank you for registering" in status.inner_text()
    assert_no_axe_violations(page)

    # The same email again: a clear message, shown next to the form.
    tab_to(page, "input[name='name']")
    page.keyboard.type("Ana Novak")
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    tab_to(page, "input[name='consent']")
    page.keyboard.press("Space")
    tab_to(page, "form.registration-form button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "already registered" in page.get_by_role("alert").inner_text()
    assert_no_axe_violations(page)
