"""Store conformance: every method of the ``Store`` protocol, on SQLite and on a real PostgreSQL server.

Each test that takes ``store`` or ``new_location`` runs once per backend (``conftest.backend``) and states what
any store must do, with the registry, events and stories filled by ``newsline.indexing`` (as ``newsline index``
does); ``test_backends_answer_alike`` builds one corpus in both and compares every answer. The PostgreSQL server
is a throwaway one (tests/postgres_server.py); without one those runs skip, saying why.
"""

from __future__ import annotations

import dataclasses
import importlib
import threading

import pytest
from web_corpus import build_db, harbour_article, hostile_article, hostile_story, officials_articles, plain_articles, \
    strike_articles

from newsline.errors import AmbiguousId, InvalidArgument, NotFound, StoreError
from newsline.identity import article_id
from newsline.indexing import index, reindex
from newsline.model import (EVENT_STATUSES, AnalysisInfo, Article, Entity, Event, EventDate, Mention, Predicate, Quote,
                            Span)
from newsline.store import open_store
from newsline.store.base import (ArticleFilter, EventFilter, EventRow, QuoteFilter, QuoteLink, ReusedSpan, Store,
                                 StoryEntry, StoryFilter, StoryRelation)
from newsline.stories import assign
from newsline.timeline.dates import UNDATED_DAY


def written(text: str, outlet: str | None, published: str | None, title: str | None = None, *, url: str | None = None,
            language: str | None = "en", people: tuple[str, ...] = ()) -> Article:
    """An article with a person entity, a quote and a STATEMENT event for each of ``people`` (named in the text)."""
    entities, quotes, events = [], [], []
    for i, name in enumerate(people, 1):
        at = text.index(name)
        entities.append(Entity(f"e{i}", name, "PERSON", [Mention(at, at + len(name), name, "name")]))
        quotes.append(Quote(f"q{i}", "indirect", Span.of(text, 0, at - 1), f"e{i}", None, None, 0.9))
        events.append(Event(f"v{i}", f"e{i}", Predicate("say", "said"), "STATEMENT",
                            EventDate(published[:10] if published else None, "day" if published else None, None,
                                      "publication"), Span.of(text, 0, len(text)), quote=f"q{i}"))
    return Article(article_id(text, url), text, url, outlet, published, title, language, entities=entities,
                   quotes=quotes, events=events)


PETROVIC = written("Brenholt's mayor Dragan Petrović opened the covid-19 ward, which cost 3.5 million crowns, said"
                   " Dragan Petrović.", "brenholt-post.example", "2024-05-02", "Mayor opens ward",
                   url="https://brenholt-post.example/ward", people=("Dragan Petrović",))
PETROVIC_COPY = dataclasses.replace(PETROVIC, url="https://copy.example/ward", outlet="copy.example",
                                    id=article_id(PETROVIC.text, "https://copy.example/ward"))
WARD_TITLE = written("The hospital board met in the old town hall on Thursday evening.", "velmora-daily.example",
                     "2024-05-03", "Covid ward budget", url="https://velmora-daily.example/board")
RURITANIAN = dataclasses.replace(
    written("Die Stadtverwaltung von Velmora hat am Montag den neuen Hafen eröffnet.", "velmora-zeitung.example",
            "2024-05-04", "Neuer Hafen", language="de"), analysis=AnalysisInfo("skipped", "not English"))
EXTRAS = [PETROVIC, PETROVIC_COPY, WARD_TITLE, RURITANIAN]


def corpus() -> list[Article]:
    """The web tests' articles and the ones above, marked analysed (a registry rebuild reads analysed ones only)."""
    return [dataclasses.replace(a, analysis=a.analysis or AnalysisInfo("ok")) for a in (
        harbour_article(), hostile_article(), *plain_articles(), *officials_articles(), *strike_articles(),
        *hostile_story(), *EXTRAS)]


@pytest.fixture
def store(new_location):
    with open_store(new_location("conformance")) as opened:
        yield opened


@pytest.fixture
def filled(store):
    articles = corpus()
    store.add_articles([(a, f"corpus:{i}") for i, a in enumerate(articles)])
    index(store, stories=None)
    return store


# -- articles -----------------------------------------------------------------------------------------------------

def test_add_articles_counts_new_articles_once(store: Store):
    articles = corpus()
    assert store.add_articles([(a, "first") for a in articles]) == len(articles)
    assert store.add_articles([(a, "again") for a in articles]) == 0
    twice = written("A ferry to Ruritania left on time.", "ferry.example", "2024-06-01")
    assert store.add_articles([(twice, "x"), (twice, "y")]) == 1
    assert store.existing_ids([twice.id, "0000000000000000", articles[0].id]) == {twice.id, articles[0].id}
    assert store.existing_ids([]) == set()
    assert store.get_article(articles[0].id).origin == "first"
    assert store.stats().articles == len(articles) + 1
    assert store.add_articles([]) == 0


def test_stored_articles_wait_in_the_queue_in_load_order(store: Store):
    articles = corpus()
    store.add_articles([(a, "first") for a in articles[:5]])
    store.add_articles([(a, "again") for a in articles[:8]])
    assert store.queued_count() == 8 and store.indexed_articles(100) == []
    assert store.queued_articles(100) == articles[:8] and store.queued_articles(3) == articles[:3]
    with store.atomic():
        store.dequeue([articles[1].id, articles[0].id, "ffffffffffffffff"])
    store.dequeue([])
    assert store.queued_count() == 6 and store.queued_articles(2) == articles[2:4]
    assert store.indexed_articles(100) == articles[:2] and store.indexed_articles(1, articles[0].id) == articles[1:2]
    assert store.stats().event_reports == 0  # storing decides nothing: indexing does
    with pytest.raises(RuntimeError), store.atomic():  # a failed indexing transaction leaves its chunk queued
        store.dequeue([a.id for a in articles[2:8]])
        raise RuntimeError("killed midway")
    assert store.queued_count() == 6
    store.dequeue([a.id for a in articles[2:8]])
    assert store.queued_count() == 0 and store.indexed_articles(100) == articles[:8]
    assert store.indexed_articles(3, articles[4].id) == articles[5:8] and store.indexed_articles(3, articles[7].id) == []


