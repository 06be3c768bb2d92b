"""Capacity under load: 50 simultaneous registrations for 10 places, on PostgreSQL."""

import datetime as dt
import threading

import pytest
import time_machine

from django.db import connection, connections

from wagtail.models import Locale, Page, Site

from events.models import EventIndexPage, EventPage, Registration
from events.services import RegistrationRefused, register
from home.models import HomePage

from .base import NOW

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def make_event(capacity, waitlist):
    locale = Locale.objects.get_or_create(language_code="sl")[0]
    # A transactional test empties the database after itself, Wagtail's root page included.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=HomePage(title="Domov", slug="home-load", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    index = home.add_child(instance=EventIndexPage(title="Dogodki", slug="events", locale=locale))
    start = NOW + dt.timedelta(days=30)
    return index.add_child(
        instance=EventPage(
            title="Forum",
            slug="forum",
            locale=locale,
            summary="Forum.",
            start=start,
            end=start + dt.timedelta(hours=2),
            capacity=capacity,
            waitlist=waitlist,
        )
    )


def register_at_once(event, emails):
    """One thread per email, each with its own database connection, all released together."""
    barrier = threading.Barrier(len(emails))
    outcomes = []

    def attempt(email):
        try:
            barrier.wait()
            register(event, {"name": email.split("@")[0], "email": email, "consent": True}, "sl")
            outcomes.append("stored")
        except RegistrationRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): SQLite has no row locks to test capacity under concurrency")


@time_machine.travel(NOW, tick=False)
@pytest.mark.usefixtures("postgresql")
@pytest.mark.parametrize("waitlist", [False, True])
def test_fifty_simultaneous_registrations_leave_exactly_ten_confirmed(waitlist):
    event = make_event(capacity=10, waitlist=waitlist)
    outcomes = register_at_once(event, [f"oseba{n}@example.org" for n in range(50)])
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
    assert confirmed == 10
    if waitlist:
        assert Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).count() == 40
        assert outcomes.count("stored") == 50
    else:
        assert outcomes.count("refused") == 40
        assert Registration.objects.filter(event=event).count() == 10


@time_machine.travel(NOW, tick=False)
@pytest.mark.usefixtures("postgresql")
def test_the_same_email_at_once_is_stored_once():
    event = make_event(capacity=None, waitlist=False)
    outcomes = register_at_once(event, ["ana@example.org"] * 10)
    assert outcomes.count("stored") == 1
    assert Registration.objects.filter(email="ana@example.org").count() == 1
