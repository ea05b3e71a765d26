"""One fold for the code base (newsline.folding): Latin diacritics go, every other script stays."""

from __future__ import annotations

import pytest

from newsline.folding import fold, fold_chars, fold_words


@pytest.mark.parametrize("name, folded", [
    ("Vučić", "vucic"), ("Erdoğan", "erdogan"), ("Đoković", "djokovic"), ("Łódź", "lodz"), ("Straße", "strasse"),
    ("Kovač’s", "kovac's"), ("ÅSE SØRBØ", "ase sorbo"),
])
def test_latin_letters_lose_their_diacritics(name, folded):
    assert fold(name) == folded


@pytest.mark.parametrize("name", [
    "Владимир Зеленский", "Мария Захарова", "Αλέξης Τσίπρας", "Ελένη Κουντούρα", "محمد بن راشد", "عَبْد الله",
])
def test_cyrillic_greek_and_arabic_names_fold_to_themselves_lower_cased(name):
    assert fold(name) == name.lower()
    assert fold_words(name) == " ".join(name.lower().split())
    assert fold_chars(name) == name.lower()


def test_fold_chars_keeps_offsets_and_fold_words_keeps_words():
    text = "Đoković and Зеленский met Vučić’s aide."
    assert len(fold_chars(text)) == len(text)
    assert fold_chars(text).index("vucic") == text.index("Vučić")
    assert fold_words(text) == "djokovic and зеленский met vucic s aide"
    assert fold_words("Зеленский") != fold_words("Захарова")  # no script is folded to nothing