def test_indexing_writes_entities_events_and_clusters(store: Store):
    (first, second) = (written(f"{n} Lena Varga spoke.", outlet, "2024-05-02", people=("Lena Varga",))
                       for n, outlet in (("Monday:", "one.example"), ("Today:", "two.example")))
    store.add_articles([(first, "x"), (second, "x")])
    with store.atomic():
        view = store.registry_view()
        varga = view.create_entity("lena varga", "Lena Varga", "PERSON", "varga", "lena")
        view.add_aliases(varga, ["Lena Varga", "Varga"])
        assert view.entity_by_key("lena varga").id == varga
        store.add_article_entities(first.id, [("e1", varga, "lena varga")])
        store.add_article_entities(first.id, [("e1", varga, "lena varga")])  # again: replaced, not doubled
        day = EventRow(first.events[0], varga, None, "2024-05-02", 1440)
        rows = [store.add_events(a.id, [dataclasses.replace(day, event=a.events[0])])[0] for a in (first, second)]
        assert rows[1] > rows[0] and store.same_event_candidates([rows[0]]) == {}  # none earlier
        assert store.same_event_candidates(rows) == {rows[1]: [(rows[0], "say", first.text)]}
        store.set_event_cluster(rows[1], rows[0])
        other, = store.add_events(first.id, [EventRow(dataclasses.replace(first.events[0], id="v2"), varga, None,
                                                      "2024-05-03", 1440)])  # another day
        again, = store.add_events(second.id, [EventRow(dataclasses.replace(second.events[0], id="v2"), varga, None,
                                                       "2024-05-02", 1440)])
        assert store.same_event_candidates([other, again]) == {again: [(rows[0], "say", first.text)]}  # not its own
        assert store.add_events(first.id, []) == [] and store.same_event_candidates([]) == {}
    assert [e.name for _, e in store.article_entities(first.id)] == ["Lena Varga"]
    reports = store.event_reports(EventFilter(), 10)
    assert [(r.article_id, r.cluster, r.day) for r in reports] == [
        (first.id, rows[0], "2024-05-02"), (second.id, rows[0], "2024-05-02"), (second.id, again, "2024-05-02"),
        (first.id, other, "2024-05-03")]
    assert {r.actor for r in reports} == {"Lena Varga"}
    assert store.stats().distinct_events == 3 and store.stats().entities == 1
    with store.atomic():
        store.reset_registry()
    assert (store.stats().event_reports, store.stats().entities, store.article_entities(first.id)) == (0, 0, [])
    with store.atomic():  # ids start at 1 again
        assert store.registry_view().create_entity("lena varga", "Lena Varga", "PERSON", "varga", "lena") == 1
        twice = [EventRow(dataclasses.replace(first.events[0], id=f"v{i}"), 1, None, "2024-05-02", 1440) for i in (1, 2)]
        assert store.add_events(first.id, twice) == [1, 2]


def test_an_article_comes_back_as_its_contract(filled: Store):
    for article in corpus():
        stored = filled.get_article(article.id)
        assert stored.article.to_dict() == article.to_dict()
        assert stored.origin.startswith("corpus:") and stored.ingested_at[:2] == "20"
    by_id = {a.id: a for a in corpus()}
    assert filled.get_articles([RURITANIAN.id, "ffffffffffffffff", PETROVIC.id]) == [by_id[RURITANIAN.id],
                                                                                      by_id[PETROVIC.id]]
    assert filled.get_articles([]) == []


def test_id_prefixes(store: Store):
    store.add_articles([(Article("abcd000000000001", "One."), "x"), (Article("abcd000000000002", "Two."), "x")])
    assert store.get_article("ABCD000000000001 ").article.text == "One."
    assert store.get_article("abcd0000000000012") is None  # longer than any id
    with pytest.raises(AmbiguousId, match="several articles"):
        store.get_article("abcd")
    for not_an_id in ("abc", "wxyz1234", "abcd%", "' OR 1=1 --", ""):
        assert store.get_article(not_an_id) is None


def test_exact_copies(filled: Store):
    assert [c.id for c in filled.copies_of(PETROVIC.id)] == [PETROVIC_COPY.id]
    assert [c.id for c in filled.copies_of(PETROVIC_COPY.id)] == [PETROVIC.id]
    assert filled.copies_of(WARD_TITLE.id) == [] and filled.copies_of("ffffffffffffffff") == []
    assert filled.stats().exact_copies == 2


def test_list_articles_order_filters_and_pages(filled: Store):
    everything = filled.list_articles(ArticleFilter(), 100, 0)
    assert len(everything) == len(corpus())
    dates = [a.published for a in everything]
    assert dates[-1] is None and dates[:-1] == sorted(dates[:-1])  # publication order, undated last
    same_day = [a for a in everything if a.published == "2024-03-08"]
    assert [a.outlet for a in same_day] == sorted(a.outlet for a in same_day)
    summary = next(a for a in everything if a.id == PETROVIC.id)
    assert (summary.url, summary.outlet, summary.title, summary.language, summary.chars) == \
        (PETROVIC.url, PETROVIC.outlet, PETROVIC.title, "en", len(PETROVIC.text))
    assert [a.id for a in filled.list_articles(ArticleFilter(outlet="brenholt-post.example"), 10, 0)] == [PETROVIC.id]
    assert [a.id for a in filled.list_articles(ArticleFilter(outlet="Brenholt-POST.example"), 10, 0)] == [PETROVIC.id]
    window = filled.list_articles(ArticleFilter(since="2024-05-02", until="2024-05-03"), 10, 0)
    assert [a.id for a in window] == [PETROVIC.id, PETROVIC_COPY.id, WARD_TITLE.id] or \
        [a.id for a in window] == [PETROVIC_COPY.id, PETROVIC.id, WARD_TITLE.id]
    # a datetime on the last day is inside --until that day
    strike_day = filled.list_articles(ArticleFilter(since="2025-03-04", until="2025-03-04"), 10, 0)
    assert len(strike_day) == 3 and all(a.published.startswith("2025-03-04T") for a in strike_day)
    assert [a.id for a in filled.list_articles(ArticleFilter(language="de"), 10, 0)] == [RURITANIAN.id]
    (petrovic,) = filled.find_entities("Dragan Petrović")
    quoting = filled.list_articles(ArticleFilter(speaker_id=petrovic.id), 10, 0)
    assert {a.id for a in quoting} == {PETROVIC.id, PETROVIC_COPY.id}
    pages = [filled.list_articles(ArticleFilter(), 5, offset) for offset in range(0, len(everything), 5)]
    assert [a for page in pages for a in page] == everything
    assert filled.list_articles(ArticleFilter(outlet="nowhere.example"), 10, 0) == []


