"""The thresholds the docs state are the code's: each documented value is read from its page and compared."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from newsline.analysis import zones
from newsline.analysis.pipeline import MAX_ANALYSED_CHARS
from newsline.analysis.quotes import attributions, rules
from newsline.stories import relations
from newsline.stories.config import StoryConfig
from newsline.stories.profile import Weights


def page(name: str) -> str:
    return " ".join((REPO / "docs" / name).read_text().split())  # one line: sentences wrap anywhere


def stated(text: str, pattern: str) -> tuple[float, ...]:
    """The numbers ``pattern``'s groups capture in ``text`` (a percentage as a share); fails when it is not found,
    so that a reworded page is noticed rather than skipped."""
    found = re.search(pattern, text)
    assert found, f"the docs no longer say {pattern!r}: update the page or this test"
    return tuple(float(g.rstrip("%").replace(",", "")) / (100 if g.endswith("%") else 1) for g in found.groups())


def test_story_settings():
    settings = re.search(r"Settings \(`StoryConfig`\): (.*?)`weights`", page("stories.md"))
    assert settings
    documented = dict(re.findall(r"`(\w+)` ([\d.]+)", settings.group(1)))
    assert len(documented) == 9  # window_days, day_decay, day_grace, threshold, near_duplicate, repost, per_key,
    # max_candidates, sources_considered
    config = StoryConfig()
    for name, value in documented.items():
        assert getattr(config, name) == pytest.approx(float(value)), name
    text = page("stories.md")
    assert stated(text, r"estimated Jaccard similarity is >= ([\d.]+)") == (config.near_duplicate,)
    assert stated(text, r"only a re-post \(>= ([\d.]+)\) joins") == (config.repost,)
    assert stated(text, r"best story scoring >= ([\d.]+)") == (config.threshold,)
    assert stated(text, r"less ([\d.]+) for each day the two were published apart beyond the first") == (config.day_decay,)
    assert stated(text, r"must score ([\d.]+) \+ ([\d.]+) \(the threshold plus the date penalty\)") == (
        config.threshold, config.weights.date_penalty)


def test_story_similarity_weights():
    w = Weights()
    assert stated(page("stories.md"), r"`([\d.]+) \* cosine\(terms\) \+ ([\d.]+) \* cosine\(names\)`, plus ([\d.]+) "
                  r"when the two share a quote, plus ([\d.]+) when they share an event date or minus ([\d.]+)") \
        == (w.terms, w.names, w.quote_bonus, w.date_bonus, w.date_penalty)


def test_reuse_thresholds():
    text = page("stories.md")
    assert stated(text, r"best source sentence is >= ([\d.]+), and \*\*verbatim\*\* when the word sequences match at "
                  r">= ([\d.]+)") == (relations.ALIGNED, relations.VERBATIM)
    assert stated(text, r"\| `copy` \| >= (\d+%) of the article's sentence text is reused and >= (\d+%) of the "
                  r"reused sentences") == pytest.approx((relations.COPY_SHARE, relations.COPY_VERBATIM))
    assert stated(text, r"\| `rewrite` \| >= (\d+%) reused, .*? with confidence >= ([\d.]+) \|") \
        == pytest.approx((relations.REWRITE_SHARE, relations.REWRITE_CONFIDENCE))
    assert stated(text, r"for paraphrase, \(([\d.]+) \+ [\d.]+ x the share of reused sentences that keep") \
        == (relations.ORDER_FLOOR,)


def test_attribution_confidences_and_voice():
    text = page("attribution.md")
    assert stated(text, r"`confidence`: ([\d.]+) direct quote with a cue, ([\d.]+) reported speech by rule, ([\d.]+) "
                  r"tagger, ([\d.]+) anaphoric statement, ([\d.]+) cue-less continuation; times ([\d.]+) when the "
                  r"speaker was reached through a pronoun") == (
        rules.CUED, rules.REPORTED, attributions._TAGGER_CONFIDENCE, rules.ANAPHORIC, rules.CONTINUATION,
        attributions.PRONOUN_DISCOUNT)
    assert "quote contents cover at least half of it" in text and attributions.ATTRIBUTED_SHARE == 0.5


def test_zone_constants():
    assert stated(page("zones.md"), r"Constants: (\d+)/(\d+) headline words, (\d+) characters and (\d+) extra words "
                  r"for a timestamp, (\d+) caption words, (\d+) related words, (\d+) opening lines") == (
        zones._HEADLINE_MAX_WORDS, zones._SHORT_QUESTION_WORDS, zones._TIMESTAMP_MAX_CHARS,
        zones._TIMESTAMP_MAX_OTHER_WORDS, zones._CAPTION_MAX_WORDS, zones._RELATED_MAX_WORDS, zones._OPENING_LINES)


def test_analysis_cap():
    assert stated(page("schema.md"), r"A text longer than the analysis cap \(([\d,]+) characters\)") == (MAX_ANALYSED_CHARS,)
