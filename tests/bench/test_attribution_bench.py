"""The PolNeAR reader, the span scorer and the claims/bench commands, on a tiny team-written corpus."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsline.bench.attribution import score_attribution
from newsline.bench.polnear import read_polnear
from newsline.cli import app
from newsline.errors import InputFileError

TEXT = "Mayor Tomas Berg said that the bridge would reopen in May.\n\nThe river rose again on Sunday.\n"
ANN = (
    "T1\tSource 0 16\tMayor Tomas Berg\n"
    "T2\tCue 17 21\tsaid\n"
    "T3\tContent 22 57\tthat the bridge would reopen in May\n"
    "T4\tAttribution 17 21\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
)


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "lakeside_bridge.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "lakeside_bridge_b2.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "lakeside_bridge_a1.ann").write_text(ANN.replace("Source 0 16", "Source 6 16"),
                                                                      encoding="utf-8")
    return tmp_path


def test_reader_takes_the_first_annotator(corpus):
    (article,) = read_polnear(corpus)
    assert article.spans("source") == [(6, 16)]  # annotator a1 sorts first when there is no metadata.tsv
    assert [TEXT[a:b] for a, b in article.spans("content")] == ["that the bridge would reopen in May"]


def test_reader_rejects_a_folder_that_is_not_polnear(tmp_path):
    with pytest.raises(InputFileError, match="text/ and attributions/"):
        read_polnear(tmp_path)


def test_scores_exact_and_overlap(corpus, analyzer):
    scores = score_attribution(corpus, analyzer=analyzer)
    assert scores.exact["cue"].f1 == 1.0
    assert scores.exact["source"].recall == 0.0 and scores.overlap["source"].recall == 1.0
    assert any(e.role == "source" and e.kind == "missed" and e.text == "Tomas Berg" for e in scores.errors)


def test_bench_and_claims_commands(corpus, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["bench", "attribution", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    rows = {(r["role"], r["match"]): r for r in json.loads(result.output)["scores"]}
    assert rows[("cue", "exact")]["F1"] == "100.0%"
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["claims", str(article), "--json"])
    assert result.exit_code == 0, result.output
    assert [c["text"] for c in json.loads(result.output)] == ["The river rose again on Sunday."]
    missing = runner.invoke(app, ["bench", "attribution", str(tmp_path / "nowhere")])
    assert missing.exit_code != 0 and "text/ and attributions/" in missing.output


def test_claims_from_a_database(tmp_path):
    from newsline.analysis import Analyzer
    from newsline.ingest import ingest
    from newsline.store import SQLiteStore

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "claims.db"
    with SQLiteStore(db) as store:
        ingest([str(tmp_path / "a.txt")], store, analyzer=Analyzer())
    result = CliRunner().invoke(app, ["claims", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert [c["text"] for c in json.loads(result.output)] == ["The river rose again on Sunday."]
