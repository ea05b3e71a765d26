"""Issue 11, the store's side: what a rebuild, a second process, a read-only folder, a full disk or a file that is
not a newsline store does to the data and to the user (items 1, 8, 9, 10, 11, 13). Each test names its item."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ARTICLE_A, ARTICLE_B, old_store
from stories_corpus import article, strike_story
from typer.testing import CliRunner

import newsline
from newsline import indexing
from newsline.cli import app
from newsline.ingest import IngestAborted
from newsline.store import SQLiteStore
from newsline.stories import assign, rebuild
from newsline.stories.query import stories

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def story_count(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]
    finally:
        db.close()


# -- item 1: extreme dates, atomic rebuild ---------------------------------------------------------------------

def test_item1_a_failing_rebuild_leaves_the_old_stories(store, monkeypatch):
    articles = list(strike_story().values())
    store.add_articles([(a, "test") for a in articles])
    assign(store, articles)
    before = {s.id: s.articles for s in stories(store)}
    assert len(before) >= 2

    def fail(*args, **kwargs):
        raise RuntimeError("killed mid-rebuild")

    monkeypatch.setattr(importlib.import_module("newsline.stories.rebuild"), "assign", fail)
    with pytest.raises(RuntimeError, match="killed mid-rebuild"):
        rebuild(store)
    assert {s.id: s.articles for s in stories(store)} == before
    assert story_count(store.path) == len(before)


def test_item1_a_failing_reindex_leaves_the_registry_and_events(store, analyzer, tmp_path, monkeypatch):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ARTICLE_A}) + "\n" + json.dumps({"text": ARTICLE_B}) + "\n")
    newsline.ingest([str(tmp_path / "a.jsonl")], store, analyzer=analyzer)
    counts = "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM corpus_entities)"
    before = store.db.execute(counts).fetchone()
    assert before[0] > 0 and before[1] > 0
    real, calls = indexing.index_article, []

    def fails_on_the_second(store, article):
        calls.append(article.id)
        if len(calls) == 2:
            raise RuntimeError("killed mid-reindex")
        return real(store, article)

    monkeypatch.setattr(indexing, "index_article", fails_on_the_second)
    with pytest.raises(RuntimeError, match="killed mid-reindex"):
        indexing.reindex(store)
    assert store.db.execute(counts).fetchone() == before


def test_item1_extreme_publication_dates_neither_break_assignment_nor_rebuild(store):
    s = strike_story()
    odd = [article(s["original"].text + " Year one.", "first.example", "0001-01-01T00:00:00+01:00", "a"),
           article(s["rewrite"].text + " Year 9999.", "last.example", "9999-12-31T23:00:00-01:00", "b"),
           article(s["other"].text + " Day one.", "day.example", "0001-01-01", "c")]
    articles = [s["original"], s["rewrite"], *odd]
    store.add_articles([(a, "test") for a in articles])
    assigned = assign(store, articles)
    assert len(assigned) == len(articles)  # every article is in a story
    report = rebuild(store)
    assert report.articles == len(articles)
    assert sum(x.articles for x in stories(store)) == len(articles)


# -- item 8: two ingests of overlapping inputs at once ---------------------------------------------------------

def distinct_articles(folder: Path, count: int, seed: int = 11) -> None:
    """``count`` dated articles of invented words, each its own story (nothing to align: fast to ingest)."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mer", "vin", "dra", "sel", "tor", "bel", "vash", "ny", "rik", "sol", "pe", "gar"]
    words = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(3000)})
    folder.mkdir()
    for i in range(count):
        body = " ".join(rng.choices(words, k=25))
        (folder / f"{i:04d}.txt").write_text(f"date 2024-{1 + i % 12:02d}-{1 + i % 28:02d} {body.capitalize()}.")


def test_item8_concurrent_ingests_of_the_same_input_store_each_article_once_in_one_story(tmp_path):
    folder, count = tmp_path / "in", 130  # more than two commit batches (64): the processes interleave
    distinct_articles(folder, count)
    db = tmp_path / "n.db"
    command = [sys.executable, "-m", "newsline", "ingest", str(folder), "--db", str(db), "--quiet"]
    SQLiteStore(db).close()  # both processes find the store ready
    first, second = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(2))
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (count, count)
        assert check.execute("SELECT count(*), count(DISTINCT article_id) FROM story_articles").fetchone() == (
            count, count)
        assert check.execute("SELECT count(*) FROM story_relations").fetchone()[0] == count


# -- item 9: a read-only store; a store another process holds --------------------------------------------------

