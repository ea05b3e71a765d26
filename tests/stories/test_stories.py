"""Stories: grouping, first publisher, copy/rewrite/independent, credit, same-day order, quotes, store, CLI."""

from __future__ import annotations

import json

import pytest
from stories_corpus import SECOND_STRIKE, STRIKE, article, strike_story
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import InvalidArgument, StoreError
from newsline.model import Entity, Mention, Quote, Span
from newsline.stories import StoryConfig, assign, rebuild
from newsline.stories.query import outlets, stories, story
from newsline.origins import default_origins
from newsline.stories.credit import StoryCredits
from newsline.stories.relations import align, relate
from newsline.stories.timeline import SAME_DAY, UNDATED, order_note


def credits(later, source):
    """Whether ``later`` credits ``source``'s outlet, outside the sentences it reuses from it."""
    return StoryCredits([later, source], default_origins()).credit_for(later, source, align(later, source)) is not None


def ingest_and_assign(store, articles, config=StoryConfig()):
    store.add_articles([(a, "test") for a in articles])
    return {a.article_id: a for a in assign(store, articles, config)}


def relations_by_id(store, any_id):
    return {a.id: a for a in story(store, any_id).articles}


def test_copies_rewrites_and_independent_reports_form_one_story(store):
    s = strike_story()
    result = ingest_and_assign(store, list(s.values()))
    story_of = {name: result[a.id].story_id for name, a in s.items()}
    assert len({story_of[n] for n in ("original", "copy", "credited", "rewrite", "independent")}) == 1
    assert story_of["other"] != story_of["original"], "another port's strike that week is another story"
    assert result[s["copy"].id].tier == "near-duplicate"

    view = story(store, s["original"].id)
    assert [a.id for a in view.first_publishers] == [s["original"].id]
    rel = relations_by_id(store, s["original"].id)
    assert rel[s["original"].id].relation == "first"
    assert rel[s["copy"].id].relation == "copy" and rel[s["copy"].id].uncredited
    assert rel[s["credited"].id].relation == "copy" and rel[s["credited"].id].credited is True
    assert rel[s["rewrite"].id].relation == "rewrite" and rel[s["rewrite"].id].uncredited
    assert rel[s["independent"].id].relation == "independent" and rel[s["independent"].id].credited is None


def test_reused_spans_point_at_the_source_sentences(store):
    s = strike_story()
    ingest_and_assign(store, [s["original"], s["rewrite"]])
    rewrite = relations_by_id(store, s["original"].id)[s["rewrite"].id]
    assert rewrite.source_id == s["original"].id
    assert rewrite.reused_spans >= 5
    union = next(x for x in rewrite.spans if "collapsed" in x.text)
    assert union.source_text == s["original"].text[union.source_start:union.source_end]
    assert "broke down over night-shift pay" in union.source_text
    assert 0.5 <= union.similarity < 1.0


def test_independent_report_is_not_a_copy_of_the_original():
    s = strike_story()
    relation = relate(s["independent"], s["original"])
    assert relation.label == "independent"
    assert relation.share < 0.4


def test_credit_counts_only_mentions_the_source_did_not_carry_itself():
    source = article("Mayor Ilse Varn resigned, she told the Valdoria Herald on Monday. " * 3,
                     "valdoria-herald.example", "2025-01-02", "a")
    copied = article(source.text, "mirror-daily.example", "2025-01-02", "b")
    credited = article(source.text + " (Valdoria Herald)", "mirror-daily.example", "2025-01-02", "c")
    by_domain = article(source.text + " Via valdoria-herald.example.", "mirror-daily.example", "2025-01-02", "d")
    assert not credits(copied, source)
    assert credits(credited, source)
    assert credits(by_domain, source)


def test_same_day_dates_without_time_do_not_decide_who_was_first(store):
    first = article(STRIKE, "valdoria-herald.example", "2025-03-04", "x")
    second = article(STRIKE + "\n\nMore soon.", "mirror-daily.example", "2025-03-04", "y")
    timed = article(STRIKE + "\n\nUpdated.", "coastwatch.example", "2025-03-04T10:00:00+00:00", "z")
    assert order_note(first, second) == SAME_DAY
    assert order_note(first, timed) == SAME_DAY
    assert order_note(first, article(STRIKE, "a.example", None, "u")) == UNDATED
    ingest_and_assign(store, [first, second, timed])
    view = story(store, first.id)
    assert len(view.first_publishers) == 3
    assert {a.order for a in view.articles[1:]} == {SAME_DAY}


