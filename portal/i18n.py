"""Language helpers every app shares: translatable objects in the reader's language."""

from django.utils.translation import get_language

from wagtail.models import Page


def localized_in_bulk(objects, locale_id=None, related=()):
    """Translatable objects of one model in a locale (the active one by default) where
    translated, else as they are, in the same order, None left as None; pages need a live
    translation.

    One query for the whole list, instead of one `.localized` per object. `related` names
    foreign keys to load with the translations.
    """
    objects = list(objects)
    present = [obj for obj in objects if obj is not None]
    if not present:
        return objects
    model = type(present[0])
    translations = model.objects.filter(translation_key__in={obj.translation_key for obj in present})
    if locale_id is None:
        translations = translations.filter(locale__language_code=get_language())
    else:
        translations = translations.filter(locale_id=locale_id)
    if issubclass(model, Page):
        translations = translations.live()
    by_key = {obj.translation_key: obj for obj in translations.select_related(*related)}
    return [obj if obj is None else by_key.get(obj.translation_key, obj) for obj in objects]
