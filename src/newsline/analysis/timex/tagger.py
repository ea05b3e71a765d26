"""``tag_timexes``: find the temporal expressions of a parsed document and normalise them in reading order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.timex.anchoring import Context
from newsline.analysis.timex.mods import modifier_prefix
from newsline.analysis.timex.normalize import (
    OUT_OF_CALENDAR, Norm, duration_value, out_of_calendar, unit_of, unresolved,
)
from newsline.analysis.timex.rules import PRIORITY, RULES, Rule, Trigger, Windows
from newsline.analysis.timex.speech import anchor_quoted_days
from newsline.analysis import zones as zoning  # a module import: zones reads the timex lexicon
from newsline.model import Span, Timex, Zone
from newsline.publication import publication_day

Candidate = tuple[int, int, Rule, re.Match[str]]
# Zones whose dates the story is told at; headlines, bylines, captions and related links are not.
_NARRATIVE_ZONES = frozenset({"body", "dateline"})
# A dateline up to this long before the publication date is a republished item's own date (the realnews set's
# republications are at most six weeks later; a dateline further back is more likely a date in the story).
_REPUBLISHED_DAYS = 60

_NOT_TEMPORAL_CURRENT = {"account", "asset", "liability", "affair", "event", "flow", "yield", "electric", "form", "issue"}
_RATE_WORDS = {"times", "once", "twice", "thrice"}
_FRACTION = re.compile(r"(?:a|one|three)[\s-]+quarters?", re.I)
_FRACTION_OF = re.compile(r"\s*,?\s+of\b(?!\s+(?:a|an|the)\s+(?:century|hour|year)\b)", re.I)
_BOUNDED = {"duration", "offset", "clock_time", "month_day", "day_month"}  # may take "about", "more than"...
# What may stand between a clock time and the day written after it: "7am on Friday", "5am (UK time) this morning".
_ATTACHED = re.compile(r"[\s,(]*(?:on\s+)?[\s(]*")
# A deadline or bound ("had until Friday", "by March") is not a date the story is told at.
_BOUND = re.compile(r"\b(?:until|till|by|no\s+later\s+than)\s+$", re.I)
# What may stand between a bare "12:30" and the date it belongs to: "18 May 2023 12:30", "12:33 | 03.08.2023".
_BESIDE = re.compile(r"[\s,|]{0,4}")


def tag_timexes(doc: Doc, published: str | None, zones: Sequence[Zone] = ()) -> list[Timex]:
    """The TIMEX3 expressions in ``doc``, ids ``t1``, ``t2``... in text order.

    ``published`` (an ISO 8601 date or datetime, or None) anchors deictic expressions; without it they are
    returned with ``resolved=False`` and a ``reason``. Raises ValueError for a malformed ``published``.

    ``zones`` (the article's, see ``newsline.analysis.zones``): a dateline's date anchors deictic expressions
    instead of the publication date (a wire item republished later keeps its own "Thursday"), and dates in
    headlines, bylines, captions and related links never become the narrative's date."""
    text = text_of(doc)
    ctx = Context(doc, text, publication_date(published))
    chosen = _select(doc, text)
    dateline = _dateline_day(chosen, ctx, zones)
    if dateline is not None:
        ctx.dct = dateline[0]
    timexes: list[Timex] = []
    ahead: dict[int, Norm | None] = {}  # expressions normalised early, for the clock time written before them
    last_end = 0
    for i, (start, end, rule, match) in enumerate(chosen):
        if i in ahead:
            norm = ahead.pop(i)
        else:
            if rule.name == "clock_time" and i + 1 < len(chosen) and _ATTACHED.fullmatch(text, end, chosen[i + 1][0]):
                ahead[i + 1] = day_of = _normalise(chosen[i + 1], ctx)
                if day_of is not None and day_of.period is not None and day_of.granularity in ("day", "time"):
                    ctx.attached = (day_of.period.start, f"t{len(timexes) + 2}")
            norm = _normalise((start, end, rule, match), ctx)
            ctx.attached = None
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
            granularity=norm.granularity, anchor=norm.anchor, resolved=norm.resolved, reason=norm.reason, tz=norm.tz,
        ))
        if calendar and norm.resolved and norm.period is not None:
            ctx.previous = (end, norm.period, tid)
            if norm.antecedent and not _BOUND.search(text, max(0, start - 16), start) \
                    and zoning.zone_kind(zones, start) in _NARRATIVE_ZONES:
                ctx.narrative.append((norm.period, tid))
        elif norm.type == "DURATION" and norm.period is not None:  # a year to date: what comparisons refer to
            ctx.narrative.append((norm.period, tid))
        last_end = end
    if dateline is not None:  # deictic values were resolved against the dateline: say so
        tid = next(t.id for t in timexes if t.span.start <= dateline[1] < t.span.end)
        for timex in timexes:
            if timex.anchor == "dct" and timex.id != tid:
                timex.anchor = tid
    anchor_quoted_days(doc, text, timexes)
    return timexes


