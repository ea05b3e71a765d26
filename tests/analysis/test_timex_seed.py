"""End to end on the seed article: read as any input is, analysed, the values the issue lists."""

from __future__ import annotations

import pytest
from conftest import SEED, shared_path

from newsline.analysis.pipeline import new_article
from newsline.ingest import ReadOptions, RawRecord, read_inputs

pytestmark = pytest.mark.data


def test_seed_article_timex_values(analyzer):
    shared_path("seed", SEED.name)
    records = [r for r in read_inputs([str(SEED)], ReadOptions()) if isinstance(r, RawRecord)]
    assert len(records) == 1 and records[0].published == "2023-02-13"
    record = records[0]
    article = analyzer.analyze(new_article(record.text, published=record.published))
    by_text = {t.span.text: t for t in article.timexes}
    for text in ("Monday, February 13", "February 10", "February 3", "The day before", "the end of January",
                 "February 24, 2022"):
        assert article.text[by_text[text].span.start:by_text[text].span.end] == text
    assert by_text["Monday, February 13"].value == "2023-02-13"
    assert by_text["February 10"].value == "2023-02-10"
    assert by_text["February 3"].value == "2023-02-03"
    day_before = by_text["The day before"]
    assert day_before.value == "2023-02-02"
    assert day_before.anchor == by_text["February 3"].id
    end_of_january = by_text["the end of January"]
    assert (end_of_january.value, end_of_january.mod) == ("2023-01", "END")
    assert by_text["February 24, 2022"].value == "2022-02-24"
    assert all(t.resolved for t in article.timexes)
    assert [t.id for t in article.timexes] == [f"t{i}" for i in range(1, len(article.timexes) + 1)]
