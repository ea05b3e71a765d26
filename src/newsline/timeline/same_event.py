"""When two reports describe the same event: same actor, category, target and day, and similar content."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_STOP = frozenset("a an the of to in on at by for with and or that this is was were be been has have had it its "
                  "he she they his her their said says say also as from".split())
# Hand-set (no tuning recorded); no benchmark scores same-event merging yet.
SIMILAR = 0.3  # Jaccard overlap of content words in the evidence sentences


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP and len(w) > 2)


def similar_content(lemma_a: str, evidence_a: str, lemma_b: str, evidence_b: str) -> bool:
    """Same predicate lemma, or evidence sentences sharing at least ``SIMILAR`` of their content words."""
    if lemma_a == lemma_b:
        return True
    a, b = content_words(evidence_a), content_words(evidence_b)
    return bool(a and b) and len(a & b) / len(a | b) >= SIMILAR
