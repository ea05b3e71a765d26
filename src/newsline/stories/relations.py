"""How a later article relates to an earlier one: sentence alignment, copy/rewrite/independent, credit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsline.folding import fold
from newsline.model import Article
from newsline.stories.text import content_terms, sentence_spans, words

VERBATIM = 0.9  # word-sequence similarity from which a reused sentence counts as copied
ALIGNED = 0.5  # content-word overlap from which a sentence counts as reused (paraphrased or copied)
COPY_SHARE = 0.5  # copy: at least this share of the article is reused ...
COPY_VERBATIM = 0.85  # ... and at least this share of the reused text is verbatim
REWRITE_SHARE = 0.4  # rewrite: at least this share of the article is reused, mostly paraphrased

# Outlets whose name in a credit line differs from their web domain; any other outlet is credited by its domain
# or the domain's name part (``kyiv-herald.example`` -> "kyiv herald").
OUTLET_NAMES: dict[str, tuple[str, ...]] = {
    "ria.ru": ("RIA Novosti", "RIA"), "tass.ru": ("TASS",), "tass.com": ("TASS",), "interfax.ru": ("Interfax",),
    "reuters.com": ("Reuters",), "apnews.com": ("Associated Press", "AP"), "afp.com": ("AFP", "Agence France-Presse"),
    "bbc.co.uk": ("BBC",), "bbc.com": ("BBC",), "nytimes.com": ("New York Times",),
    "washingtonpost.com": ("Washington Post",), "wsj.com": ("Wall Street Journal",), "cnn.com": ("CNN",),
    "foxnews.com": ("Fox News",), "rt.com": ("RT", "Russia Today"), "sputniknews.com": ("Sputnik",),
    "usatoday.com": ("USA Today",), "huffpost.com": ("HuffPost", "Huffington Post"),
    "westernjournal.com": ("Western Journal",), "breitbart.com": ("Breitbart",), "theguardian.com": ("Guardian",),
}


@dataclass(slots=True)
class Alignment:
    """A sentence of the later article paired with its most similar sentence of the source."""

    start: int
    end: int
    source_start: int
    source_end: int
    similarity: float  # content-word overlap (Dice), 1.0 for the same words
    verbatim: bool  # the same word sequence, give or take a word or two


@dataclass(slots=True)
class Relation:
    label: str  # 'copy' | 'rewrite' | 'independent'
    share: float  # share of the later article's text aligned to the source
    alignments: list[Alignment]  # the reused sentences (similarity >= ALIGNED)
    credited: bool

    @property
    def reused_chars(self) -> int:
        return sum(a.end - a.start for a in self.alignments)


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    words: tuple[str, ...]
    terms: frozenset[str]


def _sentences(article: Article) -> list[_Sentence]:
    out = []
    for start, end in sentence_spans(article):
        text = article.text[start:end]
        out.append(_Sentence(start, end, tuple(words(text)), frozenset(content_terms(text))))
    return [s for s in out if s.words]


def sentence_similarity(a: _Sentence, b: _Sentence) -> float:
    """1.0 for the same words; else the Dice overlap of content terms, which survives synonyms and reordering."""
    if a.words == b.words:
        return 1.0
    if not a.terms or not b.terms:
        return 0.0
    dice = 2 * len(a.terms & b.terms) / (len(a.terms) + len(b.terms))
    return min(dice, 0.99)


def _verbatim(a: _Sentence, b: _Sentence) -> bool:
    return a.words == b.words or SequenceMatcher(None, a.words, b.words, autojunk=False).ratio() >= VERBATIM


def align(later: Article, source: Article) -> list[Alignment]:
    """Each sentence of ``later`` with its best match in ``source``, kept when similarity >= ALIGNED."""
    targets, sources = _sentences(later), _sentences(source)
    alignments = []
    for t in targets:
        best, best_sim = None, 0.0
        for s in sources:
            sim = sentence_similarity(t, s)
            if sim > best_sim:
                best, best_sim = s, sim
        if best is not None and best_sim >= ALIGNED:
            alignments.append(Alignment(t.start, t.end, best.start, best.end, round(best_sim, 3), _verbatim(t, best)))
    return alignments


def relate(later: Article, source: Article) -> Relation:
    """Label ``later`` against ``source``: copy (mostly verbatim reuse), rewrite (paraphrase), or independent."""
    alignments = align(later, source)
    total = sum(s.end - s.start for s in _sentences(later)) or 1
    reused = sum(a.end - a.start for a in alignments)
    verbatim = sum(a.end - a.start for a in alignments if a.verbatim)
    share = reused / total
    if share >= COPY_SHARE and verbatim >= COPY_VERBATIM * reused:
        label = "copy"
    elif share >= REWRITE_SHARE:
        label = "rewrite"
    else:
        label = "independent"
    return Relation(label, round(share, 3), alignments, credits(later, source, alignments))


def outlet_names(outlet: str | None) -> tuple[str, ...]:
    """How a credit line may name the outlet: known names, the domain, and the domain's name part."""
    if not outlet:
        return ()
    stem = outlet.split(".")[0]
    return (*OUTLET_NAMES.get(outlet, ()), outlet, stem.replace("-", " ").replace("_", " "))


def mentions(text: str, names: tuple[str, ...]) -> int:
    """How often any of ``names`` occurs as whole words (case-insensitive; spaces optional inside a name, and
    between the letters of a domain stem of six or more, which runs the words of the outlet's name together)."""
    folded = fold(text)
    count = 0
    for name in names:
        parts = fold(name).split()
        if len(parts) == 1 and len(parts[0]) >= 6:  # a domain stem: "harbourgazette" is "Harbour Gazette"
            parts = list(parts[0])
        if parts:
            count += len(re.findall(r"\b" + r"[\s-]?".join(map(re.escape, parts)) + r"\b", folded))
    return count


def names_outlet(article: Article, other: Article) -> bool:
    """Whether ``article`` names ``other``'s outlet more often than ``other`` names itself (a credit)."""
    if not other.outlet or other.outlet == article.outlet:
        return False
    names = outlet_names(other.outlet)
    return mentions(article.text, names) > mentions(other.text, names)


def credits(later: Article, source: Article, alignments: list[Alignment] | None = None) -> bool:
    """Whether ``later`` names the source's outlet in its own text (outside the sentences it reuses), or more
    often than the source itself does.

    Either way a copied "... told RIA Novosti" does not pass as a credit; a credit line added to a copy does.
    """
    if not source.outlet or source.outlet == later.outlet:
        return source.outlet is not None and source.outlet == later.outlet
    names = outlet_names(source.outlet)
    own, cursor = [], 0
    for a in sorted(alignments if alignments is not None else align(later, source), key=lambda a: a.start):
        own.append(later.text[cursor:a.start])
        cursor = max(cursor, a.end)
    own.append(later.text[cursor:])
    return mentions("\n".join(own), names) > 0 or mentions(later.text, names) > mentions(source.text, names)
