"""Story, compare and outlet pages and their JSON twins; the timeline's story filter; bad requests; escaping.

Over a database built from hand-written articles (``web_corpus.build_db(stories=True)``), and one over the
repository's ``examples/`` corpus ingested with ``newsline.ingest``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402
from web_corpus import (  # noqa: E402
    HOSTILE_LINE, HOSTILE_OUTLET, HOSTILE_SPEAKERS, build_db, hostile_story, officials_articles,
    strike_articles,
)
from web_html import Page, assert_inert  # noqa: E402

from newsline.cli import app as cli_app  # noqa: E402
from newsline.store import open_store  # noqa: E402
from newsline.timeline import UnknownStory, timeline  # noqa: E402
from newsline.web import create_app  # noqa: E402
from newsline.web.views import word_diff  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def db(new_location):
    return build_db(new_location("stories"), officials=True, stories=True)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def strike() -> dict[str, str]:
    """Article ids of the Valdoria strike by role (original, copy, credited, rewrite, independent, other)."""
    names = ("original", "copy", "credited", "rewrite", "independent", "other")
    return dict(zip(names, (a.id for a in strike_articles())))


# -- JSON API -----------------------------------------------------------------------------------------------------

def test_api_stories_lists_with_the_cli_filters_and_pages(client):
    body = client.get("/api/stories", params={"min_outlets": 2}).json()
    assert [s["first_outlet"] for s in body["items"]][0] == "valdoria-herald.example"
    assert all(s["outlets"] >= 2 for s in body["items"]) and len(body["items"]) == 4
    assert body["items"][0]["articles"] == 5 and body["items"][0]["uncredited"] == 2
    one = client.get("/api/stories", params={"outlet": "island-post.example"}).json()["items"]
    assert [s["first_outlet"] for s in one] == ["island-post.example"]
    assert client.get("/api/stories", params={"from": "2025-03-06"}).json()["items"][0]["articles"] == 1
    assert client.get("/api/stories", params={"to": "2024-01-31"}).json()["items"] == []
    first = client.get("/api/stories", params={"per_page": 3}).json()
    assert first["has_more"] is True and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert {s["id"] for s in second["items"]}.isdisjoint(s["id"] for s in first["items"])


def test_api_story_has_relations_credit_order_and_spans(client):
    ids = strike()
    body = client.get(f"/api/stories/{ids['copy']}").json()  # an article id finds its story
    assert body["id"] == ids["original"] and len(body["outlets"]) == 5 and body["conflicts"] == 0
    rel = {a["id"]: a for a in body["articles"]}
    assert rel[ids["original"]]["relation"] == "first"
    assert [a["id"] for a in body["first_publishers"]] == [ids["original"]]
    assert rel[ids["copy"]]["relation"] == "copy" and rel[ids["copy"]]["uncredited"] is True
    assert rel[ids["credited"]]["credited"] is True and rel[ids["credited"]]["uncredited"] is False
    assert rel[ids["rewrite"]]["relation"] == "rewrite" and rel[ids["rewrite"]]["spans"]
    assert rel[ids["independent"]]["relation"] == "independent"
    assert {a["order"] for a in body["articles"]} == {"earlier"}
    assert client.get(f"/api/stories/{ids['original'][:6]}").json()["id"] == ids["original"]  # a prefix works


def test_same_day_order_unknown_is_reported(client):
    # Officials: two day-only dates a day apart are "earlier"; the page shows the note only when it applies.
    body = client.get(f"/api/stories/{officials_articles()[0].id}").json()
    assert [a["order"] for a in body["articles"]] == ["earlier", "earlier"]
    page = Page(client.get(f"/stories/{officials_articles()[0].id}").text)
    assert "order unknown" not in "".join(page.text)


def test_api_compare_aligns_reused_sentences(client):
    ids = strike()
    body = client.get(f"/api/stories/{ids['original']}/compare/{ids['rewrite']}").json()
    reused = [r for r in body["rows"] if r["reused"]]
    assert len(reused) >= 5 and body["source"]["id"] == ids["original"]
    original = strike_articles()[0].text
    for row in reused:
        assert original[row["source_start"]:row["source_end"]] == row["source_text"]
    copy = client.get(f"/api/stories/{ids['original']}/compare/{ids['copy']}").json()
    own = [r["text"] for r in copy["rows"] if not r["reused"]]
    assert any("MIRROR DAILY" in t for t in own), "the copy's boilerplate is its own text"
    assert copy["source_reused_chars"] > 0.9 * copy["source_chars"]


def test_api_outlets(client):
    items = {o["outlet"]: o for o in client.get("/api/outlets").json()["items"]}
    assert items["mirror-daily.example"]["uncredited_share"] == 1.0
    assert items["coastwatch.example"]["uncredited_share"] == 0.0
    assert items["valdoria-herald.example"]["first_published"] == 1
    assert items["valley-courier.example"]["uncredited_share"] is None


def test_quote_conflict_between_hostile_speakers(client):
    report = hostile_story()[0]
    body = client.get(f"/api/stories/{report.id}").json()
    assert body["conflicts"] == 1
    (link,) = body["quote_links"]
    assert {link["speaker"], link["other_speaker"]} == set(HOSTILE_SPEAKERS) and link["text"] == HOSTILE_LINE


# -- timeline filtered on a story ---------------------------------------------------------------------------------

def test_timeline_story_filter_in_python_api_cli_and_web(db, client):
    varga = officials_articles()[:2]
    with open_store(db, readonly=True) as store:
        entries = timeline(store, story=varga[0].id)
        assert {r.article_id for e in entries for r in e.reports} == {a.id for a in varga}
        assert len(entries) == 3  # the accusation both reported is one entry
        with pytest.raises(UnknownStory, match="no story"):
            timeline(store, story="ffffffffffffffff")
    api = client.get("/api/timeline", params={"story": varga[1].id}).json()["items"]
    assert [e["category"] for e in api] == [e.category for e in entries]
    page = Page(client.get("/timeline", params={"story": varga[0].id[:8]}).text)
    assert "Events reported by the articles of" in "".join(page.text)
    assert len([a for a in page.all("li") if (a.get("class") or "").startswith("entry")]) == 3
    assert page.all("input", type="hidden", name="story", value=varga[0].id)
    result = CliRunner().invoke(cli_app, ["timeline", "--story", varga[0].id, "--db", str(db), "--json"])
    assert result.exit_code == 0 and result.stdout.count('"category"') == 3
    missing = CliRunner().invoke(cli_app, ["timeline", "--story", "ffff", "--db", str(db)])
    assert missing.exit_code == 1 and "no story" in missing.output


# -- pages --------------------------------------------------------------------------------------------------------

def test_stories_page(client):
    page = Page(client.get("/stories", params={"min_outlets": 2}).text)
    links = [a["href"] for a in page.all("a") if "/stories/" in (a.get("href") or "")]
    assert len(links) == 4
    assert "Valdoria dockworkers walk out" in "".join(page.text)
    assert_inert(page)


def test_story_page_shows_chart_relations_and_compare_links(client):
    ids = strike()
    response = client.get(f"/stories/{ids['original']}")
    assert response.status_code == 200
    page = Page(response.text)
    text = "".join(page.text)
    assert len(page.all("circle")) == 5 and len([t for t, a in page.tags if t == "line"
                                                 and "edge" in (a.get("class") or "")]) == 4
    rows = [a["class"] for a in page.all("span") if (a.get("class") or "").startswith("rel rel-")]
    assert rows.count("rel rel-copy") == 2 and rows.count("rel rel-rewrite") == 1
    assert text.count("uncredited") >= 2 and "credited" in text
    compares = [a["href"] for a in page.all("a", **{"class": "compare"})]
    assert len(compares) == 4 and all(f"/stories/{ids['original']}/compare/" in h for h in compares)
    assert page.all("a", **{"class": "story-timeline"})[0]["href"].endswith(f"/timeline?story={ids['original']}")
    assert_inert(page)


def test_compare_page_marks_changed_words(client):
    ids = strike()
    page = Page(client.get(f"/stories/{ids['original']}/compare/{ids['rewrite']}").text)
    assert len([a for a in page.all("div") if a.get("class") == "cmp reused"]) >= 5
    assert len(page.all("mark")) > 10
    assert_inert(page)


def test_word_diff_escapes_and_marks_only_changes():
    left, right = word_diff("the <b>cat</b> sat", "the <b>dog</b> sat")
    assert left == "the <mark>&lt;b&gt;cat&lt;/b&gt;</mark> sat"
    assert right == "the <mark>&lt;b&gt;dog&lt;/b&gt;</mark> sat"
    assert word_diff("a  b c", "a  x c")[0] == "a  <mark>b</mark> c"  # space around a change stays unmarked


def test_article_page_side_panel_shows_its_story(client):
    ids = strike()
    page = Page(client.get(f"/articles/{ids['copy']}").text)
    text = "".join(page.text)
    assert "valdoria-herald.example" in text and "uncredited" in text
    assert page.all("a", **{"class": "story-link"})[0]["href"].endswith(f"/stories/{ids['original']}")
    assert page.all("a", **{"class": "compare"})[0]["href"].endswith(f"/compare/{ids['copy']}")
    first = Page(client.get(f"/articles/{ids['original']}").text)
    assert "this article" in "".join(first.text) and first.all("a", **{"class": "compare"}) == []


def test_overview_counts_stories(client, db):
    page = Page(client.get("/").text)
    with open_store(db, readonly=True) as store:
        stories = store.stats().stories
    assert stories == 10 and client.get("/api/stats").json()["stories"] == 10
    cards = "".join(page.text).split("stories", 1)[1]
    assert cards.lstrip().startswith("10")
    assert any(a["href"].endswith("/stories") for a in page.all("a") if a.get("href"))


def test_outlets_page(client):
    page = Page(client.get("/outlets").text)
    copying = [o for o in client.get("/api/outlets").json()["items"] if o["copies"]]
    # a share only for outlets that reuse text: the Morning Ledger's one loosely reworded sentence (confidence
    # 0.52) is "related", not a rewrite
    assert len(page.all("meter")) == len(copying) == 4
    assert HOSTILE_OUTLET in "".join(page.text)
    assert_inert(page)


def test_hostile_story_is_escaped_everywhere(client):
    report, copy = hostile_story()
    for path in (f"/stories/{report.id}", f"/stories/{report.id}/compare/{copy.id}", f"/articles/{copy.id}",
                 "/stories", "/outlets"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = Page(response.text)
        assert_inert(page)
        assert "<script>alert(" not in response.text and "<img src=x" not in response.text, path
    text = "".join(Page(client.get(f"/stories/{report.id}").text).text)
    assert HOSTILE_SPEAKERS[0] in text and HOSTILE_SPEAKERS[1] in text and "conflict" in text
    assert "<script>alert(13)</script> Dam inquiry" in text and HOSTILE_OUTLET in text
    assert f"\u201c{HOSTILE_LINE}\u201d" in text  # the words quoted, once per link


# -- bad requests -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "params", "status", "words"), [
    ("/api/stories/ffffffffffffffff", {}, 404, "no story with id"),
    ("/api/stories/not-hex", {}, 422, "not a valid story or article id"),
    ("/api/stories/" + "a" * 65, {}, 422, "story_id"),
    ("/api/stories", {"from": "2024-02-30"}, 422, "no such day"),
    ("/api/stories", {"to": "March"}, 422, "not a date"),
    ("/api/stories", {"min_outlets": 0}, 422, "min_outlets"),
    ("/api/stories", {"page": 99}, 404, "past the last page"),
    ("/api/stories", {"page": 0}, 422, "page"),
    ("/api/outlets", {"page": 99}, 404, "past the last page"),
    ("/api/outlets", {"per_page": 1000}, 422, "per_page"),
    ("/api/timeline", {"story": "ffffffffffffffff"}, 404, "no story with id"),
    ("/api/timeline", {"story": "x" * 65}, 422, "story"),
])
def test_bad_story_requests_get_json_errors(client, path, params, status, words):
    response = client.get(path, params=params)
    assert response.status_code == status and words in response.json()["error"]


def test_compare_errors(client):
    ids = strike()
    first = client.get(f"/api/stories/{ids['original']}/compare/{ids['original']}")
    assert first.status_code == 404 and "first publisher" in first.json()["error"]
    other = client.get(f"/api/stories/{ids['original']}/compare/{ids['other']}")
    assert other.status_code == 404 and "no article" in other.json()["error"]


@pytest.mark.parametrize(("path", "status"), [
    ("/stories/ffffffffffffffff", 404), ("/stories?from=2024-13-01", 422), ("/stories?page=50", 404),
    ("/stories?min_outlets=x", 422), ("/outlets?page=50", 404), ("/timeline?story=ffff", 404),
    ("/stories/0/compare/0", 422),
])
def test_bad_story_pages_are_friendly(client, path, status):
    response = client.get(path)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert Page(response.text).all("p", **{"class": "message"})


# -- the examples/ corpus -----------------------------------------------------------------------------------------

def test_examples_corpus_stories(new_location, analyzer):
    from newsline.ingest import run as ingest_run

    db = new_location("examples")
    with open_store(db) as store:
        ingest_run.ingest([str(EXAMPLES)], store, analyzer=analyzer)
    client = TestClient(create_app(db))
    listed = client.get("/api/stories", params={"min_outlets": 2}).json()["items"]
    boil = next(s for s in listed if s["first_outlet"] == "brenholtobserver.example.org")
    body = client.get(f"/api/stories/{boil['id']}").json()
    rel = {a["outlet"]: a for a in body["articles"]}
    assert rel["brenholtobserver.example.org"]["relation"] == "first"  # B1
    assert rel["localnewsnow.example.net"]["relation"] == "copy"  # B3, verbatim
    assert rel["localnewsnow.example.net"]["uncredited"] is True
    assert rel["valleyrecord.example.org"]["relation"] == "rewrite"  # B2, a light paraphrase
    assert rel["meridianwire.example.com"]["relation"] == "independent"  # B4
    # A1 (2025-03-10, day only) and A3 (2025-03-10 17:05 +01:00): the dates cannot tell which was first
    dock = next(s for s in listed if "harbourgazette.example.com" in
                {a["outlet"] for a in client.get(f"/api/stories/{s['id']}").json()["articles"]})
    body = client.get(f"/api/stories/{dock['id']}").json()
    assert {"harbourgazette.example.com", "northernledger.example.org"} <= {a["outlet"] for a in
                                                                           body["first_publishers"]}
    copy = next(a for a in body["articles"] if a["outlet"] == "coastlinedaily.example.net")
    assert copy["relation"] == "copy" and copy["uncredited"] is True  # A2, verbatim and uncredited
    page = client.get(f"/stories/{dock['id']}")
    assert page.status_code == 200 and "same day, order unknown" in page.text
    assert "The dates cannot show which of these came first" in page.text
    assert_inert(Page(page.text))
    compare = client.get(f"/stories/{dock['id']}/compare/{copy['id']}")
    assert compare.status_code == 200 and compare.text.count('class="cmp reused"') >= 10


def test_spread_chart_places_day_only_and_undated_articles():
    from newsline.stories.query import StoryArticle
    from newsline.web.charts import spread_chart

    def item(i, outlet, published, relation="first", source=None):
        return StoryArticle(i, f"a{i}", outlet, published, None, None, relation, source, None, None, 0, 0,
                            False if relation == "copy" else None, "earlier")

    chart = spread_chart("t", [item(0, "x", "2025-03-10T16:05:00+00:00"), item(1, "y", "2025-03-10", "copy", "a0"),
                               item(2, "x", "2025-03-12", "copy", "a1"), item(3, None, None, "copy", "a0")])
    dots = {d.article_id: d for d in chart.dots}
    assert [r.label for r in chart.rows] == ["x", "y", "(unknown)"]
    assert dots["a0"].day_width == 0 and dots["a1"].day_width > 0  # a day-only date spans its day
    assert dots["a1"].x - dots["a1"].day_width / 2 < dots["a0"].x < dots["a1"].x + dots["a1"].day_width / 2
    assert dots["a3"].x == chart.undated_x and dots["a2"].x < chart.undated_x
    assert [t.label for t in chart.ticks] == ["2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13"]
    assert len(chart.edges) == 3 and dots["a3"].uncredited
