"""The search service: one object answers a visitor's query in one language.

The search page and its autocomplete endpoint both ask a `Searcher`. It runs the query on
the configured backend and gathers everything shown around the results: counts, the facets
page types declare, matches found only in other languages, editors' promotions and "did you
mean" terms. It returns plain data and reads no request; the view parses, records and renders.
"""

import difflib
from dataclasses import dataclass, field

from elastic_transport import TransportError
from elasticsearch import ApiError

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from portal.i18n import localized_in_bulk

from .facets import FacetSet
from .highlight import highlight
from .normalise import build_query, fold, matching_terms, query_words, words

OTHER_LANGUAGE_RESULTS = 5
SUGGESTED_TERMS = 5
# How long the title words of a language are kept for "did you mean" (seconds).
VOCABULARY_TIMEOUT = 600
# Exceptions meaning the backend cannot answer now, not a bug in the request.
BACKEND_ERRORS = (DatabaseError, TransportError, ApiError)


class SearchUnavailable(Exception):
    """The search backend cannot answer now; raised from the backend's own error."""


@dataclass
class SearchAnswer:
    """What one query found: a page of results and everything shown around it.

    `results` and `other_results` are dicts (page, title, url, type, language,
    language_name, snippet with the matching words marked); `promotions` are dicts (title,
    url, description). `suggested_terms` and `browse_pages` are filled only when nothing
    was found.
    """

    query_string: str
    selected_facets: dict
    page_obj: object
    results: list
    facets: list
    any_word: bool = False
    other_results: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    suggested_terms: list = field(default_factory=list)
    browse_pages: list = field(default_factory=list)

    @property
    def total(self):
        """How many pages of the searched language match (other languages not counted)."""
        return self.page_obj.paginator.count

    @property
    def found_nothing(self):
        return not self.total and not self.other_results


