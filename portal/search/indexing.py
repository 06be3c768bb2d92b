"""The text of a page as its search fields see it, plain and normalised."""

from modelsearch.index import RelatedFields, SearchField

from django.db.models import Manager
from django.utils.html import strip_tags

from .normalise import normalise_text

# Fields derived for the index (normalised text, the locale marker) are never part of the text.
DERIVED_FIELDS = {"search_title_normalised", "search_text_normalised", "search_locale_marker"}


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, (list, tuple, set)) or hasattr(value, "__iter__"):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


def _field_texts(obj, fields, include_related):
    for field in fields:
        if isinstance(field, SearchField) and field.field_name not in DERIVED_FIELDS | {"title"}:
            yield from _flatten(field.get_value(obj))
        elif isinstance(field, RelatedFields) and include_related:
            related = field.get_value(obj)
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = related()
            for item in related if hasattr(related, "__iter__") else [related] if related else []:
                yield from _field_texts(item, field.fields, include_related)


def searchable_text(obj, include_related=True):
    """The plain text of every search field but the title, tags stripped.

    Without related fields it needs no query, so a result list can show snippets cheaply.
    """
    texts = (strip_tags(text) for text in _field_texts(obj, obj.get_search_fields(), include_related))
    return " ".join(" ".join(text.split()) for text in texts if text and text.strip())


def normalised_text(obj, language):
    """The text the index holds beside the original fields (see normalise.py)."""
    return normalise_text(searchable_text(obj), language)
