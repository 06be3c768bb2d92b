"""The Atom feed of an event listing: its events, most recently announced first."""

from portal.feeds import FEED_LENGTH, IndexPageFeed


class EventFeed(IndexPageFeed):
    description_template = "events/feed_item.html"

    def items(self, index_page):
        return index_page.events().order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_categories(self, event):
        return [event.get_kind_display()]
