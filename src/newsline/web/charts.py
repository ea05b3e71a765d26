"""Chart geometry for the server-rendered SVG charts (``templates/_charts.html`` draws them).

The charts are computed here and drawn by a Jinja macro, so they work offline, need no JavaScript, and every
label is escaped like any other template value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAILY_BARS = 120  # beyond this many days, bars are weeks; beyond MAX_DAILY_BARS weeks, months


@dataclass(slots=True)
class Bar:
    label: str  # full label (tooltip / table)
    value: int
    x: float
    y: float
    width: float
    height: float


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


def time_bars(title: str, counts: Sequence[tuple[str, int]], unit: str, width: int = 900, height: int = 220,
              max_ticks: int = 8) -> BarChart:
    """Vertical bars on a time axis, with at most ``max_ticks`` date labels."""
    left, right, top, bottom = 44, 12, 12, height - 28
    peak = max((c for _, c in counts), default=0)
    slot = (width - left - right) / max(len(counts), 1)
    bars = []
    for i, (label, count) in enumerate(counts):
        h = 0.0 if peak == 0 else (bottom - top) * count / peak
        bar = min(max(slot * 0.8, 1.0), 48.0)
        bars.append(Bar(label, count, left + i * slot + (slot - bar) / 2, bottom - h, bar, h))
    every = max(1, -(-len(counts) // max_ticks))
    ticks = [Tick(label, left + i * slot + slot / 2) for i, (label, _) in enumerate(counts) if i % every == 0]
    return BarChart(title, unit, width, height, bars, ticks, peak, top, bottom)


def ranked_bars(title: str, counts: Sequence[tuple[str, int]], width: int = 900, row: int = 22,
                label_width: int = 220) -> BarChart:
    """Horizontal bars, one row per label, in the order given."""
    height = row * len(counts) + 8
    peak = max((c for _, c in counts), default=0)
    room = width - label_width - 60
    bars = [Bar(label, count, label_width, 4 + i * row + 3, 0 if peak == 0 else max(room * count / peak, 1.0), row - 6)
            for i, (label, count) in enumerate(counts)]
    return BarChart(title, "outlet", width, height, bars, [], peak, 4, height - 4)
