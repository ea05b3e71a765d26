"""Cross-lingual stories on invented texts: a Russian item, its uncredited English translation, a credited English
translation and an independent English report. The translations join the Russian item's story as ``translation``
or ``translated rewrite`` of it, with aligned sentence pairs as evidence and the credit judged; the web pages and
the CLI show them, with Cyrillic names in Latin letters beside the original. Then a Russian relay of another
outlet's report and a machine translation of it that renders the credit line with the outlet's name translated."""

from __future__ import annotations

import pytest

import newsline
from newsline.model import Article
from newsline.store import SQLiteStore
from newsline.stories import StoryConfig, rebuild
from newsline.stories.crosslingual import bridge_keys
from newsline.stories.profile import features, weigh
from newsline.stories.query import story

TRANSLATED = ("translation", "translated rewrite")

RUSSIAN = (
    "Варнова: Руритания закроет порт Брентхольт для иностранных судов\n\n"
    "МОСКВА, 3 марта. Официальный представитель МИД Руритании Анна Варнова заявила во вторник, что порт "
    "Брентхольт будет закрыт для иностранных судов с 10 марта.\n\n"
    "По словам Варновой, решение принято после трех инцидентов в феврале.\n\n"
    "«Мы не можем гарантировать безопасность судов в порту», — сказала дипломат.\n\n"
    "Она добавила, что закрытие продлится не менее 30 дней.\n\n"
    "Варнова также сообщила, что правительство выделит 12 миллионов рублей на ремонт причалов.\n\n"
    "Ранее власти Руритании уже ограничивали движение судов в порту в январе.\n"
)
UNCREDITED = (  # sentence by sentence, no word about where it came from
    "Varnova: Ruritania will close the port of Brentholt to foreign ships\n\n"
    "MOSCOW, March 3. Ruritanian Foreign Ministry spokeswoman Anna Varnova said on Tuesday that the port of "
    "Brentholt will be closed to foreign ships from March 10.\n\n"
    "According to Varnova, the decision was made after three incidents in February.\n\n"
    "\"We cannot guarantee the safety of ships in the port,\" the diplomat said.\n\n"
    "She added that the closure will last at least 30 days.\n\n"
    "Varnova also said that the government will allocate 12 million rubles to repair the piers.\n\n"
    "Earlier, the Ruritanian authorities had already restricted the movement of ships in the port in January.\n"
)
CREDITED = (  # translated with its own wording, crediting the Russian outlet
    "Ruritania to shut Brentholt port to foreign vessels\n\n"
    "Anna Varnova, the spokeswoman of Ruritania's Foreign Ministry, said on Tuesday that Brentholt port would be "
    "shut to foreign vessels starting on March 10, the Velmora Herald reported.\n\n"
    "Varnova said that the decision had been taken after three incidents in February.\n\n"
    "\"We are unable to guarantee the safety of vessels in the port,\" the diplomat said.\n\n"
    "The closure will last no less than 30 days, she added.\n\n"
    "The government will set aside 12 million rubles to repair the piers, Varnova said.\n"
)
INDEPENDENT = (  # the same news, reported from the docks
    "Brentholt dockers fear for their pay as the port closes\n\n"
    "Dock workers in Brentholt gathered at the harbour gates on Wednesday after Ruritania announced that the port "
    "would close to foreign ships.\n\n"
    "Union leader Piet Malden told reporters that some 400 workers could lose most of their income.\n\n"
    "\"Nobody asked us before deciding this,\" Malden said, standing beside an empty crane.\n\n"
    "Foreign Ministry spokeswoman Anna Varnova announced the closure in Moscow on Tuesday.\n\n"
    "Local shops near the quay have already started to cut their opening hours.\n"
)
OUTLETS = {"ru": "velmoraherald.example.ru", "uncredited": "harbourdaily.example.com",
           "credited": "coastwatch.example.org", "independent": "brentholtnews.example.com"}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    texts = {"ru": (RUSSIAN, "2026-03-03T09:00:00+03:00"), "uncredited": (UNCREDITED, "2026-03-03T13:00:00+00:00"),
             "credited": (CREDITED, "2026-03-03T15:30:00+00:00"),
             "independent": (INDEPENDENT, "2026-03-04T10:00:00+00:00")}
    return {role: newsline.analyze(text, published=published, outlet=OUTLETS[role],
                                   url=f"https://{OUTLETS[role]}/{role}")
            for role, (text, published) in texts.items()}


