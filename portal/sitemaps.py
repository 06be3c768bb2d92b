"""sitemap.xml: every live public page in every language, with hreflang alternates.

Wagtail's own sitemap lists the default language's tree only and knows nothing of
translations. This one lists the trees of every language and links each page to its
translations (pages sharing a `translation_key`), computed once for the whole map, so the
number of queries stays the same however many pages there are.
"""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedPagesSitemap(Sitemap):
    """One <url> per live public page, with <xhtml:link hreflang> to each translation."""

    def items(self):
        return self.pages

    @cached_property
    def pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_language_tree = Q()
        for root in roots:
            in_a_language_tree |= Q(path__startswith=root.path)
        pages = Page.objects.live().public().filter(in_a_language_tree).select_related("locale").order_by("path")
        return [page for page in pages if self.location(page)]

    def location(self, obj):
        # Each URL is worked out once: alternates reuse it for every translation.
        if not hasattr(obj, "_sitemap_url"):
            obj._sitemap_url = obj.get_full_url(self.request)
        return obj._sitemap_url

    @cached_property
    def alternates_by_key(self):
        """{translation_key: [{"lang_code", "location"}, ...]}, x-default last."""
        by_key = {}
        for page in self.pages:
            by_key.setdefault(page.translation_key, {})[page.locale.language_code] = self.location(page)
        alternates = {}
        for key, urls in by_key.items():
            if len(urls) < 2:
                continue
            links = [{"lang_code": code, "location": urls[code]} for code, _name in settings.LANGUAGES if code in urls]
            if settings.LANGUAGE_CODE in urls:
                links.append({"lang_code": "x-default", "location": urls[settings.LANGUAGE_CODE]})
            alternates[key] = links
        return alternates

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": self.lastmod(item),
                    "alternates": self.alternates_by_key.get(item.translation_key, []),
                }
            )
        return urls


def robots_txt(request):
    """Crawlers may read everything but the admin and search results; the sitemap says what."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "portal/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")
