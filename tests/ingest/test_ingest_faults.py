"""Issue 11, ingestion and analysis side: each test is named after the item of the audit it reproduces."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import pytest
from conftest import ARTICLE_A, ARTICLE_B, RUSSIAN, html_page, write_warc

import newsline
from newsline.analysis.pipeline import Analyzer, new_article
from newsline.errors import InvalidArgument
from newsline.ingest import ReadOptions, ingest, read_inputs
from newsline.ingest.records import RawRecord, Rejection
from newsline.stories import StoryConfig, assign as assign_stories


def read(path, **options):
    return list(read_inputs([str(path)], ReadOptions(**options)))


def jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --- item 1: publication dates outside a plausible range ---------------------------------------------------------

@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-01:00", "1599-12-31"])
def test_item1_an_extreme_publication_date_rejects_its_record_naming_field_and_value(tmp_path, value):
    path = jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A, "published": value}, {"text": ARTICLE_B}])
    found = read(path)
    assert str(found[0]) == (f"{path}:1: field 'published' is {value!r}: outside the plausible range of "
                             "publication dates 1600-01-01 to 2199-12-31")
    assert isinstance(found[1], RawRecord)


def test_item1_a_malformed_date_names_the_field_the_value_and_the_problem(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A, "date": "2023-02-30"}])
    [rejection] = read(path, field_map={"published": "date"})
    assert str(rejection) == (f"{path}:1: field 'date' is '2023-02-30': invalid publication date: day is out of "
                              "range for month; expected ISO 8601 (YYYY-MM-DD[THH:MM[:SS][+HH:MM]])")


def test_item1_date_markers_are_held_to_the_same_range(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"date 0001-01-01 {ARTICLE_A}\n\ndate 2024-03-07 {ARTICLE_B}\n")
    found = read(path)
    assert str(found[0]) == (f"{path}:1: invalid date marker 'date 0001-01-01': outside the plausible range of "
                             "publication dates 1600-01-01 to 2199-12-31")
    assert found[1].published == "2024-03-07"


def test_item1_story_assignment_never_overflows_for_any_stored_date(store):
    """Stores written before dates were checked may hold any date: every article still lands in a story."""
    articles = [new_article(f"{ARTICLE_A} Edition {i}.", published=published)
                for i, published in enumerate(["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-01:00",
                                               "0001-01-01", "9999-12-31"])]
    store.add_articles([(a, "test") for a in articles])
    assign_stories(store, articles, StoryConfig())
    members = store.story_members(article_ids=[a.id for a in articles])
    assert {m.article_id for m in members} == {a.id for a in articles}


# --- item 3: a WARC record whose Content-Length runs past the end --------------------------------------------------

def _warc_with_huge_length(path: Path, *, gzipped: bool) -> Path:
    """Four response records; the second one's Content-Length says 99,999,999 bytes."""
    pages = [(f"https://velmar-news.example.com/{i}", html_page(f"Story {i}", f"{ARTICLE_A} Part {i}."))
             for i in range(4)]
    write_warc(path, pages, gzip=False)
    data = path.read_bytes()
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1", i)] + [len(data)]
    records = [data[a:b] for a, b in zip(starts, starts[1:])]
    at = records[3].index(b"Content-Length: ")
    records[3] = records[3][:at] + b"Content-Length: 99999999" + records[3][records[3].index(b"\r\n", at):]
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gzipped else b"".join(records))
    return path


def test_item3_a_huge_content_length_is_reported_and_the_records_before_it_kept(tmp_path):
    path = _warc_with_huge_length(tmp_path / "crawl.warc", gzipped=False)
    found = read(path)
    assert [r.origin for r in found if isinstance(r, RawRecord)] == [f"{path}:record 2"]
    [rejection] = [r for r in found if isinstance(r, Rejection)]
    assert rejection.origin == f"{path}:record 4"
    assert rejection.reason.startswith("truncated or corrupt WARC: the record's Content-Length is 99,999,999 "
                                       "bytes but the file ends after")
    assert "every record after it was swallowed" in rejection.reason


