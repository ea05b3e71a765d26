"""Write transactions on a SQLite connection, and SQLite's failures that are not bugs, told as StoreError."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from newsline.errors import StoreError

# SQLite result codes (extended codes start with these names) that describe the file, the disk or another
# process rather than a mistake in newsline, with what the user can do about each.
_CONDITIONS = {
    "SQLITE_FULL": "the disk (or the database's size limit) is full; free some space and run the command again:"
                   " what was stored before stays stored",
    "SQLITE_BUSY": "another process is writing to it (an ingest, `stories rebuild`, `reindex`, `merge` or"
                   " `split`); run the command again when that has finished",
    "SQLITE_LOCKED": "another process is writing to it; run the command again when that has finished",
    "SQLITE_READONLY": "it cannot be written (a read-only file or folder); fix the permissions, or ingest into a"
                       " copy in a writable folder",
    "SQLITE_CORRUPT": "the file is damaged; restore a backup, or ingest the inputs again into a new file",
    "SQLITE_NOTADB": "it is not a SQLite database, or it is damaged; give another --db file",
    "SQLITE_IOERR": "the disk reported an input/output error; check the disk and run the command again",
    "SQLITE_CANTOPEN": "it cannot be opened (a missing folder, a folder instead of a file, or no permission)",
    "SQLITE_PERM": "the operating system refused access; check the file's permissions",
}


def store_error(exc: BaseException, path: object) -> StoreError | None:
    """The StoreError a SQLite failure on the database at ``path`` stands for, or None when it is a bug."""
    name = getattr(exc, "sqlite_errorname", None)
    if not isinstance(exc, sqlite3.Error) or not name:
        return None
    for condition, advice in _CONDITIONS.items():
        if name == condition or name.startswith(condition + "_"):
            return StoreError(f"database {path}: {exc} ({advice})")
    return None


@contextmanager
def store_errors(where: str | sqlite3.Connection) -> Iterator[None]:
    """Re-raise SQLite failures of the file, disk or lock (see ``store_error``) of the database at ``where``
    (a path, or a connection to it) as StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        error = store_error(exc, _path(where) if isinstance(where, sqlite3.Connection) else where)
        if error is None:
            raise
        raise error from exc


class transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception.

    Nested inside another transaction on the same connection it is a savepoint: the inner block is undone on
    failure, and nothing is committed before the outermost block ends. So a caller can make several store
    operations one atomic change (``SQLiteStore.atomic``). A disk, lock or permission failure is raised as
    StoreError.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.nested = False

    def __enter__(self) -> sqlite3.Connection:
        self.nested = self.db.in_transaction
        with store_errors(self.db):
            self.db.execute("SAVEPOINT nested" if self.nested else "BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        with store_errors(self.db):
            if exc_type is None:
                try:
                    self.db.execute("RELEASE nested" if self.nested else "COMMIT")
                    return
                except sqlite3.Error:
                    self._undo()
                    raise
            self._undo()
            error = store_error(exc, _path(self.db)) if exc is not None else None
            if error is not None:
                raise error from exc

    def _undo(self) -> None:
        if not self.db.in_transaction:  # SQLite already rolled back (e.g. after SQLITE_FULL)
            return
        if self.nested:
            self.db.execute("ROLLBACK TO nested")
            self.db.execute("RELEASE nested")
        else:
            self.db.execute("ROLLBACK")


def _path(db: sqlite3.Connection) -> str:
    try:
        row = db.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "(unknown file)"
    return row[2] if row and row[2] else "(in memory)"
