"""What the SQLite and PostgreSQL stores share: their tables have the same columns, so every read and write whose
SQL both databases accept is written once, here (articles and stories) and in ``event_tables.py`` (events, the
entity registry and quotes), with ``?`` for parameters.

A store supplies the few things that differ (``SQLTables``): how a statement runs, how a column is matched against
a list of values or an outlet's name without regard to case, and which column keeps the order rows were written
in. What only one database can do well stays in its module: inserting articles, full-text search, story candidates
and the story listing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from newsline.errors import AmbiguousId
from newsline.model import Article
from newsline.store.base import (
    ArticleFilter, ArticleSummary, OriginReuse, OutletStats, QuoteLink, ReusedSpan, Stats, StoredArticle, StoryEntry,
    StoryMember, StoryRelation,
)
from newsline.store.rows import ARTICLE_FIELDS, article_from_row

_ALL_ROWS = 2**63 - 1  # LIMIT without a limit, in both SQLite and PostgreSQL (a 64-bit integer)
CHUNK = 500  # values bound at a time in a list match (SQLite binds each value as its own parameter)
STORY_TABLES = ("story_articles", "story_bands", "story_keys", "story_df", "story_relations", "story_spans",
                "story_quote_links")
SUMMARY_COLUMNS = "a.id, a.url, a.outlet, a.published, a.title, a.language, length(a.text), a.origin"
QUOTE_LINK_COLUMNS = ("story_id, kind, article_id, quote_id, speaker, other_article, other_quote, other_speaker,"
                      " similarity")
_RELATION_COLUMNS = ("article_id, story_id, position, relation, source_id, similarity, reused_chars, credited,"
                     " order_note, origin, confidence, credit_start, credit_end, source_credit_start,"
                     " source_credit_end")
REUSING = "('copy', 'rewrite', 'sibling')"  # relations that reuse another article's (or an origin's) text
_SPAN_COLUMNS = 'article_id, start, "end", source_start, source_end, similarity'


class Rows(Protocol):
    """What a statement returns, on either backend (a DB-API cursor)."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class SQLTables:
    """What a store supplies to the shared code."""

    ROW_ORDER: str  # the column that orders a table's rows as they were written (SQLite's rowid)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement written with ``?`` parameters."""
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _run_returning(self, sql: str, rows: Iterable[Sequence[Any]]) -> list[Any]:
        """Run a statement that returns one value (``RETURNING id``) once per row of parameters; the values in
        order. One round trip to a server for all of them where the store can."""
        return [self._run(sql, row).fetchone()[0] for row in rows]

    def _any(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """A condition true where ``column`` equals one of ``values`` (none: false), and its parameters."""
        raise NotImplementedError

    def _same_outlet(self, column: str) -> str:
        """A condition true where ``column`` is the outlet given as the one parameter, case ignored (ASCII)."""
        raise NotImplementedError

    def _require(self, feature: str) -> None:
        """Refuse to read ``feature`` (a key of ``sqlite.FEATURES``) from a store whose schema predates it, with a
        StoreError saying what to do. Only a store opened read-only can be older than this newsline."""

    def atomic(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _event_counts(self) -> tuple[int, int, int]:
        """``(event reports, distinct events, corpus entities)``: ``EventTables``."""
        raise NotImplementedError


class ArticleTables(SQLTables):
    """Articles and stories: the reads and writes both backends answer alike."""

    # -- articles ---------------------------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(ids)):
            condition, params = self._any("id", chunk)
            found.update(r[0] for r in self._run(f"SELECT id FROM articles WHERE {condition}", params))
        return found

    def get_article(self, id_or_prefix: str) -> StoredArticle | None:
        """The article with this id, or with this unique id prefix (at least 4 hex digits)."""
        key = id_or_prefix.strip().lower()
        if not is_hex_prefix(key):
            return None
        rows = self._run(f"SELECT {', '.join(ARTICLE_FIELDS)}, annotations, origin, ingested_at FROM articles"
                         " WHERE id >= ? AND id < ? LIMIT 2", (key, key + "g")).fetchall()
        if len(rows) > 1:
            raise AmbiguousId(f"id prefix {id_or_prefix!r} matches several articles; give more digits")
        if not rows:
            return None
        *fields, annotations, origin, ingested_at = rows[0]
        return StoredArticle(article_from_row(fields, annotations), origin, ingested_at)

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        for chunk in chunks(list(ids)):
            condition, params = self._any("a.id", chunk)
            found.update((a.id, a) for a in self._articles(f"FROM articles a WHERE {condition}", params))
        return [found[i] for i in ids if i in found]

    # -- the indexing queue (index_queue: articles stored, not indexed yet; newsline.indexing) ------------------

    def queued_articles(self, limit: int) -> list[Article]:
        return self._articles(f"FROM index_queue q JOIN articles a ON a.{self.ROW_ORDER} = q.article_rowid"
                              " ORDER BY q.article_rowid LIMIT ?", (limit,))

    def queued_count(self) -> int:
        return int(self._run("SELECT count(*) FROM index_queue").fetchone()[0])

    def dequeue(self, ids: Sequence[str]) -> None:
        with self.atomic():
            for chunk in chunks(list(ids)):
                condition, params = self._any("id", chunk)
                self._run(f"DELETE FROM index_queue WHERE article_rowid IN (SELECT {self.ROW_ORDER} FROM articles"
                          f" WHERE {condition})", params)

    def indexed_articles(self, limit: int, after: str | None = None) -> list[Article]:
        order = self.ROW_ORDER
        start = "" if after is None else f" AND a.{order} > (SELECT {order} FROM articles WHERE id = ?)"
        return self._articles(f"FROM articles a WHERE NOT EXISTS (SELECT 1 FROM index_queue q"
                              f" WHERE q.article_rowid = a.{order}){start} ORDER BY a.{order} LIMIT ?",
                              (*([] if after is None else [after]), limit))

    def _articles(self, sql: str, params: Sequence[Any]) -> list[Article]:
        """Whole articles of ``articles a`` in a query (``sql`` from its FROM clause on)."""
        columns = ", ".join(f"a.{f}" for f in ARTICLE_FIELDS)
        return [article_from_row(fields, annotations)
                for *fields, annotations in self._run(f"SELECT {columns}, a.annotations {sql}", params)]

    def copies_of(self, article_id: str) -> list[ArticleSummary]:
        return self._summaries(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a JOIN articles b ON a.text_hash = b.text_hash"
            " WHERE b.id = ? AND a.id <> b.id ORDER BY a.published NULLS FIRST, a.id", (article_id,))

    def list_articles(self, where: ArticleFilter, limit: int, offset: int) -> list[ArticleSummary]:
        clause, params = self._where(where)
        return self._summaries(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a {clause}"
            " ORDER BY a.published IS NULL, a.published, a.outlet NULLS FIRST, a.id LIMIT ? OFFSET ?",
            (*params, limit, offset))

    def stats(self) -> Stats:
        one = lambda sql: self._run(sql).fetchone()  # noqa: E731
        grouped = lambda sql: [tuple(r) for r in self._run(sql)]  # noqa: E731
        articles, outlets, undated, first, last, non_english = one(
            "SELECT count(*), count(DISTINCT outlet), count(*) FILTER (WHERE published IS NULL), min(published),"
            " max(published), count(*) FILTER (WHERE coalesce(language, '') <> 'en') FROM articles")
        (copies,) = one("SELECT count(*) FROM articles WHERE text_hash IN"
                        " (SELECT text_hash FROM articles GROUP BY text_hash HAVING count(*) > 1)")
        by_outlet = grouped("SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY outlet"
                            " ORDER BY 2 DESC, 1")
        by_language = grouped("SELECT coalesce(language, '(unknown)'), count(*) FROM articles GROUP BY language"
                              " ORDER BY 2 DESC, 1")
        by_day = grouped("SELECT substr(published, 1, 10), count(*) FROM articles WHERE published IS NOT NULL"
                         " GROUP BY 1 ORDER BY 1")
        return Stats(articles, outlets, undated, non_english, copies, first, last, by_outlet, by_language, by_day,
                     *self._event_counts(), stories=one("SELECT count(DISTINCT story_id) FROM story_articles")[0])

    def _summaries(self, sql: str, params: Sequence[Any]) -> list[ArticleSummary]:
        return [ArticleSummary(*row) for row in self._run(sql, params)]

    def _where(self, where: ArticleFilter, prefix: str = "WHERE") -> tuple[str, list[Any]]:
        """The SQL condition of an article filter over ``articles a``, and its parameters."""
        conditions, params = [], []
        for condition, value in (
            (self._same_outlet("a.outlet"), where.outlet or None), ("a.published >= ?", where.since),
            ("substr(a.published, 1, 10) <= ?", where.until), ("a.language = ?", where.language),
            # quotes are events with a quote id (index events_actor_quotes)
            ("a.id IN (SELECT article_id FROM events WHERE actor_id = ? AND quote IS NOT NULL)", where.speaker_id),
        ):
            if value is not None:
                conditions.append(condition)
                params.append(value)
        if not conditions:
            return "", []
        return f"{prefix} " + " AND ".join(conditions), params

    # -- stories ------------------------------------------------------------------------------------------------

    def story_frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        found: dict[str, int] = {}
        for chunk in chunks(["", *dict.fromkeys(terms)]):
            condition, params = self._any("term", chunk)
            found.update((term, df) for term, df in self._run(f"SELECT term, df FROM story_df WHERE {condition}",
                                                              params))
        return found.pop("", 0), found

    def story_members(self, *, article_ids: Sequence[str] = (), story_id: str | None = None) -> list[StoryMember]:
        columns = "SELECT article_id, story_id, day, profile, signature FROM story_articles"
        if story_id is not None:
            return [StoryMember(*r) for r in self._run(f"{columns} WHERE story_id = ? ORDER BY {self.ROW_ORDER}",
                                                       (story_id,))]
        members: list[StoryMember] = []
        for chunk in chunks(list(article_ids)):
            condition, params = self._any("article_id", chunk)
            members += [StoryMember(*r) for r in self._run(f"{columns} WHERE {condition} ORDER BY article_id", params)]
        return members

    def add_story_entries(self, entries: Sequence[StoryEntry]) -> None:
        """Record assignments; an article another writer assigned meanwhile keeps that assignment."""
        with self.atomic():
            assigned: set[str] = set()
            for chunk in chunks([e.article_id for e in entries]):
                condition, params = self._any("article_id", chunk)
                assigned.update(r[0] for r in self._run(f"SELECT article_id FROM story_articles WHERE {condition}",
                                                        params))
            entries = [e for e in entries if e.article_id not in assigned]
            if not entries:
                return
            counts: dict[str, int] = {"": len(entries)}
            for entry in entries:
                for term in entry.terms:
                    counts[term] = counts.get(term, 0) + 1
            self._run_many("INSERT INTO story_articles (article_id, story_id, day, tier, score, profile, signature)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(e.article_id, e.story_id, e.day, e.tier, e.score, e.profile, e.signature)
                            for e in entries])
            self._run_many("INSERT INTO story_bands (band_key, article_id) VALUES (?, ?)",
                           [(band, e.article_id) for e in entries for band in e.bands])
            self._run_many("INSERT INTO story_keys (key, day, article_id) VALUES (?, ?, ?)",
                           [(key, e.day, e.article_id) for e in entries for key in e.keys])
            self._run_many("INSERT INTO story_df (term, df) VALUES (?, ?)"
                           " ON CONFLICT (term) DO UPDATE SET df = story_df.df + excluded.df", list(counts.items()))

    def replace_story_analysis(self, story_id: str, relations: Sequence[StoryRelation],
                               spans: Sequence[ReusedSpan], links: Sequence[QuoteLink]) -> None:
        with self.atomic():
            self._run("DELETE FROM story_spans WHERE article_id IN"
                      " (SELECT article_id FROM story_relations WHERE story_id = ?)", (story_id,))
            self._run("DELETE FROM story_relations WHERE story_id = ?", (story_id,))
            self._run("DELETE FROM story_quote_links WHERE story_id = ?", (story_id,))
            self._run_many(f"INSERT INTO story_relations ({_RELATION_COLUMNS})"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(r.article_id, r.story_id, r.position, r.relation, r.source_id, r.similarity,
                             r.reused_chars, r.credited, r.order_note, r.origin, r.confidence,
                             *(r.credit or (None, None)), *(r.source_credit or (None, None))) for r in relations])
            self._run_many(f"INSERT INTO story_spans ({_SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                           [(s.article_id, s.start, s.end, s.source_start, s.source_end, s.similarity)
                            for s in spans])
            self._run_many(f"INSERT INTO story_quote_links ({QUOTE_LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(q.story_id, q.kind, q.article_id, q.quote_id, q.speaker, q.other_article,
                             q.other_quote, q.other_speaker, q.similarity) for q in links])

    def move_to_story(self, article_id: str, story_id: str, tier: str, score: float | None) -> None:
        with self.atomic():
            (old_id,) = self._run("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
            self._run("UPDATE story_articles SET story_id = ?, tier = ?, score = ? WHERE article_id = ?",
                      (story_id, tier, score, article_id))
            if old_id == article_id:
                (rest,) = self._run("SELECT min(article_id) FROM story_articles WHERE story_id = ?",
                                    (old_id,)).fetchone()
                if rest is not None:
                    self._rename_story(old_id, rest)

    def rename_story(self, old_id: str, new_id: str) -> None:
        with self.atomic():
            self._rename_story(old_id, new_id)

    def _rename_story(self, old_id: str, new_id: str) -> None:
        for table in ("story_articles", "story_relations", "story_quote_links"):
            self._run(f"UPDATE {table} SET story_id = ? WHERE story_id = ?", (new_id, old_id))

    def reset_stories(self) -> None:
        with self.atomic():
            for table in STORY_TABLES:
                self._run(f"DELETE FROM {table}")

    def unassigned_article_ids(self, limit: int | None = None, offset: int = 0) -> list[str]:
        return [r[0] for r in self._run(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id WHERE s.article_id IS NULL"
            " ORDER BY a.published IS NULL, a.published, natural_order(a.url) NULLS FIRST, a.id"
            " LIMIT ? OFFSET ?",
            (_ALL_ROWS if limit is None else limit, offset))]

    def find_story(self, id_or_prefix: str) -> str | None:
        self._require("stories")
        key = id_or_prefix.strip().lower()
        if not is_hex_prefix(key):
            return None
        rows = self._run("SELECT DISTINCT story_id FROM story_articles WHERE story_id >= ? AND story_id < ? LIMIT 2",
                         (key, key + "g")).fetchall()
        if not rows:  # an article's id: its story
            rows = self._run("SELECT story_id FROM story_articles WHERE article_id >= ? AND article_id < ? LIMIT 2",
                             (key, key + "g")).fetchall()
        if len(rows) > 1:
            raise AmbiguousId(f"story id prefix {id_or_prefix!r} matches several stories; give more digits")
        return rows[0][0] if rows else None

    def story_analysis(self, story_id: str) -> tuple[list[StoryRelation], list[ReusedSpan], list[QuoteLink]]:
        self._require("provenance with outside origins")
        relations = [StoryRelation(*r[:7], None if r[7] is None else bool(r[7]), *r[8:11], _pair(r[11], r[12]),
                                   _pair(r[13], r[14])) for r in self._run(
            f"SELECT {_RELATION_COLUMNS} FROM story_relations WHERE story_id = ? ORDER BY position", (story_id,))]
        spans = [ReusedSpan(*r) for r in self._run(
            f"SELECT {', '.join('p.' + c for c in _SPAN_COLUMNS.split(', '))} FROM story_spans p"
            " JOIN story_relations r ON r.article_id = p.article_id WHERE r.story_id = ?"
            f" ORDER BY r.position, p.start, p.{self.ROW_ORDER}", (story_id,))]
        links = [QuoteLink(*r) for r in self._run(
            f"SELECT {QUOTE_LINK_COLUMNS} FROM story_quote_links WHERE story_id = ?"
            f" ORDER BY kind, article_id, quote_id, {self.ROW_ORDER}", (story_id,))]
        return relations, spans, links

    def outlet_stats(self) -> list[OutletStats]:
        self._require("stories")
        copies = f"r.relation IN {REUSING}"
        return [OutletStats(*r) for r in self._run(
            "SELECT coalesce(a.outlet, '(unknown)'), count(*), count(DISTINCT s.story_id),"
            f" count(*) FILTER (WHERE r.position = 0), count(*) FILTER (WHERE {copies}),"
            f" count(*) FILTER (WHERE {copies} AND NOT r.credited)"
            " FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            " LEFT JOIN story_relations r ON r.article_id = a.id"
            " GROUP BY a.outlet ORDER BY count(*) DESC, 1")]

    def origin_reuse(self) -> list[OriginReuse]:
        self._require("provenance with outside origins")
        rows = self._run(
            "SELECT coalesce(a.outlet, '(unknown)'), r.origin, r.credited, count(*) FROM story_relations r"
            f" JOIN articles a ON a.id = r.article_id WHERE r.origin IS NOT NULL AND r.relation IN {REUSING}"
            " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
        return [OriginReuse(outlet, origin, bool(credited), n) for outlet, origin, credited, n in rows]


def chunks(values: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _pair(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


def is_hex_prefix(key: str) -> bool:
    """Whether ``key`` can begin an article or story id: 4 to 16 lower-case hex digits."""
    return 4 <= len(key) <= 16 and all(c in "0123456789abcdef" for c in key)
