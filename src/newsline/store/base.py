"""The storage interface: what the rest of newsline may ask of a store, whatever its backend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from newsline.model import Article, Event
from newsline.registry.resolve import RegistryView

if TYPE_CHECKING:
    from newsline.store.rows import ArticleRow


@dataclass(slots=True)
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    language: str | None = None
    speaker_id: int | None = None  # corpus entity that is the speaker of a quote in the article


@dataclass(slots=True)
class ArticleSummary:
    id: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    language: str | None
    chars: int
    origin: str


@dataclass(slots=True)
class SearchHit:
    article: ArticleSummary
    snippet: str
    score: float  # lower is better (SQLite: bm25; PostgreSQL: minus ts_rank_cd); hits come best first


@dataclass(slots=True)
class Stats:
    articles: int
    outlets: int
    undated: int
    non_english: int
    exact_copies: int  # articles whose text another stored article also has
    first_published: str | None
    last_published: str | None
    by_outlet: list[tuple[str, int]] = field(default_factory=list)
    by_language: list[tuple[str, int]] = field(default_factory=list)
    by_day: list[tuple[str, int]] = field(default_factory=list)  # (YYYY-MM-DD, articles), dated articles only
    event_reports: int = 0  # event rows: one per article that reports an event
    distinct_events: int = 0  # reports of the same event by several articles count once
    entities: int = 0  # corpus entities in the registry
    stories: int = 0  # stories across outlets (newsline.stories)


@dataclass(slots=True)
class StoredArticle:
    """An article as stored, with where it came from."""

    article: Article
    origin: str
    ingested_at: str


@dataclass(slots=True)
class CorpusEntity:
    id: int
    key: str  # stable name of the entity (what corrections refer to)
    name: str
    type: str
    articles: int = 0
    events: int = 0  # event reports with this entity as actor


@dataclass(slots=True)
class EntityRole:
    role: str
    date: str | None  # publication day of the article that states it
    article_id: str


@dataclass(slots=True)
class EntityDetail:
    entity: CorpusEntity
    aliases: list[str]
    roles: list[EntityRole]
    quotes: int  # event reports that are attributions (STATEMENT and quote-derived) with this speaker
    quoted_by: list[tuple[str, int]]  # outlets quoting the entity, most first
    quotes_by_day: list[tuple[str, int]] = field(default_factory=list)  # (event day, quotes); undated ones left out


@dataclass(slots=True)
class EventRow:
    """An event report as indexing stores it: the article's event, resolved to corpus entities and dated."""

    event: Event
    actor: int | None  # corpus entity ids
    target: int | None
    day: str  # the sort day (timeline.dates.sort_day), UNDATED_DAY when none
    rank: int  # the order within the day (timeline.dates.day_rank)


@dataclass(slots=True)
class EventFilter:
    actor_ids: list[int] | None = None  # any of these as actor
    category: str | None = None
    since: str | None = None  # ISO date, inclusive, on the event date
    until: str | None = None
    story_id: str | None = None  # only events reported by this story's articles
    undated: bool = False  # also events nothing places in time (no date in the text, no publication date)
    actorless: bool = False  # also events whose actor is not named


@dataclass(slots=True)
class EventReport:
    """One article's report of an event; ``cluster`` is shared by every report of the same event."""

    cluster: int
    day: str
    rank: int  # order within the day: 0 dated by the text, then by time of day, last "reported on" (dates.day_rank)
    category: str
    lemma: str
    predicate: str
    actor_id: int | None
    actor: str | None
    target_id: int | None
    target: str | None
    date_value: str | None
    granularity: str | None
    date_mod: str | None
    date_source: str
    evidence: str
    article_id: str
    local_id: str
    outlet: str | None
    published: str | None
    url: str | None
    quote: str | None
    negated: bool
    hypothetical: bool
    confidence: float
    status: str = "occurred"  # occurred | planned | cancelled | hypothetical
    tz: str | None = None  # the stated zone of a clock time


