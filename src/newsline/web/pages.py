"""The HTML pages: Overview, Search (and browse), Article, Entities, Entity, Timeline, Stories, Story, Compare,
Outlets. Server-rendered from ``templates/``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsline import query
from newsline.model import ENTITY_TYPES, EVENT_CATEGORIES
from newsline.registry import api as registry
from newsline.store.base import CorpusEntity
from newsline.stories import query as stories
from newsline.timeline import resolve_entity, resolve_story, timeline
from newsline.web.charts import bucket_days, bucket_range, ranked_bars, spread_chart, time_bars
from newsline.web.common import (
    Actor, Actorless, ArticleId, Category, EntityId, EntitySearch, EntityType, FromDay, MinOutlets, Outlet,
    OutletOrder, PageNumber, Paging, Since, Speaker, Store, StoriesFrom, StoriesTo, StoryId, StoryOfEvents,
    StoryOutlet, ToDay, Undated, Until, cleaned, templates,
)
from newsline.web.render import SNIPPET_MARKS, render_article, safe_href, snippet_html, speaker_css
from newsline.web.views import article_events, article_story, compare_view, entity_view, quote_texts, word_diff

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
TIMELINE_PER_PAGE = 50
TOP_OUTLETS = 20
OUTLETS_PER_PAGE = 50
MAX_SPEAKERS = 100_000  # colour classes one stylesheet may ask for
UNKNOWN_OUTLET = "(unknown)"  # the store's label for the articles with no outlet: no filter lists them
OptionalText = Annotated[str | None, Query(alias="q", max_length=500)]


@router.get("/", response_class=HTMLResponse, name="overview_page")
def overview(request: Request, store: Store) -> Response:
    stats = query.stats(store)
    unit, per_time = bucket_days(stats.by_day)
    search = request.url_for("search_page")
    charts = [
        time_bars(f"Articles per {unit}", per_time, unit, link=lambda label: str(search.include_query_params(
            **dict(zip(("since", "until"), bucket_range(label, unit)))))),
        ranked_bars("Articles per outlet", stats.by_outlet[:TOP_OUTLETS], link=lambda outlet: None
                    if outlet == UNKNOWN_OUTLET else str(search.include_query_params(outlet=outlet))),
    ]
    return templates.TemplateResponse(request, "overview.html", {
        "stats": stats, "charts": charts, "more_outlets": max(0, len(stats.by_outlet) - TOP_OUTLETS),
    })


@router.get("/search", response_class=HTMLResponse, name="search_page")
def search(request: Request, store: Store, query_: OptionalText = None, outlet: Outlet = None, since: Since = None,
           until: Until = None, speaker: Speaker = None, page: PageNumber = 1) -> Response:
    """With words (``q``): full-text search. Without: browse articles by the same filters."""
    q, outlet, since, until, speaker = cleaned(query_, outlet, since, until, speaker)
    paging = Paging(page, PER_PAGE)
    form = {"q": q or "", "outlet": outlet or "", "since": since or "", "until": until or "", "speaker": speaker or ""}
    if q:
        hits = query.search(store, q, outlet=outlet, since=since, until=until, speaker=speaker, limit=PER_PAGE + 1,
                            offset=paging.offset, marks=SNIPPET_MARKS)
        hits, more = paging.cut(hits)
        rows = [(h.article, snippet_html(h.snippet)) for h in hits]
    else:
        found = query.articles(store, outlet=outlet, since=since, until=until, speaker=speaker, limit=PER_PAGE + 1,
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
    corpus = dict(registry.article_entities(store, view.article.id))
    rendered = render_article(view.article, entity_link(request, corpus))
    quotes = sorted(view.article.quotes, key=lambda q: q.content.start)
    return templates.TemplateResponse(request, "article.html", {
        "view": view, "a": view.article, "body": rendered.body, "speakers": rendered.speakers,
        "quotes": [(q, rendered.quote_speakers[q.id]) for q in quotes],
        "timexes": sorted(view.article.timexes, key=lambda t: t.span.start),
        "events": article_events(view.article), "corpus": corpus,
        "names": {e.id: e.name for e in view.article.entities}, "href": safe_href(view.article.url),
        "in_story": article_story(store, view.article.id),
    })


def entity_link(request: Request, corpus: dict[str, CorpusEntity]) -> Callable[[str], str | None]:
    """Links from an article's entity mentions (local ids) to the pages of the corpus entities they resolved to."""
    def href(local_id: str) -> str | None:
        found = corpus.get(local_id)
        return str(request.url_for("entity_page", entity_id=str(found.id))) if found else None
    return href


