"""Factories for the good-practice pages."""

import datetime

import factory
import wagtail_factories

from practices.models import PracticeIndexPage, PracticePage


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Dobre prakse"
    slug = "practices"
    intro = "Primeri vključevanja ljudi."


class PracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Praksa {n:03d}")
    slug = factory.Sequence(lambda n: f"praksa-{n}")
    summary = "Občina je prebivalce vprašala za mnenje."
    country = "SI"
    start_date = datetime.date(2024, 3, 1)
    participation_level = "consult"
    decision_type = "budget"
    target_groups = ["citizens"]

    @factory.post_generation
    def methods(obj, create, extracted, **kwargs):
        if extracted:
            obj.methods.set(extracted)
            obj.save()

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.set(extracted)
            obj.save()
