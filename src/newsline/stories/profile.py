"""What the story tier compares: an article's weighted terms and names, its event dates and its quotes."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field

from newsline.folding import fold
from newsline.model import Article, Quote
from newsline.stories.text import content_terms, name_keys

# Profile sizes, hand-set (no tuning recorded); `newsline bench stories` (ECB+ topics 1-35) measures them.
TOP_TERMS = 60
TOP_NAMES = 30
QUOTE_TERMS = 40


@dataclass(slots=True)
class Features:
    """Raw counts, before weighting by document frequency."""

    terms: Counter[str]
    names: Counter[str]
    dates: list[str]
    quotes: list[tuple[str | None, list[str]]]

    def vocabulary(self) -> list[str]:
        """The keys counted into document frequencies: ``t:term`` and ``n:name``."""
        return [f"t:{t}" for t in self.terms] + [f"n:{n}" for n in self.names]


@dataclass(slots=True)
class Profile:
    terms: dict[str, float] = field(default_factory=dict)  # L2-normalised tf-idf, the TOP_TERMS heaviest
    names: dict[str, float] = field(default_factory=dict)
    dates: list[str] = field(default_factory=list)  # days of resolved event dates and date expressions
    quotes: list[tuple[str | None, list[str]]] = field(default_factory=list)  # (speaker name, content terms)

    def to_json(self) -> str:
        return json.dumps({"t": self.terms, "n": self.names, "d": self.dates, "q": self.quotes},
                          separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Profile:
        d = json.loads(text)
        return cls(d["t"], d["n"], d["d"], [(s, list(c)) for s, c in d["q"]])

    def keys(self, terms: int = 10, names: int = 8) -> list[str]:
        """The most distinctive terms and names: what the candidate index is keyed on."""
        top = lambda weights, n: sorted(weights, key=lambda k: (-weights[k], k))[:n]  # noqa: E731
        return [f"t:{t}" for t in top(self.terms, terms)] + [f"n:{n}" for n in top(self.names, names)]


def features(article: Article) -> Features:
    dates = sorted({t.value[:10] for t in article.timexes
                    if t.type == "DATE" and t.value and len(t.value) >= 10 and t.value[:4].isdigit()}
                   | {e.date.value[:10] for e in article.events
                      if e.date.value and e.date.granularity == "day" and e.date.source != "publication"})
    return Features(Counter(content_terms(article.text)), name_keys(article), dates,
                    [(speaker_name(article, q), content_terms(q.content.text)[:QUOTE_TERMS]) for q in article.quotes])


def speaker_name(article: Article, quote: Quote) -> str | None:
    """The quote's speaker as a name: the resolved entity's name, else the source span's text."""
    if quote.speaker:
        for entity in article.entities:
            if entity.id == quote.speaker:
                return entity.name
    return quote.source.text if quote.source else None


def weigh(raw: Features, articles: int, df: dict[str, int]) -> Profile:
    """Tf-idf weights from document frequencies over ``articles`` assigned articles (smoothed)."""
    def vector(counts: Counter[str], prefix: str, top: int) -> dict[str, float]:
        weights = {k: (1 + math.log(c)) * (math.log((articles + 1) / (df.get(prefix + k, 0) + 1)) + 1)
                   for k, c in counts.items()}
        kept = sorted(weights, key=lambda k: (-weights[k], k))[:top]
        norm = math.sqrt(sum(weights[k] ** 2 for k in kept)) or 1.0
        return {k: round(weights[k] / norm, 4) for k in kept}

    return Profile(vector(raw.terms, "t:", TOP_TERMS), vector(raw.names, "n:", TOP_NAMES), raw.dates, raw.quotes)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def overlap(a: list[str], b: list[str]) -> float:
    """Containment of the smaller term list in the larger: how much of a quote another one repeats."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def shared_quote(a: Profile, b: Profile, threshold: float = 0.6) -> bool:
    """Both report a quote with overlapping content (at least 4 content words; the threshold is hand-set, no
    tuning recorded)."""
    return any(len(qa) >= 4 and len(qb) >= 4 and overlap(qa, qb) >= threshold
               for _, qa in a.quotes for _, qb in b.quotes)


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """True/False when both names are known (a surname-only mention matches the full name), else None."""
    if not a or not b:
        return None
    ta, tb = content_terms(fold(a)), content_terms(fold(b))
    if not ta or not tb:
        return None
    return ta[-1] == tb[-1] or set(ta) <= set(tb) or set(tb) <= set(ta)


@dataclass(frozen=True, slots=True)
class Weights:
    """How the story tier mixes its signals; the defaults were set on ECB+ topics 1-20 (see docs/stories.md)."""

    terms: float = 0.5
    names: float = 0.5
    quote_bonus: float = 0.15
    date_bonus: float = 0.1
    date_penalty: float = 0.15


def similarity(a: Profile, b: Profile, weights: Weights = Weights()) -> float:
    """Same-story similarity in [0, ~1.25]: terms and names, plus shared quotes and matching event dates."""
    score = weights.terms * cosine(a.terms, b.terms) + weights.names * cosine(a.names, b.names)
    if a.quotes and b.quotes and shared_quote(a, b):
        score += weights.quote_bonus
    if a.dates and b.dates:
        score += weights.date_bonus if set(a.dates) & set(b.dates) else -weights.date_penalty
    return score
