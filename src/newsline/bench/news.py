"""``newsline bench news``: accuracy on real news, scored as ``../shared/bench/realnews/README.md`` defines it.

The set is 30 real articles annotated for quotes and speakers, TIMEX3 values, dated events and story groups.
Each article is analysed as ``newsline analyze`` would (text, URL, outlet and publication date as given); the
stories are built over all of them in a scratch store as ``newsline stories rebuild`` does.

- **timex value accuracy**: gold timexes overlapped by a system timex with the same value.
- **quote recall**: gold quotes whose content is at least half covered by one system quote's content.
- **speaker accuracy**: gold quotes found and attributed to an entity that names the gold speaker (see
  :func:`names_speaker`); over all gold quotes, and over direct quotes.
- **event date accuracy**: gold events matched by a system event that overlaps the evidence and has the same
  actor and the same date (a day value is right for a gold time of that day, and the other way round).
- **stories**: pairwise and B-cubed F1 of the groups (articles in no gold group are singletons); per grouped
  article, the relation class (earliest, sibling-or-independent, copy, rewrite; a copy or rewrite of an origin
  outside the set counts as a sibling); every article that credits its origin but is reported as an
  uncredited copy or rewrite; and credits: per article, whether it credits a source (any non-photo credit of
  another outlet, :func:`outside_credits`) against ``credits_source`` (precision and recall), and the share of
  the gold ``credit_text`` lines a system credit falls in.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsline.analysis import default_analyzer
from newsline.bench import CORRECT, Tally, overlap
from newsline.bench import stories as story_bench
from newsline.errors import InputFileError, InvalidArgument
from newsline.identity import new_article
from newsline.publication import normalize_published
from newsline.model import Article, Credit, Entity
from newsline.registry.names import name_words, skeleton
from newsline.stories import query as story_query
from newsline.stories.config import StoryConfig
from newsline.stories.credit import StoryCredits

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer

PARTS = ("timex", "quotes", "events", "stories")
HALF = 0.5  # README: a gold quote is found when one system quote's content covers at least half of it

# outcomes of one judgement besides CORRECT
MISSED, WRONG_VALUE = "missed", "wrong value"
NOT_FOUND, NO_SPEAKER, WRONG_SPEAKER = "not found", "no speaker", "wrong speaker"
NO_EVENT, WRONG_ACTOR, WRONG_DATE = "no event", "wrong actor", "wrong date"
WRONG_GROUP, WRONG_RELATION, UNCREDITED = "wrong group", "wrong relation", "credited but reported uncredited"
CREDIT_MISSED, CREDIT_EXTRA, CREDIT_LINE_MISSED = "credit missed", "credit found, none in gold", "credit line missed"

_NAME_KINDS = ("name", "short_name")
# Country adjectives and short forms, so that an institution matches by any of its usual names
# ("Russia's Foreign Ministry" = "the Russian Foreign Ministry"); applied to folded text.
_PLACE_FORMS = {
    "russian": "russia", "chinese": "china", "israeli": "israel", "turkish": "turkey", "turkiye": "turkey",
    "iranian": "iran", "sudanese": "sudan", "ukrainian": "ukraine", "american": "us", "u s": "us",
    "united states": "us", "usa": "us", "british": "uk", "united kingdom": "uk", "u k": "uk",
    "britain": "uk", "qatari": "qatar", "saudi arabian": "saudi", "saudi arabia": "saudi",
    "serbian": "serbia", "european union": "eu", "hungarian": "hungary", "palestinian": "palestine",
    "ministry of foreign affairs": "foreign ministry", "foreign affairs": "foreign",
}
_PLACE_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _PLACE_FORMS), key=len, reverse=True)) + r")\b")
_FUNCTION_WORDS = frozenset({"the", "of", "s", "a", "an", "and", "for"})


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: str
    kind: str
    cue: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    actor: str
    date: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldStoryArticle:
    id: str
    story: str
    relation: str  # earliest | independent | copy | rewrite
    source_id: str | None
    credits_source: bool
    credit_text: str | None = None  # the credit lines, "; "-separated when several


@dataclass(slots=True)
class GoldNewsArticle:
    id: str
    url: str | None
    outlet: str | None
    published: str | None
    story: str | None
    text: str
    quotes: list[GoldQuote]
    timexes: list[GoldTimex]
    events: list[GoldEvent]


@dataclass(slots=True)
class Miss:
    """One gold item the system got wrong, for the listing of misses by kind."""

    part: str
    article: str
    kind: str
    expected: str
    got: str
    context: str


@dataclass(slots=True)
class NewsScores:
    articles: int
    timex: Tally = field(default_factory=Tally)
    quote_recall: Tally = field(default_factory=Tally)
    speaker: Tally = field(default_factory=Tally)
    speaker_direct: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    grouping: story_bench.Scores | None = None
    relation: Tally = field(default_factory=Tally)
    credit_violations: int = 0
    credit_lines: Tally = field(default_factory=Tally)  # gold credit lines a system credit falls in
    credit_detection: Counter[str] = field(default_factory=Counter)  # per article: tp, fp, fn, tn
    misses: list[Miss] = field(default_factory=list)

    def figures(self) -> list[dict[str, Any]]:
        """One row per figure: name, value, correct and total (stories' grouping as F1 only)."""
        rows = [
            _row("timex value accuracy", self.timex), _row("quote recall", self.quote_recall),
            _row("speaker accuracy", self.speaker), _row("speaker accuracy, direct quotes", self.speaker_direct),
            _row("event date accuracy", self.events),
        ]
        if self.grouping is not None:
            g = self.grouping
            rows += [
                {"figure": "story grouping pairwise F1", "value": round(g.pairwise_f1, 4),
                 "correct": None, "total": g.documents},
                {"figure": "story grouping B-cubed F1", "value": round(g.bcubed_f1, 4),
                 "correct": None, "total": g.documents},
                _row("story relation accuracy", self.relation),
                {"figure": "credited articles reported as uncredited", "value": self.credit_violations,
                 "correct": None, "total": None},
                _row("credit lines found", self.credit_lines),
            ]
            d = self.credit_detection
            if d:
                precision = d["tp"] / (d["tp"] + d["fp"]) if d["tp"] + d["fp"] else 0.0
                recall = d["tp"] / (d["tp"] + d["fn"]) if d["tp"] + d["fn"] else 0.0
                rows += [
                    {"figure": "articles crediting a source: precision", "value": round(precision, 4),
                     "correct": d["tp"], "total": d["tp"] + d["fp"]},
                    {"figure": "articles crediting a source: recall", "value": round(recall, 4),
                     "correct": d["tp"], "total": d["tp"] + d["fn"]},
                ]
        return rows


def _row(name: str, tally: Tally) -> dict[str, Any]:
    return {"figure": name, "value": round(tally.accuracy, 4), "correct": tally.correct, "total": tally.total,
            **{k: v for k, v in sorted(tally.outcomes.items()) if k != CORRECT}}


# ---------------------------------------------------------------------------------------------------- reading


def read_realnews(directory: Path | str) -> tuple[list[GoldNewsArticle], list[GoldStoryArticle]]:
    """The set's articles (``articles/*.json``) and story labels (``stories.json``)."""
    directory = Path(directory)
    files = sorted((directory / "articles").glob("*.json"))
    if not files:
        raise InputFileError(f"{directory}: no articles/*.json; expected the realnews set, e.g. "
                             "../shared/bench/realnews")
    articles = [_read_article(path) for path in files]
    stories_path = directory / "stories.json"
    story_labels = _read_stories(stories_path) if stories_path.is_file() else []
    return articles, story_labels


def _read_article(path: Path) -> GoldNewsArticle:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        text = d["text"]
        return GoldNewsArticle(
            d["id"], d.get("url"), d.get("outlet"), d.get("published"), d.get("story"), text,
            [GoldQuote(q["speaker"], q["kind"], q.get("cue"), *locate(text, q["content"], q.get("start")))
             for q in d["quotes"]],
            [GoldTimex(*locate(text, t["text"], t.get("start")), t["value"]) for t in d["timexes"]],
            [GoldEvent(e["actor"], e["date"], *locate(text, e["evidence"], e.get("start"))) for e in d["events"]],
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise InputFileError(f"{path}: not a realnews article ({exc.__class__.__name__}: {exc})") from None


def locate(text: str, span: str, start: int | None) -> tuple[int, int, str]:
    if start is None:
        start = text.find(span)
    if start < 0 or text[start:start + len(span)] != span:
        raise ValueError(f"span {span[:60]!r} is not in the text at {start}")
    return start, start + len(span), span


def _read_stories(path: Path) -> list[GoldStoryArticle]:
    try:
        return [GoldStoryArticle(a["id"], group["story"], a["relation"], a.get("source_id"), bool(a["credits_source"]),
                                 a.get("credit_text"))
                for group in json.loads(path.read_text(encoding="utf-8")) for a in group["articles"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputFileError(f"{path}: not a realnews stories file ({exc.__class__.__name__}: {exc})") from None


# ---------------------------------------------------------------------------------------------------- names


def _words(name: str) -> list[str]:
    folded = _PLACE_PATTERN.sub(lambda m: _PLACE_FORMS[m.group(1)], name_words(name))
    return [w for w in folded.split() if w not in _FUNCTION_WORDS]


_ADJECTIVE_ENDINGS = ("n", "an", "ian", "i", "ese")  # Ruritania -> Ruritanian, Israel -> Israeli


def _same_word(a: str, b: str) -> bool:
    if a == b or skeleton(a) == skeleton(b) or (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and long[len(short):] in _ADJECTIVE_ENDINGS


def _contains(words: list[str], part: list[str]) -> bool:
    return all(any(_same_word(p, w) for w in words) for p in part)


def _names_one(candidate: str, gold: str, person: bool) -> bool:
    """Whether one system name names the gold referent.

    The same words after folding, transliteration and country forms, or the same letters spaced otherwise
    (Amirabdollahian = Amir-Abdollahian). A person also by the surname alone (either word of a two-word name,
    for family-name-first names), with a subset of the given names, or inside a longer name that adds a title
    ("Harbour Master Jovan Petrović"). An institution by two or more of its name's words, the last included
    ("Foreign Ministry" for "Russian Foreign Ministry"), never by its head noun alone.
    """
    got, want = _words(candidate), _words(gold)
    if not got or not want:
        return False
    if len(got) == len(want) and all(map(_same_word, got, want)):
        return True
    joined = "".join(got)
    if any("".join(want[i:]) == joined for i in range(len(want) - 1 if person else 1)):
        return True
    if not _same_word(got[-1], want[-1]):
        return person and len(got) == 1 and len(want) == 2 and _same_word(got[0], want[0])
    if _contains(want, got):
        return person or len(got) >= 2
    return person and len(want) >= 2 and _contains(got, want)


def names_speaker(entity: Entity | None, gold: str) -> bool:
    """Whether ``entity`` (the system's speaker) names the gold canonical speaker.

    Accepted: any of the entity's name mentions naming the gold referent (:func:`_names_one`); for an unnamed
    gold source ("unnamed senior US official"), an entity that is itself unnamed or described by a word of the
    gold description; for joint speakers ("A and B"), an entity whose names cover every part.
    """
    if entity is None:
        return False
    names = [entity.name, *(m.text for m in entity.mentions if m.kind in _NAME_KINDS)]
    person = entity.type == "PERSON"
    if gold.startswith("unnamed "):
        described = set(_words(gold.removeprefix("unnamed ")))
        own = {w for name in names + [m.text for m in entity.mentions] for w in _words(name)}
        return (entity.type.upper() == "UNNAMED" or entity.name.startswith("unnamed")) and bool(described & own)
    if any(_names_one(n, gold, person) for n in names):
        return True
    if " and " not in gold:
        return False
    pieces = [p for n in names for p in re.split(r"\s+and\s+|,\s*", n) if p]
    return all(any(_names_one(p, part, person) for p in pieces) for part in re.split(r"\s+and\s+", gold))


# ---------------------------------------------------------------------------------------------------- scoring


def score_news(directory: Path | str, *, parts: Sequence[str] = PARTS, analyzer: Analyzer | None = None,
               config: StoryConfig | None = None) -> NewsScores:
    """Analyse every article of the set and score the requested ``parts``."""
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise InvalidArgument("parts", ", ".join(sorted(unknown)), f"unknown part; choose from {', '.join(PARTS)}")
    gold, story_labels = read_realnews(directory)
    system = list(default_analyzer(analyzer).analyze_many(_as_article(g) for g in gold))
    scores = NewsScores(articles=len(gold))
    for g, article in zip(gold, system):
        if "timex" in parts:
            _score_timexes(g, article, scores)
        if "quotes" in parts:
            score_quotes(g, article, scores)
        if "events" in parts:
            _score_events(g, article, scores)
    if "stories" in parts and story_labels:
        _score_stories(gold, system, story_labels, config or StoryConfig(), scores)
    return scores


def _as_article(g: GoldNewsArticle) -> Article:
    return new_article(g.text, url=g.url, outlet=g.outlet, published=normalize_published(g.published))


def context(text: str, start: int, end: int, margin: int = 60) -> str:
    return " ".join(text[max(0, start - margin):min(len(text), end + margin)].split())


def _score_timexes(g: GoldNewsArticle, article: Article, scores: NewsScores) -> None:
    for t in g.timexes:
        found = [s for s in article.timexes if overlap((t.start, t.end), (s.span.start, s.span.end))]
        outcome = CORRECT if any(s.value == t.value for s in found) else WRONG_VALUE if found else MISSED
        scores.timex.add(outcome)
        if outcome != CORRECT:
            got = "; ".join(f"{s.span.text!r} {s.value}" for s in found) or "(none)"
            scores.misses.append(Miss("timex", g.id, outcome, f"{t.text!r} {t.value}", got,
                                      context(g.text, t.start, t.end)))


def score_quotes(g: GoldNewsArticle, article: Article, scores: NewsScores) -> None:
    entities = {e.id: e for e in article.entities}
    for q in g.quotes:
        size = q.end - q.start
        covering = [s for s in article.quotes if overlap((q.start, q.end), (s.content.start, s.content.end)) >= HALF * size]
        scores.quote_recall.add(CORRECT if covering else NOT_FOUND)
        named = [entities.get(s.speaker) for s in covering if s.speaker]
        if not covering:
            outcome, got = NOT_FOUND, "(no quote)"
        elif any(names_speaker(e, q.speaker) for e in named):
            outcome, got = CORRECT, ""
        elif not named:
            outcome, got = NO_SPEAKER, "(none)"
        else:
            outcome, got = WRONG_SPEAKER, "; ".join(e.name for e in named if e is not None)
        scores.speaker.add(outcome)
        if q.kind == "direct":
            scores.speaker_direct.add(outcome)
        if outcome != CORRECT:
            scores.misses.append(Miss("quotes", g.id, outcome, f"{q.speaker} ({q.kind})", got,
                                      context(g.text, q.start, q.end)))


def _same_date(got: str | None, want: str) -> bool:
    if got is None:
        return False
    return got == want or ("T" in want and got == want[:10]) or ("T" in got and got[:10] == want)


def _score_events(g: GoldNewsArticle, article: Article, scores: NewsScores) -> None:
    entities = {e.id: e for e in article.entities}
    for gold in g.events:
        found = [e for e in article.events if overlap((gold.start, gold.end), (e.evidence.start, e.evidence.end))]
        actor_ok = [e for e in found if names_speaker(entities.get(e.actor or ""), gold.actor)]
        if any(_same_date(e.date.value, gold.date) for e in actor_ok):
            scores.events.add(CORRECT)
            continue
        dated = [e for e in found if _same_date(e.date.value, gold.date)]
        outcome = NO_EVENT if not found else WRONG_DATE if actor_ok else WRONG_ACTOR
        scores.events.add(outcome)
        shown = actor_ok or dated or found
        got = "; ".join(f"{entities[e.actor].name if e.actor in entities else '(no actor)'} {e.date.value}"
                        f" ({e.date.source})" for e in shown[:3]) or "(none)"
        scores.misses.append(Miss("events", g.id, outcome, f"{gold.actor} {gold.date}", got,
                                  context(g.text, gold.start, gold.end, 20)))


def relation_class(relation: str, source_in_set: bool) -> str:
    """The class a relation is scored in: earliest, sibling-or-independent, copy, rewrite. A copy or rewrite of
    an origin outside the set is a sibling of the others that took the same origin."""
    if relation in ("earliest", "first"):
        return "earliest"
    if relation in ("copy", "rewrite") and source_in_set:
        return relation
    return "sibling-or-independent"


def _score_stories(gold: Sequence[GoldNewsArticle], system: Sequence[Article], labels: Iterable[GoldStoryArticle],
                   config: StoryConfig, scores: NewsScores) -> None:
    with story_bench.scratch_store(system, config) as store:
        members = {m.article_id: m.story_id for m in store.story_members(article_ids=[a.id for a in system])}
        views = {sid: story_query.story(store, sid) for sid in set(members.values())}
    by_article = {a.id: a for view in views.values() for a in view.articles}
    ids = {g.id: a.id for g, a in zip(gold, system)}
    names = {a.id: g.id for g, a in zip(gold, system)}
    scores.grouping = story_bench.score([g.story or f"alone:{g.id}" for g in gold],
                                        [members.get(a.id, f"none:{a.id}") for a in system])
    texts = {g.id: g.text for g in gold}
    for label in labels:
        got = by_article.get(ids.get(label.id, ""))
        if got is None:
            continue
        want = relation_class(label.relation, label.source_id is not None)
        have = relation_class(got.relation, got.source_id is not None)
        same_source = label.source_id is None or names.get(got.source_id or "") == label.source_id
        outcome = CORRECT if want == have and same_source else WRONG_RELATION
        scores.relation.add(outcome)
        source = names.get(got.source_id or "", got.source_id)
        if outcome != CORRECT:
            scores.misses.append(Miss("stories", label.id, outcome, f"{want} (source {label.source_id})",
                                      f"{have} (source {source})", context(texts[label.id], 0, 0, 120)))
        if label.credits_source and got.uncredited:
            scores.credit_violations += 1
            scores.misses.append(Miss("stories", label.id, UNCREDITED, "credited", f"uncredited {got.relation}"
                                      f" of {source}", context(texts[label.id], 0, 0, 120)))
    articles = {g.id: a for g, a in zip(gold, system)}
    for label in labels:
        if label.id in articles:
            _score_credits(label, articles[label.id], config, scores)


def outside_credits(article: Article, config: StoryConfig) -> list[Credit]:
    """The article's credits of another outlet than its own, photo credits left out: what "credits its source"
    is judged on (its own name in its dateline, "MOSCOW (Sputnik)" on sputnikglobe.com, is no credit)."""
    table = StoryCredits([article], config.origins_table)
    return [c for c in table.of[article.id] if not table.names(c, article.outlet)]


def _score_credits(label: GoldStoryArticle, article: Article, config: StoryConfig, scores: NewsScores) -> None:
    """Per article: whether it credits a source (any credit of another outlet) against ``credits_source``, and
    which of the gold credit lines a system credit falls in."""
    found = outside_credits(article, config)
    got = ", ".join(f"{c.name} ({c.where})" for c in found) or "(none)"
    key = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}
    scores.credit_detection[key[label.credits_source, bool(found)]] += 1
    if label.credits_source != bool(found):
        kind = CREDIT_MISSED if label.credits_source else CREDIT_EXTRA
        scores.misses.append(Miss("stories", label.id, kind, label.credit_text or "no credit", got,
                                  context(article.text, 0, 0, 120)))
    for line in filter(None, (part.strip() for part in (label.credit_text or "").split(";"))):
        at = article.text.find(line)
        hit = at >= 0 and any(overlap((at, at + len(line)), (c.span.start, c.span.end)) for c in found)
        scores.credit_lines.add(CORRECT if hit else CREDIT_LINE_MISSED)
        if not hit:
            scores.misses.append(Miss("stories", label.id, CREDIT_LINE_MISSED, line, got,
                                      context(article.text, max(at, 0), max(at, 0) + len(line))))


def sample_misses(misses: Sequence[Miss], per_kind: int) -> list[Miss]:
    """The first ``per_kind`` misses of each part and kind, in part order."""
    taken: dict[tuple[str, str], int] = {}
    sample = []
    for miss in sorted(misses, key=lambda m: PARTS.index(m.part)):
        key = (miss.part, miss.kind)
        if taken.get(key, 0) < per_kind:
            taken[key] = taken.get(key, 0) + 1
            sample.append(miss)
    return sample
