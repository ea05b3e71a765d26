"""End to end on the seed article: ingest, then the timeline the issue asks for."""

from __future__ import annotations

import pytest
from conftest import SEED, shared_path

from newsline.ingest import ingest
from newsline.store import ArticleFilter
from newsline.timeline import timeline

pytestmark = pytest.mark.data


def test_seed_timeline_in_event_date_order(store, analyzer):
    shared_path("seed", SEED.name)
    report = ingest([str(SEED)], store, analyzer=analyzer)
    assert report.added == 1
    [summary] = store.list_articles(ArticleFilter(), 1, 0)
    article = store.get_article(summary.id).article
    assert article.timexes and article.quotes
    entries = timeline(store, actorless=True)  # the 2022 operation's actor is not named

    def first(value: str, actor: str | None, category: str | None = None) -> int:
        for position, entry in enumerate(entries):
            if entry.date == value and (actor is None or actor in (entry.actor or "")) \
                    and (category is None or entry.category == category):
                return position
        raise AssertionError(f"no {value} event of {actor}: {[(e.date, e.actor, e.category) for e in entries]}")

    expected = [first("2022-02-24", None, "FIGHT"), first("2023-01", "Vučić"), first("2023-02-02", "Vučić"),
                first("2023-02-03", "Peskov"), first("2023-02-10", "Vučić"), first("2023-02-13", "Zakharova")]
    assert expected == sorted(expected)
    end_of_january = entries[expected[1]]
    assert (end_of_january.mod, end_of_january.date_source) == ("END", "timex")
    assert entries[expected[2]].date_source == "timex"  # "The day before", anchored on February 3
