"""Word lists the timex rules are built from: months, weekdays, seasons, parts of day, units, number words."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Parts of the day as TIMEX3 time codes.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "midday": "MI",
    "mid-afternoon": "AF", "mid afternoon": "AF", "mid-morning": "MO",
}
# Calendar units: TIMEX3 duration letter, whether it is a time unit (after "T"), and its multiplier.
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1), "weekend": ("D", False, 2),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
}
PLURAL_UNITS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "nights": "night",
    "weeks": "week", "weekends": "weekend", "months": "month", "quarters": "quarter", "years": "year",
    "decades": "decade", "centuries": "century",
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4,
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "single": 1,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

_alt = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # noqa: E731

NUMBER_WORD = (
    rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(k for k in _SMALL if 0 < _SMALL[k] < 10 and len(k) > 2)}))?"
    rf"|(?:{_alt(k for k in _SMALL if k not in ('a', 'an', 'zero', 'single'))})\s+(?:hundred|thousand)"
    rf"|{_alt(k for k in _SMALL if k not in ('a', 'an'))}|a\s+hundred|a\s+thousand|a\s+half|a\s+dozen)"
)
NUMBER = rf"(?:(?!1[5-9]\d\d\b|20\d\d\b)\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{NUMBER_WORD})"


def number_value(text: str) -> float | None:
    """``"twenty-five"`` -> 25, ``"3"`` -> 3, ``"a"`` -> 1, ``"1 1/2"`` -> 1.5; None for vague quantities."""
    t = text.lower().strip().replace(",", "")
    t = re.sub(r"\s+", " ", t)
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    m = re.fullmatch(r"(\d+) (\d)/(\d)", t)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if t in _SMALL:
        return float(_SMALL[t])
    words = t.split()
    if len(words) == 2 and words[1] in ("hundred", "thousand") and words[0] in _SMALL:
        return float(_SMALL[words[0]] * (100 if words[1] == "hundred" else 1000))
    if t == "a dozen":
        return 12.0
    if t == "a half":
        return 0.5
    if t in ("a couple of", "couple of", "a couple"):
        return 2.0
    parts = re.split(r"[- ]", t)
    if parts[0] in _TENS:
        return float(_TENS[parts[0]] + (_SMALL.get(parts[1], 0) if len(parts) > 1 else 0))
    return None

# Time zone abbreviations written after a clock time ("0915 GMT", "8:40 p.m. ET"); kept as written.
ZONE_ABBREVIATIONS: tuple[str, ...] = (
    "UTC", "GMT", "BST", "IST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "MSK", "AST", "ADT", "EST", "EDT",
    "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT",
    "JST", "KST", "HKT", "SGT", "PKT", "SAST", "WAT", "CAT", "EAT", "GST", "ICT", "WIB", "PHT", "ET", "CT", "PT",
)
# Zones written in words, by their usual abbreviation.
ZONE_NAMES: dict[str, str] = {
    "british summer time": "BST", "greenwich mean time": "GMT", "coordinated universal time": "UTC",
    "universal time": "UTC", "eastern time": "ET", "eastern standard time": "EST", "eastern daylight time": "EDT",
    "central time": "CT", "central standard time": "CST", "central daylight time": "CDT", "pacific time": "PT",
    "pacific standard time": "PST", "pacific daylight time": "PDT", "mountain time": "MT",
    "central european time": "CET", "central european summer time": "CEST", "eastern european time": "EET",
    "moscow time": "MSK", "local time": "local",
}