def test_time_window_keeps_a_later_same_kind_event_apart_but_copies_join(store):
    early = article(STRIKE, "valdoria-herald.example", "2025-03-04", "early")
    months_later = article(SECOND_STRIKE, "valdoria-herald.example", "2025-09-15", "again")
    reposted = article(STRIKE + "\n\nRepublished.", "mirror-daily.example", "2025-05-01", "repost")
    edited = STRIKE.replace("Tuesday", "Monday").replace("forty", "thirty").replace("January", "June")
    recycled = article(edited, "mirror-daily.example", "2025-06-01", "recycled")
    result = ingest_and_assign(store, [early, months_later, reposted, recycled])
    assert result[months_later.id].story_id != result[early.id].story_id
    assert result[reposted.id].story_id == result[early.id].story_id, "a verbatim re-post joins whatever the date"
    assert result[recycled.id].story_id != result[early.id].story_id, "outside the window only re-posts join"


def test_the_window_is_what_keeps_the_second_strike_apart(store):
    early = article(STRIKE, "valdoria-herald.example", "2025-03-04", "early")
    later = article(SECOND_STRIKE, "valdoria-herald.example", "2025-03-06", "again")
    result = ingest_and_assign(store, [early, later], StoryConfig(window_days=None))
    assert result[later.id].tier != "near-duplicate"


def test_window_off_groups_undated_articles(store):
    s = strike_story()
    undated = [article(a.text, a.outlet, None, "u" + a.id) for a in (s["original"], s["rewrite"], s["other"])]
    result = ingest_and_assign(store, undated, StoryConfig(window_days=None))
    assert result[undated[0].id].story_id == result[undated[1].id].story_id != result[undated[2].id].story_id
    assert story(store, undated[1].id).articles[1].order == UNDATED


def test_one_article_at_a_time_builds_the_same_story(store):
    s = strike_story()
    for a in s.values():
        ingest_and_assign(store, [a])
    view = story(store, s["original"].id)
    members = {a.id for a in view.articles}
    assert {s[n].id for n in ("original", "copy", "credited", "rewrite")} <= members
    assert s["other"].id not in members
    assert [a.relation for a in view.articles[:4]] == ["first", "copy", "copy", "rewrite"]


def test_rebuild_reproduces_the_stories(store):
    s = strike_story()
    ingest_and_assign(store, list(s.values()))
    before = {a.id: (a.relation, a.source_id, a.credited) for a in story(store, s["original"].id).articles}
    report = rebuild(store)
    assert (report.articles, report.stories) == (6, 2)
    after = {a.id: (a.relation, a.source_id, a.credited) for a in story(store, s["original"].id).articles}
    assert after == before
    assert rebuild(store, missing_only=True).articles == 0


def test_a_late_arriving_earlier_article_becomes_the_first_publisher(store):
    s = strike_story()
    ingest_and_assign(store, [s["copy"]])
    assert story(store, s["copy"].id).articles[0].relation == "first"
    ingest_and_assign(store, [s["original"]])
    view = story(store, s["copy"].id)
    assert view.first_publishers[0].id == s["original"].id
    assert relations_by_id(store, s["copy"].id)[s["copy"].id].relation == "copy"


def quoted(text_before: str, quote: str, speaker: str | None, outlet: str, slug: str):
    text = f'{text_before} "{quote}" {speaker or "An official"} said. ' + STRIKE
    a = article(text, outlet, "2025-03-04T12:00:00+00:00", slug)
    start = text.index(quote)
    entities, speaker_id = [], None
    if speaker:
        at = text.index(speaker)
        entities = [Entity("e1", speaker, "PERSON", [Mention(at, at + len(speaker), speaker, "name")])]
        speaker_id = "e1"
    a.entities = entities
    a.quotes = [Quote("q1", "direct", Span.of(text, start, start + len(quote)), speaker_id)]
    return a