@dataclass(slots=True)
class QuoteFilter:
    speaker_id: int | None = None  # corpus entity that is the quote's speaker
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive, on the article's publication date
    until: str | None = None
    story_id: str | None = None  # only quotes in this story's articles


@dataclass(slots=True)
class QuoteRow:
    """Where a stored quote is: its article (with outlet and date) and its speaker in the registry."""

    article_id: str
    quote_id: str
    speaker_id: int | None
    speaker: str | None  # the corpus entity's name
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None


@dataclass(slots=True)
class StoryEntry:
    """An article's place in a story, with what the candidate indexes need to find it later."""

    article_id: str
    story_id: str
    day: str | None
    tier: str  # 'opened' | 'near-duplicate' | 'same story'
    score: float | None
    profile: str  # JSON (newsline.stories.profile.Profile)
    signature: bytes
    bands: list[int]
    keys: list[str]
    terms: list[str]  # distinct terms and names, counted once into the document frequencies


@dataclass(slots=True)
class StoryMember:
    article_id: str
    story_id: str
    day: str | None
    profile: str
    signature: bytes


@dataclass(slots=True)
class StoryRelation:
    article_id: str
    story_id: str
    position: int
    relation: str  # 'first' | 'copy' | 'rewrite' | 'sibling' | 'related' | 'independent'
    source_id: str | None
    similarity: float | None
    reused_chars: int
    credited: bool | None
    order_note: str
    origin: str | None = None  # where the text came from: an origins-table id, or the name a sibling credits
    confidence: float | None = None
    credit: tuple[int, int] | None = None  # the article's credit that makes it credited (offsets in its text)
    source_credit: tuple[int, int] | None = None  # the source's credit of a shared outside origin


@dataclass(slots=True)
class ReusedSpan:
    article_id: str
    start: int
    end: int
    source_start: int
    source_end: int
    similarity: float


@dataclass(slots=True)
class QuoteLink:
    story_id: str
    kind: str  # 'shared' | 'conflict'
    article_id: str
    quote_id: str
    speaker: str | None
    other_article: str
    other_quote: str
    other_speaker: str | None
    similarity: float


@dataclass(slots=True)
class StoryFilter:
    outlet: str | None = None  # stories this outlet published in
    since: str | None = None  # last article on or after (ISO date)
    until: str | None = None  # first article on or before (ISO date)
    min_outlets: int = 1


@dataclass(slots=True)
class StorySummary:
    id: str
    articles: int
    outlets: int
    first_published: str | None
    last_published: str | None
    first_outlet: str | None
    first_article: str | None
    title: str | None
    uncredited: int  # copies, rewrites and siblings that do not credit their source or origin


@dataclass(slots=True)
class OutletStats:
    outlet: str
    articles: int
    stories: int
    first_published: int  # stories this outlet published first
    copies: int  # its articles that reuse another's text: copy, rewrite or sibling
    uncredited: int  # of those, not crediting their source (or the origin a sibling shares)
    reused_origins: int = 0  # articles reusing the text of a wire, news agency or state media outlet
    laundered: int = 0  # of those, without credit: the laundering signal
    laundered_from: dict[str, int] = field(default_factory=dict)  # origin name -> articles reusing it uncredited

    @property
    def uncredited_share(self) -> float | None:
        return self.uncredited / self.copies if self.copies else None

    @property
    def laundering_share(self) -> float:
        """The share of the outlet's articles that reuse wire, agency or state-media text without credit."""
        return self.laundered / self.articles if self.articles else 0.0


@dataclass(slots=True)
class OriginReuse:
    """How many of an outlet's articles reuse text from one origin, credited or not."""

    outlet: str
    origin: str  # an origins-table id, or the name a sibling credits
    credited: bool
    articles: int


