"""Good-practice pages: the listing, the case studies and who submitted them.

Only what the page types are; `views.py` serves them (routes registered in `routes.py`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from guidelines.links import CHAPTER_PAGES, LinkedPagesField, PracticeLinksFormMixin, chapter_keys, pages_for_keys
from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock, DocumentBlock, ImageBlock
from home.fields import ChoiceCodesField
from home.models import BasePage, Country, DecisionType, IndexPage, Organisation, ParticipationMethod, Person
from portal.routing import RoutedPageMixin
from portal.serializers import LocalizedSnippetsField


class ParticipationLevel(models.TextChoices):
    """The rungs of the participation ladder (IAP2 spectrum)."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Empower")


class TargetGroup(models.TextChoices):
    """Who a practice set out to involve."""

    CITIZENS = "citizens", _("Residents")
    YOUTH = "youth", _("Young people")
    SENIORS = "seniors", _("Older people")
    CHILDREN = "children", _("Children")
    MINORITIES = "minorities", _("Minorities")
    NGOS = "ngos", _("NGOs")
    BUSINESSES = "businesses", _("Businesses")
    PUBLIC_SERVANTS = "public_servants", _("Public servants")
    ELECTED_OFFICIALS = "elected_officials", _("Elected officials")
    EXPERTS = "experts", _("Experts")


class Currency(models.TextChoices):
    """Currencies of the countries the portal covers."""

    EUR = "EUR", _("Euro")
    BGN = "BGN", _("Bulgarian lev")
    CZK = "CZK", _("Czech koruna")
    HUF = "HUF", _("Hungarian forint")
    PLN = "PLN", _("Polish złoty")
    RON = "RON", _("Romanian leu")


class PracticeTag(TaggedItemBase):
    """Links a case study to its topic tags."""

    content_object = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items")


class PracticeIndexPage(IndexPage):
    """The filterable list of case studies and the form to share a new one."""

    subpage_types = ["practices.PracticePage"]

    class Meta:
        verbose_name = _("practice index page")


class PracticePageForm(PracticeLinksFormMixin, WagtailAdminPageForm):
    """The case study's editor, with the guide chapters it shows (in the practice's language)."""

    guide_chapters = LinkedPagesField(
        queryset=Page.objects.none(),
        required=False,
        label=_("related guideline chapters"),
        widget=forms.CheckboxSelectMultiple,
    )


class PracticePage(RoutedPageMixin, BasePage):
    """One case study: the story of a municipality involving people, with its facts."""

    summary = models.TextField(_("summary"), max_length=1000)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=200,
        blank=True,
        help_text=_("Where it happened, when no organisation snippet describes it."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.SLOVENIA)
    region = models.CharField(_("region"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    ongoing = models.BooleanField(_("ongoing"), default=False)

    methods = ParentalManyToManyField(
        ParticipationMethod, verbose_name=_("participation methods"), blank=True, related_name="practices"
    )
    participation_level = models.CharField(
        _("participation level"), max_length=20, choices=ParticipationLevel.choices, blank=True
    )
    decision_type = models.CharField(_("decision type"), max_length=20, choices=DecisionType.choices, blank=True)
    target_groups = ChoiceCodesField(_("target groups"), max_length=300, choices=TargetGroup.choices, blank=True)
    participants = models.IntegerField(_("number of participants"), null=True, blank=True)
    budget = models.DecimalField(_("budget allocated"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)

    outcomes = RichTextField(_("outcomes"), features=RICH_TEXT_FEATURES, blank=True)
    obstacles = RichTextField(_("obstacles and how they were solved"), features=RICH_TEXT_FEATURES, blank=True)
    lessons = RichTextField(_("lessons learned"), features=RICH_TEXT_FEATURES, blank=True)
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    tags = ClusterTaggableManager(through=PracticeTag, verbose_name=_("topic tags"), blank=True)
    gallery = StreamField([("image", ImageBlock())], verbose_name=_("gallery"), blank=True, max_num=12)
    documents = StreamField([("document", DocumentBlock())], verbose_name=_("documents"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("ongoing")]),
            ],
            heading=_("Where and when"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("methods", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("participation_level"), FieldPanel("decision_type")]),
                FieldPanel("target_groups"),
                FieldRowPanel([FieldPanel("participants"), FieldPanel("budget"), FieldPanel("currency")]),
            ],
            heading=_("How"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("obstacles"),
        FieldPanel("lessons"),
        FieldPanel("contact"),
        FieldPanel("tags"),
        FieldPanel("guide_chapters"),
        FieldPanel("gallery"),
        FieldPanel("documents"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("region"),
        index.SearchField("municipality"),
        index.SearchField("outcomes"),
        index.SearchField("obstacles"),
        index.SearchField("lessons"),
        index.FilterField("country"),
        index.FilterField("decision_type"),
        index.FilterField("participation_level"),
        index.FilterField("start_date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    search_facets = {
        "country": "country",
        "method": "methods",
        "decision_type": "decision_type",
        "topic": "tags",
        "year": "start_date",
    }
    # Snippets keep pointing at their source-language versions; readers see `.localized`.
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("organisation"),
        SynchronizedField("contact"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("organisation", serializer=LocalizedSnippetsField()),
        *(APIField(name) for name in ["municipality", "country", "region", "start_date", "end_date", "ongoing"]),
        APIField("methods", serializer=LocalizedSnippetsField(many=True)),
        *(APIField(name) for name in ["participation_level", "decision_type", "target_groups", "participants"]),
        *(APIField(name) for name in ["budget", "currency", "outcomes", "obstacles", "lessons"]),
        APIField("contact", serializer=LocalizedSnippetsField()),
        *(APIField(name) for name in ["tags", "related_chapters", "gallery", "documents"]),
    ]

    base_form_class = PracticePageForm
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    @property
    def related_chapters(self):
        """Ids of the linked guide chapters in this practice's language where translated, for the API."""
        keys = chapter_keys(self.translation_key)
        return [page.pk for page in pages_for_keys(keys, CHAPTER_PAGES, language=self.locale.language_code)]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.ongoing and self.end_date:
            errors.setdefault("end_date", _("An ongoing practice has no end date yet: leave it empty."))
        if self.participants is not None and self.participants < 0:
            errors["participants"] = _("The number of participants cannot be negative.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("The budget cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def target_group_labels(self):
        labels = dict(TargetGroup.choices)
        return [labels[code] for code in self.target_groups if code in labels]


@register_snippet
class PracticeSubmission(models.Model):
    """Who sent a practice through the public form: for moderators only, never shown publicly."""

    practice = models.OneToOneField(
        PracticePage, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="submission"
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    publish_contact = models.BooleanField(_("contact may be published"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    panels = [
        FieldPanel("practice", read_only=True),
        FieldPanel("contact_name"),
        FieldPanel("contact_email"),
        FieldPanel("publish_contact"),
    ]

    class Meta:
        verbose_name = _("practice submission")
        verbose_name_plural = _("practice submissions")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.practice.title} ({self.contact_name})"
