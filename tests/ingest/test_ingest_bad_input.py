"""Bad input is rejected with `file[:line or record]: reason`; the rest of the batch goes on."""

from __future__ import annotations

import gzip
import json
import os

import pytest
from conftest import ARTICLE_A, ARTICLE_B, html_page, write_warc

from newsline.ingest import ReadOptions, ingest, read_inputs
from newsline.ingest.records import RawRecord, Rejection


def rejections(path, **options):
    return [str(r) for r in read_inputs([str(path)], ReadOptions(**options)) if isinstance(r, Rejection)]


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    assert rejections(tmp_path / "empty.txt") == [f"{tmp_path / 'empty.txt'}: empty file"]
    assert rejections(tmp_path / "blank.txt") == [f"{tmp_path / 'blank.txt'}: file holds only whitespace"]


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    [reason] = rejections(path)
    assert reason.startswith(f"{path}: binary")


def test_invalid_date_marker_rejects_that_record_only(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"date 2024-02-30 {ARTICLE_A}\n\ndate 2024-03-07 {ARTICLE_B}\n")
    found = list(read_inputs([str(path)], ReadOptions()))
    assert str(found[0]) == f"{path}:1: invalid date marker 'date 2024-02-30': expected a real date as YYYY-MM-DD"
    assert isinstance(found[1], RawRecord) and found[1].published == "2024-03-07"


def test_date_marker_without_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-05\n\n")
    assert rejections(path) == [f"{path}:1: empty record: a date marker with no text after it"]


def test_malformed_json_line_and_bad_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": ARTICLE_A}),
        '{"text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": ARTICLE_B, "published": "last Tuesday"}),
        json.dumps({"text": ARTICLE_B, "url": 42}),
    ]) + "\n")
    assert rejections(path) == [
        f"{path}:2: malformed JSON line (Unterminated string starting at, column 10)",
        f"{path}:3: expected a JSON object, got list",
        f"{path}:4: field 'published' is 'last Tuesday': invalid publication date: expected ISO 8601 "
        "(YYYY-MM-DD[THH:MM[:SS][+HH:MM]])",
        f"{path}:5: field 'url' must be a string",
    ]


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    lines = "".join(json.dumps({"text": f"{ARTICLE_A} Item {i}."}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    found = list(read_inputs([str(path)], ReadOptions()))
    assert 0 < sum(isinstance(r, RawRecord) for r in found) < 2000
    assert "truncated or corrupt gzip data" in str(found[-1])


def test_truncated_warc_keeps_records_before_the_break(tmp_path):
    pages = [(f"https://velmar-news.example.com/{i}", html_page(f"Story {i}", f"{ARTICLE_A} Part {i}."))
             for i in range(6)]
    path = write_warc(tmp_path / "crawl.warc.gz", pages)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    found = list(read_inputs([str(path)], ReadOptions()))
    good = [r for r in found if isinstance(r, RawRecord)]
    assert 1 <= len(good) < 6
    assert isinstance(found[-1], Rejection) and "truncated or corrupt WARC" in found[-1].reason
    assert found[-1].origin.startswith(f"{path}:record ")


def test_html_with_no_main_text(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert rejections(path) == [f"{path}: HTML page has no main text (nothing that reads as an article)"]


def test_100_mb_file_is_rejected_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    chunk = ("All work and no play makes a very long file. " * 1000 + "\n").encode()
    with open(path, "wb") as out:
        for _ in range(100 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)
    assert os.path.getsize(path) >= 100 * 1024 * 1024
    [reason] = rejections(path)
    assert reason.startswith(f"{path}: document larger than 10 MB")


def test_oversized_record_in_a_stream_is_rejected_and_the_rest_stored(tmp_path, store, analyzer):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "word " * 250_000}) + "\n" + json.dumps({"text": ARTICLE_A}) + "\n")
    report = ingest([str(path)], store, analyzer=analyzer)
    assert report.added == 1
    assert [str(r) for r in report.rejections] == [
        f"{path}:1: text of 1,249,999 characters exceeds the 1,000,000-character limit"]


def test_missing_path(tmp_path):
    assert rejections(tmp_path / "nope.txt") == [f"{tmp_path / 'nope.txt'}: cannot open: No such file or directory"]


def test_a_folder_of_10000_small_files(tmp_path, store, analyzer):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"Councillor Mara Vent{i} opened library branch number {i} on Monday.")
    (folder / "zz-broken.txt").write_bytes(b"")
    report = ingest([str(folder)], store, analyzer=analyzer, batch_size=256)
    assert report.added == 10_000
    assert [str(r) for r in report.rejections] == [f"{folder / 'zz-broken.txt'}: empty file"]
    assert store.stats().articles == 10_000


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.html"])
def test_a_bad_file_does_not_stop_the_batch(tmp_path, store, analyzer, name):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / name).write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "good.txt").write_text(ARTICLE_B)
    report = ingest([str(folder)], store, analyzer=analyzer)
    assert report.added == 1 and len(report.rejections) == 1
