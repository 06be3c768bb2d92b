"""Registering, closed states, duplicates, capacity, waiting list, cancelling and emails."""

import datetime as dt
import re
from urllib.parse import urlsplit

import time_machine

from django.core import mail
from django.test import Client, override_settings

from events.models import Registration
from events.services import cancel_token
from tests.base import translated

from .base import NOW, EventTestCase


def form_data(email="ana@example.org", **extra):
    return {
        "name": "Ana Novak",
        "email": email,
        "organisation": "Občina Hrastnik",
        "role": "Svetovalka",
        "needs": "",
        "consent": "on",
        "website": "",
        **extra,
    }


def already_registered_in(language_code):
    return translated(
        "This email address is already registered for this event. "
        "To change your registration, cancel it with the link in your confirmation email and register again.",
        language_code,
    )


class RegistrationTestCase(EventTestCase):
    def register(self, event, **data):
        return self.client.post(event.url + "register/", form_data(**data), follow=True)

    def link_in(self, message):
        return urlsplit(re.search(r"https?://\S+/cancel/\S+/", message.body).group(0)).path


class OpenAndClosedTests(RegistrationTestCase):
    def test_open_registration_confirms_and_emails(self):
        event = self.make_event(confirmation_text="Se vidimo v Ajdovščini.")
        response = self.register(event)
        self.assertContains(response, "Se vidimo v Ajdovščini.")
        registration = Registration.objects.get()
        self.assertEqual(registration.status, Registration.Status.CONFIRMED)
        self.assertEqual((registration.event, registration.language), (event, "sl"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["ana@example.org"])
        self.assertIn(event.title, mail.outbox[0].subject)

    def test_closed_before_opening_after_deadline_and_once_started(self):
        cases = {
            "Registration is not open yet.": {"registration_opens": NOW + dt.timedelta(days=1)},
            "Registration is closed: the deadline has passed.": {
                "registration_deadline": NOW - dt.timedelta(minutes=1)
            },
            "Registration is closed: the event has already started.": {"start": NOW - dt.timedelta(hours=1)},
        }
        for message, fields in cases.items():
            with self.subTest(message):
                reason = translated(message, "sl")
                event = self.make_event(**fields)
                # The /sl/ page speaks Slovenian whatever the browser asks for.
                page = self.client.get(event.url, HTTP_ACCEPT_LANGUAGE="en")
                self.assertContains(page, reason)
                self.assertNotContains(page, 'action="' + event.url + 'register/"')
                response = self.register(event)
                self.assertContains(response, reason)
        self.assertFalse(Registration.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_missing_consent_and_bad_email_give_messages(self):
        event = self.make_event()
        response = self.client.post(event.url + "register/", form_data(email="not-an-email", consent=""))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"email", "consent"})
        self.assertFalse(Registration.objects.exists())

    def test_registration_route_needs_post(self):
        event = self.make_event()
        response = self.client.get(event.url + "register/")
        self.assertRedirects(response, event.url)


