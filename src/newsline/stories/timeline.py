"""Publication order within a story, honest about date precision.

A day-only date cannot prove who was first on that day, and an undated article cannot be placed at all: such
pairs are ordered for display (by a rule that does not depend on ingest order) but reported as "same day, order
unknown" or "undated, order unknown".
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache

from newsline.model import Article
from newsline.origins import Origins
from newsline.publication import PublicationDate

EARLIER = "earlier"
SAME_DAY = "same day, order unknown"
UNDATED = "undated, order unknown"


def instant(published: str | None) -> datetime | None:
    """The publication time when the date carries one (naive times are read as UTC), else None (also for a
    stored value that is not ISO 8601: it is placed by its day, never guessed)."""
    if not published:
        return None
    try:
        return PublicationDate.of(published).instant
    except ValueError:
        return None


@lru_cache(maxsize=65536)  # called for every pair of articles a story orders; the dates repeat
def day(published: str | None) -> str | None:
    """The day articles are ordered by, YYYY-MM-DD: the UTC day of a timed date (so that timed articles keep the
    order of their instants), the written day of a day-only one; None when undated or not ISO 8601. (The
    publication day everywhere else, the story window included, is the written day: ``newsline.publication``.)

    A time whose UTC day falls outside the calendar (``0001-01-01T00:00+01:00``) keeps the day it is written on.
    """
    if not published:
        return None
    try:
        parsed = PublicationDate.of(published)
    except ValueError:
        return None
    if parsed.instant is not None:
        try:
            return parsed.instant.astimezone(timezone.utc).date().isoformat()
        except OverflowError:  # the UTC day falls before year 1 or after 9999: the local day stands in
            pass
    return parsed.day.isoformat()


def order(articles: list[Article], origins: Origins | None = None) -> list[Article]:
    """Timeline order: by day, then by time where known (undated last). What the dates cannot order goes by a
    rule that does not depend on the order articles arrived in: an origin's own article (its outlet is in the
    origins table: agencies, wires, broadcasters, papers others credit) before others, then by article id."""
    def key(article: Article) -> tuple[object, ...]:
        moment = instant(article.published)
        own = origins is not None and origins.by_outlet(article.outlet) is not None
        return (article.published is None, day(article.published) or "", moment is None,
                moment.timestamp() if moment else 0.0, not own, article.id)

    return sorted(articles, key=key)


def settle(ordered: list[Article], evidence: Iterable[tuple[str, str]]) -> list[Article]:
    """Reorder ``ordered`` (``order``'s result) so that each ``(earlier id, later id)`` pair of ``evidence`` holds
    where the dates cannot decide: inside one day, or among undated articles. Dates still rule: a timed article
    stays after the earlier-timed ones of its day, and days keep their order. Otherwise an article the evidence
    shows to be earlier than another goes before one it says nothing about (the first publisher is one others
    demonstrably followed, not whichever sorts first), then the base order; evidence that goes round in a circle
    gives way to the base order."""
    edges = list(evidence)
    sources = {x for x, _ in edges}
    position = {a.id: (a.id not in sources, i) for i, a in enumerate(ordered)}
    out: list[Article] = []
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or _bucket(ordered[end]) != _bucket(ordered[start]):
            out.extend(_topological(ordered[start:end], edges, position))
            start = end
    return out


def unordered(a: Article, b: Article) -> bool:
    """Whether the dates cannot say which of two articles came first, and they share a day (or both are
    undated): the pairs ``settle`` may reorder."""
    return (_bucket(a) == _bucket(b) and order_note(a, b) != EARLIER and order_note(b, a) != EARLIER)


def _bucket(article: Article) -> tuple[bool, str]:
    return article.published is None, day(article.published) or ""


def _topological(bucket: list[Article], edges: list[tuple[str, str]],
                 position: dict[str, tuple[bool, int]]) -> list[Article]:
    """Kahn's algorithm over one day: the timed articles chained in time order plus the evidence, the base order
    breaking ties and cycles."""
    if len(bucket) < 2:
        return bucket
    by_id = {a.id: a for a in bucket}
    after: dict[str, set[str]] = {a.id: set() for a in bucket}
    timed = [a for a in bucket if instant(a.published) is not None]
    for x, y in zip(timed, timed[1:]):  # already in time order
        if order_note(x, y) == EARLIER:
            after[x.id].add(y.id)
    for x, y in edges:
        if x in by_id and y in by_id and x != y:
            after[x].add(y)
    waiting = {i: 0 for i in by_id}
    for x in after:
        for y in after[x]:
            waiting[y] += 1
    ready = [(position[i], i) for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    out: list[Article] = []
    while waiting:
        if not ready:  # a cycle: release the earliest waiting article in the base order
            stuck = min(waiting, key=position.__getitem__)
            heapq.heappush(ready, (position[stuck], stuck))
            waiting[stuck] = 0
        _, current = heapq.heappop(ready)
        if current not in waiting:
            continue
        del waiting[current]
        out.append(by_id[current])
        for y in after[current]:
            if y in waiting:
                waiting[y] -= 1
                if waiting[y] == 0:
                    heapq.heappush(ready, (position[y], y))
    return out


def order_note(source: Article, later: Article) -> str:
    """How surely ``source`` was published before ``later``."""
    if source.published is None or later.published is None:
        return UNDATED
    a, b = instant(source.published), instant(later.published)
    if a is not None and b is not None:
        return EARLIER if a < b else SAME_DAY
    return EARLIER if day(source.published) != day(later.published) else SAME_DAY
