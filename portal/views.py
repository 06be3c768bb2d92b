"""Small project-wide views that belong to no content area."""

import re

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static

from wagtail.models import Locale, Page


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return redirect(static("portal/img/favicon.svg"), permanent=True)


def search(request):
    """Live pages of the active language matching the query, ten per page.

    Punctuation is dropped before the backend sees the query, so full-text operators
    typed by a visitor cannot break it.
    """
    query = " ".join(re.sub(r"[^\w\s]", " ", request.GET.get("q", "")).split())[:200]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active()).search(query)
    paginator = Paginator(results, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "portal/search.html",
        {"search_query": query, "page_obj": page_obj, "results": [r.specific for r in page_obj]},
    )
