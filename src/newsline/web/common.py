"""What the API and the pages share: templates, the per-request store, query parameters, paging."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.templating import Jinja2Templates

from newsline.errors import NotFound
from newsline.store.base import Store as StoreProtocol

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


class PageOutOfRange(NotFound):
    """A page number past the last page of results."""


def open_store(request: Request) -> Iterator[StoreProtocol]:
    """FastAPI dependency: a read-only store for one request, from the app's ``StoreSource``."""
    store = request.app.state.stores.open()
    try:
        yield store
    finally:
        store.close()


Store = Annotated[StoreProtocol, Depends(open_store)]
Outlet = Annotated[str | None, Query(description="Only this outlet (e.g. example.com).")]
Since = Annotated[str | None, Query(description="Published on or after this date (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Published on or before this date (YYYY-MM-DD).")]
Speaker = Annotated[str | None, Query(max_length=200, description="Only articles quoting this entity (id, name or alias).")]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Results per page (at most 100).")]
SearchText = Annotated[str, Query(min_length=1, max_length=500,
                                  description='Words to find (all required); "double quotes" for a phrase.')]
EntityId = Annotated[str, PathParam(min_length=1, max_length=200,
                                    description="Entity id, or a name or alias that names exactly one entity.")]
EntityType = Annotated[str | None, Query(alias="type", max_length=40, description="Only this type (PERSON, ORG, ...).")]
EntitySearch = Annotated[str | None, Query(max_length=200, description="Part of a name or alias (case and"
                                                                       " diacritics ignored).")]
Actor = Annotated[str | None, Query(max_length=200, description="Only events of this entity (id, name or alias).")]
Category = Annotated[str | None, Query(max_length=40, description="Only this category (PLOVER, or STATEMENT).")]
FromDay = Annotated[str | None, Query(alias="from", description="Events dated on or after this day (YYYY-MM-DD).")]
ToDay = Annotated[str | None, Query(alias="to", description="Events dated on or before this day (YYYY-MM-DD).")]
StoryOfEvents = Annotated[str | None, Query(alias="story", max_length=64,
                                            description="Only events reported by this story's articles (story or"
                                                        " article id, or a unique prefix).")]
StoryId = Annotated[str, PathParam(min_length=1, max_length=64,
                                   description="Story id, or the id of an article in it (unique prefixes work).")]
ArticleId = Annotated[str, PathParam(min_length=1, max_length=64, description="Article id or unique prefix.")]
StoriesFrom = Annotated[str | None, Query(alias="from", description="Stories with an article on or after this day"
                                                                    " (YYYY-MM-DD).")]
StoriesTo = Annotated[str | None, Query(alias="to", description="Stories that began on or before this day"
                                                                " (YYYY-MM-DD).")]
StoryOutlet = Annotated[str | None, Query(max_length=300, description="Only stories this outlet published in.")]
MinOutlets = Annotated[int, Query(alias="min_outlets", ge=1, le=10_000,
                                  description="Only stories carried by at least this many outlets.")]


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
