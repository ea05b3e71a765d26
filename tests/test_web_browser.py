"""The pages in real headless Chromium (Debian's /usr/bin/chromium), served by uvicorn on a free loopback port.

Each test saves a screenshot to one folder (NEWSLINE_SCREENSHOTS, else a pytest temporary folder) and prints it.
Skips when Chromium or Playwright is not installed.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium chromium-driver)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from web_corpus import (  # noqa: E402
    build_db, harbour_article, hostile_article, hostile_story, officials_articles, strike_articles,
)

from newsline.web import create_app  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def base_url(new_location) -> Iterator[str]:
    app = create_app(build_db(new_location("web"), officials=True, stories=True))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 10 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory, pytestconfig) -> Path:
    folder = Path(os.environ.get("NEWSLINE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    with pytestconfig.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
        print(f"\nweb screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def errors() -> list[str]:
    """Script errors, console errors (CSP violations, failed loads) and dialogs seen by ``page``."""
    return []


@pytest.fixture
def page(browser, errors):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("dialog", lambda dialog: errors.append(f"dialog opened: {dialog.message}"))
    yield tab
    context.close()
    assert errors == [], errors  # no script errors, no CSP violations, no alert() from the data


def test_overview(page, base_url, shots):
    page.goto(base_url + "/")
    # weeks from 2024-02-05 to 2025-03-07 (over 120 days: a bar per week), and fourteen outlets
    assert page.locator("svg rect.bar").count() == 57 + 14
    assert page.locator(".cards dd").first.inner_text() == "18"
    page.screenshot(path=shots / "overview.png", full_page=True)


def test_search(page, base_url, shots):
    page.goto(base_url + "/search")
    page.fill(".filters input[name=q]", "Velden")
    page.fill(".filters input[name=outlet]", "northern-ledger.example")
    page.click(".filters button")
    assert page.locator(".results li").count() == 2
    assert page.locator(".results mark").first.inner_text() == "Velden"
    page.screenshot(path=shots / "search.png", full_page=True)
    page.click(".results a.title >> nth=0")
    assert "/articles/" in page.url


def test_article_highlights_quotes_and_dates(page, base_url, shots):
    page.goto(f"{base_url}/articles/{harbour_article().id}")
    quote = page.locator('.article-text .quote[data-quote="q2"]').first
    assert quote.inner_text().startswith("We have waited since last March")
    colours = {q: page.locator(f'.article-text .quote[data-quote="{q}"]').first.evaluate(
        "el => getComputedStyle(el).backgroundColor") for q in ("q1", "q2", "q3", "q4")}
    assert colours["q2"] == colours["q3"] and len(set(colours.values())) == 3
    assert "rgba(0, 0, 0, 0)" not in colours.values()
    outlet = page.locator(".article-text .sent.voice-outlet").first.evaluate("e => getComputedStyle(e).backgroundColor")
    attributed = page.locator(".article-text .sent.voice-attributed").first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert outlet != attributed
    values = page.locator(".article-text .timex-value")
    assert values.all_inner_texts() == ["11 March 2024", "March 2023", "1 March 2024", "2 weeks", "2023"]
    assert values.first.get_attribute("title") == "2024-03-11"  # the value itself on hover

    quote.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "Mira Kessel" in tip.inner_text() and "direct" in tip.inner_text() and "0.95" in tip.inner_text()
    page.screenshot(path=shots / "article.png", full_page=True)

    page.mouse.move(0, 0)
    page.locator('.article-text .timex[data-timex="t1"]').focus()  # keyboard focus shows details too
    assert tip.is_visible() and "2024-03-11" in tip.inner_text() and "publication date" in tip.inner_text()


def test_click_through_article_entity_timeline(page, base_url, shots):
    page.goto(f"{base_url}/articles/{officials_articles()[3].id}")
    page.screenshot(path=shots / "article-events.png", full_page=True)
    page.locator(".article-text a.ent", has_text="Lena Varga").first.click()
    assert "/entities/" in page.url and page.locator("h1").inner_text().startswith("Lena Varga")
    assert page.locator(".aliases li").all_inner_texts() == ["Lena Varga", "Varga"]
    assert page.locator("figure.chart").first.locator("rect.bar").count() == 6  # quotes per week
    assert page.locator(".timeline .entry").count() == 5
    assert page.locator(".timeline .entry.reported-on").first.locator(".badge.reported").is_visible()
    page.screenshot(path=shots / "entity.png", full_page=True)

    page.click("a.more")
    assert "/timeline?actor=" in page.url and page.locator(".filter-who .who").inner_text() == "Lena Varga"
    actors = [entry.locator(".headline .who").first.inner_text() for entry in page.locator(".timeline .entry").all()]
    assert actors == ["Lena Varga"] * 5
    page.screenshot(path=shots / "timeline-actor.png", full_page=True)

    page.select_option("select[name=category]", "DISAPPROVE")
    page.click(".filters button")
    entry = page.locator(".timeline .entry")
    assert entry.count() == 1 and "2 reports" in entry.inner_text()
    entry.locator(".reports a").nth(1).click()  # the second outlet's report of the same event
    assert page.url.endswith(f"/articles/{officials_articles()[1].id}")

    page.goto(base_url + "/timeline")
    assert page.locator(".timeline .entry").count() == 11  # events with a named actor and a date
    page.goto(base_url + "/timeline?undated=true&actorless=true")
    assert page.locator(".timeline .entry").count() == 13
    page.screenshot(path=shots / "timeline.png", full_page=True)
    page.goto(base_url + "/entities")
    assert page.locator(".listing tbody tr").count() == 10  # eight, and the hostile story's two speakers
    page.screenshot(path=shots / "entities.png", full_page=True)


def test_hostile_article_runs_no_script(page, base_url, shots):
    page.goto(f"{base_url}/articles/{hostile_article().id}")
    assert page.locator("h1").inner_text() == '<script>alert("title")</script>'
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator(".article-text img").count() == 0
    page.locator('.article-text .quote[data-quote="q1"]').first.hover()
    assert '<b onmouseover="alert(4)">Evil</b>' in page.locator("#tip").inner_text()
    page.screenshot(path=shots / "article-hostile.png", full_page=True)
    page.locator(".article-text a.ent").first.click()  # the hostile entity's own page
    assert page.locator("h1").inner_text().startswith('<b onmouseover="alert(4)">Evil</b>')
    assert '"><img src=x onerror=alert(1)>' in page.locator(".aliases").inner_text()
    assert page.locator("main img").count() == 0
    page.screenshot(path=shots / "entity-hostile.png", full_page=True)


def test_error_page(page, errors, base_url, shots):
    response = page.goto(f"{base_url}/articles/ffffffffffffffff")
    assert response.status == 404 and "no article with id" in page.locator(".message").inner_text()
    assert len(errors) == 1 and "404" in errors.pop()  # the page's own status, reported by the console
    page.screenshot(path=shots / "not-found.png", full_page=True)


def test_click_through_to_the_story_and_the_compare_view(page, base_url, shots):
    morning_ledger = officials_articles()[1]
    page.goto(f"{base_url}/articles/{officials_articles()[0].id}")
    page.locator(".article-text a.ent", has_text="Lena Varga").first.click()
    page.click("a.more")
    page.select_option("select[name=category]", "DISAPPROVE")
    page.click(".filters button")
    page.locator(".timeline .entry .reports a").nth(1).click()
    assert page.url.endswith(f"/articles/{morning_ledger.id}")
    panel = page.locator(".story-panel")
    # one loosely reworded sentence (confidence 0.52): "related" to its source, no claim of an uncredited rewrite
    assert "daily-planet.example" in panel.inner_text() and "RELATED" in panel.inner_text().upper()
    page.screenshot(path=shots / "article-story-panel.png", full_page=True)

    panel.locator("a.story-link").click()
    assert "/stories/" in page.url and page.locator("figure.spread circle.dot").count() == 2
    page.screenshot(path=shots / "story-officials.png", full_page=True)
    page.locator("a.compare").first.click()
    assert "/compare/" in page.url and page.locator(".cmp.reused").count() >= 1
    page.screenshot(path=shots / "compare-officials.png", full_page=True)
    page.go_back()
    page.click("a.story-timeline")
    assert "story=" in page.url and page.locator(".timeline .entry").count() == 3
    page.screenshot(path=shots / "timeline-story.png", full_page=True)


def test_story_pages(page, base_url, shots):
    original, copy, credited, rewrite = (a.id for a in strike_articles()[:4])
    page.goto(base_url + "/stories")
    page.fill(".filters input[name=min_outlets]", "3")
    page.click(".filters button")
    assert page.locator(".listing tbody tr").count() == 1
    page.screenshot(path=shots / "stories.png", full_page=True)
    page.click(".listing tbody a")
    assert page.url.endswith(f"/stories/{original}")
    assert page.locator("figure.spread circle.dot").count() == 5
    assert page.locator("figure.spread circle.dot.uncredited").count() == 2
    assert page.locator(".story-articles .badge.credited").count() == 1
    page.screenshot(path=shots / "story.png", full_page=True)
    page.goto(f"{base_url}/stories/{original}/compare/{rewrite}")
    assert page.locator(".cmp.reused mark").count() > 10
    page.screenshot(path=shots / "compare-rewrite.png", full_page=True)
    page.goto(f"{base_url}/stories/{original}/compare/{copy}")
    assert page.locator(".cmp.own").count() == 2  # the copy's own boilerplate, top and bottom
    page.screenshot(path=shots / "compare-copy.png", full_page=True)
    page.goto(base_url + "/outlets")
    assert page.locator("meter").count() == 4  # outlets that reuse text (as test_web_stories.test_outlets_page)
    page.screenshot(path=shots / "outlets.png", full_page=True)


def test_hostile_story_runs_no_script(page, base_url, shots):
    report, copy = hostile_story()
    page.goto(f"{base_url}/stories/{report.id}")
    assert page.locator("h1").inner_text() == "<script>alert(13)</script> Dam inquiry"
    assert page.locator(".quote-links .badge.conflict").count() == 1
    assert page.locator("main img").count() == 0
    page.screenshot(path=shots / "story-hostile.png", full_page=True)
    page.goto(f"{base_url}/stories/{report.id}/compare/{copy.id}")
    assert page.locator("main img, main script").count() == 0


# -- issue 11, item 22: the pages at any width, the side panel, sorting, the quote table ---------------------------

def narrow_pages() -> list[str]:
    original, copy, _, rewrite = (a.id for a in strike_articles()[:4])
    report, _ = hostile_story()
    return ["/", "/search?q=Velden", f"/articles/{harbour_article().id}", f"/articles/{copy}", "/entities",
            "/entities/Lena%20Varga", "/timeline", "/stories", f"/stories/{original}", f"/stories/{report.id}",
            f"/stories/{original}/compare/{rewrite}", "/outlets"]


@pytest.fixture
def narrow(browser, errors):
    context = browser.new_context(viewport={"width": 760, "height": 900})
    tab = context.new_page()
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    context.close()
    assert errors == [], errors


def test_item22_no_page_scrolls_sideways_at_760_px(narrow, base_url, shots):
    for url in narrow_pages():
        narrow.goto(base_url + url)
        wide = narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide <= 0, (url, wide)
        for time_ in narrow.locator("main time").all()[:40]:  # ISO dates never wrap
            assert time_.evaluate("el => el.getClientRects().length") == 1, (url, time_.inner_text())
    narrow.screenshot(path=shots / "outlets-760.png", full_page=True)


def test_item22_article_side_panel_is_no_taller_than_the_text(page, base_url, shots):
    for article in (harbour_article(), officials_articles()[1], strike_articles()[1]):
        page.goto(f"{base_url}/articles/{article.id}")
        text = page.locator(".article-layout > article").bounding_box()
        panel = page.locator(".article-layout > aside").bounding_box()
        assert panel["y"] + panel["height"] <= text["y"] + text["height"] + 1, article.id
        scroller = page.locator(".aside-scroll")
        if scroller.evaluate("el => el.scrollHeight > el.clientHeight"):  # the rest of the panel scrolls
            scroller.evaluate("el => el.scrollTop = el.scrollHeight")
            assert page.locator("aside section").last.is_visible()
    page.screenshot(path=shots / "article-panel.png", full_page=True)


def column(page, table: str, index: int) -> list[str]:
    return page.locator(f"{table} tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].dataset.sort ?? r.cells[{index}].textContent.trim())")


def test_item22_tables_sort_by_a_clicked_column(page, base_url, shots):
    page.goto(base_url + "/outlets")
    heading = page.locator("table.outlets th", has_text="outlet").first
    heading.locator("button").click()
    names = column(page, "table.outlets", 1)
    assert names == sorted(names, key=str.casefold) and heading.get_attribute("aria-sort") == "ascending"
    heading.locator("button").click()
    assert column(page, "table.outlets", 1) == names[::-1]
    stories = page.locator("table.outlets th", has_text="stories").first.locator("button")
    stories.focus()
    page.keyboard.press("Enter")  # the keyboard sorts too
    counts = [int(n) for n in column(page, "table.outlets", 3)]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    page.screenshot(path=shots / "outlets-sorted.png", full_page=True)
    page.goto(base_url + "/stories")
    page.locator("th", has_text="first published").locator("button").click()
    dates = [d for d in column(page, ".listing", 2) if d]
    assert dates == sorted(dates)


def test_item22_story_quote_table_stays_inside_its_card(page, base_url, shots):
    report, _ = hostile_story()
    for width in (1280, 1000):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base_url}/stories/{report.id}")
        card = page.locator(".quote-links").locator("xpath=..")
        assert card.evaluate("el => el.scrollWidth <= el.clientWidth"), width  # nothing hidden or spilling
        table, box = page.locator(".quote-links").bounding_box(), card.bounding_box()
        assert table["x"] + table["width"] <= box["x"] + box["width"] + 1
        quoted = page.locator(".quote-links td.quoted").first.inner_text()
        assert quoted.count("\u201c") == 1 and quoted.count("\u201d") == 1 and '"' not in quoted
    page.screenshot(path=shots / "story-quote-table.png", full_page=True)


def test_item22_chart_bars_and_tiles_link_to_what_they_count(page, base_url):
    page.goto(base_url + "/")
    bar = page.locator("figure.chart").nth(1).locator("a").first  # the busiest outlet
    value = int(bar.locator("text.value").text_content())
    bar.locator("rect.bar").click()
    assert "outlet=" in page.url and page.locator(".results li").count() == value
    page.goto(base_url + "/")
    page.locator(".cards a", has_text="18").click()
    assert page.url.endswith("/search") and page.locator(".results li").count() == 18