@pytest.fixture(scope="module")
def db(tmp_path_factory, articles) -> str:
    path = tmp_path_factory.mktemp("crosslingual") / "news.db"
    with SQLiteStore(path) as store:
        store.add_articles([(a, "test") for a in articles.values()])
        rebuild(store, StoryConfig())
    return str(path)


@pytest.fixture(scope="module")
def view(db, articles):
    with SQLiteStore(db) as store:
        return story(store, articles["ru"].id)


def _entry(view, article):
    return next(a for a in view.articles if a.id == article.id)


def test_languages_and_language_independent_keys(articles):
    assert articles["ru"].language == "ru" and articles["uncredited"].language == "en"
    written, _ = bridge_keys(weigh(features(articles["ru"]), 1, {}))
    _, looked_up = bridge_keys(weigh(features(articles["uncredited"]), 1, {}))
    assert "x:ru:n:varnova" in written and "x:ru:n:varnova" in looked_up  # Варнова = Varnova
    english_only = [k for k in bridge_keys(weigh(features(articles["independent"]), 1, {}))[1]]
    assert all(k.startswith("x:ru:") for k in english_only)  # an English article only finds other languages


def test_the_translations_join_the_russian_story_and_name_it_as_source(view, articles):
    assert view.articles[0].id == articles["ru"].id and view.articles[0].relation == "first"
    for role in ("uncredited", "credited"):
        entry = _entry(view, articles[role])
        assert entry.relation in TRANSLATED and entry.source_id == articles["ru"].id, (role, entry)
        assert entry.language == "en"


def test_uncredited_translation_is_flagged_and_the_credited_one_is_not(view, articles):
    uncredited, credited = _entry(view, articles["uncredited"]), _entry(view, articles["credited"])
    assert uncredited.credited is False and uncredited.uncredited
    assert credited.credited is True and not credited.uncredited
    assert "Velmora Herald" in credited.credit.text


def test_aligned_sentence_pairs_are_the_evidence(view, articles):
    entry = _entry(view, articles["uncredited"])
    pairs = {(s.text, s.source_text) for s in entry.spans}
    assert ("According to Varnova, the decision was made after three incidents in February.",
            "По словам Варновой, решение принято после трех инцидентов в феврале.") in pairs
    assert len(entry.spans) >= 5 and all(s.similarity >= 0.6 for s in entry.spans)


def test_the_independent_report_is_no_translation(db, articles):
    with SQLiteStore(db) as store:
        own = story(store, articles["independent"].id)
    entry = _entry(own, articles["independent"])
    assert entry.relation not in TRANSLATED and not entry.uncredited


