"""The storage interface: what the rest of newsline may ask of a store, whatever its backend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsline.model import Article


@dataclass(slots=True)
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    language: str | None = None


@dataclass(slots=True)
class ArticleSummary:
    id: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    language: str | None
    chars: int
    origin: str


@dataclass(slots=True)
class SearchHit:
    article: ArticleSummary
    snippet: str
    score: float  # bm25, lower is better as SQLite reports it; hits come best first


@dataclass(slots=True)
class Stats:
    articles: int
    outlets: int
    undated: int
    non_english: int
    exact_copies: int  # articles whose text another stored article also has
    first_published: str | None
    last_published: str | None
    by_outlet: list[tuple[str, int]] = field(default_factory=list)
    by_language: list[tuple[str, int]] = field(default_factory=list)
    by_day: list[tuple[str, int]] = field(default_factory=list)  # (YYYY-MM-DD, articles), dated articles only


@dataclass(slots=True)
class StoredArticle:
    """An article as stored, with where it came from."""

    article: Article
    origin: str
    ingested_at: str


class Store(Protocol):
    """Narrow on purpose: a PostgreSQL backend implements these and nothing in analysis changes."""

    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...

    def add_articles(self, articles: Sequence[tuple[Article, str]]) -> int:
        """Insert ``(article, origin)`` pairs in one transaction; returns how many were new."""
        ...

    def get_article(self, id_or_prefix: str) -> StoredArticle | None: ...

    def copies_of(self, article_id: str) -> list[ArticleSummary]: ...

    def list_articles(self, where: ArticleFilter, limit: int, offset: int) -> list[ArticleSummary]: ...

    def search(self, query: str, where: ArticleFilter, limit: int, offset: int,
               marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Hits best first; ``marks`` surround the matched terms in each snippet."""
        ...

    def stats(self) -> Stats: ...

    def close(self) -> None: ...

