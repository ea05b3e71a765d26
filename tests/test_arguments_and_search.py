"""Issue 11, the query API's side: every date argument checked (item 2), ids beyond SQLite's integers (item 12),
the messages of the API (item 17) and the search syntax, stemming, count, sort and outlet filter (item 21)."""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from datetime import date, datetime

import pytest
from conftest import old_store

import newsline
from newsline.claims import stored_claims
from newsline.errors import Ambiguous, InvalidArgument, NewslineError, NotFound
from newsline.query import count_matches
from newsline.registry import api as registry
from newsline.store import SQLiteStore
from newsline.store.search_syntax import fts_query, tsquery
from newsline.stories.query import story, stories
from newsline.timeline import UnknownEntity, timeline

ARTICLES = [
    {"published": "2024-03-04", "outlet": "Velmar-News.example.com", "title": "Sanctions on Ruritania",
     "text": "Ministers in Velmar imposed new sanctions on Ruritania on Monday, freezing the assets of three banks."
             " Minister Jovan Petrović said the sanctions would stay until the border was reopened."},
    {"published": "2024-03-06T09:30:00+01:00", "outlet": "courier.example.org", "title": "Embargo on grain",
     "text": "The government of Brenholt announced an embargo on grain exports on Wednesday. Trade minister"
             " Lina Ostrova said the embargo would protect bakers in the valley."},
    {"published": "2024-03-08", "outlet": "courier.example.org", "title": "Dock strike",
     "text": "Dockworkers at Port Velmar went on strike on Friday over night shifts. Union leader Tomas Brel said"
             " the strike would last a week. Oil tankers waited at anchor."},
    {"published": "2024-03-11", "outlet": "velmar-news.example.com", "title": "Oil sanctions",
     "text": "Velmar added oil to the sanctions list on Monday. Economist Ana Petrović said oil prices would rise."},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory, analyzer):
    folder = tmp_path_factory.mktemp("args")
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    with SQLiteStore(folder / "n.db") as s:
        report = newsline.ingest([str(path)], s, analyzer=analyzer)
        assert report.added == len(ARTICLES)
        yield s


def titles(hits) -> list[str]:
    return [h.article.title for h in hits]


# -- item 2: date arguments are parsed or refused ----------------------------------------------------------------

@pytest.mark.parametrize("value", ["20240305", "2024-W10-2", "2024-03", "March", "2024-3-5", " ", "2024-03-05T10:00"])
def test_item2_dates_that_would_compare_as_text_are_refused_everywhere(store, value):
    calls = [
        lambda: newsline.articles(store, since=value), lambda: newsline.articles(store, until=value),
        lambda: newsline.search(store, "sanctions", since=value), lambda: count_matches(store, "oil", until=value),
        lambda: timeline(store, since=value), lambda: timeline(store, until=value),
        lambda: stories(store, since=value), lambda: list(stored_claims(store, since=value)),
    ]
    for call in calls:
        with pytest.raises(InvalidArgument) as error:
            call()
        assert error.value.param in ("since", "until") and repr(value) in str(error.value)


def test_item2_a_compact_date_is_refused_with_the_day_it_probably_means(store):
    with pytest.raises(InvalidArgument, match=r"since '20240305': not a date; write it as YYYY-MM-DD; did you mean"
                                              r" 2024-03-05\?"):
        newsline.articles(store, since="20240305")
    with pytest.raises(InvalidArgument, match=r"until '2024-02-30': no such day"):
        newsline.articles(store, until="2024-02-30")


def test_item2_a_start_after_the_end_is_an_error_not_an_empty_list(store):
    for call in (lambda: newsline.articles(store, since="2024-03-08", until="2024-03-01"),
                 lambda: newsline.search(store, "oil", since="2024-03-08", until="2024-03-01"),
                 lambda: timeline(store, since="2024-03-08", until="2024-03-01"),
                 lambda: stories(store, since="2024-03-08", until="2024-03-01"),
                 lambda: list(stored_claims(store, since="2024-03-08", until="2024-03-01"))):
        with pytest.raises(InvalidArgument, match="is after the end of the range"):
            call()


