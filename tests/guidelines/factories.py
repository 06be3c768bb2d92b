"""Factories for guidelines pages and the blocks of a chapter body."""

import factory
import wagtail_factories

from wagtail.rich_text import RichText

from guidelines.blocks import ChecklistBlock, KeyStepBlock, QuestionBlock
from guidelines.models import GuideChapterPage, GuidelineIndexPage, GuidePage


class KeyStepBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = KeyStepBlock

    title = factory.Sequence(lambda n: f"Korak {n}")
    text = factory.LazyFunction(lambda: RichText("<p>Opišite odločitev.</p>"))
    who = "Občinska uprava"
    when = "Na začetku"


class ChecklistBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = ChecklistBlock

    title = "Preverite"
    items = factory.LazyFunction(lambda: ["Načrt je pripravljen.", "Roki so znani."])


class QuestionBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = QuestionBlock

    question = factory.Sequence(lambda n: f"Vprašanje {n}?")
    answer = factory.LazyFunction(lambda: RichText("<p>Odgovor.</p>"))


class GuidelineIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidelineIndexPage

    title = "Smernice"
    slug = "guidelines"
    intro = "Vodniki za občine."


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Vodnik {n}")
    slug = factory.Sequence(lambda n: f"vodnik-{n}")
    summary = "Kako vključiti občane."
    year = 2017
    decision_types = factory.LazyFunction(lambda: ["budget", "ordinance"])


class GuideChapterPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuideChapterPage

    title = factory.Sequence(lambda n: f"Poglavje {n}")
    slug = factory.Sequence(lambda n: f"poglavje-{n}")
    intro = "Uvod v poglavje."
    decision_types = factory.LazyFunction(lambda: ["budget"])
    body = factory.LazyFunction(
        lambda: [
            ("key_step", KeyStepBlockFactory()),
            ("checklist", ChecklistBlockFactory()),
            ("question", QuestionBlockFactory()),
        ]
    )