def _normalise(candidate: Candidate, ctx: Context) -> Norm | None:
    """The candidate's value; unresolved when it falls outside the calendar ("the year 12345" shifted)."""
    start, end, rule, match = candidate
    try:
        return rule.normalise(match.groupdict(), ctx, start, end)
    except (OverflowError, ValueError) as exc:
        if not out_of_calendar(exc):
            raise
        return unresolved("DATE", None, None, OUT_OF_CALENDAR)


def _dateline_day(chosen: list[Candidate], ctx: Context, zones: Sequence[Zone]) -> tuple[date, int] | None:
    """The day a dateline states ("ST. VELMAR, June 17. /TASS/.", "[Source: Velmora Wire, Tarnow, 18May23]") and
    where it is written: the reference day of a wire item, when it is not after the publication day and at
    most ``_REPUBLISHED_DAYS`` before it."""
    for start, end, rule, match in chosen:
        if zoning.zone_kind(zones, start) != "dateline":
            continue
        norm = _normalise((start, end, rule, match), ctx)
        if norm is None or not norm.resolved or norm.period is None or norm.granularity != "day":
            continue
        day = norm.period.start
        if ctx.dct is None or timedelta(0) <= ctx.dct - day <= timedelta(days=_REPUBLISHED_DAYS):
            return day, start
    return None


def publication_date(published: str | None) -> date | None:
    """The day deictic expressions are anchored to: the publication day as written (``newsline.publication``)."""
    return publication_day(published)


def _select(doc: Doc, text: str) -> list[Candidate]:
    """Every rule's matches that pass the parse-based checks; the longest wins where they overlap."""
    found = []
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: keep the offsets of the text
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    windows: dict[tuple[Trigger, int], Windows] = {}  # the trigger windows, shared by the rules with one trigger
    for rule in RULES:
        for m in rule.finditer(text, lowered, windows):
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
    return [c for i, c in enumerate(chosen) if not _lone_clock(text, chosen, i)]


def _lone_clock(text: str, chosen: list[Candidate], i: int) -> bool:
    """A bare "12:30" with no zone and no date beside it: a score or a ratio as often as a time."""
    start, end, rule, m = chosen[i]
    if rule.name != "clock_time" or m.group("Hb") is None or m.group("tz") or m.group("tzp") or m.group("wd") \
            or m.group("m") or m.group("m2") or m.group("m3"):
        return False
    before = i > 0 and _BESIDE.fullmatch(text, chosen[i - 1][1], start) is not None
    after = i + 1 < len(chosen) and _BESIDE.fullmatch(text, end, chosen[i + 1][0]) is not None
    return not (before or after)


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
    if rule in ("deictic_day", "relative_period") and m.group(0)[:1].isupper() and _a_name(doc, text, m):
        return False
    if rule == "reference" and m.group("w").lower() in ("soon", "to date"):
        before, after = text[max(0, m.start() - 4):m.start()].lower(), text[m.end():m.end() + 7].lower()
        return not (before.endswith(("as ", "up ")) or after.startswith((" as", " after", " afterw")))
    if rule == "reference" and m.group("w").lower() == "previously":
        # it dates a clause ("Ankara has previously said"), not a participle describing a noun ("a previously
        # announced plan", "an award offered previously by the FBI")
        tok = _token(doc, m.start("w"))
        return tok is None or not (tok.head.tag_ == "VBN" and tok.head.dep_ in ("amod", "acl", "compound"))
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


def _a_name(doc: Doc, text: str, m: re.Match[str]) -> bool:
    """A capitalised "Today" or "This Week" in a name, not at the start of its sentence: an outlet or programme
    ("USA Today", ABC's "This Week", "the Velmora Times Today programme")."""
    tok = _token(doc, m.start())
    if tok is None or tok.is_sent_start:
        return False
    if tok.ent_type_ in ("ORG", "WORK_OF_ART"):
        return True
    last = _token(doc, m.end() - 1)
    if last is not None and last.dep_ == "compound" and last.head.pos_ in ("NOUN", "PROPN") and last.head.i > last.i:
        return True
    # a quoted title, every word capitalised ("This Week," or "This Week With ..."; a quotation would go on
    # in lower case: "This week, we agreed")
    words = m.group(0).split()
    after = text[m.end():m.end() + 6]
    return len(words) > 1 and all(w[0].isupper() for w in words) and text[max(0, m.start() - 1):m.start()] in ('"', "“") \
        and (after[:1] in ('"', "”") or after[:2] in (',"', ",”") or after[:1] == " " and after[1:2].isupper())


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