def test_search_finds_words_phrases_and_folds_diacritics(filled: Store):
    def ids(query: str, where: ArticleFilter = ArticleFilter()) -> set[str]:
        return {h.article.id for h in filled.search(query, where, 50, 0)}

    both = {PETROVIC.id, PETROVIC_COPY.id}
    assert ids("Petrović") == ids("petrovic") == ids("PETROVIC") == both
    assert ids('"Dragan Petrovic" ward') == both
    assert ids('"Petrovic Dragan"') == set()  # a phrase keeps its order
    assert ids("covid-19") == ids("19 covid") == both | set()  # "covid-19" is the words covid and 19
    assert ids('"3.5 million"') == both and ids("3") == both
    assert ids("brenholt") == both  # "Brenholt's": the apostrophe ends the word
    assert ids("ward covid") == both | {WARD_TITLE.id}  # WARD_TITLE by its title
    assert ids("ward", ArticleFilter(outlet="copy.example")) == {PETROVIC_COPY.id}
    assert ids("ward", ArticleFilter(since="2024-05-03")) == {WARD_TITLE.id}
    (petrovic,) = filled.find_entities("Petrovic")
    assert ids("ward", ArticleFilter(speaker_id=petrovic.id)) == both
    assert ids("zanzibar") == set() and ids("hafen") == {RURITANIAN.id} and ids("eroffnet") == {RURITANIAN.id}
    assert ids("Robert'); DROP TABLE articles; --") == set() and filled.stats().articles == len(corpus())
    with pytest.raises(InvalidArgument, match="no words"):
        filled.search("?!", ArticleFilter(), 10, 0)
    with pytest.raises(InvalidArgument, match="no words"):
        filled.count_matches("-- ()", ArticleFilter())


def test_search_syntax_stemming_counts_and_sorting(filled: Store):
    def ids(query: str, where: ArticleFilter = ArticleFilter()) -> set[str]:
        found = {h.article.id for h in filled.search(query, where, 100, 0)}
        assert filled.count_matches(query, where) == len(found)
        return found

    strike = ids("strike")
    assert len(strike) >= 5 and ids("strikes") == ids("striking") == strike  # stemmed, both ways
    assert ids("STRIK*") == ids("strik*") >= strike and ids("dock*") > ids("dockworkers")
    assert ids("ward OR hafen") == {PETROVIC.id, PETROVIC_COPY.id, WARD_TITLE.id, RURITANIAN.id}
    assert ids("ward NOT hospital") == ids("ward -hospital") == {PETROVIC.id, PETROVIC_COPY.id}
    assert ids("(ward OR hafen) -hospital -copy.example") == {PETROVIC.id, PETROVIC_COPY.id, RURITANIAN.id}
    assert ids("ward or") == set()  # a lower-case "or" is a word to find
    assert ids('"mayor opens"') == both_petrovic() and ids('"opens mayor"') == set()  # titles too, stemmed
    assert ids("ward)") == ids("(ward") == ids("ward AND") == ids("ward")  # unmatched or dangling: ignored
    assert filled.count_matches("strike", ArticleFilter(outlet="VALDORIA-HERALD.example")) == \
        filled.count_matches("strike", ArticleFilter(outlet="valdoria-herald.example")) == 1  # case ignored
    with pytest.raises(InvalidArgument, match="NOT"):
        filled.search("NOT strike", ArticleFilter(), 10, 0)
    newest = filled.search("ward OR hafen OR strike", ArticleFilter(), 100, 0, sort="date")
    dates = [h.article.published for h in newest]
    assert dates == sorted(dates, reverse=True) and len(newest) == len(ids("ward OR hafen OR strike"))
    pages = [h.article.id for offset in (0, 3, 6) for h in filled.search("strike OR ward", ArticleFilter(), 3, offset,
                                                                        sort="date")]
    assert pages == [h.article.id for h in filled.search("strike OR ward", ArticleFilter(), 9, 0, sort="date")]


def both_petrovic() -> set[str]:
    return {PETROVIC.id, PETROVIC_COPY.id}


def test_search_ranks_titles_first_and_marks_matches(filled: Store):
    hits = filled.search("covid", ArticleFilter(), 10, 0, marks=("<<", ">>"))
    assert hits[0].article.id == WARD_TITLE.id  # in the title beats in the text
    assert [h.score for h in hits] == sorted(h.score for h in hits)  # lower is better
    text_hit = next(h for h in hits if h.article.id == PETROVIC.id)
    assert "<<covid>>-19 ward" in text_hit.snippet
    accented = filled.search("petrovic", ArticleFilter(), 10, 0, marks=("\ue000", "\ue001"))[0]
    assert "\ue000Petrović\ue001" in accented.snippet  # the article's own spelling, marked
    long_hit = next(h for h in filled.search("injunction", ArticleFilter(), 10, 0))
    assert long_hit.snippet.count("[injunction]") == 1 and " … " in long_hit.snippet
    first, second = (filled.search("strike", ArticleFilter(), 2, offset) for offset in (0, 2))
    assert len(first) == len(second) == 2 and {h.article.id for h in first}.isdisjoint(h.article.id for h in second)


