"""The query API behind ``newsline articles|show|search|stats`` (the CLI and the web app call these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from newsline import arguments
from newsline.errors import InvalidArgument, NotFound
from newsline.store import open_store as open_store  # the API's way in (SQLite file or PostgreSQL URL)
from newsline.store.base import ArticleFilter, ArticleSummary, SearchHit, Stats, Store, StoredArticle
from newsline.store.search_syntax import fts_query
from newsline.timeline.query import resolve_entity


@dataclass(slots=True)
class ArticleView(StoredArticle):
    copies: list[ArticleSummary]  # other stored articles with exactly the same text

    def to_dict(self) -> dict[str, Any]:
        """The article's JSON contract plus where it came from and its exact copies (``show --json``)."""
        return self.article.to_dict() | {"origin": self.origin, "ingested_at": self.ingested_at,
                                         "exact_copies": [c.id for c in self.copies]}


def make_filter(outlet: str | None = None, since: str | date | None = None, until: str | date | None = None,
                language: str | None = None) -> ArticleFilter:
    """Checked user filters (InvalidArgument naming the bad one). Outlets compare without regard to case."""
    first, last = arguments.day_range(since, until)
    return ArticleFilter(outlet=(outlet.strip() or None) if outlet else None, since=first, until=last,
                         language=language)


def articles(store: Store, *, outlet: str | None = None, since: str | date | None = None,
             until: str | date | None = None, language: str | None = None, speaker: str | None = None,
             limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """Stored articles in publication order (undated last), filtered by outlet, date range and speaker.

    Dates are days, ``YYYY-MM-DD`` or ``datetime.date``, both ends included."""
    arguments.page(limit, offset)
    where = make_filter(outlet, since, until, language)
    where.speaker_id = _speaker_id(store, speaker)
    return store.list_articles(where, limit, offset)


def show(store: Store, article_id: str) -> ArticleView:
    """One article with its annotations, provenance and exact copies. ``article_id`` may be a unique prefix."""
    stored = store.get_article(arguments.id_prefix("article_id", article_id, "article"))
    if stored is None:
        raise NotFound(f"no article with id {article_id!r}; `newsline articles` lists the ids")
    return ArticleView(stored.article, stored.origin, stored.ingested_at, store.copies_of(stored.article.id))


class SearchSort(str, Enum):
    relevance = "relevance"  # best match first
    date = "date"  # newest first, undated last


def search(store: Store, query: str, *, outlet: str | None = None, since: str | date | None = None,
           until: str | date | None = None, speaker: str | None = None, sort: str = "relevance",
           limit: int = 20, offset: int = 0, marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Full-text search over titles and text, with snippets (matches between ``marks``).

    ``query`` takes words (all required, stemmed: ``sanction`` finds "sanctions"), ``"phrases"``, ``prefix*``,
    ``OR``, ``NOT`` or ``-word``, and parentheses (``newsline.store.search_syntax``). ``sort``: ``relevance``
    (best match first) or ``date`` (newest first, undated last). ``speaker``: only articles quoting that
    entity (id, name or alias, as ``newsline entity``). ``count_matches`` gives the total.
    """
    arguments.page(limit, offset)
    try:
        order = SearchSort(sort).value  # the enum's members are strings too
    except ValueError:
        raise InvalidArgument("sort", sort, f"expected one of {', '.join(s.value for s in SearchSort)}") from None
    where = _search_filter(store, query, outlet, since, until, speaker)
    return store.search(query, where, limit, offset, marks, order)


def count_matches(store: Store, query: str, *, outlet: str | None = None, since: str | date | None = None,
                  until: str | date | None = None, speaker: str | None = None) -> int:
    """How many articles ``search`` finds with these arguments, all pages together."""
    return store.count_matches(query, _search_filter(store, query, outlet, since, until, speaker))


def _search_filter(store: Store, query: str, outlet: str | None, since: str | date | None,
                   until: str | date | None, speaker: str | None) -> ArticleFilter:
    fts_query(query)  # a query with nothing to search for is refused before any other work
    where = make_filter(outlet, since, until)
    where.speaker_id = _speaker_id(store, speaker)
    return where


def _speaker_id(store: Store, speaker: str | None) -> int | None:
    return resolve_entity(store, speaker).id if speaker else None


def stats(store: Store) -> Stats:
    return store.stats()
