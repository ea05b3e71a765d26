"""The SQLite store: one plain file (WAL mode) that any SQLite tool can open. Migrations live in ``sql/``."""

from __future__ import annotations

import dataclasses
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsline.errors import AmbiguousId, StoreError
from newsline.identity import text_hash
from newsline.model import Article
from newsline.store.base import (
    ArticleFilter, ArticleSummary, OutletStats, QuoteLink, ReusedSpan, SearchHit, Stats, StoredArticle, StoryEntry,
    StoryFilter, StoryMember, StoryRelation, StorySummary,
)
from newsline.store.migrations import migration_files
from newsline.store.event_tables import REGISTRY_TABLES, EventTables
from newsline.store.rows import ARTICLE_FIELDS, annotations_json, article_from_row
from newsline.store.search_syntax import fts_query
from newsline.store.transaction import store_errors, transaction

_SUMMARY_COLUMNS = "a.id, a.url, a.outlet, a.published, a.title, a.language, length(a.text), a.origin"
_HEX_PREFIX = re.compile(r"^[0-9a-f]{4,16}$")
_SEARCH_ORDER = {  # search(sort=...): best match first, or newest first (undated last)
    "relevance": "bm25(articles_fts, 5.0, 1.0), a.id",
    "date": "a.published IS NULL, a.published DESC, bm25(articles_fts, 5.0, 1.0), a.id",
}
STORIES_SCHEMA = 2  # the migration that adds the story tables
APPLICATION_ID = 0x6E736C6E  # "nsln": PRAGMA application_id of a newsline store (set by migration 005)
BUSY_TIMEOUT_MS = 10_000  # how long to wait for another process's write transaction before giving up
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLE = re.compile(r"CREATE\s+(VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


class SQLiteStore(EventTables):
    """A newsline store in one SQLite file. ``readonly`` never changes the database; in a folder it cannot write,
    it reads the file as an immutable snapshot (see ``_uri``)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        _check_file(self.path, readonly)
        with store_errors(str(self.path)):
            # A read-only connection may be handed from thread to thread (the web app opens it in one worker
            # thread and queries it in another); the sqlite3 module serialises access to it.
            self.db = sqlite3.connect(_uri(self.path, readonly), uri=True, isolation_level=None,
                                      check_same_thread=not readonly)
            try:
                self._prepare(readonly)
            except BaseException:
                self.db.close()
                raise

    def _prepare(self, readonly: bool) -> None:
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_identity(self.db, self.path)
        if readonly:
            if schema_version(self.db) == 0:
                raise StoreError(f"{self.path} is not a newsline store (it has no tables yet); ingest into it first")
            # Read through a memory map (up to 1 GiB of the file): index range scans such as a one-actor timeline
            # touch rows spread over the whole events table, and page-by-page reads dominate without it. Not for
            # writers: an ingest would map the growing file, and its memory would grow with the corpus.
            self.db.execute("PRAGMA mmap_size = 1073741824")
        else:
            with transaction(self.db):  # fails now, not after a long analysis, when another process holds the lock
                pass
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            migrate(self.db, self.path)
        self.version = schema_version(self.db)

    def atomic(self) -> transaction:
        """A block of store operations that is committed whole or not at all (readers see the old state until
        it ends)."""
        return transaction(self.db)

    # -- what EventTables needs -------------------------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _any(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def _clear_registry(self) -> None:
        for table in REGISTRY_TABLES:
            self.db.execute(f"DELETE FROM {table}")

    def _stored_articles(self) -> Iterator[Article]:
        rows = self.db.execute("SELECT id, text, published, annotations FROM articles ORDER BY rowid").fetchall()
        return (self._article_from(row) for row in rows)

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
               marks: tuple[str, str] = ("[", "]"), sort: str = "relevance") -> list[SearchHit]:
        match = fts_query(query)
        clause, params = _where(where, prefix="AND")
        order = _SEARCH_ORDER[sort]
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS}, snippet(articles_fts, 1, ?, ?, ' … ', 16), bm25(articles_fts, 5.0, 1.0)"
            f" FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? {clause} ORDER BY {order} LIMIT ? OFFSET ?",
            (*marks, match, *params, limit, offset),
        ).fetchall()
        return [SearchHit(ArticleSummary(*r[:8]), r[8], r[9]) for r in rows]

    def count_matches(self, query: str, where: ArticleFilter) -> int:
        clause, params = _where(where, prefix="AND")
        return self.db.execute(
            f"SELECT count(*) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? {clause}", (fts_query(query), *params)).fetchone()[0]

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
                              " ON o.id = m.article_id WHERE o.outlet = ? COLLATE NOCASE)")
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


def migrate(db: sqlite3.Connection, path: object = "the database") -> int:
    """Apply forward migrations newer than the database's version, each in its own transaction."""
    known = migrations()
    with transaction(db):
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                   " applied_at TEXT NOT NULL)")
    current = schema_version(db)
    if known and current > known[-1][0]:
        raise StoreError(f"{path} was written by a newer newsline (schema version {current}, this one knows up to"
                         f" {known[-1][0]}); upgrade newsline to change it")
    for version, name, sql in known:
        if version <= current:
            continue
        with transaction(db):
            for statement in _statements(sql):
                db.execute(statement)
            db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                       (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
        current = version
    return current


def _uri(path: Path, readonly: bool) -> str:
    """A ``file:`` URI for ``path`` (``#``, ``?`` and ``%`` in the name escaped).

    Read-only, the connection must not create anything either: where the folder cannot be written, SQLite could
    not create the shared-memory file of a WAL database, so a database without pending WAL content is opened
    as immutable (a snapshot: nothing may write to it meanwhile).
    """
    uri = path.absolute().as_uri()
    if not readonly:
        return uri + "?mode=rwc"
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if os.access(path.parent, os.W_OK) or (wal.exists() and shm.exists()):
        return uri + "?mode=ro"
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(f"cannot read {path}: its write-ahead log {wal} holds changes that SQLite can only read"
                         " with a shared-memory file beside it, and the folder is read-only; copy the database"
                         " with its -wal file to a writable folder")
    return uri + "?immutable=1"


def _check_file(path: Path, readonly: bool) -> None:
    """Refuse, with what to do, a path that cannot be a newsline store: before SQLite creates or converts it."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; --db takes a database file, e.g. {path / 'newsline.db'}")
    if not path.exists():
        if readonly:
            raise StoreError(f"no database at {path}; create one with `newsline ingest ... --db {path}`")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist; create it first")
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"cannot create {path}: the folder {path.parent} is read-only")
        return
    try:
        with path.open("rb") as file:
            header = file.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if not header:
        return  # an empty file is an empty database
    if not header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path} is not a newsline store (not a SQLite database at all); give another --db file")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = len(header) == 100 and header[24:28] == header[92:96]  # the header's page count is current
    if len(header) < 100 or (valid and size < pages * page_size):
        raise StoreError(f"{path} is truncated: {size:,} bytes of the {pages * page_size:,} its header announces;"
                         " restore a backup, or ingest the inputs again into a new file")
    if not readonly and not _writable(path):
        raise StoreError(f"{path} is read-only for this user (the file or its folder): it can be read (articles,"
                         " search, serve) but not ingested into; fix the permissions, or ingest into a copy in a"
                         " writable folder")


def _writable(path: Path) -> bool:
    """Whether SQLite can write the database: the file, and its folder unless the WAL files exist and are
    writable."""
    if not os.access(path, os.W_OK):
        return False
    beside = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    return os.access(path.parent, os.W_OK) or all(p.exists() and os.access(p, os.W_OK) for p in beside)


def _check_identity(db: sqlite3.Connection, path: Path) -> None:
    """Refuse another program's SQLite file: newsline would add its tables and switch it to WAL mode."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return
    if application_id != 0:
        raise StoreError(f"{path} belongs to another program (SQLite application id {application_id:#x});"
                         " newsline leaves it alone: give another --db file")
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    ours, virtual = _our_tables()
    foreign = [t for t in tables if t not in ours and not any(t.startswith(f"{v}_") for v in virtual)]
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise StoreError(f"{path} is not a newsline store (it has other tables: {shown}); newsline leaves it"
                         " alone: give another --db file")


def _our_tables() -> tuple[set[str], set[str]]:
    """The tables newsline's migrations create, and which of them are virtual (FTS5, with shadow tables)."""
    tables, virtual = {"schema_version"}, set()
    for _, _, sql in migrations():
        for match in _TABLE.finditer(sql):
            tables.add(match[2])
            if match[1]:
                virtual.add(match[2])
    return tables, virtual


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit our transaction)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]


def _where(where: ArticleFilter, prefix: str = "WHERE") -> tuple[str, list[object]]:
    conditions, params = [], []
    if where.outlet:
        conditions.append("a.outlet = ? COLLATE NOCASE")
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
