"""API serializer fields that page types use in their `api_fields`."""

from rest_framework import serializers

from portal.i18n import localized_in_bulk


class LocalizedSnippetsField(serializers.Field):
    """Snippets a page points at, named in the page's language (the original where untranslated).

    Translations of a page keep pointing at the source-language snippets; one query per
    field looks up their versions in the page's locale. `many=True` for a many-to-many.
    """

    def __init__(self, many=False, **kwargs):
        self.many = many
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        value = getattr(page, self.field_name)
        snippets = list(value.all()) if self.many else [value] if value is not None else []
        snippets = localized_in_bulk(snippets, locale_id=page.locale_id)
        items = [
            {"id": snippet.pk, "name": str(snippet), "translation_key": snippet.translation_key}
            for snippet in snippets
        ]
        if self.many:
            return items
        return items[0] if items else None
