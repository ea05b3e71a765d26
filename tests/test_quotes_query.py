"""`newsline quotes`, newsline.quotes() and /api/quotes: what was said, one entry per statement (team text)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from stories_corpus import strike_story
from typer.testing import CliRunner

import newsline
from newsline.indexing import index
from newsline.cli import app
from newsline.errors import InvalidArgument, NotFound
from newsline.stories import StoryConfig, assign
from newsline.timeline import UnknownEntity
from newsline.web.app import create_app


@pytest.fixture(scope="module")
def db(new_location, analyzer):
    path = new_location("quotes")
    articles = list(analyzer.analyze_many(strike_story().values()))
    with newsline.open_store(path) as store:
        store.add_articles([(a, "test") for a in articles])
        index(store, stories=None)  # the registry and events (newsline.indexing)
        assign(store, articles, StoryConfig())
    return str(path)


def test_a_statement_reported_by_several_outlets_is_listed_once_with_all_its_reports(db):
    with newsline.open_store(db, readonly=True) as store:
        said = newsline.quotes(store, speaker="Mira Tobel")
        everything = newsline.quotes(store, limit=500)
    assert said and all(e.first.speaker == "Mira Tobel" and e.first.speaker_id for e in said)
    first = said[0]
    outlets = {r.outlet for r in first.reports}
    assert {"valdoria-herald.example", "mirror-daily.example", "coastwatch.example"} <= outlets  # copies
    assert "overtime rates" in first.first.text and first.first.published.startswith("2025-03-04")
    keys = [(r.article_id, r.quote_id) for e in everything for r in e.reports]
    assert len(keys) == len(set(keys))  # no report of a statement is listed twice


def test_filters_by_outlet_kind_date_and_story(db):
    with newsline.open_store(db, readonly=True) as store:
        island = newsline.quotes(store, outlet="island-post.example")
        assert island and all(e.first.outlet == "island-post.example" for e in island)
        assert all(e.first.kind == "indirect" for e in newsline.quotes(store, kind="indirect"))
        late = newsline.quotes(store, since="2025-03-06")
        assert late and all(e.first.published >= "2025-03-06" for e in late)
        assert newsline.quotes(store, until="2025-03-03") == []
        story = newsline.quotes(store, story=island[0].first.article_id)
        assert {e.first.article_id for e in story} == {island[0].first.article_id}
        page = newsline.quotes(store, limit=2, offset=1)
        assert [e.first.quote_id for e in page] == [e.first.quote_id for e in newsline.quotes(store, limit=3)[1:]]


def test_an_unnamed_source_is_listed_by_its_description_without_an_entity(db):
    with newsline.open_store(db, readonly=True) as store:
        herald = newsline.quotes(store, outlet="valdoria-herald.example", limit=100)
    exporters = [e.first for e in herald if "spoil" in e.first.text]
    assert exporters and exporters[0].speaker == "Fruit exporters" and exporters[0].speaker_id is None


def test_bad_input_gets_clear_errors(db):
    with newsline.open_store(db, readonly=True) as store:
        with pytest.raises(InvalidArgument, match="not a kind of quote; choose direct, indirect, mixed"):
            newsline.quotes(store, kind="shouted")
        with pytest.raises(ValueError, match="not a date"):
            newsline.quotes(store, since="last week")
        with pytest.raises(UnknownEntity, match="no entity named 'Nobody Atall'"):
            newsline.quotes(store, speaker="Nobody Atall")
        with pytest.raises(NotFound, match="no story"):
            newsline.quotes(store, story="ffffffff")
        with pytest.raises(InvalidArgument, match="limit 0: must be at least 1") as failure:
            newsline.quotes(store, limit=0)
        assert failure.value.param == "limit"


def test_cli_lists_quotes_as_table_json_and_csv(db):
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--speaker", "Mira Tobel", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert entries[0]["speaker"] == "Mira Tobel" and len(entries[0]["reports"]) >= 3
    result = runner.invoke(app, ["quotes", "--outlet", "island-post.example", "--db", db, "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert result.exit_code == 0 and rows and {r["outlet"] for r in rows} == {"island-post.example"}
    result = runner.invoke(app, ["quotes", "--kind", "shouted", "--db", db])
    assert result.exit_code == 2 and "--kind 'shouted'" in result.output
    result = runner.invoke(app, ["quotes", "--since", "2025-13-01", "--db", db])
    assert result.exit_code != 0 and "--since" in result.output


def test_web_api_and_entity_page_list_the_quotes(db):
    client = TestClient(create_app(db))
    body = client.get("/api/quotes", params={"speaker": "Mira Tobel", "per_page": 1}).json()
    assert body["items"][0]["speaker"] == "Mira Tobel" and body["has_more"] in (True, False)
    assert client.get("/api/quotes", params={"kind": "shouted"}).status_code == 422
    assert client.get("/api/quotes", params={"since": "soon"}).status_code in (400, 422)
    assert client.get("/api/quotes", params={"speaker": "Nobody Atall"}).status_code == 404
    entity = body["items"][0]["speaker_id"]
    page = client.get(f"/entities/{entity}")
    assert page.status_code == 200 and "Quotes" in page.text and "overtime rates" in page.text
    assert f'/articles/{body["items"][0]["article_id"]}#quote-{body["items"][0]["quote_id"]}' in page.text
    assert client.get(f"/api/entities/{entity}").json()["statements"][0]["text"] == body["items"][0]["text"]
