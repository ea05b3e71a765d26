"""The query API behind ``newsline articles|show|search|stats|quotes`` (the CLI and the web app call these)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, get_args

from newsline import arguments
from newsline.errors import InvalidArgument, NotFound
from newsline.model import Article, Quote, QuoteKind
from newsline.store import open_store as open_store  # the API's way in (SQLite file or PostgreSQL URL)
from newsline.store.base import (
    ArticleFilter, ArticleSummary, CorpusEntity, QuoteFilter, QuoteLink, SearchHit, Stats, Store, StoredArticle,
)
from newsline.store.search_syntax import fts_query
from newsline.timeline.query import resolve_entity, resolve_story


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


QUOTE_KINDS: tuple[str, ...] = get_args(QuoteKind)
_SAME_STATEMENT = frozenset({"shared", "unattributed"})  # story quote links between reports of one statement
_BATCH = 200  # stored quotes read at a time while filling a page


@dataclass(slots=True)
class QuoteReport:
    """One article's report of a statement: where and when, who it names as the speaker, and the words."""

    article_id: str
    quote_id: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    speaker_id: int | None  # the corpus entity (``newsline entity``), None for an unnamed or unresolved speaker
    speaker: str | None  # its name, else the article's own description ("senior defence official")
    kind: str  # direct | indirect | mixed
    text: str  # the quote's content
    start: int  # the content's offsets in the article's text
    end: int
    source: str | None  # the source phrase as written
    cue: str | None


@dataclass(slots=True)
class QuoteEntry:
    """One statement, shown once with every report of it (the first in the listing's order first)."""

    reports: list[QuoteReport]

    @property
    def first(self) -> QuoteReport:
        return self.reports[0]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self.first) | {"reports": [dataclasses.asdict(r) for r in self.reports]}


def quotes(store: Store, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
           until: str | None = None, story: str | None = None, kind: str | None = None, limit: int = 50,
           offset: int = 0) -> list[QuoteEntry]:
    """What was said, in publication order (undated last): stored quotes, filtered by speaker (an entity id,
    name or alias, as ``newsline entity``), outlet, publication date, story (a story id or an article id in
    it) and kind (direct, indirect, mixed). A statement that several articles of a story report (their quotes
    linked as one statement by ``newsline.stories.quotes``) is one entry with all its reports."""
    arguments.page(limit, offset)
    if kind is not None and kind not in QUOTE_KINDS:
        raise InvalidArgument("kind", kind, f"not a kind of quote; choose {', '.join(QUOTE_KINDS)}")
    where = make_filter(outlet, since, until)
    rows_filter = QuoteFilter(_speaker_id(store, speaker), outlet, where.since, where.until,
                              resolve_story(store, story) if story else None)
    loaded: dict[str, tuple[Article, dict[str, CorpusEntity]]] = {}
    links: dict[str, list[QuoteLink]] = {}
    entries: list[QuoteEntry] = []
    seen: set[tuple[str, str]] = set()
    skipped, at = 0, 0
    while len(entries) < limit:
        rows = store.quote_rows(rows_filter, _BATCH, at)
        at += len(rows)
        if not rows:
            break
        _load(store, [r.article_id for r in rows], loaded)
        for row in rows:
            key = (row.article_id, row.quote_id)
            report = _report(key, loaded) if key not in seen else None
            if report is None or kind is not None and report.kind != kind:
                continue
            group = _statement(store, key, links)
            seen |= group
            if skipped < offset:
                skipped += 1
                continue
            _load(store, [a for a, _ in group], loaded)
            others = [r for k in sorted(group - {key}) if (r := _report(k, loaded)) is not None]
            others.sort(key=lambda r: (r.published is None, r.published or "", r.article_id))
            entries.append(QuoteEntry([report, *others]))
            if len(entries) == limit:
                break
    return entries


def _load(store: Store, article_ids: list[str], loaded: dict[str, tuple[Article, dict[str, CorpusEntity]]]) -> None:
    """Read the articles not read yet, each with the corpus entities its own entities resolved to."""
    wanted = sorted(set(article_ids) - set(loaded))
    corpus = store.articles_entities(wanted)
    for article in store.get_articles(wanted):
        loaded[article.id] = article, dict(corpus.get(article.id, []))


def _report(key: tuple[str, str], loaded: dict[str, tuple[Article, dict[str, CorpusEntity]]]) -> QuoteReport | None:
    article, corpus = loaded.get(key[0], (None, {}))
    quote: Quote | None = next((q for q in article.quotes if q.id == key[1]), None) if article else None
    if article is None or quote is None:
        return None
    entity = corpus.get(quote.speaker) if quote.speaker else None
    local = next((e.name for e in article.entities if e.id == quote.speaker), None)
    return QuoteReport(
        article.id, quote.id, article.outlet, article.published, article.url, article.title,
        entity.id if entity else None, entity.name if entity else local, quote.kind, quote.content.text,
        quote.content.start, quote.content.end, quote.source.text if quote.source else None,
        quote.cue.text if quote.cue else None)


def _statement(store: Store, key: tuple[str, str], cache: dict[str, list[QuoteLink]]) -> set[tuple[str, str]]:
    """The quote ``key`` and every quote of its story linked to it as the same statement, transitively."""
    if key[0] not in cache:
        found = store.quote_links_of([key[0]])
        for article_id in {key[0]} | {link.article_id for link in found} | {link.other_article for link in found}:
            cache[article_id] = found
    pairs = [((link.article_id, link.quote_id), (link.other_article, link.other_quote))
             for link in cache[key[0]] if link.kind in _SAME_STATEMENT]
    group, grew = {key}, True
    while grew:
        grew = False
        for a, b in pairs:
            if (a in group) != (b in group):
                group |= {a, b}
                grew = True
    return group
