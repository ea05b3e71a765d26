"""The PLOVER scorer on a small gold file the team wrote (the real one: ../shared/bench/plover)."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from newsline.bench.events import load_gold, run, score
from newsline.errors import InputFileError

RECORDS = [
    {"id": "doc", "event": "DOCUMENT", "eventText": "documentation record"},
    {"id": "r1", "event": "SANCTION", "text": "Norway imposed sanctions on Germany on Monday.",
     "source": [{"actorText": "Norway"}], "target": [{"actorText": "Germany"}]},
    {"id": "r2", "event": "CONSULT", "text": "France held talks with Germany in Paris.",
     "source": [{"actorText": "France"}], "target": [{"actorText": "Germany"}]},
    {"id": "r3", "event": "PROTEST", "text": "The weather in Paris was mild.", "source": [{"actorText": "crowds"}]},
]


def test_scores_categories_actors_and_spurious_events(analyzer, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    records = load_gold(path)
    assert [r.id for r in records] == ["r1", "r2", "r3"]
    scores = score(run(analyzer.nlp, records))
    assert scores.sentences == 3 and scores.accuracy == pytest.approx(2 / 3)
    assert scores.spurious_per_sentence == 0 and scores.actor_match == 1.0
    assert scores.per_category["PROTEST"][1] == 0.0  # nothing found for the sentence with no event
    assert scores.errors[0]["id"] == "r3" and scores.errors[0]["predicted"] == "NONE"


def test_bad_gold_files_say_what_is_wrong(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "x1", "event": "HUG", "text": "A hug."}]), encoding="utf-8")
    with pytest.raises(ValueError, match="x1 needs a 'text' and an 'event'"):
        load_gold(bad)


@pytest.mark.data
def test_plover_gold_standard_targets(analyzer):
    """The issue's targets on the 322 coded sentences (skipped without ../shared)."""
    records = load_gold(shared_path("bench", "plover", "PLOVER_GSR_CAMEO.json"))
    scores = score(run(analyzer.nlp, records))
    assert len(records) == 322
    assert scores.accuracy >= 0.75 and scores.spurious_per_sentence <= 0.3
