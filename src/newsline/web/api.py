"""The JSON API (``/api/...``): the same query functions as the CLI, paginated, described by ``/openapi.json``.

Every list (and a story's articles or quote links) is also served as CSV with ``format=csv``: the pages' export
links."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from newsline import query
from newsline.registry import api as registry
from newsline.stories import query as stories
from newsline.timeline import timeline
from newsline.web.common import (
    Actor, Actorless, ArticleId, Category, EntityId, EntitySearch, EntityType, Format, FromDay, MinOutlets, Outlet,
    OutletOrder, PageNumber, Paging, PerPage, QuoteKindParam, QuoteSpeaker, SearchText, Since, Speaker, StoriesFrom,
    StoriesTo, StoryId, StoryOfEvents, StoryOfQuotes, StoryOutlet, Store, ToDay, Undated, Until,
)
from newsline.web.render import SNIPPET_MARKS, snippet_parts
from newsline.web.views import compare_view, entity_view, quote_texts, story_dict

router = APIRouter(prefix="/api", tags=["api"])


def page_body(request: Request, paging: Paging, items: list[Any], more: bool) -> dict[str, Any]:
    nxt = str(request.url.include_query_params(page=paging.page + 1)) if more else None
    return {"page": paging.page, "per_page": paging.per_page, "has_more": more, "next": nxt, "items": items}


def answer(body: dict[str, Any], fmt: str, name: str, rows: str = "items") -> dict[str, Any] | Response:
    """``body`` as JSON, or its ``rows`` as CSV (``format=csv``): a column per key, nested values as JSON."""
    if fmt == "json":
        return body
    items = body[rows]
    columns = list(dict.fromkeys(key for item in items for key in item))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([csv_cell(item.get(column)) for column in columns])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def csv_cell(value: Any) -> str | int | float:
    """A CSV cell. Text that a spreadsheet would run as a formula (= + - @ first) gets a leading ', as OWASP
    advises: article text and names are untrusted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/articles", response_model=None, summary="Stored articles in publication order (undated last)")
def list_articles(request: Request, store: Store, outlet: Outlet = None, since: Since = None, until: Until = None,
                  speaker: Speaker = None, page: PageNumber = 1, per_page: PerPage = 20,
                  fmt: Format = "json") -> dict[str, Any] | Response:
    paging = Paging(page, per_page)
    rows = query.articles(store, outlet=outlet, since=since, until=until, speaker=speaker, limit=per_page + 1,
                          offset=paging.offset)
    items, more = paging.cut(rows)
    return answer(page_body(request, paging, [dataclasses.asdict(r) for r in items], more), fmt, "articles")


@router.get("/articles/{article_id}", summary="One article: the newsline.article/1 contract, origin, exact copies")
def get_article(article_id: str, store: Store) -> dict[str, Any]:
    return query.show(store, article_id).to_dict()


@router.get("/articles/{article_id}/entities", summary="The corpus entity each of the article's entities is")
def get_article_entities(article_id: str, store: Store) -> dict[str, Any]:
    """``local`` is the entity's id in the article (``e1``), ``id`` the corpus entity's (as ``/api/entities``)."""
    found = registry.article_entities(store, article_id)
    return {"items": [{"local": local} | dataclasses.asdict(e) for local, e in found]}


@router.get("/search", response_model=None, summary="Full-text search, best match first, with snippets")
def search(request: Request, store: Store, query_: SearchText, outlet: Outlet = None, since: Since = None,
           until: Until = None, speaker: Speaker = None, page: PageNumber = 1, per_page: PerPage = 20,
           fmt: Format = "json") -> dict[str, Any] | Response:
    """Each hit has ``snippet`` (plain text) and ``highlights``: ``[start, end]`` offsets of matches in it."""
    paging = Paging(page, per_page)
    hits = query.search(store, query_, outlet=outlet, since=since, until=until, speaker=speaker, limit=per_page + 1,
                        offset=paging.offset, marks=SNIPPET_MARKS)
    items, more = paging.cut(hits)
    results = []
    for hit in items:
        text, highlights = "", []
        for part, matched in snippet_parts(hit.snippet):
            if matched:
                highlights.append([len(text), len(text) + len(part)])
            text += part
        results.append(dataclasses.asdict(hit.article) | {"snippet": text, "highlights": highlights,
                                                          "score": round(hit.score, 3)})
    return answer({"query": query_, **page_body(request, paging, results, more)}, fmt, "search")


@router.get("/quotes", response_model=None,
            summary="What was said: quotes in publication order, one entry per statement")
def list_quotes(request: Request, store: Store, speaker: QuoteSpeaker = None, outlet: Outlet = None,
                since: Since = None, until: Until = None, story: StoryOfQuotes = None, kind: QuoteKindParam = None,
                page: PageNumber = 1, per_page: PerPage = 20, fmt: Format = "json") -> dict[str, Any] | Response:
    """As ``newsline quotes --json``: each entry is its first report (article, outlet, date, speaker, kind,
    ``text`` and its ``start``/``end`` in the article) with ``reports``, every article reporting the statement."""
    paging = Paging(page, per_page)
    entries = query.quotes(store, speaker=speaker, outlet=outlet, since=since, until=until, story=story, kind=kind,
                           limit=per_page + 1, offset=paging.offset)
    items, more = paging.cut(entries)
    return answer(page_body(request, paging, [e.to_dict() for e in items], more), fmt, "quotes")


