"""The SQLite store: one plain file (WAL mode) that any SQLite tool can open. Migrations live in ``sql/``."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from newsline.identity import text_hash
from newsline.model import Article
from newsline.store.base import ArticleFilter, ArticleSummary, SearchHit, Stats, StoredArticle
from newsline.store.sqlite_events import EventTables
from newsline.store.transaction import transaction

_ARTICLE_FIELDS = ("id", "url", "outlet", "published", "title", "language", "fetched", "text")
_SUMMARY_COLUMNS = "a.id, a.url, a.outlet, a.published, a.title, a.language, length(a.text), a.origin"
_HEX_PREFIX = re.compile(r"^[0-9a-f]{4,16}$")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\w+)')


class AmbiguousId(LookupError):
    """An id prefix that matches more than one article."""


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
        # Read through a memory map (up to 1 GiB of the file): index range scans such as a one-actor timeline
        # touch rows spread over the whole events table, and page-by-page reads dominate without it.
        self.db.execute("PRAGMA mmap_size = 1073741824")
        if not readonly:
            migrate(self.db)
        elif schema_version(self.db) == 0:
            raise ValueError(f"{self.path} is not a newsline database (no schema_version table)")

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
            (*(getattr(a, f) for f in _ARTICLE_FIELDS), text_hash(a.text), origin, now, _annotations_json(a))
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
            f"SELECT {', '.join(_ARTICLE_FIELDS)}, annotations, origin, ingested_at FROM articles"
            " WHERE id >= ? AND id < ? LIMIT 2",
            (key, key + "g"),
        ).fetchall()
        if len(rows) > 1:
            raise AmbiguousId(f"id prefix {id_or_prefix!r} matches several articles; give more digits")
        if not rows:
            return None
        *fields, annotations, origin, ingested_at = rows[0]
        data = {**dict(zip(_ARTICLE_FIELDS, fields)), **json.loads(annotations)}
        return StoredArticle(Article.from_dict(data), origin, ingested_at)

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
                     *self._event_counts())

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
    found = []
    for entry in resources.files("newsline.store").joinpath("sql").iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name[:-4].partition("_")
            found.append((int(number), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


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
        raise ValueError(f"search query {query!r} has no words to search for")
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
    if not conditions:
        return "", []
    return f"{prefix} " + " AND ".join(conditions), params


def _annotations_json(article: Article) -> str:
    data = article.to_dict()
    for name in ("schema", *_ARTICLE_FIELDS):
        data.pop(name)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
