"""Language-aware text normalisation, the same at indexing and at query time.

Every word becomes its lemma (simplemma, for the page's language) with the diacritics of
Latin letters folded, so `proračunu`, `proracuna` and `proračun` all meet in `proracun`.
Cyrillic letters are left alone: Bulgarian stays Cyrillic.
"""

import itertools
import re
import unicodedata
from functools import lru_cache

import simplemma
from modelsearch.query import And, Or, PlainText

WORD_RE = re.compile(r"[^\W_]+")
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
# Enough to restore the diacritics of a long word without letting a query loop for long.
MAX_DIACRITIC_VARIANTS = 4096
LEMMATIZED_LANGUAGES = {"sl", "en", "bg", "cs", "sk"}

# Letters a visitor may have typed without their diacritics, per language.
DIACRITIC_VARIANTS = {
    "sl": {"c": "čć", "s": "š", "z": "ž", "d": "đ"},
    "cs": {
        "a": "á", "c": "č", "d": "ď", "e": "éě", "i": "í", "n": "ň", "o": "ó",
        "r": "ř", "s": "š", "t": "ť", "u": "úů", "y": "ý", "z": "ž",
    },
    "sk": {
        "a": "áä", "c": "č", "d": "ď", "e": "é", "i": "í", "l": "ľĺ", "n": "ň", "o": "óô",
        "r": "ŕ", "s": "š", "t": "ť", "u": "ú", "y": "ý", "z": "ž",
    },
}  # fmt: skip
VOWELS = set("aeiouyаъоуеиюяѝ")


class Prefix(PlainText):
    """A word stem matching any word that starts with it.

    A subclass of PlainText, so a backend that knows no prefixes treats it as a word.
    """


class Typed(PlainText):
    """The visitor's words as typed, in their language, for a backend with its own analyzers."""

    def __init__(self, query_string, language, operator="and"):
        super().__init__(query_string, operator=operator)
        self.language = language


@lru_cache(maxsize=50_000)
def fold(word):
    """Lower-case `word` and strip the diacritics of its Latin letters (not Cyrillic ones)."""
    letters = []
    for char in word.lower():
        if char < "\u0370":
            letters.extend(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        else:
            letters.append(char)
    return "".join(letters)


def words(text):
    """The words of `text`, in order, without punctuation."""
    return WORD_RE.findall(text or "")


@lru_cache(maxsize=200_000)
def lemma(word, language):
    """The dictionary form of `word`, or the word itself when the language is unknown."""
    word = word.lower()
    if language not in LEMMATIZED_LANGUAGES:
        return word
    return simplemma.lemmatize(word, lang=language).lower()


def normalise_word(word, language):
    """The folded lemma of a word: the form both the index and queries use."""
    return fold(lemma(word, language))


def normalise_text(text, language):
    """The text to index beside the original fields: folded lemmas, plus folded forms that differ."""
    tokens = []
    for word in words(text):
        folded_form = fold(word)
        tokens.append(normalise_word(word, language))
        if folded_form != tokens[-1]:
            tokens.append(folded_form)
    return " ".join(tokens)


def _restored_lemmas(word, language):
    """Folded lemmas of the dictionary words that `word` could be with diacritics put back."""
    variants = DIACRITIC_VARIANTS.get(language)
    if not variants or fold(word) != word:
        return set()
    options = [c + variants.get(c, "") for c in word]
    found = set()
    for letters in itertools.islice(itertools.product(*options), MAX_DIACRITIC_VARIANTS):
        candidate = "".join(letters)
        if candidate != word and simplemma.is_known(candidate, lang=language):
            found.add(normalise_word(candidate, language))
    return found


def _stem(folded_word):
    """The word without its trailing vowels: the usual ending of a Slavic inflected form."""
    stem = folded_word.rstrip("".join(VOWELS))
    return stem if 4 <= len(stem) < len(folded_word) else None


def query_words(query_string):
    """The words of a visitor's query, bounded in number and length."""
    return words((query_string or "")[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]


def word_alternatives(word, language):
    """Index terms that may stand for one typed word: (term, is_prefix) pairs."""
    folded_form = fold(word)
    terms = {(normalise_word(word, language), False), (folded_form, False)}
    if language in LEMMATIZED_LANGUAGES and not simplemma.is_known(word.lower(), lang=language):
        restored = _restored_lemmas(word.lower(), language)
        terms |= {(term, False) for term in restored}
        stem = _stem(folded_form)
        if not restored and stem:
            terms.add((stem, True))
    return sorted(terms)


def locale_marker(language_code):
    """A token every page indexes for its locale, so a query can keep to some languages in the
    full-text index itself rather than rank every language's matches first."""
    return "xlocale" + "".join(char for char in language_code.lower() if char.isalnum())


def build_query(query_string, language, operator="and", last_word_is_prefix=False, locales=()):
    """A backend query for the visitor's words, or None when no word is left.

    Each word becomes an OR of its alternatives; the words are combined with `operator`.
    With `locales` (language codes), only pages of those locales match (see locale_marker();
    not for autocomplete, whose index column holds titles only).
    The query carries the words as typed in `typed` (a `Typed`); backends may ignore it.
    """
    typed = query_words(query_string)
    if not typed:
        return None
    groups = []
    for position, word in enumerate(typed):
        alternatives = [
            Prefix(term) if is_prefix else PlainText(term) for term, is_prefix in word_alternatives(word, language)
        ]
        if last_word_is_prefix and position == len(typed) - 1:
            alternatives.append(Prefix(fold(word)))
        groups.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    operator = "and" if operator == "and" else "or"
    combined = And if operator == "and" else Or
    query = groups[0] if len(groups) == 1 else combined(groups)
    if locales:
        markers = [PlainText(locale_marker(code)) for code in locales]
        query = And([query, markers[0] if len(markers) == 1 else Or(markers)])
    query.typed = Typed(" ".join(typed), language, operator)
    return query


def matching_terms(query_string, language):
    """Normalised terms of the query, for highlighting: (term, is_prefix) pairs."""
    terms = set()
    for word in query_words(query_string):
        terms.update(word_alternatives(word, language))
    return terms
