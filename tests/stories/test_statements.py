"""One speaker's statements on one subject a few days apart, and undated reports: the day decay inside the time
window and the higher bar for an undated article (``newsline.stories.assign``). Invented texts: a spokeswoman of
Ruritania on the closed port of Brentholt, on Monday and again on Friday."""

from __future__ import annotations

import pytest

import newsline
from newsline.errors import InvalidArgument
from newsline.model import Article
from newsline.store import SQLiteStore
from newsline.stories import StoryConfig
from newsline.stories.assign import Assignment, assign

MONDAY = (
    "Ruritania sees no reason to reopen Brentholt port, says Varnova\n\n"
    "Ruritanian Foreign Ministry spokeswoman Anna Varnova said the port of Brentholt would stay closed to foreign "
    "ships, because the guarantees promised by Velmora had not been given.\n\n"
    "\"There is no reason to reopen the port while the guarantees are missing,\" Varnova told reporters.\n\n"
    "She said the government had shown good will and extended the deadline twice.\n\n"
    "The port has been closed to foreign ships since January after three incidents at the piers.\n"
)
FRIDAY = (
    "Varnova: decision on Brentholt port still open\n\n"
    "Ruritania has not yet decided whether the port of Brentholt will reopen to foreign ships, Foreign Ministry "
    "spokeswoman Anna Varnova said.\n\n"
    "\"The decision will be announced in good time; there is still time for Velmora to give the guarantees,\" "
    "Varnova told a briefing.\n\n"
    "The port has been closed to foreign ships since January.\n\n"
    "Velmora's foreign minister said last week that the guarantees were ready.\n"
)


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    def analysed(text: str, published: str | None, outlet: str) -> Article:
        return newsline.analyze(text, published=published, outlet=outlet, url=f"https://{outlet}/varnova")

    return {"monday": analysed(MONDAY, "2026-03-02T10:00:00+00:00", "harbourdaily.example.com"),
            "friday": analysed(FRIDAY, "2026-03-06T09:00:00+00:00", "brentholtnews.example.com"),
            "undated": analysed(FRIDAY, None, "portwatch.example.net")}


def _second(tmp_path, first: Article, second: Article, config: StoryConfig) -> Assignment:
    """How ``second`` is assigned once ``first`` is in a story (a fresh store each time)."""
    path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.db"
    with SQLiteStore(path) as store:
        store.add_articles([(first, "t"), (second, "t")])
        return assign(store, [first, second], config, analyse=False)[1]


def test_a_statement_four_days_later_scores_less_by_the_day_decay(tmp_path, articles):
    flat = _second(tmp_path, articles["monday"], articles["friday"], StoryConfig(day_decay=0.0))
    decayed = _second(tmp_path, articles["monday"], articles["friday"], StoryConfig(threshold=0.0))
    assert flat.tier == decayed.tier == "same story"
    assert decayed.score == pytest.approx(flat.score - 0.05 * 3, abs=0.002)  # 4 days apart, the first one free


def test_the_decay_keeps_the_later_statement_out_of_the_earlier_ones_story(tmp_path, articles):
    flat = _second(tmp_path, articles["monday"], articles["friday"], StoryConfig(day_decay=0.0))
    between = flat.score - 0.1  # a threshold the later statement reaches only without the decay
    assert _second(tmp_path, articles["monday"], articles["friday"],
                   StoryConfig(threshold=between, day_decay=0.0)).tier == "same story"
    assert _second(tmp_path, articles["monday"], articles["friday"],
                   StoryConfig(threshold=between)).tier == "opened"


def test_an_undated_article_must_score_the_date_penalty_more(tmp_path, articles):
    windowless = _second(tmp_path, articles["monday"], articles["undated"], StoryConfig(window_days=None))
    between = windowless.score - 0.1  # less than the date penalty (0.15) below its score
    assert _second(tmp_path, articles["monday"], articles["undated"],
                   StoryConfig(threshold=between, window_days=None)).tier == "same story"
    # under a time window an undated article is compared with every story and has no day to disagree with
    assert _second(tmp_path, articles["monday"], articles["undated"],
                   StoryConfig(threshold=between)).tier == "opened"
    assert _second(tmp_path, articles["monday"], articles["undated"],
                   StoryConfig(threshold=between - 0.1)).tier == "same story"


def test_decay_settings_are_checked():
    with pytest.raises(InvalidArgument, match="day_decay"):
        StoryConfig(day_decay=-0.1)
    with pytest.raises(InvalidArgument, match="day_grace"):
        StoryConfig(day_grace=-1)
