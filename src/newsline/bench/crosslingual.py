"""``newsline bench crosslingual``: Russian quotes and cross-lingual provenance, scored as
``../shared/bench/crosslingual/README.md`` defines it.

The set is 30 real pages (Russian and English) in 10 groups, each one statement reported by Russian media and by
English sites that translate, rewrite or independently report it. Each article is analysed as ``newsline analyze``
would; the stories are built over all of them in a scratch store as ``newsline stories rebuild`` does.

- **Russian quotes**: quote recall and speaker accuracy as ``bench news`` scores them (:func:`news.score_quotes`;
  the gold speakers are Latin-script canonical names, so a Cyrillic speaker is judged by its transliteration).
- **grouping**: pairwise and B-cubed F1 of the groups (an English article must join its Russian counterpart's).
- **source named**: for each article whose source is in the set, whether the system names that source.
- **relation**: per grouped article, the relation class: earliest; translation (a copy or rewrite whose source is
  in another language); copy-or-rewrite (same language); sibling-or-independent (independent, or derived from an
  origin outside the set, as ``bench news`` counts it).
- **credit**: every article that names an upstream outlet but is reported as an uncredited copy or rewrite.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsline.analysis import default_analyzer
from newsline.bench import CORRECT, Tally
from newsline.bench import stories as story_bench
from newsline.bench.news import (
    UNCREDITED, WRONG_RELATION, GoldNewsArticle, GoldQuote, Miss, NewsScores, context, locate, relation_class,
    score_quotes,
)
from newsline.errors import InputFileError
from newsline.identity import new_article
from newsline.publication import normalize_published
from newsline.model import Article
from newsline.stories import query as story_query
from newsline.stories.assign import StoryConfig

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer

WRONG_SOURCE = "wrong source"
TRANSLATION, COPY_OR_REWRITE = "translation", "copy-or-rewrite"


@dataclass(frozen=True, slots=True)
class GoldMember:
    id: str
    group: str
    language: str
    relation: str  # earliest | translation-copy | translation-rewrite | copy | rewrite | independent
    source_id: str | None
    credits_source: bool


@dataclass(slots=True)
class CrosslingualScores(NewsScores):
    """``bench news``'s figures for the Russian quotes and the groups, plus source-named accuracy."""

    source: Tally = field(default_factory=Tally)

    def figures(self) -> list[dict[str, Any]]:
        kept = ("quote", "speaker", "story", "credited")
        rows = [row for row in NewsScores.figures(self) if row["figure"].startswith(kept)]
        at = next((i for i, row in enumerate(rows) if row["figure"] == "story relation accuracy"), len(rows))
        source = {"figure": "source named accuracy", "value": round(self.source.accuracy, 4),
                  "correct": self.source.correct, "total": self.source.total,
                  **{k: v for k, v in sorted(self.source.outcomes.items()) if k != CORRECT}}
        return [*rows[:at], source, *rows[at:]] if self.grouping is not None else rows


