"""How much of a later article reuses an earlier one: sentence alignment, and copy / rewrite / related /
independent with a confidence. Who is credited, and whether two articles are siblings of an outside origin, is
decided with the credits in ``newsline.stories.credit``."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsline.model import Article
from newsline.stories.text import content_terms, sentence_spans, words

# VERBATIM, ALIGNED, COPY_SHARE, REWRITE_SHARE and ORDER_FLOOR were set by hand (docs/stories.md, checked by
# tests/test_documented_constants.py); the laundering benchmark and realnews dev measure them (see below).
VERBATIM = 0.9  # word-sequence similarity from which a reused sentence counts as copied
ALIGNED = 0.5  # content-word overlap from which a sentence counts as reused (paraphrased or copied)
COPY_SHARE = 0.5  # copy: at least this share of the article is reused ...
COPY_VERBATIM = 0.85  # ... and at least this share of the reused sentences, by number or by length, is verbatim
REWRITE_SHARE = 0.4  # rewrite: at least this share of the article is reused, mostly paraphrased ...
REWRITE_CONFIDENCE = 0.6  # ... with at least this confidence; below it the pair is only "related"
ORDER_FLOOR = 0.5  # a rewrite that keeps none of its source's sentence order keeps this much of its confidence
# COPY_VERBATIM by number and REWRITE_CONFIDENCE were set on the laundering benchmark (benchmarks/laundering.py,
# PolNeAR dev: every generated paraphrase scores >= 0.85, none has 85% verbatim sentences) and the realnews dev
# set (a copy of a later update keeps 10 of 11 sentences; outlets that reworded one wire item score 0.50-0.68).


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
    label: str  # 'copy' | 'rewrite' | 'related' | 'independent'
    share: float  # share of the later article's text aligned to the source
    alignments: list[Alignment]  # the reused sentences (similarity >= ALIGNED)
    copied: float  # share of the reused sentences that are verbatim (by number or by length, the larger)
    in_order: float  # share of the reused sentences that follow the source's sentence order
    confidence: float  # how sure the label is, in [0, 1] (see ``confidence``)

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


def in_order(alignments: list[Alignment]) -> float:
    """The share of aligned sentences in the longest run that keeps the source's order (1.0 for none or one)."""
    if len(alignments) < 2:
        return 1.0
    tails: list[int] = []
    for a in sorted(alignments, key=lambda a: a.start):
        i = bisect_left(tails, a.source_start)
        tails[i:i + 1] = [a.source_start]
    return len(tails) / len(alignments)


def confidence(share: float, mean_similarity: float, order: float, copied: float) -> float:
    """How sure a reuse claim is: the reused share (full at COPY_SHARE and above), times the mean similarity of
    the reused sentences, times, for paraphrase, how well it keeps the source's sentence order (independent
    reports that share a few quotes cite them in their own order; a rewrite follows its source). Copied text
    needs no order: a reordered copy is still a copy."""
    order_factor = 1.0 if copied >= COPY_VERBATIM else ORDER_FLOOR + (1 - ORDER_FLOOR) * order
    return round(min(1.0, share / COPY_SHARE) * mean_similarity * order_factor, 3)


def relate(later: Article, source: Article) -> Relation:
    """Label ``later`` against ``source``: copy (mostly verbatim sentences), rewrite (paraphrase), related
    (reuse too weak or scattered to claim a rewrite), or independent."""
    alignments = align(later, source)
    total = sum(s.end - s.start for s in _sentences(later)) or 1
    reused = sum(a.end - a.start for a in alignments)
    share = reused / total
    verbatim = [a for a in alignments if a.verbatim]
    copied = max(len(verbatim) / len(alignments), sum(a.end - a.start for a in verbatim) / reused) if reused else 0.0
    order = in_order(alignments)
    mean = sum(a.similarity * (a.end - a.start) for a in alignments) / reused if reused else 0.0
    sure = confidence(share, mean, order, copied)
    if share >= COPY_SHARE and copied >= COPY_VERBATIM:
        label = "copy"
    elif share >= REWRITE_SHARE:
        label = "rewrite" if sure >= REWRITE_CONFIDENCE else "related"
    else:
        label = "independent"
    return Relation(label, round(share, 3), alignments, round(copied, 3), round(order, 3), sure)
