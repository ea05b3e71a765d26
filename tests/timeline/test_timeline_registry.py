"""Stored events, the corpus entity registry and timelines, on hand-built articles (no spaCy)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stored_articles import add, article, day, event, person

from newsline.cli import app
from newsline.errors import Ambiguous, InvalidArgument
from newsline.registry import api
from newsline.store import SQLiteStore
from newsline.timeline import UnknownEntity, timeline, to_ics


# -- the registry ------------------------------------------------------------------------------------------

def test_spelling_and_transliteration_variants_are_one_person(store):
    texts = ["Alexander Vučić spoke in Novi Grad.", "Aleksandar Vucic met reporters.", "Vuchich left early."]
    add(store, *(article(f"a{i}", t, f"2024-01-0{i + 1}", "daily-planet.example",
                         [person("e1", t, t.split(" spoke")[0].split(" met")[0].split(" left")[0])], [])
                 for i, t in enumerate(texts)))
    [one] = store.find_entities("Vučić")
    detail = api.entity(store, "Vuchich")
    assert detail.entity.id == one.id and detail.entity.articles == 3
    assert {"Alexander Vučić", "Aleksandar Vucic", "Vuchich"} <= set(detail.aliases)
    assert detail.entity.name in ("Alexander Vučić", "Aleksandar Vucic")


def test_different_people_sharing_a_surname_stay_apart(store):
    a = "Aleksandar Vučić and the Mayor of Northfield met."
    b = "Andrej Vučić, the president's brother, denied the report."
    add(store, article("a1", a, "2024-01-01", "daily-planet.example", [person("e1", a, "Aleksandar Vučić")], []),
        article("a2", b, "2024-01-02", "daily-planet.example", [person("e1", b, "Andrej Vučić")], []))
    assert sorted(e.name for e in store.find_entities("Vučić")) == ["Aleksandar Vučić", "Andrej Vučić"]
    with pytest.raises(Ambiguous, match="several entities"):
        api.entity(store, "Vučić")


def test_surname_only_mention_resolves_by_context(store):
    one = "Aleksandar Vučić met Marta Kovac in Eastport."
    two = "Andrej Vučić opened a bakery."
    three = "Vučić and Kovac signed the memorandum."  # Kovac co-occurs with Aleksandar, not Andrej
    add(store,
        article("a1", one, "2024-01-01", "x.example", [person("e1", one, "Aleksandar Vučić"),
                                                        person("e2", one, "Marta Kovac")], []),
        article("a2", two, "2024-01-02", "x.example", [person("e1", two, "Andrej Vučić")], []),
        article("a3", three, "2024-01-03", "x.example", [person("e1", three, "Vučić"), person("e2", three, "Kovac")], []))
    aleksandar = api.entity(store, "Aleksandar Vučić")
    assert aleksandar.entity.articles == 2 and "Vučić" in aleksandar.aliases
    assert api.entity(store, "Andrej Vučić").entity.articles == 1


def test_surname_only_without_supporting_context_is_not_guessed(store):
    one, two, three = "Aleksandar Vučić spoke.", "Andrej Vučić spoke.", "Vučić spoke."
    add(store, article("a1", one, "2024-01-01", "x.example", [person("e1", one, "Aleksandar Vučić")], []),
        article("a2", two, "2024-01-02", "x.example", [person("e1", two, "Andrej Vučić")], []),
        article("a3", three, "2024-01-03", "x.example", [person("e1", three, "Vučić")], []))
    # two full names and a surname-only entity that a merge can later assign
    assert sorted(e.name for e in api.entities(store)) == ["Aleksandar Vučić", "Andrej Vučić", "Vučić"]
    assert api.entity(store, "Aleksandar Vučić").entity.articles == 1


def test_roles_are_kept_with_their_dates(store):
    text = "Dmitri Pesok, the presidential spokesman, spoke."
    add(store, article("a1", text, "2024-02-03", "x.example",
                       [person("e1", text, "Dmitri Pesok", roles=("presidential spokesman",))], []))
    [role] = api.entity(store, "Pesok").roles
    assert (role.role, role.date, role.article_id) == ("presidential spokesman", "2024-02-03", "a1")


def test_merge_and_split_persist_through_reindex(store):
    one, two = "Ostravia Rail announced cuts.", "Ostrav Railways announced cuts."
    add(store, article("a1", one, "2024-01-01", "x.example", [person("e1", one, "Ostravia Rail", type_="ORG")], []),
        article("a2", two, "2024-01-02", "x.example", [person("e1", two, "Ostrav Railways", type_="ORG")], []))
    assert len(api.entities(store)) == 2
    kept = api.merge(store, "Ostravia Rail", "Ostrav Railways")
    assert [e.id for e in api.entities(store)] == [kept.id]
    api.reindex(store)  # re-analysis rebuilds the registry from the articles: the merge still applies
    [after] = api.entities(store)
    assert after.articles == 2
    split_off = api.split(store, str(after.id), "Ostrav Railways")
    assert split_off.name == "Ostrav Railways"
    api.reindex(store)
    assert sorted(e.name for e in api.entities(store)) == ["Ostrav Railways", "Ostravia Rail"]
    three = "Ostrav Railways raised fares."  # a new article follows the correction too
    add(store, article("a3", three, "2024-01-03", "x.example", [person("e1", three, "Ostrav Railways", type_="ORG")], []))
    assert api.entity(store, "Ostrav Railways").entity.articles == 2


# -- timelines ---------------------------------------------------------------------------------------------

SEQUENCE = ("On March 2, Lena Varga said the talks had failed. On March 4, Lena Varga accused Belmark of lying. "
            "Lena Varga praised the mediators.")


def _story(store: SQLiteStore) -> None:
    text = SEQUENCE
    ents = [person("e1", text, "Lena Varga"), person("e2", text, "Belmark", type_="GPE")]
    add(store, article("a1", text, "2024-03-05", "daily-planet.example", ents, [
        event("v3", text, "Lena Varga praised the mediators.", "e1", "SUPPORT", "praise", day("2024-03-04", "publication")),
        event("v2", text, "On March 4, Lena Varga accused Belmark of lying.", "e1", "DISAPPROVE", "accuse",
              day("2024-03-04"), target="e2", quote="q2"),
        event("v1", text, "On March 2, Lena Varga said the talks had failed.", "e1", "STATEMENT", "say",
              day("2024-03-02"), quote="q1"),
    ]))
    other = "Belmark was accused by Lena Varga on March 4 of lying, the Morning Ledger learned."
    ents = [person("e1", other, "Lena Varga"), person("e2", other, "Belmark", type_="GPE")]
    add(store, article("b1", other, "2024-03-06", "morning-ledger.example", ents, [
        event("v1", other, other, "e1", "DISAPPROVE", "accuse", day("2024-03-04"), target="e2", quote="q1"),
    ]))


def test_timeline_in_event_date_order_with_reports_merged(store):
    _story(store)
    entries = timeline(store, actor="Varga")
    assert [(e.day, e.category, e.reported_on) for e in entries] == [
        ("2024-03-02", "STATEMENT", False), ("2024-03-04", "DISAPPROVE", False), ("2024-03-04", "SUPPORT", True)]
    accusation = entries[1]
    assert accusation.target == "Belmark"
    assert [(r.outlet, r.article_id) for r in accusation.reports] == [
        ("daily-planet.example", "a1"), ("morning-ledger.example", "b1")]
    stats = store.stats()
    assert (stats.event_reports, stats.distinct_events) == (4, 3)


def test_timeline_filters(store):
    _story(store)
    assert [e.category for e in timeline(store, category="disapprove")] == ["DISAPPROVE"]
    assert [e.day for e in timeline(store, since="2024-03-03", until="2024-03-04")] == ["2024-03-04", "2024-03-04"]
    with pytest.raises(UnknownEntity, match="no entity named"):
        timeline(store, actor="Nobody Atall")
    with pytest.raises(InvalidArgument, match="is not one of"):
        timeline(store, category="HUG")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        timeline(store, since="March")


def test_part_of_period_dates_sort_at_their_part(store):
    text = "At the end of January, Lena Varga warned Belmark. On January 20, Lena Varga met envoys."
    ents = [person("e1", text, "Lena Varga"), person("e2", text, "Belmark", type_="GPE")]
    add(store, article("a1", text, "2024-02-10", "x.example", ents, [
        event("v1", text, "At the end of January, Lena Varga warned Belmark.", "e1", "THREATEN", "warn",
              day("2024-01", mod="END", granularity="month"), target="e2"),
        event("v2", text, "On January 20, Lena Varga met envoys.", "e1", "CONSULT", "meet", day("2024-01-20")),
    ]))
    assert [(e.date, e.mod) for e in timeline(store)] == [("2024-01-20", None), ("2024-01", "END")]


def test_ics_and_cli_outputs(store, tmp_path):
    _story(store)
    ics = to_ics(timeline(store))
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20240302" in ics and all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    db = str(store.path)
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--db", db, "--actor", "Lena Varga", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [len(e["reports"]) for e in data] == [1, 2, 1] and data[2]["reported_on"] is True
    result = runner.invoke(app, ["timeline", "--db", db, "--csv"])
    assert result.output.splitlines()[0] == "date,actor,category,predicate,target,evidence,reports"
    assert "\n2 March 2024,Lena Varga," in result.output and "reported on 4 March 2024" in result.output
    result = runner.invoke(app, ["timeline", "--db", db, "--format", "ics"])
    assert result.exit_code == 0 and "END:VCALENDAR" in result.output
    result = runner.invoke(app, ["timeline", "--db", db, "--actor", "Nobody"])
    assert result.exit_code == 1 and "no entity named" in result.output
    result = runner.invoke(app, ["entity", "Varga", "--db", db, "--json"])
    assert json.loads(result.output)["quotes"] == 3
    result = runner.invoke(app, ["entities", "--db", db, "--type", "GPE", "--json"])
    assert [e["name"] for e in json.loads(result.output)] == ["Belmark"]


def test_offset_pages_through_the_timeline_and_cli(store):
    _story(store)
    whole = timeline(store)
    assert [e.category for e in timeline(store, limit=2, offset=1)] == [e.category for e in whole[1:3]]
    assert timeline(store, offset=3) == []
    with pytest.raises(ValueError, match="offset"):
        timeline(store, offset=-1)
    result = CliRunner().invoke(app, ["timeline", "--db", str(store.path), "--offset", "2", "--json"])
    assert [e["category"] for e in json.loads(result.output)] == ["SUPPORT"]


def test_article_entities_and_quotes_by_day(store):
    _story(store)
    assert [(local, e.name) for local, e in api.article_entities(store, "b1")] == [("e1", "Lena Varga"),
                                                                                ("e2", "Belmark")]
    assert api.entity(store, "Varga").quotes_by_day == [("2024-03-02", 1), ("2024-03-04", 2)]
    runner, db = CliRunner(), str(store.path)
    result = runner.invoke(app, ["entities", "--db", db, "--article", "a1", "--json"])
    assert [(e["local"], e["name"]) for e in json.loads(result.output)] == [("e1", "Lena Varga"), ("e2", "Belmark")]
    result = runner.invoke(app, ["entities", "--db", db, "--article", "a1", "--type", "GPE"])
    assert result.exit_code == 2 and "cannot be combined" in result.output
    result = runner.invoke(app, ["entities", "--db", db, "--article", "zz9"])
    assert result.exit_code == 2 and "--article 'zz9': not a valid article id" in result.output
    result = runner.invoke(app, ["entities", "--db", db, "--article", "ffff0000"])
    assert result.exit_code == 1 and "no article with id" in result.output


def test_limit_keeps_every_report_of_the_entries_it_returns(store):
    text = "Lena Varga met envoys."
    for n in range(6):  # six articles report the same meeting: one entry, six reports
        body = f"{text} Report number {n}."
        add(store, article(f"m{n}", body, "2024-04-02", f"outlet{n}.example", [person("e1", body, "Lena Varga")],
                           [event("v1", body, text, "e1", "CONSULT", "meet", day("2024-04-01"))]))
    later = "Lena Varga praised envoys."
    add(store, article("p1", later, "2024-04-03", "x.example", [person("e1", later, "Lena Varga")],
                       [event("v1", later, later, "e1", "SUPPORT", "praise", day("2024-04-02"))]))
    [entry] = timeline(store, limit=1)
    assert entry.category == "CONSULT" and len(entry.reports) == 6
    assert [len(e.reports) for e in timeline(store, limit=2)] == [6, 1]


def test_a_name_whose_key_is_taken_by_the_same_kind_reuses_that_entity(store):
    """'the Harbour Authority' folds to the key 'harbour authority' but is stored under the alias 'the harbour
    authority': the third article naming it once crashed ingest with a UNIQUE constraint error."""
    text = "The statement came from the Harbour Authority on Monday."
    articles = [article(f"h{i}", text, f"2025-03-0{i}", "port.example", [person("e1", text, "the Harbour Authority",
                                                                                  type_="ORG")], [])
                for i in range(1, 5)]
    add(store, *articles)
    found = {ref.id for a in articles for _, ref in store.article_entities(a.id)}
    assert len(found) == 1
