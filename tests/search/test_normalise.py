"""Normalisation is the same at indexing and query time: lemmas, then folded diacritics."""

from portal.search.highlight import highlight
from portal.search.normalise import build_query, fold, matching_terms, normalise_text, word_alternatives


def terms(word, language):
    return {term for term, _is_prefix in word_alternatives(word, language)}


def test_fold_strips_latin_diacritics_but_keeps_cyrillic():
    assert fold("Proračun ÚČAST ľudí") == "proracun ucast ludi"
    assert fold("Общината й") == "общината й"


def test_inflected_forms_share_the_indexed_lemma():
    assert "proracun" in normalise_text("proračunu", "sl").split()
    assert "бюджет" in normalise_text("бюджета", "bg").split()
    assert "koordinator" in normalise_text("koordinátora", "cs").split()


def test_words_typed_without_diacritics_find_the_lemma():
    assert "proracun" in terms("proracunu", "sl")
    assert "obcina" in terms("obcine", "sl")
    assert "ucast" in terms("ucasti", "cs")
    assert "koordinator" in terms("koordinatora", "sk")


def test_operators_and_punctuation_leave_only_words():
    assert build_query('" * - OR NEAR(', "en") is not None  # "OR" and "NEAR" are plain words
    assert build_query('" * - ( ) :', "sl") is None
    assert build_query("x" * 1000, "sl") is not None


def test_highlight_marks_inflected_matches_and_escapes_markup():
    html = highlight("<script>alert(1)</script> Proračunu občine", matching_terms("proracun <b>", "sl"), "sl")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Proračunu</mark>" in html
