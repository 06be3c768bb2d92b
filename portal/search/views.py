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

from .backends import id_set
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


def _search(queryset, query_string, language, operator="and", autocomplete=False):
    """Run a query on the configured backend: term queries on ours, plain text elsewhere."""
    backend = get_search_backend()
    ranked = backend.__class__.__module__.startswith("portal.")
    if ranked:
        query = build_query(query_string, language, operator, last_word_is_prefix=autocomplete)
    else:
        query = " ".join(fold(word) for word in query_words(query_string))
    if autocomplete:
        return queryset.autocomplete(query, operator=None if ranked else "and")
    return queryset.search(query, operator=None if ranked else operator)


def _matching(results):
    """All matching pages, from their ids read once (ours: every match; others: the first thousand)."""
    ids = results.matching_ids() if hasattr(results, "matching_ids") else [page.pk for page in results[:1000]]
    return Page.objects.filter(pk__in=id_set(ids))


def _live_pages(request):
    return Page.objects.live().public()


def _vocabulary(locale):
    """Folded title words of a language's pages, for "did you mean" suggestions."""
    key = f"search-vocabulary-{locale.pk}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        titles = Page.objects.live().filter(locale=locale, depth__gt=1).values_list("title", flat=True)
        vocabulary = sorted({fold(word) for title in titles for word in words(title) if len(word) > 3})
        cache.set(key, vocabulary, 600)
    return vocabulary


def _suggested_terms(query_string, locale):
    vocabulary = _vocabulary(locale)
    suggestions = []
    for word in query_words(query_string):
        for close in difflib.get_close_matches(fold(word), vocabulary, n=2, cutoff=0.7):
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
    keys = [p.page.translation_key for p in promotions if p.page_id]
    localized = {
        page.translation_key: page for page in Page.objects.live().filter(locale=locale, translation_key__in=keys)
    }
    items = []
    for promotion in promotions:
        if promotion.page_id:
            page = localized.get(promotion.page.translation_key, promotion.page)
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


def _specific(pages, locales):
    """Specific pages in the given order: one query per page type, locales attached."""
    pks = [page.pk for page in pages]
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
        results = _search(facets.filter(base), query_string, language, operator)
        # Read the matching ids once: they give the count and every facet's pages.
        matching = _matching(results)
        if len(query_words(query_string)) > 1 and not results.count():
            operator = "or"
            results = _search(facets.filter(base), query_string, language, operator)
            matching = _matching(results)
        paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context["facets"] = facets.counts(
            lambda name: (
                _matching(_search(facets.filter(base, exclude=name), query_string, language, operator))
                if name in facets.selected
                else matching
            )
        )
        other_results = []
        if page_obj.number == 1:
            others = (
                _live_pages(request)
                .exclude(locale=locale)
                .exclude(translation_key__in=matching.values("translation_key"))
            )
            other_results = list(_search(others, query_string, language, operator)[:OTHER_LANGUAGE_RESULTS])
        locales = {locale.pk: locale for locale in Locale.objects.all()}
        results_pages = _specific(list(page_obj.object_list), locales)
        other_pages = _specific(other_results, locales)
    except _unavailable_errors():
        logger.exception("Search backend unavailable")
        return TemplateResponse(request, "portal/search.html", {**context, "unavailable": True}, status=503)

    SearchTerm.record(query_string, language, paginator.count)
    context.update(
        {
            "page_obj": page_obj,
            "any_word": operator == "or",
            "results": _describe(results_pages, request, terms, language_names, mark_language=False),
            "other_results": _describe(other_pages, request, terms, language_names, mark_language=True),
            "promotions": _promotions(query_string, locale) if page_obj.number == 1 else [],
        }
    )
    if not paginator.count and not other_results:
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
