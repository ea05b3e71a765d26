"""The numbered SQL migrations shipped with the package: ``sql/NNN_name.sql`` (SQLite), ``sql/postgres/`` (PostgreSQL).

Each backend applies the files newer than the version recorded in its ``schema_version`` table, in order, one
transaction per file, and records each; a file is never edited once released, a change is a new file.
"""

from __future__ import annotations

from importlib import resources


def migration_files(*folder: str) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every ``NNN_name.sql`` in ``folder`` (under ``newsline/store/``), in order."""
    found = []
    for entry in resources.files("newsline.store").joinpath(*folder).iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name[:-4].partition("_")
            found.append((int(number), name, entry.read_text(encoding="utf-8")))
    return sorted(found)
