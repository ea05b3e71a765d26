"""Quotes shared across a story's articles, and quotes two outlets credit to different people."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection

from newsline.model import Article, Entity, Quote
from newsline.stories.profile import overlap, same_speaker, speaker_name
from newsline.stories.text import content_terms
from newsline.store.base import QuoteLink

# Hand-set (no tuning recorded); `newsline bench news` (realnews dev: story groups) measures them.
SAME_QUOTE = 0.6  # content-term containment from which two quotes are the same statement
MIN_TERMS = 4
_NAMED = ("name", "short_name")


def link_quotes(story_id: str, articles: list[Article],
                is_outlet: Callable[[Article, Entity], bool] = lambda a, e: False,
                among: Collection[str] | None = None) -> list[QuoteLink]:
    """Pairs of quotes in different articles with overlapping content, each once (earlier article first); with
    ``among``, only the pairs one of whose articles is in it (the new articles of a story analysed in bounds).

    ``shared``: the same speaker; ``conflict``: two resolved, named, different entities of the same kind (two
    people, two organisations) credited with one statement; ``unresolved``: a speaker is a role phrase the
    analysis did not resolve to a name ("its spokeswoman"), a credited outlet ("according to the Gazette"), or
    of another kind (a person and the institution he speaks for); ``unattributed``: one side names no speaker.
    """
    quoted = [(a, q, speaker_name(a, q), _named_speaker(a, q, is_outlet), content_terms(q.content.text))
              for a in articles for q in a.quotes]
    fresh = [j for j, q in enumerate(quoted) if among is None or q[0].id in among]
    links = []
    for i, (a, qa, sa, ea, ta) in enumerate(quoted):
        partners = (quoted[i + 1:] if among is None or a.id in among
                    else [quoted[j] for j in fresh[bisect_right(fresh, i):]])
        for b, qb, sb, eb, tb in partners:
            if a.id == b.id or len(set(ta)) < MIN_TERMS or len(set(tb)) < MIN_TERMS:
                continue
            sim = overlap(ta, tb)
            if sim < SAME_QUOTE:
                continue
            same = same_speaker(sa, sb)
            if same is None:
                kind = "unattributed"
            elif same:
                kind = "shared"
            elif ea is not None and eb is not None and ea.type == eb.type:
                kind = "conflict"
            else:
                kind = "unresolved"
            links.append(QuoteLink(story_id, kind, a.id, qa.id, sa, b.id, qb.id, sb, round(sim, 3)))
    return links


def _named_speaker(article: Article, quote: Quote, is_outlet: Callable[[Article, Entity], bool]) -> Entity | None:
    """The quote's speaker when it is resolved to an entity with a name that is not a credited outlet."""
    entity = next((e for e in article.entities if e.id == quote.speaker), None) if quote.speaker else None
    if entity is None or not any(m.kind in _NAMED for m in entity.mentions) or is_outlet(article, entity):
        return None
    return entity
