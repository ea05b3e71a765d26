"""Publication order within a story, honest about date precision.

A day-only date cannot prove who was first on that day, and an undated article cannot be placed at all: such
pairs are ordered for display (then by ingest order) but reported as "same day, order unknown" or "undated,
order unknown".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import lru_cache

from newsline.model import Article

EARLIER = "earlier"
SAME_DAY = "same day, order unknown"
UNDATED = "undated, order unknown"


def instant(published: str | None) -> datetime | None:
    """The publication time when the date carries one (naive times are read as UTC), else None (also for a
    stored value that is not ISO 8601: it is placed by its day, never guessed)."""
    if not published or len(published) <= 10:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@lru_cache(maxsize=65536)  # called for every pair of articles a story orders; the dates repeat
def day(published: str | None) -> str | None:
    """The publication day as YYYY-MM-DD (UTC when the date has a time), else None.

    A time whose UTC day falls outside the calendar (``0001-01-01T00:00+01:00``) keeps the day it is written on;
    a stored value that does not start with a calendar day has none.
    """
    moment = instant(published)
    if moment is not None:
        try:
            return moment.astimezone(timezone.utc).date().isoformat()
        except OverflowError:  # the UTC day falls before year 1 or after 9999: the local day stands in
            pass
    try:
        return date.fromisoformat(published[:10]).isoformat() if published else None
    except ValueError:
        return None


def order(articles: list[Article]) -> list[Article]:
    """Timeline order: by day, then by time where known, then as given (undated last)."""
    def key(item: tuple[int, Article]) -> tuple[object, ...]:
        position, article = item
        moment = instant(article.published)
        return (article.published is None, day(article.published) or "", moment is None,
                moment.timestamp() if moment else 0.0, position)

    return [a for _, a in sorted(enumerate(articles), key=key)]


def credit_order(ordered: list[Article], credits_outlet: Callable[[Article, Article], bool]) -> list[Article]:
    """Within a day whose articles the dates cannot order, move an article that credits another's outlet after it.

    A credit line ("..., the Harbour Gazette reported") says which way the text went when the clock cannot.
    """
    result = list(ordered)
    for _ in range(len(result)):
        moved = False
        for i, article in enumerate(result):
            later = [j for j in range(i + 1, len(result)) if order_note(article, result[j]) == SAME_DAY
                     and credits_outlet(article, result[j]) and not credits_outlet(result[j], article)]
            if later:
                result.insert(later[-1], result.pop(i))
                moved = True
                break
        if not moved:
            break
    return result


def order_note(source: Article, later: Article) -> str:
    """How surely ``source`` was published before ``later``."""
    if source.published is None or later.published is None:
        return UNDATED
    a, b = instant(source.published), instant(later.published)
    if a is not None and b is not None:
        return EARLIER if a < b else SAME_DAY
    return EARLIER if day(source.published) != day(later.published) else SAME_DAY
