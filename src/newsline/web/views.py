"""What a page and its JSON twin both show, assembled from the query functions the CLI uses."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from markupsafe import Markup, escape

from newsline.model import Article, Event
from newsline.query import NotFound, QuoteEntry, quotes
from newsline.registry import api
from newsline.store.base import EntityDetail, EntityRole, Store
from newsline.stories.query import StoryArticle, StoryView, story
from newsline.timeline import TimelineEntry, timeline
from newsline.timeline.dates import UNDATED_DAY, sort_day
from newsline.web.charts import bucket_days

ENTITY_TIMELINE = 50  # entries on an entity's page; the rest are on /timeline?actor=ID
ENTITY_QUOTES = 20  # statements on an entity's page; the rest are on /api/quotes?speaker=ID


@dataclass(slots=True)
class RoleSpan:
    """One role stated in the text, from the first to the last article that states it."""

    role: str
    first: str | None  # publication day of the first article stating it (None: only undated articles)
    last: str | None
    articles: list[str]


@dataclass(slots=True)
class EntityView:
    detail: EntityDetail
    roles: list[RoleSpan]
    quotes_per_week: list[tuple[str, int]]  # (Monday, quotes), every week from the first quote to the last
    timeline: list[TimelineEntry]  # the first ENTITY_TIMELINE events the entity is the actor of
    more_events: bool
    statements: list[QuoteEntry]  # the first ENTITY_QUOTES statements quoted from the entity
    more_statements: bool

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self.detail) | {
            "roles_over_time": [dataclasses.asdict(r) for r in self.roles],
            "quotes_per_week": self.quotes_per_week,
            "timeline": [e.to_dict() for e in self.timeline],
            "more_events": self.more_events,
            "statements": [q.to_dict() for q in self.statements],
            "more_statements": self.more_statements,
        }


def entity_view(store: Store, name_or_id: str) -> EntityView:
    """An entity (id, or a name or alias naming exactly one) with its roles, weekly quotes, timeline and the
    statements quoted from it."""
    detail = api.entity(store, name_or_id)
    entries = timeline(store, actor=str(detail.entity.id), limit=ENTITY_TIMELINE + 1)
    said = quotes(store, speaker=str(detail.entity.id), limit=ENTITY_QUOTES + 1)
    _, weeks = bucket_days(detail.quotes_by_day, "week")
    return EntityView(detail, role_spans(detail.roles), weeks, entries[:ENTITY_TIMELINE],
                      len(entries) > ENTITY_TIMELINE, said[:ENTITY_QUOTES], len(said) > ENTITY_QUOTES)


def role_spans(roles: list[EntityRole]) -> list[RoleSpan]:
    """Roles grouped by wording, in order of first statement (undated last)."""
    spans: dict[str, RoleSpan] = {}
    for r in roles:
        span = spans.setdefault(r.role, RoleSpan(r.role, None, None, []))
        span.articles.append(r.article_id)
        if r.date is not None:
            span.first = min(span.first or r.date, r.date)
            span.last = max(span.last or r.date, r.date)
    return sorted(spans.values(), key=lambda s: (s.first is None, s.first or "", s.role))


def article_events(article: Article) -> list[tuple[Event, str]]:
    """The article's own events with the day each sorts at, in timeline order (event day, text-dated before
    "reported on", position in the text)."""
    dated = [(e, sort_day(e.date.value, e.date.mod) or UNDATED_DAY) for e in article.events]
    return sorted(dated, key=lambda pair: (pair[1], pair[0].date.source == "publication", pair[0].evidence.start))


def story_dict(view: StoryView, quotes: dict[tuple[str, str], str]) -> dict[str, Any]:
    """A story as JSON (``/api/stories/{id}``): as ``newsline story --json``, plus ``outlets``, ``conflicts``,
    each article's ``uncredited`` flag and each quote link's ``text`` (``quotes``: from ``quote_texts``)."""
    body = dataclasses.asdict(view)
    for item, article in zip(body["articles"], view.articles):
        item["uncredited"] = article.uncredited
    for item in body["quote_links"]:
        item["text"] = quotes.get((item["article_id"], item["quote_id"]))
    return body | {"outlets": view.outlets, "conflicts": len(view.conflicts)}


def quote_texts(store: Store, view: StoryView) -> dict[tuple[str, str], str]:
    """The words of the first quote of each quote link: ``(article id, quote id) -> content``."""
    wanted = {(q.article_id, q.quote_id) for q in view.quote_links}
    found = {}
    for article in store.get_articles(sorted({a for a, _ in wanted})):
        found.update({(article.id, q.id): q.content.text for q in article.quotes if (article.id, q.id) in wanted})
    return found


@dataclass(slots=True)
class ArticleStory:
    """An article's place in its story, for the article page's side panel."""

    story: StoryView
    entry: StoryArticle
    source: StoryArticle | None


def article_story(store: Store, article_id: str) -> ArticleStory | None:
    """The story of the article (a full id), or None when it is in none."""
    try:
        view = story(store, article_id)
    except NotFound:
        return None
    by_id = {a.id: a for a in view.articles}
    entry = by_id.get(article_id)
    if entry is None:  # the id matched a story id, not this article's story
        return None
    return ArticleStory(view, entry, by_id.get(entry.source_id or ""))


@dataclass(slots=True)
class CompareRow:
    """A stretch of the article: a reused sentence beside its source sentence, or the article's own text."""

    start: int
    end: int
    text: str
    source_start: int | None = None
    source_end: int | None = None
    source_text: str | None = None
    similarity: float | None = None

    @property
    def reused(self) -> bool:
        return self.source_text is not None