@router.get("/speakers.css", name="speaker_colours")
def speaker_colours(n: Annotated[int, Query(ge=0, le=MAX_SPEAKERS)] = 0) -> Response:
    """The colour classes of an article page with ``n`` speakers (``render.speaker_colour``), cacheable."""
    return Response(speaker_css(n), media_type="text/css", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/entities", response_class=HTMLResponse, name="entities_page")
def entities(request: Request, store: Store, type_: EntityType = None, search: EntitySearch = None,
             page: PageNumber = 1) -> Response:
    type_, search = cleaned(type_, search)
    paging = Paging(page, PER_PAGE)
    rows, more = paging.cut(registry.entities(store, type_=type_, search=search, limit=PER_PAGE + 1,
                                              offset=paging.offset))
    return templates.TemplateResponse(request, "entities.html", {
        "form": {"type": (type_ or "").upper(), "search": search or ""}, "types": ENTITY_TYPES, "rows": rows, "page": paging.page, "more": more,
        "first": paging.offset + 1,
    })


@router.get("/entities/{entity_id}", response_class=HTMLResponse, name="entity_page")
def entity(request: Request, entity_id: EntityId, store: Store) -> Response:
    view = entity_view(store, entity_id)
    who = str(view.detail.entity.id)
    week_events = request.url_for("timeline_page").include_query_params(actor=who)
    quoting = request.url_for("search_page").include_query_params(speaker=who)
    charts = [time_bars("Quotes per week", view.quotes_per_week, "week", link=lambda monday: str(
                  week_events.include_query_params(**dict(zip(("from", "to"), bucket_range(monday, "week")))))),
              ranked_bars("Outlets quoting", view.detail.quoted_by[:TOP_OUTLETS], link=lambda outlet: None
                          if outlet == UNKNOWN_OUTLET else str(quoting.include_query_params(outlet=outlet)))]
    return templates.TemplateResponse(request, "entity.html", {
        "view": view, "e": view.detail.entity, "charts": charts,
        "more_outlets": max(0, len(view.detail.quoted_by) - TOP_OUTLETS),
    })


@router.get("/timeline", response_class=HTMLResponse, name="timeline_page")
def timeline_page(request: Request, store: Store, actor: Actor = None, category: Category = None,
                  since: FromDay = None, until: ToDay = None, story: StoryOfEvents = None, undated: Undated = False,
                  actorless: Actorless = False, page: PageNumber = 1) -> Response:
    actor, category, since, until, story = cleaned(actor, category, since, until, story)
    who = resolve_entity(store, actor) if actor else None
    story_id = resolve_story(store, story) if story else None
    paging = Paging(page, TIMELINE_PER_PAGE)
    entries, more = paging.cut(timeline(store, actor=str(who.id) if who else None, category=category, since=since,
                                        until=until, story=story_id, undated=undated, actorless=actorless,
                                        limit=TIMELINE_PER_PAGE + 1, offset=paging.offset))
    return templates.TemplateResponse(request, "timeline.html", {
        "form": {"actor": actor or "", "category": (category or "").upper(), "from": since or "",
                 "to": until or "", "story": story_id or "", "undated": undated, "actorless": actorless},
        "who": who, "categories": EVENT_CATEGORIES, "entries": entries, "page": paging.page, "more": more,
    })


@router.get("/stories", response_class=HTMLResponse, name="stories_page")
def stories_page(request: Request, store: Store, since: StoriesFrom = None, until: StoriesTo = None,
                 outlet: StoryOutlet = None, min_outlets: MinOutlets = 1, page: PageNumber = 1) -> Response:
    since, until, outlet = cleaned(since, until, outlet)
    paging = Paging(page, PER_PAGE)
    rows, more = paging.cut(stories.stories(store, since=since, until=until, outlet=outlet, min_outlets=min_outlets,
                                            limit=PER_PAGE + 1, offset=paging.offset))
    return templates.TemplateResponse(request, "stories.html", {
        "form": {"from": since or "", "to": until or "", "outlet": outlet or "", "min_outlets": min_outlets},
        "rows": rows, "page": paging.page, "more": more, "first": paging.offset + 1,
    })


@router.get("/stories/{story_id}", response_class=HTMLResponse, name="story_page")
def story_page(request: Request, story_id: StoryId, store: Store) -> Response:
    view = stories.story(store, story_id)
    positions = {a.id: a.position for a in view.articles}
    return templates.TemplateResponse(request, "story.html", {
        "view": view, "chart": spread_chart("Outlets over time", view.articles), "positions": positions,
        "by_id": {a.id: a for a in view.articles},
        "uncredited": sum(a.uncredited for a in view.articles), "quotes": quote_texts(store, view),
    })


@router.get("/stories/{story_id}/compare/{article_id}", response_class=HTMLResponse, name="compare_page")
def compare_page(request: Request, story_id: StoryId, article_id: ArticleId, store: Store) -> Response:
    view = compare_view(store, story_id, article_id)
    translated = view.article.relation in ("translation", "translated rewrite")  # two languages: no word diff
    rows = [(r, word_diff(r.text, r.source_text) if r.reused and r.similarity is not None and r.similarity < 1
             and not translated else None) for r in view.rows]
    return templates.TemplateResponse(request, "compare.html", {"view": view, "rows": rows})


@router.get("/outlets", response_class=HTMLResponse, name="outlets_page")
def outlets_page(request: Request, store: Store, page: PageNumber = 1, sort: OutletOrder = "articles") -> Response:
    paging = Paging(page, OUTLETS_PER_PAGE)
    rows, more = paging.cut(stories.outlets(store, sort=sort, limit=OUTLETS_PER_PAGE + 1, offset=paging.offset))
    return templates.TemplateResponse(request, "outlets.html", {
        "rows": rows, "page": paging.page, "more": more, "first": paging.offset + 1, "sort": sort,
    })
