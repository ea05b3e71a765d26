"""Timelines: events in event-date order, one entry per event with every article that reports it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsline import arguments
from newsline.errors import Ambiguous, InvalidArgument, NotFound
from newsline.model import EVENT_CATEGORIES
from newsline.store.base import CorpusEntity, EventFilter, EventReport, Store
from newsline.timeline.dates import REPORTED_ON
from newsline.timeline.words import date_in_words

MAX_REPORTS = 100_000


class UnknownEntity(NotFound):
    """No corpus entity has the requested name or id."""


class UnknownStory(NotFound):
    """No story has the requested id, and no article in a story has it."""


@dataclass(slots=True)
class Report:
    article_id: str
    event_id: str  # the event's id within the article (v3)
    outlet: str | None
    published: str | None
    url: str | None
    evidence: str
    date_source: str


@dataclass(slots=True)
class TimelineEntry:
    day: str  # the day the event sorts at (YYYY-MM-DD)
    date: str | None  # TimeML value as the text gives it (2023-01 with mod END), or the publication day
    granularity: str | None
    mod: str | None
    date_source: str  # timex | narrative | publication ("reported on")
    actor: str | None
    actor_id: int | None
    category: str
    predicate: str
    target: str | None
    target_id: int | None
    evidence: str
    negated: bool
    hypothetical: bool
    status: str = "occurred"  # occurred | planned | cancelled | hypothetical
    tz: str | None = None  # the stated zone of a clock time ("GMT"); None = the article's own
    reports: list[Report] = field(default_factory=list)

    @property
    def reported_on(self) -> bool:
        """Only the publication date (or a wire item's dateline) places this event: shown as "reported on", last
        within its day."""
        return self.date_source in REPORTED_ON

    @property
    def when(self) -> str:
        """The date in words ("24 November 2023, 07:00 GMT", "the end of January 2023"); ``date`` keeps the value."""
        return date_in_words(self.date, self.mod, self.tz)

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON (``timeline --json`` and ``/api/timeline``)."""
        return dataclasses.asdict(self) | {"reported_on": self.reported_on, "when": self.when}


def resolve_entity(store: Store, name_or_id: str) -> CorpusEntity:
    """The one corpus entity with this id, name or alias; UnknownEntity or Ambiguous when none or several match."""
    found = store.find_entities(name_or_id)
    if not found and arguments.is_number(name_or_id):
        raise UnknownEntity(f"no entity with id {name_or_id.strip()}; `newsline entities` lists them")
    if not found:
        raise UnknownEntity(f"no entity named {name_or_id!r}; `newsline entities --search {name_or_id}` lists"
                            " similar ones")
    if len(found) > 1:
        choices = ", ".join(f"{e.id} ({e.name}, {e.type})" for e in found[:10])
        raise Ambiguous(f"{name_or_id!r} names several entities: {choices}; give the id instead")
    return found[0]


def resolve_story(store: Store, story_or_article_id: str, *, param: str = "story") -> str:
    """The id of the story with this id, or of the story of the article with this id (unique prefixes work).

    ``param`` names the argument in the InvalidArgument raised for something that cannot be an id."""
    found = store.find_story(arguments.id_prefix(param, story_or_article_id, "story or article"))
    if found is None:
        raise UnknownStory(f"no story with id {story_or_article_id!r} (nor an article in one); `newsline stories`"
                           " lists them")
    return found


def timeline(store: Store, *, actor: str | None = None, category: str | None = None,
             since: str | date | None = None, until: str | date | None = None, story: str | None = None,
             undated: bool = False, actorless: bool = False,
             limit: int = 1000, offset: int = 0) -> list[TimelineEntry]:
    """Events in event-date order (not publication order); reports of one event are merged into one entry.

    ``story``: only events reported by that story's articles (a story id, an article id in it, or a unique
    prefix of either, as ``newsline story``). ``since``/``until``: event days, ``YYYY-MM-DD`` or
    ``datetime.date``, both included. By default a timeline holds events with a named actor and a place in time;
    ``undated`` adds those nothing dates, ``actorless`` those whose actor is not named. ``offset`` skips that many
    entries (pages of a long timeline); at most ``MAX_REPORTS`` reports are read.
    """
    if category is not None and category.upper() not in EVENT_CATEGORIES:
        raise InvalidArgument("category", category, f"is not one of {', '.join(EVENT_CATEGORIES)}")
    since, until = arguments.day_range(since, until)
    arguments.page(limit, offset)
    actor_ids = [resolve_entity(store, actor).id] if actor else None
    where = EventFilter(actor_ids, category.upper() if category else None, since, until,
                        resolve_story(store, story) if story else None, undated, actorless)
    wanted = offset + limit
    fetch = min(MAX_REPORTS, 2 * wanted)
    while True:
        reports = store.event_reports(where, fetch)
        entries = merge_reports(reports)
        if len(reports) < fetch or fetch >= MAX_REPORTS:
            return entries[offset:wanted]
        # the last day fetched may miss reports (a cluster's reports share its day): keep complete days only
        complete = [e for e in entries if e.day != reports[-1].day]
        if len(complete) >= wanted:
            return complete[offset:wanted]
        fetch = min(MAX_REPORTS, 4 * fetch)


def merge_reports(reports: list[EventReport]) -> list[TimelineEntry]:
    """One entry per event cluster, in the order of its first report; text-dated reports lead the entry."""
    entries: dict[int, TimelineEntry] = {}
    for r in reports:
        entry = entries.get(r.cluster)
        if entry is None:
            entry = entries[r.cluster] = TimelineEntry(
                r.day, r.date_value, r.granularity, r.date_mod, r.date_source, r.actor, r.actor_id, r.category,
                r.predicate, r.target, r.target_id, r.evidence, r.negated, r.hypothetical, r.status, r.tz)
        entry.reports.append(Report(r.article_id, r.local_id, r.outlet, r.published, r.url, r.evidence,
                                    r.date_source))
    return list(entries.values())
