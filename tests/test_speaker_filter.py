"""Articles and search filtered by speaker (a corpus entity quoted in the article): API, CLI and web."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsline
from newsline.cli import app
from newsline.timeline import UnknownEntity
from newsline.web.app import create_app


@pytest.fixture(scope="module")
def db(new_location, analyzer):
    path = new_location("speakers")
    with newsline.open_store(path) as store:
        assert newsline.ingest([str(EXAMPLES)], store, analyzer=analyzer).ok
    return path


def quoted_speakers(store, article_id: str) -> set[str]:
    article = newsline.show(store, article_id).article
    names = {e.id: e.name for e in article.entities}
    return {names[q.speaker] for q in article.quotes if q.speaker}


def test_search_and_listing_keep_only_articles_quoting_the_speaker(db):
    with newsline.open_store(str(db), readonly=True) as store:
        everything = newsline.search(store, "strike", limit=50)
        quoting = newsline.search(store, "strike", speaker="Jovan Petrović", limit=50)
        assert 0 < len(quoting) < len(everything)
        for hit in quoting:
            assert any("Petrovi" in name for name in quoted_speakers(store, hit.article.id)), hit.article.id
        listed = newsline.articles(store, speaker="Ilona Marsh")
        assert listed and all(any("Marsh" in n for n in quoted_speakers(store, a.id)) for a in listed)
        with pytest.raises(UnknownEntity, match="no entity named 'Nobody Atall'"):
            newsline.search(store, "strike", speaker="Nobody Atall")


def test_cli_speaker_option(db):
    runner = CliRunner()
    result = runner.invoke(app, ["search", "strike", "--speaker", "Jovan Petrović", "--db", str(db), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)
    result = runner.invoke(app, ["articles", "--speaker", "Nobody Atall", "--db", str(db)])
    assert result.exit_code == 1 and "no entity named" in result.output


def test_web_search_by_speaker(db):
    client = TestClient(create_app(str(db)))
    api = client.get("/api/search", params={"q": "strike", "speaker": "Jovan Petrović"})
    assert api.status_code == 200 and api.json()["items"]
    page = client.get("/search", params={"q": "strike", "speaker": "Jovan Petrović"})
    assert page.status_code == 200 and 'name="speaker" value="Jovan Petrović"' in page.text
    assert client.get("/api/articles", params={"speaker": "Nobody Atall"}).status_code == 404
    assert client.get("/search", params={"q": "strike", "speaker": "Nobody Atall"}).status_code == 404
