"""A story's provenance: its time line, each later article's relation to its closest earlier source (with
credits and outside origins taken into account), the reused spans, and the quotes shared across outlets.

Everything here depends only on the story's articles, never on the order they were stored in: the time line
breaks what the dates cannot decide by evidence (a credit line, a later version extending an earlier one), then
by a fixed rule (``timeline.order``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import numpy

from newsline.model import Article
from newsline.stories import timeline
from newsline.stories.config import StoryConfig
from newsline.stories.credit import StoryCredits
from newsline.stories.minhash import PERMUTATIONS, estimated_jaccard, unpack
from newsline.stories.profile import Profile, similarity
from newsline.stories.quotes import link_quotes
from newsline.stories.relations import Relation, relate
from newsline.store.base import ReusedSpan, Store, StoryMember, StoryRelation

# A later version of a story extends the earlier one: when the dates cannot order two articles, the one whose
# text is mostly (>= EXTENDED) found in the other, by a margin over the reverse, is taken as the earlier version.
# Set on the realnews dev set (a wire item and its update: 0.97 vs 0.81; an early and a later PA version: 0.68 vs
# 0.33; two rewrites of one agency story: 0.63 vs 0.51).
EXTENDED = 0.5
EXTENDED_MARGIN = 0.1
_STRENGTH = {"copy": 3, "rewrite": 2, "related": 1, "independent": 0}
# Full analysis costs O(n^2) closeness and O(n) alignments per batch ingest commits, for a story of n articles: a
# batch joining a story of 800 near-identical same-day reports took 3.7 s per article, 100x its cost at 100
# (``benchmarks/story_scale.py --one-story``). A story of more than LARGE_STORY articles (a wire item republished
# everywhere, far above the realnews dev set's and ECB+ topics' stories) gets bounded analysis instead: same-day
# order from credits and the base rule only (no alignment of each article with its closest peers); an article
# keeps the relation it got when it joined while its source stays before it (a later arrival placed before it by
# the base rule does not re-open it; ``stories rebuild`` analyses the story afresh); and a new article's closest
# sources are sought among the SHORTLIST earlier articles with the highest MinHash estimate, not all of them.
# Not quality thresholds: bounds on the work per story (time, not accuracy), measured by benchmarks/story_scale.py.
LARGE_STORY = 200
SHORTLIST = 50


def analyse_stories(store: Store, story_ids: Iterable[str], config: StoryConfig = StoryConfig()) -> dict[str, str]:
    """Analyse each story; returns the stories whose id changed (old id -> new id, see ``analyse_story``)."""
    renamed = {}
    for story_id in sorted(story_ids):
        new_id = analyse_story(store, story_id, config)
        if new_id != story_id:
            renamed[story_id] = new_id
    return renamed


class _Pairs:
    """Closeness (MinHash estimate + profile similarity) and sentence alignments between a story's articles,
    each computed once; signatures and profiles are read when first needed."""

    def __init__(self, members: dict[str, StoryMember], config: StoryConfig, *, bounded: bool = False) -> None:
        self.config = config
        self.members = members
        self.bounded = bounded
        self._signatures: dict[str, list[int]] = {}
        self._profiles: dict[str, Profile] = {}
        self._relations: dict[tuple[str, str], Relation] = {}
        self._rows = {i: row for row, i in enumerate(members)}
        self._matrix = (numpy.frombuffer(b"".join(m.signature for m in members.values()), dtype="<u4")
                        .reshape(len(members), PERMUTATIONS) if bounded and members else None)

    def closeness(self, a: Article, b: Article) -> float:
        return (estimated_jaccard(self._signature(a.id), self._signature(b.id))
                + similarity(self._profile(a.id), self._profile(b.id), self.config.weights))

    def closest(self, article: Article, others: list[Article]) -> list[Article]:
        """The ``sources_considered`` articles of ``others`` closest to ``article`` (ties by id); in bounded
        analysis, among the SHORTLIST of them with the highest MinHash estimate (ties by id)."""
        others = self._shortlist(article, others) if self.bounded and len(others) > SHORTLIST else others
        ranked = sorted((o for o in others if o.id != article.id), key=lambda o: (-self.closeness(article, o), o.id))
        return ranked[: self.config.sources_considered]

    def relate(self, later: Article, source: Article) -> Relation:
        key = (later.id, source.id)
        if key not in self._relations:
            self._relations[key] = relate(later, source)
        return self._relations[key]

    def _shortlist(self, article: Article, others: list[Article]) -> list[Article]:
        assert self._matrix is not None
        rows = numpy.fromiter((self._rows[o.id] for o in others), dtype=numpy.intp, count=len(others))
        agree = (self._matrix[rows] == self._matrix[self._rows[article.id]]).sum(axis=1)
        floor = numpy.partition(agree, len(agree) - SHORTLIST)[len(agree) - SHORTLIST]
        kept = [(-int(agree[i]), others[i].id, others[i]) for i in numpy.flatnonzero(agree >= floor)]
        return [o for _, _, o in sorted(kept)[:SHORTLIST]]

    def _signature(self, article_id: str) -> list[int]:
        if article_id not in self._signatures:
            self._signatures[article_id] = unpack(self.members[article_id].signature)
        return self._signatures[article_id]

    def _profile(self, article_id: str) -> Profile:
        if article_id not in self._profiles:
            self._profiles[article_id] = Profile.from_json(self.members[article_id].profile)
        return self._profiles[article_id]


def analyse_story(store: Store, story_id: str, config: StoryConfig = StoryConfig()) -> str:
    """Order the story's articles, relate each later one to its closest earlier source, link shared quotes.

    A story's id is the id of its first article on the time line, so the same articles give the same id whatever
    order they arrived in; when an earlier article joins, the story takes its id (the old id, an article id,
    still finds the story). Returns the story's id. Relations of articles before the first newly placed one are
    kept as stored: their earlier articles did not change. Reading the members and writing the analysis is one
    atomic store change.
    """
    with store.atomic():
        return _analyse_story(store, story_id, config)


def _analyse_story(store: Store, story_id: str, config: StoryConfig) -> str:
    members = {m.article_id: m for m in store.story_members(story_id=story_id)}
    articles = store.get_articles(list(members))
    credits = StoryCredits(articles, config.origins_table)
    bounded = len(members) > LARGE_STORY
    pairs = _Pairs(members, config, bounded=bounded)
    ordered = timeline.order(articles, credits.origins)
    ordered = timeline.settle(ordered, _order_evidence(ordered, credits, None if bounded else pairs))
    if ordered and ordered[0].id != story_id:
        store.rename_story(story_id, ordered[0].id)
        story_id = ordered[0].id
    by_id = {a.id: a for a in ordered}
    index = {a.id: i for i, a in enumerate(ordered)}
    sources: dict[str, str] = {}  # article -> the article it copies or rewrites
    old_relations, old_spans, old_links = store.story_analysis(story_id)
    previous = {r.article_id: r for r in old_relations}
    previous_spans: dict[str, list[ReusedSpan]] = {}
    for span in old_spans:
        previous_spans.setdefault(span.article_id, []).append(span)
    relations: list[StoryRelation] = []
    spans: list[ReusedSpan] = []
    placed: set[str] = set()
    unchanged = True
    for position, article in enumerate(ordered):
        old = previous.get(article.id)
        unchanged = unchanged and old is not None and old.position == position
        placed.add(article.id)
        if unchanged or (bounded and position > 0 and old is not None and old.source_id in placed):
            assert old is not None
            if old.source_id and old.relation in ("copy", "rewrite"):
                sources[article.id] = old.source_id
            relations.append(old if old.position == position else replace(old, position=position))
            spans.extend(previous_spans.get(article.id, ()))
            continue
        if position == 0:
            note = timeline.order_note(article, ordered[1]) if len(ordered) > 1 else timeline.EARLIER
            relations.append(StoryRelation(article.id, story_id, 0, "first", None, None, 0, None, note))
            continue
        source, relation = _closest_source(article, ordered[:position], pairs, index)
        claim = credits.claim(article, source, relation, _chain(source.id, sources, by_id))
        if claim.label in ("copy", "rewrite"):
            sources[article.id] = source.id
        relations.append(StoryRelation(
            article.id, story_id, position, claim.label, source.id, relation.share, relation.reused_chars,
            claim.credited, timeline.order_note(source, article), claim.origin, claim.confidence,
            (claim.credit.span.start, claim.credit.span.end) if claim.credit else None,
            (claim.source_credit.span.start, claim.source_credit.span.end) if claim.source_credit else None,
        ))
        spans.extend(ReusedSpan(article.id, a.start, a.end, a.source_start, a.source_end, a.similarity)
                     for a in relation.alignments)
    if bounded:  # the links between articles analysed before stay; only the new articles' quotes are compared
        new = {a.id for a in ordered if a.id not in previous}
        links = [q for q in old_links if q.article_id in by_id and q.other_article in by_id
                 and q.article_id not in new and q.other_article not in new]
        links += link_quotes(story_id, ordered, credits.is_outlet, among=new)
    else:
        links = link_quotes(story_id, ordered, credits.is_outlet)
    store.replace_story_analysis(story_id, relations, spans, links)
    return story_id


def _order_evidence(ordered: list[Article], credits: StoryCredits, pairs: _Pairs | None) -> set[tuple[str, str]]:
    """``(earlier, later)`` pairs the text shows where the dates cannot: an article crediting another's outlet
    comes after it; a later version extends the earlier one (see EXTENDED; only close pairs are aligned, and
    none without ``pairs``: the bounded analysis of LARGE_STORY)."""
    evidence: set[tuple[str, str]] = set()
    for a in ordered:  # only an article with credits can credit another's outlet
        if not credits.of[a.id]:
            continue
        for b in ordered:
            if b.id == a.id or not timeline.unordered(a, b):
                continue
            a_credits_b, b_credits_a = credits.names_outlet(a, b.outlet), credits.names_outlet(b, a.outlet)
            if a_credits_b != b_credits_a:
                evidence.add((b.id, a.id) if a_credits_b else (a.id, b.id))
    if pairs is None:
        return evidence
    for a in ordered:
        peers = [b for b in ordered if b.id != a.id and timeline.unordered(a, b)]
        for b in pairs.closest(a, peers):
            if (a.id, b.id) in evidence or (b.id, a.id) in evidence:
                continue
            a_in_b, b_in_a = pairs.relate(a, b).share, pairs.relate(b, a).share
            if a_in_b >= EXTENDED and a_in_b - b_in_a >= EXTENDED_MARGIN:
                evidence.add((a.id, b.id))
            elif b_in_a >= EXTENDED and b_in_a - a_in_b >= EXTENDED_MARGIN:
                evidence.add((b.id, a.id))
    return evidence


def _chain(source_id: str, sources: dict[str, str], by_id: dict[str, Article]) -> list[Article]:
    """The articles ``source_id`` took its text from, nearest first (the original a copy copied, and so on)."""
    chain, seen = [], {source_id}
    ancestor = sources.get(source_id)
    while ancestor is not None and ancestor not in seen:
        chain.append(by_id[ancestor])
        seen.add(ancestor)
        ancestor = sources.get(ancestor)
    return chain


def _closest_source(article: Article, earlier: list[Article], pairs: _Pairs,
                    position: dict[str, int]) -> tuple[Article, Relation]:
    """The earlier article this one reuses most (strongest label, then aligned share, then the earliest by
    ``position``: the original rather than its exact copy) among the most similar few."""
    return max(((source, pairs.relate(article, source)) for source in pairs.closest(article, earlier)),
               key=lambda pair: (_STRENGTH[pair[1].label], pair[1].share, -position[pair[0].id]))
