"""Case study pages: validation, page tree rules, moderation of submissions and the rendered page."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import number_format

from wagtail.models import Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from practices.models import PracticeIndexPage, PracticePage
from practices.services import MODERATORS_GROUP, WORKFLOW_NAME, submit_practice
from tests.base import translated

from .base import PracticesTestCase

# The task home/migrations/0004_roles_and_moderation_workflow.py puts in the workflow.
TASK_NAME = "Moderators approve the practice"


class ValidationTests(PracticesTestCase):
    def assert_invalid(self, field, message, **values):
        practice = PracticePage(title="Praksa", slug="praksa", summary="Povzetek", **values)
        with translation.override("sl"):
            with pytest.raises(ValidationError) as error:
                practice.clean()
            assert error.value.message_dict[field] == [translated(message, "sl")]

    def test_end_before_start_is_refused(self):
        self.assert_invalid(
            "end_date",
            "The end date cannot be before the start date.",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 4, 30),
        )

    def test_ongoing_practice_has_no_end_date(self):
        self.assert_invalid(
            "end_date",
            "An ongoing practice has no end date yet: leave it empty.",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 6, 1),
            ongoing=True,
        )

    def test_negative_numbers_are_refused(self):
        self.assert_invalid("participants", "The number of participants cannot be negative.", participants=-1)
        self.assert_invalid("budget", "The budget cannot be negative.", budget=Decimal("-0.01"))

    def test_messages_follow_the_editors_language(self):
        practice = PracticePage(title="Praksa", summary="Povzetek", participants=-5)
        with pytest.raises(ValidationError) as error:
            practice.clean()
        # The message stays lazy: it is worded in whatever language reads it.
        message = "The number of participants cannot be negative."
        assert translated(message, "sl") != message
        for code in ["en", "sl", "bg"]:
            with translation.override(code):
                assert error.value.message_dict["participants"] == [translated(message, code)]

    def test_valid_facts_pass(self):
        practice = PracticePage(
            title="Praksa",
            summary="Povzetek",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 5, 1),
            participants=0,
            budget=Decimal("0"),
        )
        practice.clean()

    def test_unknown_target_group_is_refused(self):
        field = PracticePage._meta.get_field("target_groups")
        with pytest.raises(ValidationError):
            field.validate(["citizens", "aliens"], None)
        field.validate(["citizens", "youth"], None)


class TargetGroupStorageTests(PracticesTestCase):
    def test_codes_round_trip_and_filter_exactly(self):
        practice = self.practice(target_groups=["youth", "ngos"])
        practice.refresh_from_db()
        assert practice.target_groups == ["youth", "ngos"]
        assert list(PracticePage.objects.filter(target_groups__has="youth")) == [practice]
        # "you" is a prefix of "youth", not a code of this practice.
        assert not PracticePage.objects.filter(target_groups__has="you").exists()


class PageTreeTests(WagtailPageTestCase, PracticesTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedSubpageTypes(PracticePage, set())

    def test_listing_is_in_the_menu_and_unique(self):
        assert PracticeIndexPage.show_in_menus_default is True
        assert PracticeIndexPage.max_count_per_parent == 1


class ModerationSetupTests(PracticesTestCase):
    """Creating a listing sets nothing up; a submission goes into the practice workflow by name."""

    def submit(self, title="Poslana praksa"):
        return submit_practice(
            self.index,
            title=title,
            municipality="Kanal ob Soči",
            country="SI",
            summary="Mladi so pripravili predloge.",
            description="Opis.",
            contact_name="Ana Novak",
            contact_email="ana@example.org",
        )

    def test_adding_a_listing_creates_no_workflow_assignment(self):
        workflows = Workflow.objects.count()
        listing = self.home.add_child(instance=PracticeIndexPage(title="Druge prakse", slug="druge-prakse"))
        listing.save_revision().publish()
        assert not WorkflowPage.objects.filter(page__in=[listing, self.index]).exists()
        assert Workflow.objects.count() == workflows

    def test_a_submission_enters_practice_moderation(self):
        practice = self.submit()
        assert not practice.live
        state = WorkflowState.objects.get(object_id=str(practice.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == WORKFLOW_NAME
        task = state.current_task_state.task.specific
        assert task.name == TASK_NAME
        assert [group.name for group in task.groups.all()] == [MODERATORS_GROUP]
        assert practice.submission.contact_email == "ana@example.org"

    def test_submissions_share_the_workflow_found_by_its_name(self):
        first = WorkflowState.objects.get(object_id=str(self.submit("Prva").pk)).workflow
        second = WorkflowState.objects.get(object_id=str(self.submit("Druga").pk)).workflow
        assert first == second
        assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
        assert list(first.tasks.values_list("name", flat=True)) == [TASK_NAME]


class CaseStudyPageTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.story = cls.practice(
            title="Participativni proračun",
            slug="participativni-proracun",
            participants=1500,
            budget=Decimal("360000"),
            currency="EUR",
            start_date=datetime.date(2016, 5, 1),
            ongoing=True,
            methods=[cls.budgeting],
            tags=["proračun"],
        )
        cls.similar_by_method = cls.practice(
            title="Podobna po metodi", decision_type="ordinance", methods=[cls.budgeting]
        )
        cls.similar_by_decision = cls.practice(title="Podobna po odločitvi", decision_type="budget")
        cls.unrelated = cls.practice(title="Nepovezana", decision_type="spatial_plan", methods=[cls.forum])

    def test_facts_panel_and_links(self):
        response = self.client.get(self.story.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "1.500" in html, "participants grouped the Slovenian way"
        assert "360.000 EUR" in html
        assert "Participativni proračun" in html
        assert f'href="{self.index.url}?tag=prora%C4%8Dun"' in html

    def test_preview_shows_the_facts_panel(self):
        # The case study's context comes from its registered view, which previews render too.
        html = self.story.make_preview_request().content.decode()
        assert "1.500" in html
        assert "360.000 EUR" in html
        assert '"@type": "Article"' in html

    def test_similar_practices_share_method_or_decision(self):
        response = self.client.get(self.story.url)
        similar = {p.title for p in response.context["similar_practices"]}
        assert similar == {"Podobna po metodi", "Podobna po odločitvi"}

    def test_similar_practices_are_at_most_three(self):
        for number in range(4):
            self.practice(title=f"Še ena {number}", decision_type="budget")
        response = self.client.get(self.story.url)
        assert len(response.context["similar_practices"]) == 3

    def test_renders_in_every_language_with_local_number_format(self):
        for code in ["en", "bg", "cs", "sk"]:
            translated = self.translate(self.story, code, {"Participativni proračun": f"Budget ({code})"})
            response = self.client.get(translated.url)
            assert response.status_code == 200
            assert f'<h1 id="practice-title">Budget ({code})</h1>' in response.content.decode()
            with translation.override(code):
                expected = number_format(360000, decimal_pos=0, use_l10n=True, force_grouping=True)
            assert f"{expected} EUR" in response.content.decode()
        english = self.client.get(f"/en/practices/{self.story.slug}/")
        assert "360,000 EUR" in english.content.decode()

    def test_method_names_follow_the_reader(self):
        english_method = self.method_in(self.budgeting, "en")
        translated = self.translate(self.story, "en", {"Participativni proračun": "Participatory budgeting"})
        response = self.client.get(translated.url)
        assert response.context["method_names"] == [english_method.name]
