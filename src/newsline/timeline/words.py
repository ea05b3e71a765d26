"""TIMEX3 values in words, as a reader says them: ``2023-11-24T07:00`` + GMT is "24 November 2023, 07:00 GMT",
``2023-W04`` "the week of 23 January 2023", ``195X`` "the 1950s", ``PRESENT_REF`` "now". The CLI and the web app
show these words, with the value itself kept in the JSON and on hover."""

from __future__ import annotations

import calendar
import re
from datetime import date

from newsline.model import Timex

_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "MI": "midday", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_MODS = {"START": "the start of", "MID": "mid", "END": "the end of", "APPROX": "about", "BEFORE": "before", "AFTER": "after",
         "LESS_THAN": "less than", "MORE_THAN": "more than", "EQUAL_OR_LESS": "at most",
         "EQUAL_OR_MORE": "at least", "ON_OR_BEFORE": "on or before", "ON_OR_AFTER": "on or after"}
_ORDINALS = ("first", "second", "third", "fourth")
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second", "Q": "quarter",
          "E": "decade", "C": "century", "L": "millennium"}
_DATE = re.compile(r"^(?P<y>\d{4}|X{4})(?:-(?P<p>\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI|XX)(?:-(?P<d>\d{2}|WE|XX|\d))?)?"
                   r"(?:T(?P<t>\d\d(?::\d\d){0,2}|MO|AF|EV|NI|MI|DT)(?P<z>Z)?)?$")
_WEEKDAY = re.compile(r"^XXXX-WXX-(?P<d>\d)(?:T(?P<t>MO|AF|EV|NI))?$")
_DURATION = re.compile(r"^P(?:T)?(?P<n>\d+(?:\.\d+)?|X)(?P<u>[YMWDHSQECL])$")


def date_in_words(value: str | None, mod: str | None = None, tz: str | None = None) -> str:
    """``value`` (a TIMEX3 value) in words; the value itself when it has a form not covered here, "undated" for
    None. ``mod`` ("END", "APPROX"...) and ``tz`` (the stated zone of a clock time) are said too."""
    if not value:
        return "undated"
    words = _words(value, tz)
    if words is None:
        return value
    return f"{_MODS[mod]} {words}" if mod in _MODS else words


def anchor_in_words(anchor: str | None, timexes: list[Timex]) -> str:
    """What a timex was resolved against: "the publication date", or the earlier expression it takes up."""
    if anchor is None:
        return "nothing (absolute)"
    if anchor == "dct":
        return "the publication date"
    found = next((t for t in timexes if t.id == anchor), None)
    return f"“{found.span.text}” ({anchor})" if found is not None else anchor


def _words(value: str, tz: str | None) -> str | None:
    if value in _REFS:
        return _REFS[value]
    if m := re.fullmatch(r"(\d{3})X", value):
        return f"the {m[1]}0s"
    if m := re.fullmatch(r"(\d{2})(?:XX)?", value):
        return f"the {_ordinal(int(m[1]) + 1)} century"
    if m := _WEEKDAY.match(value):
        day = calendar.day_name[int(m["d"]) - 1]
        return f"any {day}" + (f" {_PARTS[m['t']]}" if m["t"] else "")
    if m := _DURATION.match(value):
        unit = _UNITS[m["u"]] if not (value.startswith("PT") and m["u"] == "M") else "minute"
        return f"some {unit}s" if m["n"] == "X" else f"{m['n']} {unit}" + ("" if m["n"] == "1" else "s")
    m = _DATE.match(value)
    if m is None:
        return None
    return _date_words(m, tz)


def _date_words(m: re.Match[str], tz: str | None) -> str | None:
    year, part, day, time = m["y"], m["p"], m["d"], m["t"]
    if year == "XXXX":
        return None
    if part is None:
        text = year
    elif part.startswith("W"):
        week = int(part[1:])
        text = (f"the weekend of {_day(date.fromisocalendar(int(year), week, 6))}" if day == "WE"
                else f"the week of {_day(date.fromisocalendar(int(year), week, 1))}")
    elif part.startswith("Q"):
        text = f"the {_ORDINALS[int(part[1]) - 1]} quarter of {year}"
    elif part.startswith("H"):
        text = f"the {_ORDINALS[int(part[1]) - 1]} half of {year}"
    elif part in _SEASONS:
        text = f"{_SEASONS[part]} {year}"
    elif part == "XX":
        text = f"a day in {year}"
    elif day in (None, "XX"):
        text = (f"a day in {calendar.month_name[int(part)]} {year}" if day == "XX"
                else f"{calendar.month_name[int(part)]} {year}")
    else:
        text = _day(date(int(year), int(part), int(day)))
    if time is None:
        return text
    if time in _PARTS:
        return f"{text}, {_PARTS[time]}"
    zone = "UTC" if m["z"] else tz
    return f"{text}, {time[:5]}" + (f" {zone}" if zone and zone != "local" else " local time" if zone else "")


def _day(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
