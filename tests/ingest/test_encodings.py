"""Text encodings are detected and decoded; undecodable input is rejected with a reason."""

from __future__ import annotations

import pytest
from conftest import ARTICLE_A, RUSSIAN

from newsline.ingest import ReadOptions, read_inputs
from newsline.ingest.records import RawRecord, Rejection


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16", "utf-8", "utf-8-sig"])
def test_russian_text_in_legacy_and_unicode_encodings(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    [record] = read_inputs([str(path)], ReadOptions())
    assert isinstance(record, RawRecord)
    assert record.text == RUSSIAN


def test_utf16_date_marked_english(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"date 2024-03-05 {ARTICLE_A}".encode("utf-16"))
    [record] = read_inputs([str(path)], ReadOptions())
    assert record.published == "2024-03-05" and record.text == ARTICLE_A


def test_cp1251_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(('{"text": "' + RUSSIAN + '"}\n').encode("cp1251"))
    [record] = read_inputs([str(path)], ReadOptions())
    assert record.text == RUSSIAN


def test_invalid_utf8_after_a_valid_head_is_rejected_with_the_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(("date 2024-03-05 " + "plain words " * 30_000).encode() + b"\n\xff\xfe\xfa broken tail\n")
    found = list(read_inputs([str(path)], ReadOptions()))
    assert isinstance(found[-1], Rejection)
    assert found[-1].reason.startswith("undecodable: not valid utf-8")
