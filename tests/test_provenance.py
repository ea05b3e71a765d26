"""Provenance with outside origins: wire siblings, photo credits, related pairs, the laundering signal, quote
conflicts, and stories that do not depend on ingest order. Invented outlets, people and places."""

from __future__ import annotations

import importlib
import random

import pytest
from conftest import EXAMPLES
from stories_corpus import STRIKE, STRIKE_REWRITE, article

from newsline.ingest import ingest
from newsline.model import Entity, Mention, Quote, Span
from newsline.stories import StoryConfig, assign, provenance, rebuild
from newsline.stories.quotes import link_quotes
from newsline.stories.query import outlets, story
from newsline.store import SQLiteStore, open_store

WIRE_DAY = "2025-03-04"


@pytest.fixture
def store(new_location):
    """Each test that takes it runs on SQLite and on PostgreSQL (conftest.new_location)."""
    with open_store(new_location("provenance")) as opened:
        yield opened


def stored(store, *articles):
    store.add_articles([(a, "test") for a in articles])
    assign(store, list(articles), StoryConfig())
    return {a.id: a for a in story(store, articles[0].id).articles}


def pair(earlier_text, later_text, *, earlier_outlet="morning-courier.example", later_outlet="evening-digest.example"):
    return (article(earlier_text, earlier_outlet, f"{WIRE_DAY}T09:00:00+00:00", "early"),
            article(later_text, later_outlet, f"{WIRE_DAY}T15:00:00+00:00", "late"))


def test_two_outlets_crediting_one_wire_are_siblings_not_copies(store):
    early, late = pair(f"VALDORIA (AP) — {STRIKE}", f"By The Associated Press\n\n{STRIKE}")
    got = stored(store, early, late)[late.id]
    assert (got.relation, got.credited, got.origin, got.origin_name) == ("sibling", True, "ap", "Associated Press")
    assert got.credit.text == "Associated Press" and got.source_credit.text == "AP"
    assert got.reused_spans == 6 and got.confidence > 0.9


def test_one_crediting_is_enough_to_know_the_origin(store):
    early, late = pair(f"VALDORIA (Reuters) - {STRIKE}", STRIKE + "\n\nMore soon.")
    got = stored(store, early, late)[late.id]
    assert (got.relation, got.credited, got.origin) == ("sibling", False, "reuters")
    assert got.credit is None and got.source_credit.text == "Reuters"
    stats = {o.outlet: o for o in outlets(store, sort="laundering")}
    assert stats["evening-digest.example"].laundered_from == {"Reuters": 1}
    assert stats["evening-digest.example"].laundering_share == 1.0
    assert stats["morning-courier.example"].laundered == 0
    assert [o.outlet for o in outlets(store, sort="laundering")][0] == "evening-digest.example"


def test_the_later_one_crediting_the_wire_is_a_credited_sibling(store):
    early, late = pair(STRIKE, f"{STRIKE_REWRITE}\n\n[Source: Xinhua, 4 March]")
    got = stored(store, early, late)[late.id]
    assert (got.relation, got.credited, got.origin) == ("sibling", True, "xinhua")


def test_with_no_credit_anywhere_the_pair_is_an_uncredited_copy(store):
    early, late = pair(STRIKE, STRIKE + "\n\nFollow us for more.")
    got = stored(store, early, late)[late.id]
    assert (got.relation, got.credited, got.origin) == ("copy", False, None)


def test_a_photo_credit_of_the_source_does_not_credit_its_text(store):
    caption = "Pickets at the gate on Tuesday. © MORNING COURIER"
    early, late = pair(STRIKE, STRIKE.replace("\n\n", f"\n\n{caption}\n\n", 1))
    got = stored(store, early, late)[late.id]
    assert (got.relation, got.credited) == ("copy", False)


def test_an_agencys_own_article_copied_without_credit_is_laundering_of_that_agency(store):
    early, late = pair(STRIKE, STRIKE, earlier_outlet="tass.ru", later_outlet="valdoria-daily.example")
    got = stored(store, early, late)[late.id]
    assert (got.relation, got.credited, got.origin_name) == ("copy", False, "TASS")
    row = next(o for o in outlets(store) if o.outlet == "valdoria-daily.example")
    assert (row.reused_origins, row.laundered, row.laundered_from) == (1, 1, {"TASS": 1})


def test_weak_scattered_reuse_is_related_not_a_rewrite(store):
    lines = STRIKE_REWRITE.split("\n\n")
    loose = "\n\n".join([lines[5], lines[3], lines[0], "Shops near the port stayed open."])
    early, late = pair(STRIKE, loose)
    got = stored(store, early, late)[late.id]
    assert got.relation == "related" and got.credited is None and not got.uncredited
    assert got.confidence < 0.6 and got.reused_spans >= 2


