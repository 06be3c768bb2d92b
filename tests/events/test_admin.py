"""Editors: registrations listed with counts by status, filtered, exported as CSV."""

import csv
import io

from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail.users.models import UserProfile

from events.models import Registration

from .base import EventTestCase


class RegistrationAdminTests(EventTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.forum = cls.make_event(title="Forum v Celju")
        cls.workshop = cls.make_event(title="Delavnica v Hrastniku")
        people = [
            (cls.forum, "Ana", "confirmed"),
            (cls.forum, "Bor", "confirmed"),
            (cls.forum, "Cene", "waitlisted"),
            (cls.forum, "Dita", "cancelled"),
            (cls.workshop, "Eva", "confirmed"),
        ]
        for event, name, status in people:
            Registration.objects.create(
                event=event, name=name, email=f"{name.lower()}@example.org", status=status, needs="brez glutena"
            )
        cls.editor = get_user_model().objects.create_superuser("urednik", "urednik@example.org", "geslo")
        profile = UserProfile.get_for_user(cls.editor)
        profile.preferred_language = "en"
        profile.save()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_listing_counts_by_status(self):
        response = self.client.get("/admin/registrations/")
        self.assertEqual(response.status_code, 200)
        # Labels are lazy: read them in the editor's language, not the one the request left active.
        with translation.override("en"):
            counts = [(str(label), count) for label, count in response.context["status_counts"]]
        self.assertEqual(counts, [("Confirmed", 3), ("On the waiting list", 1), ("Cancelled", 1)])
        self.assertContains(response, "Confirmed: 3")

    def test_filter_by_event_and_status(self):
        response = self.client.get("/admin/registrations/", {"event": self.forum.pk, "status": "confirmed"})
        names = sorted(registration.name for registration in response.context["object_list"])
        self.assertEqual(names, ["Ana", "Bor"])
        self.assertEqual(
            [count for _, count in response.context["status_counts"]],
            [2, 0, 0],
        )

    def test_csv_export(self):
        response = self.client.get("/admin/registrations/", {"export": "csv", "event": self.forum.pk})
        self.assertEqual(response.status_code, 200)
        self.assertIn('filename="registrations.csv"', response["Content-Disposition"])
        with translation.override("en"):  # the export streams its rows as they are read
            rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8"))))
        self.assertEqual([row["Name"] for row in rows], ["Ana", "Bor", "Cene", "Dita"])
        self.assertEqual(rows[2]["Email"], "cene@example.org")
        self.assertEqual(rows[2]["Status"], "On the waiting list")
        self.assertEqual(rows[0]["Event"], "Forum v Celju")
        self.assertEqual(rows[0]["Accessibility or dietary needs"], "brez glutena")

    def test_bad_filter_value_is_not_an_error(self):
        response = self.client.get("/admin/registrations/", {"event": "x", "status": "nope"})
        self.assertEqual(response.status_code, 200)

    def test_editor_can_open_the_event_forms(self):
        add = self.client.get(f"/admin/pages/add/events/eventpage/{self.index.pk}/")
        self.assertEqual(add.status_code, 200)
        self.assertContains(add, 'name="registration_deadline"')
        edit = self.client.get(f"/admin/pages/{self.forum.pk}/edit/")
        self.assertContains(edit, "panel-child-content-child-programme")
