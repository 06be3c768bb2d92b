"""The registration rules called directly, without HTTP: capacity, waiting list, cancelling, tokens, purging."""

import datetime as dt

import time_machine

from django.core import mail
from django.utils import translation

from events import services
from events.models import Registration
from events.services import RegistrationRefused

from .base import NOW, EventTestCase


def person(name):
    return {"name": name.title(), "email": f"{name}@example.org", "consent": True}


class RegisterTests(EventTestCase):
    def assertRefused(self, message, page, data):
        # The reason is translated lazily: read it in English.
        with translation.override("en"), self.assertRaisesMessage(RegistrationRefused, message):
            services.register(page, data, "en")

    def test_register_until_full_then_waitlist_in_order(self):
        event = self.make_event(capacity=2, waitlist=True)
        stored = []
        for minute, name in enumerate(["ana", "bor", "cene", "dora"]):
            with time_machine.travel(NOW + dt.timedelta(minutes=minute), tick=False):
                stored.append(services.register(event, person(name), "sl"))
        self.assertEqual(
            [registration.status for registration in stored],
            ["confirmed", "confirmed", "waitlisted", "waitlisted"],
        )
        self.assertEqual((services.confirmed_count(event), services.places_left(event)), (2, 0))
        self.assertEqual(
            services.status_counts(event.registrations.all()), {"confirmed": 2, "waitlisted": 2, "cancelled": 0}
        )
        # The rules send nothing: e-mails belong to the request layer.
        self.assertEqual(mail.outbox, [])

    def test_full_without_waitlist_refuses(self):
        event = self.make_event(capacity=1, waitlist=False)
        services.register(event, person("ana"), "sl")
        self.assertRefused("Sorry, the event is full and there is no waiting list.", event, person("bor"))
        self.assertEqual(list(Registration.objects.values_list("email", flat=True)), ["ana@example.org"])

    def test_closed_and_duplicate_registrations_are_refused(self):
        closed = self.make_event(registration_deadline=NOW - dt.timedelta(minutes=1))
        self.assertRefused("Registration is closed: the deadline has passed.", closed, person("ana"))
        event = self.make_event()
        services.register(event, person("ana"), "sl")
        self.assertRefused("This email address is already registered for this event.", event, person("ana"))
        self.assertEqual(Registration.objects.count(), 1)

    def test_a_translation_registers_on_the_original(self):
        event = self.make_event(capacity=1)
        english = self.translate(event, "en", {"Forum o proračunu": "Budget forum"})
        registration = services.register(english, person("ana"), "en")
        self.assertEqual((registration.event_id, registration.language), (event.pk, "en"))
        self.assertEqual(services.places_left(event), 0)


class CancelAndPromoteTests(EventTestCase):
    def fill(self, event, names):
        registrations = {}
        for minute, name in enumerate(names):
            with time_machine.travel(NOW + dt.timedelta(minutes=minute), tick=False):
                registrations[name] = services.register(event, person(name), "sl")
        return registrations

    def statuses(self, event):
        return dict(event.registrations.values_list("name", "status"))

    def test_cancel_promotes_the_first_on_the_waiting_list(self):
        event = self.make_event(capacity=1, waitlist=True)
        registrations = self.fill(event, ["ana", "bor", "cene"])
        promoted = services.cancel(registrations["ana"])
        self.assertEqual(promoted, registrations["bor"])
        self.assertEqual(self.statuses(event), {"Ana": "cancelled", "Bor": "confirmed", "Cene": "waitlisted"})
        self.assertEqual(Registration.objects.get(name="Ana").cancelled_at, NOW)
        # Cancelling again changes nothing and promotes nobody.
        self.assertIsNone(services.cancel(registrations["ana"]))
        self.assertEqual(self.statuses(event)["Cene"], "waitlisted")

    def test_cancelling_a_waiting_place_promotes_nobody(self):
        event = self.make_event(capacity=1, waitlist=True)
        registrations = self.fill(event, ["ana", "bor", "cene"])
        self.assertIsNone(services.cancel(registrations["bor"]))
        self.assertEqual(self.statuses(event), {"Ana": "confirmed", "Bor": "cancelled", "Cene": "waitlisted"})

    def test_no_promotion_once_the_event_has_started(self):
        event = self.make_event(capacity=1, waitlist=True)
        registrations = self.fill(event, ["ana", "bor"])
        with time_machine.travel(event.start + dt.timedelta(minutes=5), tick=False):
            self.assertIsNone(services.cancel(registrations["ana"]))
        self.assertEqual(self.statuses(event), {"Ana": "cancelled", "Bor": "waitlisted"})

    def test_promote_fills_a_place_freed_by_more_capacity(self):
        event = self.make_event(capacity=1, waitlist=True)
        registrations = self.fill(event, ["ana", "bor", "cene"])
        self.assertIsNone(services.promote(event))
        event.capacity = 2
        event.save_revision().publish()
        self.assertEqual(services.promote(event), registrations["bor"])
        self.assertIsNone(services.promote(event))
        self.assertEqual(self.statuses(event), {"Ana": "confirmed", "Bor": "confirmed", "Cene": "waitlisted"})


class TokenAndPurgeTests(EventTestCase):
    def test_cancel_token_names_its_registration_only(self):
        event = self.make_event()
        registration = services.register(event, person("ana"), "sl")
        token = services.cancel_token(registration)
        self.assertEqual(services.registration_for_token(token), registration)
        for bad in [token + "x", token[:-2], "1", ""]:
            self.assertIsNone(services.registration_for_token(bad), bad)

    def test_anonymise_expired_keeps_status_and_dates(self):
        past = self.make_event(start=NOW - dt.timedelta(days=120))
        upcoming = self.make_event()
        old = Registration.objects.create(event=past, name="Ana", email="ana@example.org", needs="Voziček")
        services.register(upcoming, person("bor"), "sl")
        expired = services.expired_registrations(NOW - dt.timedelta(days=90))
        self.assertEqual(list(expired), [old])
        self.assertEqual(services.anonymise(expired), 1)
        old.refresh_from_db()
        self.assertEqual((old.name, old.email, old.needs, old.status), ("", "", "", "confirmed"))
        self.assertEqual(old.anonymised_at, NOW)
        self.assertEqual(Registration.objects.get(event=upcoming).name, "Bor")
        self.assertFalse(services.expired_registrations(NOW - dt.timedelta(days=90)).exists())