def test_a_later_version_that_extends_an_earlier_one_follows_it_when_dates_cannot_say(store):
    first = article(STRIKE.split("\n\n", 2)[0] + "\n\n" + STRIKE.split("\n\n", 2)[1], "zeta-news.example",
                    WIRE_DAY, "short")
    update = article(STRIKE + "\n\nTalks will resume on Friday.", "alpha-news.example", WIRE_DAY, "long")
    view = story(store, stored(store, update, first) and first.id)
    assert [a.id for a in view.articles] == [first.id, update.id]
    assert view.articles[1].order == "same day, order unknown"


def _quoted(text, quote, speaker, entity_type, mention_kind, outlet, slug):
    a = article(text, outlet, f"{WIRE_DAY}T12:00:00+00:00", slug)
    at, said = text.index(speaker), text.index(quote)
    a.entities = [Entity("e1", speaker, entity_type, [Mention(at, at + len(speaker), speaker, mention_kind)])]
    a.quotes = [Quote("q1", "direct", Span.of(text, said, said + len(quote)), "e1")]
    return a


@pytest.mark.parametrize(("speaker", "entity_type", "kind", "expected"), [
    ("Anton Greve", "PERSON", "name", "conflict"),
    ("its spokesman", "PERSON", "role", "unresolved"),  # a role phrase the analysis did not resolve
    ("Valdoria Harbour Union", "ORG", "name", "unresolved"),  # a person and the body she speaks for
    ("Harbour Gazette", "ORG", "name", "unresolved"),  # the outlet the quote was credited to
])
def test_a_conflict_needs_two_named_speakers_of_one_kind(store, speaker, entity_type, kind, expected):
    line = "We will stay out until the overtime rates are restored in full"
    tobel = _quoted(f'"{line}," Mira Tobel said. ' + STRIKE, line, "Mira Tobel", "PERSON", "name",
                    "valdoria-herald.example", "a")
    other = _quoted(f'"{line}," {speaker} said, the Harbour Gazette reported. ' + STRIKE, line, speaker,
                    entity_type, kind, "mirror-daily.example", "b")
    stored(store, tobel, other)
    [link] = story(store, tobel.id).quote_links
    assert link.kind == expected


@pytest.fixture(scope="module")
def examples_articles(tmp_path_factory, analyzer):
    with SQLiteStore(tmp_path_factory.mktemp("examples") / "examples.db") as store:
        ingest([str(EXAMPLES)], store, analyzer=analyzer)
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY rowid")]
        incremental = _stories(store)
        return store.get_articles(ids), incremental


def _stories(store):
    """Every story as its members (sorted) with each article's relation, source, credit and origin."""
    found = {}
    for story_id in sorted({m.story_id for m in store.story_members(article_ids=[
            r[0] for r in store.db.execute("SELECT id FROM articles")])}):
        view = story(store, story_id)
        found[story_id] = [(a.id, a.position, a.relation, a.source_id, a.credited, a.origin) for a in view.articles]
    return found


@pytest.mark.parametrize(("seed", "batch"), [(1, 500), (2, 3), (3, 1)])
def test_rebuild_gives_the_same_stories_whatever_the_ingest_order_and_batch_size(
        tmp_path, examples_articles, monkeypatch, seed, batch):
    articles, _ = examples_articles
    with SQLiteStore(tmp_path / "in-order.db") as store:
        store.add_articles([(a, "test") for a in articles])
        rebuild(store)
        expected = _stories(store)
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    monkeypatch.setattr(importlib.import_module("newsline.stories.rebuild"), "BATCH", batch)
    with SQLiteStore(tmp_path / "shuffled.db") as store:
        store.add_articles([(a, "test") for a in shuffled])
        rebuild(store)
        assert _stories(store) == expected
    assert len(expected) >= 3 and any(len(members) >= 4 for members in expected.values())


def test_incremental_ingest_of_the_examples_agrees_with_rebuild(tmp_path, examples_articles):
    articles, incremental = examples_articles
    with SQLiteStore(tmp_path / "rebuilt.db") as store:
        store.add_articles([(a, "test") for a in articles])
        rebuild(store)
        assert _stories(store) == incremental


def test_moving_a_storys_opener_out_leaves_the_rest_named_after_one_of_them(store):
    early, late = pair(STRIKE, STRIKE + "\n\nMore soon.")
    other = article(STRIKE_REWRITE, "brief-news.example", f"{WIRE_DAY}T18:00:00+00:00", "other")
    store.add_articles([(a, "test") for a in (early, late, other)])
    assign(store, [early, late], StoryConfig(), analyse=False)
    assign(store, [other], StoryConfig(window_days=0, threshold=2.0), analyse=False)  # a story of its own
    store.move_to_story(early.id, other.id, "same story", 0.5)
    members = {m.article_id: m.story_id for m in store.story_members(article_ids=[early.id, late.id, other.id])}
    assert members == {early.id: other.id, late.id: late.id, other.id: other.id}


