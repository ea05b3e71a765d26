"""Hand-built articles (entities and events given, no spaCy) and a store to index them in: the registry, timeline
and transliteration tests build their corpora with these."""

from __future__ import annotations

from newsline.indexing import index
from newsline.model import AnalysisInfo, Article, Entity, Event, EventDate, Mention, Predicate, Span
from newsline.store import SQLiteStore


def person(entity_id: str, text: str, *forms: str, type_: str = "PERSON", roles: tuple[str, ...] = ()) -> Entity:
    mentions = []
    for form in forms:
        start = text.index(form)
        mentions.append(Mention(start, start + len(form), form, "name" if " " in form else "short_name"))
    return Entity(entity_id, max(forms, key=len), type_, mentions, list(roles))


def event(event_id: str, text: str, sentence: str, actor: str | None, category: str, lemma: str,
          date: EventDate, target: str | None = None, quote: str | None = None) -> Event:
    start = text.index(sentence)
    return Event(event_id, actor, Predicate(lemma, lemma), category, date, Span.of(text, start, start + len(sentence)),
                 target, quote)


def article(article_id: str, text: str, published: str, outlet: str, entities: list[Entity],
            events: list[Event]) -> Article:
    return Article(article_id, text, url=f"https://{outlet}/{article_id}", outlet=outlet, published=published,
                   language="en", analysis=AnalysisInfo("ok"), entities=entities, events=events)


def day(value: str, source: str = "timex", mod: str | None = None, granularity: str = "day") -> EventDate:
    return EventDate(value, granularity, mod, source)


def add(store: SQLiteStore, *articles: Article) -> None:
    assert store.add_articles([(a, f"test:{a.id}") for a in articles]) == len(articles)
    index(store, stories=None)  # the registry and events (newsline.indexing)
