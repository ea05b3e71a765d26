"""A process killed mid-ingest (SIGKILL) leaves a consistent database; re-running completes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

FILES = 3000


def count(db_path) -> int:
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_then_rerun(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"{i:05d}.txt").write_text(
            f"date 2024-03-05 Harbour pilot Ivo Marek{i} guided vessel number {i} into Port Velmar on Monday.")
    db_path = tmp_path / "n.db"
    command = [sys.executable, "-m", "newsline", "ingest", str(folder), "--db", str(db_path), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while count(db_path) < 200 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr.read().decode()}"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    stored = count(db_path)
    assert 0 < stored < FILES
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")  # raises if out of sync
    assert db.execute("SELECT count(*) FROM articles WHERE annotations IS NULL OR text = ''").fetchone()[0] == 0
    db.close()

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db_path) == FILES
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT count(*) FROM story_articles").fetchone()[0] == FILES  # every article in a story
    orphans = "SELECT count(*) FROM {} x LEFT JOIN articles a ON a.id = x.article_id WHERE a.id IS NULL"
    assert all(db.execute(orphans.format(t)).fetchone()[0] == 0 for t in ("events", "article_entities"))
    db.close()
