"""StreamField blocks shared by every content area; apps extend BaseStreamBlock."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
# The renditions components/blocks/image.html asks for: fetched together with the images.
IMAGE_BLOCK_RENDITIONS = ["width-1200"]


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads all images of a body in one query, with their renditions.

    Without it each picture costs a query for its rendition whenever the rendition cache
    is cold, so a gallery of twenty would cost twenty queries.
    """

    def bulk_to_python(self, values):
        values = list(values)
        images = (
            get_image_model()
            .objects.prefetch_renditions(*IMAGE_BLOCK_RENDITIONS)
            .in_bulk([value for value in values if value is not None])
        )
        return [images.get(value) for value in values]


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a body; it gets an anchor for in-page links."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image that cannot be saved without alternative text for screen readers."""

    image = PrefetchingImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with an optional attribution."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted note: information, a tip or a warning."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "components/blocks/callout.html"


class DocumentBlock(blocks.StructBlock):
    """A link to a downloadable document, with its type and size shown."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "components/blocks/document.html"


class TableBlock(blocks.StructBlock):
    """A data table with a caption and column headings."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=250)
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Number"))),
            ("rich_text", blocks.RichTextBlock(label=_("Rich text"), features=["bold", "italic", "link"])),
        ],
        label=_("Table"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "components/blocks/table.html"


class EmbedWithTitleBlock(blocks.StructBlock):
    """An embedded video or map; the title names the frame for screen readers."""

    embed = EmbedBlock(label=_("Address (URL)"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "components/blocks/embed.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every body offers."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        template="components/blocks/paragraph.html",
        icon="pilcrow",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    table = TableBlock()
    embed = EmbedWithTitleBlock()
