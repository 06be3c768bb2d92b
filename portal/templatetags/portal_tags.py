"""Template tags every page uses: language links, navigation and breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Page, Site

from portal.cache import cached

register = template.Library()


def _site_homes(request):
    """The live home page of every language, keyed by language code (cached until content
    changes, and kept on the request)."""
    if not hasattr(request, "_portal_homes"):
        site = Site.find_for_request(request)
        request._portal_homes = cached("homes", lambda: _homes_of(site), site.pk) if site is not None else {}
    return request._portal_homes


def _homes_of(site):
    homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
    return {home.locale.language_code: home for home in homes}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's translation, else that language's home page.

    Each link says whether it is a real translation, so the head lists only those as
    hreflang alternates.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        # A routable sub-view (a guide's print view, a filtered listing) keeps its
        # sub-path and query string in every language.
        page_url = page.get_url(request) or ""
        suffix = request.path[len(page_url) :] if request.path.startswith(page_url) else ""
        if request.META.get("QUERY_STRING"):
            suffix += "?" + request.META["QUERY_STRING"]
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.get_url(request) + suffix
    homes = _site_homes(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        is_translation = url is not None
        if url is None and not isinstance(page, Page):
            # A view outside the page tree (search, forms): the same path in that language.
            url = translate_url(request.get_full_path(), code)
            is_translation = True
        if url is None:
            home = homes.get(code)
            url = home.get_url(request) if home else f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == get_language(),
                "is_translation": is_translation,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page of the active language (or the default one while untranslated)."""
    homes = _site_homes(context["request"])
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def primary_navigation(context):
    """Top-level pages of the active language's tree that editors put in the menu.

    Each item carries its aria-current value: "page" for the page itself, "true" for the
    section the current page lies in.
    """
    home = home_page(context)
    if home is None:
        return []
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    items = []
    for item in cached("menu", lambda: list(home.get_children().live().in_menu()), home.pk):
        current = ""
        if current_path == item.path:
            current = "page"
        elif current_path.startswith(item.path):
            current = "true"
        items.append({"page": item, "current": current})
    return items


@register.simple_tag
def breadcrumbs(page):
    """Ancestors of a page below the tree root, home first."""
    if not isinstance(page, Page) or not page.pk:
        return []
    return cached("ancestors", lambda: list(page.get_ancestors().filter(depth__gt=1).live()), page.path)