def _unprivileged() -> list[str]:
    """A prefix that runs a command as a user who cannot write the test's files (root writes anything)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot test a read-only folder")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def readonly_store():
    """A newsline store with two articles in a folder only its owner may write (not the test's reader)."""
    folder = Path(tempfile.mkdtemp(prefix="newsline-ro-"))
    try:
        folder.chmod(0o755)
        (folder / "in.jsonl").write_text(json.dumps({"text": ARTICLE_A, "title": "Docks"}) + "\n"
                                         + json.dumps({"text": ARTICLE_B, "title": "Farmers"}) + "\n")
        db = folder / "store" / "n.db"
        db.parent.mkdir()
        assert run("ingest", str(folder / "in.jsonl"), "--db", str(db), "--quiet").exit_code == 0
        assert not Path(f"{db}-wal").exists()  # closed cleanly: the folder holds the database file alone
        db.parent.chmod(0o555)
        if os.geteuid() != 0:
            db.chmod(0o444)
        yield db
    finally:
        (folder / "store").chmod(0o755)
        shutil.rmtree(folder)


def _as_reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_unprivileged(), sys.executable, *args], capture_output=True, text=True, timeout=300,
                          cwd="/")


def test_item9_reading_commands_and_the_web_app_work_on_a_store_in_a_read_only_folder(readonly_store):
    db = str(readonly_store)
    for command in (["stats", "--json"], ["articles", "--json"], ["search", "cranes", "--json"]):
        result = _as_reader("-m", "newsline", *command, "--db", db)
        assert result.returncode == 0, result.stderr
    assert json.loads(_as_reader("-m", "newsline", "stats", "--json", "--db", db).stdout)["articles"] == 2
    served = _as_reader("-c", (
        "import sys; from fastapi.testclient import TestClient; from newsline.web import create_app;"
        f"r = TestClient(create_app({db!r})).get('/api/stats'); print(r.status_code, r.json()['articles'])"))
    assert served.stdout.split() == ["200", "2"], served.stderr
    assert sorted(os.listdir(readonly_store.parent)) == ["n.db"]  # reading wrote nothing beside it


def test_item9_ingest_into_a_read_only_store_says_so_before_analysing(readonly_store):
    inputs = readonly_store.parent.parent / "in.jsonl"
    result = _as_reader("-m", "newsline", "ingest", str(inputs), "--db", str(readonly_store))
    assert result.returncode == 1
    assert "read-only" in result.stderr and "newsline bug" not in result.stderr and "Traceback" not in result.stderr


def test_item9_a_store_another_process_is_writing_is_reported_before_analysing(tmp_path, monkeypatch):
    db = tmp_path / "n.db"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    monkeypatch.setattr("newsline.store.sqlite.BUSY_TIMEOUT_MS", 200)
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    try:
        result = run("ingest", str(tmp_path / "a.txt"), "--db", str(db))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "another process is writing" in result.output and "newsline bug" not in result.output


# -- item 10: a full disk -------------------------------------------------------------------------------------

def fill_up(db: sqlite3.Connection) -> None:
    """Make the database full: no page may be added (SQLite's page limit), and the free room in the pages it
    has is used up by filler rows in a table of its own (the story frequencies, which nothing checks here)."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    for size in (1000, 100, 10, 1):
        with contextlib.suppress(sqlite3.OperationalError):
            while True:
                db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                           " INSERT INTO story_df SELECT 'filler ' || hex(randomblob(8)), 0 FROM n", (size,))


def _fill_up_before_story_assignment(monkeypatch):
    """Make the database full just before the run's stories are assigned."""
    real = indexing.assign_stories

    def assign_on_a_full_disk(store, articles, config):
        fill_up(store.db)
        return real(store, articles, config)

    monkeypatch.setattr(indexing, "assign_stories", assign_on_a_full_disk)


def test_item10_a_full_disk_during_story_assignment_keeps_what_was_stored_and_reports_it(store, analyzer,
                                                                                         tmp_path, monkeypatch):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_A}) + "\n{broken\n" + json.dumps({"text": ARTICLE_B}) + "\n")
    _fill_up_before_story_assignment(monkeypatch)
    with pytest.raises(IngestAborted, match="full") as aborted:
        newsline.ingest([str(path)], store, analyzer=analyzer)
    report = aborted.value.report
    assert report.added == 2 and [r.origin for r in report.rejections] == [f"{path}:2"]
    assert newsline.stats(store).articles == 2  # stored before the disk filled; their stories come at the rerun


