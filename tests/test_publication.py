"""PublicationDate: one value for the publication date; its day is the day written, for every stage and step."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, datetime, time, timedelta, timezone

import pytest

from newsline.errors import InvalidArgument
from newsline.publication import PublicationDate, normalize_published, publication_day

LATE_EVENING = "2025-03-10T23:30-05:00"  # 04:30 UTC on the 11th


def test_a_date_states_its_day_time_zone_and_precision():
    day = PublicationDate.of("2025-03-10")
    assert (day.day, day.time, day.tz, day.precision, day.instant) == (date(2025, 3, 10), None, None, "day", None)
    timed = PublicationDate.of(LATE_EVENING)
    zone = timezone(timedelta(hours=-5))
    assert timed.day == date(2025, 3, 10) and timed.precision == "time" and timed.tz == zone
    assert timed.time == time(23, 30, tzinfo=zone)
    assert timed.instant == datetime(2025, 3, 11, 4, 30, tzinfo=timezone.utc)
    naive = PublicationDate.of("2025-03-10T23:30")
    assert naive.tz is None and naive.instant == datetime(2025, 3, 10, 23, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("given", "contract"), [
    ("2025-03-10", "2025-03-10"), ("20250310", "2025-03-10"), ("2025-W11-1", "2025-03-10"),
    (LATE_EVENING, "2025-03-10T23:30:00-05:00"), ("2025-03-10T09:30:00Z", "2025-03-10T09:30:00+00:00"),
    (date(2025, 3, 10), "2025-03-10"), (datetime(2025, 3, 10, 9, 30), "2025-03-10T09:30:00"),
])
def test_the_contract_keeps_a_string_and_reads_back_the_same_value(given, contract):
    assert normalize_published(given) == contract
    assert str(PublicationDate.of(contract)) == contract


@pytest.mark.parametrize("given", ["2025-02-30", "March 10", "2025-03-10T25:00", "0001-01-01", "9999-12-31"])
def test_a_malformed_or_implausible_date_is_an_invalid_argument(given):
    with pytest.raises(InvalidArgument) as caught:
        normalize_published(given, "published")
    assert caught.value.param == "published"


def test_the_day_is_the_day_written_not_the_utc_day():
    assert publication_day(LATE_EVENING) == date(2025, 3, 10)
    assert publication_day(None) is None


def test_timex_anchor_event_date_and_story_window_agree_on_the_written_day(tmp_path):
    """``2025-03-10T23:30-05:00``: "today" is the 10th, an event dated by publication falls on the 10th, and the
    story window is centred on the 10th (the UTC day would be the 11th)."""
    import newsline

    text = ("Velmora port workers stopped work today, the Brenholt union said.\n\n"
            "The Ruritanian harbour authority confirmed the stoppage.")
    article = newsline.analyze(text, published=LATE_EVENING)
    [today] = [t for t in article.timexes if t.span.text == "today"]
    assert today.value == "2025-03-10" and today.anchor == "dct"
    from newsline.analysis.events.dating import from_publication

    assert from_publication(article.published).value == "2025-03-10"
    assert {e.date.value for e in article.events} == {"2025-03-10"}
    source = tmp_path / "late.jsonl"
    record = {"text": text, "published": LATE_EVENING, "url": "https://velmora.example.com/a"}
    source.write_text(json.dumps(record) + "\n")
    with newsline.open_store(tmp_path / "s.db") as store:
        newsline.ingest([str(source)], store)
    with closing(sqlite3.connect(tmp_path / "s.db")) as db:
        assert db.execute("SELECT day FROM story_articles").fetchall() == [("2025-03-10",)]