def test_stats(filled: Store):
    stats = filled.stats()
    articles = corpus()
    assert stats.articles == len(articles) and stats.undated == 1 and stats.non_english == 1
    assert stats.outlets == len({a.outlet for a in articles})
    assert (stats.first_published, stats.last_published) == ("2024-02-05", "2025-03-07T09:00:00+00:00")
    assert stats.by_language == [("en", len(articles) - 1), ("de", 1)]
    assert sum(n for _, n in stats.by_outlet) == len(articles) and stats.by_outlet[0][1] >= stats.by_outlet[-1][1]
    assert sum(n for _, n in stats.by_day) == len(articles) - 1 and stats.by_day == sorted(stats.by_day)
    assert stats.event_reports == sum(len(a.events) for a in articles)
    assert stats.distinct_events == stats.event_reports - 2  # an accusation two outlets report, a copied statement
    assert stats.entities > 0 and stats.stories == 0


def test_atomic_blocks_are_whole_or_nothing_and_unseen_until_they_end(new_location):
    location = new_location("atomic")
    first, second, third, fourth = (written(f"Notice number {n} about the ferry.", "ferry.example",
                                            f"2024-06-0{n}") for n in range(1, 5))
    with open_store(location) as writer:
        with open_store(location, readonly=True) as reader:
            with writer.atomic():
                writer.add_articles([(first, "x")])
                with writer.atomic():  # nested: part of the outer block
                    writer.add_articles([(second, "x")])
                assert writer.stats().articles == 2 and reader.stats().articles == 0
            assert reader.stats().articles == 2
        with pytest.raises(RuntimeError), writer.atomic():
            writer.add_articles([(third, "x")])
            raise RuntimeError("a failure inside the block")
        with writer.atomic():
            writer.add_articles([(third, "x")])
            with pytest.raises(RuntimeError), writer.atomic():  # an inner failure undoes the inner block only
                writer.add_articles([(fourth, "x")])
                raise RuntimeError("a failure inside the inner block")
        assert writer.existing_ids([a.id for a in (first, second, third, fourth)]) == {first.id, second.id, third.id}
    with open_store(location, readonly=True) as reader:
        assert reader.stats().articles == 3 and reader.stats().event_reports == 0


def test_a_failed_stories_rebuild_leaves_the_old_stories(new_location, monkeypatch):
    rebuilding = importlib.import_module("newsline.stories.rebuild")  # the module (the package exports the function)
    location = new_location("rebuild")
    with open_store(location) as store:
        store.add_articles([(a, "x") for a in corpus()])
        rebuilding.rebuild(store)
        before = store.list_stories(StoryFilter(), 100, 0)
        analyses = [store.story_analysis(s.id) for s in before]
        seen_meanwhile = []

        def fail(store_: Store, touched: object, config: object) -> None:
            with open_store(location, readonly=True) as reader:  # another reader, while the rebuild runs
                seen_meanwhile.append(reader.list_stories(StoryFilter(), 100, 0))
            raise RuntimeError("killed midway")

        monkeypatch.setattr(rebuilding, "analyse_stories", fail)
        with pytest.raises(RuntimeError, match="midway"):
            rebuilding.rebuild(store, rebuilding.StoryConfig(window_days=None))
        assert seen_meanwhile == [before] and store.list_stories(StoryFilter(), 100, 0) == before
        assert [store.story_analysis(s.id) for s in before] == analyses and store.unassigned_article_ids(10) == []


def test_quote_rows_and_quote_links(store: Store):
    articles = corpus()
    store.add_articles([(a, "x") for a in articles])
    index(store, stories=None)
    assign(store, articles)
    rows = store.quote_rows(QuoteFilter(), 1000, 0)
    assert len(rows) == sum(1 for a in articles for e in a.events if e.quote)
    dated = [r.published for r in rows if r.published]
    assert dated == sorted(dated) and [r.published for r in rows[len(dated):]] == [None] * (len(rows) - len(dated))
    by_id = {a.id: a for a in articles}
    assert all(r.quote_id in {q.id for q in by_id[r.article_id].quotes} for r in rows)
    (petrovic,) = store.find_entities("Dragan Petrović")
    his = store.quote_rows(QuoteFilter(speaker_id=petrovic.id), 10, 0)
    assert {(r.article_id, r.quote_id, r.speaker) for r in his} == {(PETROVIC.id, "q1", "Dragan Petrović"),
                                                                    (PETROVIC_COPY.id, "q1", "Dragan Petrović")}
    assert [(r.outlet, r.url, r.title) for r in store.quote_rows(QuoteFilter(outlet="copy.example"), 10, 0)] == \
        [("copy.example", PETROVIC_COPY.url, PETROVIC_COPY.title)]
    may = store.quote_rows(QuoteFilter(since="2024-05-01", until="2024-05-31"), 10, 0)
    assert {r.article_id for r in may} == {PETROVIC.id, PETROVIC_COPY.id}
    assert [store.quote_rows(QuoteFilter(), 2, offset) for offset in range(0, len(rows), 2)] == \
        [rows[i : i + 2] for i in range(0, len(rows), 2)]
    story = store.find_story(PETROVIC.id)
    assert {r.article_id for r in store.quote_rows(QuoteFilter(story_id=story), 10, 0)} == {PETROVIC.id,
                                                                                           PETROVIC_COPY.id}
    linked = [s for s in store.list_stories(StoryFilter(), 100, 0) if store.story_analysis(s.id)[2]]
    assert linked  # the corpus has stories whose articles share quotes
    for summary in linked:
        links = store.story_analysis(summary.id)[2]
        members = [m.article_id for m in store.story_members(story_id=summary.id)]
        assert sorted(map(_link_key, store.quote_links_of(members[-1:]))) == sorted(map(_link_key, links))
    both = store.quote_links_of([m.article_id for s in linked for m in store.story_members(story_id=s.id)] * 2)
    assert sorted(map(_link_key, both)) == sorted(_link_key(k) for s in linked for k in store.story_analysis(s.id)[2])
    assert store.quote_links_of([]) == [] and store.quote_links_of(["ffffffffffffffff"]) == []


