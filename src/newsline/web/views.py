"""What a page and its JSON twin both show, assembled from the query functions the CLI uses."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from newsline.model import Article, Event
from newsline.registry import api
from newsline.store.base import EntityDetail, EntityRole, Store
from newsline.timeline import TimelineEntry, timeline
from newsline.timeline.dates import UNDATED_DAY, sort_day
from newsline.web.charts import bucket_days

ENTITY_TIMELINE = 50  # entries on an entity's page; the rest are on /timeline?actor=ID


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

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self.detail) | {
            "roles_over_time": [dataclasses.asdict(r) for r in self.roles],
            "quotes_per_week": self.quotes_per_week,
            "timeline": [e.to_dict() for e in self.timeline],
            "more_events": self.more_events,
        }


def entity_view(store: Store, name_or_id: str) -> EntityView:
    """An entity (id, or a name or alias naming exactly one) with its roles, weekly quotes and timeline."""
    detail = api.entity(store, name_or_id)
    entries = timeline(store, actor=str(detail.entity.id), limit=ENTITY_TIMELINE + 1)
    _, weeks = bucket_days(detail.quotes_by_day, "week")
    return EntityView(detail, role_spans(detail.roles), weeks, entries[:ENTITY_TIMELINE],
                      len(entries) > ENTITY_TIMELINE)


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
