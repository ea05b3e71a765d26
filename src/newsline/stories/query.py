"""The stories query API behind ``newsline stories``, ``newsline story`` and ``newsline outlets``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsline import arguments
from newsline.errors import InvalidArgument
from newsline.model import Article
from newsline.origins import Origins, default_origins
from newsline.query import make_filter
from newsline.stories import timeline
from newsline.store.base import OutletStats, QuoteLink, ReusedSpan, Store, StoryFilter, StorySummary
from newsline.timeline.query import resolve_story


@dataclass(slots=True)
class ReusedText:
    """A reused sentence: where it is in the article and in its source, with both texts."""

    start: int
    end: int
    source_start: int
    source_end: int
    similarity: float
    text: str
    source_text: str


@dataclass(slots=True)
class CreditText:
    """A credit line as evidence: its offsets in the article and its text."""

    start: int
    end: int
    text: str


REUSE = ("copy", "rewrite", "translation", "translated rewrite", "sibling")  # relations that reuse someone's text and owe a credit


@dataclass(slots=True)
class StoryArticle:
    position: int
    id: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    relation: str  # first | copy | rewrite | translation | translated rewrite | sibling | related | independent
    source_id: str | None
    source_outlet: str | None
    similarity: float | None  # share of this article's text aligned to its source
    reused_chars: int
    reused_spans: int
    credited: bool | None  # None for 'first', 'related' and 'independent'
    order: str  # 'earlier' | 'same day, order unknown' | 'undated, order unknown'
    origin: str | None = None  # where the text came from: an origins-table id, or the name a sibling credits
    origin_name: str | None = None  # the origin's name from the table, else as credited
    confidence: float | None = None  # of the relation (docs/stories.md, "Confidence")
    credit: CreditText | None = None  # the credit that makes it credited, in this article's text
    source_credit: CreditText | None = None  # the source's credit of the origin a sibling shares
    spans: list[ReusedText] = field(default_factory=list)
    language: str | None = None  # the article's language (ISO 639-1), when analysed

    @property
    def uncredited(self) -> bool:
        return self.relation in REUSE and self.credited is False


@dataclass(slots=True)
class StoryView:
    id: str
    articles: list[StoryArticle]  # timeline order
    first_publishers: list[StoryArticle]  # the first, plus any that cannot be shown to be later
    quote_links: list[QuoteLink]

    @property
    def outlets(self) -> list[str]:
        """The known outlets, in order of first article (as counted in ``stories``; no outlet is none)."""
        return list(dict.fromkeys(a.outlet for a in self.articles if a.outlet))

    @property
    def conflicts(self) -> list[QuoteLink]:
        return [q for q in self.quote_links if q.kind == "conflict"]


def stories(store: Store, *, since: str | date | None = None, until: str | date | None = None,
            outlet: str | None = None, min_outlets: int = 1, limit: int = 50, offset: int = 0) -> list[StorySummary]:
    """Stories (most outlets first) active between ``since`` and ``until``, optionally one outlet's only."""
    arguments.page(limit, offset)
    arguments.integer("min_outlets", min_outlets, minimum=1)
    where = make_filter(outlet, since, until)
    return store.list_stories(StoryFilter(where.outlet, where.since, where.until, min_outlets), limit, offset)


def story(store: Store, story_or_article_id: str, *, origins: Origins | None = None) -> StoryView:
    """One story's timeline, first publisher(s), relations with reused spans, credit and origin, and quote links.

    Takes a story id, an article id (its story), or a unique prefix of either. ``origins`` names the origins
    (default: the shipped table and ``NEWSLINE_ORIGINS``).
    """
    story_id = resolve_story(store, story_or_article_id, param="story_or_article_id")
    relations, spans, links = store.story_analysis(story_id)
    table = default_origins() if origins is None else origins
    articles = {a.id: a for a in store.get_articles([r.article_id for r in relations])}
    by_article: dict[str, list[ReusedSpan]] = {}
    for span in spans:
        by_article.setdefault(span.article_id, []).append(span)
    view = []
    for r in relations:
        article = articles[r.article_id]
        source = articles.get(r.source_id) if r.source_id else None
        reused = [ReusedText(s.start, s.end, s.source_start, s.source_end, s.similarity, article.text[s.start:s.end],
                             source.text[s.source_start:s.source_end] if source else "")
                  for s in by_article.get(r.article_id, [])]
        origin = table.get(r.origin)
        view.append(StoryArticle(
            r.position, article.id, article.outlet, article.published, article.title, article.url, r.relation,
            r.source_id, source.outlet if source else None, r.similarity, r.reused_chars, len(reused), r.credited,
            r.order_note, r.origin, origin.name if origin else r.origin, r.confidence, _credit(article, r.credit),
            _credit(source, r.source_credit), reused, article.language,
        ))
    first = articles[view[0].id] if view else None
    firsts = [a for a in view if first is not None
              and (a.position == 0 or timeline.order_note(first, articles[a.id]) != timeline.EARLIER)]
    return StoryView(story_id, view, firsts, links)


def _credit(article: Article | None, offsets: tuple[int, int] | None) -> CreditText | None:
    if article is None or offsets is None:
        return None
    return CreditText(*offsets, article.text[offsets[0]:offsets[1]])


OUTLET_ORDERS = ("articles", "laundering", "uncredited")


def outlets(store: Store, *, sort: str = "articles", limit: int = 100, offset: int = 0,
            origins: Origins | None = None) -> list[OutletStats]:
    """Per outlet: articles, stories, stories it published first, copies/rewrites/siblings and how many are
    uncredited, and the laundering signal: its articles that reuse the text of a wire, news agency or state
    media outlet without credit, with those origins named.

    ``sort``: ``articles`` (most first), ``laundering`` (highest laundering share first) or ``uncredited``
    (highest uncredited share first); ties by articles, then outlet.
    """
    arguments.page(limit, offset)
    if sort not in OUTLET_ORDERS:
        raise InvalidArgument("sort", sort, f"choose one of {', '.join(OUTLET_ORDERS)}")
    table = default_origins() if origins is None else origins
    rows = {o.outlet: o for o in store.outlet_stats()}
    for reuse in store.origin_reuse():
        known = table.get(reuse.origin)
        if reuse.outlet not in rows or known is None or not known.reused_signal:
            continue
        row = rows[reuse.outlet]
        row.reused_origins += reuse.articles
        if not reuse.credited:
            row.laundered += reuse.articles
            row.laundered_from[known.name] = row.laundered_from.get(known.name, 0) + reuse.articles
    for row in rows.values():
        row.laundered_from = dict(sorted(row.laundered_from.items(), key=lambda kv: (-kv[1], kv[0])))
    key = {
        "articles": lambda o: (-o.articles, o.outlet),
        "laundering": lambda o: (-o.laundering_share, -o.articles, o.outlet),
        "uncredited": lambda o: (-(o.uncredited_share or 0.0), -o.articles, o.outlet),
    }[sort]
    return sorted(rows.values(), key=key)[offset:offset + limit]