def _link_key(link: QuoteLink) -> tuple[object, ...]:
    return dataclasses.astuple(link)


# -- events and the entity registry ---------------------------------------------------------------------------------

def test_event_reports_in_timeline_order_and_filtered(filled: Store):
    reports = filled.event_reports(EventFilter(undated=True, actorless=True), 1000)
    assert len(reports) == filled.stats().event_reports
    dated = filled.event_reports(EventFilter(), 1000)  # by default, events with a day and a named actor
    assert dated == [r for r in reports if r.day != UNDATED_DAY and r.actor_id is not None] and dated
    assert {r.status for r in reports} <= set(EVENT_STATUSES)
    assert [(r.day, r.rank) for r in reports] == sorted((r.day, r.rank) for r in reports)
    (varga,) = filled.find_entities("Lena Varga")
    hers = filled.event_reports(EventFilter(actor_ids=[varga.id]), 1000)
    assert hers and all(r.actor_id == varga.id and r.actor == "Lena Varga" for r in hers)
    accusations = [r for r in hers if r.lemma == "accuse"]
    assert len(accusations) == 2 and accusations[0].cluster == accusations[1].cluster
    assert {r.target for r in accusations} == {"Ostravia"} and all(isinstance(r.negated, bool) for r in hers)
    statements = filled.event_reports(EventFilter(category="STATEMENT", since="2024-05-01", until="2024-05-31"), 100)
    assert {r.article_id for r in statements} == {PETROVIC.id, PETROVIC_COPY.id}
    assert statements[0].quote == "q1" and statements[0].outlet in ("brenholt-post.example", "copy.example")
    assert statements[0].cluster == statements[1].cluster  # the copy reports the same statement
    assert len(filled.event_reports(EventFilter(), 3)) == 3
    assert filled.event_reports(EventFilter(actor_ids=[]), 10) == []


def test_entities_found_listed_and_detailed(filled: Store):
    (varga,) = filled.find_entities("Lena Varga")
    assert filled.find_entities(str(varga.id)) == [varga] == filled.find_entities("  lena VARGA ")
    assert filled.find_entities("Varga") == [varga]  # a surname
    assert filled.find_entities("dragan PETROVIC") == filled.find_entities("Dragan Petrović")  # folded
    assert filled.find_entities("Nobody Atall") == []
    assert varga.articles == 4 and varga.events > 0 and varga.type == "PERSON"
    listed = filled.list_entities(None, None, 100, 0)
    assert [(e.events, e.articles) for e in listed] == sorted(((e.events, e.articles) for e in listed), reverse=True)
    assert filled.list_entities("gpe", None, 100, 0) == [e for e in listed if e.type == "GPE"]
    assert [e.name for e in filled.list_entities(None, "petrov", 10, 0)] == ["Dragan Petrović"]
    assert filled.list_entities(None, None, 2, 2) == listed[2:4]
    detail = filled.entity_detail(varga.id)
    assert detail.entity == varga and "Lena Varga" in detail.aliases and "Varga" in detail.aliases
    assert [r.role for r in detail.roles] == ["foreign minister"] * len(detail.roles) and detail.roles
    assert detail.quotes == sum(n for _, n in detail.quoted_by) >= 1
    assert detail.quotes_by_day == sorted(detail.quotes_by_day)
    assert filled.entity_detail(987654) is None
    pairs = filled.article_entities(harbour_article().id)
    assert [local for local, _ in pairs] == ["e1", "e2", "e3"] and pairs[0][1].name == "Mira Kessel"
    assert filled.article_entities("ffffffffffffffff") == []
    ids = [a for (a,) in filled.db.execute("SELECT id FROM articles ORDER BY id")]
    both = filled.articles_entities([*ids, "ffffffffffffffff", ids[0]])
    assert both == {i: found for i in ids if (found := filled.article_entities(i))} and len(both) >= 2
    assert filled.articles_entities([]) == {}
    unknown = [f"{n:016x}" for n in range(1, 1200)]  # more ids than one list match binds (store.tables.CHUNK)
    assert filled.articles_entities([*unknown, *ids]) == both


def test_corrections_persist_through_a_rebuild(filled: Store):
    (varga,) = filled.find_entities("Lena Varga")
    (belmark,), (ostravia,) = filled.find_entities("Belmark"), filled.find_entities("Ostravia")
    events = filled.stats().event_reports
    new_id = filled.split_entity(varga.id, "Varga")
    assert [e.id for e in filled.find_entities("Varga")] == [new_id] != [varga.id]
    assert filled.entity_detail(varga.id).aliases == ["Lena Varga"]
    filled.merge_entities(belmark.id, ostravia.id)
    assert filled.entity_detail(ostravia.id) is None and "Ostravia" in filled.entity_detail(belmark.id).aliases
    assert all(ostravia.id not in (r.actor_id, r.target_id)
               for r in filled.event_reports(EventFilter(undated=True, actorless=True), 1000))
    assert filled.find_entities("Ostravia") == filled.find_entities("Belmark")
    assert reindex(filled) == events == filled.stats().event_reports
    assert filled.find_entities("Ostravia") == filled.find_entities("Belmark")  # the merge, replayed
    (merged,) = filled.find_entities("Belmark")
    with pytest.raises(ValueError, match="itself"):
        filled.merge_entities(merged.id, merged.id)
    with pytest.raises(NotFound, match="no entity"):
        filled.merge_entities(merged.id, 987654)
    with pytest.raises(NotFound, match="no entity"):
        filled.split_entity(2**63, "Varga")
    with pytest.raises(InvalidArgument, match="is not an alias") as failure:
        filled.split_entity(merged.id, "Somebody Else")
    assert failure.value.param == "alias"


# -- stories ------------------------------------------------------------------------------------------------------

