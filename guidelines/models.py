"""Guideline pages: the index of guides, guides and their ordered chapters.

Only what the page types are; `views.py` serves them (routes registered in `routes.py`), and
`links.py` holds the chapters' links to case studies.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from home.fields import ChoiceCodesField
from home.models import BasePage, DecisionType, IndexPage
from portal.routing import RoutedPageMixin
from portal.serializers import LocalizedSnippetsField

from .blocks import ChapterStreamBlock
from .links import (
    PRACTICE_PAGES,
    ChapterLinksFormMixin,
    LinkedPagesField,
    PositionedCheckboxes,
    pages_for_keys,
    practice_keys,
)

COVER_RENDITION = "fill-480x320"


def decision_type_choices(codes):
    """(code, label) pairs for the known codes in `codes`, in the order DecisionType defines."""
    codes = set(codes or [])
    return [(code, label) for code, label in DecisionType.choices if code in codes]


# The entry points offered to visitors; "other" stays a valid route but is not advertised.
DECISION_TYPE_ENTRY_POINTS = [
    DecisionType.ORDINANCE,
    DecisionType.STRATEGY,
    DecisionType.SPATIAL_PLAN,
    DecisionType.BUDGET,
]


class GuidelineIndexPage(IndexPage):
    """The list of guides, and the way into chapters by the kind of decision."""

    subpage_types = ["guidelines.GuidePage"]

    class Meta:
        verbose_name = _("guideline index page")

    def guides(self):
        """The live guides of this index (so of its language), in tree order."""
        image_model = get_image_model()
        return (
            self.listed(GuidePage)
            .select_related("locale")
            .prefetch_related(
                models.Prefetch("cover_image", queryset=image_model.objects.prefetch_renditions(COVER_RENDITION))
            )
        )

    def decision_type_url(self, code):
        return self.url + self.reverse_subpage("decision_type", kwargs={"decision_type": code})

    def decision_type_links(self, codes=DECISION_TYPE_ENTRY_POINTS):
        """Links to the by-decision views for `codes`, in DecisionType order."""
        return [
            {"code": code, "label": label, "url": self.decision_type_url(code)}
            for code, label in decision_type_choices(codes)
        ]


class GuidePage(RoutedPageMixin, BasePage):
    """One guide: who published it and when, its PDF, and its chapters in order."""

    summary = models.TextField(_("summary"))
    publishers = ParentalManyToManyField(
        "home.Organisation", verbose_name=_("publishers"), blank=True, related_name="guides"
    )
    publisher_note = models.TextField(
        _("note on the publishers"),
        blank=True,
        help_text=_("For example the working group that prepared the guide."),
    )
    year = models.PositiveSmallIntegerField(_("year of publication"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF of the whole guide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_types = ChoiceCodesField(
        _("applies to decisions on"), max_length=100, choices=DecisionType.choices, blank=True
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("publishers"), FieldPanel("publisher_note"), FieldPanel("year")],
            heading=_("Publication"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("pdf_document"),
        FieldPanel("decision_types"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("publisher_note"),
        index.FilterField("year"),
    ]
    search_facets = {"decision_type": "decision_types", "year": "year"}
    api_fields = [
        APIField("summary"),
        APIField("publishers", serializer=LocalizedSnippetsField(many=True)),
        *(APIField(name) for name in ["publisher_note", "year", "cover_image", "pdf_document", "decision_types"]),
    ]

    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types = ["guidelines.GuideChapterPage"]

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def chapters(self):
        """The live chapters in the order editors gave them in the page tree."""
        return GuideChapterPage.objects.child_of(self).live().select_related("locale").order_by("path")

    @cached_property
    def index_page(self):
        return GuidelineIndexPage.objects.ancestor_of(self).first()

    @property
    def print_url(self):
        return self.url + self.reverse_subpage("print")

    @property
    def pdf_link(self):
        """The PDF as the shared document block shows it, or None."""
        if self.pdf_document is None:
            return None
        return {"document": self.pdf_document, "title": _("Download the guide as PDF")}

    def applies_to(self, codes):
        """Labels linking to the by-decision views of the index, for `codes`."""
        if self.index_page is None:
            return []
        return self.index_page.decision_type_links(codes)


class GuideChapterPageForm(ChapterLinksFormMixin, WagtailAdminPageForm):
    """The chapter's editor, with the case studies that show it (in the chapter's language)."""

    related_practices = LinkedPagesField(
        queryset=Page.objects.none(),
        required=False,
        label=_("related practices"),
        help_text=_("Case studies that show this chapter in practice; the numbers give their order."),
        widget=PositionedCheckboxes,
    )


class GuideChapterPage(RoutedPageMixin, BasePage):
    """A chapter of a guide: key steps, checklists, questions, tips and related practices."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ChapterStreamBlock(), verbose_name=_("body"), blank=True)
    decision_types = ChoiceCodesField(
        _("applies to decisions on"), max_length=100, choices=DecisionType.choices, blank=True
    )

    base_form_class = GuideChapterPageForm
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("decision_types"),
        FieldPanel("related_practices"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    search_facets = {"decision_type": "decision_types"}
    api_fields = [APIField(name) for name in ["intro", "body", "decision_types", "practices"]]

    parent_page_types = ["guidelines.GuidePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide chapter")
        verbose_name_plural = _("guide chapters")

    @property
    def practices(self):
        """Ids of the linked case studies in this chapter's language where translated, for the API."""
        keys = practice_keys(self.translation_key)
        return [page.pk for page in pages_for_keys(keys, PRACTICE_PAGES, language=self.locale.language_code)]

    @cached_property
    def guide(self):
        # ancestor_of works in a preview too, where the page is not saved in the tree yet.
        return GuidePage.objects.ancestor_of(self).first()

    @cached_property
    def outline(self):
        """The in-page contents: headings, numbered key steps and questions, in body order."""
        entries = []
        step = 0
        for block in self.body:
            if block.block_type == "heading":
                entries.append({"anchor": f"h-{block.id}", "title": block.value["text"], "number": None})
            elif block.block_type == "key_step":
                step += 1
                entries.append({"anchor": f"step-{block.id}", "title": block.value["title"], "number": step})
            elif block.block_type == "question":
                entries.append({"anchor": f"q-{block.id}", "title": block.value["question"], "number": None})
        return entries

    @cached_property
    def key_step_numbers(self):
        return {entry["anchor"].removeprefix("step-"): entry["number"] for entry in self.outline if entry["number"]}
