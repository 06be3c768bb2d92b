"""Atom feeds of a listing page: one language, newest publications first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

FEED_LENGTH = 30


class IndexPageFeed(Feed):
    """Built per request for one listing page (so one language); subclasses say what it lists."""

    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, index_page):
        return f"{index_page.title} – {gettext('Participation portal')}"

    def subtitle(self, index_page):
        return getattr(index_page, "intro", "")

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return self.request.build_absolute_uri(self.request.path)

    def author_name(self, index_page):
        return gettext("Participation portal")

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return page.get_full_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at
