"""What the API and the pages share: templates, the per-request store, query parameters, paging, export links."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.templating import Jinja2Templates
from pydantic import AfterValidator
from starlette.datastructures import URL

from newsline.errors import NotFound
from newsline.model import ENTITY_TYPES
from newsline.store.base import Store as StoreProtocol
from newsline.timeline.query import UnknownEntity
from newsline.timeline.words import anchor_in_words, date_in_words
from newsline.web.render import unquoted

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["unquoted"] = unquoted
templates.env.filters["in_words"] = date_in_words  # {{ value|in_words(mod, tz) }}: "the end of January 2023"
templates.env.filters["anchor_in_words"] = anchor_in_words  # {{ t.anchor|anchor_in_words(timexes) }}


def export_links(request: Request, path: str | None = None, **params: str | int) -> dict[str, str]:
    """A page table's JSON API twin (the page's filters and page number, blank fields dropped, plus ``params``)
    and its CSV variant (``format=csv``): ``{"json": url, "csv": url}``."""
    kept = {k: v for k, v in request.query_params.items() if v.strip() and k != "token"} | params
    url = URL(path or "/api" + request.url.path).include_query_params(**kept)
    return {"json": str(url), "csv": str(url.include_query_params(format="csv"))}


templates.env.globals["export_links"] = export_links


class PageOutOfRange(NotFound):
    """A page number past the last page of results."""


def open_store(request: Request) -> Iterator[StoreProtocol]:
    """FastAPI dependency: a read-only store for one request, from the app's ``StoreSource``."""
    store = request.app.state.stores.open()
    try:
        yield store
    finally:
        store.close()


MAX_ID = 2**63 - 1  # the stores' largest integer (SQLite INTEGER, PostgreSQL bigint)


def entity_ref(value: str | None) -> str | None:
    """An entity reference (id, name or alias) as given; an id beyond the stores' integers names no entity (404)."""
    if value is not None and value.strip().isdigit() and int(value.strip()) > MAX_ID:
        raise UnknownEntity(f"no entity with id {value.strip()}")
    return value


Store = Annotated[StoreProtocol, Depends(open_store)]
Outlet = Annotated[str | None, Query(description="Only this outlet (e.g. example.com).")]
Since = Annotated[str | None, Query(description="Published on or after this date (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Published on or before this date (YYYY-MM-DD).")]
Speaker = Annotated[str | None, Query(max_length=200, description="Only articles quoting this entity (id, name or"
                                                                 " alias)."), AfterValidator(entity_ref)]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Results per page (at most 100).")]
SearchText = Annotated[str, Query(alias="q", min_length=1, max_length=500,
                                  description='Words to find (all required); "double quotes" for a phrase.')]
EntityId = Annotated[str, PathParam(min_length=1, max_length=200,
                                    description="Entity id, or a name or alias that names exactly one entity."),
                     AfterValidator(entity_ref)]
EntityType = Annotated[str | None, Query(alias="type", max_length=40, description="Only this type: "
                                        + ", ".join(ENTITY_TYPES) + " (any case).")]
EntitySearch = Annotated[str | None, Query(max_length=200, description="Part of a name or alias (case and"
                                                                       " diacritics ignored).")]
Actor = Annotated[str | None, Query(max_length=200, description="Only events of this entity (id, name or alias)."),
                  AfterValidator(entity_ref)]
Category = Annotated[str | None, Query(max_length=40, description="Only this category (PLOVER, STATEMENT or OTHER).")]
FromDay = Annotated[str | None, Query(alias="from", description="Events dated on or after this day (YYYY-MM-DD).")]
ToDay = Annotated[str | None, Query(alias="to", description="Events dated on or before this day (YYYY-MM-DD).")]
StoryOfEvents = Annotated[str | None, Query(alias="story", max_length=64,
                                            description="Only events reported by this story's articles (story or"
                                                        " article id, or a unique prefix).")]
Undated = Annotated[bool, Query(description="Also events nothing places in time.")]
Actorless = Annotated[bool, Query(description="Also events whose actor is not named.")]
StoryOfQuotes = Annotated[str | None, Query(alias="story", max_length=64,
                                            description="Only quotes in this story's articles (story or article"
                                                        " id, or a unique prefix).")]
QuoteKindParam = Annotated[Literal["direct", "indirect", "mixed"] | None,
                           Query(alias="kind", description="Only this kind of quote.")]
QuoteSpeaker = Annotated[str | None, Query(alias="speaker", max_length=200,
                                           description="Only quotes of this entity (id, name or alias).")]
StoryId = Annotated[str, PathParam(min_length=1, max_length=64,
                                   description="Story id, or the id of an article in it (unique prefixes work).")]
ArticleId = Annotated[str, PathParam(min_length=1, max_length=64, description="Article id or unique prefix.")]
StoriesFrom = Annotated[str | None, Query(alias="from", description="Stories with an article on or after this day"
                                                                    " (YYYY-MM-DD).")]
StoriesTo = Annotated[str | None, Query(alias="to", description="Stories that began on or before this day"
                                                                " (YYYY-MM-DD).")]
StoryOutlet = Annotated[str | None, Query(max_length=300, description="Only stories this outlet published in.")]
Format = Annotated[Literal["json", "csv"], Query(alias="format", description="json, or csv: the rows as"
                                                                             " CSV (nested values as JSON)")]
MinOutlets = Annotated[int, Query(alias="min_outlets", ge=1, le=10_000,
                                  description="Only stories carried by at least this many outlets.")]
OutletOrder = Annotated[Literal["articles", "laundering", "uncredited"], Query(
    description="Sort outlets by articles, by the laundering share (uncredited reuse of wire, agency or state-media"
                " text) or by the uncredited share of their reuse; the largest first.")]


def cleaned(*values: str | None) -> list[str | None]:
    """Form fields with surrounding space removed; empty ones (a form submitted blank) become None."""
    return [(v.strip() or None) if v else None for v in values]


@dataclass(slots=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def cut(self, rows: list[Any]) -> tuple[list[Any], bool]:
        """Rows fetched with ``limit=per_page + 1``: this page's rows and whether more follow."""
        if self.page > 1 and not rows:
            raise PageOutOfRange(f"page {self.page} is past the last page of results; start again at page 1")
        return rows[: self.per_page], len(rows) > self.per_page
