"""``newsline bench news``: the real-news scorer on an invented set in its format, its name judge, bad files,
and (when ../shared is present) the real development set."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path
from typer.testing import CliRunner

from newsline.bench.news import names_speaker, read_realnews, relation_class, score_news
from newsline.cli import app
from newsline.errors import InputFileError
from newsline.model import Entity, Mention

FIRST = ("Velmora, March 3 -- The port authority of Velmora said on Monday that the night shifts would end. "
         "\"We cannot pay for them,\" said Jovan Petrović, the harbour master.\n")
SECOND = ("Brenholt, March 4 -- Velmora's port authority said on Monday that the night shifts would end, "
          "according to the Harbour Gazette. \"We cannot pay for them,\" said Jovan Petrović, the harbour master.\n")


def _span(text: str, part: str) -> dict:
    return {"start": text.index(part)}


def _write_set(root, *, second_quote_speaker="Jovan Petrović"):
    articles = root / "articles"
    articles.mkdir(parents=True)
    one = {"id": "a1", "url": "https://harbourgazette.example.com/1", "outlet": "harbourgazette.example.com",
           "published": "2025-03-03", "truncated": False, "story": "s1", "text": FIRST,
           "quotes": [{"speaker": "Jovan Petrović", "kind": "direct", "cue": "said",
                       "content": "We cannot pay for them", **_span(FIRST, "We cannot")}],
           "timexes": [{"text": "Monday", "value": "2025-03-03", **_span(FIRST, "Monday")}],
           "events": [{"actor": "Velmora port authority", "predicate": "said", "date": "2025-03-03",
                       "evidence": "The port authority of Velmora said on Monday", **_span(FIRST, "The port")}]}
    two = {"id": "a2", "url": "https://brenholt.example.net/2", "outlet": "brenholt.example.net",
           "published": "2025-03-04", "truncated": False, "story": "s1", "text": SECOND,
           "quotes": [{"speaker": second_quote_speaker, "kind": "direct", "cue": "said",
                       "content": "We cannot pay for them", **_span(SECOND, "We cannot")}],
           "timexes": [{"text": "Monday", "value": "2025-03-03", **_span(SECOND, "Monday")}], "events": []}
    for doc in (one, two):
        (articles / f"{doc['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
    stories = [{"story": "s1", "origin_outside_set": None, "articles": [
        {"id": "a1", "relation": "earliest", "source_id": None, "credits_source": False},
        {"id": "a2", "relation": "rewrite", "source_id": "a1", "credits_source": True,
         "credit_text": "according to the Harbour Gazette"}]}]
    (root / "stories.json").write_text(json.dumps(stories), encoding="utf-8")
    return root


def _entity(name: str, type_: str = "PERSON", *names: str) -> Entity:
    return Entity("e1", name, type_, [Mention(0, len(n), n, "name") for n in (name, *names)])


@pytest.mark.parametrize(("system", "type_", "gold", "right"), [
    ("Jovan Petrović", "PERSON", "Jovan Petrovic", True),
    ("Petrovich", "PERSON", "Jovan Petrović", True),  # surname alone, transliterated
    ("Ivan Petrović", "PERSON", "Jovan Petrović", False),
    ("Harbour Master Jovan Petrović", "PERSON", "Jovan Petrović", True),
    ("Amirabdollahian", "PERSON", "Hossam Amir-Abdollahian", True),
    ("Wang", "PERSON", "Wang Lin", True),  # family name first
    ("Lin", "PERSON", "Wang Lin", True),
    ("Ruritania's Foreign Ministry", "ORG", "Ruritanian Foreign Ministry", True),
    ("Russia's Foreign Ministry", "ORG", "Russian Foreign Ministry", True),
    ("Ministry of Foreign Affairs", "ORG", "Foreign Ministry", True),
    ("ministry", "ORG", "Russian Foreign Ministry", False),  # the head noun alone is not a name
    ("Velmora", "GPE", "Velmora port authority", False),
    ("Velmora Port Authority", "ORG", "Velmora port authority", True),
    ("Port Authority", "ORG", "Velmora port authority", True),
])
def test_a_system_name_names_the_gold_speaker(system, type_, gold, right):
    assert names_speaker(_entity(system, type_), gold) is right


def test_unnamed_and_joint_speakers():
    official = Entity("e2", "unnamed senior official", "UNNAMED", [Mention(0, 23, "a senior defence official", "role")])
    assert names_speaker(official, "unnamed senior defence official")
    assert not names_speaker(_entity("Jovan Petrović"), "unnamed senior defence official")
    assert names_speaker(_entity("Ruritania and Borduria", "GPE"), "Ruritania and Borduria")
    assert names_speaker(_entity("Borduria, Ruritania", "GPE"), "Ruritania and Borduria")
    assert not names_speaker(_entity("Ruritania", "GPE"), "Ruritania and Borduria")
    assert not names_speaker(None, "Ruritania")


def test_relation_classes_count_copies_of_an_outside_origin_as_siblings():
    assert relation_class("earliest", False) == relation_class("first", False) == "earliest"
    assert relation_class("copy", True) == "copy"
    assert relation_class("copy", False) == relation_class("independent", False) == "sibling-or-independent"
    assert relation_class("sibling", False) == "sibling-or-independent"


def test_invented_set_is_scored_end_to_end(tmp_path, analyzer):
    scores = score_news(_write_set(tmp_path), analyzer=analyzer)
    assert scores.articles == 2
    assert (scores.quote_recall.total, scores.quote_recall.correct) == (2, 2)
    assert scores.speaker.correct == 2 and scores.speaker_direct.total == 2
    assert scores.timex.total == 2 and scores.timex.correct == 2
    assert scores.events.total == 1
    assert scores.grouping is not None and scores.grouping.pairwise_f1 == 1.0
    assert scores.relation.total == 2
    names = [row["figure"] for row in scores.figures()]
    assert names[:5] == ["timex value accuracy", "quote recall", "speaker accuracy",
                         "speaker accuracy, direct quotes", "event date accuracy"]


def test_credits_are_scored_per_article_and_per_credit_line(tmp_path, analyzer):
    scores = score_news(_write_set(tmp_path), analyzer=analyzer, parts=["stories"])
    assert scores.credit_detection == {"tp": 1, "tn": 1}
    assert (scores.credit_lines.correct, scores.credit_lines.total) == (1, 1)
    rows = {row["figure"]: row for row in scores.figures()}
    assert rows["articles crediting a source: recall"]["value"] == 1.0
    assert rows["credited articles reported as uncredited"]["value"] == 0


def test_a_photo_credit_or_the_outlets_own_name_is_no_credit(tmp_path, analyzer):
    root = _write_set(tmp_path)
    doc = json.loads((root / "articles" / "a2.json").read_text())
    doc["text"] = doc["text"].replace(", according to the Harbour Gazette", "") + (
        "\nDockers at the gate. © HARBOUR GAZETTE\nBRENHOLT (Brenholt News) - More soon.\n")
    for item in (*doc["quotes"], *doc["timexes"]):
        item["start"] = doc["text"].index("We cannot" if "speaker" in item else "Monday")
    (root / "articles" / "a2.json").write_text(json.dumps(doc))
    stories = json.loads((root / "stories.json").read_text())
    stories[0]["articles"][1].update(credits_source=False, credit_text=None)
    (root / "stories.json").write_text(json.dumps(stories))
    scores = score_news(root, analyzer=analyzer, parts=["stories"])
    assert scores.credit_detection == {"tn": 2}
    assert scores.credit_lines.total == 0


def test_a_wrong_speaker_is_listed_as_a_miss(tmp_path, analyzer):
    scores = score_news(_write_set(tmp_path, second_quote_speaker="Mira Halloran"), analyzer=analyzer,
                        parts=["quotes"])
    assert scores.speaker.correct == 1 and scores.speaker.outcomes["wrong speaker"] == 1
    [miss] = scores.misses
    assert (miss.article, miss.kind, miss.expected) == ("a2", "wrong speaker", "Mira Halloran (direct)")
    assert "Petrovi" in miss.got
    assert scores.grouping is None  # stories not requested


def test_bad_sets_are_reported_with_the_file(tmp_path):
    with pytest.raises(InputFileError, match="no articles"):
        read_realnews(tmp_path)
    root = _write_set(tmp_path / "set")
    doc = json.loads((root / "articles" / "a1.json").read_text())
    doc["quotes"][0]["start"] = 3
    (root / "articles" / "a1.json").write_text(json.dumps(doc))
    with pytest.raises(ValueError, match=r"a1.json: not a realnews article .*not in the text at 3"):
        read_realnews(root)
    result = CliRunner().invoke(app, ["bench", "news", str(root)])
    assert result.exit_code != 0 and "a1.json" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["bench", "news", str(tmp_path / "set"), "--part", "speakers"])
    assert result.exit_code == 2 and "unknown part" in result.output


def test_cli_prints_the_figures_as_json(tmp_path):
    result = CliRunner().invoke(app, ["bench", "news", str(_write_set(tmp_path)), "--json", "--part", "timex"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 2
    assert [f["figure"] for f in data["figures"]] == ["timex value accuracy"]


@pytest.mark.data
@pytest.mark.slow
def test_real_news_development_set():
    scores = score_news(shared_path("bench", "realnews"))
    assert scores.articles == 30 and scores.quote_recall.total == 226 and scores.timex.total == 227
    assert scores.events.total == 108 and scores.grouping is not None
    # floors below today's figures: a drop under them is a regression to look at
    assert scores.quote_recall.accuracy >= 0.85
    assert scores.timex.accuracy >= 0.75
    assert scores.grouping.pairwise_f1 >= 0.9