def test_outlets_sort_by_the_laundering_signal_in_the_cli_and_the_web(tmp_path, monkeypatch):
    import json

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsline.cli import app
    from newsline.cli.output import console
    from newsline.web import create_app

    db = tmp_path / "wires.db"
    with SQLiteStore(db) as store:
        stored(store, *pair(f"VALDORIA (Reuters) - {STRIKE}", STRIKE + "\n\nMore soon."))
    runner = CliRunner()
    rows = json.loads(runner.invoke(app, ["outlets", "--db", str(db), "--sort", "laundering", "--json"]).output)
    assert rows[0]["outlet"] == "evening-digest.example" and rows[0]["laundered_from"] == {"Reuters": 1}
    csv = runner.invoke(app, ["outlets", "--db", str(db), "--csv", "--sort", "laundering"]).output.splitlines()
    assert csv[0].endswith("reused_origins,laundered,laundering_share,laundered_from") and csv[1].endswith(",Reuters 1")
    bad = runner.invoke(app, ["outlets", "--db", str(db), "--sort", "loudest"])
    assert bad.exit_code == 2 and "--sort" in bad.output
    with SQLiteStore(db, readonly=True) as store:
        [story_id] = {m.story_id for m in store.story_members(article_ids=[r[0] for r in store.db.execute(
            "SELECT id FROM articles")])}
    monkeypatch.setattr(console, "width", 250)  # the relation's cell on one line
    shown = runner.invoke(app, ["story", story_id, "--db", str(db)]).output
    assert "sibling of #0, both from Reuters" in shown and "uncredited" in shown
    client = TestClient(create_app(db))
    api = client.get("/api/outlets", params={"sort": "laundering"}).json()["items"]
    assert api[0]["laundering_share"] == 1.0
    page = client.get("/outlets", params={"sort": "laundering"}).text
    assert page.index("evening-digest.example") < page.index("morning-courier.example") and "Reuters" in page
    assert client.get("/outlets", params={"sort": "loudest"}).status_code == 422



def test_a_story_above_the_bound_keeps_its_relations_and_relates_only_new_articles(store, monkeypatch):
    monkeypatch.setattr(provenance, "LARGE_STORY", 3)  # the first batch in full, the second in bounds
    monkeypatch.setattr(provenance, "SHORTLIST", 2)
    reports = [article(f"{STRIKE}\n\nFiled by desk {n}.", f"outlet{n}.example", WIRE_DAY, f"r{n}") for n in range(6)]
    before = stored(store, *reports[:3])
    after = stored(store, *reports[3:])
    ordered = sorted(after.values(), key=lambda a: a.position)
    assert [a.position for a in ordered] == list(range(6)) and ordered[0].relation == "first"
    place = {a.id: a.position for a in ordered}
    assert all(a.relation == "copy" and place[a.source_id] < a.position for a in ordered[1:])
    for old in before.values():
        if after[old.id].relation != "first" and old.relation != "first":
            assert (after[old.id].source_id, after[old.id].similarity) == (old.source_id, old.similarity)


def test_quote_links_among_new_articles_are_the_full_links_that_involve_them():
    text = 'Anton Greve said: "The harbour stays open all winter for the grain ships."'
    quote = '"The harbour stays open all winter for the grain ships."'
    articles = [_quoted(text, quote, "Anton Greve", "PERSON", "name", f"o{n}.example", f"q{n}") for n in range(4)]
    full = link_quotes("s", articles)
    new = {articles[1].id, articles[3].id}
    assert len(full) == 6
    assert link_quotes("s", articles, among=new) == [q for q in full if new & {q.article_id, q.other_article}]


def test_a_users_origins_reach_the_analysis_of_shards_and_the_stories_of_load(tmp_path):
    import gzip
    import json

    from typer.testing import CliRunner

    from newsline.cli import app

    mine = tmp_path / "mine.toml"
    mine.write_text('[[origin]]\nid = "velmora-wire"\nname = "Velmora Wire"\nkind = "agency"\n'
                    'names = ["Velmora Wire", "VW"]\ndomains = ["velmorawire.example"]\n', encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": text, "url": f"https://{outlet}/strike", "outlet": outlet,
                                          "published": f"{WIRE_DAY}T{hour}:00:00+00:00"}) + "\n"
                              for text, outlet, hour in [(f"VALDORIA (VW) — {STRIKE}", "velmorawire.example", "09"),
                                                         (STRIKE, "valdoria-daily.example", "15")]))
    out, db, runner = tmp_path / "out", str(tmp_path / "n.db"), CliRunner()
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--workers", "2", "--origins", str(mine)])
    assert result.exit_code == 0, result.output
    with gzip.open(out / "shard-000000.jsonl.gz", "rt", encoding="utf-8") as file:
        wire = json.loads(file.readline())
    assert [(c["name"], c["origin"]) for c in wire["credits"]] == [("VW", "velmora-wire")]
    result = runner.invoke(app, ["load", str(out), "--db", db, "--origins", str(mine)])
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["outlets", "--db", db, "--json", "--origins", str(mine)]).output)
    assert {r["outlet"]: r["laundered_from"] for r in rows}["valdoria-daily.example"] == {"Velmora Wire": 1}
