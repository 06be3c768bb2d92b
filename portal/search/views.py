"""The search page and its autocomplete endpoint, one per language."""

import difflib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from portal.i18n import localized_in_bulk

from .facets import FacetSet
from .highlight import highlight
from .models import SearchTerm
from .normalise import MAX_QUERY_LENGTH, build_query, fold, matching_terms, query_words, words

logger = logging.getLogger(__name__)
OTHER_LANGUAGE_RESULTS = 5
SUGGESTED_TERMS = 5


def _unavailable_errors():
    """Exceptions meaning the search backend cannot answer now (not a bug in the request)."""
    errors = [DatabaseError]
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [TransportError, ApiError]
    except ImportError:  # pragma: no cover (Elasticsearch client not installed)
        pass
    return tuple(errors)


def _search(queryset, query_string, language, operator="and", autocomplete=False, locales=()):
    """Run a query on the configured backend: term queries on ours, plain text elsewhere.

    `locales` (language codes) narrows the query inside our backends' index; `queryset`
    must still filter on them, as other backends ignore it.
    """
    backend = get_search_backend()
    ranked = backend.__class__.__module__.startswith("portal.")
    if ranked:
        query = build_query(query_string, language, operator, last_word_is_prefix=autocomplete, locales=locales)
    else:
        query = " ".join(fold(word) for word in query_words(query_string))
    if autocomplete:
        return queryset.autocomplete(query, operator=None if ranked else "and")
    return queryset.search(query, operator=None if ranked else operator)


def _ranked_ids(results):
    """Ids of the matching pages, best first (ours: every match; others: the first thousand)."""
    return results.ranked_ids() if hasattr(results, "ranked_ids") else [page.pk for page in results[:1000]]


def _best_ids(results, wanted):
    """Ids of a few of the best matches, with bounded work where the backend offers it."""
    return results.best_ids(wanted) if hasattr(results, "best_ids") else [page.pk for page in results[:wanted]]


def _page(results, ids, number):
    """The requested page of results and its page ids. Ours rank every match at once, so the
    ids are paginated; other backends page through their own results (and count beyond 1,000)."""
    source = ids if hasattr(results, "ranked_ids") else results
    page_obj = Paginator(source, settings.SEARCH_RESULTS_PER_PAGE).get_page(number)
    return page_obj, [getattr(item, "pk", item) for item in page_obj.object_list]


def _live_pages(request):
    return Page.objects.live().public()


def _vocabulary(locale):
    """Folded title words of a language's pages, for "did you mean" suggestions."""
    key = f"search-vocabulary-{locale.pk}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        titles = Page.objects.live().filter(locale=locale, depth__gt=1).values_list("title", flat=True)
        title_words = {fold(word) for title in titles for word in words(title)}
        vocabulary = sorted(word for word in title_words if len(word) > 3 and word.isalpha())
        cache.set(key, vocabulary, 600)
    return vocabulary


def _suggested_terms(query_string, locale):
    vocabulary = _vocabulary(locale)
    suggestions = []
    for word in query_words(query_string):
        # Words with the same first letter: a typo there is rare, and it bounds the comparisons.
        same_start = [known for known in vocabulary if known[0] == fold(word)[0]]
        for close in difflib.get_close_matches(fold(word), same_start, n=2, cutoff=0.7):
            if close != fold(word) and close not in suggestions:
                suggestions.append(close)
    return suggestions[:SUGGESTED_TERMS]


def _promotions(query_string, locale):
    """Editors' picks for this query, their pages shown in the active language when translated."""
    promotions = list(
        SearchPromotion.objects.filter(
            query__in=Query.objects.filter(query_string=normalise_query_string(query_string))
        )
        .select_related("page")
        .order_by("sort_order")
    )
    pages = localized_in_bulk([promotion.page for promotion in promotions], locale_id=locale.pk)
    items = []
    for promotion, page in zip(promotions, pages, strict=True):
        if page is not None:
            if page.live:
                items.append({"title": page.title, "url": page.url, "description": promotion.description})
        elif promotion.external_link_url:
            items.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return items


