"""Chart geometry for the server-rendered SVG charts (``templates/_charts.html`` draws them).

The charts are computed here and drawn by a Jinja macro, so they work offline, need no JavaScript, and every
label is escaped like any other template value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from newsline.publication import publication_day
from newsline.stories.query import StoryArticle
from newsline.stories.timeline import instant

MAX_DAILY_BARS = 120  # beyond this many days, bars are weeks; beyond MAX_DAILY_BARS weeks, months


@dataclass(slots=True)
class Bar:
    label: str  # full label (tooltip / table)
    value: int
    x: float
    y: float
    width: float
    height: float
    href: str | None = None  # the listing of what the bar counts


Link = Callable[[str], str | None]  # a bar's label -> the URL of the listing it counts, or None


@dataclass(slots=True)
class Tick:
    label: str
    x: float


@dataclass(slots=True)
class BarChart:
    title: str
    unit: str
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    max_value: int
    plot_top: int
    plot_bottom: int


def bucket_days(by_day: Sequence[tuple[str, int]], unit: str | None = None) -> tuple[str, list[tuple[str, int]]]:
    """Counts per ``unit`` (day, week or month); by default per day, or per ISO week or month when the dates
    span too many days for one bar each.

    Returns ``(unit, [(label, count), ...])`` covering every bucket from the first date to the last, so gaps
    in coverage show as empty bars; a week is labelled by its Monday. Keys that are not ISO dates are ignored.
    """
    if unit not in (None, "day", "week", "month"):
        raise ValueError(f"unit must be day, week or month (got {unit!r})")
    days: dict[date, int] = {}
    for key, count in by_day:
        try:
            day = date.fromisoformat(key[:10])
        except (TypeError, ValueError):
            continue
        days[day] = days.get(day, 0) + count
    if not days:
        return unit or "day", []
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if unit is None:
        unit = "day" if span <= MAX_DAILY_BARS else "week" if span <= MAX_DAILY_BARS * 7 else "month"
    if unit == "day":
        start, step = first, lambda d: d + timedelta(days=1)
        key = lambda d: d  # noqa: E731
    elif unit == "week":
        start, step = first - timedelta(days=first.weekday()), lambda d: d + timedelta(days=7)
        key = lambda d: d - timedelta(days=d.weekday())  # noqa: E731
    else:
        start = first.replace(day=1)
        step = lambda d: (d.replace(day=28) + timedelta(days=4)).replace(day=1)  # noqa: E731
        key = lambda d: d.replace(day=1)  # noqa: E731
    totals: dict[date, int] = {}
    for day, count in days.items():
        totals[key(day)] = totals.get(key(day), 0) + count
    buckets, cursor = [], start
    while cursor <= last:
        label = cursor.isoformat()[:7] if unit == "month" else cursor.isoformat()
        buckets.append((label, totals.get(cursor, 0)))
        cursor = step(cursor)
    return unit, buckets


def bucket_range(label: str, unit: str) -> tuple[str, str]:
    """The first and last day (ISO) of a ``bucket_days`` bucket: a day, the week from its Monday, or a month."""
    if unit == "month":
        first = date.fromisoformat(label + "-01")
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    else:
        first = date.fromisoformat(label)
        last = first + timedelta(days=6 if unit == "week" else 0)
    return first.isoformat(), last.isoformat()


def time_bars(title: str, counts: Sequence[tuple[str, int]], unit: str, width: int = 900, height: int = 220,
              max_ticks: int = 8, link: Link | None = None) -> BarChart:
    """Vertical bars on a time axis, with at most ``max_ticks`` date labels; ``link(label)`` is a bar's URL."""
    left, right, top, bottom = 44, 12, 12, height - 28
    peak = max((c for _, c in counts), default=0)
    slot = (width - left - right) / max(len(counts), 1)
    bars = []
    for i, (label, count) in enumerate(counts):
        h = 0.0 if peak == 0 else (bottom - top) * count / peak
        bar = min(max(slot * 0.8, 1.0), 48.0)
        bars.append(Bar(label, count, left + i * slot + (slot - bar) / 2, bottom - h, bar, h,
                        link(label) if link and count else None))
    every = max(1, -(-len(counts) // max_ticks))
    ticks = [Tick(label, left + i * slot + slot / 2) for i, (label, _) in enumerate(counts) if i % every == 0]
    return BarChart(title, unit, width, height, bars, ticks, peak, top, bottom)


def ranked_bars(title: str, counts: Sequence[tuple[str, int]], width: int = 900, row: int = 22,
                label_width: int = 220, link: Link | None = None) -> BarChart:
    """Horizontal bars, one row per label, in the order given; ``link(label)`` is a bar's URL."""
    height = row * len(counts) + 8
    peak = max((c for _, c in counts), default=0)
    room = width - label_width - 60
    bars = [Bar(label, count, label_width, 4 + i * row + 3, 0 if peak == 0 else max(room * count / peak, 1.0), row - 6,
                link(label) if link else None) for i, (label, count) in enumerate(counts)]
    return BarChart(title, "outlet", width, height, bars, [], peak, 4, height - 4)


@dataclass(slots=True)
class Dot:
    """One article on a story's time axis."""

    article_id: str
    label: str  # tooltip: outlet, time, relation
    relation: str
    uncredited: bool
    x: float
    y: float
    day_width: float = 0.0  # a day-only date: the width of its day on the axis (the dot sits at midday)


@dataclass(slots=True)
class Edge:
    """From an article's source to the article."""

    x1: float
    y1: float
    x2: float
    y2: float
    relation: str


@dataclass(slots=True)
class SpreadChart:
    title: str
    width: int
    height: int
    rows: list[Tick]  # outlet labels; ``x`` holds the row's y
    dots: list[Dot]
    edges: list[Edge]
    ticks: list[Tick]
    plot_left: int
    plot_right: int
    plot_bottom: int
    undated_x: float | None  # the column of undated articles, when there are any


def spread_chart(title: str, articles: Sequence[StoryArticle], width: int = 900, row: int = 30,
                 label_width: int = 230, max_ticks: int = 6) -> SpreadChart:
    """A story's outlets (one row each, in order of first article) on a time axis: each article a dot at its
    publication time (a day-only date at midday UTC, over a bar spanning its day), undated ones in a column of
    their own at the right, and a line from each later article to the source it was compared with."""
    outlets = list(dict.fromkeys(a.outlet or "(unknown)" for a in articles))
    top, bottom = 10, 10 + row * max(len(outlets), 1)
    height = bottom + 30
    moments = {a.id: _moment(a.published) for a in articles}
    # an article covers its instant, or the whole day when its date has no time
    covered = [(m, m if _has_time(a.published) else m + timedelta(days=1))
               for a in articles if (m := moments[a.id]) is not None]
    undated = len(covered) < len(articles)
    left, right = label_width, width - (90 if undated else 20)
    first = min((start for start, _ in covered), default=None)
    last = max((end for _, end in covered), default=None)
    span = max((last - first).total_seconds(), 3600.0) if first is not None and last is not None else 1.0

    def x_of(moment: datetime | None) -> float:
        if moment is None or first is None:
            return width - 45.0
        return left + (right - left) * (moment - first).total_seconds() / span

    ys = {o: top + row * i + row / 2 for i, o in enumerate(outlets)}
    day = (right - left) * 86400 / span
    dots = []
    for a in articles:
        moment, whole_day = moments[a.id], moments[a.id] is not None and not _has_time(a.published)
        x = x_of(moment + timedelta(hours=12)) if whole_day and moment is not None else x_of(moment)
        dots.append(Dot(a.id, f"{a.outlet or '(unknown)'} · {a.published or 'undated'} · {a.relation}", a.relation,
                        a.uncredited, x, ys[a.outlet or "(unknown)"], day if whole_day else 0.0))
    where = {d.article_id: d for d in dots}
    edges = [Edge(where[a.source_id].x, where[a.source_id].y, where[a.id].x, where[a.id].y, a.relation)
             for a in articles if a.source_id in where]
    ticks: list[Tick] = []
    if first is not None and last is not None:
        if span < 3 * 86400 and any(_has_time(a.published) for a in articles):  # times, evenly spaced
            for i in range(max_ticks):
                moment = first + timedelta(seconds=span * i / max(max_ticks - 1, 1))
                ticks.append(Tick(moment.strftime("%m-%d %H:%M"), x_of(moment)))
        else:  # days, at their midnight (UTC)
            step = timedelta(days=max(1, -(-int(span // 86400) // max(max_ticks - 1, 1))))
            moment = first.replace(hour=0, minute=0, second=0, microsecond=0)
            while moment <= last:
                if moment >= first:
                    ticks.append(Tick(moment.strftime("%Y-%m-%d"), x_of(moment)))
                moment += step
    rows = [Tick(o, ys[o]) for o in outlets]
    return SpreadChart(title, width, height, rows, dots, edges, ticks, left, right, bottom,
                       width - 45.0 if undated else None)


def _has_time(published: str | None) -> bool:
    return instant(published) is not None


def _moment(published: str | None) -> datetime | None:
    """The publication time, midnight UTC of the written day for a day-only date, None when undated (or
    unreadable)."""
    try:
        day = publication_day(published)
    except ValueError:
        return None
    return instant(published) or (datetime.combine(day, time(), timezone.utc) if day else None)
