"""The views of the guideline pages; `routes.py` puts them under the pages.

Each view is `view(page, request, ...)` and renders its page with what the request needs:
the guides of an index, the chapters of a guide, a chapter's neighbours and practices.
"""

from django.http import Http404

from home.models import DecisionType
from portal.i18n import localized_in_bulk

from .links import PRACTICE_PAGES, pages_for_keys, practice_keys
from .models import GuideChapterPage, GuidePage


def index_context(index_page):
    """What every view of a guideline index shows: its guides and the ways in by decision."""
    return {"guides": index_page.guides(), "decision_types": index_page.decision_type_links()}


def guideline_index(index_page, request):
    """The guides of this language, and the ways in by kind of decision."""
    return index_page.render(request, context_overrides=index_context(index_page))


def by_decision_type(index_page, request, decision_type):
    """The chapters of this language that apply to one kind of decision, by guide."""
    if decision_type not in DecisionType.values:
        raise Http404
    guides = list(index_page.listed(GuidePage))
    chapters = (
        GuideChapterPage.objects.descendant_of(index_page)
        .live()
        .filter(decision_types__has=decision_type)
        .select_related("locale")
    )
    chapters_by_guide = {guide.path: [] for guide in guides}
    for chapter in chapters:
        siblings = chapters_by_guide.get(chapter.path[: -GuidePage.steplen])
        if siblings is not None:
            siblings.append(chapter)
    sections = [
        {"guide": guide, "chapters": chapters_by_guide[guide.path]}
        for guide in guides
        if chapters_by_guide[guide.path]
    ]
    return index_page.render(
        request,
        template="guidelines/guideline_index_page_decision_type.html",
        context_overrides={
            **index_context(index_page),
            "decision_type": DecisionType(decision_type),
            "sections": sections,
        },
    )


def guide_context(guide):
    """What a guide and its print view show: chapters, publishers and the decisions it applies to."""
    return {
        "chapters": guide.chapters(),
        "publishers": localized_in_bulk(guide.publishers.all()),
        "applies_to": guide.applies_to(guide.decision_types),
    }


def guide_page(guide, request):
    """One guide: its facts and its table of contents."""
    return guide.render(request, context_overrides=guide_context(guide))


def guide_print(guide, request):
    """Every chapter on one page, in order, for printing the whole guide."""
    return guide.render(request, template="guidelines/guide_page_print.html", context_overrides=guide_context(guide))


def related_practices(chapter):
    """The live case studies linked to the chapter, in the reader's language where
    translated, in the chapter's order."""
    return pages_for_keys(practice_keys(chapter.translation_key), PRACTICE_PAGES)


def chapter_page(chapter, request):
    """A chapter with its guide's contents, the chapters before and after it and its practices."""
    guide = chapter.guide
    chapters = list(guide.chapters()) if guide else []
    position = next((i for i, other in enumerate(chapters) if other.pk == chapter.pk), None)
    return chapter.render(
        request,
        context_overrides={
            "guide": guide,
            "chapters": chapters,
            "previous_chapter": chapters[position - 1] if position else None,
            "next_chapter": chapters[position + 1] if position is not None and position + 1 < len(chapters) else None,
            "applies_to": guide.applies_to(chapter.decision_types) if guide else [],
            "related_practices": related_practices(chapter),
        },
    )