def _entry(article: str, story: str, day: str | None, bands: list[int], keys: list[str]) -> StoryEntry:
    return StoryEntry(article, story, day, "opened" if article == story else "same story", None if article == story
                      else 0.5, '{"terms": {}}', bytes(range(8)), bands, keys, keys)


def test_story_index_rows(store: Store):
    ids = [f"{i:016x}" for i in range(1, 6)]
    store.add_articles([(Article(i, f"Text {n}.", published=f"2024-01-0{n}"), "x") for n, i in enumerate(ids, 1)])
    store.add_story_entries([_entry(ids[0], ids[0], "2024-01-01", [-2**63, 7], ["t:port", "n:velden"]),
                             _entry(ids[1], ids[0], "2024-01-02", [7], ["t:port"]),
                             _entry(ids[2], ids[2], None, [2**63 - 1], ["t:port"])])
    store.add_story_entries([_entry(ids[3], ids[0], "2024-01-04", [7, 8], ["t:port", "t:ferry"])])
    assert store.story_frequencies(["t:port", "t:ferry", "t:none"]) == (4, {"t:port": 4, "t:ferry": 1})
    assert store.story_candidates([7, 99], [], None, 10) == {ids[0]: 1, ids[1]: 1, ids[3]: 1}
    assert store.story_candidates([7], [], None, 1) == {ids[3]: 1, ids[1]: 1, ids[0]: 1}  # 4 * per_key bands
    assert store.story_candidates([-2**63, 2**63 - 1], ["n:velden"], None, 5) == {ids[0]: 2, ids[2]: 1}
    assert store.story_candidates([], ["t:port"], None, 2) == {ids[3]: 1, ids[1]: 1}  # the most recent first
    assert store.story_candidates([], ["t:port"], ("2024-01-01", "2024-01-02"), 5) == {ids[0]: 1, ids[1]: 1}
    assert store.story_candidates([], [], None, 5) == {}
    members = store.story_members(story_id=ids[0])
    assert [m.article_id for m in members] == [ids[0], ids[1], ids[3]] and members[0].signature == bytes(range(8))
    assert {m.article_id for m in store.story_members(article_ids=[ids[2], ids[4]])} == {ids[2]}
    assert store.unassigned_article_ids(10) == [ids[4]] and store.unassigned_article_ids(10, 1) == []
    relations = [StoryRelation(ids[0], ids[0], 0, "first", None, None, 0, None, "earlier", confidence=0.7),
                 StoryRelation(ids[1], ids[0], 1, "copy", ids[0], 0.9, 120, False, "earlier", "wire:velmora-press",
                               0.9, None, (3, 17)),
                 StoryRelation(ids[3], ids[0], 2, "rewrite", ids[0], 0.4, 60, True, "same day, order unknown",
                               "Brenholt Agency", 0.55, (40, 58), None)]
    spans = [ReusedSpan(ids[1], 0, 10, 0, 10, 1.0), ReusedSpan(ids[1], 20, 30, 22, 31, 0.8)]
    links = [QuoteLink(ids[0], "shared", ids[1], "q1", "Mira Kessel", ids[0], "q2", "Mira Kessel", 0.95)]
    store.replace_story_analysis(ids[0], relations, spans, links)
    assert store.story_analysis(ids[0]) == (relations, spans, links)
    store.replace_story_analysis(ids[0], relations[:1], [], [])
    assert store.story_analysis(ids[0]) == (relations[:1], [], [])
    assert store.story_analysis(ids[2]) == ([], [], [])
    assert store.find_story(ids[0]) == ids[0] and store.find_story(ids[2]) == ids[2]
    assert store.find_story(ids[3]) == ids[0]  # an article's id: its story
    assert store.stats().stories == 2
    store.reset_stories()
    assert store.stats().stories == 0 and store.story_frequencies(["t:port"]) == (0, {})
    assert store.story_candidates([7], ["t:port"], None, 5) == {} and store.story_analysis(ids[0]) == ([], [], [])
    assert len(store.unassigned_article_ids(10)) == 5


def test_stories_listed_found_and_counted_by_outlet(store: Store):
    articles = corpus()
    store.add_articles([(a, "x") for a in articles])
    assign(store, articles)
    listed = store.list_stories(StoryFilter(), 100, 0)
    assert sum(s.articles for s in listed) == len(articles) == sum(len(store.story_members(story_id=s.id))
                                                                   for s in listed)
    assert [(s.outlets, s.articles) for s in listed] == sorted(((s.outlets, s.articles) for s in listed), reverse=True)
    strike = listed[0]
    assert (strike.outlets, strike.first_outlet, strike.title) == (5, "valdoria-herald.example",
                                                                   "Valdoria dockworkers walk out")
    assert strike.uncredited == 2 and strike.first_published == "2025-03-04T08:00:00+00:00"
    assert store.list_stories(StoryFilter(min_outlets=5), 10, 0) == [strike]
    assert store.list_stories(StoryFilter(outlet="brief-news.example"), 10, 0) == [strike]
    assert store.list_stories(StoryFilter(outlet="Brief-News.EXAMPLE"), 10, 0) == [strike]
    assert strike not in store.list_stories(StoryFilter(until="2025-03-03"), 100, 0)
    assert strike in store.list_stories(StoryFilter(since="2025-03-05", until="2025-03-04"), 100, 0)
    assert store.list_stories(StoryFilter(), 2, 1) == listed[1:3]
    assert store.find_story(strike.id) == strike.id == store.find_story(strike.id[:6].upper())
    assert store.find_story(PETROVIC.id) == store.find_story(PETROVIC_COPY.id)  # exact copies: one story
    assert store.find_story("0000") is None and store.find_story("not-hex") is None
    relations, spans, _ = store.story_analysis(strike.id)
    assert [r.relation for r in relations][0] == "first" and spans
    outlets = store.outlet_stats()
    assert sum(o.articles for o in outlets) == len(articles)
    herald = next(o for o in outlets if o.outlet == "valdoria-herald.example")
    assert (herald.stories, herald.first_published, herald.copies) == (1, 1, 0)
    copier = next(o for o in outlets if o.outlet == "mirror-daily.example")
    assert (copier.copies, copier.uncredited, copier.uncredited_share) == (1, 1, 1.0)


