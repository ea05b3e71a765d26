"""The JSON API (``/api/...``): the same query functions as the CLI, paginated, described by ``/openapi.json``."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Request

from newsline import query
from newsline.web.common import Outlet, PageNumber, Paging, PerPage, SearchText, Since, Store, Until
from newsline.web.render import SNIPPET_MARKS, snippet_parts

router = APIRouter(prefix="/api", tags=["api"])


def page_body(request: Request, paging: Paging, items: list[Any], more: bool) -> dict[str, Any]:
    nxt = str(request.url.include_query_params(page=paging.page + 1)) if more else None
    return {"page": paging.page, "per_page": paging.per_page, "has_more": more, "next": nxt, "items": items}


@router.get("/articles", summary="Stored articles in publication order (undated last)")
def list_articles(request: Request, store: Store, outlet: Outlet = None, since: Since = None, until: Until = None,
                  page: PageNumber = 1, per_page: PerPage = 20) -> dict[str, Any]:
    paging = Paging(page, per_page)
    rows = query.articles(store, outlet=outlet, since=since, until=until, limit=per_page + 1, offset=paging.offset)
    items, more = paging.cut(rows)
    return page_body(request, paging, [dataclasses.asdict(r) for r in items], more)


@router.get("/articles/{article_id}", summary="One article: the newsline.article/1 contract, origin, exact copies")
def get_article(article_id: str, store: Store) -> dict[str, Any]:
    return query.show(store, article_id).to_dict()


@router.get("/search", summary="Full-text search, best match first, with snippets")
def search(request: Request, store: Store, q: SearchText, outlet: Outlet = None, since: Since = None,
           until: Until = None, page: PageNumber = 1, per_page: PerPage = 20) -> dict[str, Any]:
    """Each hit has ``snippet`` (plain text) and ``highlights``: ``[start, end]`` offsets of matches in it."""
    paging = Paging(page, per_page)
    hits = query.search(store, q, outlet=outlet, since=since, until=until, limit=per_page + 1,
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
    return {"query": q, **page_body(request, paging, results, more)}


@router.get("/stats", summary="Counts: articles, outlets, dates, languages, exact copies, articles per day")
def stats(store: Store) -> dict[str, Any]:
    return dataclasses.asdict(query.stats(store))
