"""The HTML pages: Overview, Search (and browse), Article. Server-rendered from ``templates/``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsline import query
from newsline.web.common import Outlet, PageNumber, Paging, Since, Store, Until, templates
from newsline.web.charts import bucket_days, ranked_bars, time_bars
from newsline.web.render import SNIPPET_MARKS, render_article, safe_href, snippet_html

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
TOP_OUTLETS = 20
OptionalText = Annotated[str | None, Query(max_length=500)]


@router.get("/", response_class=HTMLResponse, name="overview_page")
def overview(request: Request, store: Store) -> Response:
    stats = query.stats(store)
    unit, per_time = bucket_days(stats.by_day)
    charts = [
        time_bars(f"Articles per {unit}", per_time, unit),
        ranked_bars("Articles per outlet", stats.by_outlet[:TOP_OUTLETS]),
    ]
    return templates.TemplateResponse(request, "overview.html", {
        "stats": stats, "charts": charts, "more_outlets": max(0, len(stats.by_outlet) - TOP_OUTLETS),
    })


@router.get("/search", response_class=HTMLResponse, name="search_page")
def search(request: Request, store: Store, q: OptionalText = None, outlet: Outlet = None, since: Since = None,
           until: Until = None, page: PageNumber = 1) -> Response:
    """With ``q``: full-text search. Without: browse articles by the same filters."""
    q, outlet, since, until = (v.strip() or None if v else None for v in (q, outlet, since, until))
    paging = Paging(page, PER_PAGE)
    form = {"q": q or "", "outlet": outlet or "", "since": since or "", "until": until or ""}
    if q:
        hits = query.search(store, q, outlet=outlet, since=since, until=until, limit=PER_PAGE + 1,
                            offset=paging.offset, marks=SNIPPET_MARKS)
        hits, more = paging.cut(hits)
        rows = [(h.article, snippet_html(h.snippet)) for h in hits]
    else:
        found = query.articles(store, outlet=outlet, since=since, until=until, limit=PER_PAGE + 1,
                               offset=paging.offset)
        found, more = paging.cut(found)
        rows = [(a, None) for a in found]
    return templates.TemplateResponse(request, "search.html", {
        "form": form, "rows": rows, "page": paging.page, "more": more,
        "first": paging.offset + 1,
    })


@router.get("/articles/{article_id}", response_class=HTMLResponse, name="article_page")
def article(request: Request, article_id: str, store: Store) -> Response:
    view = query.show(store, article_id)
    rendered = render_article(view.article, entity_link(request))
    quotes = sorted(view.article.quotes, key=lambda q: q.content.start)
    return templates.TemplateResponse(request, "article.html", {
        "view": view, "a": view.article, "body": rendered.body, "speakers": rendered.speakers,
        "quotes": [(q, rendered.quote_speakers[q.id]) for q in quotes],
        "timexes": sorted(view.article.timexes, key=lambda t: t.span.start),
        "href": safe_href(view.article.url),
    })


def entity_link(request: Request) -> Callable[[str], str | None] | None:
    """Links for entity mentions, once the app has an ``entity_page`` route; until then, none."""
    if not any(getattr(route, "name", None) == "entity_page" for route in request.app.routes):
        return None
    return lambda entity_id: str(request.url_for("entity_page", entity_id=entity_id))
