"""The link between guide chapters and case studies: stored once for every language, in the
chapter's order, edited in the admin from either side."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from guidelines.links import ChapterPractice
from tests.practices.base import PracticesTestCase

from .factories import GuideChapterPageFactory, GuidelineIndexPageFactory, GuidePageFactory

CHAPTER_PRACTICES = 'class="related-practices"'
PRACTICE_CHAPTERS = 'aria-labelledby="chapters-title"'


def listed_titles(html, marker):
    """Link texts inside the section whose opening tag holds `marker`, in document order."""
    match = re.search(rf"<section {marker}(.*?)</section>", html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", match.group(1)) if match else []


class ChapterPracticeLinkTests(PracticesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        guide = GuidePageFactory(parent=GuidelineIndexPageFactory(parent=cls.home), title="Vključevanje")
        cls.chapter = GuideChapterPageFactory(parent=guide, title="Posvetovanje", slug="posvetovanje")
        cls.other_chapter = GuideChapterPageFactory(parent=guide, title="Vrednotenje", slug="vrednotenje")
        cls.budget = cls.practice(title="Participativni proračun v Ajdovščini", slug="ajdovscina")
        cls.youth = cls.practice(title="Mladinski svet v Kanalu", slug="kanal")
        cls.forum = cls.practice(title="Forum v Celju", slug="celje")
        cls.editor = get_user_model().objects.create_superuser("urednica", "urednica@example.org", "geslo-123")

    def link(self, chapter, practice, position):
        ChapterPractice.objects.create(
            chapter_key=chapter.translation_key, practice_key=practice.translation_key, sort_order=position
        )

    def chapter_in(self, language_code, texts=None):
        """The chapter translated, with its guide and the guide index."""
        guide = self.chapter.get_parent().specific
        self.translate(guide.get_parent().specific, language_code)
        self.translate(guide, language_code)
        return self.translate(self.chapter, language_code, texts)

    def edit(self, page, fields, choices):
        """Publish `page` through its admin edit form; `choices` are sent as repeated keys."""
        self.client.force_login(self.editor)
        data = nested_form_data({"comments": inline_formset([]), "action-publish": "publish", **fields})
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, **choices})
        errors = response.context["form"].errors if response.status_code == 200 else ""
        self.assertEqual(response.status_code, 302, errors)

    def edit_chapter(self, chapter, practices_with_positions):
        fields = {"title": chapter.title, "slug": chapter.slug, "intro": "", "body": streamfield([])}
        fields.update({f"related_practices-position-{p.pk}": position for p, position in practices_with_positions})
        self.edit(chapter, fields, {"related_practices": [p.pk for p, _position in practices_with_positions]})

    def edit_practice(self, practice, chapters):
        fields = {
            "title": practice.title,
            "slug": practice.slug,
            "summary": "Povzetek.",
            "body": streamfield([("paragraph", rich_text("<p>Kako je potekalo.</p>"))]),
            "country": "SI",
            "participation_level": "consult",
            "decision_type": "budget",
            "currency": "EUR",
            "outcomes": rich_text(""),
            "obstacles": rich_text(""),
            "lessons": rich_text(""),
            "tags": "",
            "gallery": streamfield([]),
            "documents": streamfield([]),
        }
        self.edit(practice, fields, {"guide_chapters": [chapter.pk for chapter in chapters]})

    def form_for(self, page):
        """The page's admin form, as the standard editor builds it (synchronised translations
        open in wagtail-localize's editor, which leaves links to the source page's form)."""
        form_class = type(page).get_edit_handler().get_form_class()
        return form_class(instance=page, parent_page=page.get_parent(), for_user=self.editor)

    def chapter_keys_of(self, practice):
        return set(
            ChapterPractice.objects.filter(practice_key=practice.translation_key).values_list("chapter_key", flat=True)
        )

    def test_chapter_lists_its_practices_in_the_chapter_order(self):
        self.link(self.chapter, self.youth, 0)
        self.link(self.chapter, self.budget, 1)
        html = self.client.get(self.chapter.url).content.decode()
        self.assertEqual(listed_titles(html, CHAPTER_PRACTICES), [self.youth.title, self.budget.title])

    def test_no_practices_no_section(self):
        self.assertNotContains(self.client.get(self.chapter.url), "related-practices")

    def test_a_practice_lists_the_chapters_it_shows_in_guide_order(self):
        self.link(self.other_chapter, self.budget, 0)
        self.link(self.chapter, self.budget, 0)
        html = self.client.get(self.budget.url).content.decode()
        self.assertEqual(listed_titles(html, PRACTICE_CHAPTERS), ["Posvetovanje", "Vrednotenje"])

    def test_the_chapter_editor_chooses_and_orders_practices(self):
        self.edit_chapter(self.chapter, [(self.budget, 2), (self.forum, 1)])
        links = ChapterPractice.objects.filter(chapter_key=self.chapter.translation_key)
        self.assertEqual(
            [link.practice_key for link in links], [self.forum.translation_key, self.budget.translation_key]
        )

        # The practice's editor sees the same link ticked, and unticking it there removes it.
        form = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.budget.pk])).context["form"]
        self.assertEqual(form.initial["guide_chapters"], [self.chapter.pk])
        self.edit_practice(self.budget, [self.other_chapter])
        self.assertEqual(self.chapter_keys_of(self.budget), {self.other_chapter.translation_key})
        self.assertEqual(
            list(
                ChapterPractice.objects.filter(chapter_key=self.chapter.translation_key).values_list(
                    "practice_key", flat=True
                )
            ),
            [self.forum.translation_key],
        )

    def test_a_chapter_chosen_on_the_practice_goes_last_in_the_chapter(self):
        self.link(self.chapter, self.youth, 0)
        self.edit_practice(self.budget, [self.chapter])
        form = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.chapter.pk])).context["form"]
        self.assertEqual(form.initial["related_practices"], [self.youth.pk, self.budget.pk])
        html = form["related_practices"].as_widget()
        self.assertIn(f'name="related_practices-position-{self.budget.pk}" value="2"', html)

    def test_one_link_serves_every_language(self):
        self.link(self.chapter, self.budget, 0)
        chapter_bg = self.chapter_in("bg", {"Posvetovanje": "Консултиране"})
        self.translate(self.index, "bg")
        budget_bg = self.translate(self.budget, "bg", {self.budget.title: "Партиципаторен бюджет в Айдовщина"})
        self.assertEqual(ChapterPractice.objects.count(), 1)

        html = self.client.get(chapter_bg.url).content.decode()
        self.assertEqual(listed_titles(html, CHAPTER_PRACTICES), ["Партиципаторен бюджет в Айдовщина"])
        html = self.client.get(budget_bg.url).content.decode()
        self.assertEqual(listed_titles(html, PRACTICE_CHAPTERS), ["Консултиране"])
        # A standard editor of the Bulgarian chapter shows the Bulgarian version ticked: the same row.
        self.assertEqual(self.form_for(chapter_bg).initial["related_practices"], [budget_bg.pk])

    def test_a_link_to_a_page_without_this_language_is_kept_by_the_form(self):
        # The Czech chapter has no Czech version of the Slovenian practice: the form offers the
        # original, ticked, so saving the Czech chapter does not drop the link.
        self.link(self.chapter, self.budget, 0)
        chapter_cs = self.chapter_in("cs")
        form = self.form_for(chapter_cs)
        self.assertEqual(form.initial["related_practices"], [self.budget.pk])
        # Unlinked pages are offered only in the chapter's own language (none in Czech here).
        self.assertEqual([page.pk for page in form.fields["related_practices"].queryset], [self.budget.pk])

    def test_links_go_with_the_last_version_of_a_deleted_page(self):
        self.link(self.chapter, self.budget, 0)
        self.link(self.chapter, self.youth, 1)
        self.budget.delete()
        self.assertEqual(
            list(ChapterPractice.objects.values_list("practice_key", flat=True)), [self.youth.translation_key]
        )

    def test_api_names_the_linked_pages_in_each_language(self):
        self.link(self.chapter, self.budget, 0)
        chapter = self.client.get(f"/api/v2/pages/{self.chapter.pk}/").json()
        practice = self.client.get(f"/api/v2/pages/{self.budget.pk}/").json()
        self.assertEqual(chapter["practices"], [self.budget.pk])
        self.assertEqual(practice["related_chapters"], [self.chapter.pk])
