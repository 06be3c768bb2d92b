"""Result snippets with the matching words marked, escaped so neither query nor content inject markup."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .normalise import WORD_RE, fold, normalise_word

SNIPPET_LENGTH = 240


def _matches(word, language, exact_terms, prefixes):
    forms = {fold(word), normalise_word(word, language)}
    return bool(forms & exact_terms) or any(form.startswith(prefix) for form in forms for prefix in prefixes)


def highlight(text, terms, language, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first match, matches in <mark>."""
    text = " ".join((text or "").split())
    exact_terms = {term for term, is_prefix in terms if not is_prefix}
    prefixes = {term for term, is_prefix in terms if is_prefix}
    spans = [m.span() for m in WORD_RE.finditer(text) if _matches(m.group(), language, exact_terms, prefixes)]
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 3) + 1
    end = len(text) if len(text) - start <= length else text.rfind(" ", start, start + length)
    end = end if end > start else min(len(text), start + length)
    parts = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts += [escape(text[cursor:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        cursor = span_end
    parts += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped above)
