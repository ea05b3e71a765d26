"""Every command that takes ``--db`` works on a PostgreSQL URL as on a SQLite file, with the same output.

The examples are ingested into both stores by the command line, then each query command runs on both and must
print the same JSON; the writing commands (merge, split, reindex, stories rebuild) run on both and the stores
must still agree. ``newsline serve`` answers over a PostgreSQL URL from a real server process.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import httpx
import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from newsline.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def stores(tmp_path_factory, postgres_server) -> list[str]:
    locations = [str(tmp_path_factory.mktemp("cli") / "examples.db"), postgres_server.new_database("cli")]
    for db in locations:
        assert "stored now" in run("ingest", str(EXAMPLES), "--db", db)
        assert "Nothing new" in run("ingest", str(EXAMPLES), "--db", db)  # idempotent by article id
    return locations


def same_json(stores: list[str], *args: str) -> object:
    sqlite, postgres = (json.loads(run(*args, "--db", db)) for db in stores)
    if isinstance(sqlite, dict):  # when each store took the article in
        sqlite.pop("ingested_at", None), postgres.pop("ingested_at", None)
    assert postgres == sqlite, args
    return sqlite


def test_query_commands_answer_alike(stores):
    articles = same_json(stores, "articles", "--json", "--limit", "100")
    assert len(articles) == 18
    first = articles[0]["id"]
    shown = same_json(stores, "show", first[:8], "--json")
    assert shown["id"] == first
    stats = same_json(stores, "stats", "--json")
    assert stats["articles"] == 18 and stats["stories"] > 0
    for command in (("claims", "--json"), ("timeline", "--json"), ("timeline", "--actor", "Jovan Petrović", "--json"),
                    ("entities", "--json"), ("entity", "Jovan Petrović", "--json"), ("stories", "--json"),
                    ("outlets", "--json"), ("articles", "--speaker", "Jovan Petrović", "--json")):
        same_json(stores, *command)
    stories = same_json(stores, "stories", "--json")
    same_json(stores, "story", stories[0]["id"], "--json")
    sqlite_hits, postgres_hits = (json.loads(run("search", "harbour", "--json", "--db", db)) for db in stores)
    assert {h["id"] for h in postgres_hits} == {h["id"] for h in sqlite_hits} != set()
    assert all("[" in h["snippet"] for h in postgres_hits)


def test_writing_commands_keep_the_stores_alike(stores):
    entities = same_json(stores, "entities", "--json", "--type", "PERSON")
    keep, other = entities[0]["id"], entities[1]["id"]
    for db in stores:
        run("merge", str(keep), str(other), "--db", db)
    same_json(stores, "entity", str(keep), "--json")
    for db in stores:
        run("reindex", "--db", db)
        run("stories", "rebuild", "--db", db)
    same_json(stores, "entities", "--json")
    same_json(stores, "stories", "--json")


def test_serve_answers_from_postgres(stores):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", "from newsline.cli import main; main()", "serve", "--db",
                               stores[1], "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                stats = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=10).json()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert stats["articles"] == 18
        page = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "harbour"}, timeout=10)
        assert page.status_code == 200 and "<mark>" in page.text
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "serving postgresql://" in output


def test_an_unreachable_postgres_server_is_a_one_line_error_naming_the_url():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://nobody@127.0.0.1:{port}/corpus"
    result = runner.invoke(app, ["stats", "--db", url])
    assert result.exit_code == 1
    assert f"error: cannot open the PostgreSQL database {url}: connection failed" in " ".join(result.output.split())
    assert "Traceback" not in result.output
