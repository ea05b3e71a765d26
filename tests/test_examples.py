"""The bundled example corpus reads cleanly and says what examples/README.md says it does."""

from __future__ import annotations

import importlib.util
import sys

from conftest import EXAMPLES

from newsline.analysis.language import detect_language
from newsline.identity import text_hash
from newsline.ingest import RawRecord, ReadOptions, Rejection, read_inputs

CORPUS_FOLDERS = ("datemarked", "plain", "jsonl", "html", "warc", "encodings")


def _records() -> list[RawRecord]:
    items = list(read_inputs([str(EXAMPLES / folder) for folder in CORPUS_FOLDERS], ReadOptions()))
    rejections = [str(item) for item in items if isinstance(item, Rejection)]
    assert rejections == []
    return items  # type: ignore[return-value]


def _by_url(records: list[RawRecord], fragment: str) -> RawRecord:
    (match,) = [r for r in records if r.url and fragment in r.url]
    return match


def test_every_example_reads_with_its_date_and_language():
    records = _records()
    assert len(records) == 18
    languages = sorted(detect_language(r.text) for r in records)
    assert languages == ["en"] * 17 + ["ru"]
    published = sorted((r.published or "")[:10] for r in records)
    assert published == sorted([
        "2025-02-27", "2025-03-10", "2025-03-10", "2025-03-11", "2025-03-11", "2025-03-11", "2025-03-12",
        "2025-03-13", "2025-03-14", "2025-04-22", "2025-04-23", "2025-04-23", "2025-04-23", "2025-04-25",
        "2025-06-17", "2025-06-18", "", "",
    ])
    for record in records:
        assert 150 <= len(record.text.split()) <= 400 or detect_language(record.text) == "ru", record.origin


def test_encoded_files_decode():
    records = _records()
    russian = [r for r in records if r.origin.endswith("_cp1251.txt:1")]
    assert russian and russian[0].text.startswith("Забастовка докеров в порту Вельмора")
    utf16 = [r for r in records if r.origin.endswith("_utf16.txt:1")]
    assert utf16 and utf16[0].text.startswith("Brenholt's boil-water notice was lifted on Friday")


def test_exact_copies_and_rewrites():
    records = _records()
    original_a = _by_url(records, "harbourgazette.example.com/news/2025/03/10/")
    copy_a = _by_url(records, "coastlinedaily.example.net")
    rewrite_a = _by_url(records, "northernledger.example.org")
    original_b = _by_url(records, "brenholtobserver.example.org")
    copy_b = _by_url(records, "localnewsnow.example.net")
    rewrite_b = _by_url(records, "valleyrecord.example.org")
    assert text_hash(original_a.text) == text_hash(copy_a.text)
    assert text_hash(original_b.text) == text_hash(copy_b.text)
    hashes = [text_hash(r.text) for r in records]
    assert len(set(hashes)) == len(hashes) - 2  # no other copies
    assert "the Harbour Gazette reported" in rewrite_a.text
    assert "the Brenholt Observer reported" in rewrite_b.text


def test_warc_is_reproduced_by_its_script(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_warc", EXAMPLES / "make_warc.py")
    make_warc = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_warc", make_warc)  # dataclasses look their module up there
    spec.loader.exec_module(make_warc)
    monkeypatch.setattr(make_warc, "OUTPUT", tmp_path / make_warc.OUTPUT.name)
    make_warc.main()
    assert (tmp_path / make_warc.OUTPUT.name).read_bytes() == (EXAMPLES / "warc" / make_warc.OUTPUT.name).read_bytes()
