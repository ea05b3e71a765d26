"""``newsline bench attribution``: source/cue/content span precision, recall and F1 on PolNeAR.

Spans are compared per role over all attributions of an article. Exact match: identical offsets after
trimming surrounding whitespace. Overlap match: a predicted span matches a gold span it shares at least one
character with (each gold span is matched at most once).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsline.bench import f1
from newsline.analysis import default_analyzer
from newsline.bench.polnear import GoldArticle, read_polnear
from newsline.identity import new_article
from newsline.model import Article, trimmed

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer

ROLES = ("source", "cue", "content")
Spans = list[tuple[int, int]]


@dataclass(slots=True)
class Counts:
    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass(slots=True)
class SpanError:
    article: str
    role: str
    kind: str  # "missed" (gold not predicted exactly) or "spurious" (predicted, not in gold)
    text: str
    context: str


@dataclass(slots=True)
class AttributionScores:
    articles: int
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    errors: list[SpanError] = field(default_factory=list)


def predicted_spans(article: Article, role: str) -> Spans:
    """The article's quote spans of ``role`` ("source", "cue" or "content"), trimmed and deduplicated."""
    spans = {trimmed(article.text, s.start, s.end) for q in article.quotes if (s := getattr(q, role)) is not None}
    return sorted(s for s in spans if s[0] < s[1])


def _overlap_matches(predicted: Spans, gold: Spans) -> tuple[int, int]:
    used: set[int] = set()
    matched = 0
    for a, b in predicted:
        hit = next((i for i, (c, d) in enumerate(gold) if i not in used and a < d and c < b), None)
        if hit is not None:
            used.add(hit)
            matched += 1
    return matched, len(used)


def score_article(gold: GoldArticle, article: Article, scores: AttributionScores) -> None:
    for role in ROLES:
        predicted = predicted_spans(article, role)
        expected = sorted({s for s in (trimmed(gold.text, *g) for g in gold.spans(role)) if s[0] < s[1]})
        exact = len(set(predicted) & set(expected))
        for counts in (scores.exact[role], scores.overlap[role]):
            counts.predicted += len(predicted)
            counts.gold += len(expected)
        scores.exact[role].matched_predicted += exact
        scores.exact[role].matched_gold += exact
        over_p, over_g = _overlap_matches(predicted, expected)
        scores.overlap[role].matched_predicted += over_p
        scores.overlap[role].matched_gold += over_g
        for kind, spans, other in (("missed", expected, predicted), ("spurious", predicted, expected)):
            for a, b in sorted(set(spans) - set(other)):
                context = gold.text[max(0, a - 60) : min(len(gold.text), b + 60)].replace("\n", " ")
                scores.errors.append(SpanError(gold.name, role, kind, gold.text[a:b], context))


def score_attribution(
    data_dir: Path | str, *, analyzer: Analyzer | None = None, limit: int | None = None,
) -> AttributionScores:
    """Run the whole pipeline over a PolNeAR split and score its attributions against the first annotator."""
    golds = read_polnear(data_dir)[:limit]
    analyzer = default_analyzer(analyzer)
    scores = AttributionScores(articles=len(golds))
    articles: Iterable[Article] = analyzer.analyze_many(new_article(g.text) for g in golds)
    for gold, article in zip(golds, articles, strict=True):
        score_article(gold, article, scores)
    return scores


def error_sample(scores: AttributionScores, n: int, seed: int = 0) -> list[SpanError]:
    """A reproducible random sample of ``n`` exact-match errors."""
    return random.Random(seed).sample(scores.errors, min(n, len(scores.errors)))
