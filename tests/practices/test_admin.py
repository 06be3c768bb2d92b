"""Editors write case studies in the Wagtail admin."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from practices.models import PracticePage
from tests.base import translated
from tests.factories import OrganisationFactory

from .base import PracticesTestCase


class EditorCreatesPracticeTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        editors = Group.objects.create(name="Practice editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ["add_page", "change_page"]:
            GroupPagePermission.objects.create(
                group=editors, page=cls.home, permission=Permission.objects.get(codename=codename)
            )
        cls.editor = editors.user_set.create(username="urednica", email="urednica@example.org")
        cls.organisation = OrganisationFactory(name="Občina Ajdovščina")

    def form_data(self, **overrides):
        data = {
            "title": "Participativni proračun",
            "slug": "participativni-proracun",
            "summary": "Prebivalci odločajo o delu proračuna.",
            "body": streamfield([("paragraph", rich_text("<p>Kako je potekalo.</p>"))]),
            "organisation": self.organisation.pk,
            "country": "SI",
            "region": "Goriška",
            "start_date": "2016-05-01",
            "end_date": "",
            "ongoing": "on",
            "participation_level": "collaborate",
            "decision_type": "budget",
            "participants": "",
            "budget": "360000",
            "currency": "EUR",
            "outcomes": rich_text("<p>Izvedeni projekti.</p>"),
            "obstacles": rich_text(""),
            "lessons": rich_text("<p>Jasna merila pomagajo.</p>"),
            "tags": "proračun, glasovanje",
            "gallery": streamfield([]),
            "documents": streamfield([]),
        }
        data.update(overrides)
        # Multiple-choice fields post a list under one name, which nested_form_data would split.
        return {**nested_form_data(data), "methods": [self.budgeting.pk], "target_groups": ["citizens", "youth"]}

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=["practices", "practicepage", self.index.pk])

    def test_editor_saves_a_draft_case_study(self):
        self.client.force_login(self.editor)
        form_page = self.client.get(self.add_url())
        assert form_page.status_code == 200
        assert 'name="target_groups"' in form_page.content.decode()
        response = self.client.post(self.add_url(), self.form_data())
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        practice = PracticePage.objects.get(slug="participativni-proracun")
        assert practice.get_parent().pk == self.index.pk
        assert not practice.live
        assert practice.target_groups == ["citizens", "youth"]
        assert list(practice.methods.all()) == [self.budgeting]
        assert sorted(tag.name for tag in practice.tags.all()) == ["glasovanje", "proračun"]
        assert practice.organisation == self.organisation

    def test_editor_sees_validation_messages(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_url(),
            self.form_data(ongoing="", start_date="2024-05-01", end_date="2024-04-01", participants="-3"),
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        # The editor has no language preference, so the admin speaks the site's default, Slovenian.
        assert errors["end_date"] == [translated("The end date cannot be before the start date.", "sl")]
        assert errors["participants"] == [translated("The number of participants cannot be negative.", "sl")]
        assert not PracticePage.objects.filter(slug="participativni-proracun").exists()
