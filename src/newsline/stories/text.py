"""Text features for story detection: tokens, content terms, name keys, sentences and word shingles.

Pure functions of the text (and of annotations when an upstream stage filled them), with no model to load, so
assignment at ingest stays cheap.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from newsline.folding import fold
from newsline.model import Article, trimmed
from newsline.transliteration import latin

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_NAME = re.compile(r"\b(?:[A-Z][\w'’-]*\.?)(?:\s+(?:of|the|de|al|van|von|bin)?\s*[A-Z][\w'’-]*)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n\s*\n")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_NAME_STOP = frozenset({"The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We", "I",
                        "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "After", "When",
                        "Mr", "Ms", "Mrs", "Dr", "If", "As", "For", "With", "From", "By", "Some", "There", "What"})


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English and Russian stop words and reporting words; imported on first use (spaCy is slow to import
    and the read-only paths that import this module never call it). The two lists do not overlap (their scripts
    differ), so one set serves a text in either language or both."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lang.ru.stop_words import STOP_WORDS as RUSSIAN

    return (frozenset(STOP_WORDS) | {"said", "says", "told", "according", "also", "would", "could", "mr", "ms", "mrs"}
            | frozenset(RUSSIAN) | {"заявил", "заявила", "сказал", "сказала", "сообщил", "сообщила", "отметил",
                                   "отметила", "словам"})


def words(text: str) -> list[str]:
    """Every word, folded: the material of shingles."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A light suffix strip so that ``sanction``/``sanctions``/``sanctioned`` meet; not a linguistic stemmer."""
    for suffix in ("'s", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words (no stop words, no one- or two-letter tokens)."""
    return [stem(w) for w in words(text) if len(w) > 2 and w not in _stop_words()]


def name_keys(article: Article) -> Counter[str]:
    """Names mentioned: the entity stage's names when present, plus capitalised word runs found in the text.

    Both are reduced to folded single tokens (``Lindsay Lohan`` -> ``lindsay``, ``lohan``) so that a full name
    and a later surname-only mention meet; names in Cyrillic in Latin letters (``Дмитрий Песков`` -> ``dmitry``,
    ``peskov``), so that a Russian article and an English one about the same people share their names.
    """
    found: Counter[str] = Counter()
    for entity in article.entities:
        for token in content_terms(latin(entity.name)):
            found[token] += max(1, len(entity.mentions))
    for match in _NAME.finditer(article.text):
        tokens = [t for t in match.group().split() if t not in _NAME_STOP]
        for token in tokens:
            key = fold(token.strip(".'’-"))
            if len(key) > 2 and key not in _stop_words():
                found[stem(key)] += 1
    return found


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """Sentence offsets: the pipeline's sentences when the article was analysed, else a punctuation split; either
    way cut at line breaks, so that a headline or boilerplate line never merges with the sentence beside it."""
    text = article.text
    if article.sentences:
        spans = [(s.start, s.end) for s in article.sentences]
    else:
        spans, start = [], 0
        for match in _SENTENCE_END.finditer(text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
    lines = []
    for start, end in spans:
        for line in _LINE_BREAK.split(text[start:end]):
            offset = text.index(line, start) if line else start
            lines.append((offset, offset + len(line)))
            start = offset + len(line)
    return [(a, b) for a, b in _trimmed(text, lines) if b > a]


def shingles(text: str, size: int = 5) -> set[str]:
    """Word ``size``-grams over all words (stop words included: copies keep them, paraphrases do not)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [trimmed(text, start, end) for start, end in spans]