class DuplicateTests(RegistrationTestCase):
    def test_same_email_twice_creates_nothing(self):
        event = self.make_event()
        self.register(event)
        response = self.register(event, email="ANA@example.org ")
        self.assertContains(response, already_registered_in("sl"))
        self.assertEqual(Registration.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_same_email_again_after_cancelling(self):
        event = self.make_event()
        self.register(event)
        self.client.post(event.url + f"cancel/{cancel_token(Registration.objects.get())}/")
        self.register(event)
        self.assertEqual(
            list(Registration.objects.values_list("status", flat=True)),
            [Registration.Status.CANCELLED, Registration.Status.CONFIRMED],
        )

    def test_translations_share_places_and_duplicates(self):
        event = self.make_event(capacity=1)
        english = self.translate(event, "en", {"Forum o proračunu": "Budget forum"})
        self.register(english)
        response = self.register(event)
        self.assertContains(response, already_registered_in("sl"))
        response = self.register(event, email="bor@example.org")
        self.assertContains(response, translated("Sorry, the event is full and there is no waiting list.", "sl"))
        registration = Registration.objects.get()
        self.assertEqual((registration.event_id, registration.language), (event.pk, "en"))


class CapacityTests(RegistrationTestCase):
    def test_full_without_waitlist_refuses(self):
        event = self.make_event(capacity=1, waitlist=False)
        self.register(event, email="a@example.org")
        page = self.client.get(event.url)
        self.assertContains(page, translated("The event is full.", "sl"))
        response = self.register(event, email="b@example.org")
        self.assertContains(response, translated("Sorry, the event is full and there is no waiting list.", "sl"))
        self.assertEqual(Registration.objects.count(), 1)

    def test_full_with_waitlist_then_cancel_promotes_the_first_waitlisted(self):
        event = self.make_event(capacity=1, waitlist=True)
        self.register(event, email="a@example.org", name="Ana")
        with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
            self.register(event, email="b@example.org", name="Bor")
        with time_machine.travel(NOW + dt.timedelta(minutes=2), tick=False):
            response = self.register(event, email="c@example.org", name="Cene")
        self.assertContains(
            response,
            translated(
                "The event is full, so you are on the waiting list. We will email you if a place becomes free.", "sl"
            ),
        )
        statuses = dict(Registration.objects.values_list("email", "status"))
        self.assertEqual(
            statuses, {"a@example.org": "confirmed", "b@example.org": "waitlisted", "c@example.org": "waitlisted"}
        )

        # Ana follows the link in her email: GET asks, POST cancels.
        cancel_path = self.link_in(mail.outbox[0])
        visitor = Client()
        confirm = visitor.get(cancel_path)
        self.assertContains(confirm, "Ana")
        self.assertContains(confirm, 'method="post"')
        self.assertEqual(Registration.objects.get(email="a@example.org").status, "confirmed")
        mail.outbox.clear()
        done = visitor.post(cancel_path)
        self.assertEqual(done.status_code, 200)

        statuses = dict(Registration.objects.values_list("email", "status"))
        self.assertEqual(
            statuses, {"a@example.org": "cancelled", "b@example.org": "confirmed", "c@example.org": "waitlisted"}
        )
        self.assertEqual([message.to for message in mail.outbox], [["b@example.org"]])
        # Bor's email has a working cancel link of his own.
        self.assertContains(visitor.get(self.link_in(mail.outbox[0])), "Bor")

        # Cancelling twice changes nothing and promotes nobody else.
        visitor.post(cancel_path)
        self.assertEqual(Registration.objects.get(email="c@example.org").status, "waitlisted")

    def test_cancelling_a_waitlisted_place_promotes_nobody(self):
        event = self.make_event(capacity=1, waitlist=True)
        self.register(event, email="a@example.org")
        self.register(event, email="b@example.org")
        self.register(event, email="c@example.org")
        waiting = Registration.objects.get(email="b@example.org")
        self.client.post(event.url + f"cancel/{cancel_token(waiting)}/")
        self.assertEqual(Registration.objects.get(email="c@example.org").status, "waitlisted")


class CancelLinkTests(RegistrationTestCase):
    def test_email_links_work_in_the_registrant_language(self):
        event = self.make_event()
        english = self.translate(event, "en", {"Forum o proračunu": "Budget forum"})
        self.register(english)
        message = mail.outbox[0]
        self.assertIn("Budget forum", message.subject)
        self.assertIn("http://testserver/en/events/", message.body)
        response = Client().get(self.link_in(message))
        self.assertContains(response, "Cancel registration")

    def test_tampered_or_foreign_tokens_are_not_found(self):
        event = self.make_event()
        other = self.make_event()
        self.register(event)
        token = cancel_token(Registration.objects.get())
        self.assertEqual(self.client.get(event.url + f"cancel/{token}x/").status_code, 404)
        self.assertEqual(self.client.get(event.url + "cancel/1/").status_code, 404)
        self.assertEqual(self.client.get(other.url + f"cancel/{token}/").status_code, 404)


class ProtectionTests(RegistrationTestCase):
    def test_honeypot_creates_nothing(self):
        event = self.make_event()
        response = self.register(event, website="https://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Registration.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_csrf_token_required(self):
        event = self.make_event()
        client = Client(enforce_csrf_checks=True)
        response = client.post(event.url + "register/", form_data())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Registration.objects.exists())

    @override_settings(EVENT_REGISTRATION_RATE="2/m")
    def test_rate_limit_per_address(self):
        event = self.make_event()
        self.register(event, email="a@example.org")
        self.register(event, email="b@example.org")
        response = self.client.post(event.url + "register/", form_data(email="c@example.org"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(
            response,
            translated("Too many registration attempts from your network. Please wait a while and try again.", "sl"),
            status_code=429,
        )
        self.assertEqual(Registration.objects.count(), 2)
        # Another address is not affected.
        other = self.client.post(event.url + "register/", form_data(email="d@example.org"), REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 302)
