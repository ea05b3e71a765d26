"""The timeline a user opens (issue 13): no undated or actorless noise by default, a day's events in time-of-day
order, status and zone kept, dates in words in the CLI (the value in --json). Hand-built articles, no spaCy."""

from __future__ import annotations

import json

import pytest
from conftest import old_store
from test_timeline_registry import add, article, event, person
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import StoreError
from newsline.model import EventDate
from newsline.store import SQLiteStore
from newsline.store.sqlite import EVENT_STATUS_SCHEMA
from newsline.timeline import timeline
from newsline.timeline.dates import day_rank
from newsline.timeline.words import date_in_words

TEXT = ("Lina Ostrova signed the accord at 4pm. Ostrova arrived at 7am. Ostrova met envoys in the morning. "
        "The convoy left. Ostrova will speak on Monday. Ostrova spoke.")


def when(value: str | None, source: str = "timex", granularity: str = "day", tz: str | None = None) -> EventDate:
    return EventDate(value, granularity, None, source, None, tz)


@pytest.fixture
def stored(store):
    entities = [person("e1", TEXT, "Lina Ostrova", "Ostrova")]
    events = [
        event("v1", TEXT, "Lina Ostrova signed the accord at 4pm.", "e1", "AGREE", "sign",
              when("2024-03-08T16:00", granularity="time", tz="GMT")),
        event("v2", TEXT, "Ostrova arrived at 7am.", "e1", "OTHER", "arrive", when("2024-03-08T07:00", granularity="time")),
        event("v3", TEXT, "Ostrova met envoys in the morning.", "e1", "CONSULT", "meet",
              when("2024-03-08TMO", granularity="time")),
        event("v4", TEXT, "The convoy left.", None, "RETREAT", "leave", when("2024-03-08")),
        event("v5", TEXT, "Ostrova will speak on Monday.", "e1", "OTHER", "speak", when("2024-03-11")),
        event("v6", TEXT, "Ostrova spoke.", "e1", "STATEMENT", "say", EventDate(None, None, None, "publication")),
    ]
    events[4].status = "planned"
    add(store, article("a1", TEXT, "", "daily-planet.example", entities, events))
    return store


def test_default_view_has_named_actors_and_dates(stored):
    default = timeline(stored)
    assert [e.predicate for e in default] == ["arrive", "meet", "sign", "speak"]  # 07:00, morning (09:00), 16:00
    everything = timeline(stored, undated=True, actorless=True)
    assert [e.predicate for e in everything] == ["leave", "arrive", "meet", "sign", "speak", "say"]
    assert [e.predicate for e in timeline(stored, actorless=True)] == ["leave", "arrive", "meet", "sign", "speak"]


def test_status_zone_and_words_reach_the_entry(stored):
    sign, speak = timeline(stored)[2], timeline(stored)[3]
    assert (sign.date, sign.tz, sign.when) == ("2024-03-08T16:00", "GMT", "8 March 2024, 16:00 GMT")
    assert (speak.status, speak.when) == ("planned", "11 March 2024")
    assert sign.to_dict()["when"] == sign.when and sign.to_dict()["status"] == "occurred"


def test_cli_shows_words_and_filters(stored):
    runner = CliRunner()
    db = str(stored.path)
    table = runner.invoke(app, ["timeline", "--db", db, "--csv"])
    assert table.exit_code == 0, table.output
    assert "8 March 2024, 16:00 GMT" in table.output and "(planned)" in table.output
    assert "The convoy left." not in table.output
    everything = runner.invoke(app, ["timeline", "--db", db, "--json", "--actorless", "--undated"])
    data = json.loads(everything.output)
    assert [e["predicate"] for e in data][0] == "leave" and data[-1]["when"] == "undated"
    assert data[1]["date"] == "2024-03-08T07:00"  # the value itself stays in the JSON


@pytest.mark.parametrize(("value", "mod", "tz", "words"), [
    ("2023-11-24T07:00", None, "GMT", "24 November 2023, 07:00 GMT"),
    ("2009-06-01T12:00Z", None, "UTC", "1 June 2009, 12:00 UTC"),
    ("2023-05-22T21:45", None, "local", "22 May 2023, 21:45 local time"),
    ("2023-11-24TMO", None, None, "24 November 2023, morning"),
    ("2023-W04", None, None, "the week of 23 January 2023"),
    ("2023-W03-WE", None, None, "the weekend of 21 January 2023"),
    ("2023-01", "END", None, "the end of January 2023"),
    ("2023-Q1", None, None, "the first quarter of 2023"),
    ("2022-SU", None, None, "summer 2022"),
    ("195X", None, None, "the 1950s"),
    ("18", None, None, "the 19th century"),
    ("PRESENT_REF", None, None, "now"),
    ("PAST_REF", None, None, "in the past"),
    ("XXXX-WXX-1", None, None, "any Monday"),
    ("1998-10-XX", None, None, "a day in October 1998"),
    ("PXY", None, None, "some years"),
    ("P3D", None, None, "3 days"),
    (None, None, None, "undated"),
    ("XXXX-02-10", None, None, "XXXX-02-10"),  # no words for it: the value itself
])
def test_dates_in_words(value, mod, tz, words):
    assert date_in_words(value, mod, tz) == words


def test_time_of_day_orders_a_day():
    ranks = [day_rank(v, s) for v, s in (("2024-03-08", "timex"), ("2024-03-08T07:00", "timex"),
                                         ("2024-03-08TMO", "narrative"), ("2024-03-08T16:00Z", "timex"),
                                         ("2024-03-08TNI", "timex"), ("2024-03-08", "publication"),
                                         ("2024-03-08", "dateline"))]
    assert ranks == sorted(ranks) and ranks[-1] == ranks[-2]


def test_a_store_from_before_event_status_is_refused_read_only_until_upgraded(tmp_path):
    path = tmp_path / "old.db"
    old_store(path, 6)  # migrations 1-6: events without status and tz
    with SQLiteStore(path, readonly=True) as old, pytest.raises(StoreError, match="newsline reindex"):
        timeline(old)
    SQLiteStore(path).close()  # opening for writing applies 007_event_status
    with SQLiteStore(path, readonly=True) as upgraded:
        assert upgraded.version >= EVENT_STATUS_SCHEMA and timeline(upgraded) == []
