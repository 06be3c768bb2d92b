"""Home page, standard pages, the abstract base page, site settings and shared snippets."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.i18n import localized_in_bulk
from portal.routing import RoutedPageMixin
from portal.search.indexing import normalised_text, searchable_text
from portal.search.normalise import locale_marker, normalise_text

from .blocks import BaseStreamBlock


class Country(models.TextChoices):
    """Countries the portal covers first, then neighbours that share its practices."""

    SLOVENIA = "SI", _("Slovenia")
    BULGARIA = "BG", _("Bulgaria")
    CZECHIA = "CZ", _("Czechia")
    SLOVAKIA = "SK", _("Slovakia")
    CROATIA = "HR", _("Croatia")
    AUSTRIA = "AT", _("Austria")
    HUNGARY = "HU", _("Hungary")
    POLAND = "PL", _("Poland")
    ROMANIA = "RO", _("Romania")
    OTHER = "XX", _("Other country")


class DecisionType(models.TextChoices):
    """The kinds of municipal decision that guidelines and practices are sorted by."""

    ORDINANCE = "ordinance", _("Ordinance")
    STRATEGY = "strategy", _("Development strategy")
    SPATIAL_PLAN = "spatial_plan", _("Spatial plan")
    BUDGET = "budget", _("Budget")
    OTHER = "other", _("Other decision")


# --- Shared snippets -------------------------------------------------------------------


@register_snippet
class Organisation(TranslatableMixin, models.Model):
    """A municipality, NGO, ministry or agency that publishes, organises or runs things."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        NGO = "ngo", _("Non-governmental organisation")
        MINISTRY = "ministry", _("Ministry")
        REGIONAL_AGENCY = "regional_agency", _("Regional development agency")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.SLOVENIA)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("country"), FieldPanel("website"), FieldPanel("logo")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Person(TranslatableMixin, models.Model):
    """A speaker or contact person, shown with role and organisation."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation"), FieldPanel("photo")]
    # A name may be transliterated (Cyrillic); role and organisation follow the language.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class ParticipationMethod(TranslatableMixin, models.Model):
    """A way of involving people (participatory budgeting, youth council, forum, ...)."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("participation method")
        verbose_name_plural = _("participation methods")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class SiteText(TranslatableMixin, models.Model):
    """Reader-visible words of the site settings, translated like any snippet."""

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    footer_text = models.TextField(_("footer text"), blank=True)

    panels = [FieldPanel("organisation_name"), FieldPanel("footer_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site text")
        verbose_name_plural = _("site texts")

    def __str__(self):
        return self.organisation_name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site, how to reach them and where they are on social media."""

    site_text = models.ForeignKey(
        SiteText,
        verbose_name=_("organisation name and footer text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Translate this snippet to show it in every language."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the forms that collect personal data, in the reader's language where translated."),
    )

    panels = [
        FieldPanel("site_text"),
        FieldPanel("contact_email"),
        FieldPanel("facebook_url"),
        FieldPanel("linkedin_url"),
        FieldPanel("youtube_url"),
        FieldPanel("mastodon_url"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(name, url) for name, url in links if url]

    def privacy_notice(self, locale):
        """The privacy notice for readers of `locale`: the chosen page in their language
        where translated; without a choice, the live page with the slug "privacy"."""
        if self.privacy_page_id is None:
            return Page.objects.live().filter(slug="privacy", locale=locale).order_by("depth").first()
        [page] = localized_in_bulk([self.privacy_page], locale_id=locale.pk)
        return page if page.live else None


# --- Pages -----------------------------------------------------------------------------


class BasePage(Page):
    """Behaviour every public page shares: synchronised slugs and the untranslated note."""

    # One slug for every language keeps the language switcher a simple prefix swap.
    override_translatable_fields = [SynchronizedField("slug")]

    # Beside the original fields, the index holds their text normalised for the page's
    # language (lemmas, diacritics folded): derived from the subclass's own SearchFields.
    search_fields = Page.search_fields + [
        index.SearchField("search_title_normalised", boost=2),
        index.SearchField("search_text_normalised"),
        index.AutocompleteField("search_title_normalised"),
        index.SearchField("search_locale_marker"),
    ]
    # Facets this page type offers on the search page, {facet name: field name}, e.g.
    # {"country": "country", "year": "start_date"} (see portal.search.facets); none by default.
    search_facets = {}

    class Meta:
        abstract = True

    def search_title_normalised(self):
        return normalise_text(self.title, self.content_language)

    def search_text_normalised(self):
        return normalised_text(self, self.content_language)

    def search_locale_marker(self):
        return locale_marker(self.locale.language_code)

    def search_snippet_text(self):
        """Plain text to cut a search result snippet from, without extra queries."""
        return searchable_text(self, include_related=False)

    @cached_property
    def shown_in_original_language(self):
        """True for an alias of a page that has no translation into this language yet."""
        return self.alias_of_id is not None and self.alias_of.locale_id != self.locale_id

    @cached_property
    def content_language(self):
        """The language the visible text of this page is written in."""
        if self.shown_in_original_language:
            return self.alias_of.locale.language_code
        return self.locale.language_code


class IndexPage(RoutedPageMixin, BasePage):
    """What the three listings under a home page share: an introduction, one per language tree,
    in the menu, and the live public pages they list. Each app registers its own routes."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    show_in_menus_default = True
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def listed(self, model):
        """The live, public pages of `model` directly below this index (so in its language)."""
        return model.objects.child_of(self).live().public()


class HomePage(BasePage):
    """The root of each language's tree: a lead, entry points and a search box."""

    lead = models.TextField(_("lead"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    search_fields = BasePage.search_fields + [index.SearchField("lead")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "guidelines.GuidelineIndexPage",
        "practices.PracticeIndexPage",
        "events.EventIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().exclude(content_type__model="standardpage").specific()
        return context


class StandardPage(BasePage):
    """A page of text: about, contact, privacy notice, accessibility statement."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
