"""The body of a guide chapter: the shared blocks plus key steps, checklists and questions."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class KeyStepBlock(blocks.StructBlock):
    """A numbered step of the process, with who acts and when."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    who = blocks.CharBlock(label=_("Who acts"), required=False, max_length=250)
    when = blocks.CharBlock(label=_("When"), required=False, max_length=250)

    class Meta:
        icon = "list-ol"
        label = _("Key step")
        template = "components/blocks/key_step.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Steps are numbered per chapter, so the chapter being rendered supplies the number.
        chapter = parent_context.get("chapter") if parent_context else None
        block_id = parent_context.get("block_id") if parent_context else None
        context["number"] = chapter.key_step_numbers.get(block_id) if chapter is not None else None
        return context


class ChecklistBlock(blocks.StructBlock):
    """Things to have done before moving on."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "components/blocks/checklist.html"


class QuestionBlock(blocks.StructBlock):
    """A question officials ask, with its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "components/blocks/question.html"


class ChapterStreamBlock(BaseStreamBlock):
    """The shared blocks (callouts serve as tips and warnings) plus the guideline ones."""

    key_step = KeyStepBlock()
    checklist = ChecklistBlock()
    question = QuestionBlock()
