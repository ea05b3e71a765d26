"""Property-based fuzzing of the readers (issue 11): whatever the bytes, reading gives records or Rejections, never
an exception, and every record is clean text with a plausible date or none."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ARTICLE_A, html_page, write_warc
from hypothesis import HealthCheck, given, settings, strategies as st

from newsline.analysis.pipeline import new_article
from newsline.errors import RejectedInput
from newsline.ingest import ReadOptions, read_inputs
from newsline.publication import normalize_published
from newsline.ingest.datemarked import read_date_marked
from newsline.ingest.decode import BadLine, unpaired_surrogate
from newsline.ingest.html import read_html
from newsline.ingest.jsonl import read_jsonl
from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.warc import read_warc

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OPTIONS = ReadOptions(max_record_bytes=64 * 1024, max_text_chars=20_000)
SCRATCH = Path(tempfile.mkdtemp(prefix="newsline-fuzz-"))


def check(items: list[object], label: str) -> None:
    """Only records and rejections; records hold clean text, rejections say where and why."""
    for item in items:
        assert isinstance(item, (RawRecord, Rejection)), item
        assert item.origin.startswith(label)
        if isinstance(item, Rejection):
            assert item.reason.strip()
            continue
        for value in (item.text, item.title, item.url, item.outlet):
            assert value is None or (isinstance(value, str) and unpaired_surrogate(value) is None)
            assert value is None or not any(ord(c) < 32 and c not in "\t\n" for c in value), value
        assert item.text and len(item.text) <= OPTIONS.max_text_chars
        assert item.published is None or normalize_published(item.published) == item.published
        new_article(item.text, url=item.url, outlet=item.outlet, published=item.published, title=item.title)


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``: lone surrogates kept in the UTF encodings, unmappable characters as ``?``."""
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


def read_bytes(data: bytes, name: str) -> None:
    path = SCRATCH / name
    path.write_bytes(data)
    check(list(read_inputs([str(path)], OPTIONS)), str(path))


# Values a JSON field may take: text with control characters and lone surrogates, numbers, dates of every shape.
texts = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
dates = st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()), st.text(max_size=30),
                  st.from_regex(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?", fullmatch=True))
values = st.one_of(st.none(), texts, st.integers(), st.floats(allow_nan=False), st.booleans(),
                   st.lists(st.integers(), max_size=3), dates)
objects = st.fixed_dictionaries({}, optional={"text": st.one_of(texts, st.just(ARTICLE_A)), "url": values,
                                              "title": values, "outlet": values, "published": dates})
lines = st.one_of(objects.map(lambda o: json.dumps(o, ensure_ascii=False)), texts)
encodings = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1251", "utf-8-sig"])


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["a.txt", "a.jsonl", "a.html", "a.warc", "a", "a.jsonl.gz"]))
def test_arbitrary_bytes_in_any_file_give_records_or_rejections(data, name):
    read_bytes(data, name)


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["a.txt", "a.jsonl", "a.warc"]))
def test_arbitrary_gzip_data_gives_records_or_rejections(data, name):
    read_bytes(gzip.compress(data), name + ".gz")
    read_bytes(gzip.compress(data)[: max(2, len(data) // 2)], name + ".gz")


@FUZZ
@given(st.lists(lines, max_size=12), encodings, st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_json_lines_of_any_content_and_encoding(rows, encoding, gzipped, newline):
    data = encode(newline.join(rows), encoding)
    read_bytes(gzip.compress(data) if gzipped else data, "rows.jsonl.gz" if gzipped else "rows.jsonl")


@FUZZ
@given(st.lists(st.tuples(st.one_of(dates, st.from_regex(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", fullmatch=True)),
                          texts), max_size=6), encodings)
def test_date_marked_text_of_any_content(records, encoding):
    data = encode("\n\n".join(f"date {token} {body}" for token, body in records), encoding)
    read_bytes(data, "marked.txt")


@FUZZ
@given(st.lists(st.one_of(texts, st.builds(BadLine, st.just("a reason"), texts)), max_size=20))
def test_the_line_readers_take_any_lines(items):
    check(list(read_jsonl("f", items, {})), "f")
    check(list(read_date_marked("f", items, 1000)), "f")


@FUZZ
@given(st.integers(min_value=0, max_value=10_000), st.binary(min_size=1, max_size=64), st.booleans())
def test_damaged_warc_archives_give_records_or_rejections(cut, garbage, gzipped):
    path = write_warc(SCRATCH / "crawl.warc", [(f"https://velmar-news.example.com/{i}", html_page(f"S{i}", ARTICLE_A))
                                               for i in range(3)], gzip=gzipped)
    data = path.read_bytes()
    at = cut % len(data)
    damaged = data[:at] + garbage + data[at + len(garbage):]
    check(list(read_warc("crawl", io.BytesIO(damaged), 64 * 1024)), "crawl")
    read_bytes(data[:at], "cut.warc")


@settings(FUZZ, max_examples=30)
@given(st.one_of(texts, st.builds(html_page, texts, texts)))
def test_html_gives_a_record_or_rejected_input(html):
    try:
        record = read_html("page.html", html)
    except RejectedInput as exc:
        assert str(exc)
    else:
        assert isinstance(record, RawRecord) and record.text


@FUZZ
@given(st.one_of(st.binary(max_size=2048), st.binary(max_size=2048).map(gzip.compress)))
def test_standard_input_of_arbitrary_bytes(data):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        check(list(read_inputs(["-"], OPTIONS)), "<stdin>")