def test_quotes_shared_across_outlets_are_linked_and_speaker_conflicts_flagged(store):
    line = "We will stay out until the overtime rates are restored in full"
    tobel = quoted("The union spoke.", line, "Mira Tobel", "valdoria-herald.example", "q-a")
    surname = quoted("Talks failed.", line + ".", "Tobel", "mirror-daily.example", "q-b")
    greve = quoted("A statement followed.", line, "Anton Greve", "coastwatch.example", "q-c")
    nobody = quoted("Pickets gathered.", line, None, "brief-news.example", "q-d")
    unrelated = quoted("Separately.", "The cranes will be serviced next spring as planned", "Mira Tobel",
                       "harbor-times.example", "q-e")
    ingest_and_assign(store, [tobel, surname, greve, nobody, unrelated])
    links = story(store, tobel.id).quote_links
    kinds = {frozenset((q.article_id, q.other_article)): q.kind for q in links}  # same time: either order
    assert kinds[frozenset((tobel.id, surname.id))] == "shared"
    assert kinds[frozenset((tobel.id, greve.id))] == "conflict"
    assert kinds[frozenset((surname.id, greve.id))] == "conflict"
    assert kinds[frozenset((tobel.id, nobody.id))] == "unattributed"
    assert not any(unrelated.id in pair for pair in kinds)
    conflict = next(q for q in links if q.kind == "conflict")
    assert {conflict.speaker, conflict.other_speaker} >= {"Anton Greve"}


def test_listing_filters_and_outlet_statistics(store):
    s = strike_story()
    ingest_and_assign(store, list(s.values()))
    listed = stories(store, min_outlets=2)
    assert [x.id for x in listed] == [story(store, s["original"].id).id]
    assert listed[0].outlets == 5 and listed[0].first_outlet == "valdoria-herald.example"
    assert listed[0].uncredited == 2
    assert stories(store, outlet="island-post.example")[0].articles == 1
    assert stories(store, since="2025-03-06", min_outlets=1)[0].first_outlet == "island-post.example"
    assert len(stories(store, until="2025-03-03")) == 0
    stats = {o.outlet: o for o in outlets(store)}
    assert stats["valdoria-herald.example"].first_published == 1
    assert stats["mirror-daily.example"].uncredited_share == 1.0
    assert stats["coastwatch.example"].uncredited_share == 0.0
    with pytest.raises(InvalidArgument, match="since 'March'"):
        stories(store, since="March")


def test_cli_lists_shows_and_rebuilds(tmp_path):
    from newsline.store import SQLiteStore

    db = tmp_path / "cli.db"
    s = strike_story()
    with SQLiteStore(db) as store:
        ingest_and_assign(store, list(s.values()))
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", str(db), "--min-outlets", "2", "--json"])
    assert listed.exit_code == 0, listed.output
    story_id = json.loads(listed.output)[0]["id"]
    shown = runner.invoke(app, ["story", story_id[:8], "--db", str(db)])
    assert shown.exit_code == 0 and "uncredited" in shown.output and "valdoria-herald.example" in shown.output
    as_json = json.loads(runner.invoke(app, ["story", s["rewrite"].id, "--db", str(db), "--json"]).output)
    assert as_json["id"] == story_id and as_json["articles"][0]["relation"] == "first"
    assert runner.invoke(app, ["outlets", "--db", str(db), "--csv"]).output.startswith("outlet,articles")
    missing = runner.invoke(app, ["story", "ffffffff", "--db", str(db)])
    assert missing.exit_code == 1 and "no story" in missing.output
    rebuilt = runner.invoke(app, ["stories", "rebuild", "--db", str(db), "--window", "off"])
    assert rebuilt.exit_code == 0 and "6 articles assigned" in rebuilt.output
    bad = runner.invoke(app, ["stories", "rebuild", "--db", str(db), "--window", "week"])
    assert bad.exit_code == 2 and "'off'" in bad.output
    nowhere = runner.invoke(app, ["stories", "rebuild", "--db", str(tmp_path / "typo.db")])
    assert nowhere.exit_code == 1 and not (tmp_path / "typo.db").exists()


