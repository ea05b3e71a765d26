"""The SQLite store: one plain file (WAL mode) that any SQLite tool can open. Migrations live in ``sql/``."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from newsline.errors import AmbiguousId, InvalidArgument, StoreError
from newsline.identity import text_hash
from newsline.model import Article
from newsline.store.base import (
    ArticleFilter, ArticleSummary, OutletStats, QuoteLink, ReusedSpan, SearchHit, Stats, StoredArticle, StoryEntry,
    StoryFilter, StoryMember, StoryRelation, StorySummary,
)
from newsline.store.migrations import migration_files
from newsline.store.rows import ARTICLE_FIELDS, annotations_json, article_from_row
from newsline.store.sqlite_events import EventTables
from newsline.store.transaction import transaction

_SUMMARY_COLUMNS = "a.id, a.url, a.outlet, a.published, a.title, a.language, length(a.text), a.origin"
_HEX_PREFIX = re.compile(r"^[0-9a-f]{4,16}$")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\w+)')
STORIES_SCHEMA = 2  # the migration that adds the story tables


class SQLiteStore(EventTables):
    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"no database at {self.path}; create one with `newsline ingest ... --db {self.path}`")
            # A read-only connection may be handed from thread to thread (the web app opens it in one worker
            # thread and queries it in another); the sqlite3 module serialises access to it.
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None,
                                      check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA busy_timeout = 10000")
        if readonly:
            # Read through a memory map (up to 1 GiB of the file): index range scans such as a one-actor timeline
            # touch rows spread over the whole events table, and page-by-page reads dominate without it. Not for
            # writers: an ingest would map the growing file, and its memory would grow with the corpus.
            self.db.execute("PRAGMA mmap_size = 1073741824")
        if not readonly:
            migrate(self.db)
        elif schema_version(self.db) == 0:
            raise ValueError(f"{self.path} is not a newsline database (no schema_version table)")
        self.version = schema_version(self.db)

    # -- writing ---------------------------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def add_articles(self, articles: Sequence[tuple[Article, str]]) -> int:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [
            (*(getattr(a, f) for f in ARTICLE_FIELDS), text_hash(a.text), origin, now, annotations_json(a))
            for a, origin in articles
        ]
        added = 0
        with transaction(self.db):
            for row, (article, _) in zip(rows, articles):
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO articles (id, url, outlet, published, title, language, fetched, text,"
                    " text_hash, origin, ingested_at, annotations) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    row,
                )
                if cursor.rowcount == 1:  # new (changes made by the FTS triggers are not counted)
                    added += 1
                    self._index_article(article)  # its events and entities, into the corpus registry
        return added

    # -- reading ---------------------------------------------------------------------------------------------

    def get_article(self, id_or_prefix: str) -> StoredArticle | None:
        """The article with this id, or with this unique id prefix (at least 4 hex digits)."""
        key = id_or_prefix.strip().lower()
        if not _HEX_PREFIX.match(key):
            return None
        rows = self.db.execute(
            f"SELECT {', '.join(ARTICLE_FIELDS)}, annotations, origin, ingested_at FROM articles"
            " WHERE id >= ? AND id < ? LIMIT 2",
            (key, key + "g"),
        ).fetchall()
        if len(rows) > 1:
            raise AmbiguousId(f"id prefix {id_or_prefix!r} matches several articles; give more digits")
        if not rows:
            return None
        *fields, annotations, origin, ingested_at = rows[0]
        return StoredArticle(article_from_row(fields, annotations), origin, ingested_at)

    def copies_of(self, article_id: str) -> list[ArticleSummary]:
        return self._summaries(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a JOIN articles b ON a.text_hash = b.text_hash"
            " WHERE b.id = ? AND a.id != b.id ORDER BY a.published, a.id",
            (article_id,),
        )

    def list_articles(self, where: ArticleFilter, limit: int, offset: int) -> list[ArticleSummary]:
        clause, params = _where(where)
        return self._summaries(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a {clause}"
            " ORDER BY a.published IS NULL, a.published, a.outlet, a.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )

    def search(self, query: str, where: ArticleFilter, limit: int, offset: int,
               marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        match = fts_query(query)
        clause, params = _where(where, prefix="AND")
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS}, snippet(articles_fts, 1, ?, ?, ' … ', 16), bm25(articles_fts, 5.0, 1.0)"
            f" FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? {clause} ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ? OFFSET ?",
            (*marks, match, *params, limit, offset),
        ).fetchall()
        return [SearchHit(ArticleSummary(*r[:8]), r[8], r[9]) for r in rows]

    def stats(self) -> Stats:
        one = lambda sql: self.db.execute(sql).fetchone()  # noqa: E731
        articles, outlets, undated, first, last = one(
            "SELECT count(*), count(DISTINCT outlet), sum(published IS NULL), min(published), max(published) FROM articles"
        )
        (non_english,) = one("SELECT count(*) FROM articles WHERE coalesce(language, '') != 'en'")
        (copies,) = one(
            "SELECT count(*) FROM articles WHERE text_hash IN"
            " (SELECT text_hash FROM articles GROUP BY text_hash HAVING count(*) > 1)"
        )
        by_outlet = self.db.execute(
            "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY outlet ORDER BY 2 DESC, 1"
        ).fetchall()
        by_language = self.db.execute(
            "SELECT coalesce(language, '(unknown)'), count(*) FROM articles GROUP BY language ORDER BY 2 DESC, 1"
        ).fetchall()
        by_day = self.db.execute(
            "SELECT substr(published, 1, 10), count(*) FROM articles WHERE published IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
        return Stats(articles, outlets, undated or 0, non_english, copies, first, last,
                     [tuple(r) for r in by_outlet], [tuple(r) for r in by_language], [tuple(r) for r in by_day],
                     *self._event_counts(), stories=one("SELECT count(DISTINCT story_id) FROM story_articles")[0])

    # -- stories ---------------------------------------------------------------------------------------------

    def story_frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        wanted = ["", *dict.fromkeys(terms)]
        found: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT term, df FROM story_df WHERE term IN ({marks})", chunk))
        return found.pop("", 0), found

    def story_candidates(self, bands: Sequence[int], keys: Sequence[str], days: tuple[str, str] | None,
                         per_key: int) -> dict[str, int]:
        hits: dict[str, int] = {}
        if bands:
            marks = ",".join("?" * len(bands))
            for (article_id,) in self.db.execute(
                f"SELECT article_id FROM story_bands WHERE band_key IN ({marks}) ORDER BY rowid DESC LIMIT ?",
                (*bands, per_key * 4),
            ):
                hits[article_id] = hits.get(article_id, 0) + 1
        window = " AND day BETWEEN ? AND ?" if days else ""
        for key in keys:
            for (article_id,) in self.db.execute(
                f"SELECT article_id FROM story_keys WHERE key = ?{window} ORDER BY day DESC, rowid DESC LIMIT ?",
                (key, *(days or ()), per_key),
            ):
                hits[article_id] = hits.get(article_id, 0) + 1
        return hits

    def story_members(self, *, article_ids: Sequence[str] = (), story_id: str | None = None) -> list[StoryMember]:
        columns = "SELECT article_id, story_id, day, profile, signature FROM story_articles"
        if story_id is not None:
            rows = self.db.execute(f"{columns} WHERE story_id = ? ORDER BY rowid", (story_id,))
            return [StoryMember(*r) for r in rows]
        members: list[StoryMember] = []
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            members.extend(StoryMember(*r) for r in self.db.execute(f"{columns} WHERE article_id IN ({marks})", chunk))
        return members

    def add_story_entries(self, entries: Sequence[StoryEntry]) -> None:
        counts: dict[str, int] = {}
        for entry in entries:
            for term in entry.terms:
                counts[term] = counts.get(term, 0) + 1
        counts[""] = len(entries)
        with transaction(self.db):
            self.db.executemany(
                "INSERT INTO story_articles (article_id, story_id, day, tier, score, profile, signature)"
                " VALUES (?,?,?,?,?,?,?)",
                [(e.article_id, e.story_id, e.day, e.tier, e.score, e.profile, e.signature) for e in entries],
            )
            self.db.executemany("INSERT INTO story_bands (band_key, article_id) VALUES (?, ?)",
                                [(band, e.article_id) for e in entries for band in e.bands])
            self.db.executemany("INSERT INTO story_keys (key, day, article_id) VALUES (?, ?, ?)",
                                [(key, e.day, e.article_id) for e in entries for key in e.keys])
            self.db.executemany(
                "INSERT INTO story_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
                list(counts.items()),
            )

    def replace_story_analysis(self, story_id: str, relations: Sequence[StoryRelation],
                               spans: Sequence[ReusedSpan], links: Sequence[QuoteLink]) -> None:
        with transaction(self.db):
            self.db.execute("DELETE FROM story_spans WHERE article_id IN"
                            " (SELECT article_id FROM story_relations WHERE story_id = ?)", (story_id,))
            self.db.execute("DELETE FROM story_relations WHERE story_id = ?", (story_id,))
            self.db.execute("DELETE FROM story_quote_links WHERE story_id = ?", (story_id,))
            self.db.executemany(
                "INSERT INTO story_relations VALUES (?,?,?,?,?,?,?,?,?)",
                [(r.article_id, r.story_id, r.position, r.relation, r.source_id, r.similarity, r.reused_chars,
                  None if r.credited is None else int(r.credited), r.order_note) for r in relations],
            )
            self.db.executemany("INSERT INTO story_spans VALUES (?,?,?,?,?,?)",
                                [dataclasses.astuple(s) for s in spans])
            self.db.executemany("INSERT INTO story_quote_links VALUES (?,?,?,?,?,?,?,?,?)",
                                [dataclasses.astuple(q) for q in links])

    def reset_stories(self) -> None:
        with transaction(self.db):
            for table in ("story_articles", "story_bands", "story_keys", "story_df", "story_relations",
                          "story_spans", "story_quote_links"):
                self.db.execute(f"DELETE FROM {table}")

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        wanted = list(ids)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for *fields, annotations in self.db.execute(
                f"SELECT {', '.join(ARTICLE_FIELDS)}, annotations FROM articles WHERE id IN ({marks})", chunk
            ):
                article = article_from_row(fields, annotations)
                found[article.id] = article
        return [found[i] for i in wanted if i in found]

    def unassigned_article_ids(self, limit: int, offset: int = 0) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL ORDER BY a.published IS NULL, a.published, a.rowid LIMIT ? OFFSET ?",
            (limit, offset))]

    def _require_stories(self) -> None:
        if self.version < STORIES_SCHEMA:
            raise StoreError(f"{self.path} predates stories; run `newsline stories rebuild --db {self.path}` once")

    def list_stories(self, where: StoryFilter, limit: int, offset: int) -> list[StorySummary]:
        self._require_stories()
        conditions, params = [], []
        if where.outlet:
            conditions.append("s.story_id IN (SELECT m.story_id FROM story_articles m JOIN articles o"
                              " ON o.id = m.article_id WHERE o.outlet = ?)")
            params.append(where.outlet)
        # a story of articles with no outlet has 0 outlets: listed unless more than one is asked for
        having, having_params = (["count(DISTINCT a.outlet) >= ?"], [where.min_outlets]) if where.min_outlets > 1 \
            else (["1"], [])
        if where.since:
            having.append("max(a.published) >= ?")
            having_params.append(where.since)
        if where.until:
            having.append("substr(min(a.published), 1, 10) <= ?")
            having_params.append(where.until)
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        rows = self.db.execute(
            "SELECT s.story_id, count(*), count(DISTINCT a.outlet), min(a.published), max(a.published),"
            " sum(r.relation IN ('copy', 'rewrite') AND r.credited = 0)"
            " FROM story_articles s JOIN articles a ON a.id = s.article_id"
            " LEFT JOIN story_relations r ON r.article_id = s.article_id"
            f" {clause} GROUP BY s.story_id HAVING {' AND '.join(having)}"
            " ORDER BY count(DISTINCT a.outlet) DESC, count(*) DESC, min(a.published), s.story_id LIMIT ? OFFSET ?",
            (*params, *having_params, limit, offset),
        ).fetchall()
        summaries = []
        for story_id, n, outlets, first, last, uncredited in rows:
            head = self.db.execute(
                "SELECT a.outlet, a.id, a.title FROM story_articles s JOIN articles a ON a.id = s.article_id"
                " LEFT JOIN story_relations r ON r.article_id = s.article_id WHERE s.story_id = ?"
                " ORDER BY r.position IS NULL, r.position, a.published LIMIT 1", (story_id,)).fetchone()
            summaries.append(StorySummary(story_id, n, outlets, first, last, *head, uncredited or 0))
        return summaries

    def find_story(self, id_or_prefix: str) -> str | None:
        self._require_stories()
        key = id_or_prefix.strip().lower()
        if not _HEX_PREFIX.match(key):
            return None
        rows = self.db.execute("SELECT DISTINCT story_id FROM story_articles WHERE story_id >= ? AND story_id < ?"
                               " LIMIT 2", (key, key + "g")).fetchall()
        if not rows:  # an article's id: its story
            rows = self.db.execute("SELECT story_id FROM story_articles WHERE article_id >= ? AND article_id < ?"
                                   " LIMIT 2", (key, key + "g")).fetchall()
        if len(rows) > 1:
            raise AmbiguousId(f"story id prefix {id_or_prefix!r} matches several stories; give more digits")
        return rows[0][0] if rows else None

    def story_analysis(self, story_id: str) -> tuple[list[StoryRelation], list[ReusedSpan], list[QuoteLink]]:
        relations = [
            StoryRelation(*r[:7], None if r[7] is None else bool(r[7]), r[8])
            for r in self.db.execute("SELECT * FROM story_relations WHERE story_id = ? ORDER BY position", (story_id,))
        ]
        spans = [ReusedSpan(*r) for r in self.db.execute(
            "SELECT p.* FROM story_spans p JOIN story_relations r ON r.article_id = p.article_id"
            " WHERE r.story_id = ? ORDER BY r.position, p.start", (story_id,))]
        links = [QuoteLink(*r) for r in self.db.execute(
            "SELECT * FROM story_quote_links WHERE story_id = ? ORDER BY kind, article_id, quote_id", (story_id,))]
        return relations, spans, links

    def outlet_stats(self, limit: int, offset: int) -> list[OutletStats]:
        self._require_stories()
        rows = self.db.execute(
            "SELECT coalesce(a.outlet, '(unknown)'), count(*), count(DISTINCT s.story_id),"
            " coalesce(sum(r.position = 0), 0), coalesce(sum(r.relation IN ('copy', 'rewrite')), 0),"
            " coalesce(sum(r.relation IN ('copy', 'rewrite') AND r.credited = 0), 0)"
            " FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            " LEFT JOIN story_relations r ON r.article_id = a.id"
            " GROUP BY a.outlet ORDER BY count(*) DESC, 1 LIMIT ? OFFSET ?", (limit, offset))
        return [OutletStats(*r) for r in rows]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _summaries(self, sql: str, params: Sequence[object]) -> list[ArticleSummary]:
        return [ArticleSummary(*row) for row in self.db.execute(sql, params)]


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every file ``sql/NNN_name.sql`` shipped with the package, in order."""
    return migration_files("sql")


