"""Shared fixtures. Tests that read ../shared (benchmarks, the seed article) skip cleanly when it is absent."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_abb1fc2280914c64.txt"
EXAMPLES = REPO / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not beside the repository)")
    return path


def old_store(path: Path, version: int) -> Path:
    """A store as an older newsline wrote it: migrations 1 to ``version`` applied, nothing else."""
    from newsline.store.sqlite import _statements, migrations

    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
        for number, name, sql in migrations()[:version]:
            for statement in _statements(sql):
                db.execute(statement)
            db.execute("INSERT INTO schema_version VALUES (?, ?, 'then')", (number, name))
    return path


@pytest.fixture(scope="session")
def analyzer():
    from newsline.analysis import Analyzer

    return Analyzer()


@pytest.fixture
def store(tmp_path):
    from newsline.store import SQLiteStore

    with SQLiteStore(tmp_path / "test.db") as s:
        yield s


def write_warc(path: Path, pages: list[tuple[str, str]], *, gzip: bool = True) -> Path:
    """Write a WARC holding one HTML response record per ``(url, html)``, plus a request record before each."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, html in pages:
            request = writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            record = writer.create_warc_record(url, "response", payload=BytesIO(html.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)
    return path


def html_page(title: str, body: str, *, canonical: str | None = None, published: str | None = None) -> str:
    """A news page with navigation and footer boilerplate around an <article>."""
    meta = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if published:
        meta += f'<meta property="article:published_time" content="{published}">'
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>© Example Media Group. All rights reserved.</footer></body></html>")


ARTICLE_A = (
    "The harbour authority of Port Velmar announced on Tuesday that the eastern docks will close for repairs.\n\n"
    "Harbour master Lina Ostrova said the work would take at least three weeks. "
    "\u201cWe cannot keep the cranes running safely,\u201d she told reporters at the quay.\n\n"
    "Shipping companies were told to divert cargo to the western terminal until the end of March."
)
ARTICLE_B = (
    "Farmers in the Orlen valley blocked the regional highway for a second day on Thursday, demanding lower "
    "fuel prices.\n\nUnion leader Tomas Brel said the protest would continue until the ministry responded. "
    "According to the police, about four hundred tractors took part."
)


# -- store backends: the tests that take ``backend`` run once on SQLite and once on a real PostgreSQL server --------

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (tests/postgres_server.py); skips when none can start,
    fails instead with NEWSLINE_TEST_POSTGRES=required (as CI sets it)."""
    import postgres_server

    try:
        server = postgres_server.start()
    except postgres_server.Unavailable as exc:
        if os.environ.get("NEWSLINE_TEST_POSTGRES") == "required":
            pytest.fail(f"NEWSLINE_TEST_POSTGRES=required, and no PostgreSQL server could start: {exc}")
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def new_location(backend, request, tmp_path_factory):
    """A factory of fresh store locations of ``backend``: a SQLite file path, or a new PostgreSQL database's URL."""
    if backend == "postgres":
        return request.getfixturevalue("postgres_server").new_database
    folder = tmp_path_factory.mktemp("stores")
    names = iter(range(1, 1_000_000))
    return lambda name="store": str(folder / f"{name}_{next(names)}.db")
