"""The timeline page and ``/api/timeline``: event-date order, filters as in the CLI, reports linked, bad input."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from web_corpus import build_db, hostile_article, officials_articles  # noqa: E402
from web_html import Page, assert_inert  # noqa: E402

from newsline.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(new_location):
    return TestClient(create_app(build_db(new_location("web"), officials=True)))


def entries(client: TestClient, **params: str | int) -> list[dict]:
    """Every matching entry: undated and actorless ones included unless ``params`` says otherwise."""
    response = client.get("/api/timeline", params={"undated": "true", "actorless": "true", **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_timeline_in_event_date_order_with_reports(client):
    items = entries(client)
    days = [e["day"] for e in items]
    assert days == sorted(days) and len(items) == 13  # 14 reports, one event reported twice
    assert days[0] == "2024-02-02" and days[-1] == "9999-12-31"  # nothing dates the last one: it sorts last
    first_day = [(e["category"], e["date_source"], e["reported_on"]) for e in items if e["day"] == "2024-03-04"]
    assert first_day == [("THREATEN", "publication", True), ("RETREAT", "publication", True)]
    [twice] = [e for e in items if len(e["reports"]) == 2]
    assert (twice["actor"], twice["category"], twice["target"]) == ("Lena Varga", "DISAPPROVE", "Ostravia")
    assert [r["article_id"] for r in twice["reports"]] == [a.id for a in officials_articles()[:2]]
    assert twice["evidence"] == "Varga accused Ostravia of bad faith." and twice["granularity"] == "day"
    [negated] = [e for e in items if e["negated"]]
    assert negated["actor"] == "Piet Halden" and negated["category"] == "RETREAT"


def test_text_dated_events_come_before_reported_on_ones_within_a_day(client):
    day = entries(client, **{"from": "2024-03-05", "to": "2024-03-06"})
    assert [e["reported_on"] for e in day] == [False, True, True, True]


def test_filters_as_in_the_cli(client):
    varga = entries(client, actor="Lena Varga")
    assert {e["actor"] for e in varga} == {"Lena Varga"} and len(varga) == 5
    assert entries(client, actor=str(varga[0]["actor_id"])) == varga  # an id works too
    assert [e["actor"] for e in entries(client, category="reject")] == ["Piet Halden"]
    window = entries(client, **{"from": "2024-02-03", "to": "2024-02-19"})
    assert [e["day"] for e in window] == ["2024-02-06", "2024-02-19"]
    assert [e["category"] for e in entries(client, actor="Varga", category="STATEMENT", **{"to": "2024-02-10"})] == [
        "STATEMENT"]


def test_default_view_leaves_out_undated_and_actorless_events(client):
    everything = entries(client)
    default = client.get("/api/timeline").json()["items"]
    assert default == [e for e in everything if e["actor"] and e["day"] != "9999-12-31"]
    assert len(default) < len(everything)
    assert [e["when"] for e in default][:1] == ["2 February 2024"]  # the date in words; "date" keeps the value
    assert entries(client, undated="false") == [e for e in everything if e["day"] != "9999-12-31"]


def test_pages(client):
    first = client.get("/api/timeline", params={"per_page": 5, "undated": "true", "actorless": "true"}).json()
    assert first["has_more"] and first["next"].endswith("page=2")
    pages = [first["items"]]
    url = first["next"]
    while url:
        body = client.get(url).json()
        pages.append(body["items"])
        url = body["next"]
    assert [len(p) for p in pages] == [5, 5, 3] and sum(pages, []) == entries(client)


def test_timeline_page(client):
    response = client.get("/timeline", params={"undated": "true", "actorless": "true"})
    page = Page(response.text)
    assert response.status_code == 200 and page.stack == []
    items = [li for li in page.all("li") if "entry" in (li.get("class") or "").split()]
    assert len(items) == 13 and sum("reported-on" in li["class"] for li in items) == 8
    links = {a["href"] for a in page.all("a")}
    assert {f"http://testserver/articles/{a.id}" for a in officials_articles()} <= links
    assert any(h.startswith("http://testserver/entities/") for h in links)
    text = "".join(page.text)
    assert "Varga accused Ostravia of bad faith." in text and "2 reports:" in text and "negated" in text
    assert_inert(page)


def test_timeline_page_keeps_its_filters(client):
    page = Page(client.get("/timeline", params={"actor": "Piet Halden", "category": "reject", "from": "2024-02-01",
                                                 "to": "2024-02-29"}).text)
    assert len([li for li in page.all("li") if "entry" in (li.get("class") or "").split()]) == 1
    assert page.all("input", name="actor")[0]["value"] == "Piet Halden"
    assert page.all("input", name="from")[0]["value"] == "2024-02-01"
    assert "selected" in page.all("option", value="REJECT")[0]
    blank = client.get("/timeline", params={"actor": "", "category": "", "from": "", "to": ""})  # a blank form
    assert blank.status_code == 200 and "No events" not in blank.text


def test_hostile_event_fields_stay_text(client):
    page = Page(client.get("/timeline", params={"undated": "true", "actorless": "true"}).text)
    assert_inert(page)
    text = "".join(page.text)
    assert "<script>alert(7)</script>" in text and '"><script>alert(8)</script>' in text
    hostile = [e for e in entries(client) if e["reports"][0]["article_id"] == hostile_article().id]
    assert {e["predicate"] for e in hostile} == {"<script>alert(7)</script>", "posted"}


def test_overview_counts_distinct_events_and_entities(client):
    stats = client.get("/api/stats").json()
    assert (stats["distinct_events"], stats["event_reports"], stats["entities"]) == (13, 14, 8)
    page = Page(client.get("/").text)
    text = " ".join(t.strip() for t in page.text if t.strip())
    assert "events 13" in text and "event reports 14" in text and "entities 8" in text


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/api/timeline?category=HUG", 422, "is not one of"),
    ("/api/timeline?from=2024-13-01", 422, "no such day"),
    ("/api/timeline?to=yesterday", 422, "not a date"),
    ("/api/timeline?actor=Nobody%20Atall", 404, "no entity named"),
    ("/api/timeline?actor=424242", 404, "no entity with id 424242"),
    ("/api/timeline?page=9", 404, "past the last page"),
    ("/api/timeline?page=0", 422, "page"),
    ("/api/timeline?per_page=500", 422, "per_page"),
    ("/api/timeline?category=" + "A" * 41, 422, "category"),
])
def test_bad_timeline_requests_get_a_json_error(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.json()["status"] == status and words in response.json()["error"]


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/timeline?category=%3Cscript%3E", 422, "'<script>': is not one of"),
    ("/timeline?from=2024-02-30", 422, "no such day"),
    ("/timeline?actor=Nobody", 404, "no entity named"),
    ("/timeline?page=2", 404, "past the last page"),
    ("/timeline?page=x", 422, "page"),
])
def test_bad_timeline_requests_get_a_friendly_page(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    page = Page(response.text)
    assert words in "".join(page.text) and page.all("a", href="http://testserver/")
    assert_inert(page)
