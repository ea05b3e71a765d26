"""The Russian language pack: natasha's parse, then Russian rules for entities, time expressions and quotes.

Produces the same Article contract as the English analysis, by stages registered under the English names
(``newsline.analysis.stages``); events and credits are English only (for now), so a Russian article has none.
"""

from __future__ import annotations

from collections.abc import Collection

from newsline.analysis.lang.ru import entities, quotes, timex
from newsline.analysis.lang.ru.entities import Found
from newsline.analysis.lang.ru.parse import MODEL, Parsed, load_models, parse
from newsline.analysis.stages import VOICES, ZONES, Context, Stage, Stages
from newsline.model import Article, Sentence
from newsline.origins import Origins, default_origins

__all__ = ["MODEL", "RUSSIAN", "annotate", "load_models"]


def _sentences(c: Context[Parsed]) -> list[Sentence]:
    return [Sentence(*c.parse.sent_span(s)) for s in range(len(c.parse.sents))]


def _fill_entities(article: Article, found: Found) -> None:
    article.entities = found.entities


RUSSIAN: Stages[Parsed] = Stages("ru", [
    Stage("sentences", _sentences),
    ZONES,
    Stage("entities", lambda c: entities.find_entities(c.parse), fill=_fill_entities),
    Stage("timexes", lambda c: timex.tag_timexes(c.parse, c.published)),
    Stage("quotes", lambda c: quotes.find_quotes(c.parse, c["entities"], c["zones"]), needs=("entities", "zones")),
    VOICES,
])


def annotate(article: Article, end: int, origins: Origins | None = None,
             stages: Collection[str] | None = None) -> Article:
    """Fill ``article``'s annotations from the parse of its first ``end`` characters: every stage, or ``stages``
    and what they need."""
    text = article.text[:end]
    context = Context(parse(text), text, article.published, origins or default_origins())
    return RUSSIAN.run(article, context, RUSSIAN.plan(stages))
