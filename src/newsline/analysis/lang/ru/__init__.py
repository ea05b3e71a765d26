"""The Russian language pack: natasha's parse, then Russian rules for entities, time expressions and quotes.

Produces the same Article contract as the English analysis; events are English only (for now), so a Russian
article has none.
"""

from __future__ import annotations

from newsline.analysis.lang.ru import entities, quotes, timex
from newsline.analysis.lang.ru.parse import MODEL, load_models, parse
from newsline.analysis.quotes import set_voices
from newsline.analysis.zones import find_zones
from newsline.model import Article, Sentence

__all__ = ["MODEL", "annotate", "load_models"]


def annotate(article: Article, end: int) -> Article:
    """Fill ``article``'s annotations from the parse of its first ``end`` characters."""
    text = article.text[:end]
    parsed = parse(text)
    article.sentences = [Sentence(*parsed.sent_span(s)) for s in range(len(parsed.sents))]
    article.zones = find_zones(text)
    found = entities.find_entities(parsed)
    article.timexes = timex.tag_timexes(parsed, article.published)
    article.quotes = quotes.find_quotes(parsed, found, article.zones)
    article.entities = found.entities
    set_voices(article)
    return article