def test_item3_in_a_gzipped_warc_only_the_damaged_record_is_lost(tmp_path):
    path = _warc_with_huge_length(tmp_path / "crawl.warc.gz", gzipped=True)
    found = read(path)
    assert [r.origin for r in found if isinstance(r, RawRecord)] == [f"{path}:record {n}" for n in (2, 6, 8)]
    [rejection] = [r for r in found if isinstance(r, Rejection)]
    assert rejection.origin == f"{path}:record 4" and "its gzip member ends after" in rejection.reason


# --- item 4: JSON Lines decoded line by line -------------------------------------------------------------------------

def test_item4_one_latin1_line_in_a_utf8_file_rejects_only_that_line(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": f"{ARTICLE_A} Jovan Petrović, item {i}."}, ensure_ascii=False).encode() + b"\n"
             for i in range(1, 3000)]
    lines[2000] = json.dumps({"text": f"{ARTICLE_B} Café"}, ensure_ascii=False).encode("latin-1") + b"\n"
    path.write_bytes(b"".join(lines))
    found = read(path)
    good = [r for r in found if isinstance(r, RawRecord)]
    assert len(good) == 2998 and all("Petrović" in r.text for r in good)
    column = lines[2000].index(0xE9) + 1
    assert [str(r) for r in found if isinstance(r, Rejection)] == [
        f"{path}:2001: undecodable: not valid utf-8 (byte 0xE9 at column {column}); this line was skipped"]


def test_item4_bad_bytes_in_the_first_256_kb_do_not_turn_the_file_into_mojibake(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [json.dumps({"text": f"{ARTICLE_A} Jovan Petrović said so, item {i}."}, ensure_ascii=False).encode()
            for i in range(50)]
    rows.insert(1, b'{"text": "Caf\xe9 owners in Orlen protested on Monday against the new rules."}')
    path.write_bytes(b"\n".join(rows) + b"\n")
    found = read(path)
    assert [r.origin for r in found if isinstance(r, Rejection)] == [f"{path}:2"]
    assert all("Petrović" in r.text for r in found if isinstance(r, RawRecord))


def test_item4_a_utf8_line_in_a_legacy_encoded_file_is_reported_not_garbled(tmp_path):
    path = tmp_path / "a.jsonl"
    legacy = [json.dumps({"text": f"{RUSSIAN} Номер {i}."}, ensure_ascii=False).encode("cp1251")
              for i in range(800)]  # past the 256 KB read to detect the encoding
    utf8 = json.dumps({"text": f"{RUSSIAN} Номер 800."}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(b"\n".join([*legacy, utf8]) + b"\n")
    assert path.stat().st_size > 256 * 1024
    found = read(path)
    assert all(r.text.startswith(RUSSIAN) for r in found[:800])
    assert str(found[800]) == (f"{path}:801: this line is UTF-8 but the file's first lines are cp1251: the file "
                               "mixes encodings; convert it to UTF-8")


# --- item 5: control characters --------------------------------------------------------------------------------------

def test_item5_control_characters_never_reach_stored_text(tmp_path, store, analyzer):
    path = jsonl(tmp_path / "a.jsonl", [
        {"text": "Harbour master Lina Ostrova\u0000 said on Tuesday\u0007 that the docks\u001b[31m would close."
                 "\r\nShipping\u0085 companies\u000b were told\u000c to divert\u0093 cargo.\tFor now.",
         "title": "Docks\u0000 close", "url": "https://velmar-news.example.com/\u0000docks"},
    ])
    report = ingest([str(path)], store, analyzer=analyzer)
    assert report.added == 1 and report.ok
    db = sqlite3.connect(store.path)
    text, title, url, length = db.execute("SELECT text, title, url, length(text) FROM articles").fetchone()
    assert length == len(text)  # SQLite's length() stops at a NUL
    assert text == ("Harbour master Lina Ostrova said on Tuesday that the docks[31m would close.\nShipping\n "
                    "companies\n were told\n to divert cargo.\tFor now.")
    assert title == "Docks close" and url == "https://velmar-news.example.com/docks"


# --- item 6: timexes far from their anchor; no analysis error aborts a batch -------------------------------------

@pytest.mark.parametrize(("text", "published"), [
    ("The settlement was founded 8000 years ago, the archaeologists said.", "2024-03-05"),
    ("The vault is meant to last until 10000 years from now, its builders said.", "2024-03-05"),
    ("The bond matures 3000000 days from now, the treasury said.", "2024-03-05"),
    ("The council met yesterday, the mayor said.", "0001-01-01"),
])
def test_item6_a_timex_beyond_the_calendar_stays_unresolved_with_its_reason(analyzer, text, published):
    article = analyzer.analyze(new_article(text, published=published))
    [timex] = [t for t in article.timexes if t.value is None]
    assert not timex.resolved and "outside the years 1 to 9999" in timex.reason


@pytest.mark.parametrize("workers", [1, 2])
def test_item6_an_article_whose_analysis_raises_is_rejected_and_the_run_goes_on(tmp_path, store, analyzer,
                                                                                monkeypatch, workers):
    from newsline.analysis import stages

    real = stages.find_quotes

    def broken(doc, *args):
        if "Brenholt" in doc.text:
            raise KeyError("a bug in a stage")
        return real(doc, *args)

    monkeypatch.setattr(stages, "find_quotes", broken)  # the quotes stage calls it; the workers fork after this
    first = jsonl(tmp_path / "first.jsonl", [{"text": ARTICLE_A}])
    assert ingest([str(first)], store, analyzer=analyzer).added == 1
    path = jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_B}, {"text": "Mayor Ida Brenholt opened the bridge."},
                                        {"text": ARTICLE_A + " Updated on Friday."}])
    report = ingest([str(path)], store, analyzer=analyzer, workers=workers, batch_size=1)
    assert report.added == 2
    assert [str(r) for r in report.rejections] == [
        f"{path}:2: analysis failed (KeyError: 'a bug in a stage'); this is a newsline bug, please report it with "
        "this record"]
    assert store.stats().articles == 3


