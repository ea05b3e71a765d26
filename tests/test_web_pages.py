"""HTML pages and the span renderer: nesting of overlapping spans, escaping, friendly error pages."""

from __future__ import annotations

import html

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from markupsafe import Markup  # noqa: E402
from web_corpus import HOSTILE_TITLE, build_db, harbour_article, hostile_article  # noqa: E402
from web_html import Page, assert_inert  # noqa: E402

from newsline.model import AnalysisInfo, Article, Entity, Mention, Quote, Sentence, Span, Timex  # noqa: E402
from newsline.identity import new_article  # noqa: E402
from newsline.store import SQLiteStore  # noqa: E402
from newsline.web import create_app  # noqa: E402
from newsline.web.charts import bucket_days, time_bars  # noqa: E402
from newsline.web.render import Layer, layer_spans, render_article, safe_href, snippet_html  # noqa: E402

def layer(start: int, end: int, name: str, order: int = 0) -> Layer:
    return Layer(start, end, order, Markup(f'<b class="{name}">'), Markup("</b>"))


# -- the span renderer --------------------------------------------------------------------------------------------

def test_crossing_spans_are_split_into_nested_pieces():
    out = layer_spans("abcdef", [layer(0, 4, "x"), layer(2, 6, "y")])
    assert out == '<b class="x">ab<b class="y">cd</b></b><b class="y">ef</b>'


def test_nested_and_identical_spans_keep_their_order():
    out = layer_spans("abcdef", [layer(1, 3, "inner", 2), layer(0, 6, "outer", 1), layer(1, 3, "mid", 1)])
    assert out == 'a'.join(['<b class="outer">', '<b class="mid"><b class="inner">bc</b></b>def</b>'])


def test_invalid_spans_are_dropped_and_text_is_escaped():
    out = layer_spans("<a&b>", [layer(3, 3, "empty"), layer(4, 2, "reversed"), layer(2, 9, "outside"),
                                layer(-1, 2, "negative"), layer(1, 2, "ok")])
    assert out == '&lt;<b class="ok">a</b>&amp;b&gt;'


def test_many_overlapping_spans_give_well_formed_html_with_the_text_intact():
    text = "The quick brown fox jumps over the lazy dog and keeps running."
    ranges = [(0, 20), (4, 30), (10, 15), (10, 15), (14, 40), (16, 62), (30, 31), (0, 62), (35, 50), (44, 45)]
    out = str(layer_spans(text, [layer(s, e, f"s{i}", i % 3) for i, (s, e) in enumerate(ranges)]))
    page = Page(out)
    assert page.stack == [] and "".join(page.text) == text
    for i, (start, end) in enumerate(ranges):  # every span's pieces together cover exactly its characters
        assert page.covered[f"s{i}"] == set(range(start, end)), i


def test_rendered_article_marks_quotes_voices_timexes_and_entities():
    article = harbour_article()
    rendered = render_article(article, lambda entity_id: f"/entities/{entity_id}")
    page = Page(str(rendered.body))
    assert page.stack == []
    quotes = page.all("span", **{"data-quote": "q2"})
    assert quotes and quotes[0]["data-speaker"] == "Mira Kessel" and quotes[0]["data-kind"] == "direct"
    assert quotes[0]["data-cue"] == "said" and quotes[0]["data-confidence"] == "0.95"
    colour = {q: page.all("span", **{"data-quote": q})[0]["class"].split()[1] for q in ("q1", "q2", "q3", "q4")}
    assert colour["q2"] == colour["q3"] and len({colour["q1"], colour["q2"], colour["q4"]}) == 3
    assert [s.name for s in rendered.speakers] == ["the union", "Mira Kessel", "Oskar Brandt"]
    assert {t["data-value"] for t in page.all("span") if t.get("data-timex")} == {
        "2024-03-11", "2023-03", "2024-03-01", "P2W", "2023"}
    assert page.all("span", **{"data-timex": "t1"})[0]["data-anchor"] == "the publication date"
    voices = [t["class"] for t in page.all("span") if (t.get("class") or "").startswith("sent ")]
    assert voices.count("sent voice-attributed") >= 4 and "sent voice-outlet" in voices
    assert {a["href"] for a in page.all("a")} == {"/entities/e1", "/entities/e2", "/entities/e3"}
    assert "".join(page.text).startswith("Harbour workers in Port Velden will strike on Monday11 March 2024,")


def test_without_entity_pages_mentions_are_not_links():
    page = Page(str(render_article(harbour_article()).body))
    assert page.all("a") == [] and len([t for t in page.all("span") if "ent" in (t.get("class") or "").split()]) == 4


def test_quote_across_a_sentence_boundary_and_a_timex_across_a_quote_end():
    text = "She said: today we start. Tomorrow we finish, he added."
    article = Article("0000000000000001", text, sentences=[Sentence(0, 25, "attributed"), Sentence(26, 55, "outlet")],
                      quotes=[Quote("q1", "direct", Span.of(text, 10, 44), None, Span.of(text, 0, 3))],
                      timexes=[Timex("t1", Span.of(text, 26, 34), "DATE", "2024-01-02", anchor="dct"),
                               Timex("t2", Span.of(text, 40, 52), "DATE", None, resolved=False)],
                      entities=[Entity("e1", "Someone", "PERSON", [Mention(0, 3, "She", "pronoun")])])
    out = str(render_article(article).body)
    page = Page(out)
    assert page.stack == []
    assert len(page.all("span", **{"data-quote": "q1", "tabindex": "0"})) >= 2  # split at the sentence end
    assert out.count('<sup class="timex-value"') == 2 and "unresolved" in out
    assert "".join(page.text) == text[:34] + "2 January 2024" + text[34:52] + "unresolved" + text[52:]
    assert page.all("sup")[0]["title"] == "2024-01-02"  # the value on hover, the date in words


