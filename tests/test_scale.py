"""Issue 17: analyse into shards, load in bulk, index in batch; each step killed midway and rerun completes the
work with nothing lost or duplicated (on SQLite and on PostgreSQL: ``new_location``); the Dask engine's output
equals the local one."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARTICLE_A, ARTICLE_B, EXAMPLES
from typer.testing import CliRunner

import newsline
from newsline import indexing
from newsline.cli import app
from newsline.errors import InvalidArgument
from newsline.ingest.shards import MANIFEST, analyze_to_shards, local_engine, read_manifest
from newsline.origins import Origin, Origins, default_origins
from newsline.store import open_store

COUNTS = ("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
          " (SELECT count(DISTINCT cluster) FROM events), (SELECT count(*) FROM corpus_entities),"
          " (SELECT count(DISTINCT story_id) FROM story_articles), (SELECT count(*) FROM story_relations),"
          " (SELECT count(*) FROM index_queue)")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def shard_lines(folder: Path) -> list[str]:
    _, entries = read_manifest(folder)
    lines = []
    for entry in entries:
        with gzip.open(folder / entry["shard"], "rt", encoding="utf-8") as file:
            lines += file.read().splitlines()
    return lines


def counts(location: str) -> tuple[int, ...]:
    with open_store(location, readonly=True) as store:
        return tuple(store.db.execute(COUNTS).fetchone())


@pytest.fixture(scope="module")
def reference(tmp_path_factory, analyzer):
    """The examples analysed in this process: the shards every other run must equal."""
    out = tmp_path_factory.mktemp("reference") / "shards"
    report = analyze_to_shards([str(EXAMPLES)], out, engine=local_engine(analyzer, 1), shard_size=4)
    assert report.shards == 5 and report.articles == 18 and not report.rejections
    return out


def test_shards_are_article_json_lines_with_a_manifest_naming_the_inputs(reference):
    lines = shard_lines(reference)
    articles = [newsline.Article.from_dict(json.loads(line)) for line in lines]
    assert len({a.id for a in articles}) == 18
    assert all(json.loads(line)["schema"] == "newsline.article/1" for line in lines)
    header, entries = read_manifest(reference)
    assert header["inputs"] == [str(EXAMPLES)] and header["shard_size"] == 4
    assert sum(len(e["origins"]) for e in entries) == 18
    assert any(o.startswith(str(EXAMPLES / "jsonl")) for e in entries for o in e["origins"])
    assert all(e["inputs"] for e in entries)


def test_bad_records_are_rejected_by_name_and_the_rest_is_analysed(tmp_path, analyzer):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": ARTICLE_A}) + "\n{broken\n" + json.dumps({"text": ARTICLE_B}) + "\n")
    report = analyze_to_shards([str(source)], tmp_path / "out", engine=local_engine(analyzer, 1))
    assert report.articles == 2 and [str(r) for r in report.rejections] == [f"{source}:2: malformed JSON line"
                                                                             " (Expecting property name enclosed in"
                                                                             " double quotes, column 2)"]
    [entry] = read_manifest(tmp_path / "out")[1]
    assert entry["rejected"] == [{"origin": f"{source}:2", "reason": report.rejections[0].reason}]


def test_a_folder_of_other_inputs_is_refused_rather_than_mixed(tmp_path, reference, analyzer):
    source = tmp_path / "in.txt"
    source.write_text(ARTICLE_A)
    with pytest.raises(InvalidArgument, match=r"other settings \(inputs: see its manifest.jsonl\)"):
        analyze_to_shards([str(source)], reference, engine=local_engine(analyzer, 1), shard_size=4)


def test_a_folder_analysed_with_another_origins_table_is_refused(tmp_path, analyzer):
    source = tmp_path / "in.txt"
    source.write_text(ARTICLE_A)
    analyze_to_shards([str(source)], tmp_path / "out", engine=local_engine(analyzer, 1))
    shipped = default_origins()
    wider = Origins({**shipped.entries, "velmora-wire": Origin("velmora-wire", "Velmora Wire", "wire",
                                                               ("Velmora Wire",), ("velmorawire.example",))})
    assert wider.digest() != shipped.digest() == Origins(dict(reversed(shipped.entries.items()))).digest()
    with pytest.raises(InvalidArgument, match=r"other settings \(origins_table: "):
        analyze_to_shards([str(source)], tmp_path / "out", engine=local_engine(analyzer, 1), origins=wider)
    report = analyze_to_shards([str(source)], tmp_path / "out", engine=local_engine(analyzer, 1))
    assert report.shards_skipped == 1


def test_analyze_killed_midway_then_rerun_writes_every_shard_once(tmp_path, reference):
    """A real kill (SIGKILL) of `newsline analyze` after its first shards; the rerun skips them and completes."""
    out = tmp_path / "shards"
    command = [sys.executable, "-m", "newsline", "analyze", str(EXAMPLES), "--out", str(out), "--shard-size", "4",
               "--workers", "1", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if (out / MANIFEST).exists() and len((out / MANIFEST).read_text().splitlines()) >= 3:  # 2 shards done
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    finished = len(read_manifest(out)[1])
    assert 2 <= finished < 5  # killed midway
    result = subprocess.run(command[:-1], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{finished}" in result.stdout and "finished before" in result.stdout
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert shard_lines(out) == shard_lines(reference)  # nothing lost, nothing twice, the same bytes


def test_load_then_index_equals_ingest(new_location, reference, analyzer):
    ingested, loaded_into = new_location("ingested"), new_location("loaded")
    with open_store(ingested) as store:
        newsline.ingest([str(EXAMPLES)], store, analyzer=analyzer, workers=1)
    with open_store(loaded_into) as store:
        loaded = newsline.load_shards(reference, store)
        assert loaded.added == 18 and loaded.already_stored == 0 and not loaded.rejections
        assert counts(loaded_into)[-1] == 18  # queued for indexing
        indexed = newsline.index(store)
        assert indexed.articles == 18 and indexed.events > 0
    assert counts(loaded_into) == counts(ingested)


def test_load_killed_midway_then_rerun_stores_each_article_once(new_location, reference, monkeypatch):
    db = new_location()
    with open_store(db) as store:
        real, calls = store.add_articles, []

        def dies_at_the_third_shard(pairs):
            calls.append(len(pairs))
            if len(calls) == 3:
                raise KeyboardInterrupt  # a kill: nothing of this shard may be left half-stored
            return real(pairs)

        monkeypatch.setattr(store, "add_articles", dies_at_the_third_shard)
        with pytest.raises(KeyboardInterrupt):
            newsline.load_shards(reference, store)
        monkeypatch.undo()
        assert counts(db)[0] == 8  # two whole shards
        again = newsline.load_shards(reference, store)
        assert (again.added, again.already_stored) == (10, 8)
        assert newsline.load_shards(reference, store).added == 0  # loading again adds nothing
    assert counts(db)[0] == 18 and counts(db)[-1] == 18


def test_index_killed_midway_then_rerun_indexes_each_article_once(new_location, reference, monkeypatch):
    whole, db = new_location("whole"), new_location()
    with open_store(whole) as store:
        newsline.load_shards(reference, store)
        newsline.index(store)
    with open_store(db) as store:
        newsline.load_shards(reference, store)
        real, calls = indexing.index_article, []

        def dies_at_the_seventh(store, article):
            calls.append(article.id)
            if len(calls) == 7:
                raise KeyboardInterrupt
            return real(store, article)

        monkeypatch.setattr(indexing, "index_article", dies_at_the_seventh)
        with pytest.raises(KeyboardInterrupt):
            newsline.index(store, chunk=5)
        monkeypatch.undo()
        assert counts(db)[-1] == 13  # the first chunk of 5 is indexed, the second rolled back
        assert newsline.index(store, chunk=5).articles == 13
    assert counts(db) == counts(whole)


def test_a_damaged_shard_is_rejected_by_name_and_the_others_load(tmp_path, reference):
    damaged = tmp_path / "shards"
    damaged.mkdir()
    for path in reference.iterdir():
        (damaged / path.name).write_bytes(path.read_bytes())
    (damaged / "shard-000001.jsonl.gz").write_bytes(b"not gzip")
    with open_store(str(tmp_path / "n.db")) as store:
        report = newsline.load_shards(damaged, store)
    assert report.added == 14 and [r.origin for r in report.rejections] == [str(damaged / "shard-000001.jsonl.gz")]
    assert "analyze" in report.rejections[0].reason


def test_the_cli_analyzes_loads_and_indexes(tmp_path, new_location):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": ARTICLE_A}) + "\n" + json.dumps({"text": ARTICLE_B}) + "\n")
    out, db = tmp_path / "out", new_location()
    result = run("analyze", str(source), "--out", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "articles written" in result.output and "newsline load" in result.output
    result = run("load", str(out), "--db", db, "--no-index")
    assert result.exit_code == 0 and "stored now" in result.output
    result = run("index", "--db", db)
    assert result.exit_code == 0 and "Indexed 2 articles" in result.output
    assert json.loads(run("stats", "--db", db, "--json").output)["articles"] == 2
    result = run("load", str(tmp_path), "--db", db)
    assert result.exit_code == 2 and "manifest.jsonl" in result.output


def test_dask_local_cluster_of_two_workers_writes_the_same_shards(tmp_path, reference):
    pytest.importorskip("distributed")
    from newsline.ingest.cluster import dask_engine

    with dask_engine("local", workers=2) as engine:
        report = analyze_to_shards([str(EXAMPLES)], tmp_path / "dask", engine=engine, shard_size=4)
    assert report.shards == 5 and report.articles == 18
    for path in reference.glob("shard-*.jsonl.gz"):
        assert (tmp_path / "dask" / path.name).read_bytes() == path.read_bytes()


def test_dask_engine_names_an_address_with_no_scheduler(tmp_path):
    pytest.importorskip("distributed")
    from newsline.ingest.cluster import dask_engine

    with pytest.raises(InvalidArgument, match="no Dask scheduler"):
        with dask_engine("127.0.0.1:1"):
            pass
