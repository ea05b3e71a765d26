"""The SQLite store: one plain file (WAL mode) that any SQLite tool can open. Migrations live in ``sql/``."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsline.errors import StoreError
from newsline.identity import text_hash
from newsline.model import Article
from newsline.store.base import ArticleFilter, ArticleSummary, SearchHit, StoryFilter, StorySummary
from newsline.store.event_tables import REGISTRY_TABLES, EventTables
from newsline.store.migrations import migration_files
from newsline.store.rows import ARTICLE_FIELDS, annotations_json
from newsline.store.search_syntax import fts_query
from newsline.store.tables import REUSING, SUMMARY_COLUMNS, ArticleTables
from newsline.store.transaction import store_errors, transaction

_SEARCH_ORDER = {  # search(sort=...): best match first, or newest first (undated last)
    "relevance": "bm25(articles_fts, 5.0, 1.0), a.id",
    "date": "a.published IS NULL, a.published DESC, bm25(articles_fts, 5.0, 1.0), a.id",
}
_DIGITS = re.compile(r"[0-9]+")  # ASCII digits, as natural_order in sql/postgres/007_provenance.sql
STORIES_SCHEMA = 2  # the migration that adds the story tables
EVENT_STATUS_SCHEMA = 7  # the migration that adds events.status and events.tz (and re-ranks a day's events)
PROVENANCE_SCHEMA = 9  # the migration that adds origins, confidence and credit evidence to story relations
# What a store opened read-only (so not migrated) needs for each feature: the migration, and the command that
# upgrades it (any that opens the store for writing).
FEATURES = {"stories": (STORIES_SCHEMA, "newsline stories rebuild"),
            "event status": (EVENT_STATUS_SCHEMA, "newsline reindex"),
            "provenance with outside origins": (PROVENANCE_SCHEMA, "newsline stories rebuild")}
APPLICATION_ID = 0x6E736C6E  # "nsln": PRAGMA application_id of a newsline store (set by migration 005)
BUSY_TIMEOUT_MS = 10_000  # how long to wait for another process's write transaction before giving up
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLE = re.compile(r"CREATE\s+(VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


class SQLiteStore(ArticleTables, EventTables):
    """A newsline store in one SQLite file. ``readonly`` never changes the database; in a folder it cannot write,
    it reads the file as an immutable snapshot (see ``_uri``)."""

    ROW_ORDER = "rowid"

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
        self.db.create_function("natural_order", 1, natural_key, deterministic=True)
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

    # -- what the shared tables code needs (tables.py, event_tables.py) -----------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _any(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def _same_outlet(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"  # an index on (outlet COLLATE NOCASE) serves it (migration 006)

    def reset_registry(self) -> None:
        for table in REGISTRY_TABLES:  # emptied, new ids start at 1 again (no AUTOINCREMENT)
            self.db.execute(f"DELETE FROM {table}")

    # -- writing ---------------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[tuple[Article, str]]) -> int:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [
            (*(getattr(a, f) for f in ARTICLE_FIELDS), text_hash(a.text), origin, now, annotations_json(a))
            for a, origin in articles
        ]
        with transaction(self.db):
            (last,) = self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
            self.db.executemany(
                "INSERT OR IGNORE INTO articles (id, url, outlet, published, title, language, fetched, text,"
                " text_hash, origin, ingested_at, annotations) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            # the write lock is ours: every row past the last one before is new, and waits to be indexed
            return self.db.execute("INSERT INTO index_queue SELECT rowid FROM articles WHERE rowid > ?",
                                   (last,)).rowcount

    # -- reading ---------------------------------------------------------------------------------------------

    def search(self, query: str, where: ArticleFilter, limit: int, offset: int,
               marks: tuple[str, str] = ("[", "]"), sort: str = "relevance") -> list[SearchHit]:
        match = fts_query(query)
        clause, params = self._where(where, prefix="AND")
        order = _SEARCH_ORDER[sort]
        rows = self.db.execute(
            f"SELECT {SUMMARY_COLUMNS}, snippet(articles_fts, 1, ?, ?, ' … ', 16), bm25(articles_fts, 5.0, 1.0)"
            f" FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? {clause} ORDER BY {order} LIMIT ? OFFSET ?",
            (*marks, match, *params, limit, offset),
        ).fetchall()
        return [SearchHit(ArticleSummary(*r[:8]), r[8], r[9]) for r in rows]

    def count_matches(self, query: str, where: ArticleFilter) -> int:
        clause, params = self._where(where, prefix="AND")
        return self.db.execute(
            f"SELECT count(*) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? {clause}", (fts_query(query), *params)).fetchone()[0]

    # -- stories ---------------------------------------------------------------------------------------------

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

    def _require(self, feature: str) -> None:
        version, command = FEATURES[feature]
        if self.version < version:
            raise StoreError(f"{self.path} predates {feature} (schema version {self.version}); open it once for"
                             f" writing to upgrade it: `{command} --db {self.path}`")

    def list_stories(self, where: StoryFilter, limit: int, offset: int) -> list[StorySummary]:
        self._require("stories")
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
            f" sum(r.relation IN {REUSING} AND r.credited = 0)"
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

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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


def natural_key(text: str | None) -> str | None:
    """``text`` with each run of digits zero-padded, so that it sorts naturally ("page-2" before "page-10")."""
    return None if text is None else _DIGITS.sub(lambda m: m.group().zfill(20), text)
