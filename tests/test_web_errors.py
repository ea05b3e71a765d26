"""Issue 11, the web's share of items 12, 17 and 18: no 500 for huge ids, errors in the web's own words (its
parameter names, links instead of CLI commands), a bug is a 500 and never "bad request", HEAD on every GET
route, and `type` checked as documented."""

from __future__ import annotations

import logging
import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from starlette.routing import Route  # noqa: E402
from web_corpus import build_db, harbour_article, strike_articles  # noqa: E402
from web_html import Page  # noqa: E402

from newsline import query  # noqa: E402
from newsline.web import api, create_app, pages  # noqa: E402

HUGE = str(2**64)  # beyond SQLite's INTEGER
CLI_WORDS = re.compile(r"`newsline |--[a-z]")


@pytest.fixture(scope="module")
def db(new_location):
    return build_db(new_location("errors"), officials=True, stories=True)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), raise_server_exceptions=False)


def page_text(response) -> str:
    return " ".join(Page(response.text).text)


# -- item 12: ids over 2^63 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    f"/api/entities/{HUGE}", f"/entities/{HUGE}", f"/api/timeline?actor={HUGE}", f"/timeline?actor={HUGE}",
    f"/api/articles?speaker={HUGE}", f"/search?speaker={HUGE}", f"/api/search?q=velden&speaker={HUGE}",
    f"/api/entities/{2**63}", f"/entities/%20{HUGE}%20", "/api/entities/" + "9" * 100,
])
def test_item12_entity_ids_over_2_63_are_not_found_never_500(client, url):
    response = client.get(url)
    assert response.status_code in (404, 422), response.text
    assert "no entity with id" in (response.json()["error"] if "/api/" in url else page_text(response))


def test_item12_largest_sqlite_id_is_still_looked_up(client):
    response = client.get(f"/api/entities/{2**63 - 1}")
    assert response.status_code == 404 and "no entity with id" in response.json()["error"]


# -- item 17: the web's own words ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "name"), [
    ("/api/timeline?from=2024-13-01", "from '2024-13-01'"),
    ("/api/timeline?to=soon", "to 'soon'"),
    ("/api/stories?from=2024-02-30", "from '2024-02-30'"),
    ("/api/stories?to=March", "to 'March'"),
    ("/api/articles?since=2024-13-01", "since '2024-13-01'"),
    ("/api/search?q=velden&until=tomorrow", "until 'tomorrow'"),
    ("/api/search?q=%21%21%21", "q '!!!'"),
    ("/api/timeline?category=HUG", "category 'HUG'"),
    ("/api/entities?type=FOO", "type 'FOO'"),
])
def test_item17_api_errors_name_the_web_parameter_not_a_cli_flag(client, url, name):
    response = client.get(url)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error.startswith(name) and not CLI_WORDS.search(error), error


def test_item17_page_errors_name_the_form_field(client):
    response = client.get("/timeline?from=2024-13-01")
    assert response.status_code == 422 and "from '2024-13-01'" in page_text(response)
    assert "--" not in page_text(response)


@pytest.mark.parametrize(("url", "link"), [
    ("/articles/ffffffffffffffff", "http://testserver/search"),
    ("/entities/Nobody%20Atall", "http://testserver/entities"),
    ("/timeline?actor=Nobody%20Atall", "http://testserver/entities"),
    ("/stories/ffffffffffffffff", "http://testserver/stories"),
    ("/timeline?story=ffff", "http://testserver/stories"),
    ("/search?q=velden&page=9", "http://testserver/search?q=velden"),
])
def test_item17_not_found_pages_link_to_the_list_instead_of_naming_cli_commands(client, url, link):
    response = client.get(url)
    assert response.status_code == 404
    page = Page(response.text)
    assert not CLI_WORDS.search(" ".join(page.text)), page.text
    assert page.all("a", href=link)


@pytest.mark.parametrize("url", ["/api/articles/ffffffffffffffff", "/api/stories/ffffffffffffffff",
                                 "/api/entities/Nobody%20Atall", "/api/timeline?story=ffff"])
def test_item17_json_not_found_names_no_cli_command(client, url):
    response = client.get(url)
    assert response.status_code == 404 and not CLI_WORDS.search(response.json()["error"])


@pytest.mark.parametrize("error", [ValueError("bug-like-bad-input"), KeyError("bug-key"), TypeError("bug-type")])
def test_item17_a_bug_is_a_500_with_a_plain_message_and_a_logged_traceback(db, monkeypatch, caplog, error):
    def broken(store):
        raise error

    monkeypatch.setattr(query, "stats", broken)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/stats")
        page = client.get("/")
    assert response.status_code == 500 and response.json()["status"] == 500
    assert "bug" in response.json()["error"] and "Traceback" not in response.text and str(error) not in response.text
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert "Traceback" not in page.text and "content-security-policy" in page.headers
    assert any(r.exc_info and r.exc_info[1] is error for r in caplog.records)  # the server logs the traceback


# -- item 18: docs and behaviour agree ------------------------------------------------------------------------------

def test_item18_unknown_entity_type_is_a_422(client):
    response = client.get("/api/entities", params={"type": "FOO"})
    assert response.status_code == 422 and "PERSON" in response.json()["error"]
    assert client.get("/entities", params={"type": "FOO"}).status_code == 422
    assert client.get("/api/entities", params={"type": "person"}).status_code == 200  # any case


def sample_urls() -> list[str]:
    """Every GET route of the pages and the API, with its path parameters filled in with stored ids."""
    article, story = harbour_article().id, strike_articles()[0].id
    values = {"article_id": article, "entity_id": "Mira Kessel", "story_id": story, "path": "newsline.css"}
    urls = []
    for route in [*api.router.routes, *pages.router.routes, Route("/openapi.json", lambda r: None)]:
        if isinstance(route, Route) and "GET" in route.methods:
            path = route.path
            if path.endswith("/compare/{article_id}"):
                path = path.replace("{article_id}", strike_articles()[1].id)
            url = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)
            urls.append(url + "?q=velden" if url == "/api/search" else url)
    urls.append("/static/newsline.css")
    return urls


def test_item18_head_is_answered_on_every_get_route(client):
    urls = sample_urls()
    assert {"/", "/api/stats", "/openapi.json", "/stories", "/api/outlets"} <= set(urls)
    for url in urls:
        got, head = client.get(url), client.head(url)
        assert got.status_code == 200, url
        assert head.status_code == 200 and head.content == b"", url
        assert head.headers["content-type"] == got.headers["content-type"], url
