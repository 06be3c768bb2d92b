"""Which case studies show which guide chapters, stored once for every language of both.

A link joins two translation keys, so a translation neither copies nor loses it, and the
chapter editor, the practice editor and every language version see the same row. Links are
not part of a page's revisions: saving either page's form changes them at once. The order
is the chapter's: the place of each practice in the chapter's list.

The practices app stands above this one; both sides name each other's page type by content
type here, so this module imports neither app's pages.
"""

from django import forms
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

CHAPTER_PAGES = {"content_type__app_label": "guidelines", "content_type__model": "guidechapterpage"}
PRACTICE_PAGES = {"content_type__app_label": "practices", "content_type__model": "practicepage"}


class ChapterPractice(models.Model):
    """A case study that shows a guide chapter in practice."""

    chapter_key = models.UUIDField(_("chapter"), db_index=True)
    practice_key = models.UUIDField(_("practice"), db_index=True)
    sort_order = models.PositiveIntegerField(_("position in the chapter"), default=0)

    class Meta:
        verbose_name = _("chapter and practice link")
        verbose_name_plural = _("chapter and practice links")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["chapter_key", "practice_key"], name="unique_chapter_practice"),
        ]

    def __str__(self):
        return f"{self.chapter_key} → {self.practice_key}"


def practice_keys(chapter_key):
    """The practices linked to a chapter, in the chapter's order."""
    return list(ChapterPractice.objects.filter(chapter_key=chapter_key).values_list("practice_key", flat=True))


def chapter_keys(practice_key):
    """The chapters a practice is linked to."""
    return list(ChapterPractice.objects.filter(practice_key=practice_key).values_list("chapter_key", flat=True))


def pages_for_keys(keys, kind, *, language=None):
    """One live page per key in `keys` order: the one in `language` (the active one by
    default) where there is one, else the oldest live version."""
    language = language or get_language()
    pages = Page.objects.live().filter(translation_key__in=keys, alias_of__isnull=True, **kind)
    chosen = {}
    for page in pages.select_related("locale").order_by("pk"):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale.language_code == language and current.locale.language_code != language):
            chosen[page.translation_key] = page
    return [chosen[key] for key in dict.fromkeys(keys) if key in chosen]


@transaction.atomic
def set_practices_of_chapter(chapter_key, keys):
    """Link the chapter to exactly these practices, in this order."""
    keys = list(dict.fromkeys(keys))
    ChapterPractice.objects.filter(chapter_key=chapter_key).exclude(practice_key__in=keys).delete()
    existing = {link.practice_key: link for link in ChapterPractice.objects.filter(chapter_key=chapter_key)}
    for position, key in enumerate(keys):
        link = existing.get(key) or ChapterPractice(chapter_key=chapter_key, practice_key=key)
        if link.pk is None or link.sort_order != position:
            link.sort_order = position
            link.save()


@transaction.atomic
def set_chapters_of_practice(practice_key, keys):
    """Link the practice to exactly these chapters; a new link goes last in its chapter."""
    keys = set(keys)
    ChapterPractice.objects.filter(practice_key=practice_key).exclude(chapter_key__in=keys).delete()
    for key in keys - set(chapter_keys(practice_key)):
        last = ChapterPractice.objects.filter(chapter_key=key).aggregate(last=Max("sort_order"))["last"]
        ChapterPractice.objects.create(chapter_key=key, practice_key=practice_key, sort_order=(last or 0) + 1)


# --- the admin forms that edit the links from either side --------------------------------


def offered_pages(kind, locale_id, linked_keys):
    """The pages an editor may link: those in the edited page's language, plus the original
    of any linked page that has no version in it (so saving the form keeps that link)."""
    pages = Page.objects.filter(alias_of__isnull=True, **kind)
    missing = set(linked_keys) - set(pages.filter(locale_id=locale_id).values_list("translation_key", flat=True))
    originals = {}
    for pk, key in pages.filter(translation_key__in=missing).order_by("-pk").values_list("pk", "translation_key"):
        originals[key] = pk
    return pages.filter(models.Q(locale_id=locale_id) | models.Q(pk__in=originals.values())).order_by("title")


class PositionedCheckboxes(forms.CheckboxSelectMultiple):
    """A checkbox and a position box per page: the ticked pages come in the order of their
    positions, ties and empty boxes in the order of the list."""

    option_template_name = "components/widgets/positioned_checkbox_option.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        positions = {chosen: place for place, chosen in enumerate(context["widget"]["value"], start=1)}
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                option["position"] = positions.get(str(option["value"]), "")
        return context

    def value_from_datadict(self, data, files, name):
        chosen = super().value_from_datadict(data, files, name) or []

        def place(item):
            index, value = item
            position = str(data.get(f"{name}-position-{value}", "")).strip()
            return (int(position) if position.isdigit() else len(chosen) + index, index)

        return [value for _index, value in sorted(enumerate(chosen), key=place)]


class LinkedPagesField(forms.ModelMultipleChoiceField):
    """The ticked pages as a list, in the order the widget gives them."""

    def clean(self, value):
        pages = {str(page.pk): page for page in super().clean(value)}
        return [pages[pk] for pk in dict.fromkeys(map(str, value or [])) if pk in pages]

    def has_changed(self, initial, data):
        return [str(pk) for pk in self.prepare_value(initial or [])] != [str(pk) for pk in data or []]


class LinksPageFormMixin:
    """One side of the links in a page's admin form: `links_field` lists the pages of
    `linked_kind` in the page's language; saving the form stores the choice."""

    links_field = ""
    linked_kind = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.links_field)
        if field is None:
            return
        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        linked = self.linked_keys(self.instance.translation_key)
        field.queryset = offered_pages(self.linked_kind, locale_id, linked)
        pk_by_key = dict(field.queryset.values_list("translation_key", "pk"))
        self.initial[self.links_field] = [pk_by_key[key] for key in linked if key in pk_by_key]

    def save(self, commit=True):
        page = super().save(commit=commit)
        if self.links_field in self.cleaned_data:
            linked_pages = self.cleaned_data[self.links_field]
            self.store_links(page.translation_key, [linked.translation_key for linked in linked_pages])
        return page

    @staticmethod
    def linked_keys(key):
        """The translation keys linked to the page with `key`."""
        raise NotImplementedError

    @staticmethod
    def store_links(key, linked_keys):
        """Link the page with `key` to exactly `linked_keys`."""
        raise NotImplementedError


class ChapterLinksFormMixin(LinksPageFormMixin):
    """The chapter's side: its practices, in order."""

    links_field = "related_practices"
    linked_kind = PRACTICE_PAGES

    linked_keys = staticmethod(practice_keys)
    store_links = staticmethod(set_practices_of_chapter)


class PracticeLinksFormMixin(LinksPageFormMixin):
    """The practice's side: the chapters it shows."""

    links_field = "guide_chapters"
    linked_kind = CHAPTER_PAGES

    linked_keys = staticmethod(chapter_keys)
    store_links = staticmethod(set_chapters_of_practice)


def forget_deleted_page(sender, instance, **kwargs):
    """Once no version of a page is left, its links go too (connected in apps.py)."""
    if not Page.objects.filter(translation_key=instance.translation_key).exists():
        ChapterPractice.objects.filter(
            models.Q(chapter_key=instance.translation_key) | models.Q(practice_key=instance.translation_key)
        ).delete()
