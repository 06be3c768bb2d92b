"""Factories for tests: pages, snippets and images (drawn by Pillow, no binary fixtures)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from wagtail.models import Locale
from wagtail.rich_text import RichText

from home import models
from home.blocks import BaseStreamBlock, CalloutBlock, HeadingBlock, ImageBlock


def default_locale():
    return Locale.get_default()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Občina {n}")
    kind = models.Organisation.Kind.MUNICIPALITY
    country = models.Country.SLOVENIA
    locale = factory.LazyFunction(default_locale)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Sequence(lambda n: f"Oseba {n}")
    role = "Koordinatorka"
    organisation = factory.SubFactory(OrganisationFactory)
    locale = factory.LazyFunction(default_locale)


class ParticipationMethodFactory(DjangoModelFactory):
    class Meta:
        model = models.ParticipationMethod

    name = factory.Sequence(lambda n: f"Metoda {n}")
    description = "Opis metode."
    locale = factory.LazyFunction(default_locale)


class ImageFactory(wagtail_factories.ImageFactory):
    """A real PNG made by Pillow through factory_boy's ImageField."""

    title = factory.Sequence(lambda n: f"Slika {n}")


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = HeadingBlock

    text = "Naslov razdelka"


class CalloutBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = CalloutBlock

    kind = "tip"
    title = "Nasvet"
    text = factory.LazyFunction(lambda: RichText("<p>Vključite ljudi zgodaj.</p>"))


class ImageBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = ImageBlock

    image = factory.SubFactory(wagtail_factories.ImageChooserBlockFactory)
    alt_text = "Udeleženci delavnice ob zemljevidu občine"
    caption = "Delavnica"


class BaseStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    """Bodies for tests: `body__0__heading__text="..."`, `body__1__callout__kind="tip"`."""

    heading = factory.SubFactory(HeadingBlockFactory)
    callout = factory.SubFactory(CalloutBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)

    class Meta:
        model = BaseStreamBlock


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.StandardPage

    title = factory.Sequence(lambda n: f"Stran {n}")
    slug = factory.Sequence(lambda n: f"stran-{n}")
    intro = "Uvod v stran."
    body = wagtail_factories.StreamFieldFactory(BaseStreamBlockFactory)
