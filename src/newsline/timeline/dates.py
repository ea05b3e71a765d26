"""Placing TimeML date values on a timeline: the day an event date sorts at."""

from __future__ import annotations

import calendar
import re
from datetime import date

UNDATED_DAY = "9999-12-31"  # nothing dates the event, not even a publication date: it sorts last
# Date sources that only say when the event was reported (the article's, or its wire dateline's, day): such
# events are shown as "reported on" and sort last within their day.
REPORTED_ON = frozenset({"publication", "dateline"})
_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_VALUE = re.compile(r"^(?P<year>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<part>\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI)"
                    r"(?:-(?P<day>\d{2}))?)?")


_PART_MINUTES = {"MO": 9 * 60, "MI": 12 * 60, "AF": 15 * 60, "EV": 19 * 60, "NI": 22 * 60}
REPORTED_RANK = 24 * 60 + 2  # after every time of day


def day_rank(value: str | None, source: str) -> int:
    """The order of an event within its day: text-dated ones without a time of day first (0), then those with
    one in its order (1 + minutes after midnight; a part of the day at its usual hour: morning 09:00, evening
    19:00), "reported on" last."""
    if source in REPORTED_ON:
        return REPORTED_RANK
    time = (value or "").partition("T")[2].rstrip("Z")
    if time in _PART_MINUTES:
        return 1 + _PART_MINUTES[time]
    if len(time) >= 5 and time[:2].isdigit() and time[3:5].isdigit():
        return 1 + min(int(time[:2]), 24) * 60 + int(time[3:5])
    return 0


def sort_day(value: str | None, mod: str | None = None) -> str | None:
    """The day a date value sorts at: its first day, its last day with mod END, its middle with MID.

    ``2023-02-10`` -> 2023-02-10; ``2023-01`` + END -> 2023-01-31; ``2023-W06`` -> 2023-02-06; ``199X`` ->
    1990-01-01. None when the value is not a calendar date, or names a day the calendar does not have (year 0,
    2023-02-30, week 54): such an event is kept, undated, rather than failing the article.
    """
    match = _VALUE.match(value or "")
    if not match:
        return None
    try:
        return _sort_day(match, mod)
    except (ValueError, OverflowError):
        return None


def _sort_day(match: re.Match[str], mod: str | None) -> str:
    year = int(match["year"].replace("X", "0"))
    part, day = match["part"], match["day"]
    if day:
        first = last = date(year, int(part), int(day))
    elif part is None:
        span = 10 if "X" in match["year"] else 1
        first, last = date(year, 1, 1), date(year + span - 1, 12, 31)
    elif part.startswith("W"):
        first = date.fromisocalendar(year, int(part[1:]), 1)
        last = date.fromisocalendar(year, int(part[1:]), 7)
    elif part.startswith("Q") or part.startswith("H") or part in _SEASONS:
        months = 6 if part.startswith("H") else 3
        start = (_SEASONS[part] if part in _SEASONS else (int(part[1:]) - 1) * months + 1)
        end_month = start + months - 1
        end_year = year + (end_month - 1) // 12
        end_month = (end_month - 1) % 12 + 1
        first = date(year, start, 1)
        last = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    else:
        month = int(part)
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if mod == "END":
        return last.isoformat()
    if mod == "MID":
        return date.fromordinal((first.toordinal() + last.toordinal()) // 2).isoformat()
    return first.isoformat()
