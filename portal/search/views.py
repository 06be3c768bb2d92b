"""The search page and its autocomplete endpoint, one per language; `service.Searcher` answers them."""

import logging

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from wagtail.models import Locale

from .models import SearchTerm
from .normalise import MAX_QUERY_LENGTH, query_words
from .service import Searcher, SearchUnavailable

logger = logging.getLogger(__name__)
TEMPLATE = "portal/search.html"  # its robots meta says noindex


def _searcher(request):
    return Searcher(Locale.get_active(), get_language(), request=request)


def search(request):
    """Live pages of the active language matching the query, faceted and paginated.

    Matches found only in other languages follow on the first page, marked with their
    language. Anything a visitor types is reduced to words first, so operators and
    punctuation cannot break the backend.
    """
    query_string = " ".join(request.GET.get("q", "")[:MAX_QUERY_LENGTH].split())
    context = {"search_query": query_string, "has_words": bool(query_words(query_string))}
    if not context["has_words"]:
        context["selected_facets"] = Searcher.selected_facets(request.GET)
        return TemplateResponse(request, TEMPLATE, context)
    try:
        answer = _searcher(request).search(query_string, filters=request.GET, page=request.GET.get("page"))
    except SearchUnavailable:
        logger.exception("Search backend unavailable")
        context.update(selected_facets=Searcher.selected_facets(request.GET), unavailable=True)
        return TemplateResponse(request, TEMPLATE, context, status=503)
    SearchTerm.record(query_string, get_language(), answer.total)
    context.update(
        {
            "selected_facets": answer.selected_facets,
            "page_obj": answer.page_obj,
            "any_word": answer.any_word,
            "facets": answer.facets,
            "results": answer.results,
            "other_results": answer.other_results,
            "promotions": answer.promotions,
            "suggested_terms": answer.suggested_terms,
            "browse_pages": answer.browse_pages,
        }
    )
    return TemplateResponse(request, TEMPLATE, context)


def suggest(request):
    """Titles and URLs of up to eight pages whose title words start as typed (JSON)."""
    query_string = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    try:
        pages = _searcher(request).autocomplete(query_string)
    except SearchUnavailable:
        logger.exception("Search backend unavailable")
        return JsonResponse({"results": [], "error": "unavailable"}, status=503)
    return JsonResponse({"results": [{"title": page.title, "url": page.get_url(request)} for page in pages]})
