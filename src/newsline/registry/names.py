"""Name keys for matching one referent across articles: diacritics, transliteration and surname-only forms.

``name_words`` makes spellings comparable across scripts (Vučić = Vucic; Захарова = Zakharova); ``skeleton`` makes
transliterations comparable (Vuchich = Vucic, Aleksandar = Alexander, Mariya = Maria): common Latin
transliteration digraphs are reduced and vowels after the first letter dropped. Skeletons find candidates only: a
candidate is a spelling of the name when ``plausible`` says so too (Pelosi and Plus share a skeleton, not a name);
given names must also agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsline.folding import fold_words
from newsline.transliteration import latin

PERSON_TYPES = frozenset({"PERSON"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "prime", "gen", "lt", "col", "sir",
                         "sheikh", "king", "queen", "prince", "pope", "the"})
# Transliteration variants of one sound, longest first (Cyrillic/Slavic names in English and other spellings).
_DIGRAPHS = (("shch", "s"), ("tch", "c"), ("sch", "s"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "h"),
             ("ks", "x"), ("ph", "f"), ("ck", "k"), ("ts", "c"), ("tz", "c"), ("dj", "j"), ("gj", "j"),
             ("w", "v"), ("q", "k"), ("y", "i"))


def skeleton(word: str) -> str:
    """A transliteration-insensitive key of one folded word: 'vuchich' -> 'vcc', 'aleksandar' -> 'alxndr'."""
    if not word:
        return ""
    for digraph, sound in _DIGRAPHS:
        word = word.replace(digraph, sound)
    head, rest = word[0], re.sub(r"[aeiou]", "", word[1:])
    collapsed = re.sub(r"(.)\1+", r"\1", head + rest)
    return collapsed


# How alike two spellings of one name are at least (difflib ratio): Vuchich/Vucic 0.83, Zelenskiy/Zelenskyy
# 0.89, Aleksandar/Alexander 0.74 (given names are compared by skeleton only); Pelosi/Plus 0.60, Nan/Nana
# 0.86 but too short. Set on the invented cases of tests/registry/test_registry_lookup.py.
# `newsline bench crosslingual` (crosslingual dev: names across scripts) measures them.
SPELLING_SIMILARITY = 0.75
_MIN_FUZZY = 4  # letters a word needs before a spelling variant of it is accepted ("nan" is nobody's "Nana")


def plausible(a: str, b: str) -> bool:
    """Whether two folded names can be spellings of one name: equal, or as long as ``_MIN_FUZZY`` letters and
    with the same skeleton and close spellings. A shared skeleton alone never decides."""
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY:
        return False
    same_skeleton = " ".join(map(skeleton, a.split())) == " ".join(map(skeleton, b.split()))
    return same_skeleton and SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY


@dataclass(frozen=True, slots=True)
class NameKey:
    folded: str  # the whole name, folded
    surname: str | None  # skeleton of a person's last name
    given: tuple[str, ...]  # skeletons of a person's other names (empty for a surname-only mention)

    @property
    def full_skeleton(self) -> str:
        return " ".join(skeleton(w) for w in self.folded.split())


def name_words(name: str) -> str:
    """A name's folded words in Latin letters, the form names are compared in across scripts:
    "Мария Захарова" -> "mariya zakharova", "Vučić" -> "vucic"."""
    return fold_words(latin(name))


def name_key(name: str, type_: str) -> NameKey:
    folded = name_words(name)
    if type_ not in PERSON_TYPES:
        return NameKey(folded.removeprefix("the "), None, ())
    words = [w for w in folded.split() if w not in _HONORIFICS]
    if not words:
        return NameKey(folded, None, ())
    return NameKey(" ".join(words), skeleton(words[-1]), tuple(skeleton(w) for w in words[:-1]))


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two persons' given names can be one person's: equal skeletons, or one an initial of the other."""
    if not a or not b:
        return True
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return first_a == first_b