def test_item10_the_cli_prints_the_queued_rejections_then_the_full_disk(tmp_path, monkeypatch):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_A}) + "\n{broken\n")
    _fill_up_before_story_assignment(monkeypatch)
    db = str(tmp_path / "n.db")
    result = run("ingest", str(path), "--db", db)
    assert result.exit_code == 1
    assert f"rejected {path}:2: malformed JSON line" in result.output
    assert "stored now" in result.output and "disk" in result.output and "full" in result.output
    assert "newsline bug" not in result.output
    monkeypatch.undo()
    assert json.loads(run("stats", "--db", db, "--json").output)["articles"] == 1


# -- item 11: a --db that is not a newsline store --------------------------------------------------------------

@pytest.fixture
def text_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    return str(tmp_path / "a.txt")


def _one_line_error(result, words: str) -> None:
    assert result.exit_code in (1, 2), result.output
    assert words in result.output and "newsline bug" not in result.output
    assert result.output.startswith("error:") and "Traceback" not in result.output


def test_item11_db_in_a_missing_folder_or_a_folder(tmp_path, text_file):
    _one_line_error(run("ingest", text_file, "--db", str(tmp_path / "nope" / "n.db")), "does not exist")
    _one_line_error(run("ingest", text_file, "--db", str(tmp_path)), "is a folder")
    _one_line_error(run("stats", "--db", str(tmp_path)), "is a folder")


def test_item11_truncated_and_non_sqlite_files(tmp_path, text_file):
    db = tmp_path / "n.db"
    assert run("ingest", text_file, "--db", str(db), "-q").exit_code == 0
    data = db.read_bytes()
    (tmp_path / "cut.db").write_bytes(data[: len(data) // 2])
    _one_line_error(run("stats", "--db", str(tmp_path / "cut.db")), "truncated")
    _one_line_error(run("ingest", text_file, "--db", str(tmp_path / "cut.db")), "truncated")
    (tmp_path / "damaged.db").write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))  # pages after the first
    _one_line_error(run("search", "harbour", "--db", str(tmp_path / "damaged.db")), "damaged")
    (tmp_path / "notes.db").write_text("these are my notes, not a database\n" * 10)
    _one_line_error(run("articles", "--db", str(tmp_path / "notes.db")), "not a SQLite database")
    _one_line_error(run("ingest", text_file, "--db", str(tmp_path / "notes.db")), "not a SQLite database")


def test_item11_another_programs_database_is_refused_and_left_unchanged(tmp_path, text_file):
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Lina Ostrova')")
    before = other.read_bytes()
    _one_line_error(run("ingest", text_file, "--db", str(other)), "not a newsline store")
    _one_line_error(run("stats", "--db", str(other)), "not a newsline store")
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()
    with sqlite3.connect(other) as db:
        db.execute("PRAGMA application_id = 42")
        db.execute("DROP TABLE contacts")
    _one_line_error(run("ingest", text_file, "--db", str(other)), "another program")


def test_item11_a_store_from_before_the_identity_opens_and_is_marked(tmp_path):
    path = tmp_path / "old.db"
    old_store(path, 4)  # what newsline wrote before migration 005
    with SQLiteStore(path, readonly=True) as old:
        assert old.version == 4
    with SQLiteStore(path) as store:
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == 0x6E736C6E


def test_item11_huge_limit_and_offset(tmp_path, text_file):
    db = str(tmp_path / "n.db")
    assert run("ingest", text_file, "--db", db, "-q").exit_code == 0
    for command in (["articles"], ["search", "cranes"], ["timeline"], ["stories"], ["entities"], ["outlets"]):
        for flag in ("--limit", "--offset"):
            result = run(*command, "--db", db, flag, str(2**63))
            _one_line_error(result, f"{flag} {2**63}: must be at most {2**63 - 1}")


# -- item 13: file names that are not URIs ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["my#copy.db", "a%41b.db", "what?.db", "two words.db"])
def test_item13_database_names_with_uri_characters(tmp_path, text_file, name):
    db = tmp_path / name
    assert run("ingest", text_file, "--db", str(db), "-q").exit_code == 0
    result = run("stats", "--db", str(db), "--json")
    assert result.exit_code == 0 and json.loads(result.output)["articles"] == 1
    with SQLiteStore(db, readonly=True) as store:
        assert store.stats().articles == 1
    assert {p.name for p in tmp_path.iterdir()} <= {"a.txt", name, f"{name}-wal", f"{name}-shm"}  # no stray file