def schema_version(db: sqlite3.Connection) -> int:
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not exists:
        return 0
    return db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(db: sqlite3.Connection) -> int:
    """Apply forward migrations newer than the database's version, each in its own transaction."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
               " applied_at TEXT NOT NULL)")
    current = schema_version(db)
    for version, name, sql in migrations():
        if version <= current:
            continue
        with transaction(db):
            for statement in _statements(sql):
                db.execute(statement)
            db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                       (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
        current = version
    return current


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit our transaction)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]


def fts_query(query: str) -> str:
    """A safe FTS5 query: double-quoted phrases stay phrases, other words become quoted terms (all required).

    Nothing the user types is passed to FTS5 as syntax, so quotes, operators and SQL fragments are just text.
    """
    terms = []
    for phrase, word in _PHRASE_OR_WORD.findall(query):
        tokens = re.findall(r"\w+", phrase) if phrase else [word]
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    if not terms:
        raise InvalidArgument("query", query, "has no words to search for")
    return " ".join(terms)


def _where(where: ArticleFilter, prefix: str = "WHERE") -> tuple[str, list[object]]:
    conditions, params = [], []
    if where.outlet:
        conditions.append("a.outlet = ?")
        params.append(where.outlet)
    if where.since:
        conditions.append("a.published >= ?")
        params.append(where.since)
    if where.until:
        conditions.append("substr(a.published, 1, 10) <= ?")
        params.append(where.until)
    if where.language:
        conditions.append("a.language = ?")
        params.append(where.language)
    if where.speaker_id is not None:  # quotes are events with a quote id (index events_actor_quotes)
        conditions.append("a.id IN (SELECT article_id FROM events WHERE actor_id = ? AND quote IS NOT NULL)")
        params.append(where.speaker_id)
    if not conditions:
        return "", []
    return f"{prefix} " + " AND ".join(conditions), params
