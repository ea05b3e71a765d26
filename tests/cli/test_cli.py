"""The command line: exit codes, rejection reports, machine-readable output."""

from __future__ import annotations

import pytest

import csv
import io
import json

from conftest import ARTICLE_A, ARTICLE_B, SEED, shared_path
from typer.testing import CliRunner

from newsline.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_ingest_reports_rejections_with_location_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(f"date 2024-03-05 {ARTICLE_A}")
    (folder / "bad.jsonl").write_text('{"text": "Fine words for a fine day in the valley."}\n{broken\n')
    db = str(tmp_path / "n.db")
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    assert f"rejected {folder / 'bad.jsonl'}:2: malformed JSON line" in result.output
    assert "stored now" in result.output and "Rejections" in result.output
    again = run("ingest", str(folder), "--db", db, "--quiet")
    assert again.exit_code == 1 and "stored now" not in again.output


def test_clean_ingest_exits_0_and_says_when_nothing_is_new(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_B)
    db = str(tmp_path / "n.db")
    assert run("ingest", str(tmp_path / "a.txt"), "--db", db, "--published", "2024-03-07").exit_code == 0
    again = run("ingest", str(tmp_path / "a.txt"), "--db", db, "--published", "2024-03-07")
    assert again.exit_code == 0 and "Nothing new" in again.output
    listed = json.loads(run("articles", "--db", db, "--json").output)
    assert [a["published"] for a in listed] == ["2024-03-07"]


def test_bad_options_are_clear_errors(tmp_path):
    db = str(tmp_path / "n.db")
    (tmp_path / "a.txt").write_text(ARTICLE_B)
    run("ingest", str(tmp_path / "a.txt"), "--db", db)
    result = run("articles", "--db", db, "--since", "yesterday")
    assert result.exit_code == 2 and "--since/--from 'yesterday': not a date; write it as YYYY-MM-DD" in result.output
    result = run("ingest", str(tmp_path), "--db", db, "--field", "body")
    assert result.exit_code == 2 and "bad field mapping" in result.output
    result = run("ingest", str(tmp_path), "--db", db, "--published", "13/02/2023")
    assert result.exit_code == 2 and "invalid publication date" in result.output
    result = run("show", "abcdef12", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1 and "no database" in result.output


def test_listing_formats(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"text": ARTICLE_A, "url": "https://velmar-news.example.com/d", "title": "Docks"}) + "\n"
        + json.dumps({"text": ARTICLE_B, "url": "https://courier.example.org/f", "title": "Farmers"}) + "\n")
    db = str(tmp_path / "n.db")
    run("ingest", str(tmp_path / "a.jsonl"), "--db", db)
    rows = list(csv.DictReader(io.StringIO(run("articles", "--db", db, "--csv").output)))
    assert {r["outlet"] for r in rows} == {"velmar-news.example.com", "courier.example.org"}
    hits = json.loads(run("search", "cranes", "--db", db, "--json").output)
    assert [h["title"] for h in hits] == ["Docks"] and "[cranes]" in hits[0]["snippet"]
    stats = json.loads(run("stats", "--db", db, "--json").output)
    assert stats["articles"] == 2 and stats["outlets"] == 2
    shown = json.loads(run("show", rows[0]["id"], "--db", db, "--json").output)
    assert shown["schema"] == "newsline.article/1" and shown["origin"] in (f"{tmp_path / 'a.jsonl'}:1", f"{tmp_path / 'a.jsonl'}:2")


def test_analyze_prints_the_contract(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    article = json.loads(run("analyze", str(tmp_path / "a.txt"), "--json", "--published", "2024-03-05").output)
    assert article["published"] == "2024-03-05" and len(article["sentences"]) == 4


@pytest.mark.data
def test_seed_article_end_to_end(tmp_path):
    seed = shared_path("seed", SEED.name)
    db = str(tmp_path / "n.db")
    assert run("ingest", str(seed), "--db", db).exit_code == 0
    [row] = json.loads(run("articles", "--db", db, "--json").output)
    assert row["published"] == "2023-02-13" and row["outlet"] is None and row["language"] == "en"
    shown = run("show", row["id"], "--db", db)
    assert shown.exit_code == 0
    assert "Such a statement on Monday, February 13" in shown.output and "(unknown)" in shown.output


def test_parallel_workers_store_the_same_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"date 2024-03-0{i + 1} {ARTICLE_A} Note {i}.")
    db = str(tmp_path / "n.db")
    assert run("ingest", str(folder), "--db", db, "--workers", "2", "--quiet").exit_code == 0
    listed = json.loads(run("articles", "--db", db, "--json").output)
    assert [a["published"] for a in listed] == [f"2024-03-0{i + 1}" for i in range(6)]
    shown = json.loads(run("show", listed[0]["id"], "--db", db, "--json").output)
    assert len(shown["sentences"]) == 5