def test_cli_story_shows_the_translation_and_latin_names(db, articles):
    import json

    from typer.testing import CliRunner

    from newsline.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["story", articles["ru"].id, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    relations = {a["id"]: (a["relation"], a["credited"]) for a in json.loads(result.output)["articles"]}
    assert relations[articles["uncredited"].id][0] in TRANSLATED and relations[articles["uncredited"].id][1] is False
    assert runner.invoke(app, ["index", "--db", db]).exit_code == 0  # the entity registry the quotes list reads
    result = runner.invoke(app, ["quotes", "--db", db, "--csv"])  # CSV: no table wraps the names
    assert result.exit_code == 0, result.output
    assert "Анна Варнова (Anna Varnova)" in result.output


def test_web_story_and_compare_pages(db, articles):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsline.web import create_app

    client = TestClient(create_app(db))
    page = client.get(f"/stories/{articles['ru'].id}").text
    assert "rel-translation" in page or "rel-translated-rewrite" in page
    compare = client.get(f"/stories/{articles['ru'].id}/compare/{articles['uncredited'].id}").text
    assert "Each sentence beside the sentence it translates" in compare
    assert 'lang="ru"' in compare and "По словам Варновой" in compare and "According to Varnova" in compare
    article_page = client.get(f"/articles/{articles['ru'].id}").text
    assert 'lang="ru"' in article_page and "Анна Варнова" in article_page and "(Anna Varnova)" in article_page


def test_browser_shows_the_translation_side_by_side(db, articles, tmp_path):
    """In headless Chromium (as tests/test_web_browser.py): the story page, then its compare view with the
    Russian sentences beside their English translations."""
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    pytest.importorskip("uvicorn")
    from web_server import serving

    from newsline.web import create_app

    errors: list[str] = []
    with serving(create_app(db)) as base_url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base_url}/stories/{articles['ru'].id}")
        relations = page.locator("td.relation").all_inner_texts()
        assert any("TRANSLATION" in r.upper() and "UNCREDITED" in r.upper() for r in relations), relations
        assert any("TRANSL" in r.upper() and "Velmora Herald" in r for r in relations), relations
        page.locator(f"#a{_position(page, articles)} a.compare").click()
        assert "/compare/" in page.url
        left = page.locator(".cmp.reused:not(.source-side)").all_inner_texts()
        right = page.locator(".cmp.reused.source-side").all_inner_texts()
        assert len(left) == len(right) >= 5
        assert any("По словам Варновой" in r for r in right) and any("According to Varnova" in t for t in left)
        box_left = page.locator(".cmp.reused").first.bounding_box()
        box_right = page.locator(".cmp.reused.source-side").first.bounding_box()
        assert box_right["x"] > box_left["x"] + box_left["width"] / 2  # side by side, not stacked
        page.screenshot(path=tmp_path / "compare-translation.png", full_page=True)
        browser.close()
    assert errors == []


def _position(page, articles) -> str:
    """The row anchor of the uncredited translation on the story page."""
    row = page.locator("table.story-articles tbody tr", has=page.locator(f"a[href$='/articles/{articles['uncredited'].id}']"))
    return row.get_attribute("id")[1:]


RELAY = (  # a Russian site relaying another outlet's report, credited in its lead
    "Брентхольт: порт откроют не раньше апреля\n\n"
    "Официальный представитель МИД Руритании Анна Варнова заявила, что порт Брентхольт не откроют для иностранных "
    "судов раньше апреля. По ее словам, гарантии безопасности так и не были получены, сообщают «Вельморские "
    "новости».\n\n"
    "«Мы продлевали срок дважды, но обещания не выполнены», — сказала Варнова.\n\n"
    "Ранее власти Руритании сообщили, что из порта за год было вывезено около 4,2 миллиона тонн грузов.\n"
)
MACHINE_TRANSLATION = (  # sentence by sentence; the credited outlet's name translated word for word
    "Brentholt: the port will not be opened before April\n\n"
    "The official representative of the Ruritanian Foreign Ministry Anna Varnova said that the port of Brentholt "
    "will not be opened to foreign ships before April. According to her, security guarantees were never "
    "received, report “Velmora News”.\n\n"
    "“We extended the deadline twice, but the promises were not fulfilled,” Varnova said.\n\n"
    "Earlier, the Ruritanian authorities said that about 4.2 million tons of cargo were exported from the port "
    "in a year.\n"
)


def test_a_translation_that_renders_its_sources_credit_line_is_credited(tmp_path):
    relay = newsline.analyze(RELAY, published="2026-03-10T09:00:00+03:00", outlet="brentholt-online.example.ru",
                             url="https://brentholt-online.example.ru/port")
    translated = newsline.analyze(MACHINE_TRANSLATION, published=None, outlet="worldwire.example.com",
                                  url="https://worldwire.example.com/port")
    with SQLiteStore(tmp_path / "relay.db") as store:
        store.add_articles([(relay, "test"), (translated, "test")])
        rebuild(store, StoryConfig())
        view = story(store, relay.id)
    entry = _entry(view, translated)
    assert entry.relation in TRANSLATED and entry.source_id == relay.id
    # it names the outlet the relay credits (in translation), not the relay itself: credited, with that origin
    assert entry.credited is True and not entry.uncredited
    assert entry.credit.text == "Velmora News" and entry.origin == "Вельморские новости"