class Store(Protocol):
    """Narrow on purpose: a PostgreSQL backend implements these and nothing in analysis changes."""

    def atomic(self) -> AbstractContextManager[Any]:
        """A block of operations committed whole or not at all; blocks nest. Readers keep seeing the state before
        the block until it ends, and a failure inside it leaves that state as it was."""
        ...

    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...

    def add_articles(self, articles: Sequence[tuple[Article | ArticleRow, str]]) -> int:
        """Insert ``(article, origin)`` pairs in one transaction, the new ones queued for ``newsline.indexing``;
        returns how many were new (an id already stored is left as it is). An article may come as the row it is
        stored as (``newsline load`` reads shards into rows)."""
        ...

    # -- the indexing queue (newsline.indexing decides; the store persists) -----------------------------------

    def queued_articles(self, limit: int) -> list[Article]:
        """Up to ``limit`` stored articles not indexed yet, in load order."""
        ...

    def queued_count(self) -> int: ...

    def dequeue(self, ids: Sequence[str]) -> None:
        """Mark these articles indexed."""
        ...

    def indexed_articles(self, limit: int, after: str | None = None) -> list[Article]:
        """Up to ``limit`` indexed articles (not in the queue) in load order, from the first or from the one loaded
        after article ``after`` (keyset paging: each page costs the same however far it is)."""
        ...

    def get_article(self, id_or_prefix: str) -> StoredArticle | None: ...

    def copies_of(self, article_id: str) -> list[ArticleSummary]: ...

    def list_articles(self, where: ArticleFilter, limit: int, offset: int) -> list[ArticleSummary]: ...

    def search(self, query: str, where: ArticleFilter, limit: int, offset: int,
               marks: tuple[str, str] = ("[", "]"), sort: str = "relevance") -> list[SearchHit]:
        """Hits best first (``sort="date"``: newest first); ``marks`` surround the matched terms in each snippet.

        ``query`` is in the search syntax of ``store.search_syntax``."""
        ...

    def count_matches(self, query: str, where: ArticleFilter) -> int:
        """How many articles ``search`` would find with no limit."""
        ...

    def stats(self) -> Stats: ...

    # -- events and the entity registry (filled by newsline.indexing) -------------------------------------------

    def event_reports(self, where: EventFilter, limit: int) -> list[EventReport]:
        """Event reports in timeline order: event day, text-dated before "reported on", then publication."""
        ...

    def quote_rows(self, where: QuoteFilter, limit: int, offset: int) -> list[QuoteRow]:
        """Stored quotes in publication order (undated last), then in their articles' order."""
        ...

    def quote_links_of(self, article_ids: Sequence[str]) -> list[QuoteLink]:
        """The quote links (``newsline.stories.quotes``) of the stories these articles are in."""
        ...

    def find_entities(self, name_or_id: str) -> list[CorpusEntity]:
        """Entities with this id, or this name / alias / transliteration of it."""
        ...

    def list_entities(self, type_: str | None, search: str | None, limit: int, offset: int) -> list[CorpusEntity]: ...

    def entity_detail(self, entity_id: int) -> EntityDetail | None: ...

    def article_entities(self, article_id: str) -> list[tuple[str, CorpusEntity]]:
        """``(local id, corpus entity)`` for each of the article's own entities (e1, e2, ...), by local id."""
        ...

    def articles_entities(self, article_ids: Sequence[str]) -> dict[str, list[tuple[str, CorpusEntity]]]:
        """``article_entities`` for several articles at once, each corpus entity (and its counts) read once: the
        quote lists of a busy speaker read the same entities for every article. Articles without entities are
        absent."""
        ...

    def merge_entities(self, keep_id: int, other_id: int) -> None:
        """Make ``other_id`` part of ``keep_id``, recorded as a correction that survives re-analysis."""
        ...

    def split_entity(self, entity_id: int, alias: str) -> int:
        """Give mentions written as ``alias`` their own entity (a persistent correction); returns its id."""
        ...

    def registry_view(self) -> RegistryView:
        """The registry lookups and writes of ``registry.resolve``, inside the current transaction."""
        ...

    def add_article_entities(self, article_id: str, rows: Iterable[tuple[str, int, str]]) -> None:
        """``(local id, corpus entity id, folded name)`` for the article's resolved entities."""
        ...

    def add_events(self, article_id: str, reports: Sequence[EventRow]) -> list[int]:
        """Store an article's event reports, each in a cluster of its own; returns their row ids, in order."""
        ...

    def same_event_candidates(self, row_ids: Sequence[int]) -> dict[int, list[tuple[int, str, str]]]:
        """For each of these event rows, ``(cluster, lemma, evidence)`` of earlier reports by other articles with
        the same actor, day, category and target, oldest first (rows with none are left out)."""
        ...

    def set_event_cluster(self, row_id: int, cluster: int) -> None: ...

    def reset_registry(self) -> None:
        """Forget events, the registry and article-entity links (corrections stay), before a full reindex."""
        ...

    # -- stories (newsline.stories): the candidate indexes touch only index rows, never every article ----------

    def story_frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        """``(assigned article count, document frequency of each known term)``."""
        ...

    def story_candidates(self, bands: Sequence[int], keys: Sequence[str], days: tuple[str, str] | None,
                         per_key: int) -> dict[str, int]:
        """Articles sharing an LSH band or a key (within ``days`` inclusive, when given): id -> shared count.

        Each key contributes at most ``per_key`` articles (the most recent), the bands together ``4 * per_key``,
        so the work per call is bounded whatever the size of the store.
        """
        ...

    def story_members(self, *, article_ids: Sequence[str] = (), story_id: str | None = None) -> list[StoryMember]:
        ...

    def add_story_entries(self, entries: Sequence[StoryEntry]) -> None:
        """Record assignments (one transaction): membership, band and key index rows, frequencies."""
        ...

    def replace_story_analysis(self, story_id: str, relations: Sequence[StoryRelation],
                               spans: Sequence[ReusedSpan], links: Sequence[QuoteLink]) -> None: ...

    def move_to_story(self, article_id: str, story_id: str, tier: str, score: float | None) -> None:
        """Move an assigned article to another story; when the story it leaves was named after it, the rest of
        that story takes the smallest of their ids (a story's id is always one of its articles')."""
        ...

    def rename_story(self, old_id: str, new_id: str) -> None:
        """Give a story another id (its first article's, once the time line is known), in one transaction."""
        ...

    def reset_stories(self) -> None:
        """Forget every story assignment and analysis (before a full rebuild)."""
        ...

    def get_articles(self, ids: Sequence[str]) -> list[Article]: ...

    def unassigned_article_ids(self, limit: int | None = None, offset: int = 0) -> list[str]:
        """Up to ``limit`` (None: all) articles in no story yet, in publication order (undated last; then by URL,
        numbers in it compared as numbers, and id, so that the order does not depend on the order they were stored
        in), from ``offset``. Each call sorts every unassigned article: page through a large store by slicing one
        call's list, not by calling again per page."""
        ...

    def list_stories(self, where: StoryFilter, limit: int, offset: int) -> list[StorySummary]: ...

    def find_story(self, id_or_prefix: str) -> str | None:
        """The story with this id or unique prefix, else the story of the article with this id or prefix.

        Raises newsline.errors.AmbiguousId when a prefix matches several."""
        ...

    def story_analysis(self, story_id: str) -> tuple[list[StoryRelation], list[ReusedSpan], list[QuoteLink]]: ...

    def outlet_stats(self) -> list[OutletStats]:
        """Every outlet's counts (the laundering fields left at zero: ``origin_reuse`` has what they need)."""
        ...

    def origin_reuse(self) -> list[OriginReuse]:
        """Per outlet and origin, articles whose relation reuses that origin's text (copy, rewrite, sibling)."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

