"""Issue 11, item 19 (and the links of item 22): every count agrees with the listing it links to.

Over a store where some articles have no outlet: the Valdoria strike with its rewrite from an unknown outlet,
and another port's strike known from an outlet-less article only (a story with no known outlet).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from web_corpus import harbour_article, plain_articles, strike_articles  # noqa: E402
from web_html import Page  # noqa: E402

from newsline.indexing import index  # noqa: E402
from newsline.store import open_store  # noqa: E402
from newsline.stories import assign  # noqa: E402
from newsline.web import create_app  # noqa: E402

ORIGINAL, COPY, CREDITED, REWRITE, INDEPENDENT, OTHER = range(6)


@pytest.fixture(scope="module")
def client(new_location):
    strike = strike_articles()
    for i in (REWRITE, OTHER):
        strike[i] = dataclasses.replace(strike[i], outlet=None, url=None)
    corpus = [harbour_article(), *plain_articles(), *strike]
    path = new_location("counts")
    with open_store(path) as store:
        store.add_articles([(a, f"counts:{i}") for i, a in enumerate(corpus)])
        index(store, stories=None)  # the registry and events (newsline.indexing)
        assign(store, corpus)
    return TestClient(create_app(path))


def all_items(client, url: str) -> list[dict]:
    items, page = [], client.get(url, params=[*parse_qsl(urlsplit(url).query), ("per_page", 100)]).json()
    items += page["items"]
    while page["next"]:
        page = client.get(page["next"]).json()
        items += page["items"]
    return items


def test_item19_stories_tile_counts_the_stories_listed(client):
    stats = client.get("/api/stats").json()
    listed = all_items(client, "/api/stories")
    assert stats["stories"] == len(listed)
    assert any(s["outlets"] == 0 for s in listed)  # the story known only from an article with no outlet
    page = Page(client.get("/stories").text)
    assert len([a for a in page.all("a") if "/stories/" in (a.get("href") or "")]) == stats["stories"]
    overview = Page(client.get("/").text)
    assert overview.all("a", href="http://testserver/stories")


def test_item19_a_story_has_as_many_outlets_in_the_list_as_on_its_page(client):
    for summary in all_items(client, "/api/stories"):
        story = client.get(f"/api/stories/{summary['id']}").json()
        assert len(story["outlets"]) == summary["outlets"], summary
        assert len(story["articles"]) == summary["articles"]
        tiles = Page(client.get(f"/stories/{summary['id']}").text)
        text = " ".join(tiles.text)
        assert f"outlets {summary['outlets']}" in " ".join(text.split()), text
    strike = client.get(f"/api/stories/{strike_articles()[ORIGINAL].id}").json()
    assert len(strike["outlets"]) == 4 and len(strike["articles"]) == 5  # the rewrite's outlet is unknown


def test_item19_article_story_panel_counts_outlets_as_the_list_does(client):
    page = " ".join(Page(client.get(f"/articles/{strike_articles()[COPY].id}").text).text)
    assert "5 articles · 4 outlets" in page


class Bars(HTMLParser):
    """Every chart bar of a page: its link (None when it is no link) and the count in its title."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.links: list[str | None] = []
        self.bars: list[tuple[str | None, int]] = []
        self.in_bar = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        self.in_bar = self.in_bar or (tag == "rect" and dict(attrs).get("class") == "bar")

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.pop()
        elif tag == "rect":
            self.in_bar = False

    def handle_data(self, data):
        if self.in_bar:
            self.bars.append((self.links[-1] if self.links else None, int(data.rsplit(":", 1)[1])))


def bar_links(html: str) -> list[str]:
    return [href for href, _ in Bars(html).bars if href]


def test_item19_outlet_bars_land_on_the_articles_they_count(client):
    stats = client.get("/api/stats").json()
    assert ["(unknown)", 2] in stats["by_outlet"]
    html = client.get("/").text
    links = {dict(parse_qsl(urlsplit(h).query)).get("outlet"): h for h in bar_links(html) if "outlet=" in h}
    assert "(unknown)" not in links  # no filter lists articles without an outlet: that bar is no link
    for outlet, count in stats["by_outlet"]:
        if outlet == "(unknown)":
            continue
        listed = all_items(client, "/api/articles?" + urlsplit(links[outlet]).query)
        assert len(listed) == count, outlet


def test_item22_time_bars_and_tiles_link_to_the_articles_they_count(client):
    stats = client.get("/api/stats").json()
    html = client.get("/").text
    page = Page(html)
    first_chart = html[html.index("<figure"):html.index("</figure>")]
    weeks = Bars(first_chart).bars
    assert len(weeks) > 50 and all(href is None for href, count in weeks if count == 0)  # a week per bar
    assert sum(count for _, count in weeks) == stats["articles"] - stats["undated"]
    for href, count in weeks:
        if href:
            params = dict(parse_qsl(urlsplit(href).query))
            assert date.fromisoformat(params["until"]) - date.fromisoformat(params["since"]) == timedelta(days=6)
            assert len(all_items(client, "/api/articles?" + urlsplit(href).query)) == count, href
    hrefs = {a.get("href") for a in page.all("a")}
    assert {"http://testserver/search", "http://testserver/outlets", "http://testserver/timeline",
            "http://testserver/entities", "http://testserver/stories"} <= hrefs
    first = stats["first_published"][:10]
    assert f"http://testserver/search?since={first}&until={first}" in hrefs
