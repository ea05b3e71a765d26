"""One way to compare words across spellings, used by the whole code base: ``fold``.

Folding lower-cases, takes the diacritics off Latin letters (Vučić -> vucic, Erdoğan ->
erdogan, Đoković -> djokovic, Łódź -> lodz, Straße -> strasse) and makes typographic apostrophes plain.
Letters of every other script stay what they are, lower-cased: Владимир Зеленский -> владимир зеленский,
Αλέξης -> αλέξης, محمد -> محمد (a mark there is part of the letter: й is not и). Nothing is dropped.

- ``fold``: the folded text.
- ``fold_chars``: the same, one character for each character, so that offsets into the text stay valid
  (a letter that folds to two, đ -> dj, gives its first).
- ``fold_words``: the folded words (letters and digits of any script) joined by single spaces.

Names are compared across scripts in Latin letters: ``newsline.transliteration.latin``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Latin letters with a stroke or ligatures, which Unicode does not decompose into a base letter and a mark
_LATIN_SPECIAL = {"đ": "dj", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
                  "ħ": "h", "ŧ": "t"}
_APOSTROPHES = {"’": "'", "‘": "'"}
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    """One lower-case character folded: a Latin letter without its marks, an apostrophe made plain."""
    if c in _APOSTROPHES:
        return _APOSTROPHES[c]
    if c in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[c]
    if c.isascii():
        return c
    base = unicodedata.normalize("NFKD", c)
    if base[:1].isascii() and base[:1].isalpha() and all(unicodedata.combining(m) for m in base[1:]):
        return base[0]  # a Latin letter with marks: é -> e, č -> c
    return c


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` lower-cased, Latin letters without diacritics, apostrophes plain; other scripts kept."""
    lower = text.lower()
    if lower.isascii():
        return lower
    return "".join(_fold_char(c) for c in lower)


def fold_chars(text: str) -> str:
    """``fold(text)`` with exactly one character per character of ``text`` (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(c): _fold_char(c.lower()[:1] or c)[:1] for c in set(text)})


@lru_cache(maxsize=65536)
def fold_words(text: str) -> str:
    """The words of ``fold(text)`` (letters, digits and their marks, any script) joined by single spaces:
    "Vučić’s" -> "vucic s", "Зеленский" -> "зеленский"."""
    folded = fold(text)
    if folded.isascii():
        return " ".join(_ASCII_WORD.findall(folded))
    return " ".join("".join(c if c.isalnum() or unicodedata.category(c)[0] == "M" else " " for c in folded).split())
