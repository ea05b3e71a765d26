"""Entity pages and ``/api/entities``: registry entities across articles, article mentions linking to them."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from web_corpus import build_db, harbour_article, hostile_article, officials_articles  # noqa: E402
from web_html import Page, assert_inert  # noqa: E402

from newsline.indexing import index
from newsline.model import Article, Entity, Mention  # noqa: E402
from newsline.store import open_store  # noqa: E402
from newsline.web import create_app  # noqa: E402

HOSTILE_NAME = '<b onmouseover="alert(4)">Evil</b>'


@pytest.fixture(scope="module")
def db(new_location):
    return build_db(new_location("web"), officials=True)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def entity_id(client: TestClient, name: str) -> int:
    [found] = [e for e in client.get("/api/entities", params={"per_page": 100}).json()["items"] if e["name"] == name]
    return found["id"]


def text_of(page: Page) -> str:
    return "".join(page.text)


# -- JSON ----------------------------------------------------------------------------------------------------------

def test_entities_most_active_first_with_filters_and_pages(client):
    body = client.get("/api/entities").json()
    names = [e["name"] for e in body["items"]]
    assert names[:2] == ["Lena Varga", "Piet Halden"] and len(names) == 8 and not body["has_more"]
    assert body["items"][0] | {"id": 0} == {"id": 0, "key": "lena varga", "name": "Lena Varga", "type": "PERSON",
                                            "articles": 4, "events": 6}
    places = client.get("/api/entities", params={"type": "gpe"}).json()["items"]
    assert {e["name"] for e in places} == {"Ostravia", "Belmark", "Port Velden"}
    assert [e["name"] for e in client.get("/api/entities", params={"search": "VÁRGA"}).json()["items"]] == [
        "Lena Varga"]  # any alias, case and diacritics ignored
    first = client.get("/api/entities", params={"per_page": 3}).json()
    assert first["has_more"] and first["next"].endswith("page=2")
    rest = client.get(first["next"]).json()["items"] + client.get("/api/entities",
                                                                  params={"per_page": 3, "page": 3}).json()["items"]
    assert [e["name"] for e in first["items"] + rest] == names


def test_entity_detail(client):
    varga = entity_id(client, "Lena Varga")
    body = client.get(f"/api/entities/{varga}").json()
    assert body["entity"]["name"] == "Lena Varga" and set(body["aliases"]) == {"Lena Varga", "Varga"}
    assert body["roles_over_time"] == [{"role": "foreign minister", "first": "2024-02-05", "last": "2024-03-04",
                                        "articles": [a.id for a in officials_articles()]}]
    assert body["quotes"] == 3 and body["quoted_by"] == [["daily-planet.example", 2], ["northern-ledger.example", 1]]
    assert body["quotes_per_week"] == [["2024-01-29", 1], ["2024-02-05", 0], ["2024-02-12", 0], ["2024-02-19", 1],
                                       ["2024-02-26", 0], ["2024-03-04", 1]]
    assert [(e["day"], e["category"], e["reported_on"]) for e in body["timeline"]] == [
        ("2024-02-02", "STATEMENT", False), ("2024-02-02", "DISAPPROVE", False), ("2024-02-19", "CONSULT", False),
        ("2024-02-20", "STATEMENT", True), ("2024-03-04", "THREATEN", True)]
    accusation = body["timeline"][1]
    assert accusation["target"] == "Ostravia" and [r["outlet"] for r in accusation["reports"]] == [
        "daily-planet.example", "morning-ledger.example"]
    assert body["timeline"][4]["hypothetical"] and body["more_events"] is False


def test_entity_by_name_or_alias(client):
    varga = entity_id(client, "Lena Varga")
    for name in ("Lena Varga", "varga", "Lena Várga"):
        assert client.get(f"/api/entities/{name}").json()["entity"]["id"] == varga


def test_article_entities_map_to_corpus_entities(client):
    article = officials_articles()[3]
    items = client.get(f"/api/articles/{article.id}/entities").json()["items"]
    assert [(e["local"], e["name"]) for e in items] == [("e1", "Lena Varga"), ("e2", "Ostravia"),
                                                       ("e3", "Piet Halden"), ("e4", "Belmark")]
    assert items[0]["id"] == entity_id(client, "Lena Varga")
    assert client.get(f"/api/articles/{article.id[:8]}/entities").json() == {"items": items}  # a unique prefix
    assert client.get(f"/api/articles/{harbour_article().id}/entities").json()["items"][0]["name"] == "Mira Kessel"


# -- pages ---------------------------------------------------------------------------------------------------------

def test_entity_page(client):
    varga = entity_id(client, "Lena Varga")
    response = client.get(f"/entities/{varga}")
    page = Page(response.text)
    assert response.status_code == 200 and page.stack == []
    text = text_of(page)
    assert page.all("h1") and "Lena Varga" in text and "foreign minister" in text and "2024-02-05" in text
    assert len(page.all("rect", **{"class": "bar"})) == 6 + 2  # six weeks of quotes, two outlets quoting
    assert "2024-01-29: 1" in text and "2024-02-05: 0" in text and "daily-planet.example: 2" in text
    entries = [a for a in page.all("li") if "entry" in (a.get("class") or "")]
    assert len(entries) == 5 and text.count("reported on") >= 2
    links = {a["href"] for a in page.all("a")}
    assert {f"http://testserver/articles/{a.id}" for a in officials_articles()} <= links
    assert f"http://testserver/entities/{entity_id(client, 'Ostravia')}" in links  # targets link to their pages
    assert f"http://testserver/timeline?actor={varga}" in links
    assert_inert(page)


def test_entities_page_lists_and_filters(client):
    page = Page(client.get("/entities").text)
    names = [a for a in page.all("a") if (a.get("href") or "").startswith("http://testserver/entities/")]
    assert len(names) == 8 and page.stack == []
    found = Page(client.get("/entities", params={"search": "halden", "type": ""}).text)
    assert [a["href"] for a in found.all("a") if "/entities/" in (a.get("href") or "")] == [
        f"http://testserver/entities/{entity_id(client, 'Piet Halden')}"]
    assert "No entity matches." in text_of(Page(client.get("/entities", params={"search": "nobody"}).text))


def test_article_mentions_link_to_corpus_entities(client):
    article = officials_articles()[3]
    page = Page(client.get(f"/articles/{article.id}").text)
    mention_links = {a["href"] for a in page.all("a") if "ent" in (a.get("class") or "").split()}
    corpus = {f"http://testserver/entities/{entity_id(client, n)}" for n in
              ("Lena Varga", "Ostravia", "Piet Halden", "Belmark")}
    assert mention_links == corpus  # not the article's own ids (e1, e2, ...)
    assert not any(h.endswith(("/entities/e1", "/entities/e2")) for h in (a.get("href") for a in page.all("a")) if h)


def test_article_panel_lists_the_articles_events_in_timeline_order(client):
    article = harbour_article()
    page = Page(client.get(f"/articles/{article.id}").text)
    text = text_of(page)
    events = text[text.index("Events"):text.index("Dates")]
    assert [c for c in ("STATEMENT", "AGREE", "PROTEST") if c in events] == ["STATEMENT", "AGREE", "PROTEST"]
    assert events.index("6 March 2024") < events.index("11 March 2024") and events.count("reported on") == 3
    kessel = entity_id(client, "Mira Kessel")
    assert page.all("a", href=f"http://testserver/timeline?actor={kessel}&from=2024-03-06&to=2024-03-06")


def test_hostile_entity_names_aliases_and_roles_stay_text(client):
    evil = entity_id(client, HOSTILE_NAME)
    body = client.get(f"/api/entities/{evil}").json()
    assert body["entity"]["name"] == HOSTILE_NAME and '"><img src=x onerror=alert(1)>' in body["aliases"]
    assert body["roles"][0]["role"] == "<img src=x onerror=alert(6)>"
    for url in (f"/entities/{evil}", "/entities", f"/entities?search={HOSTILE_NAME}",
                f"/articles/{hostile_article().id}"):
        response = client.get(url)
        page = Page(response.text)
        assert response.status_code == 200 and page.stack == []
        assert_inert(page)
        assert "<b onmouseover" not in response.text and "<img" not in response.text
        assert HOSTILE_NAME in text_of(page)
    entity_page = text_of(Page(client.get(f"/entities/{evil}").text))
    assert "<img src=x onerror=alert(6)>" in entity_page and "<script>alert(7)</script>" in entity_page


# -- bad requests --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "status", "words"), [
    ("/api/entities/999999", 404, "no entity with id 999999"),
    ("/api/entities/Nobody%20Atall", 404, "no entity named 'Nobody Atall'"),
    ("/api/entities/%3Cscript%3E", 404, "no entity named"),
    ("/api/entities/" + "x" * 201, 422, "entity_id"),
    ("/api/entities?page=9", 404, "past the last page"),
    ("/api/entities?page=0", 422, "page"),
    ("/api/entities?per_page=101", 422, "per_page"),
    ("/api/entities?type=" + "X" * 41, 422, "type"),
    ("/api/articles/ffffffffffffffff/entities", 404, "no article with id"),
])
def test_bad_entity_requests_get_a_json_error(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "status"} and body["status"] == status and words in body["error"]


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/entities/999999", 404, "no entity with id 999999"),
    ("/entities/%3Cscript%3Ealert(1)%3C", 404, "no entity named '<script>alert(1)<'"),
    ("/entities?page=5", 404, "past the last page"),
    ("/entities?page=-1", 422, "page"),
])
def test_bad_entity_requests_get_a_friendly_page(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    page = Page(response.text)
    assert words in text_of(page) and page.all("a", href="http://testserver/")
    assert_inert(page)


def test_a_name_shared_by_two_people_is_a_400(new_location):
    db = build_db(new_location("halden"), officials=True)
    text = "Anna Halden opened the new bridge."
    with open_store(db) as store:
        store.add_articles([(Article("a0a0a0a0a0a0a0a0", text, entities=[
            Entity("e1", "Anna Halden", "PERSON", [Mention(0, 11, "Anna Halden", "name")])]), "test")])
        index(store, stories=None)  # the registry and events (newsline.indexing)
    client = TestClient(create_app(db))
    response = client.get("/api/entities/Halden")
    assert response.status_code == 400 and "names several entities" in response.json()["error"]
    page = client.get("/entities/Halden")
    assert page.status_code == 400 and "give the id instead" in text_of(Page(page.text))
