"""'Share your practice': from the public form to a draft waiting for a moderator."""

import io
from unittest import mock

from PIL import Image as PILImage

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from wagtail.models import WorkflowState

from practices import forms as practice_forms
from practices.models import PracticePage, PracticeSubmission
from practices.services import MODERATORS_GROUP
from tests.base import translated

from .base import PracticesTestCase


def png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#2e7d32").save(buffer, format="PNG")
    return SimpleUploadedFile("slika.png", buffer.getvalue(), content_type="image/png")


class SubmissionTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        cls.moderator = moderators.user_set.create(username="moderatorka", email="moderatorka@example.org")
        cls.submit_url = cls.index.url + "submit/"

    def form_data(self, **overrides):
        data = {
            "title": "Mladinski svet v Kanalu",
            "municipality": "Kanal ob Soči",
            "country": "SI",
            "summary": "Mladi so pripravili predloge za občinsko strategijo.",
            "description": "Prvi odstavek.\n\nDrugi odstavek z <b>oznako</b>.",
            "method": self.forum.pk,
            "contact_name": "Ana Novak",
            "contact_email": "ana@example.org",
            "publish_contact": "",
            "image_description": "",
            "website": "",
        }
        data.update(overrides)
        return data

    def submit(self, client=None, **overrides):
        return (client or self.client).post(self.submit_url, self.form_data(**overrides))

    def test_form_page_is_shown(self):
        response = self.client.get(self.submit_url)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="csrfmiddlewaretoken"' in html
        assert 'enctype="multipart/form-data"' in html

    def test_valid_submission_becomes_a_draft_in_moderation(self):
        response = self.submit(image=png(), image_description="Mladi na seji sveta")
        assert response.status_code == 302
        assert response["Location"] == self.index.url + "submit/thanks/"

        practice = PracticePage.objects.get(title="Mladinski svet v Kanalu")
        assert practice.get_parent().pk == self.index.pk
        assert practice.locale == self.locales["sl"]
        assert not practice.live
        assert practice.municipality == "Kanal ob Soči"
        assert list(practice.methods.all()) == [self.forum]
        body_html = str(practice.body[0].value)
        assert "<p>Prvi odstavek.</p>" in body_html
        assert "&lt;b&gt;oznako&lt;/b&gt;" in body_html, "visitor HTML is escaped"
        assert practice.gallery[0].value["alt_text"] == "Mladi na seji sveta"

        state = WorkflowState.objects.get(object_id=str(practice.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.current_task_state.task.specific.groups.filter(name=MODERATORS_GROUP).exists()

        submission = PracticeSubmission.objects.get(practice=practice)
        assert (submission.contact_email, submission.publish_contact) == ("ana@example.org", False)

        ours = {message.to[0]: message for message in mail.outbox if "Mladinski svet" in message.body}
        # The moderator has no language preference: the site's default, Slovenian.
        with translation.override("sl"):
            review_subject = translation.gettext("New practice to review: %(title)s") % {
                "title": "Mladinski svet v Kanalu"
            }
        assert ours["moderatorka@example.org"].subject == review_subject
        assert f"/admin/pages/{practice.pk}/edit/" in ours["moderatorka@example.org"].body
        assert "ana@example.org" in ours
        assert ours["ana@example.org"].subject == translated("Thank you for sharing your practice", "sl")

        # Nothing is public before a moderator publishes.
        assert self.client.get(f"{self.index.url}{practice.slug}/").status_code == 404
        assert "Mladinski svet" not in self.client.get(self.index.url).content.decode()

        thanks = self.client.get(response["Location"])
        assert thanks.status_code == 200

    def test_submission_in_another_language_is_a_draft_in_that_language(self):
        english_index = self.translate(self.index, "en")
        english_method = self.method_in(self.forum, "en")
        response = self.client.post(
            english_index.url + "submit/", self.form_data(title="Youth council", method=english_method.pk)
        )
        assert response.status_code == 302
        practice = PracticePage.objects.get(title="Youth council")
        assert practice.locale == self.locales["en"]
        assert practice.get_parent().pk == english_index.pk

    def test_honeypot_creates_nothing(self):
        response = self.submit(website="https://spam.example")
        assert response.status_code == 302, "a bot is not told it was caught"
        assert not PracticePage.objects.filter(title="Mladinski svet v Kanalu").exists()
        assert mail.outbox == []

    def test_rate_limit_stops_the_sixth_submission_per_hour(self):
        client = Client(REMOTE_ADDR="203.0.113.7")
        for number in range(5):
            assert self.submit(client, title=f"Praksa {number}").status_code == 302
        response = self.submit(client, title="Šesta praksa")
        assert response.status_code == 429
        assert translated("Too many submissions", "sl") in response.content.decode()
        assert not PracticePage.objects.filter(title="Šesta praksa").exists()
        # Another address is not affected.
        assert self.submit(Client(REMOTE_ADDR="203.0.113.8"), title="Druga").status_code == 302

    def test_oversized_image_is_refused_with_a_message(self):
        # A 5 MB upload in a test is slow; a lower limit exercises the same check.
        with mock.patch.object(practice_forms, "MAX_IMAGE_BYTES", 100):
            response = self.submit(image=png(), image_description="Opis")
        assert response.status_code == 200
        assert response.context["form"].errors["image"] == [
            translated("The image is too large: it may be at most 5 MB.", "sl")
        ]
        assert not PracticePage.objects.filter(title="Mladinski svet v Kanalu").exists()

    def test_too_many_pixels_is_refused(self):
        with mock.patch.object(practice_forms, "MAX_IMAGE_PIXELS", 100):
            response = self.submit(image=png(20, 20), image_description="Opis")
        assert response.context["form"].errors["image"] == [
            translated("The image has too many pixels: it may have at most 25 megapixels.", "sl")
        ]
        assert not PracticePage.objects.filter(title="Mladinski svet v Kanalu").exists()

    def test_a_file_that_is_not_an_image_is_refused(self):
        fake = SimpleUploadedFile("slika.png", b"not an image at all", content_type="image/png")
        response = self.submit(image=fake, image_description="Opis")
        assert response.status_code == 200
        assert response.context["form"].errors["image"]
        assert not PracticePage.objects.filter(title="Mladinski svet v Kanalu").exists()

    def test_image_needs_a_description(self):
        response = self.submit(image=png())
        assert response.context["form"].errors["image_description"] == [
            translated("Please describe the image, so everyone can follow.", "sl")
        ]

    def test_length_limits(self):
        response = self.submit(title="x" * 201, description="y" * 8001)
        errors = response.context["form"].errors
        assert "title" in errors and "description" in errors
        assert not PracticePage.objects.filter(live=False).exists()

    def test_csrf_is_required(self):
        client = Client(enforce_csrf_checks=True)
        assert self.submit(client).status_code == 403
        assert not PracticePage.objects.filter(title="Mladinski svet v Kanalu").exists()
