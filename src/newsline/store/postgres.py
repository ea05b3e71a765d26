"""The PostgreSQL store: the SQLite store's tables and behaviour on a server that several analysts can share.

``open_store("postgresql://user@host/db")`` opens it (``newsline.store``). The schema is made and upgraded by the
numbered files in ``sql/postgres/``, applied once each and recorded in ``schema_version``, as the SQLite store
does with ``sql/``. Writes are serialised per database by an advisory lock held for each write transaction
(``WRITE_LOCK``), so concurrent ingests neither duplicate nor lose articles and resolve entities and events as
one writer would; reads never wait for it. A read-only store runs every transaction read-only
(``default_transaction_read_only``). Full-text search ranks a stored ``tsvector`` with ``ts_rank_cd`` and cuts
snippets with ``ts_headline`` (docs/postgres.md).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool

from newsline.errors import StoreError
from newsline.identity import text_hash
from newsline.model import Article
from newsline.store import location_name
from newsline.store.base import ArticleFilter, ArticleSummary, SearchHit, StoryFilter, StorySummary
from newsline.store.event_tables import REGISTRY_TABLES, EventTables
from newsline.store.migrations import migration_files
from newsline.store.rows import ARTICLE_FIELDS, annotations_json
from newsline.store.search_syntax import tsquery
from newsline.store.tables import REUSING, SUMMARY_COLUMNS, ArticleTables

WRITE_LOCK = 0x6E736C6E  # advisory lock key ("nsln", the SQLite store's application id) taken by every write
MIGRATIONS = ("sql", "postgres")
MIN_SERVER_VERSION = 140000  # SQL-standard function bodies (sql/postgres/001_articles.sql)

# Search. The indexed text and the snippets' text have ASCII punctuation replaced by private-use characters
# (newsline_search_text in 001_articles.sql, same order), which the parser takes as blanks: so "covid-19",
# "3.5" and "example.com" are words as SQLite's unicode61 tokenizer cuts them, not one hyphenated, decimal or
# host token, and a snippet maps back to the text character for character.
SEARCH_PUNCTUATION = string.punctuation
SEARCH_BLANKS = "".join(chr(0xF780 + i) for i in range(len(SEARCH_PUNCTUATION)))
_FROM_BLANKS = str.maketrans(SEARCH_BLANKS, SEARCH_PUNCTUATION)
# ts_rank_cd weights {D, C, B, A}: titles (A) count five times the text (B), as bm25(5.0, 1.0) in the SQLite
# store; normalisation 1 divides by 1 + log(document length), as bm25 discounts long documents.
SEARCH_RANK = "ts_rank_cd('{0.1, 0.2, 0.2, 1.0}', a.search, q.q, 1)"
_SEARCH_ORDER = {  # search(sort=...): best match first, or newest first (undated last); ties by id, as in SQLite
    "relevance": "rank DESC, a.id",
    "date": "a.published IS NULL, a.published DESC, rank DESC, a.id",
}
SNIPPET_WORDS = 16  # as the SQLite store's snippet(..., 16)
_WORD = re.compile(r"\w")

# Insert articles and queue the new ones (sql/postgres/006_index_queue.sql); returns a row for each. Each column is
# one array, sent in binary (%b): the text format's escaping of every character was most of a load's time.
_INSERT_ARTICLES = (
    "WITH new AS (INSERT INTO articles (id, url, outlet, published, title, language, fetched, text, text_hash,"
    " origin, ingested_at, annotations)"
    " SELECT * FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[],"
    " %b::text[], %b::text[], %b::text[], %b::text[], %b::text[])"
    " ON CONFLICT (id) DO NOTHING RETURNING seq)"
    " INSERT INTO index_queue (article_rowid) SELECT seq FROM new RETURNING article_rowid"
)


class PostgresStore(ArticleTables, EventTables):
    """A store in a PostgreSQL database (14 or later, UTF-8, with the ``unaccent`` extension available).

    ``connection``/``release``: run on a connection from a pool (``PostgresPool``) and hand it back on close.
    """

    ROW_ORDER = "seq"

    def __init__(self, url: str, *, readonly: bool = False, connection: psycopg.Connection[Any] | None = None,
                 release: Callable[[psycopg.Connection[Any]], None] | None = None) -> None:
        self.url, self.readonly, self._release = url, readonly, release
        self.db = connection if connection is not None else connect(url, readonly=readonly)
        if connection is None:
            try:
                prepare(self.db, url, readonly=readonly)
            except BaseException:
                self.db.close()
                raise

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One write transaction (a savepoint inside another), holding the database's newsline write lock: it is
        committed whole or not at all, and readers see the state before it until it ends."""
        outermost = self.db.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        with store_errors(self.db), self.db.transaction():
            if not outermost:
                yield
                return
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            # Pipeline mode: a statement whose result nobody reads (an INSERT, an UPDATE) is sent without waiting
            # for the server's answer; a read waits for its own. Indexing writes far more than it reads.
            with self.db.pipeline():
                yield

    # -- what the shared tables code needs (tables.py, event_tables.py) -----------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.db.execute(sql.replace("?", "%s"), params)  # the shared SQL has no other '?' (nor '%')

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    def _run_returning(self, sql: str, rows: Iterable[Sequence[Any]]) -> list[Any]:
        rows = list(rows)
        if not rows:
            return []
        with self.db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows, returning=True)
            values = []
            while True:
                values.append(cursor.fetchone()[0])
                if not cursor.nextset():
                    return values

    def _any(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(?)", [list(values)]

    def _same_outlet(self, column: str) -> str:
        return f"lower({column}) = lower(?)"  # index articles_outlet_lower (migration 004)

    def reset_registry(self) -> None:
        for table in REGISTRY_TABLES:
            self.db.execute(f"DELETE FROM {table}")
        for table in ("events", "corpus_entities"):  # ids from 1 again, as the SQLite store's
            sequence = self.db.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()[0]
            self.db.execute(f"ALTER SEQUENCE {sequence} RESTART")

    # -- writing ---------------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[tuple[Article, str]]) -> int:
        if not articles:
            return 0
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [(*(getattr(a, f) for f in ARTICLE_FIELDS), text_hash(a.text), origin, now, annotations_json(a))
                for a, origin in articles]
        with self.atomic():  # the new ones (an id repeated in the batch once) wait in the queue to be indexed
            return len(self.db.execute(_INSERT_ARTICLES, [list(column) for column in zip(*rows)]).fetchall())

    # -- reading ---------------------------------------------------------------------------------------------

    def search(self, query: str, where: ArticleFilter, limit: int, offset: int,
               marks: tuple[str, str] = ("[", "]"), sort: str = "relevance") -> list[SearchHit]:
        clause, params = self._where(where, prefix="AND")
        options = (f"StartSel={_option(marks[0])}, StopSel={_option(marks[1])}, MaxFragments=1,"
                   f" MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS - 1}")
        order = _SEARCH_ORDER[sort]
        rows = self._run(
            "WITH q AS (SELECT to_tsquery('newsline_search', ?) AS q),"
            f" hits AS (SELECT a.seq, {SEARCH_RANK} AS rank FROM articles a, q WHERE a.search @@ q.q {clause}"
            f"  ORDER BY {order} LIMIT ? OFFSET ?)"
            f" SELECT {SUMMARY_COLUMNS}, a.text,"
            "  ts_headline('newsline_search', newsline_search_text(a.text), q.q, ?), h.rank"
            f" FROM hits h JOIN articles a ON a.seq = h.seq, q ORDER BY {order.replace('rank', 'h.rank')}",
            (tsquery(query), *params, limit, offset, options)).fetchall()
        # score: lower is better, as the SQLite store's bm25
        return [SearchHit(ArticleSummary(*r[:8]), snippet(r[9], r[8], marks), -r[10]) for r in rows]

    def count_matches(self, query: str, where: ArticleFilter) -> int:
        clause, params = self._where(where, prefix="AND")
        return self._run(f"SELECT count(*) FROM articles a WHERE a.search @@ to_tsquery('newsline_search', ?) {clause}",
                         (tsquery(query), *params)).fetchone()[0]

    # -- stories ---------------------------------------------------------------------------------------------

    def story_candidates(self, bands: Sequence[int], keys: Sequence[str], days: tuple[str, str] | None,
                         per_key: int) -> dict[str, int]:
        hits: dict[str, int] = {}
        rows: list[tuple[str]] = []
        if bands:
            rows += self.db.execute("SELECT article_id FROM story_bands WHERE band_key = ANY(%s)"
                                    " ORDER BY seq DESC LIMIT %s", (list(bands), per_key * 4)).fetchall()
        if keys:
            window = " AND s.day BETWEEN %(first)s AND %(last)s" if days else ""
            rows += self.db.execute(
                "SELECT k.article_id FROM unnest(%(keys)s::text[]) AS q(key) CROSS JOIN LATERAL"
                f" (SELECT s.article_id FROM story_keys s WHERE s.key = q.key{window}"
                "  ORDER BY s.day DESC NULLS LAST, s.seq DESC LIMIT %(per_key)s) k",
                {"keys": list(keys), "per_key": per_key, "first": days and days[0], "last": days and days[1]},
            ).fetchall()
        for (article_id,) in rows:
            hits[article_id] = hits.get(article_id, 0) + 1
        return hits

    def list_stories(self, where: StoryFilter, limit: int, offset: int) -> list[StorySummary]:
        # a story of articles with no outlet has 0 outlets: listed unless more than one is asked for
        conditions, having = [], ["count(DISTINCT a.outlet) >= %(min_outlets)s" if where.min_outlets > 1 else "true"]
        if where.outlet:
            conditions.append("s.story_id IN (SELECT m.story_id FROM story_articles m JOIN articles o"
                              " ON o.id = m.article_id WHERE lower(o.outlet) = lower(%(outlet)s))")
        if where.since:
            having.append("max(a.published) >= %(since)s")
        if where.until:
            having.append("substr(min(a.published), 1, 10) <= %(until)s")
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        order = "outlets DESC, articles DESC, first NULLS FIRST, story_id"
        rows = self.db.execute(
            "WITH page AS (SELECT s.story_id, count(*) AS articles, count(DISTINCT a.outlet) AS outlets,"
            "  min(a.published) AS first, max(a.published) AS last,"
            f"  count(*) FILTER (WHERE r.relation IN {REUSING} AND NOT r.credited) AS uncredited"
            "  FROM story_articles s JOIN articles a ON a.id = s.article_id"
            "  LEFT JOIN story_relations r ON r.article_id = s.article_id"
            f"  {clause} GROUP BY s.story_id HAVING {' AND '.join(having)}"
            f"  ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s)"
            " SELECT p.story_id, p.articles, p.outlets, p.first, p.last, h.outlet, h.id, h.title, p.uncredited"
            " FROM page p CROSS JOIN LATERAL (SELECT a.outlet, a.id, a.title FROM story_articles s"
            "  JOIN articles a ON a.id = s.article_id LEFT JOIN story_relations r ON r.article_id = s.article_id"
            "  WHERE s.story_id = p.story_id"
            "  ORDER BY r.position IS NULL, r.position, a.published NULLS FIRST, s.seq LIMIT 1) h"
            f" ORDER BY {order}",
            {"outlet": where.outlet, "since": where.since, "until": where.until, "min_outlets": where.min_outlets,
             "limit": limit, "offset": offset})
        return [StorySummary(*r) for r in rows]

    def close(self) -> None:
        if self._release is not None:
            self._release(self.db)
        else:
            self.db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PostgresPool:
    """Read-only stores for a server (``newsline serve``): each borrows a connection from a pool and gives it
    back on close, so a request does not pay for a new server process."""

    def __init__(self, url: str, *, size: int) -> None:
        PostgresStore(url, readonly=True).close()  # fail now, with the store's message, if it cannot be read
        self.url = url
        # check: a connection the server dropped (a restart) is replaced before a request gets it
        self.pool = ConnectionPool(url, min_size=1, max_size=size, open=True, configure=_configure_readonly,
                                   check=ConnectionPool.check_connection,
                                   kwargs={"autocommit": True, "cursor_factory": _Cursor})

    def open(self) -> PostgresStore:
        with store_errors(None, self.url):
            connection = self.pool.getconn()
        return PostgresStore(self.url, readonly=True, connection=connection, release=self.pool.putconn)

    def close(self) -> None:
        self.pool.close()


# -- connecting, migrations -----------------------------------------------------------------------------------

def connect(url: str, *, readonly: bool) -> psycopg.Connection[Any]:
    try:
        db = psycopg.connect(url, autocommit=True, cursor_factory=_Cursor)
    except psycopg.Error as exc:
        raise StoreError(f"cannot open the PostgreSQL database {location_name(url)}: {_first_line(exc)}") from exc
    if readonly:
        _configure_readonly(db)
    return db


def prepare(db: psycopg.Connection[Any], url: str, *, readonly: bool) -> None:
    """Bring the schema up to date (a writer) or check that it is (a reader)."""
    if db.info.server_version < MIN_SERVER_VERSION:
        raise StoreError(f"{location_name(url)} runs PostgreSQL {db.info.server_version // 10000}; newsline needs 14"
                         " or later")
    if not readonly:
        migrate(db, url)
        return
    latest, version = migration_files(*MIGRATIONS)[-1][0], schema_version(db, url)
    if version == 0:
        raise StoreError(f"{location_name(url)} holds no newsline store; create one with"
                         " `newsline ingest ... --db URL`")
    if version < latest:
        raise StoreError(f"{location_name(url)} has newsline schema {version}, this newsline needs {latest}: run a"
                         " command that writes once (`newsline stories rebuild --missing --db URL`) to upgrade it")


def schema_version(db: psycopg.Connection[Any], url: str) -> int:
    """The newest migration applied (0: none). Tables that another program made under newsline's names (common
    words: ``articles``, ``schema_version``) are refused, never written into."""
    versions, articles, ours = db.execute(
        "SELECT to_regclass('schema_version'), to_regclass('articles'), EXISTS (SELECT 1 FROM pg_attribute"
        " WHERE attrelid = to_regclass('schema_version') AND attname = 'applied_at')").fetchone()
    if versions is None and articles is None:
        return 0
    if versions is None or not ours:
        raise StoreError(f"{location_name(url)} already has tables (schema_version or articles) that newsline did"
                         " not create; give newsline its own database, or its own schema"
                         " (?options=-csearch_path%3DNAME)")
    return db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(db: psycopg.Connection[Any], url: str) -> int:
    """Apply the migrations newer than the database's version, each in its own transaction under the write lock
    (so that two first runs do not both apply them). An up-to-date store needs neither the lock nor the right to
    create tables."""
    files = migration_files(*MIGRATIONS)
    current = schema_version(db, url)
    if current >= files[-1][0]:
        return current
    with store_errors(db), db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL,"
                   " applied_at text NOT NULL)")
    for version, name, sql in files:
        with store_errors(db), db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            current = schema_version(db, url)
            if version <= current:
                continue
            db.execute(sql)
            db.execute("INSERT INTO schema_version VALUES (%s, %s, %s)",
                       (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            current = version
            if version == 1:
                _check_text_search(db, url)
    return current


def _check_text_search(db: psycopg.Connection[Any], url: str) -> None:
    """Words must split at non-ASCII punctuation: not so in a database whose character type is C."""
    words = db.execute("SELECT length(to_tsvector('newsline_search', 'said\u2014no \u201cčaj\u201d'))").fetchone()[0]
    if words != 3:
        raise StoreError(f"{location_name(url)} has a character type (LC_CTYPE) that is not UTF-8 aware, so full-text"
                         " search would not find words beside dashes and quotes: create the database with"
                         " ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' (docs/postgres.md)")


def _configure_readonly(db: psycopg.Connection[Any]) -> None:
    db.execute("SET default_transaction_read_only = on")


# -- errors: what is the server's, the network's or the user's, not newsline's -------------------------------------

def store_error(exc: BaseException, where: str) -> StoreError | None:
    """The StoreError a failure of the database ``where`` stands for, or None when it is a bug."""
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return StoreError(f"{where} is open read-only: {_first_line(exc)}")
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return StoreError(f"{where}: {_first_line(exc)} (the database user lacks a privilege newsline needs;"
                          " docs/postgres.md lists them)")
    if isinstance(exc, psycopg.OperationalError):
        return StoreError(f"{where}: {_first_line(exc)} (the server, the network or a resource failed; run the"
                          " command again once it is back: what was stored before stays stored)")
    return None


@contextmanager
def store_errors(db: psycopg.Connection[Any] | None, url: str = "") -> Iterator[None]:
    """Re-raise the server's, network's and privilege failures as StoreError."""
    try:
        yield
    except psycopg.Error as exc:
        error = store_error(exc, _where_of(db) if db is not None else location_name(url))
        if error is None:
            raise
        raise error from exc


class _Cursor(psycopg.Cursor[Any]):
    """Every statement's server, network and privilege failures become StoreError."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> _Cursor:
        with store_errors(self.connection):
            return super().execute(query, params, **kwargs)

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> None:
        with store_errors(self.connection):
            super().executemany(query, params_seq, **kwargs)


def _where_of(db: psycopg.Connection[Any]) -> str:
    info = db.info
    return f"postgresql://{info.user}@{info.host}:{info.port}/{info.dbname}"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- search -------------------------------------------------------------------------------------------------------

def snippet(headline: str, text: str, marks: tuple[str, str]) -> str:
    """``ts_headline``'s fragment in the article's own characters, with SQLite's ellipses where text was cut."""
    fragment = headline.translate(_FROM_BLANKS)
    plain = fragment.replace(marks[0], "").replace(marks[1], "") if all(marks) else fragment
    at = text.find(plain)
    if at < 0:
        return fragment
    before, after = text[:at], text[at + len(plain):]
    return ((" … " if _WORD.search(before) else before) + fragment + (" … " if _WORD.search(after) else after))


def _option(value: str) -> str:
    """A ts_headline option value, double-quoted."""
    return '"' + value.replace('"', '""') + '"'