@dataclass(slots=True)
class CompareView:
    story_id: str
    article: StoryArticle
    source: StoryArticle
    rows: list[CompareRow]
    source_chars: int  # length of the source's text
    source_reused_chars: int  # characters of the source that the reused spans cover

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story_id, "article": dataclasses.asdict(self.article) | {"spans": None},
                "source": dataclasses.asdict(self.source) | {"spans": None},
                "rows": [dataclasses.asdict(r) | {"reused": r.reused} for r in self.rows],
                "source_chars": self.source_chars, "source_reused_chars": self.source_reused_chars}


def compare_view(store: Store, story_id: str, article_id: str) -> CompareView:
    """An article of a story beside the source it was compared with: its text in order, each reused sentence
    paired with the source sentence it was aligned to."""
    view = story(store, story_id)
    matches = [a for a in view.articles if a.id.startswith(article_id.strip().lower())] if article_id.strip() else []
    if len(matches) != 1:
        raise NotFound(f"story {view.id} has {'several articles' if matches else 'no article'} with id"
                       f" {article_id!r}; the story page lists them")
    entry = matches[0]
    source = next((a for a in view.articles if a.id == entry.source_id), None)
    if source is None:
        role = "first publisher" if entry.relation == "first" else f"{entry.relation} report"
        raise NotFound(f"article {entry.id} is the story's {role} and was compared with no source")
    texts = {a.id: a.text for a in store.get_articles([entry.id, source.id])}
    text, source_text = texts[entry.id], texts[source.id]
    rows, at = [], 0
    for span in sorted(entry.spans, key=lambda s: s.start):
        if _has_words(text[at:span.start]):
            rows.append(CompareRow(at, span.start, text[at:span.start].strip()))
        rows.append(CompareRow(span.start, span.end, span.text, span.source_start, span.source_end, span.source_text,
                               span.similarity))
        at = max(at, span.end)
    if _has_words(text[at:]):
        rows.append(CompareRow(at, len(text), text[at:].strip()))
    covered = set()
    for span in entry.spans:
        covered.update(range(span.source_start, span.source_end))
    return CompareView(view.id, entry, source, rows, len(source_text), len(covered))


def _has_words(stretch: str) -> bool:
    """Whether text between reused sentences is the article's own words, not a quotation mark left between
    two aligned sentences (a row of its own would show a lone ")."""
    return any(c.isalnum() for c in stretch)


def word_diff(text: str, other: str) -> tuple[Markup, Markup]:
    """Both texts as HTML with the words the other lacks in ``<mark>`` (word-level ``difflib`` alignment)."""
    a, b = re.findall(r"\s+|[^\s]+", text), re.findall(r"\s+|[^\s]+", other)
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for side, words in ((left, a[i1:i2]), (right, b[j1:j2])):
            if not words:
                continue
            piece = "".join(words)
            core = piece.strip()
            if op == "equal" or not core:
                side.append(escape(piece))
            else:  # the space around a changed run stays unmarked
                lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
                side.append(escape(lead) + Markup("<mark>{}</mark>").format(core) + escape(tail))
    return Markup("").join(left), Markup("").join(right)
