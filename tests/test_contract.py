"""The article JSON contract: output validates against docs/article.schema.json and round-trips."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import ARTICLE_A, REPO, SEED, shared_path

import newsline
from newsline.ingest import ReadOptions, read_inputs
from newsline.model import SCHEMA, Article

SCHEMA_FILE = REPO / "docs" / "article.schema.json"


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))


def check_spans(data: dict) -> None:
    """Every span's text is the article text at its offsets."""
    text = data["text"]

    def visit(node):
        if isinstance(node, dict):
            if {"start", "end", "text"} <= node.keys() and node is not data:
                assert text[node["start"]:node["end"]] == node["text"], node
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(data)
    for sentence in data["sentences"]:
        assert 0 <= sentence["start"] < sentence["end"] <= len(text)
    previous_end = 0
    for zone in data["zones"]:  # sorted, non-overlapping, inside the text
        assert previous_end <= zone["start"] < zone["end"] <= len(text), zone
        previous_end = zone["end"]


def test_analyze_output_is_valid_and_round_trips(validator):
    article = newsline.analyze(ARTICLE_A, published="2024-03-05", url="https://velmar-news.example.com/docks")
    data = article.to_dict()
    validator.validate(data)
    check_spans(data)
    assert data["schema"] == SCHEMA and data["outlet"] == "velmar-news.example.com"
    assert Article.from_dict(json.loads(json.dumps(data))) == article


def test_zones_are_part_of_the_contract(validator):
    text = "Port Velmar closes its eastern docks\n\nTARNOW, March 4 (Velmora Wire) - " + ARTICLE_A
    data = newsline.analyze(text, published="2024-03-05").to_dict()
    validator.validate(data)
    check_spans(data)
    assert [zone["kind"] for zone in data["zones"]] == ["headline", "dateline"]
    assert Article.from_dict(json.loads(json.dumps(data))).to_dict() == data


@pytest.mark.data
def test_seed_article_is_valid(validator):
    [record] = read_inputs([str(shared_path("seed", SEED.name))], ReadOptions())
    data = newsline.analyze(record.text, published=record.published).to_dict()
    validator.validate(data)
    check_spans(data)
    assert data["published"] == "2023-02-13"


def test_unknown_schema_is_refused():
    with pytest.raises(ValueError, match="unsupported article schema"):
        Article.from_dict({"schema": "newsline.article/99", "id": "0" * 16, "text": "x"})


def test_credits_are_in_the_contract(validator):
    text = ("MOSCOW, May 18 (Interfax) - Port talks in Velmora resumed, Mayor Ilse Varn told RIA Novosti.\n\n"
            "Dockers at the gate on Monday. © REUTERS\n\n[Source: Tass, Moscow, 18May23]")
    article = newsline.analyze(text, published="2023-05-18", url="https://velmora-news.example.com/talks")
    data = article.to_dict()
    validator.validate(data)
    check_spans(data)
    credits = {(c["name"], c["where"], c["scope"], c["origin"]) for c in data["credits"]}  # the zones take the
    # "[Source: ...]" line for an agency's dateline
    assert {("Interfax", "dateline", "text", "interfax"), ("RIA Novosti", "inline", "quote", "ria-novosti"),
            ("REUTERS", "photo", "photo", "reuters"), ("Tass", "dateline", "text", "tass")} <= credits
    assert Article.from_dict(json.loads(json.dumps(data))) == article
    older = {k: v for k, v in data.items() if k != "credits"}  # stored before the credits stage existed
    assert Article.from_dict(older).credits == []


def test_zone_status_and_group_fields_are_part_of_the_contract(validator):
    text = ("Velmora and Ostravia agreed on Tuesday to open the Tarnow crossing at 0915 GMT on Friday. Velmora will "
            "reopen its embassy in June.")
    data = newsline.analyze(text, published="2024-03-06").to_dict()
    validator.validate(data)
    check_spans(data)
    [group] = [e for e in data["entities"] if e["type"] == "GROUP"]
    assert len(group["members"]) == 2 and all(e["members"] == [] for e in data["entities"] if e is not group)
    [clock] = [t for t in data["timexes"] if t["tz"]]
    assert (clock["value"], clock["tz"]) == ("2024-03-08T09:15", "GMT")
    assert {e["status"] for e in data["events"]} >= {"occurred", "planned"}
    assert Article.from_dict(json.loads(json.dumps(data))).to_dict() == data