@router.get("/stats", summary="Counts: articles, outlets, dates, languages, exact copies, articles per day")
def stats(store: Store) -> dict[str, Any]:
    return dataclasses.asdict(query.stats(store))


@router.get("/entities", response_model=None, summary="Corpus entities, most active first")
def list_entities(request: Request, store: Store, type_: EntityType = None, search: EntitySearch = None,
                  page: PageNumber = 1, per_page: PerPage = 20, fmt: Format = "json") -> dict[str, Any] | Response:
    paging = Paging(page, per_page)
    rows = registry.entities(store, type_=type_, search=search, limit=per_page + 1, offset=paging.offset)
    items, more = paging.cut(rows)
    return answer(page_body(request, paging, [dataclasses.asdict(e) for e in items], more), fmt, "entities")


@router.get("/entities/{entity_id}", summary="One entity: aliases, roles over time, quotes per week, timeline")
def get_entity(entity_id: EntityId, store: Store) -> dict[str, Any]:
    """As ``newsline entity --json``, plus ``roles_over_time``, ``quotes_per_week`` (Monday, quotes) and the
    first 50 ``timeline`` entries with the entity as actor (``more_events``: the rest are in ``/api/timeline``)."""
    return entity_view(store, entity_id).to_dict()


@router.get("/timeline", response_model=None, summary="Events in event-date order, one entry per event with the articles reporting it")
def get_timeline(request: Request, store: Store, actor: Actor = None, category: Category = None,
                 since: FromDay = None, until: ToDay = None, story: StoryOfEvents = None, undated: Undated = False,
                 actorless: Actorless = False, page: PageNumber = 1, per_page: PerPage = 50,
                 fmt: Format = "json") -> dict[str, Any] | Response:
    """As ``newsline timeline --json``: ``reported_on`` entries are dated only by their publication; ``when`` is
    the date in words. ``undated`` / ``actorless`` add the events nothing dates / whose actor is not named."""
    paging = Paging(page, per_page)
    entries = timeline(store, actor=actor, category=category, since=since, until=until, story=story,
                       undated=undated, actorless=actorless, limit=per_page + 1, offset=paging.offset)
    items, more = paging.cut(entries)
    return answer(page_body(request, paging, [e.to_dict() for e in items], more), fmt, "timeline")


@router.get("/stories", response_model=None, summary="Stories across outlets, most outlets first")
def list_stories(request: Request, store: Store, since: StoriesFrom = None, until: StoriesTo = None,
                 outlet: StoryOutlet = None, min_outlets: MinOutlets = 1, page: PageNumber = 1,
                 per_page: PerPage = 20, fmt: Format = "json") -> dict[str, Any] | Response:
    """As ``newsline stories --json``: each story with its first publisher and count of uncredited copies."""
    paging = Paging(page, per_page)
    rows = stories.stories(store, since=since, until=until, outlet=outlet, min_outlets=min_outlets,
                           limit=per_page + 1, offset=paging.offset)
    items, more = paging.cut(rows)
    return answer(page_body(request, paging, [dataclasses.asdict(r) for r in items], more), fmt, "stories")


@router.get("/stories/{story_id}", response_model=None, summary="One story: articles in time order, relations, reuse, credit, quotes")
def get_story(story_id: StoryId, store: Store, fmt: Format = "json",
              rows: Annotated[Literal["articles", "quote_links"], Query(
                  description="With format=csv: the story's articles, or its quote links")] = "articles",
              ) -> dict[str, Any] | Response:
    """As ``newsline story --json`` (reused ``spans`` included), plus ``outlets``, ``conflicts`` (speaker
    conflicts among ``quote_links``), each article's ``uncredited`` and each quote link's ``text``."""
    view = stories.story(store, story_id)
    return answer(story_dict(view, quote_texts(store, view)), fmt, f"story-{view.id}-{rows}", rows)


@router.get("/stories/{story_id}/compare/{article_id}", summary="An article beside its source, reuse aligned")
def compare(story_id: StoryId, article_id: ArticleId, store: Store) -> dict[str, Any]:
    """``rows`` in the article's order: a reused sentence with its source sentence and similarity, or the
    article's own text (``reused`` false)."""
    return compare_view(store, story_id, article_id).to_dict()


@router.get("/outlets", response_model=None,
            summary="Per outlet: stories published first, uncredited reuse, the laundering signal")
def list_outlets(request: Request, store: Store, page: PageNumber = 1, per_page: PerPage = 50,
                 sort: OutletOrder = "articles", fmt: Format = "json") -> dict[str, Any] | Response:
    """As ``newsline outlets --json``: ``uncredited_share`` (null when the outlet reuses no text) and
    ``laundering_share`` with ``laundered_from`` (origin name -> articles reusing it without credit)."""
    paging = Paging(page, per_page)
    rows = stories.outlets(store, sort=sort, limit=per_page + 1, offset=paging.offset)
    items, more = paging.cut(rows)
    return answer(page_body(request, paging, [dataclasses.asdict(r) | {"uncredited_share": r.uncredited_share,
                                                                       "laundering_share": r.laundering_share}
                                              for r in items], more), fmt, "outlets")