class Searcher:
    """Answers queries over the live, public pages of one locale.

    `language` is the language queries are typed in (the active one; by default the
    locale's). `request`, when given, only makes result URLs relative to its site, as
    `Page.get_url(request)` does.
    """

    def __init__(self, locale=None, language=None, request=None, backend=None, per_page=None):
        self.locale = locale or Locale.get_active()
        self.language = language or self.locale.language_code
        self.request = request
        self.backend = backend or get_search_backend()
        self.per_page = per_page or settings.SEARCH_RESULTS_PER_PAGE
        # Our backends take the normalised term tree; any other gets the folded words as text.
        self.normalised_queries = getattr(self.backend, "normalised_queries", False)

    # --- Public API ----------------------------------------------------------------------

    def search(self, query_string, filters=None, page=None):
        """The `page`-th page of matches for `query_string` with the facet `filters` applied.

        `filters` maps facet names to raw values (a request's GET will do); values that do
        not parse are ignored. Raises SearchUnavailable when the backend cannot answer.
        When no page has every word, pages with some of them are returned (`any_word`).
        """
        facets = FacetSet(filters)
        base = self.live_pages().filter(locale=self.locale)
        try:
            return self._answer(query_string, facets, base, page)
        except BACKEND_ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    @staticmethod
    def selected_facets(filters):
        """The facet values of `filters` that parse: {facet name: set of values}."""
        return FacetSet(filters).selected

    def autocomplete(self, query_string, limit=None):
        """Up to `limit` live pages of the locale whose title words start as typed."""
        if not query_words(query_string):
            return []
        limit = limit or settings.SEARCH_SUGGESTIONS
        queryset = self.live_pages().filter(locale=self.locale)
        try:
            return list(self.run(queryset, query_string, autocomplete=True)[:limit])
        except BACKEND_ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def suggested_terms(self, query_string):
        """Known title words of the locale close to the query's words ("did you mean")."""
        vocabulary = self.vocabulary()
        suggestions = []
        for word in query_words(query_string):
            folded = fold(word)
            # Words with the same first letter: a typo there is rare, and it bounds the comparisons.
            same_start = [known for known in vocabulary if known[0] == folded[0]]
            for close in difflib.get_close_matches(folded, same_start, n=2, cutoff=0.7):
                if close != folded and close not in suggestions:
                    suggestions.append(close)
        return suggestions[:SUGGESTED_TERMS]

    def promotions(self, query_string):
        """Editors' picks for this query, their pages shown in the locale when translated."""
        promotions = list(
            SearchPromotion.objects.filter(
                query__in=Query.objects.filter(query_string=normalise_query_string(query_string))
            )
            .select_related("page")
            .order_by("sort_order")
        )
        pages = localized_in_bulk([promotion.page for promotion in promotions], locale_id=self.locale.pk)
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

    def browse_pages(self):
        """The locale's sections in the menu, offered when a query finds nothing."""
        return list(Page.objects.live().filter(locale=self.locale, depth=3, show_in_menus=True).order_by("path"))

    # --- Building blocks -----------------------------------------------------------------

    @staticmethod
    def live_pages():
        return Page.objects.live().public()

    def run(self, queryset, query_string, operator="and", autocomplete=False, locales=()):
        """The backend's results for `query_string` over `queryset`.

        `locales` (language codes) narrows the query inside our backends' index; `queryset`
        must still filter on them, as other backends ignore it.
        """
        if self.normalised_queries:
            query = build_query(
                query_string, self.language, operator, last_word_is_prefix=autocomplete, locales=locales
            )
        else:
            query = " ".join(fold(word) for word in query_words(query_string))
        if autocomplete:
            return self.backend.autocomplete(query, queryset, operator=None if self.normalised_queries else "and")
        return self.backend.search(query, queryset, operator=None if self.normalised_queries else operator)

    def vocabulary(self):
        """Folded title words of the locale's pages, for "did you mean" suggestions."""
        key = f"search-vocabulary-{self.locale.pk}"
        vocabulary = cache.get(key)
        if vocabulary is None:
            titles = Page.objects.live().filter(locale=self.locale, depth__gt=1).values_list("title", flat=True)
            title_words = {fold(word) for title in titles for word in words(title)}
            vocabulary = sorted(word for word in title_words if len(word) > 3 and word.isalpha())
            cache.set(key, vocabulary, VOCABULARY_TIMEOUT)
        return vocabulary

    def _answer(self, query_string, facets, base, page):
        operator = "and"
        # The ranked ids of every match give the count, the page of results and the facets.
        results = self.run(facets.filter(base), query_string, operator)
        ids = _ranked_ids(results)
        if len(query_words(query_string)) > 1 and not ids:
            operator = "or"
            results = self.run(facets.filter(base), query_string, operator)
            ids = _ranked_ids(results)
        page_obj, page_ids = self._page(results, ids, page)
        facet_counts = facets.counts(
            lambda name: (
                _ranked_ids(self.run(facets.filter(base, exclude=name), query_string, operator))
                if name in facets.selected
                else ids
            )
        )
        locales = {each.pk: each for each in Locale.objects.all()}
        other_ids = []
        if page_obj.number == 1:
            other_ids = self._other_language_ids(ids, query_string, operator, locales)
        terms = matching_terms(query_string, self.language)
        answer = SearchAnswer(
            query_string=query_string,
            selected_facets=facets.selected,
            page_obj=page_obj,
            results=self._describe(_specific(page_ids, locales), terms, mark_language=False),
            facets=facet_counts,
            any_word=operator == "or",
            other_results=self._describe(_specific(other_ids, locales), terms, mark_language=True),
        )
        if page_obj.number == 1:
            answer.promotions = self.promotions(query_string)
        if answer.found_nothing:
            answer.suggested_terms = self.suggested_terms(query_string)
            answer.browse_pages = self.browse_pages()
        return answer

    def _other_language_ids(self, ids, query_string, operator, locales):
        """A few of the best matches in other languages whose page has no match here."""
        translated_here = Page.objects.filter(pk__in_ids=ids).values("translation_key")
        others = self.live_pages().exclude(locale=self.locale).exclude(translation_key__in=translated_here)
        other_languages = [other.language_code for other in locales.values() if other != self.locale]
        results = self.run(others, query_string, operator, locales=other_languages)
        return _best_ids(results, OTHER_LANGUAGE_RESULTS)

    def _page(self, results, ids, number):
        """The requested page of results and its page ids. Ours rank every match at once, so the
        ids are paginated; other backends page through their own results (and count beyond 1,000)."""
        source = ids if hasattr(results, "ranked_ids") else results
        page_obj = Paginator(source, self.per_page).get_page(number)
        return page_obj, [getattr(item, "pk", item) for item in page_obj.object_list]

    def _describe(self, pages, terms, mark_language):
        """What the template shows of each result; `pages` are specific pages."""
        language_names = dict(settings.LANGUAGES)
        items = []
        for page in pages:
            content_language = getattr(page, "content_language", page.locale.language_code)
            text = page.search_snippet_text() if hasattr(page, "search_snippet_text") else page.search_description
            items.append(
                {
                    "page": page,
                    "title": page.title,
                    "url": page.get_url(self.request),
                    "type": page._meta.verbose_name,
                    "language": content_language,
                    "language_name": language_names.get(content_language, content_language) if mark_language else "",
                    "snippet": highlight(page.search_description or text, terms, content_language),
                }
            )
        return items


def _ranked_ids(results):
    """Ids of the matching pages, best first (ours: every match; others: the first thousand)."""
    return results.ranked_ids() if hasattr(results, "ranked_ids") else [page.pk for page in results[:1000]]


def _best_ids(results, wanted):
    """Ids of a few of the best matches, with bounded work where the backend offers it."""
    return results.best_ids(wanted) if hasattr(results, "best_ids") else [page.pk for page in results[:wanted]]


def _specific(pks, locales):
    """Specific pages in the given order: one query per page type, locales attached."""
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=pks).specific()}
    for page in by_pk.values():
        page.locale = locales[page.locale_id]
    return [by_pk[pk] for pk in pks if pk in by_pk]
