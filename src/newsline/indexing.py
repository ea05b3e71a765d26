"""Corpus-level indexing, in batch after articles are stored: each article's entities resolved into the corpus
registry, its events merged with other articles' reports of the same event, and the article assigned to a story.

The store persists; this module decides (with ``registry.resolve``, ``timeline.same_event`` and ``stories``).
Storing an article queues it (``Store.add_articles``); :func:`index` works through the queue in load order, one
transaction per chunk that also takes the chunk off the queue, so an interrupted run resumes where it stopped and
indexes nothing twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from newsline.model import Article
from newsline.registry.names import name_words
from newsline.registry.resolve import resolve_article
from newsline.stories import StoryConfig, assign as assign_stories
from newsline.store.base import EventRow, Store
from newsline.timeline.dates import UNDATED_DAY, day_rank, sort_day
from newsline.timeline.same_event import similar_content

# Articles per transaction. Not tuned: small enough that a rerun after a kill redoes little and readers see
# progress, large enough that the per-transaction cost (a WAL commit, story provenance) is shared.
CHUNK = 500


@dataclass(slots=True)
class IndexReport:
    articles: int = 0  # indexed by this run
    events: int = 0  # event reports they added
    queued: int = 0  # waiting when the run started
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


IndexProgress = Callable[[IndexReport], None]


def index(store: Store, *, stories: StoryConfig | None = StoryConfig(), chunk: int = CHUNK,
          progress: IndexProgress | None = None) -> IndexReport:
    """Index every stored article not indexed yet, in load order; ``stories=None`` leaves story assignment out
    (``newsline stories rebuild --missing-only`` does it later)."""
    report = IndexReport(queued=store.queued_count())
    started = time.perf_counter()
    while True:
        with store.atomic():  # the chunk is read under the write lock: two indexers never index one article twice
            articles = store.queued_articles(chunk)
            for article in articles:
                report.events += index_article(store, article)
            if stories is not None and articles:
                assign_stories(store, articles, stories)
            store.dequeue([a.id for a in articles])
        if not articles:
            break
        report.articles += len(articles)
        report.seconds = time.perf_counter() - started
        if progress:
            progress(report)
    report.seconds = time.perf_counter() - started
    return report


def index_article(store: Store, article: Article) -> int:
    """Resolve ``article``'s entities into the registry and store its events, each in the cluster of an earlier
    report of the same event by another article (else its own); returns how many events it stored. Runs inside
    the caller's transaction."""
    corpus = resolve_article(article, store.registry_view())
    store.add_article_entities(article.id, [(e.id, corpus[e.id], name_words(e.name)) for e in article.entities
                                            if e.id in corpus])
    reports = [EventRow(event, corpus.get(event.actor) if event.actor else None,
                        corpus.get(event.target) if event.target else None,
                        sort_day(event.date.value, event.date.mod) or UNDATED_DAY,
                        day_rank(event.date.value, event.date.source)) for event in article.events]
    rows = store.add_events(article.id, reports)
    # an event with no actor or day is merged with no other
    mergeable = [(row, r) for row, r in zip(rows, reports) if r.actor is not None and r.day != UNDATED_DAY]
    candidates = store.same_event_candidates([row for row, _ in mergeable])
    for row, report in mergeable:
        for cluster, lemma, evidence in candidates.get(row, ()):
            if similar_content(report.event.predicate.lemma, report.event.evidence.text, lemma, evidence):
                store.set_event_cluster(row, cluster)
                break
    return len(article.events)


def reindex(store: Store, *, chunk: int = CHUNK) -> int:
    """Rebuild events and the registry from every indexed article in load order, replaying the corrections, as one
    atomic change; returns the number of event reports. Articles still queued are left to :func:`index`."""
    events = 0
    with store.atomic():
        store.reset_registry()
        after = None
        while articles := store.indexed_articles(chunk, after):
            for article in articles:
                if article.analysis is not None and article.analysis.status == "ok":
                    events += index_article(store, article)
            after = articles[-1].id
    return events