def test_item2_valid_dates_select_by_day_and_date_objects_are_accepted(store):
    assert len(newsline.articles(store, since="2024-03-06")) == 3  # 2024-03-06T09:30 is on that day
    assert len(newsline.articles(store, until="2024-03-06")) == 2
    assert newsline.articles(store, since=date(2024, 3, 6), until=datetime(2024, 3, 8, 12)) == \
        newsline.articles(store, since="2024-03-06", until="2024-03-08")


# -- item 12: numbers beyond SQLite's integers ------------------------------------------------------------------

@pytest.mark.parametrize("number", [str(2**63), "9" * 30, "²"])
def test_item12_entity_ids_out_of_range_are_unknown_not_a_crash(store, number):
    assert store.find_entities(number) == []
    with pytest.raises(UnknownEntity):
        registry.entity(store, number)
    with pytest.raises(UnknownEntity):
        timeline(store, actor=number)
    with pytest.raises(UnknownEntity):
        newsline.articles(store, speaker=number)
    with pytest.raises(UnknownEntity):
        newsline.search(store, "oil", speaker=number)


@pytest.mark.parametrize(("limit", "offset"), [(2**63, 0), (1, 2**63), (0, 0), (1, -1)])
def test_item12_pages_beyond_sqlite_integers_are_refused(store, limit, offset):
    for call in (newsline.articles, lambda s, **k: newsline.search(s, "oil", **k), timeline, stories,
                 registry.entities):
        with pytest.raises(InvalidArgument, match="limit|offset"):
            call(store, limit=limit, offset=offset)


# -- item 17: API messages ---------------------------------------------------------------------------------------

def test_item17_ambiguous_names_keep_their_quotes_and_ids_need_four_digits(store):
    with pytest.raises(Ambiguous, match=r"^'Petrović' names several entities: .*; give the id instead$"):
        registry.entity(store, "Petrović")
    with pytest.raises(InvalidArgument, match="give at least 4 digits of the article id"):
        newsline.show(store, "b3")
    with pytest.raises(InvalidArgument, match="give at least 4 digits of the story or article id"):
        story(store, "b3")
    with pytest.raises(InvalidArgument, match="not a valid article id"):
        newsline.show(store, "zzzz")
    with pytest.raises(NotFound, match="no article with id 'ffff0000'"):
        newsline.show(store, "ffff0000")


def test_item17_user_input_errors_of_the_api_are_newsline_errors(store):
    bad_calls = [
        lambda: timeline(store, category="HUG"), lambda: stories(store, min_outlets=0),
        lambda: newsline.search(store, "oil", sort="newest"), lambda: newsline.search(store, "!!!"),
        lambda: registry.merge(store, "Lina Ostrova", "Lina Ostrova"),
        lambda: registry.split(store, "Lina Ostrova", "Nobody"),
    ]
    for call in bad_calls:
        with pytest.raises(NewslineError):
            call()


# -- item 21: search syntax, stemming, count, sort, outlet -------------------------------------------------------

def test_item21_boolean_operators_phrases_and_prefixes(store):
    assert sorted(titles(newsline.search(store, "sanctions OR embargo"))) == [
        "Embargo on grain", "Oil sanctions", "Sanctions on Ruritania"]
    assert titles(newsline.search(store, "sanctions NOT oil")) == ["Sanctions on Ruritania"]
    assert titles(newsline.search(store, "sanctions -oil")) == ["Sanctions on Ruritania"]
    assert titles(newsline.search(store, '"night shifts"')) == ["Dock strike"]
    assert titles(newsline.search(store, '"shifts night"')) == []
    assert sorted(titles(newsline.search(store, "embarg* OR strik*"))) == ["Dock strike", "Embargo on grain"]
    assert sorted(titles(newsline.search(store, "(embargo OR strike) AND valley"))) == ["Embargo on grain"]
    assert sorted(titles(newsline.search(store, "oil or"))) == []  # lower-case "or" is a word to find


