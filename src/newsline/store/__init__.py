"""Storage backends behind one narrow interface (``Store``): SQLite, a file (the default), and PostgreSQL, a
``postgresql://`` URL (``pip install 'newsline[postgres]'``; docs/postgres.md). Open either with ``open_store``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import ModuleType
from typing import Protocol

from newsline.errors import AmbiguousId, StoreError
from newsline.store.base import (ArticleFilter, ArticleSummary, CorpusEntity, EntityDetail, EntityRole, EventFilter,
                                 EventReport, SearchHit, Stats, Store, StoredArticle)
from newsline.store.sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_PASSWORD_IN_USERINFO = re.compile(r"^([a-z]+://[^:/@?#]*:)[^/@?#]*@")
_PASSWORD_IN_QUERY = re.compile(r"([?&]password=)[^&#]*")
SERVER_CONNECTIONS = 8  # PostgreSQL connections a server (``newsline serve``) keeps for its requests at most


def is_postgres_url(location: str | os.PathLike[str]) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def location_name(location: str | os.PathLike[str]) -> str:
    """``location`` for messages and logs: a URL without its password."""
    if not is_postgres_url(location):
        return str(location)
    return _PASSWORD_IN_QUERY.sub(r"\1***", _PASSWORD_IN_USERINFO.sub(r"\1***@", str(location)))


def open_store(location: str | os.PathLike[str], *, readonly: bool = False) -> Store:
    """The store at ``location``: a PostgreSQL URL (``postgresql://user@host/db``) or a SQLite file.

    Opened for writing, it is created or upgraded; ``readonly`` never writes (and refuses a missing store)."""
    if is_postgres_url(location):
        return _postgres().PostgresStore(str(location), readonly=readonly)
    return SQLiteStore(location, readonly=readonly)


class StoreSource(Protocol):
    """Read-only stores for a server: one opened (cheaply) per request, closed after it."""

    def open(self) -> Store: ...

    def close(self) -> None: ...


def read_only_stores(location: str | os.PathLike[str]) -> StoreSource:
    """Read-only stores at ``location``, checked now (a missing or foreign store fails here, not per request)."""
    if is_postgres_url(location):
        return _postgres().PostgresPool(str(location), size=SERVER_CONNECTIONS)
    return _SQLiteSource(Path(location))


class _SQLiteSource:
    """A connection per request: SQLite opens in microseconds, and a connection stays in its thread."""

    def __init__(self, path: Path) -> None:
        SQLiteStore(path, readonly=True).close()
        self.path = path

    def open(self) -> SQLiteStore:
        return SQLiteStore(self.path, readonly=True)

    def close(self) -> None:
        pass


def _postgres() -> ModuleType:
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError as exc:  # a bug in newsline's own module is not this
        raise StoreError(f"PostgreSQL support is not installed ({exc}); install it with"
                         " `pip install 'newsline[postgres]'`") from exc
    from newsline.store import postgres

    return postgres


__all__ = ["AmbiguousId", "ArticleFilter", "ArticleSummary", "CorpusEntity", "EntityDetail", "EntityRole",
           "EventFilter", "EventReport", "SQLiteStore", "SearchHit", "Stats", "Store", "StoreSource", "StoredArticle",
           "is_postgres_url", "location_name", "open_store", "read_only_stores"]
