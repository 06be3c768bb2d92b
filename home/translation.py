"""Translate pages and snippets through wagtail-localize from known texts.

Used by the demo loader and by tests: the result is a real wagtail-localize translation
(TranslationSource, Translation, StringTranslations) that editors can see and sync in the
admin, not an unrelated copy.
"""

from django.utils.html import escape

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings


class MissingTranslationText(Exception):
    """A translatable segment of the source has no text in the mapping."""


def segment_pairs(source_text, target_text):
    """Pairs of (source segment, target segment) as wagtail-localize stores them.

    Rich text is split into one segment per block element (paragraph, list item);
    plain text is one segment, HTML-escaped the way wagtail-localize escapes it.
    """
    if not isinstance(source_text, str) or not isinstance(target_text, str):
        return []
    if source_text.lstrip().startswith("<"):
        _, source_strings = extract_strings(source_text)
        _, target_strings = extract_strings(target_text)
        if len(source_strings) != len(target_strings):
            raise MissingTranslationText(
                f"{len(source_strings)} segments in the source but {len(target_strings)} "
                f"in the translation of: {source_text[:80]!r}"
            )
        return [(s.data, t.data) for (s, _), (t, _) in zip(source_strings, target_strings, strict=True)]
    pairs = [(StringValue.from_plaintext(source_text).data, StringValue.from_plaintext(target_text).data)]
    # Some fields keep plain text unescaped; accept either form.
    pairs.append((escape(source_text), escape(target_text)))
    pairs.append((source_text, target_text))
    return pairs


def translate_object(instance, locale, mapping, user=None, fallback_to_source=False):
    """Create or update the translation of `instance` into `locale` from `mapping`.

    `mapping` maps each source segment (as wagtail-localize stores it) to its translation;
    a segment missing from it is an error unless `fallback_to_source` keeps the original.
    Returns the translated object (published, for pages).
    """
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    po = translation.export_po()
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        text = mapping.get(entry.msgid, entry.msgid if fallback_to_source else None)
        if text is None:
            missing.append(f"{entry.msgctxt}: {entry.msgid[:80]!r}")
        else:
            entry.msgstr = text
    if missing:
        raise MissingTranslationText(f"No {locale.language_code} text for {instance!r}: " + "; ".join(missing[:5]))
    translation.import_po(po, user=user, tool_name="load_demo")
    is_page = isinstance(instance, Page)
    # wagtail-localize publishes pages in transaction.on_commit; publish here instead, so
    # the page is live at once inside an outer transaction (tests, the demo loader).
    source.create_or_update_translation(locale, user=user, publish=not is_page, copy_parent_pages=True, fallback=True)
    translated = source.get_translated_instance(locale)
    if is_page:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
