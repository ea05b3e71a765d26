"""Each input format reads into the right records and articles."""

from __future__ import annotations

import gzip
import json

from conftest import ARTICLE_A, ARTICLE_B, html_page, write_warc

from newsline.ingest import ReadOptions, ingest, read_inputs
from newsline.ingest.records import RawRecord, Rejection
from newsline.store import ArticleFilter


def records(path, **options):
    return list(read_inputs([str(path)], ReadOptions(**options)))


def test_date_marked_single_record_like_the_seed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 2024-03-05 " + ARTICLE_A + "\n")
    [record] = records(path)
    assert isinstance(record, RawRecord)
    assert record.published == "2024-03-05"
    assert record.text == ARTICLE_A
    assert record.origin == f"{path}:1"


def test_date_marked_several_records_in_one_file(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text(f"date 2024-03-05 {ARTICLE_A}\n\ndate 2024-03-07\n{ARTICLE_B}\n")
    first, second = records(path)
    assert (first.published, second.published) == ("2024-03-05", "2024-03-07")
    assert second.text == ARTICLE_B
    assert second.origin.endswith(f":{ARTICLE_A.count(chr(10)) + 3}")


def test_a_marker_inside_a_paragraph_is_body_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-05 First line.\ndate 2024-03-06 is not a marker here.\n")
    [record] = records(path)
    assert "date 2024-03-06 is not a marker here." in record.text


def test_plain_text_takes_published_from_option_or_stays_unknown(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(ARTICLE_B)
    assert records(path)[0].published is None
    assert records(path, published="2024-03-07")[0].published == "2024-03-07"


def test_jsonl_fields_and_remapping(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_A, "url": "https://www.velmar-news.example.com/docks",
                                "published": "2024-03-05T08:15:00Z", "title": "Docks to close"}) + "\n")
    [record] = records(path)
    assert record.url == "https://www.velmar-news.example.com/docks"
    assert record.published == "2024-03-05T08:15:00+00:00"
    assert record.title == "Docks to close"

    remapped = tmp_path / "b.jsonl"
    remapped.write_text(json.dumps({"body": ARTICLE_B, "date": "2024-03-07", "site": "Orlen Courier"}) + "\n")
    [record] = records(remapped, field_map={"text": "body", "published": "date", "outlet": "site"})
    assert (record.text, record.published, record.outlet) == (ARTICLE_B, "2024-03-07", "Orlen Courier")


def test_html_main_text_title_date_and_canonical_url(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(html_page("Docks to close", ARTICLE_A, canonical="https://news.example.co.uk/docks",
                              published="2024-03-05T09:00:00+00:00"))
    [record] = records(path)
    assert "Harbour master Lina Ostrova" in record.text
    assert "All rights reserved" not in record.text and "Sport" not in record.text
    assert record.title == "Docks to close"
    assert record.published == "2024-03-05"
    assert record.url == "https://news.example.co.uk/docks"


def test_html_without_date_markup_has_no_date(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(html_page("Docks to close", ARTICLE_A))
    [record] = records(path)
    assert record.published is None


def test_warc_and_warc_gz_read_html_responses_with_url_and_fetch_date(tmp_path):
    pages = [("https://www.velmar-news.example.com/docks", html_page("Docks to close", ARTICLE_A)),
             ("https://courier.example.org/farmers", html_page("Farmers block highway", ARTICLE_B))]
    for name, gz in (("crawl.warc.gz", True), ("crawl.warc", False)):
        found = records(write_warc(tmp_path / name, pages, gzip=gz))
        assert [r.url for r in found] == [url for url, _ in pages]
        assert all(isinstance(r, RawRecord) and r.fetched and r.published is None for r in found)
        assert found[0].origin == f"{tmp_path / name}:record 2"


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt") as out:
        out.write(json.dumps({"text": ARTICLE_A}) + "\n")
    [record] = records(path)
    assert record.text == ARTICLE_A


def test_folders_are_recursed_and_hidden_files_skipped(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.txt").write_text(ARTICLE_B)
    (tmp_path / ".hidden.txt").write_text("secret notes")
    assert sorted(r.text for r in records(tmp_path)) == sorted([ARTICLE_A, ARTICLE_B])


def test_stdin(tmp_path, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"date 2024-03-05 {ARTICLE_A}".encode())))
    [record] = list(read_inputs(["-"], ReadOptions()))
    assert record.origin == "<stdin>:1" and record.published == "2024-03-05"


def test_outlet_is_given_outlet_else_registered_domain_else_unknown(tmp_path, store, analyzer):
    path = tmp_path / "a.jsonl"
    rows = [{"text": ARTICLE_A, "url": "https://www.velmar-news.example.co.uk/docks"},
            {"text": ARTICLE_B, "url": "https://courier.example.org/x", "outlet": "Orlen Courier"},
            {"text": ARTICLE_A + " Updated."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = ingest([str(path)], store, analyzer=analyzer)
    assert report.added == 3 and report.ok
    outlets = {s.outlet for s in store.list_articles(ArticleFilter(), 10, 0)}
    assert outlets == {"example.co.uk", "Orlen Courier", None}


def test_rejections_say_where(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_A}) + "\n{not json\n" + json.dumps({"text": ""}) + "\n")
    found = records(path)
    assert isinstance(found[0], RawRecord)
    assert [str(r) for r in found[1:]] == [
        f"{path}:2: malformed JSON line (Expecting property name enclosed in double quotes, column 2)",
        f"{path}:3: no text: field 'text' is missing, empty or not a string",
    ]
    assert all(isinstance(r, Rejection) for r in found[1:])


def test_folder_walk_skips_files_that_are_not_inputs_but_named_files_are_read(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "notes.md").write_text(ARTICLE_B)
    (tmp_path / "build.py").write_text("print('hello world from a build script of some length')")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(html_page("Farmers", ARTICLE_B).encode()))
    skipped: list[str] = []
    found = list(read_inputs([str(tmp_path)], ReadOptions(), skipped))
    assert [r.origin for r in found] == [str(tmp_path / "a.txt"), str(tmp_path / "b.html.gz")]
    assert sorted(skipped) == [str(tmp_path / "build.py"), str(tmp_path / "notes.md")]
    assert len(records(tmp_path / "notes.md")) == 1
