"""The query API behind ``newsline articles|show|search|stats`` (the CLI and the web app call these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from newsline.errors import InvalidArgument, NotFound
from newsline.store import open_store as open_store  # the API's way in (SQLite file or PostgreSQL URL)
from newsline.store.base import ArticleFilter, ArticleSummary, SearchHit, Stats, Store, StoredArticle
from newsline.timeline.query import resolve_entity


@dataclass(slots=True)
class ArticleView(StoredArticle):
    copies: list[ArticleSummary]  # other stored articles with exactly the same text

    def to_dict(self) -> dict[str, Any]:
        """The article's JSON contract plus where it came from and its exact copies (``show --json``)."""
        return self.article.to_dict() | {"origin": self.origin, "ingested_at": self.ingested_at,
                                         "exact_copies": [c.id for c in self.copies]}


def make_filter(outlet: str | None = None, since: str | None = None, until: str | None = None,
                language: str | None = None) -> ArticleFilter:
    """Validate user filters; raises ValueError naming the bad one."""
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise InvalidArgument(name, value, "is not a date; use YYYY-MM-DD") from None
    if since and until and since > until:
        raise InvalidArgument("since", since, f"is after the end date {until}")
    return ArticleFilter(outlet=outlet, since=since, until=until, language=language)


def articles(store: Store, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
             language: str | None = None, speaker: str | None = None, limit: int = 50,
             offset: int = 0) -> list[ArticleSummary]:
    """Stored articles in publication order (undated last), filtered by outlet, date range and speaker."""
    _check_page(limit, offset)
    where = make_filter(outlet, since, until, language)
    where.speaker_id = _speaker_id(store, speaker)
    return store.list_articles(where, limit, offset)


def show(store: Store, article_id: str) -> ArticleView:
    """One article with its annotations, provenance and exact copies. ``article_id`` may be a unique prefix."""
    stored = store.get_article(article_id)
    if stored is None:
        raise NotFound(f"no article with id {article_id!r}; `newsline articles` lists the ids")
    return ArticleView(stored.article, stored.origin, stored.ingested_at, store.copies_of(stored.article.id))


def search(store: Store, query: str, *, outlet: str | None = None, since: str | None = None,
           until: str | None = None, speaker: str | None = None, limit: int = 20, offset: int = 0,
           marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Full-text search over titles and text, best match first, with snippets (matches between ``marks``).

    ``speaker``: only articles quoting that entity (id, name or alias, as ``newsline entity``)."""
    _check_page(limit, offset)
    where = make_filter(outlet, since, until)
    where.speaker_id = _speaker_id(store, speaker)
    return store.search(query, where, limit, offset, marks)


def _speaker_id(store: Store, speaker: str | None) -> int | None:
    return resolve_entity(store, speaker).id if speaker else None


def stats(store: Store) -> Stats:
    return store.stats()


def _check_page(limit: int, offset: int) -> None:
    if limit < 1 or offset < 0:
        raise ValueError(f"limit must be >= 1 and offset >= 0 (got limit={limit}, offset={offset})")
