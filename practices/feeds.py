"""The Atom feed of a practice listing: its case studies, newest first, with the listing's filters."""

from portal.feeds import FEED_LENGTH, IndexPageFeed

from .listing import PracticeFilterForm, apply_filters, live_practices, prepare_cards


class PracticeFeed(IndexPageFeed):
    description_template = "practices/feed_item.html"

    def items(self, index_page):
        filters = PracticeFilterForm(self.request.GET).selected()
        practices = (
            apply_filters(live_practices(index_page), filters)
            .select_related("organisation")
            .prefetch_related("tagged_items__tag")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )
        return prepare_cards(list(practices))

    def item_author_name(self, practice):
        return practice.where or None

    def item_categories(self, practice):
        return [tagged.tag.name for tagged in practice.tagged_items.all()]
