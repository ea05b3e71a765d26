"""Quotes shared across a story's articles, and quotes whose speaker differs between outlets."""

from __future__ import annotations

from newsline.model import Article
from newsline.stories.profile import overlap, same_speaker, speaker_name
from newsline.stories.text import content_terms
from newsline.store.base import QuoteLink

SAME_QUOTE = 0.6  # content-term containment from which two quotes are the same statement
MIN_TERMS = 4


def link_quotes(story_id: str, articles: list[Article]) -> list[QuoteLink]:
    """Pairs of quotes in different articles with overlapping content, each once (earlier article first).

    ``shared``: same speaker; ``conflict``: different speakers; ``unattributed``: one side names no speaker.
    """
    quoted = [(a, q, speaker_name(a, q), content_terms(q.content.text)) for a in articles for q in a.quotes]
    links = []
    for i, (a, qa, sa, ta) in enumerate(quoted):
        for b, qb, sb, tb in quoted[i + 1 :]:
            if a.id == b.id or len(set(ta)) < MIN_TERMS or len(set(tb)) < MIN_TERMS:
                continue
            sim = overlap(ta, tb)
            if sim < SAME_QUOTE:
                continue
            same = same_speaker(sa, sb)
            kind = "unattributed" if same is None else "shared" if same else "conflict"
            links.append(QuoteLink(story_id, kind, a.id, qa.id, sa, b.id, qb.id, sb, round(sim, 3)))
    return links
