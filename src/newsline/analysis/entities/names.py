"""Name normalisation and matching: diacritics-insensitive keys, spelling variants, a gender guess."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from newsline.folding import fold

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "president", "prof", "sir"})
_FEMALE_FIRST = frozenset({
    "hillary", "elizabeth", "kellyanne", "nikki", "megyn", "jill", "ann", "anne", "sarah", "ruth", "michelle",
    "karen", "susan", "ellen", "carly", "janet", "nancy", "kate", "grace", "rachel", "sharon", "margaret",
    "catherine", "kathryn", "christine", "jennifer", "mary", "heather", "kamala", "ursula", "theresa",
    "marine", "ivanka", "huma", "hope", "betsy", "kirsten", "elise", "ilhan", "liz", "meghan", "claire",
})
_MALE_A = frozenset({"nikita", "ilya", "luca", "joshua", "elijah", "jonah", "ezra", "noah", "sasha", "mustafa"})
_FEMALE_SURNAME_ENDINGS = ("ova", "eva", "ina", "aya", "ska", "cka", "kaya")


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """A name or word as a comparison key: folded (``newsline.folding.fold``: Vučić -> vucic), without a
    possessive 's and the punctuation around it."""
    plain = fold(text)
    if plain.endswith("'s"):
        plain = plain[:-2]
    return plain.strip(" .,;:'\"‘“”")


def name_parts(text: str) -> list[str]:
    """The folded words of a person's name, without honorifics (``Mr. Aleksandar Vučić`` -> aleksandar, vucic)."""
    parts = [fold_name(w) for w in text.replace("-", " ").split()]
    return [p for p in parts if p and p not in HONORIFICS]


# titles that stand before a name without being part of it ("Prince Khalid", "Sheikh Tamim"), besides HONORIFICS
TITLES = frozenset({
    "prince", "princess", "king", "queen", "crown", "sheikh", "sheikha", "emir", "sultan", "lord", "lady", "dame",
    "pope", "cardinal", "archbishop", "bishop", "rabbi", "imam", "ayatollah", "general", "colonel", "col",
    "captain", "capt", "major", "maj", "lieutenant", "lt", "sergeant", "sgt", "admiral", "adm", "marshal",
    "chancellor", "premier", "minister", "senator", "governor", "mayor", "judge", "justice", "speaker", "mme",
})
# name particles: part of a surname or a patronymic, never a given name ("Khalid bin Rashid Al Hamad", "al-Burhan")
PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "ould", "van", "von", "de", "da", "di", "du", "del", "della",
    "der", "den", "la", "le", "dos", "das", "ter", "ul", "y",
})


def person_name(text: str) -> tuple[list[str], str | None]:
    """The folded given names and the surname of a person's name, without titles and particles: "Prince
    Khalid" -> ([], "khalid"); "Khalid bin Rashid Al Hamad" -> (["khalid", "rashid"], "hamad"); "al-Burhan"
    -> ([], "burhan"). A single remaining word is a surname (or a name used alone)."""
    parts = [p for p in name_parts(text) if p not in TITLES]
    words = [p for p in parts if p not in PARTICLES] or parts
    if not words:
        return [], None
    return words[:-1], words[-1]


def similar(a: str, b: str, threshold: float) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= threshold


def same_given_name(a: str, b: str) -> bool:
    """Spelling variants or an initial: Alexander ~ Aleksandar, J ~ John."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a[0] == b[0] and similar(a, b, 0.6)  # hand-set (no tuning recorded); bench speakers (PolNeAR dev)


_TRANSLITERATION = (("ks", "x"), ("kh", "h"), ("y", "i"), ("j", "i"), ("w", "v"), ("ph", "f"))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A folded word with common transliteration differences and doubled letters levelled out."""
    for a, b in _TRANSLITERATION:
        word = word.replace(a, b)
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


def same_surname(a: str, b: str) -> bool:
    """Equal after folding, or transliteration variants (Zelensky ~ Zelenskyy ~ Zelenskiy); Clinton != Clifton."""
    return a == b or skeleton(a) == skeleton(b)


# country names and adjectives that no suffix rule relates ("Turkish" ~ "Turkey"), by the one key they share
_PLACE_KEYS = {
    "us": "us", "usa": "us", "unitedstates": "us", "america": "us", "american": "us",
    "uk": "uk", "unitedkingdom": "uk", "britain": "uk", "greatbritain": "uk", "british": "uk",
    "turkish": "turkey", "turkiye": "turkey", "french": "france", "dutch": "netherlands", "swiss": "switzerland",
    "greek": "greece", "danish": "denmark", "swedish": "sweden", "polish": "poland", "finnish": "finland",
    "spanish": "spain", "irish": "ireland", "welsh": "wales", "scottish": "scotland", "english": "england",
    "filipino": "philippines", "philippine": "philippines", "emirati": "uae", "unitedarabemirates": "uae",
    "saudi": "saudiarabia", "thai": "thailand", "czech": "czechia", "slovak": "slovakia", "peruvian": "peru",
}
_ADJECTIVE_ENDINGS = ("", "n", "an", "ian", "ean", "i", "ese", "ish", "ic")


def place_key(text: str) -> str:
    """A country or place name or adjective, folded without spaces and dots, irregular forms levelled."""
    key = "".join(fold_name(text).replace(".", "").split())
    return _PLACE_KEYS.get(key, key)


def same_place(a: str, b: str) -> bool:
    """Whether two place words name one place: equal keys, or a name and its adjective (Ruritania ~ Ruritanian,
    China ~ Chinese, Lebanon ~ Lebanese, Israel ~ Israeli)."""
    a, b = place_key(a), place_key(b)
    if a == b:
        return True
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    if stem < 4:
        return False
    rest = sorted((a[stem:], b[stem:]), key=len)
    return len(rest[0]) <= 2 and rest[1] in _ADJECTIVE_ENDINGS or rest[0] in _ADJECTIVE_ENDINGS and len(rest[1]) <= 2


def guess_gender(parts: list[str]) -> str | None:
    """"female", "male" or None from the folded parts of a person's name; a weak cue used only for pronouns."""
    if not parts:
        return None
    first, last = parts[0], parts[-1]
    if len(parts) > 1 and last.endswith(_FEMALE_SURNAME_ENDINGS):
        return "female"
    if len(parts) > 1:
        if any(p in _FEMALE_FIRST for p in parts[:-1]) or (first.endswith("a") and first not in _MALE_A):
            return "female"
        return "male"
    if last.endswith(_FEMALE_SURNAME_ENDINGS):
        return "female"
    return None
