"""TimeML reading and writing, and the ``timeml annotate`` / ``bench timex`` commands, on a file the team wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.model import Span, Timex
from newsline.timeml import parse_timeml, read_timeml, render_timeml

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>LANTERN_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-05" temporalFunction="false" functionInDocument="CREATION_TIME">2021-03-05</TIMEX3></DCT>
<TEXT>
The Lantern Gazette &amp; partners <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-03-01">Monday</TIMEX3> that the Drennick bridge would reopen in <TIMEX3 tid="t2" type="DATE" value="2021-06">June</TIMEX3>.
Repairs took <TIMEX3 tid="t3" type="DURATION" value="P3M">three months</TIMEX3>.
</TEXT>
</TimeML>
"""
RAW = ("\nThe Lantern Gazette & partners said Monday that the Drennick bridge would reopen in June.\n"
       "Repairs took three months.\n")


def _strip_text_timexes(source: str) -> str:
    head, rest = source.split("<TEXT>", 1)
    body, tail = rest.split("</TEXT>", 1)
    return head + "<TEXT>" + re.sub(r"</?TIMEX3[^>]*>", "", body) + "</TEXT>" + tail


def test_reads_dct_raw_text_and_gold_spans():
    doc = parse_timeml(SAMPLE, "sample.tml")
    assert doc.dct == "2021-03-05"
    assert doc.text == RAW
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Monday", "DATE", "2021-03-01"), ("June", "DATE", "2021-06"), ("three months", "DURATION", "P3M")]
    assert all(doc.text[g.start:g.end] == g.text for g in doc.gold)


def test_writing_no_timexes_strips_gold_tags_and_keeps_every_other_byte():
    doc = parse_timeml(SAMPLE)
    out = render_timeml(doc, [])
    assert out == _strip_text_timexes(SAMPLE)
    assert '<TIMEX3 tid="t0"' in out  # the DCT is not inside <TEXT>


def test_round_trip_is_byte_identical():
    doc = parse_timeml(SAMPLE)
    timexes = [Timex(g.tid, Span(g.start, g.end, g.text), g.type, g.value) for g in doc.gold]  # type: ignore[arg-type]
    assert render_timeml(doc, timexes) == SAMPLE


def test_tags_enclose_markup_rather_than_cross_it():
    source = SAMPLE.replace("<EVENT eid=\"e1\" class=\"REPORTING\">said</EVENT>", "<EVENT eid=\"e1\">Monday</EVENT>")
    doc = parse_timeml(source)
    start = doc.text.index("Monday")
    out = render_timeml(doc, [Timex("t9", Span(start, start + 6, "Monday"), "DATE", "2021-03-01")])
    assert '<TIMEX3 tid="t9" type="DATE" value="2021-03-01"><EVENT eid="e1">Monday</EVENT></TIMEX3>' in out


def test_missing_text_element_is_a_clear_error():
    with pytest.raises(ValueError, match=r"bad\.tml: no <TEXT> element"):
        parse_timeml("<TimeML><DCT></DCT></TimeML>", "bad.tml")


def test_cli_annotate_and_bench(tmp_path: Path, analyzer):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "lantern.tml").write_bytes(SAMPLE.encode("utf-8"))
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["timeml", "annotate", str(gold), str(out)])
    assert result.exit_code == 0, result.output
    written = (out / "lantern.tml").read_text(encoding="utf-8")
    assert _strip_text_timexes(written) == _strip_text_timexes(SAMPLE)
    ours = read_timeml(out / "lantern.tml").gold
    assert [(t.text, t.value) for t in ours] == [("Monday", "2021-03-01"), ("June", "2021-06"), ("three months", "P3M")]

    result = runner.invoke(app, ["bench", "timex", str(gold)])
    assert result.exit_code == 0, result.output
    assert "strict match" in result.output and "100.00" in result.output

    result = runner.invoke(app, ["timeml", "annotate", str(tmp_path / "nowhere"), str(out)])
    assert result.exit_code != 0
    assert "nowhere" in result.output
