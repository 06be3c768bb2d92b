"""Blocks of an event's programme."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ProgrammeItemBlock(blocks.StructBlock):
    """One session of the programme, in the event's local time, with its speakers."""

    start = blocks.TimeBlock(label=_("Start time"))
    end = blocks.TimeBlock(label=_("End time"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    speakers = blocks.ListBlock(SnippetChooserBlock("home.Person"), label=_("Speakers"), default=[])

    class Meta:
        icon = "time"
        label = _("Programme item")
        template = "components/events/programme_item.html"


class ProgrammeBlock(blocks.StreamBlock):
    """The ordered sessions of an event."""

    item = ProgrammeItemBlock()