def test_item21_words_are_stemmed(store):
    assert sorted(titles(newsline.search(store, "sanction"))) == ["Oil sanctions", "Sanctions on Ruritania"]
    assert titles(newsline.search(store, "freeze")) == ["Sanctions on Ruritania"]  # "freezing"
    assert titles(newsline.search(store, "announcing")) == ["Embargo on grain"]  # "announced"


def test_item21_count_sort_and_outlet(store):
    assert count_matches(store, "sanctions") == 2 and count_matches(store, "sanctions OR embargo OR strike") == 4
    assert len(newsline.search(store, "sanctions OR embargo OR strike", limit=1)) == 1
    newest = newsline.search(store, "sanctions OR embargo OR strike", sort="date")
    assert [h.article.published[:10] for h in newest] == ["2024-03-11", "2024-03-08", "2024-03-06", "2024-03-04"]
    assert titles(newsline.search(store, "sanctions", outlet="VELMAR-news.example.com ")) == \
        titles(newsline.search(store, "sanctions", outlet="velmar-news.example.com"))
    assert len(newsline.articles(store, outlet="velmar-news.EXAMPLE.com")) == 2
    assert count_matches(store, "sanctions", outlet="courier.example.org") == 0


def test_item21_nothing_a_user_types_makes_fts5_fail(store):
    rng = random.Random(21)
    pieces = ['"', "(", ")", "*", "-", "OR", "AND", "NOT", "NEAR", "^", ":", "title:", "oil", "sanctions", "'", "+",
              "{", "}", "NEAR(", ",", ".", "ó", "\\", "0", " "]
    for _ in range(400):
        query = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 9)))
        try:
            newsline.search(store, query)
            count_matches(store, query)
        except InvalidArgument as error:  # nothing to search for, or NOT without anything to find
            assert error.param == "query"
    with pytest.raises(InvalidArgument, match="NOT"):
        newsline.search(store, "NOT oil")
    with pytest.raises(InvalidArgument, match="nested"):
        newsline.search(store, "(" * 50 + "oil")


def test_item21_the_translation(store):
    assert fts_query('farmers "blocked the" OR x*') == '(("farmers" AND "blocked the") OR "x" *)'
    assert fts_query("a -b NOT c") == '("a" NOT ("b" OR "c"))'
    assert fts_query("title:docks NEAR(x") == '("title docks" AND "NEAR" AND "x")'
    assert fts_query("oil) -gas (") == fts_query("oil -gas") == '("oil" NOT "gas")'  # unmatched: ignored
    # the same parse for PostgreSQL: a phrase is <->, a prefix :*, NOT is & !
    assert tsquery('farmers "blocked the" OR x*') == "((('farmers') & ('blocked' <-> 'the')) | ('x':*))"
    assert tsquery("a -b NOT c") == "(('a') & !(('b') | ('c')))"
    assert tsquery("it's a_b & !c:*") == "(('it' <-> 's') & ('a' <-> 'b') & ('c':*))"  # tsquery syntax is text


def test_item21_a_store_from_before_stemming_is_reindexed_on_opening(tmp_path, analyzer):
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(old_store(path, 4))) as db, db:  # migrations 1-4: unicode61 without porter
        db.execute("INSERT INTO articles (id, text, text_hash, origin, ingested_at, annotations)"
                   " VALUES ('00000000000000aa', 'New sanctions on Ruritania.', 'h', 'test', 'then', '{}')")
    with SQLiteStore(path, readonly=True) as old:
        assert old.search("sanction", newsline.store.ArticleFilter(), 10, 0) == []
    SQLiteStore(path).close()
    with SQLiteStore(path, readonly=True) as upgraded:
        assert len(newsline.search(upgraded, "sanction")) == 1
