"""``tag_timexes``: find the temporal expressions of a parsed document and normalise them in reading order."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.timex.anchoring import Context
from newsline.analysis.timex.mods import modifier_prefix
from newsline.analysis.timex.normalize import (
    OUT_OF_CALENDAR, Norm, duration_value, out_of_calendar, unit_of, unresolved,
)
from newsline.analysis.timex.rules import PRIORITY, RULES, Rule
from newsline.model import Span, Timex

_NOT_TEMPORAL_CURRENT = {"account", "asset", "liability", "affair", "event", "flow", "yield", "electric", "form", "issue"}
_RATE_WORDS = {"times", "once", "twice", "thrice"}
_FRACTION = re.compile(r"(?:a|one|three)[\s-]+quarters?", re.I)
_FRACTION_OF = re.compile(r"\s*,?\s+of\b(?!\s+(?:a|an|the)\s+(?:century|hour|year)\b)", re.I)
_BOUNDED = {"duration", "offset", "clock_time", "month_day", "day_month"}  # may take "about", "more than"...


def tag_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """The TIMEX3 expressions in ``doc``, ids ``t1``, ``t2``... in text order.

    ``published`` (an ISO 8601 date or datetime, or None) anchors deictic expressions; without it they are
    returned with ``resolved=False`` and a ``reason``. Raises ValueError for a malformed ``published``."""
    text = text_of(doc)
    ctx = Context(doc, text, publication_date(published))
    timexes: list[Timex] = []
    last_end = 0
    for start, end, rule, match in _select(doc, text):
        try:
            norm = rule.normalise(match.groupdict(), ctx, start, end)
        except (OverflowError, ValueError) as exc:
            if not out_of_calendar(exc):
                raise
            norm = unresolved("DATE", None, None, OUT_OF_CALENDAR)
        if norm is None:
            continue
        norm = _rate(doc, match, rule, norm)
        calendar = norm.period is not None and norm.type in ("DATE", "TIME")
        new_start, mod = modifier_prefix(text, start, norm.type, calendar, bounded=rule.name in _BOUNDED)
        if new_start >= last_end:
            start = new_start
            norm.mod = mod or norm.mod
        tid = f"t{len(timexes) + 1}"
        timexes.append(Timex(
            id=tid, span=Span.of(text, start, end), type=norm.type, value=norm.value, mod=norm.mod,  # type: ignore[arg-type]
            granularity=norm.granularity, anchor=norm.anchor, resolved=norm.resolved, reason=norm.reason,
        ))
        if calendar and norm.resolved and norm.antecedent and norm.period is not None:
            ctx.narrative.append((norm.period, tid))
        last_end = end
    return timexes


def publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        raise ValueError(f"invalid publication date {published!r}: expected ISO 8601 (YYYY-MM-DD[THH:MM...])") from None


def _select(doc: Doc, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Every rule's matches that pass the parse-based checks; the longest wins where they overlap."""
    found = []
    lowered = text.lower()
    for rule in RULES:
        for m in rule.finditer(text, lowered):
            start, end = m.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start and _plausible(doc, text, rule.name, m):
                found.append((start, end, rule, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), PRIORITY[c[2].name], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in found:
        if all(c[1] <= s or c[0] >= e for s, e in taken):
            taken.append((c[0], c[1]))
            chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _token(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _plausible(doc: Doc, text: str, rule: str, m: re.Match[str]) -> bool:
    """Parse-based checks for ambiguous words: a number that is not a year, "May" the modal verb, "current"
    the noun, "second" the ordinal."""
    if rule == "year":
        tok = _token(doc, m.start("y"))
        if tok is None:
            return True
        if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or (tok.i > 0 and doc[tok.i - 1].text in ("$", "No.", "#", "No")):
            return False
        if m.group(0) == m.group("y") and tok.dep_ == "nummod" and tok.head.tag_ == "NNS":
            return False  # "2000 people"
        return True
    if rule == "month" and not m.group("rel"):
        tok = _token(doc, m.start("m"))
        if tok is None:
            return True
        if tok.ent_type_ in ("PERSON", "ORG"):
            return False
        if m.group("m") in ("May", "March"):
            return tok.tag_ == "NNP" and tok.i > 0 and doc[tok.i - 1].lower_ in ("in", "since", "until", "by", "of", "from", "through", "early", "late", "mid", "-", "before", "after", "during", "last", "next", "this", "end", "and", "or", "to")
        return True
    if rule == "reference" and m.group("w").lower() in ("current", "recent", "future"):
        tok = _token(doc, m.start("w"))
        return tok is not None and tok.dep_ == "amod" and tok.head.lemma_.lower() not in _NOT_TEMPORAL_CURRENT
    if rule in ("duration", "offset", "the_n_units"):
        unit = unit_of(m.group("unit"))
        tok = _token(doc, m.start("unit"))
        if unit == "second" and tok is not None and tok.pos_ not in ("NOUN", "PROPN"):
            return False
        if rule != "offset" and m.group("q") and m.group("q").lower() == "the":
            return False
        if re.match(r"[\s-]+old\b", text[m.end():m.end() + 6]) or m.group(0).lower().endswith("old"):
            return False  # an age: "a 9-year-old"
        if _FRACTION.fullmatch(m.group(0)) and (_FRACTION_OF.match(text, m.end()) or "-" in m.group(0)):
            return False  # a fraction: "a quarter of its dealers", "three-quarters of its food"
    return True


def _rate(doc: Doc, m: re.Match[str], rule: Rule, norm: Norm) -> Norm:
    """"$5 a year", "twice a week": "a <unit>" after an amount or a count is a frequency (SET), not a duration."""
    if rule.name != "duration" or (m.group("q") or "").lower() not in ("a", "an"):
        return norm
    tok = _token(doc, m.start())
    if tok is None or tok.i == 0 or m.group(0).lower().split()[0] not in ("a", "an"):
        return norm
    prev = doc[tok.i - 1]
    if prev.like_num or prev.lower_ in _RATE_WORDS or prev.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return Norm("SET", duration_value(1.0, unit_of(m.group("unit"))), "set")
    return norm