def test_ingest_assigns_each_stored_batch(store, analyzer, tmp_path):
    from newsline.ingest import ingest

    s = strike_story()
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"text": a.text, "url": a.url, "outlet": a.outlet, "published": a.published})
                            + "\n" for a in s.values()), encoding="utf-8")
    report = ingest([str(path)], store, analyzer=analyzer, commit_every=2)
    assert report.added == 6
    view = story(store, s["copy"].id)
    assert [a.relation for a in view.articles[:4]] == ["first", "copy", "copy", "rewrite"]
    assert view.first_publishers[0].outlet == "valdoria-herald.example"
    assert s["other"].id not in {a.id for a in view.articles}


def test_event_dates_and_shared_quotes_move_the_same_story_score():
    from newsline.model import Timex
    from newsline.stories.profile import features, similarity, weigh

    def profiled(text, dates=(), quote=None):
        a = article(text, "a.example", "2025-03-04", text[:10])
        a.timexes = [Timex(f"t{i}", Span.of(a.text, 0, 3), "DATE", d) for i, d in enumerate(dates)]
        if quote:
            start = a.text.index(quote)
            a.quotes = [Quote("q1", "direct", Span.of(a.text, start, start + len(quote)))]
        return weigh(features(a), 10, {})

    text = STRIKE
    base = similarity(profiled(text), profiled(SECOND_STRIKE))
    same_day = similarity(profiled(text, ["2025-03-04"]), profiled(SECOND_STRIKE, ["2025-03-04"]))
    other_day = similarity(profiled(text, ["2025-03-04"]), profiled(SECOND_STRIKE, ["2025-09-15"]))
    assert other_day < base < same_day
    line = "the stoppage would last until the authority restored the overtime rates"
    other = SECOND_STRIKE + " " + line
    unquoted = similarity(profiled(text), profiled(other))
    assert similarity(profiled(text, quote=line), profiled(other, quote=line)) == pytest.approx(unquoted + 0.15)


def test_a_database_from_before_stories_says_how_to_upgrade(tmp_path):
    import sqlite3

    from newsline.store import SQLiteStore
    from newsline.store.sqlite import _statements, migrations

    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    for statement in _statements(migrations()[0][2]):
        db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (1, 'articles', 'then')")
    db.close()
    with SQLiteStore(path, readonly=True) as old, pytest.raises(StoreError, match="stories rebuild"):
        stories(old)
    with SQLiteStore(path) as upgraded:
        assert rebuild(upgraded).articles == 0
    with SQLiteStore(path, readonly=True) as store:
        assert stories(store) == []


def test_a_credit_line_decides_the_order_the_dates_cannot(store):
    original = article(STRIKE, "valdoria-herald.example", "2025-03-04", "day-only")
    credited = article(f"{STRIKE}\n\nSource: Valdoria Herald", "coastwatch.example", "2025-03-04T06:00:00+00:00",
                       "timed-but-credited")
    ingest_and_assign(store, [credited, original])
    view = story(store, original.id)
    assert [a.id for a in view.articles] == [original.id, credited.id]
    later = view.articles[1]
    assert later.relation == "copy" and later.source_id == original.id and later.credited is True
    assert later.order == SAME_DAY


def test_crediting_the_original_of_the_copy_it_took_is_a_credit(store):
    s = strike_story()
    relay = article(f"{s['copy'].text}\n\nFirst reported by the Valdoria Herald.", "relay-wire.example",
                    "2025-03-04T12:00:00+00:00", "relay")
    ingest_and_assign(store, [s["original"], s["copy"], relay])
    rel = relations_by_id(store, s["original"].id)
    assert rel[relay.id].source_id == s["copy"].id, "the copy's boilerplate makes the copy its closest source"
    assert rel[relay.id].credited is True and rel[relay.id].relation == "copy"
    assert rel[s["copy"].id].uncredited


def test_a_domain_stem_matches_the_outlet_name_written_as_words():
    source = article(STRIKE, "harbourgazette.example.com", "2025-03-04", "a")
    credited = article(f"{STRIKE}\n\nThe Harbour Gazette reported the walkout first.", "ledger.example.org",
                       "2025-03-05", "b")
    assert credits(credited, source)
    assert not credits(article(STRIKE, "ledger.example.org", "2025-03-05", "c"), source)
