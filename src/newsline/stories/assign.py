"""Story assignment: each new article joins the story of a near-duplicate (MinHash LSH), else of an article in
another language it translates (``newsline.stories.crosslingual``), else the most similar story among index
candidates within the time window, else opens a story of its own. Then the touched stories'
provenance (timeline, relations, reused spans, quote links) is recomputed (``newsline.stories.provenance``).

Assignment reads only the LSH band rows, the key postings (capped per key) and the candidates' profiles: its
cost does not grow with the number of stored articles (``benchmarks/story_scale.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsline.model import Article
from newsline.publication import publication_day
from newsline.stories.config import StoryConfig
from newsline.stories.crosslingual import EMBEDDINGS, bridge_keys, other_language
from newsline.stories.minhash import band_keys, estimated_jaccard, pack, signature, unpack
from newsline.stories.profile import Profile, features, similarity, weigh
from newsline.stories.provenance import analyse_stories
from newsline.stories.text import shingles
from newsline.store.base import Store, StoryEntry


@dataclass(slots=True)
class Frequencies:
    """Document frequencies of ``t:term``/``n:name`` keys over ``articles`` articles."""

    articles: int
    df: dict[str, int]

    @classmethod
    def count(cls, articles: Iterable[Article]) -> Frequencies:
        df: Counter[str] = Counter()
        n = 0
        for article in articles:
            df.update(features(article).vocabulary())
            n += 1
        return cls(n, dict(df))


@dataclass(slots=True)
class Assignment:
    article_id: str
    story_id: str
    tier: str  # 'opened' | 'near-duplicate' | 'translation' | 'same story'
    score: float | None
    candidates: int = 0  # articles the indexes offered (before keeping the max_candidates best)


@dataclass(slots=True)
class _Known:
    article_id: str
    story_id: str
    day: str | None
    profile: Profile
    signature: list[int]


def assign(store: Store, articles: Sequence[Article], config: StoryConfig = StoryConfig(), *,
           analyse: bool = True, frequencies: Frequencies | None = None) -> list[Assignment]:
    """Assign ``articles`` to stories, in the order given; store and return the result (already assigned: skipped).

    With ``analyse`` the touched stories' provenance is recomputed at once; a bulk caller may pass False and call
    ``analyse_stories`` once at the end. Terms are weighted by the stored document frequencies, counting each
    article as stored once it is assigned, unless ``frequencies`` (a full pass's counts) are given. All of it
    is one atomic store change.
    """
    with store.atomic():  # read and written in one transaction: two ingests cannot both assign an article,
        result = _place(store, articles, config, frequencies)  # nor analyse a story that the other changes
        if analyse:
            renamed = analyse_stories(store, {a.story_id for a in result}, config)
            for assignment in result:
                assignment.story_id = renamed.get(assignment.story_id, assignment.story_id)
        return result


def _place(store: Store, articles: Sequence[Article], config: StoryConfig,
           frequencies: Frequencies | None) -> list[Assignment]:
    """Choose each new article's story and store the entries; the articles already in a story are left out."""
    assigned = {m.article_id for m in store.story_members(article_ids=[a.id for a in articles])}
    articles = [a for a in articles if a.id not in assigned]
    raws = [features(a) for a in articles]
    fixed = frequencies is not None
    if frequencies is None:
        frequencies = Frequencies(*store.story_frequencies(sorted({k for raw in raws for k in raw.vocabulary()})))
    count, df = frequencies.articles, frequencies.df
    pending: dict[str, _Known] = {}  # assigned in this call, not yet stored
    pending_index: dict[int | str, list[str]] = {}
    entries: list[StoryEntry] = []
    result: list[Assignment] = []
    for article, raw in zip(articles, raws):
        profile = weigh(raw, count, df)
        sig = signature(shingles(article.text))
        bands = band_keys(sig)
        published = publication_day(article.published)  # the day written: the window agrees with the analysis
        day = published.isoformat() if published else None
        keys = profile.keys()
        written, looked_up = bridge_keys(profile)
        days = _window(day, config.window_days)
        hits = store.story_candidates(bands, keys + looked_up, days, config.per_key)
        for key in (*bands, *keys, *looked_up):
            for other in pending_index.get(key, ()):
                if isinstance(key, int) or _inside(pending[other].day, days):
                    hits[other] = hits.get(other, 0) + 1
        known = _candidates(store, hits, pending, config)
        bridge = _Bridge(store, article, {a.id: a for a in articles})
        choice = _choose(profile, sig, known, day, config, bridge)
        story_id, tier, score = choice or (article.id, "opened", None)
        assignment = Assignment(article.id, story_id, tier, score, len(hits))
        result.append(assignment)
        pending[article.id] = _Known(article.id, assignment.story_id, day, profile, sig)
        if not fixed:  # later articles of this call are weighed as if this one were stored already
            count += 1
            for term in raw.vocabulary():
                df[term] = df.get(term, 0) + 1
        for key in (*bands, *keys, *written):
            pending_index.setdefault(key, []).append(article.id)
        entries.append(StoryEntry(article.id, assignment.story_id, day, assignment.tier, assignment.score,
                                  profile.to_json(), pack(sig), bands, keys + written, raw.vocabulary()))
    store.add_story_entries(entries)
    return result


def _candidates(store: Store, hits: dict[str, int], pending: dict[str, _Known], config: StoryConfig) -> list[_Known]:
    """The ``max_candidates`` articles sharing most index keys with an article (ties by id), as assigned."""
    best = sorted(hits, key=lambda i: (-hits[i], i))[: config.max_candidates]
    known = [pending[i] for i in best if i in pending]
    return known + [_Known(m.article_id, m.story_id, m.day, Profile.from_json(m.profile), unpack(m.signature))
                    for m in store.story_members(article_ids=[i for i in best if i not in pending])]


class _Bridge:
    """Closeness across languages for one article: its candidates in another language are compared by sentence
    embeddings (``newsline.stories.crosslingual``), which stand in for the terms the two texts cannot share.
    Only the CROSS_CANDIDATES closest of them by names, dates and quotes are embedded, so the cost per article is
    bounded."""

    def __init__(self, store: Store, article: Article, pending: dict[str, Article]) -> None:
        self.store, self.article, self.pending = store, article, pending
        self.linked: set[str] = set()  # stories with a member whose lead is close to this one's (>= LINKED)
        self.translated: dict[str, float] = {}  # story -> the closest lead in it, when a translation's (>= TRANSLATED)

    def add(self, scored: list[tuple[_Known, float]], config: StoryConfig) -> list[tuple[_Known, float]]:
        """``scored`` with the embedding closeness added to the candidates in another language."""
        if not self.article.language:
            return scored
        foreign = sorted((i for i, (k, _) in enumerate(scored) if other_language(self.article.language,
                                                                                 k.profile.language)),
                         key=lambda i: (-scored[i][1], scored[i][0].article_id))[:CROSS_CANDIDATES]
        if not foreign:
            return scored
        wanted = [scored[i][0].article_id for i in foreign]
        stored = {a.id: a for a in self.store.get_articles([i for i in wanted if i not in self.pending])}
        result = list(scored)
        for i in foreign:
            k, sim = scored[i]
            other = self.pending.get(k.article_id) or stored.get(k.article_id)
            if other is not None:
                close = EMBEDDINGS.closeness(self.article, other)
                if close >= LINKED:
                    self.linked.add(k.story_id)
                if close >= TRANSLATED:
                    self.translated[k.story_id] = max(close, self.translated.get(k.story_id, 0.0))
                result[i] = (k, sim + config.weights.terms * max(0.0, min(1.0, (close - CROSS_FLOOR) / CROSS_SPAN)))
        return result


# Across languages the embedding closeness of two leads replaces the term cosine, rescaled from [CROSS_FLOOR,
# CROSS_FLOOR + CROSS_SPAN] to [0, 1]; set on the crosslingual development set (../shared/bench/crosslingual):
# an English article and its Russian counterpart score 0.45-0.8, the next Russian article of the window 0.3-0.45.
CROSS_CANDIDATES = 5
CROSS_FLOOR = 0.35
CROSS_SPAN = 0.4
LINKED = 0.4  # lead closeness from which a story joined across languages is kept by the refinement pass
TRANSLATED = 0.6  # lead closeness from which an article joins the story of the one it translates (x17/x14: 0.76)


def _scores(profile: Profile, sig: list[int], known: list[_Known], day: str | None, config: StoryConfig,
            bridge: _Bridge | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """Per candidate story: its best near-duplicate estimate (Jaccard; inside the window, or a re-post), and
    its same-story score (the linkage of its members inside the window, each less the day decay; members in
    another language compared through ``bridge``)."""
    days = _window(day, config.window_days)
    duplicates: dict[str, float] = {}
    scored: list[tuple[_Known, float]] = []
    for k in known:
        jaccard = estimated_jaccard(sig, k.signature)
        if jaccard >= config.repost or _inside(k.day, days):
            duplicates[k.story_id] = max(jaccard, duplicates.get(k.story_id, 0.0))
        if _inside(k.day, days):
            scored.append((k, similarity(profile, k.profile, config.weights) - _decay(day, k.day, config)))
    if bridge is not None:
        scored = bridge.add(scored, config)
    by_story: dict[str, list[float]] = {}
    for k, sim in scored:
        by_story.setdefault(k.story_id, []).append(sim)
    return duplicates, {story: _linkage(sims) for story, sims in by_story.items()}


def _choose(profile: Profile, sig: list[int], known: list[_Known], day: str | None, config: StoryConfig,
            bridge: _Bridge | None = None) -> tuple[str, str, float] | None:
    """``(story id, tier, score)`` of the story to join, or None to open a new one.

    Inside the time window a near-duplicate joins its original's story; outside it only a re-post (near-exact
    copy) does. The same-story tier weighs only candidates inside the window.
    """
    duplicates, scores = _scores(profile, sig, known, day, config, bridge)
    story, jaccard = max(duplicates.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    if jaccard >= config.near_duplicate:
        return story, "near-duplicate", round(jaccard, 3)
    if bridge is not None and bridge.translated:
        story, close = max(bridge.translated.items(), key=lambda kv: (kv[1], kv[0]))
        return story, "translation", round(close, 3)
    story, score = max(scores.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    return (story, "same story", round(score, 3)) if score >= _threshold(day, config) else None


def _threshold(day: str | None, config: StoryConfig) -> float:
    """The same-story threshold; for an undated article under a time window, raised by the date penalty.

    The window and the date penalty are what keep a dated article out of the story of an earlier statement or
    event of the same kind; an undated one escapes both (it is compared with every story, and has no day to
    disagree with), so it must score as much more as a dated article from another day would lose. Not a tuned
    value: ``threshold + date_penalty``. On the crosslingual development set it keeps an undated English report
    of one grain-deal statement (0.26) out of another statement's story, while the undated articles that join
    their own statement's story score 0.37 and above (``newsline bench crosslingual``).
    """
    undated = day is None and config.window_days is not None
    return config.threshold + (config.weights.date_penalty if undated else 0.0)


def refine(store: Store, article_ids: Sequence[str], config: StoryConfig = StoryConfig()) -> int:
    """A second pass over assigned articles, in the order they were assigned: each moves to the story it is now
    closest to, when that story scores better than its own (without it) and would have taken it. Returns how
    many moved.

    A single pass depends on which articles came first; this reassignment step (as in k-means) makes the
    stories depend less on it. ``stories rebuild`` runs it once (ECB+ topics 1-35: +0.006 B-cubed F1 whatever
    the order; docs/stories.md); ingest does not, so its stories may differ from a rebuild's
    (``benchmarks/story_order.py``).
    """
    moved = 0
    for article_id in article_ids:
        [mine] = store.story_members(article_ids=[article_id])
        profile, sig = Profile.from_json(mine.profile), unpack(mine.signature)
        hits = store.story_candidates(band_keys(sig), profile.keys() + bridge_keys(profile)[1],
                                      _window(mine.day, config.window_days), config.per_key)
        hits.pop(article_id, None)
        known = _candidates(store, hits, {}, config)
        bridge = None
        if any(other_language(profile.language, k.profile.language) for k in known):
            [article] = store.get_articles([article_id])
            bridge = _Bridge(store, article, {})
        duplicates, scores = _scores(profile, sig, known, mine.day, config, bridge)
        if duplicates.get(mine.story_id, 0.0) >= config.near_duplicate:
            continue  # a near-duplicate stays with its original
        if bridge is not None and mine.story_id in bridge.linked:
            continue  # joined across languages on embedding evidence, which the term-weighted linkage undervalues
        choice = _choose(profile, sig, known, mine.day, config, bridge)
        if choice is None or choice[0] == mine.story_id:
            continue
        story_id, tier, score = choice
        if tier == "same story" and score <= scores.get(mine.story_id, 0.0):
            continue
        store.move_to_story(article_id, story_id, tier, score)
        moved += 1
    return moved


def _linkage(similarities: list[float], best: int = 3) -> float:
    """A story's similarity to an article: the mean of its ``best`` closest candidate members.

    Between single link (one close member suffices, which chains two events of the same kind together) and
    average link (a long story's spread dilutes it).
    """
    top = sorted(similarities, reverse=True)[:best]
    return sum(top) / len(top)


def _decay(day: str | None, other: str | None, config: StoryConfig) -> float:
    """How much a candidate's similarity loses for being published ``config.day_decay`` per day further from the
    article than ``config.day_grace`` days (0 when either is undated, or the window is off)."""
    if day is None or other is None or config.window_days is None:
        return 0.0
    gap = abs((date.fromisoformat(day) - date.fromisoformat(other)).days)
    return config.day_decay * max(0, gap - config.day_grace)


def _inside(day: str | None, days: tuple[str, str] | None) -> bool:
    return days is None or (day is not None and days[0] <= day <= days[1])


def _window(day: str | None, window_days: int | None) -> tuple[str, str] | None:
    """The days within ``window_days`` of ``day``, cut at the calendar's ends (years 1 and 9999)."""
    if day is None or window_days is None:
        return None
    centre, reach = date.fromisoformat(day), timedelta(days=window_days)
    low = centre - reach if centre - date.min >= reach else date.min  # clamped to the calendar, never overflowing
    high = centre + reach if date.max - centre >= reach else date.max
    return low.isoformat(), high.isoformat()


__all__ = ["Assignment", "Frequencies", "StoryConfig", "analyse_stories", "assign", "refine"]
