"""Story assignment: each new article joins the story of a near-duplicate (MinHash LSH), else the most similar
story among index candidates within the time window, else opens a story of its own. Then the touched stories'
provenance (timeline, relations, reused spans, quote links) is recomputed.

Assignment reads only the LSH band rows, the key postings (capped per key) and the candidates' profiles: its
cost does not grow with the number of stored articles (``benchmarks/story_scale.py``).
"""

from __future__ import annotations

import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsline.errors import InvalidArgument
from newsline.model import Article
from newsline.stories import timeline
from newsline.stories.minhash import PERMUTATIONS, band_keys, estimated_jaccard, signature
from newsline.stories.profile import Profile, Weights, features, similarity, weigh
from newsline.stories.quotes import link_quotes
from newsline.stories.relations import Relation, names_outlet, relate
from newsline.stories.text import shingles
from newsline.store.base import ReusedSpan, Store, StoryEntry, StoryMember, StoryRelation

_PACK = struct.Struct(f"<{PERMUTATIONS}I")


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Assignment settings. ``window_days=None`` turns the time window off (undated collections)."""

    window_days: int | None = 7
    threshold: float = 0.19  # same-story similarity needed to join a story
    near_duplicate: float = 0.5  # estimated Jaccard of word 5-shingles from which an article is a near-duplicate
    repost: float = 0.9  # ... and from which it joins even outside the time window (a re-posted copy)
    per_key: int = 50  # postings read per index key
    max_candidates: int = 40  # candidate articles scored per new article
    sources_considered: int = 5  # earlier articles aligned when looking for an article's closest source
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        if self.window_days is not None and self.window_days < 0:
            raise InvalidArgument("window_days", self.window_days, "must be 0 or more days, or None (off)")


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
    tier: str  # 'opened' | 'near-duplicate' | 'same story'
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
            analyse_stories(store, {a.story_id for a in result}, config)
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
        day = timeline.day(article.published)
        keys = profile.keys()
        days = _window(day, config.window_days)
        hits = store.story_candidates(bands, keys, days, config.per_key)
        for key in (*bands, *keys):
            for other in pending_index.get(key, ()):
                if isinstance(key, int) or _inside(pending[other].day, days):
                    hits[other] = hits.get(other, 0) + 1
        best = sorted(hits, key=lambda i: (-hits[i], i))[: config.max_candidates]
        known = [pending[i] for i in best if i in pending]
        known += [_Known(m.article_id, m.story_id, m.day, Profile.from_json(m.profile), unpack(m.signature))
                  for m in store.story_members(article_ids=[i for i in best if i not in pending])]
        choice = _choose(profile, sig, known, days, config)
        story_id, tier, score = choice or (article.id, "opened", None)
        assignment = Assignment(article.id, story_id, tier, score, len(hits))
        result.append(assignment)
        pending[article.id] = _Known(article.id, assignment.story_id, day, profile, sig)
        if not fixed:  # later articles of this call are weighed as if this one were stored already
            count += 1
            for term in raw.vocabulary():
                df[term] = df.get(term, 0) + 1
        for key in (*bands, *keys):
            pending_index.setdefault(key, []).append(article.id)
        entries.append(StoryEntry(article.id, assignment.story_id, day, assignment.tier, assignment.score,
                                  profile.to_json(), _PACK.pack(*sig), bands, keys, raw.vocabulary()))
    store.add_story_entries(entries)
    return result


def _choose(profile: Profile, sig: list[int], known: list[_Known], days: tuple[str, str] | None,
            config: StoryConfig) -> tuple[str, str, float | None] | None:
    """``(story id, tier, score)`` of the story to join, or None to open a new one.

    Inside the time window a near-duplicate joins its original's story; outside it only a re-post (near-exact
    copy) does. The same-story tier weighs only candidates inside the window.
    """
    duplicates = [(estimated_jaccard(sig, k.signature), k.story_id) for k in known]
    duplicates = [(j, s) for (j, s), k in zip(duplicates, known) if j >= config.repost or _inside(k.day, days)]
    jaccard, story = max(duplicates, default=(0.0, ""))
    if jaccard >= config.near_duplicate:
        return story, "near-duplicate", round(jaccard, 3)
    by_story: dict[str, list[float]] = {}
    for k in known:
        if not _inside(k.day, days):
            continue
        by_story.setdefault(k.story_id, []).append(similarity(profile, k.profile, config.weights))
    scores = {story: _linkage(sims) for story, sims in by_story.items()}
    story, score = max(scores.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    return (story, "same story", round(score, 3)) if score >= config.threshold else None


def _linkage(similarities: list[float], best: int = 3) -> float:
    """A story's similarity to an article: the mean of its ``best`` closest candidate members.

    Between single link (one close member suffices, which chains two events of the same kind together) and
    average link (a long story's spread dilutes it).
    """
    top = sorted(similarities, reverse=True)[:best]
    return sum(top) / len(top)


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


def unpack(blob: bytes) -> list[int]:
    return list(_PACK.unpack(blob))


def analyse_stories(store: Store, story_ids: Iterable[str], config: StoryConfig = StoryConfig()) -> None:
    for story_id in sorted(story_ids):
        analyse_story(store, story_id, config)


def analyse_story(store: Store, story_id: str, config: StoryConfig = StoryConfig()) -> None:
    """Order the story's articles, relate each later one to its closest earlier source, link shared quotes.

    Relations of articles before the first newly placed one are kept as stored: their earlier articles did not
    change. Reading the members and writing the analysis is one atomic store change.
    """
    with store.atomic():
        _analyse_story(store, story_id, config)


def _analyse_story(store: Store, story_id: str, config: StoryConfig) -> None:
    members = {m.article_id: m for m in store.story_members(story_id=story_id)}
    ordered = timeline.credit_order(timeline.order(store.get_articles(list(members))), names_outlet)
    by_id = {a.id: a for a in ordered}
    sources: dict[str, str] = {}  # article -> the article it copies or rewrites
    old_relations, old_spans, _ = store.story_analysis(story_id)
    previous = {r.article_id: r for r in old_relations}
    relations: list[StoryRelation] = []
    spans: list[ReusedSpan] = []
    unchanged = True
    for position, article in enumerate(ordered):
        old = previous.get(article.id)
        unchanged = unchanged and old is not None and old.position == position
        if unchanged:
            if old.source_id and old.relation != "independent":
                sources[article.id] = old.source_id
            relations.append(old)
            spans.extend(s for s in old_spans if s.article_id == article.id)
            continue
        if position == 0:
            note = timeline.order_note(article, ordered[1]) if len(ordered) > 1 else timeline.EARLIER
            relations.append(StoryRelation(article.id, story_id, 0, "first", None, None, 0, None, note))
            continue
        source, relation = _closest_source(article, ordered[:position], members, config)
        credited: bool | None = None
        if relation.label != "independent":
            sources[article.id] = source.id
            credited = relation.credited or _credits_origin(article, source.id, sources, by_id)
        relations.append(StoryRelation(
            article.id, story_id, position, relation.label, source.id, relation.share, relation.reused_chars,
            credited, timeline.order_note(source, article),
        ))
        spans.extend(ReusedSpan(article.id, a.start, a.end, a.source_start, a.source_end, a.similarity)
                     for a in relation.alignments)
    store.replace_story_analysis(story_id, relations, spans, link_quotes(story_id, ordered))


def _credits_origin(article: Article, source_id: str, sources: dict[str, str], by_id: dict[str, Article]) -> bool:
    """Whether ``article`` credits an outlet further up its source's chain: crediting the original of a copy it
    took the text from is a credit."""
    seen = {article.id}
    ancestor = sources.get(source_id)
    while ancestor is not None and ancestor not in seen:
        if names_outlet(article, by_id[ancestor]):
            return True
        seen.add(ancestor)
        ancestor = sources.get(ancestor)
    return False


def _closest_source(article: Article, earlier: list[Article], members: dict[str, StoryMember],
                    config: StoryConfig) -> tuple[Article, Relation]:
    """The earlier article this one reuses most (aligned share), among the most similar few."""
    mine = members[article.id]
    sig, profile = unpack(mine.signature), Profile.from_json(mine.profile)

    def closeness(other: Article) -> float:
        theirs = members[other.id]
        return (estimated_jaccard(sig, unpack(theirs.signature))
                + similarity(profile, Profile.from_json(theirs.profile), config.weights))

    shortlist = sorted(earlier, key=closeness, reverse=True)[: config.sources_considered]
    rank = {"copy": 2, "rewrite": 1, "independent": 0}
    pairs = [(source, relate(article, source)) for source in shortlist]
    return max(pairs, key=lambda p: (rank[p[1].label], p[1].share))