def read_crosslingual(directory: Path | str) -> tuple[list[GoldNewsArticle], list[str], list[GoldMember]]:
    """The set's articles (``articles/*.json``, as ``bench news`` articles with no timexes or events), their
    languages, and the group labels (``groups.json``)."""
    directory = Path(directory)
    files = sorted((directory / "articles").glob("*.json"))
    if not files:
        raise InputFileError(f"{directory}: no articles/*.json; expected the crosslingual set, e.g. "
                             "../shared/bench/crosslingual")
    articles, languages = [], []
    for path in files:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            text = d["text"]
            quotes = [GoldQuote(q["speaker"], q["kind"], q.get("cue"), *locate(text, q["content"], q.get("start")))
                      for q in d["quotes"]]
            # the outlet field may carry a note after the domain: "tass.ru (ТАСС)"
            outlet = (d.get("outlet") or "").split(" (")[0] or None
            articles.append(GoldNewsArticle(d["id"], d.get("url"), outlet, d.get("published"), d.get("group"),
                                            text, quotes, [], []))
            languages.append(d["language"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputFileError(f"{path}: not a crosslingual article ({exc.__class__.__name__}: {exc})") from None
    groups_path = directory / "groups.json"
    try:
        members = [GoldMember(m["id"], g["group"], m["language"], m["relation"], m.get("source_id"),
                              bool(m["credits_source"]))
                   for g in json.loads(groups_path.read_text(encoding="utf-8")) for m in g["articles"]]
    except FileNotFoundError:
        members = []
    except (ValueError, KeyError, TypeError) as exc:
        raise InputFileError(
            f"{groups_path}: not a crosslingual groups file ({exc.__class__.__name__}: {exc})") from None
    return articles, languages, members


def crosslingual_class(relation: str, source_in_set: bool, same_language: bool) -> str:
    """The class a relation is scored in (gold or system): earliest, translation, copy-or-rewrite,
    sibling-or-independent. Translation and rewrite variants are one class each; derivation from an origin
    outside the set is a sibling's, as in :func:`news.relation_class`."""
    base = relation_class("copy" if relation.startswith(("translation", "translated")) else relation, source_in_set)
    if base in ("copy", "rewrite"):
        return COPY_OR_REWRITE if same_language else TRANSLATION
    return base


def score_crosslingual(directory: Path | str, *, analyzer: Analyzer | None = None,
                       config: StoryConfig | None = None) -> CrosslingualScores:
    """Analyse every article of the set and score Russian quotes, groups, sources, relations and credit."""
    gold, languages, members = read_crosslingual(directory)
    system = list(default_analyzer(analyzer).analyze_many(
        new_article(g.text, url=g.url, outlet=g.outlet, published=normalize_published(g.published)) for g in gold))
    scores = CrosslingualScores(articles=len(gold))
    for g, language, article in zip(gold, languages, system):
        if language == "ru":
            score_quotes(g, article, scores)
    if members:
        _score_groups(gold, languages, system, members, config or StoryConfig(), scores)
    return scores


def _score_groups(gold: Sequence[GoldNewsArticle], languages: Sequence[str], system: Sequence[Article],
                  members: Sequence[GoldMember], config: StoryConfig, scores: CrosslingualScores) -> None:
    with story_bench.scratch_store(system, config) as store:
        story_of = {m.article_id: m.story_id for m in store.story_members(article_ids=[a.id for a in system])}
        views = [story_query.story(store, sid) for sid in set(story_of.values())]
    reported = {a.id: a for view in views for a in view.articles}
    ids = {g.id: a.id for g, a in zip(gold, system)}
    names = {a.id: g.id for g, a in zip(gold, system)}
    language = dict(zip((g.id for g in gold), languages))
    texts = {g.id: g.text for g in gold}
    scores.grouping = story_bench.score([g.story or f"alone:{g.id}" for g in gold],
                                        [story_of.get(a.id, f"none:{a.id}") for a in system])
    for m in members:
        got = reported.get(ids.get(m.id, ""))
        source = names.get(got.source_id or "", got.source_id) if got else None
        where = context(texts[m.id], 0, 0, 120)
        if m.source_id is not None:
            outcome = CORRECT if source == m.source_id else WRONG_SOURCE
            scores.source.add(outcome)
            if outcome != CORRECT:
                scores.misses.append(Miss("stories", m.id, WRONG_SOURCE, f"source {m.source_id}",
                                          f"source {source}", where))
        want = crosslingual_class(m.relation, m.source_id is not None,
                                  m.source_id is None or language[m.source_id] == m.language)
        have = ("sibling-or-independent" if got is None else crosslingual_class(
            got.relation, got.source_id is not None, language.get(source or "", m.language) == m.language))
        outcome = CORRECT if want == have else WRONG_RELATION
        scores.relation.add(outcome)
        if outcome != CORRECT:
            scores.misses.append(Miss("stories", m.id, outcome, f"{want} (source {m.source_id})",
                                      f"{have} (source {source})", where))
        if m.credits_source and got is not None and got.uncredited:
            scores.credit_violations += 1
            scores.misses.append(Miss("stories", m.id, UNCREDITED, "credited",
                                      f"uncredited {got.relation} of {source}", where))
