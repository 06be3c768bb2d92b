"""Event pages: the listing and the events with programme and registration."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.models import BasePage


class EventIndexPage(BasePage):
    """The list of upcoming and past events."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    show_in_menus_default = True

    class Meta:
        verbose_name = _("event index page")