def test_stories_move_and_rename_and_unassigned_articles_come_in_natural_order(store: Store):
    urls = ["https://velmora.example/page-10", "https://velmora.example/page-2", None, "https://velmora.example/page-2"]
    articles = [Article(f"{i:016x}", f"Notice {i}.", url, published="2024-02-01") for i, url in enumerate(urls, 1)]
    articles.append(Article(f"{9:016x}", "Undated notice.", "https://velmora.example/page-1"))
    store.add_articles([(a, "x") for a in articles])
    ids = [a.id for a in articles]
    # dated first; then by URL with its numbers compared as numbers (no URL first), then by id
    assert store.unassigned_article_ids(10) == [ids[2], ids[1], ids[3], ids[0], ids[4]]
    assert store.unassigned_article_ids(2, 1) == [ids[1], ids[3]]
    store.add_story_entries([_entry(ids[0], ids[0], "2024-02-01", [], []), _entry(ids[1], ids[0], "2024-02-01", [], []),
                             _entry(ids[2], ids[0], "2024-02-01", [], []), _entry(ids[3], ids[3], "2024-02-01", [], [])])
    store.replace_story_analysis(ids[0], [StoryRelation(ids[0], ids[0], 0, "first", None, None, 0, None, "")], [],
                                 [QuoteLink(ids[0], "shared", ids[1], "q1", "A", ids[2], "q1", "A", 1.0)])
    store.move_to_story(ids[0], ids[3], "same story", 0.5)  # the story's namesake leaves: the smallest id names it
    members = {m.article_id: m.story_id for m in store.story_members(article_ids=ids)}
    assert members == {ids[0]: ids[3], ids[1]: ids[1], ids[2]: ids[1], ids[3]: ids[3]}
    assert store.story_analysis(ids[1])[2][0].story_id == ids[1] and store.story_analysis(ids[0]) == ([], [], [])
    store.move_to_story(ids[2], ids[3], "same story", None)  # not the namesake: the story keeps its id
    assert [m.article_id for m in store.story_members(story_id=ids[1])] == [ids[1]]
    store.rename_story(ids[3], ids[2])
    assert store.find_story(ids[3]) == ids[2] and len(store.story_members(story_id=ids[2])) == 3


def test_ambiguous_story_prefix(store: Store):
    ids = ["abcd000000000001", "abcd000000000002"]
    store.add_articles([(Article(i, f"Text {i}."), "x") for i in ids])
    store.add_story_entries([_entry(i, i, None, [], []) for i in ids])
    with pytest.raises(AmbiguousId, match="several stories"):
        store.find_story("abcd")


# -- opening: read-only, migrations, concurrent writers -----------------------------------------------------------

def test_read_only_store_reads_and_refuses_writes(new_location):
    location = build_db(new_location("readonly"))
    with open_store(location, readonly=True) as reader:
        assert reader.stats().articles == 6
        with pytest.raises(Exception, match="read-?only"):
            reader.add_articles([(written("A late notice.", "late.example", "2024-01-01"), "x")])
    with open_store(location, readonly=True) as reader:  # nothing was half-written
        assert reader.stats().articles == 6


def test_migrations_are_applied_once_and_recorded(new_location):
    location = new_location("migrations")
    for _ in range(2):
        with open_store(location) as store:
            versions = [r[0] for r in store.db.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, len(versions) + 1)) and len(versions) >= 3


