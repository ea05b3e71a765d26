"""The JSON API, errors, the token and the bind check, over a database built from hand-written articles."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402
from web_corpus import build_db, harbour_article, hostile_article  # noqa: E402

from newsline.cli import app as cli_app  # noqa: E402
from newsline.errors import InvalidArgument, StoreError  # noqa: E402
from newsline.web import check_bind, create_app  # noqa: E402
from newsline.web.common import open_store  # noqa: E402

TOKEN = "s3cret-token-0123456789"


@pytest.fixture(scope="module")
def db(new_location):
    return build_db(new_location("web"))


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def test_articles_lists_all_in_publication_order(client):
    body = client.get("/api/articles").json()
    dates = [a["published"] for a in body["items"]]
    assert len(dates) == 6 and body["has_more"] is False and body["next"] is None
    assert dates == ["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-08", None]


def test_articles_filters(client):
    by_outlet = client.get("/api/articles", params={"outlet": "valley-courier.example"}).json()["items"]
    assert {a["title"] for a in by_outlet} == {"Weather turns cold", "Undated notice"}
    dated = client.get("/api/articles", params={"since": "2024-03-06", "until": "2024-03-07"}).json()["items"]
    assert [a["published"] for a in dated] == ["2024-03-06", "2024-03-07"]


def test_articles_pagination(client):
    first = client.get("/api/articles", params={"per_page": 4}).json()
    assert first["has_more"] and first["next"].endswith("page=2")
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 2 and not second["has_more"]
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])


def test_article_is_the_contract_with_provenance(client):
    article = harbour_article()
    body = client.get(f"/api/articles/{article.id}").json()
    assert body["schema"] == "newsline.article/1"
    assert body["text"] == article.text and body["origin"] == "tests/web_corpus.py:0"
    assert [q["id"] for q in body["quotes"]] == ["q1", "q2", "q3", "q4"]
    assert body["timexes"][0]["value"] == "2024-03-11" and body["exact_copies"] == []
    assert client.get(f"/api/articles/{article.id[:6]}").json()["id"] == article.id  # a unique prefix


def test_search_returns_snippets_with_highlight_offsets(client):
    body = client.get("/api/search", params={"q": "velden"}).json()
    assert len(body["items"]) == 3 and body["query"] == "velden"
    for hit in body["items"]:
        assert hit["highlights"]
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end] == "Velden"
    outlet = client.get("/api/search", params={"q": "velden", "outlet": "northern-ledger.example"}).json()
    assert {h["outlet"] for h in outlet["items"]} == {"northern-ledger.example"}
    paged = client.get("/api/search", params={"q": "velden", "per_page": 2, "page": 2}).json()
    assert len(paged["items"]) == 1 and not paged["has_more"]


@pytest.mark.parametrize("q", [
    "O'Brien", "'; DROP TABLE articles; --", 'Velden" OR 1=1 --', "Velden') UNION SELECT * FROM articles --",
    "NEAR(strike union)", "text:strike", "strike*", "\"unbalanced", "Robert'); DELETE FROM articles;--",
])
def test_search_treats_quotes_and_sql_as_text(client, q):
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert all("highlights" in h for h in response.json()["items"])
    assert len(client.get("/api/articles").json()["items"]) == 6


def test_search_finds_sql_looking_text_as_words(client):
    items = client.get("/api/search", params={"q": '"DROP TABLE articles"'}).json()["items"]
    assert [h["id"] for h in items] == [hostile_article().id]


def test_stats(client):
    body = client.get("/api/stats").json()
    assert (body["articles"], body["outlets"], body["undated"]) == (6, 4, 1)
    assert body["by_day"] == [["2024-03-05", 1], ["2024-03-06", 1], ["2024-03-07", 1], ["2024-03-08", 2]]


def test_openapi_describes_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/search", "/api/stats", "/api/entities",
            "/api/entities/{entity_id}", "/api/timeline", "/api/articles/{article_id}/entities", "/api/stories",
            "/api/stories/{story_id}", "/api/stories/{story_id}/compare/{article_id}", "/api/outlets"} <= set(paths)
    assert {p["name"] for p in paths["/api/timeline"]["get"]["parameters"]} == {
        "actor", "category", "from", "to", "story", "undated", "actorless", "page", "per_page", "format"}
    assert {p["name"] for p in paths["/api/stories"]["get"]["parameters"]} == {
        "from", "to", "outlet", "min_outlets", "page", "per_page", "format"}
    assert "/articles/{article_id}" not in paths  # pages are not API


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/api/articles/ffffffffffffffff", 404, "no article with id"),
    ("/api/articles/not-an-id", 422, "not a valid article id"),
    ("/api/articles?since=2024-13-01", 422, "no such day"),
    ("/api/articles?until=yesterday", 422, "not a date"),
    ("/api/articles?since=2024-03-08&until=2024-03-01", 422, "is after"),
    ("/api/articles?page=9", 404, "past the last page"),
    ("/api/articles?page=0", 422, "page"),
    ("/api/articles?page=two", 422, "page"),
    ("/api/articles?per_page=1000", 422, "per_page"),
    ("/api/search?q=velden&page=5", 404, "past the last page"),
    ("/api/search?q=%21%21%21", 422, "no words"),
    ("/api/search", 422, "q"),
    ("/api/search?q=", 422, "q"),
    ("/api/search?q=" + "a" * 501, 422, "q"),
    ("/api/search?q=velden&since=2024-02-30", 422, "no such day"),
    ("/api/nothing-here", 404, "no such page"),
])
def test_bad_requests_get_a_clear_json_error(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and words in body["error"]


def test_ambiguous_prefix_is_a_400(new_location):
    from newsline.model import Article
    from newsline.store import open_store

    with open_store(location := new_location("ambiguous")) as store:
        store.add_articles([(Article("abcd000000000001", "one"), "x"), (Article("abcd000000000002", "two"), "x")])
    response = TestClient(create_app(location)).get("/api/articles/abcd")
    assert response.status_code == 400 and "several" in response.json()["error"]


def test_security_headers(client):
    headers = client.get("/api/stats").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_database_is_opened_read_only(db, client):
    dependency = open_store(SimpleNamespace(app=client.app))
    store = next(dependency)
    with pytest.raises(Exception, match="read-?only"):
        store.db.execute("DELETE FROM articles")
    dependency.close()


def test_missing_database_is_refused_at_start(tmp_path):
    with pytest.raises(StoreError, match="newsline ingest"):
        create_app(tmp_path / "none.db")


def test_token_is_required_on_every_request(db):
    guarded = TestClient(create_app(db, token=TOKEN))
    assert guarded.get("/api/stats").status_code == 401
    assert "token" in guarded.get("/api/stats").json()["error"]
    page = guarded.get("/")
    assert page.status_code == 401 and "text/html" in page.headers["content-type"]
    assert guarded.get("/static/newsline.css").status_code == 401
    assert guarded.get("/api/stats", headers={"Authorization": "Bearer wrong-token-0123456789"}).status_code == 401
    assert guarded.get("/api/stats", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_token_in_url_becomes_a_cookie(db):
    browser = TestClient(create_app(db, token=TOKEN))
    first = browser.get(f"/search?q=velden&token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/search?q=velden"
    assert "httponly" in first.headers["set-cookie"].lower()
    assert browser.get("/search?q=velden").status_code == 200  # the cookie now carries it
    assert TestClient(create_app(db, token=TOKEN)).get("/?token=wrong").status_code == 401


def test_host_header_is_checked_when_allowed_hosts_are_given(db):
    app = create_app(db, allowed_hosts={"127.0.0.1", "localhost"})
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/stats").status_code == 200
    assert TestClient(app, base_url="http://localhost:8000").get("/").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example:8000").get("/api/stats")
    assert rebound.status_code == 400 and "unexpected Host" in rebound.json()["error"]


@pytest.mark.parametrize(("host", "token", "ok"), [
    ("127.0.0.1", None, True), ("localhost", None, True), ("::1", None, True), ("127.0.0.2", None, True),
    ("0.0.0.0", None, False), ("192.168.1.5", None, False), ("::", None, False), ("example.org", None, False),
    ("0.0.0.0", TOKEN, True), ("127.0.0.1", "short", False),
])
def test_bind_check(host, token, ok):
    if ok:
        check_bind(host, token)
    else:
        with pytest.raises(InvalidArgument, match="token"):
            check_bind(host, token)


def test_serve_refuses_a_public_address_without_token(db, monkeypatch):
    monkeypatch.delenv("NEWSLINE_TOKEN", raising=False)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "refusing to listen" in result.output


def test_read_only_store_works_across_threads(db):
    """FastAPI runs the store dependency and the endpoint in different worker threads."""
    from concurrent.futures import ThreadPoolExecutor

    from newsline.store import open_store

    store = open_store(db, readonly=True)
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(lambda: store.stats().articles).result() == 6
        pool.submit(store.close).result()