def _describe(pages, request, terms, language_names, mark_language):
    """What the template shows of each result; `pages` are specific pages."""
    items = []
    for page in pages:
        content_language = getattr(page, "content_language", page.locale.language_code)
        text = page.search_snippet_text() if hasattr(page, "search_snippet_text") else page.search_description
        items.append(
            {
                "page": page,
                "title": page.title,
                "url": page.get_url(request),
                "type": page._meta.verbose_name,
                "language": content_language,
                "language_name": language_names.get(content_language, content_language) if mark_language else "",
                "snippet": highlight(page.search_description or text, terms, content_language),
            }
        )
    return items


def _specific(pks, locales):
    """Specific pages in the given order: one query per page type, locales attached."""
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=pks).specific()}
    for page in by_pk.values():
        page.locale = locales[page.locale_id]
    return [by_pk[pk] for pk in pks if pk in by_pk]


def search(request):
    """Live pages of the active language matching the query, faceted and paginated.

    Matches found only in other languages follow on the first page, marked with their
    language. Anything a visitor types is reduced to words first, so operators and
    punctuation cannot break the backend.
    """
    language = get_language()
    locale = Locale.get_active()
    query_string = " ".join(request.GET.get("q", "")[:MAX_QUERY_LENGTH].split())
    facets = FacetSet(request.GET)
    context = {
        "search_query": query_string,
        "selected_facets": facets.selected,
        "has_words": bool(query_words(query_string)),
    }
    if not context["has_words"]:
        return TemplateResponse(request, "portal/search.html", context)

    terms = matching_terms(query_string, language)
    language_names = dict(settings.LANGUAGES)
    base = _live_pages(request).filter(locale=locale)
    try:
        operator = "and"
        # The ranked ids of every match give the count, the page of results and the facets.
        results = _search(facets.filter(base), query_string, language, operator)
        ids = _ranked_ids(results)
        if len(query_words(query_string)) > 1 and not ids:
            operator = "or"
            results = _search(facets.filter(base), query_string, language, operator)
            ids = _ranked_ids(results)
        page_obj, page_ids = _page(results, ids, request.GET.get("page"))
        context["facets"] = facets.counts(
            lambda name: (
                _ranked_ids(_search(facets.filter(base, exclude=name), query_string, language, operator))
                if name in facets.selected
                else ids
            )
        )
        locales = {each.pk: each for each in Locale.objects.all()}
        other_ids = []
        if page_obj.number == 1:
            translated_here = Page.objects.filter(pk__in_ids=ids).values("translation_key")
            others = _live_pages(request).exclude(locale=locale).exclude(translation_key__in=translated_here)
            other_languages = [other.language_code for other in locales.values() if other != locale]
            other_ids = _best_ids(
                _search(others, query_string, language, operator, locales=other_languages), OTHER_LANGUAGE_RESULTS
            )
        results_pages = _specific(page_ids, locales)
        other_pages = _specific(other_ids, locales)
    except _unavailable_errors():
        logger.exception("Search backend unavailable")
        return TemplateResponse(request, "portal/search.html", {**context, "unavailable": True}, status=503)

    SearchTerm.record(query_string, language, page_obj.paginator.count)
    context.update(
        {
            "page_obj": page_obj,
            "any_word": operator == "or",
            "results": _describe(results_pages, request, terms, language_names, mark_language=False),
            "other_results": _describe(other_pages, request, terms, language_names, mark_language=True),
            "promotions": _promotions(query_string, locale) if page_obj.number == 1 else [],
        }
    )
    if not page_obj.paginator.count and not other_pages:
        context["suggested_terms"] = _suggested_terms(query_string, locale)
        context["browse_pages"] = list(
            Page.objects.live().filter(locale=locale, depth=3, show_in_menus=True).order_by("path")
        )
    return TemplateResponse(request, "portal/search.html", context)


def suggest(request):
    """Titles and URLs of up to eight pages whose title words start as typed (JSON)."""
    query_string = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    if not query_words(query_string):
        return JsonResponse({"results": []})
    queryset = _live_pages(request).filter(locale=Locale.get_active())
    try:
        pages = list(_search(queryset, query_string, get_language(), autocomplete=True)[: settings.SEARCH_SUGGESTIONS])
    except _unavailable_errors():
        logger.exception("Search backend unavailable")
        return JsonResponse({"results": [], "error": "unavailable"}, status=503)
    return JsonResponse({"results": [{"title": page.title, "url": page.get_url(request)} for page in pages]})
