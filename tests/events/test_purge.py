"""The retention command erases personal data only of events that ended long enough ago."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from events.models import Registration

from .base import NOW, EventTestCase


@override_settings(REGISTRATION_RETENTION_DAYS=90)
class PurgeTests(EventTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Ends 91 days ago: expired. Ends 89 days ago and in the future: kept.
        cls.expired = cls.make_event(start=NOW - dt.timedelta(days=91, hours=3))
        cls.recent = cls.make_event(start=NOW - dt.timedelta(days=89, hours=3))
        cls.upcoming = cls.make_event()
        for event in [cls.expired, cls.recent, cls.upcoming]:
            for status in ["confirmed", "cancelled"]:
                Registration.objects.create(
                    event=event,
                    name="Ana Novak",
                    email=f"ana.{event.pk}.{status}@example.org",
                    organisation="Občina",
                    role="Svetovalka",
                    needs="Dostop z vozičkom",
                    status=status,
                )

    def test_only_expired_personal_data_is_erased(self):
        out = StringIO()
        call_command("purge_registrations", stdout=out)
        self.assertIn("Anonymised 2 registrations", out.getvalue())
        for registration in Registration.objects.filter(event=self.expired):
            self.assertEqual(
                [
                    registration.name,
                    registration.email,
                    registration.organisation,
                    registration.role,
                    registration.needs,
                ],
                ["", "", "", "", ""],
            )
            self.assertIsNotNone(registration.anonymised_at)
        kept = Registration.objects.exclude(event=self.expired)
        self.assertEqual(kept.count(), 4)
        self.assertFalse(kept.filter(email="").exists())
        self.assertFalse(kept.filter(anonymised_at__isnull=False).exists())
        # Statistics survive: how many came, and in which state.
        self.assertEqual(Registration.objects.filter(event=self.expired, status="confirmed").count(), 1)

    def test_a_second_run_finds_nothing_and_dry_run_changes_nothing(self):
        out = StringIO()
        call_command("purge_registrations", "--dry-run", stdout=out)
        self.assertIn("2 registrations would be anonymised", out.getvalue())
        self.assertFalse(Registration.objects.filter(email="").exists())
        call_command("purge_registrations", stdout=StringIO())
        out = StringIO()
        call_command("purge_registrations", stdout=out)
        self.assertIn("Anonymised 0 registrations", out.getvalue())

    @override_settings(REGISTRATION_RETENTION_DAYS=30)
    def test_retention_days_come_from_settings(self):
        call_command("purge_registrations", stdout=StringIO())
        self.assertEqual(Registration.objects.filter(email="").count(), 4)
