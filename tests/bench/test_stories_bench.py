"""The ECB+ story-clustering scorer, and the seed article's story with a derived copy."""

from __future__ import annotations

import json

import pytest
from conftest import SEED, shared_path

from newsline.analysis.pipeline import new_article
from newsline.bench.stories import parse_topics, read_ecbplus, run, score
from newsline.ingest import ReadOptions, read_inputs
from newsline.stories import assign
from newsline.stories.query import story


def test_bcubed_and_pairwise_scores_by_hand():
    gold = ["a", "a", "a", "b", "b"]
    predicted = ["x", "x", "y", "y", "y"]
    s = score(gold, predicted)
    # B-cubed precision: docs 1,2: 2/2; doc 3: 1/3; docs 4,5: 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5
    assert s.bcubed_precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # B-cubed recall: docs 1,2: 2/3; doc 3: 1/3; docs 4,5: 2/2
    assert s.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    # pairs: predicted {12, 34, 35, 45}, gold {12, 13, 23, 45}: 2 shared
    assert (s.pairwise_precision, s.pairwise_recall) == (0.5, 0.5)
    assert score(gold, gold).bcubed_f1 == 1.0


def test_topics_and_bad_records_are_reported_clearly(tmp_path):
    assert parse_topics("1-3,7") == {1, 2, 3, 7}
    with pytest.raises(ValueError, match="ranges like"):
        parse_topics("one")
    good = json.dumps({"doc_id": "1_1ecb", "topic": 1, "cluster": "1_ecb", "sentences": ["One.", "Two."]})
    path = tmp_path / "ecb.jsonl"
    path.write_text(good + "\n" + json.dumps({"doc_id": "x", "topic": 2}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ecb.jsonl:2: not an ECB\+ record"):
        read_ecbplus(path)
    path.write_text(good + "\n", encoding="utf-8")
    [doc] = read_ecbplus(path, {1})
    assert [doc.article.text[s.start:s.end] for s in doc.article.sentences] == ["One.", "Two."]
    with pytest.raises(ValueError, match="no documents in topics"):
        read_ecbplus(path, {5})


@pytest.mark.data
@pytest.mark.slow
def test_ecbplus_clustering_meets_the_target():
    scores = run(shared_path("bench", "ecbplus", "ecbplus_topics_1-35.jsonl"))
    assert scores.bcubed_f1 >= 0.85


@pytest.mark.data
def test_seed_article_and_a_credited_copy_form_one_story(store):
    [record] = read_inputs([str(shared_path(*SEED.relative_to(SEED.parents[1]).parts))], ReadOptions())
    text = record.text
    seed = new_article(text, url="https://ria.ru/seed", outlet="ria.ru", published=record.published)
    copy = new_article(f"World desk\n\n{text}\n\nThis report was first published by RIA Novosti.",
                       url="https://relay.example/copy", outlet="relay.example", published="2023-02-13")
    bare = new_article(f"{text}\n\nShare this story.", url="https://echo.example/a", outlet="echo.example",
                       published="2023-02-14")
    store.add_articles([(a, "test") for a in (seed, copy, bare)])
    assign(store, [seed, copy, bare])
    view = story(store, seed.id)
    relations = {a.id: a for a in view.articles}
    assert [a.id for a in view.first_publishers] == [seed.id, copy.id], "same day, dates without time"
    assert relations[copy.id].relation == "copy" and relations[copy.id].credited is True
    assert relations[bare.id].relation == "copy" and relations[bare.id].uncredited


def test_bench_stories_command_scores_a_small_gold_file(tmp_path):
    from stories_corpus import OTHER_STRIKE, STRIKE, STRIKE_REWRITE
    from typer.testing import CliRunner

    from newsline.cli import app

    docs = [("1_1", "1_a", STRIKE), ("1_2", "1_a", STRIKE_REWRITE), ("1_3", "1_b", OTHER_STRIKE)]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps({"doc_id": d, "topic": 1, "cluster": c, "sentences": t.split("\n\n")}) + "\n"
                            for d, c, t in docs), encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "stories", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert (scores["documents"], scores["predicted_clusters"], scores["bcubed_f1"]) == (3, 2, 1.0)
    missing = CliRunner().invoke(app, ["bench", "stories", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "no such file" in " ".join(missing.output.split())