def test_concurrent_writers_neither_duplicate_nor_lose_articles(new_location):
    location = new_location("concurrent")
    articles = corpus()
    open_store(location).close()
    halves = [articles[: len(articles) * 2 // 3], articles[len(articles) // 3:]]  # a third in both
    added: list[int] = []
    errors: list[BaseException] = []

    def write(part: list[Article]) -> None:
        try:
            with open_store(location) as store:
                for article in part:
                    added.append(store.add_articles([(article, "thread")]))
                    index(store, stories=None)  # the other writer may index this one first: never twice
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sum(added) == len(articles)
    with open_store(location, readonly=True) as store:
        assert store.stats().articles == len(articles)
        assert store.stats().event_reports == sum(len(a.events) for a in articles) and store.queued_count() == 0
        assert len(store.list_articles(ArticleFilter(), 100, 0)) == len(articles)


# -- one corpus, both backends: the same answers --------------------------------------------------------------------

def answers(store: Store) -> dict[str, object]:
    """Every read of the protocol over the corpus, without what may differ: ingest times, search scores and the
    order of equally ranked hits."""
    ids = sorted(a.id for a in corpus())
    entities = store.list_entities(None, None, 1000, 0)
    stories = store.list_stories(StoryFilter(), 1000, 0)
    filters = [ArticleFilter(), ArticleFilter(outlet="valley-courier.example"), ArticleFilter(since="2024-03-07"),
               ArticleFilter(until="2024-03-08"), ArticleFilter(language="en"),
               *(ArticleFilter(speaker_id=e.id) for e in entities[:5])]
    events = [EventFilter(), EventFilter(undated=True, actorless=True),
              EventFilter(actor_ids=[e.id for e in entities[:3]]), EventFilter(category="STATEMENT"),
              EventFilter(since="2024-02-10", until="2024-03-10"), *(EventFilter(story_id=s.id) for s in stories)]
    queries = ["strike", "harbour union", '"night shifts"', "petrovic", "alert", "velden OR valdoria", "covid-19"]
    return {
        "existing": sorted(store.existing_ids(ids + ["ffffffffffffffff"])),
        "articles": [dataclasses.replace(store.get_article(i), ingested_at="") for i in ids],
        "copies": [store.copies_of(i) for i in ids],
        "lists": [store.list_articles(f, 100, 0) for f in filters] + [store.list_articles(ArticleFilter(), 4, 3)],
        "search": [sorted(h.article.id for h in store.search(q, f, 100, 0)) for q in queries for f in filters[:4]],
        "stats": store.stats(),
        "events": [store.event_reports(f, 1000) for f in events],
        "entities": entities,
        "entity lists": [store.list_entities(t, s, 20, 0) for t in (None, "PERSON", "GPE") for s in (None, "a")],
        "found": [store.find_entities(n) for n in ("Varga", "Lena Varga", "Petrovic", "Belmark", "Mira Tobel")],
        "details": [store.entity_detail(e.id) for e in entities],
        "article entities": [store.article_entities(i) for i in ids],
        "stories": stories,
        "story lists": [store.list_stories(StoryFilter(outlet=o), 100, 0) for o in ("brief-news.example", None)]
        + [store.list_stories(StoryFilter(since="2024-03-06", until="2024-03-08", min_outlets=2), 100, 0)],
        "members": [store.story_members(story_id=s.id) for s in stories],
        "analysis": [store.story_analysis(s.id) for s in stories],
        "found stories": [store.find_story(i[:10]) for i in ids],
        "outlets": store.outlet_stats(),
        "origin reuse": store.origin_reuse(),
        "unassigned": store.unassigned_article_ids(100),
        "frequencies": store.story_frequencies(["t:strike", "t:harbour", "t:ward", "t:nothing"]),
        "counts": [store.count_matches(q, f) for q in queries for f in filters[:4]],
        "by date": [[h.article.published for h in store.search(q, ArticleFilter(), 100, 0, sort="date")]
                    for q in queries],
        "quotes": [store.quote_rows(QuoteFilter(speaker_id=e.id), 100, 0) for e in entities[:5]]
        + [store.quote_rows(QuoteFilter(), 1000, 0), store.quote_rows(QuoteFilter(outlet="mirror-daily.example"), 5, 1)]
        + [store.quote_rows(QuoteFilter(story_id=s.id), 100, 0) for s in stories],
        "quote links": [sorted(map(_link_key, store.quote_links_of([i]))) for i in ids],
    }


def test_backends_answer_alike(tmp_path, postgres_server):
    stores = [open_store(str(tmp_path / "alike.db")), open_store(postgres_server.new_database("alike"))]
    try:
        for store in stores:
            articles = corpus()
            store.add_articles([(a, "corpus") for a in articles[:10]])
            store.add_articles([(a, "corpus") for a in articles[10:]])
            index(store, stories=None)
            assign(store, articles)
        sqlite, postgres = (answers(s) for s in stores)
        for key in sqlite:
            assert postgres[key] == sqlite[key], key
        for store in stores:  # corrections, a registry rebuild, stories rebuilt
            varga, halden = store.find_entities("Lena Varga")[0], store.find_entities("Piet Halden")[0]
            store.split_entity(varga.id, "Varga")
            store.merge_entities(halden.id, varga.id)
            reindex(store)
            store.reset_stories()
            assign(store, store.get_articles([a.id for a in corpus()[::-1]]))
        sqlite, postgres = (answers(s) for s in stores)
        for key in sqlite:
            assert postgres[key] == sqlite[key], key
    finally:
        for store in stores:
            store.close()


# -- PostgreSQL only: what a server adds ----------------------------------------------------------------------------

def test_postgres_refuses_a_missing_database_and_hides_the_password(postgres_server):
    url = postgres_server.url("no_such_database").replace("postgres@", "postgres:s3cret@")
    for readonly in (False, True):
        with pytest.raises(StoreError, match="does not exist") as failure:
            open_store(url, readonly=readonly)
        assert "s3cret" not in str(failure.value) and "***" in str(failure.value)


def test_postgres_refuses_an_empty_database_read_only_and_foreign_tables(postgres_server):
    import psycopg

    empty = postgres_server.new_database("empty", empty=True)
    with pytest.raises(StoreError, match="no newsline store"):
        open_store(empty, readonly=True)
    for table in ("articles (body text)", "schema_version (version int)"):
        foreign = postgres_server.new_database("foreign", empty=True)
        with psycopg.connect(foreign, autocommit=True) as other:
            other.execute(f"CREATE TABLE {table}")
        for readonly in (False, True):
            with pytest.raises(StoreError, match="did not create"):
                open_store(foreign, readonly=readonly)
        with psycopg.connect(foreign, autocommit=True) as other:  # untouched
            assert other.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 1


def test_postgres_concurrent_ingests_assign_each_article_to_one_story(postgres_server):
    location = postgres_server.new_database("stories")
    articles = corpus()
    open_store(location).close()
    errors: list[BaseException] = []

    def ingest_all() -> None:  # what `newsline ingest` does with each batch, twice at once over the same input
        try:
            with open_store(location) as store:
                for i in range(0, len(articles), 4):
                    batch = articles[i : i + 4]
                    store.add_articles([(a, "thread") for a in batch])
                    index(store)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=ingest_all) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(location, readonly=True) as store:
        assert store.stats().articles == len(articles) and store.unassigned_article_ids(100) == []
        members = [m.article_id for s in store.list_stories(StoryFilter(), 100, 0)
                   for m in store.story_members(story_id=s.id)]
        assert sorted(members) == sorted(a.id for a in articles)
        assert store.story_frequencies([])[0] == len(articles)


def test_postgres_server_stores_are_read_only_and_outlive_a_dropped_connection(postgres_server):
    import psycopg

    from newsline.store import read_only_stores

    location = build_db(postgres_server.new_database("pool"))
    stores = read_only_stores(location)
    try:
        with stores.open() as store:
            assert store.stats().articles == 6
            with pytest.raises(StoreError, match="read-only"):
                store.db.execute("DELETE FROM articles")
        with psycopg.connect(postgres_server.url(), autocommit=True) as admin:  # as a server restart would
            dropped = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                    " WHERE datname = %s", (location.rsplit("/", 1)[1],)).fetchone()[0]
        assert dropped >= 1
        with stores.open() as store:
            assert store.stats().articles == 6
    finally:
        stores.close()
