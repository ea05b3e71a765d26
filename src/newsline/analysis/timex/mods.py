"""Modifiers written before an expression: part of a period ("early 2022", "the end of January", "mid-March"
-> START/END/MID) and approximation or bounds ("around 7 p.m.", "more than a decade" -> APPROX, MORE_THAN...).

Part-of-period words and bounds join the expression's extent; "about" (and "some", "roughly", "approximately")
sets ``mod`` APPROX but stays outside the extent, as in the TempEval-3 annotation. The value stays the period."""

from __future__ import annotations

import re

_PART = {
    "early": "START", "beginning of": "START", "start of": "START", "dawn of": "START", "early part of": "START",
    "mid": "MID", "middle of": "MID", "late": "END", "end of": "END", "close of": "END", "latter part of": "END",
}
_INCLUDED = {
    "around": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "under": "LESS_THAN", "just under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}
_EXCLUDED = {"about": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX"}
# Bounds that only make sense on an amount ("over an hour", not "over the weekend").
_AMOUNT_ONLY = {"over", "just over", "under", "just under", "up to", "some"}
_alt = lambda words: "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))  # noqa: E731
_PREFIX = re.compile(
    rf"(?:\b(?P<approx>{_alt(set(_INCLUDED) | set(_EXCLUDED))})\s+)?"
    rf"(?:\b(?P<part>(?:the\s+)?(?:very\s+)?(?:{_alt(_PART)}))(?:\s*-\s*|\s+))?$",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"(?:a|an|one|\d|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|several|a\s+few)\b", re.I)
# Hand-set (no tuning recorded); `newsline bench timex` (TempEval-3 TBAQ train) measures it.
_LOOKBACK = 40


def modifier_prefix(text: str, start: int, kind: str, calendar: bool, bounded: bool) -> tuple[int, str | None]:
    """The new start of an expression beginning at ``start`` once its modifiers are included, and its ``mod``.

    ``kind`` is the TIMEX3 type; ``calendar``: it names a calendar period (which may take a part such as "early");
    ``bounded``: it is an amount or a point that may take an approximation ("about", "more than")."""
    m = _PREFIX.search(text, max(0, start - _LOOKBACK), start)
    if m is None or m.start() == m.end():
        return start, None
    mod = None
    new_start = start
    part = m.group("part")
    if part:
        if not calendar:
            return start, None
        key = " ".join(part.lower().split()).removeprefix("the ").removeprefix("very ")
        mod, new_start = _PART[key], m.start("part")
    approx = m.group("approx")
    if approx and bounded and not part:
        key = " ".join(approx.lower().split())
        if key in _AMOUNT_ONLY and not _AMOUNT.match(text, start):
            return new_start, mod
        if key in _EXCLUDED:
            return start, _EXCLUDED[key]
        mod = _INCLUDED[key] if kind == "DURATION" or key == "around" else "APPROX"
        new_start = m.start("approx")
    return new_start, mod