# --- item 7: an escaped lone surrogate -----------------------------------------------------------------------------

def test_item7_a_lone_surrogate_rejects_its_record_with_a_reason(tmp_path, store, analyzer):
    path = tmp_path / "a.jsonl"
    escaped_title = json.dumps({"text": ARTICLE_A, "title": "Docks \\udc00"}).replace("\\\\udc00", "\\udc00")
    path.write_text('{"text": "Mayor Ida Brenholt \\ud800 opened the bridge on Monday."}\n' + escaped_title + "\n"
                    + json.dumps({"text": ARTICLE_B}) + "\n")
    report = ingest([str(path)], store, analyzer=analyzer)
    assert report.added == 1
    assert [str(r) for r in report.rejections] == [
        f"{path}:1: text: unpaired UTF-16 surrogate U+D800 at character 19: not Unicode text (half of a JSON \\u "
        "escape pair?); the record was not read",
        f"{path}:2: title: unpaired UTF-16 surrogate U+DC00 at character 6: not Unicode text (half of a JSON \\u "
        "escape pair?); the record was not read"]


# --- item 14: streaming with caps --------------------------------------------------------------------------------

def _gzip_bomb(path: Path, good: list[str], inflated: int) -> Path:
    """Gzipped JSON Lines: the good records, then one line of ``inflated`` bytes that compresses ~1000-fold."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    with open(path, "wb") as out:
        out.write(packer.compress("".join(json.dumps({"text": t}) + "\n" for t in good).encode()))
        out.write(packer.compress(b'{"text": "'))
        chunk = b"a" * (1 << 20)
        for _ in range(inflated // len(chunk)):
            out.write(packer.compress(chunk))
        out.write(packer.compress(b'"}\n') + packer.flush())
    return path


def test_item14_a_gzip_bomb_is_stopped_early_and_the_records_before_it_kept(tmp_path):
    path = _gzip_bomb(tmp_path / "bomb.jsonl.gz", [ARTICLE_A, ARTICLE_B], 1 << 28)
    assert path.stat().st_size < 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    found = read(path)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [r.text for r in found[:2]] == [ARTICLE_A, ARTICLE_B]
    assert found[2].origin == str(path) and "a decompression bomb" in found[2].reason
    assert peak < 200 * 1024 * 1024, f"peak {peak:,} bytes"
    assert seconds < 60


def test_item14_an_over_long_line_is_rejected_alone(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", [{"text": ARTICLE_A}, {"text": "word " * 5000}, {"text": ARTICLE_B}])
    found = read(path, max_record_bytes=10_000)
    assert [r.text for r in found if isinstance(r, RawRecord)] == [ARTICLE_A, ARTICLE_B]
    assert str(found[1]) == f"{path}:2: line longer than 10,000 characters: not one article"


def test_item14_an_over_long_date_marked_record_is_rejected_alone(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"date 2024-03-05 {ARTICLE_A}\n\ndate 2024-03-06 " + "word " * 5000 + "\n\nmore words\n\n"
                    f"date 2024-03-07 {ARTICLE_B}\n")
    found = read(path, max_record_bytes=10_000)
    assert [r.published for r in found if isinstance(r, RawRecord)] == ["2024-03-05", "2024-03-07"]
    assert str(found[1]) == f"{path}:7: line longer than 10,000 characters: not one article; this record was skipped"


class _LongStdin(io.RawIOBase):
    """64 MB of JSON Lines, made as they are read, counting what is read."""

    def __init__(self, size: int = 64 * 1024 * 1024) -> None:
        self.served, self.size = 0, size
        self.line = (json.dumps({"text": ARTICLE_A}) + "\n").encode()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.size - self.served)
        data = (self.line * (n // len(self.line) + 1))[:n]
        buffer[:n] = data
        self.served += n
        return n


def test_item14_standard_input_is_streamed(monkeypatch):
    stdin = _LongStdin()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stdin)))
    first = list(islice(read_inputs(["-"], ReadOptions()), 5))
    assert [r.origin for r in first] == [f"<stdin>:{n}" for n in range(1, 6)]
    assert stdin.served < 2 * 1024 * 1024


# --- item 15: one very long article --------------------------------------------------------------------------------

def test_item15_a_long_article_is_stored_whole_and_analysed_on_a_capped_prefix(tmp_path, store):
    analyzer = Analyzer(max_chars=2_000)
    text = "\n\n".join(f"{ARTICLE_A} Section {i}." for i in range(12))
    path = jsonl(tmp_path / "a.jsonl", [{"text": text}])
    report = ingest([str(path)], store, analyzer=analyzer)
    assert report.added == 1 and report.ok
    [article] = store.get_articles(store.existing_ids([new_article(text).id]))
    assert article.text == text
    info = article.analysis
    assert info.status == "ok" and 1_800 <= info.analysed_chars <= 2_000 and text[info.analysed_chars - 1] == "\n"
    assert info.reason == (f"long article: only its first {info.analysed_chars:,} of {len(text):,} characters were "
                           "analysed (newsline analyses at most 2,000 per article); the whole text is stored and "
                           "searchable")
    assert article.sentences[-1].end <= info.analysed_chars
    assert all(m.end <= info.analysed_chars for e in article.entities for m in e.mentions)
    assert all(z.end <= info.analysed_chars for z in article.zones)
    assert article.to_dict()["analysis"]["analysed_chars"] == info.analysed_chars


# --- item 16: workers die with their parent --------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@contextmanager
def ingest_with_workers(tmp_path: Path, texts: list[str], batch_size: int) -> Iterator[tuple[subprocess.Popen, set[int]]]:
    """A ``newsline ingest --workers 2`` of ``texts`` running in a subprocess, once both its workers have started;
    on leaving, it and its workers are killed if still alive."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i:04d}.txt").write_text(f"date 2024-03-05 {text}")
    command = [sys.executable, "-m", "newsline", "ingest", str(folder), "--db", str(tmp_path / "n.db"),
               "--workers", "2", "--batch-size", str(batch_size), "--quiet"]
    # Ctrl-C as in a terminal: a test run started in the background (`make test &`) has SIGINT ignored, which its
    # children would inherit, and a process started with SIGINT ignored rightly keeps ignoring it
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
            workers = _children(process.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the workers did not start"
        yield process, workers
    finally:
        for pid in [process.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_item16_kill_9_of_an_ingest_with_workers_ends_its_workers(tmp_path):
    texts = [f"{ARTICLE_A} Vessel {i} arrived on Monday." for i in range(400)]
    with ingest_with_workers(tmp_path, texts, batch_size=4) as (process, workers):
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived their killed parent"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_ctrl_c_of_an_ingest_with_workers_stops_without_waiting_for_their_batches(tmp_path):
    long_text = "\n\n".join(f"{ARTICLE_A} Vessel {n} arrived on Monday." for n in range(300))  # ~100,000 chars
    # batches of 20 articles as long as newsline analyses: each takes a worker minutes, far longer than the 60 s
    # allowed below for the interrupted ingest to end (a few seconds, even on a loaded machine)
    with ingest_with_workers(tmp_path, [f"{i} {long_text}" for i in range(40)], batch_size=20) as (process, workers):
        time.sleep(2)  # the batches are being analysed
        os.kill(process.pid, signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert not any(_alive(w) for w in workers), "workers outlived the interrupted ingest"


# --- item 20: the Python API's arguments -------------------------------------------------------------------------

def test_item20_analyze_refuses_what_is_not_text_with_a_clear_error():
    with pytest.raises(InvalidArgument, match="no text to analyse") as error:
        newsline.analyze(None)  # type: ignore[arg-type]
    assert error.value.param == "text"
    with pytest.raises(InvalidArgument, match="must be a string, not int") as error:
        newsline.analyze(ARTICLE_A, title=5)  # type: ignore[arg-type]
    assert error.value.param == "title"
    with pytest.raises(InvalidArgument, match="outside the plausible range") as error:
        newsline.analyze(ARTICLE_A, published="0001-01-01")
    assert error.value.param == "published"


def test_item20_analyze_takes_dates_and_datetimes():
    assert newsline.analyze(ARTICLE_A, published=datetime.date(2024, 3, 5)).published == "2024-03-05"
    moment = datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.timezone.utc)
    article = newsline.analyze(ARTICLE_A, published=moment)
    assert article.published == "2024-03-05T09:30:00+00:00"
    assert [t.value for t in article.timexes if t.span.text == "Tuesday"] == ["2024-03-05"]


def test_item20_text_beyond_spacys_max_length_is_analysed_on_a_prefix():
    text = "Mayor Ida Brenholt opened the bridge on Monday." + " " * 3_000_000 + "The end."
    article = newsline.analyze(text, published="2024-03-05")
    assert article.text == text and article.analysis.analysed_chars <= 100_000
    assert [e.name for e in article.entities if e.type == "PERSON"] == ["Ida Brenholt"]


# --- item 24: progress -------------------------------------------------------------------------------------------

def test_item24_progress_counts_every_article_and_knows_the_input_size(tmp_path, store, analyzer):
    path = jsonl(tmp_path / "a.jsonl", [{"text": f"{ARTICLE_A} Item {i}."} for i in range(10)] + [{"text": ""}])
    seen = []
    ingest([str(path)], store, analyzer=analyzer, batch_size=2,
           progress=lambda r: seen.append((r.analysed, r.added, len(r.rejections), r.read_bytes, r.input_bytes)))
    assert {0, 1, 2, 3} <= {s[0] for s in seen if s[1] == 0}  # counted from the start, before the first commit
    assert {s[4] for s in seen} == {path.stat().st_size}
    assert seen[-1][:4] == (10, 10, 1, path.stat().st_size)
    assert [s[3] for s in seen] == sorted(s[3] for s in seen)