def test_safe_href_allows_only_http_links():
    assert safe_href("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)", "data:text/html,x",
                "//evil.example", "vbscript:x", "http:/no-host", "", None, "http://[bad"):
        assert safe_href(bad) is None, bad


def test_snippet_html_escapes_text_and_marks_matches():
    assert snippet_html("a <b> \ue000hit\ue001 & \ue000two\ue001") == "a &lt;b&gt; <mark>hit</mark> &amp; <mark>two</mark>"


def test_day_buckets_fill_gaps_and_coarsen_long_ranges():
    unit, days = bucket_days([("2024-03-01", 2), ("2024-03-03T10:00:00", 1), ("garbage", 5)])
    assert unit == "day" and days == [("2024-03-01", 2), ("2024-03-02", 0), ("2024-03-03", 1)]
    unit, weeks = bucket_days([("2024-01-01", 1), ("2024-06-30", 1)])
    assert unit == "week" and weeks[0] == ("2024-01-01", 1) and sum(c for _, c in weeks) == 2
    unit, months = bucket_days([("2020-01-15", 1), ("2024-06-30", 3)])
    assert unit == "month" and months[0] == ("2020-01", 1) and months[-1] == ("2024-06", 3) and len(months) == 54
    chart = time_bars("t", days, unit)
    assert [b.value for b in chart.bars] == [2, 0, 1] and chart.bars[0].height > chart.bars[2].height > 0


# -- pages --------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(new_location):
    return TestClient(create_app(build_db(new_location("web"))))


def test_overview_has_counts_and_charts(client):
    response = client.get("/")
    page = Page(response.text)
    assert response.status_code == 200 and page.stack == []
    assert len(page.all("svg")) == 2 and len(page.all("rect", **{"class": "bar"})) == 4 + 4
    assert "harbour-gazette.example" in "".join(page.text)
    assert_inert(page)


def test_search_page_shows_snippets_and_pages(client):
    page = Page(client.get("/search", params={"q": "velden"}).text)
    assert len(page.all("mark")) >= 3
    titles = [a["href"] for a in page.all("a", **{"class": "title"})]
    assert len(titles) == 3 and all(h.startswith("http://testserver/articles/") for h in titles)
    browse = Page(client.get("/search", params={"outlet": "valley-courier.example"}).text)
    assert len(browse.all("a", **{"class": "title"})) == 2
    assert Page(client.get("/search").text).all("a", rel="next") == []


def test_article_page(client):
    article = harbour_article()
    page = Page(client.get(f"/articles/{article.id}").text)
    assert page.stack == []
    assert len({q["data-quote"] for q in page.all("span") if q.get("data-quote") and "quote" in q["class"]}) == 4
    assert page.all("a", href=article.url)
    assert "11 March 2024" in "".join(page.text) and "Mira Kessel" in "".join(page.text)


def test_hostile_article_stays_text(client):
    article = hostile_article()
    response = client.get(f"/articles/{article.id}")
    page = Page(response.text)
    assert_inert(page)
    text = "".join(page.text)
    assert HOSTILE_TITLE in text and '"><img src=x onerror=alert(1)>' in text and "<script>alert(2)</script>" in text
    assert "javascript:alert(document.cookie)" in text and not page.all("a", href="javascript:alert(document.cookie)")
    assert "<script>alert(" not in response.text and "<img" not in response.text
    for url in ("/", "/search?q=posted", f"/search?q={html.escape(HOSTILE_TITLE)}", "/search?q=%3Cscript%3E"):
        assert_inert(Page(client.get(url).text))


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/articles/ffffffffffffffff", 404, "no article with id"),
    ("/articles/%3Cscript%3Ealert(1)%3C", 422, "not a valid article id"),
    ("/search?since=2024-13-01", 422, "no such day"),
    ("/search?q=velden&page=4", 404, "past the last page"),
    ("/search?page=x", 422, "page"),
    ("/search?q=%3F%3F", 422, "no words"),
    ("/no/such/page", 404, "no such page"),
])
def test_bad_requests_get_a_friendly_page(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    page = Page(response.text)
    assert words in "".join(page.text) and page.all("a", href="http://testserver/")
    assert_inert(page)


def test_a_capped_article_says_it_was_partly_analysed(tmp_path):
    text = "The Velmora council met on Monday. " * 4
    reason = f"long article: only its first 35 of {len(text)} characters were analysed"
    capped = new_article(text, title="Long council report")
    capped.analysis = AnalysisInfo(status="ok", model="m", analysed_chars=35, reason=reason)
    with SQLiteStore(tmp_path / "cap.db") as store:
        store.add_articles([(capped, "test")])
    page = Page(TestClient(create_app(tmp_path / "cap.db")).get(f"/articles/{capped.id}").text)
    assert page.stack == [] and len(page.all("p", **{"class": "notice"})) == 1
    assert f"Partly analysed: {reason}" in "".join(page.text)
