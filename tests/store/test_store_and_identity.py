"""Identity, re-ingestion, exact copies, languages, search, migrations."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import ARTICLE_A, ARTICLE_B, RUSSIAN

import newsline
from newsline.errors import InvalidArgument, StoreError
from newsline.identity import article_id, normalize_text, outlet_from_url
from newsline.store import SQLiteStore
from newsline.store.sqlite import fts_query, migrations


def jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return str(path)


def test_identity_is_text_and_url():
    assert article_id(ARTICLE_A, None) == article_id("  " + ARTICLE_A.replace(" ", "  ") + "\n", None)
    assert article_id(ARTICLE_A, "https://a.example.com/1") != article_id(ARTICLE_A, "https://b.example.com/1")
    assert normalize_text("Cafe\u0301  bar\n") == "Caf\u00e9 bar"
    assert outlet_from_url("https://www.news.example.co.uk/a?b=1") == "example.co.uk"
    assert outlet_from_url("https://x.blogspot.com/2024/post") == "x.blogspot.com"  # private PSL section
    assert outlet_from_url("https://www.harbourgazette.example.com/a") == "harbourgazette.example.com"  # reserved
    assert outlet_from_url(None) is None


def test_reingesting_adds_nothing_and_says_so(tmp_path, store, analyzer):
    path = jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A}, {"text": ARTICLE_B}, {"text": ARTICLE_A}])
    first = newsline.ingest([path], store, analyzer=analyzer)
    assert (first.added, first.repeated) == (2, 1)
    second = newsline.ingest([path], store, analyzer=analyzer)
    assert (second.added, second.already_stored) == (0, 3)


def test_same_text_two_urls_is_two_articles_marked_as_exact_copies(tmp_path, store, analyzer):
    path = jsonl(tmp_path / "a.jsonl", [
        {"text": ARTICLE_A, "url": "https://velmar-news.example.com/docks", "published": "2024-03-05"},
        {"text": ARTICLE_A, "url": "https://copycat.example.net/p/1", "published": "2024-03-06"},
        {"text": ARTICLE_B, "url": "https://copycat.example.net/p/2"},
    ])
    assert newsline.ingest([path], store, analyzer=analyzer).added == 3
    original = newsline.articles(store, outlet="velmar-news.example.com")[0]
    view = newsline.show(store, original.id)
    assert [c.outlet for c in view.copies] == ["copycat.example.net"]
    assert newsline.stats(store).exact_copies == 2


GERMAN = ("Die Hafenbehörde von Velmora teilte am Montag mit, dass die Nachtschichten im Hafen enden. Der Hafenmeister "
          "sagte, man könne sie nicht mehr bezahlen.")


def test_a_language_without_analysis_is_stored_and_flagged_not_analysed(tmp_path, store, analyzer):
    path = jsonl(tmp_path / "a.jsonl", [{"text": GERMAN}, {"text": RUSSIAN}, {"text": ARTICLE_A}])
    report = newsline.ingest([path], store, analyzer=analyzer)
    assert (report.added, report.not_analysed) == (3, 1)
    [de] = newsline.articles(store, language="de")
    article = newsline.show(store, de.id).article
    assert article.analysis.status == "skipped"
    assert "newsline analyses en, ru" in article.analysis.reason
    assert article.sentences == []
    [ru] = newsline.articles(store, language="ru")
    assert newsline.show(store, ru.id).article.analysis.status == "ok"  # Russian has its language pack


def test_analyze_refuses_other_languages_plainly():
    article = newsline.analyze(GERMAN)
    assert article.language == "de" and article.analysis.status == "skipped" and not article.sentences


def test_filters_and_pagination(tmp_path, store, analyzer):
    rows = [{"text": f"{ARTICLE_B} Day {d}.", "published": f"2024-03-{d:02d}", "outlet": "Orlen Courier"}
            for d in range(1, 11)] + [{"text": ARTICLE_A}]
    newsline.ingest([jsonl(tmp_path / "a.jsonl", rows)], store, analyzer=analyzer)
    listed = newsline.articles(store, since="2024-03-03", until="2024-03-05")
    assert [a.published for a in listed] == ["2024-03-03", "2024-03-04", "2024-03-05"]
    assert newsline.articles(store, limit=1, offset=10)[0].published is None  # undated last
    with pytest.raises(ValueError, match="not a date"):
        newsline.articles(store, since="March")
    with pytest.raises(ValueError, match="after"):
        newsline.articles(store, since="2024-03-05", until="2024-03-01")


def test_search_ranks_with_snippets_and_treats_input_as_text(tmp_path, store, analyzer):
    rows = [{"text": ARTICLE_A, "title": "Docks to close"}, {"text": ARTICLE_B, "title": "Farmers block highway"}]
    newsline.ingest([jsonl(tmp_path / "a.jsonl", rows)], store, analyzer=analyzer)
    [hit] = newsline.search(store, "cranes")
    assert hit.article.title == "Docks to close" and "[cranes]" in hit.snippet
    assert newsline.search(store, '"eastern docks"')[0].article.title == "Docks to close"
    for hostile in ["' OR 1=1 --", '"; DROP TABLE articles; --', "NEAR(docks", "docks AND", "title:docks"]:
        assert isinstance(newsline.search(store, hostile), list)
    assert [h.article.title for h in newsline.search(store, "docks' OR '1'='1")] == ["Docks to close"]  # OR: either
    assert newsline.search(store, "title:docks") == []  # the words "title" and "docks", not a column filter
    assert newsline.stats(store).articles == 2
    with pytest.raises(InvalidArgument, match="no words"):
        newsline.search(store, "*** ''")
    assert fts_query('farmers "blocked the" OR x') == '(("farmers" AND "blocked the") OR "x")'


def test_diacritics_are_folded_in_search(tmp_path, store, analyzer):
    text = "Minister Jovan Petrović visited the port on Monday and promised new cranes for the harbour."
    newsline.ingest([jsonl(tmp_path / "a.jsonl", [{"text": text}])], store, analyzer=analyzer)
    assert len(newsline.search(store, "Petrovic")) == 1


def test_show_accepts_a_unique_prefix_and_reports_unknown_ids(tmp_path, store, analyzer):
    newsline.ingest([jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A}])], store, analyzer=analyzer)
    full = newsline.articles(store)[0].id
    assert newsline.show(store, full[:6]).article.id == full
    with pytest.raises(newsline.NotFound):
        newsline.show(store, "ffffffffffffffff" if not full.startswith("ffff") else "0000000000000000")
    with pytest.raises(InvalidArgument, match="not a valid article id"):
        newsline.show(store, "'; DROP TABLE articles; --")


def test_migrations_are_recorded_and_not_reapplied(tmp_path):
    path = tmp_path / "m.db"
    SQLiteStore(path).close()
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    versions = [row[0] for row in db.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [v for v, _, _ in migrations()]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readonly_store_refuses_missing_or_foreign_files(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        SQLiteStore(tmp_path / "missing.db", readonly=True)
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a newsline store"):
        SQLiteStore(tmp_path / "other.db", readonly=True)


def test_stored_article_round_trips_the_contract(tmp_path, store, analyzer):
    newsline.ingest([jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A, "url": "https://x.example.com/1"}])],
                    store, analyzer=analyzer)
    stored = newsline.show(store, newsline.articles(store)[0].id).article
    fresh = newsline.analyze(ARTICLE_A, url="https://x.example.com/1")
    assert stored.to_dict() == fresh.to_dict()


def test_an_article_the_store_cannot_take_is_rejected_and_the_run_goes_on(tmp_path, store, analyzer, monkeypatch):
    real = store.add_articles

    def fragile(batch):
        if any("Farmers" in a.text for a, _ in batch):
            raise RuntimeError("simulated indexing failure")
        return real(batch)

    monkeypatch.setattr(store, "add_articles", fragile)
    path = jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A}, {"text": ARTICLE_B}, {"text": ARTICLE_A + " More."}])
    report = newsline.ingest([path], store, analyzer=analyzer)
    assert report.added == 2
    assert [str(r) for r in report.rejections] == [
        f"{path}:2: could not be stored (RuntimeError: simulated indexing failure); this is a newsline bug, "
        "please report it with this record"]
    assert newsline.stats(store).articles == 2
