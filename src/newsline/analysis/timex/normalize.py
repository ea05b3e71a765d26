"""The normaliser: one function per rule family turns a recognised expression into a TIMEX3 type and value,
resolving relative expressions through :class:`~newsline.analysis.timex.anchoring.Context`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsline.analysis.timex.anchoring import NO_DCT, YEAR_TO_DATE, Context
from newsline.analysis.timex.calendar import Period, add_months, day, period_of, season, shift
from newsline.analysis.timex.holidays import DAYS, PERIODS, day_key
from newsline.analysis.timex.lexicon import (
    DAY_PARTS, MONTHS, ORDINALS, PLURAL_UNITS, SEASONS, UNITS, WEEKDAYS, ZONE_NAMES, number_value,
)

Groups = dict[str, str | None]
# A yearless date this close after (before) the publication date is taken even when the verb's tense points to the
# past (future): "has set Nov. 10 as the deadline" written on Nov. 2 means the coming Nov. 10; "in March" written
# in February is the coming March whatever the tense. (60 days: the best setting on the TempEval-3 training data.)
SLACK_DAYS = 60


@dataclass(slots=True)
class Norm:
    """A normalised expression; ``period`` is set for calendar dates, which later anaphors may refer to."""

    type: str
    value: str | None
    granularity: str | None
    mod: str | None = None
    anchor: str | None = None
    resolved: bool = True
    reason: str | None = None
    period: Period | None = None
    antecedent: bool = True  # whether later anaphors may refer to it (not for dates computed from offsets)
    tz: str | None = None  # the zone a clock time is stated in


def point(p: Period, anchor: str | None = None, type_: str | None = None) -> Norm:
    kind = type_ or ("TIME" if p.granularity == "time" else "DATE")
    return Norm(kind, p.value, p.granularity, anchor=anchor, period=p)


def unresolved(type_: str, value: str | None, granularity: str | None, reason: str = NO_DCT) -> Norm:
    return Norm(type_, value, granularity, resolved=False, reason=reason)


OUT_OF_CALENDAR = "too far from its anchor: the date falls outside the years 1 to 9999 that newsline can represent"
_YEAR_OUT_OF_RANGE = re.compile(r"year -?\d+ is out of range")


def out_of_calendar(exc: Exception) -> bool:
    """Whether ``exc`` is Python's calendar running out ("8000 years ago", "yesterday" on 1 January of year 1):
    ``date`` arithmetic overflowing, or a year below 1 or above 9999."""
    return isinstance(exc, OverflowError) or bool(_YEAR_OUT_OF_RANGE.fullmatch(str(exc)))


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def year_number(text: str) -> int:
    """``"1998"``, ``"'98"`` (1998), ``"nineteen ninety-six"``, ``"two thousand and three"``."""
    if text[:1].isalpha():
        words = [w for w in text.lower().replace("-", " ").split() if w != "and"]
        if words[:2] == ["two", "thousand"]:
            return 2000 + int(number_value(" ".join(words[2:])) or 0) if len(words) > 2 else 2000
        return int(number_value(words[0]) or 0) * 100 + int(number_value("-".join(words[1:])) or 0)
    digits = text.lstrip("'")
    if len(digits) == 2:
        n = int(digits)
        return 1900 + n if n >= 30 else 2000 + n
    return int(digits)


def unit_of(word: str) -> str:
    w = word.lower()
    return PLURAL_UNITS.get(w, w)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _time_part(g: Groups) -> str | None:
    hour = g.get("H") or g.get("H24") or g.get("Hb")
    if hour is None:
        return None
    h, minute = int(hour), int(g.get("M") or g.get("M24") or g.get("Mb") or 0)
    ap = (g.get("ap") or "").lower().replace(".", "").replace(" ", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    if h > 24 or minute > 59:
        return None
    sec = g.get("S")
    return f"T{h:02d}:{minute:02d}" + (f":{int(sec):02d}" if sec else "")


def zone_of(g: Groups) -> str | None:
    """The stated zone, by its abbreviation ("GMT", "UTC+3", "BST" for "British Summer Time"), or the place of
    "Khartoum time" / "UK time"; "local" for "local time"."""
    written = g.get("tz") or g.get("tzp")
    if not written:
        return None
    words = " ".join(written.split())
    if words.lower() in ZONE_NAMES:
        return ZONE_NAMES[words.lower()]
    if words.lower().endswith(" time"):
        return words[: -len(" time")]
    return words.replace(" ", "")


# --- absolute and yearless calendar dates ------------------------------------------------------------------

def calendar_date(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"February 10", "Monday, February 13", "10 February 2023", "2023-02-10", "02/10/2023 08:02:00"."""
    m_text, d_text = g["m"], g["d"]
    m = int(m_text) if m_text.isdigit() else month_number(m_text)
    d = int(d_text)
    if m > 12 and d <= 12:  # 13/02/2023: day first
        m, d = d, m
    part = _time_part(g)
    if g.get("y"):
        y = year_number(g["y"])
        found = _safe_date(y, m, d)
        if found is None:
            return None
        norm = point(Period("time", found, part) if part else day(found))
        norm.tz = zone_of(g) if part else None
        if part and norm.tz == "UTC":
            norm.value += "Z"  # type: ignore[operator]
        return norm
    if _safe_date(2000, m, d) is None:
        return None
    if ctx.dct is None:
        return unresolved("DATE", f"XXXX-{m:02d}-{d:02d}", "day", "no year given and the publication date is unknown")
    if _ENDED.search(ctx.text, max(0, start - 12), start):  # "the quarter ended Oct. 31": reported, so over
        tense, slack = "past", 0
    else:
        tense, slack = ctx.tense(start, end), SLACK_DAYS
    found_p = ctx.pick(lambda y: (dd := _safe_date(y, m, d)) and day(dd), tense, slack=slack, start=start)
    if found_p is None:
        return None
    return point(Period("time", found_p.start, part) if part else found_p, anchor="dct")


_ENDED = re.compile(r"\bended\s+(?:on\s+)?$", re.I)


def day_first_date(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"03.08.2023", "23-01-2023 22:07 IST": day first, unless the first number cannot be a month's day."""
    first, second = int(g["d"]), int(g["m"])
    if second > 12 and first <= 12:
        first, second = second, first
    return calendar_date({**g, "d": str(first), "m": str(second)}, ctx, start, end)


def week_of(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the week of March 6": the ISO week containing that date."""
    found = calendar_date(g, ctx, start, end)
    if found is None or found.period is None:
        return found
    return point(period_of("week", found.period.start), anchor=found.anchor)


def month_year(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"January 2022", "March of 1999"."""
    return point(Period("month", date(year_number(g["y"]), month_number(g["m"]), 1)))


def month_alone(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"January", "last November", "next March", "January this year"."""
    m = month_number(g["m"])
    rel = (g.get("rel") or "").lower()
    if ctx.dct is None:
        return unresolved("DATE", f"XXXX-{m:02d}", "month", "no year given and the publication date is unknown")
    here = period_of("month", ctx.dct).start
    if rel in ("this year", "this"):
        return point(Period("month", date(ctx.dct.year, m, 1)), anchor="dct")
    if rel == "last year":
        return point(Period("month", date(ctx.dct.year - 1, m, 1)), anchor="dct")
    if rel == "next year":
        return point(Period("month", date(ctx.dct.year + 1, m, 1)), anchor="dct")
    if rel == "last":
        y = ctx.dct.year if date(ctx.dct.year, m, 1) < here else ctx.dct.year - 1
        return point(Period("month", date(y, m, 1)), anchor="dct")
    if rel == "next":
        y = ctx.dct.year if date(ctx.dct.year, m, 1) > here else ctx.dct.year + 1
        return point(Period("month", date(y, m, 1)), anchor="dct")
    p = ctx.pick(lambda y: Period("month", date(y, m, 1)), ctx.tense(start, end), slack=SLACK_DAYS, start=start)
    return point(p, anchor="dct") if p else None


def year(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"1998", "fiscal 1989", "the year 2000", "nineteen ninety-six"; "post-1959" is after it (mod AFTER)."""
    norm = point(Period("year", date(year_number(g["y"]), 1, 1)))
    if g.get("pre"):
        norm.mod = "AFTER" if g["pre"].lower().startswith("post") else "BEFORE"
    return norm


def decade(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the 1990s", "the '80s"; "the 1900s" is a century."""
    y = year_number(g["y"])
    if y % 100 == 0 and len(g["y"].lstrip("'")) == 4 and not g.get("d"):
        return point(Period("century", date(y, 1, 1)))
    return point(Period("decade", date(y, 1, 1)))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
                 "nineties": 9}


def decade_word(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the nineties": the latest such decade begun by the publication date (the 1900s' without one)."""
    tens = _DECADE_WORDS[g["w"].lower()] * 10
    if ctx.dct is None:
        return point(Period("decade", date(1900 + tens, 1, 1)))
    y = ctx.dct.year // 100 * 100 + tens
    return point(Period("decade", date(y if y <= ctx.dct.year else y - 100, 1, 1)), anchor="dct")


def century(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the 19th century" = 18 (the years 1800-1899); "this century", "last century" are deictic; "the past
    century" is a hundred years."""
    word = " ".join((g.get("ord") or "").lower().split())
    if word == "the past":
        return Norm("DURATION", "P100Y", "duration")  # the hundred years up to now, as "the past decade"
    if word in ("this", "last", "next", "the last", "the next", "the current"):
        if ctx.dct is None:
            return unresolved("DATE", None, "century")
        p = period_of("century", ctx.dct)
        p = shift(p, {"this": 0, "the current": 0, "next": 1, "the next": 1}.get(word, -1), "century")
        return point(p, anchor="dct")
    n = int(word[:-2]) if word[:-2].isdigit() else ORDINALS.get(word)
    if not n:
        return None
    return point(Period("century", date(max(1, (n - 1) * 100), 1, 1)))


def quarter(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the third quarter", "third-quarter", "the first half of 1990", "the last half of 1989", "next year's first
    quarter", "the first quarter of last year"; without a year: the latest one begun by the publication date,
    whatever the tense ("will report third-quarter results" is the quarter just ended; on TempEval-3 TBAQ the
    coming quarter for a future verb was wrong 8 times for 1 right)."""
    unit = (g.get("unit") or "quarter").lower()
    word = g["ord"].lower()
    n = 4 if word == "last" else ORDINALS[word]  # "the last half of 1989": the second
    n = min(n, 2 if unit == "half" else 4)
    gran = "half" if unit == "half" else "quarter"
    first_month = (n - 1) * (6 if gran == "half" else 3) + 1
    y_text = g.get("y") or g.get("y2") or g.get("yp")
    if y_text:
        return point(Period(gran, date(year_number(y_text), first_month, 1)))
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    if (ended := _last_day(ctx, end)) is not None:  # "the second quarter ended Oct. 31": of that day's year
        return point(Period(gran, date(ended[0].year, first_month, 1)), anchor=None if ended[1] else "dct")
    if ctx.dct is None:
        return unresolved("DATE", f"XXXX-{'H' if gran == 'half' else 'Q'}{n}", gran)
    if rel:
        y = ctx.dct.year + {"this": 0, "next": 1, "last": -1}[rel]
        return point(Period(gran, date(y, first_month, 1)), anchor="dct")
    p = ctx.pick(lambda y: Period(gran, date(y, first_month, 1)), "past")
    return point(p, anchor="dct") if p else None


def season_date(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"summer", "last fall", "this past spring", "the winter of 1994"."""
    code = SEASONS[g["s"].lower()]
    if g.get("y"):
        return point(season(year_number(g["y"]), code))
    if ctx.dct is None:
        return unresolved("DATE", f"XXXX-{code}", "season")
    rel = " ".join((g.get("rel") or "").lower().split())
    rel = {"this past": "last", "this coming": "next"}.get(rel, rel)
    current = period_of("season", ctx.dct)
    this = season(current.start.year if code != "WI" or current.part == "WI" else ctx.dct.year, code)
    if rel == "last":
        p = this if this.start < current.start else season(this.start.year - 1, code)
    elif rel == "next":
        p = this if this.start > current.start else season(this.start.year + 1, code)
    elif rel == "this":
        p = this
    else:
        p = ctx.pick(lambda y: season(y, code), ctx.tense(start, end), start=start)
    return point(p, anchor="dct") if p else None


# --- deictic: relative to the publication date ---------------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


def deictic_day(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"today", "yesterday", "tomorrow", "tonight", "the day after tomorrow"."""
    word = g["w"].lower()
    offset = -2 if "before yesterday" in word else 2 if "after tomorrow" in word else _DAY_OFFSETS[word]
    if ctx.dct is None:
        return unresolved("DATE", None, "day")
    d = ctx.dct + timedelta(days=offset)
    if word == "tonight":
        return point(Period("time", d, "TNI"), anchor="dct")
    return point(day(d), anchor="dct")


_REF_VALUES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "presently": "PRESENT_REF", "previously": "PAST_REF", "recently": "PAST_REF", "recent": "PAST_REF", "recent years": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "a while ago": "PAST_REF", "to date": "PRESENT_REF",
    "soon": "FUTURE_REF", "one day": "FUTURE_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "a later date": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}


def reference_word(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"now", "currently", "recently", "recent", "the past", "the future": the TimeML reference values; "in recent
    years" is the past too, "recent months" (weeks, days) a duration of some months (``PXM``), as are "the coming
    weeks" and "the weeks ahead", like "the next few weeks" (TempEval-3 train, TBAQ: 3 of its 5 so, the other 2 FUTURE_REF)."""
    key = " ".join(g["w"].lower().split())
    words = key.split()
    if len(words) > 1 and (words[0] == "recent" and key != "recent years" or "coming" in words or words[-1] == "ahead"):
        unit = words[-2] if words[-1] == "ahead" else words[-1]
        return Norm("DURATION", duration_value(None, unit_of(unit)), "duration")
    value = "FUTURE_REF" if key.startswith("future ") else _REF_VALUES[key]
    return Norm("DATE", value, "ref", anchor="dct" if ctx.dct else None)


_REL_SHIFT = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
              "coming": 1, "the coming": 1, "this past": -1, "this coming": 1, "the past": -1, "the last": -1}
_ANAPHORIC_REL = {"that": 0, "the same": 0, "that same": 0, "the previous": -1, "the following": 1, "the next": 1,
                  "the prior": -1, "the preceding": -1, "the": 0}


def relative_period(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"this week", "last month", "next year", "late last year" (deictic); "that month", "the same day",
    "the previous day", "the following week" (anaphoric: relative to the latest date in the narrative)."""
    rel = " ".join((g.get("rel") or "").lower().split())
    unit = g["unit"].lower()
    if unit == "decade" and rel in ("past", "the past", "last", "the last"):
        return Norm("DURATION", "P10Y", "duration")  # "the past decade": the ten years up to now
    gran = "day" if unit in ("day", "morning", "afternoon", "evening", "night") else unit
    part = DAY_PARTS.get(unit)
    if unit == "weekend":
        gran = "week"
    if rel in _ANAPHORIC_REL:
        ref = ctx.reference(gran)
        n = _ANAPHORIC_REL[rel]
        latest = ctx.narrative[-1] if ctx.narrative else None
        if rel in ("that", "that same", "the same") and gran == "day" and not part and latest is not None \
                and latest[0].granularity == "month":
            # "last October ... that same day": a day of that month, which the text does not name
            return Norm("DATE", f"{latest[0].value}-XX", "day", anchor=latest[1])
        if ref is None:
            if ctx.dct is None:
                return unresolved("DATE", None, gran, "no earlier date in the text and the publication date is unknown")
            base, anchor = period_of(gran, ctx.dct), "dct"
        else:
            base, anchor = period_of(gran, ref[0].start), ref[1]
        p = shift(base, n, gran)
        return _finish_period(p, unit, part, anchor)
    if ctx.dct is None:
        return unresolved("TIME" if part else "DATE", None, gran)
    if rel == "last" and unit == "night":
        return point(Period("time", ctx.dct - timedelta(days=1), "TNI"), anchor="dct")
    p = shift(period_of(gran, ctx.dct), _REL_SHIFT.get(rel, 0), gran)
    norm = _finish_period(p, unit, part, "dct")
    norm.mod = {"early": "START", "late": "END"}.get((g.get("pre") or "").lower())
    return norm


def _finish_period(p: Period, unit: str, part: str | None, anchor: str) -> Norm:
    if part:
        return point(Period("time", p.start, f"T{part}"), anchor=anchor)
    if unit == "weekend":
        return Norm("DATE", f"{p.value}-WE", "week", anchor=anchor, period=p)
    return point(p, anchor=anchor)


def weekend(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the weekend", "last weekend", "this weekend": TIMEX3 ``YYYY-Www-WE``. "The weekend" is the one just past
    early in the week (publication Monday to Wednesday), else the current week's."""
    if ctx.dct is None:
        return unresolved("DATE", "XXXX-WXX-WE", "week")
    rel = " ".join(g["rel"].lower().split())
    week = period_of("week", ctx.dct)
    if rel in ("last", "this past") or (rel == "the" and ctx.dct.isoweekday() <= 3 and ctx.tense(start, end) != "future"):
        week = shift(week, -1, "week")
    elif rel == "next":
        week = shift(week, 1, "week")
    return Norm("DATE", f"{week.value}-WE", "week", anchor="dct", period=week)


def weekday(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"Monday" (past or coming, by the tense of its clause), "last Friday", "next Tuesday", "this coming Sunday",
    "this past Saturday"; "Friday night" is that day's night (``...TNI``)."""
    wd = WEEKDAYS[g["wd"].lower()]
    part = DAY_PARTS.get((g.get("part") or "").lower())
    if ctx.dct is None:
        return unresolved("TIME" if part else "DATE", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), "day")
    rel = " ".join((g.get("rel") or "").lower().split())
    if rel.startswith("the "):  # "the previous Friday", "the following Monday": from the narrative's day
        ref = ctx.reference("day")
        base, anchor = (ref[0].start, ref[1]) if ref is not None else (ctx.dct, "dct")
        step = -1 if rel.endswith(("previous", "preceding")) else 1
        d = base + timedelta(days=step)
        while d.isoweekday() != wd:
            d += timedelta(days=step)
        return _derived(point(Period("time", d, f"T{part}") if part else day(d), anchor=anchor))
    delta = wd - ctx.dct.isoweekday()
    if rel in ("last", "this past"):
        d = ctx.dct + timedelta(days=delta - 7 if delta >= 0 else delta)
    elif rel in ("next", "this coming"):
        d = ctx.dct + timedelta(days=delta + 7 if delta <= 0 else delta)
    elif rel == "this":
        d = ctx.dct + timedelta(days=delta)
    else:
        tense = ctx.tense(start, end)
        ahead = ctx.dct + timedelta(days=delta if delta >= 0 else delta + 7)
        before = ctx.dct + timedelta(days=delta if delta <= 0 else delta - 7)
        if tense == "nearest":
            d = before if (ctx.dct - before) <= (ahead - ctx.dct) else ahead
        else:
            d = ahead if tense in ("future", "present") else before
    return point(Period("time", d, f"T{part}") if part else day(d), anchor="dct")


def day_part(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"this morning", "yesterday afternoon", "last night", "tomorrow evening", "overnight"."""
    rel = (g.get("rel") or "this").lower()
    part = DAY_PARTS[g["part"].lower()]
    if ctx.dct is None:
        return unresolved("TIME", None, "time")
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(rel, 0)  # "this", "today", "tonight": the day
    if rel == "last" and part != "NI":
        offset = -1
    return point(Period("time", ctx.dct + timedelta(days=offset), f"T{part}"), anchor="dct")


def mid_part(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"by mid-afternoon": that part of the day a clock time would be on (:func:`_clock_day`)."""
    base, anchor = _clock_day({}, ctx, start, end)
    part = f"T{DAY_PARTS[g['part'].lower()]}"
    if base is None:
        return unresolved("TIME", f"XXXX-XX-XX{part}", "time", "no date in the text and the publication date is unknown")
    return point(Period("time", base, part), anchor=anchor)


_AFTER_DAY = re.compile(r"[\s,|]*(?:at\s+)?")


def clock_time(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"8:02 a.m.", "3 p.m. EST Tuesday", "13:15 British Summer Time 3 August 2023", "noon", "0915 GMT": the clock
    time as stated, with its zone in ``tz``, on the day :func:`_clock_day` finds."""
    if g.get("nm"):
        part = "T24:00" if g["nm"].lower() == "midnight" else "T12:00"
    else:
        part = _time_part(g)
        if part is None:
            return None
    tz = zone_of(g)
    if tz == "UTC":
        part += "Z"  # ISO 8601's own designator; other zones, GMT included, are kept in ``tz``
    base, anchor = _clock_day(g, ctx, start, end)
    if base is None:
        norm = unresolved("TIME", f"XXXX-XX-XX{part}", "time", "no date in the text and the publication date is unknown")
    else:
        norm = point(Period("time", base, part), anchor=anchor)
    norm.tz = tz
    return norm


def _clock_day(g: Groups, ctx: Context, start: int, end: int) -> tuple[date | None, str | None]:
    """The day of a clock time: the one written with it ("3 p.m. Tuesday"), else the one right after it ("at 7am on
    Friday", "5am this morning", set by the tagger in ``ctx.attached``), else the narrative's latest day -- or, for
    a time still to come, the latest day the narrative named after that one ("the truce will begin on Friday
    morning ... said on Thursday it will begin at 7am") -- else the publication date."""
    sub: Norm | None = None
    if g.get("wd"):
        sub = (weekday if g["wd"].lower() in WEEKDAYS else deictic_day)({"wd": g["wd"], "w": g["wd"]}, ctx, start, end)
    elif g.get("m"):
        sub = calendar_date(g, ctx, start, end)
    elif g.get("m2"):
        sub = calendar_date({"m": g["m2"], "d": g["d2"], "y": g.get("y2")}, ctx, start, end)
    elif g.get("m3"):
        sub = day_first_date({"m": g["m3"], "d": g["d3"], "y": g["y3"]}, ctx, start, end)
    if sub is not None and sub.period is not None:
        return sub.period.start, sub.anchor
    if ctx.attached is not None:
        return ctx.attached
    if ctx.previous is not None and ctx.previous[1].granularity in ("day", "time") \
            and _AFTER_DAY.fullmatch(ctx.text, ctx.previous[0], start):
        return ctx.previous[1].start, ctx.previous[2]  # "until Friday at noon", "17 May 2023 12:30"
    ref = ctx.reference("day")
    if ref is not None:
        if ctx.tense(start, end) == "future":
            later = ctx.later_reference(ref[0].start)
            ref = later or ref
        return ref[0].start, ref[1]
    return (ctx.dct, "dct") if ctx.dct is not None else (None, None)


# --- offsets: "two days ago", "a week later", "the day before" -----------------------------------------------

def offset(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"three years ago" (from the publication date); "a week later", "the day before", "two days earlier"
    (from the latest date in the narrative). "A year ago" in a story about a quarter is that quarter a year back."""
    unit = unit_of(g["unit"])
    if unit not in ("day", "week", "month", "quarter", "year", "decade", "century"):
        return None
    n_text = (g.get("q") or "a").lower()
    n = number_value(n_text)
    direction = " ".join(g["dir"].lower().split())
    sign = 1 if direction in ("later", "after", "from now", "hence", "on") else -1
    mult = UNITS[unit][2] if unit in ("decade", "century") else 1
    step = "year" if unit in ("decade", "century") else unit
    deictic = direction in ("ago", "from now", "hence", "back")
    if n is None or n != int(n):
        if not deictic:  # "a few days later": some days after a date of the story, which no TIMEX3 date says
            return Norm("DURATION", duration_value(n, unit), "duration")
        gran = {"day": "day", "week": "week", "month": "month"}.get(unit, "year")
        if ctx.dct is None:
            return unresolved("DATE", None, gran)
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "ref", anchor="dct")
    count = int(n) * mult * sign
    ref = ctx.reference("year" if step == "year" else step)
    if deictic:
        if ctx.dct is None:
            return unresolved("DATE", None, step)
        if step == "year" and mult == 1 and ref is not None and ref[0].granularity in ("quarter", "half") and ref[1] != "dct":
            return _derived(point(shift(ref[0], count, "year"), anchor=ref[1]))
        base, anchor = period_of(step if step != "year" or mult == 1 else ("decade" if unit == "decade" else "year"), ctx.dct), "dct"
        return _derived(point(shift(base, count, step), anchor=anchor))
    if ref is None:
        if ctx.dct is None:
            return unresolved("DATE", None, step, "no earlier date in the text and the publication date is unknown")
        return _derived(point(shift(period_of(step, ctx.dct), count, step), anchor="dct"))
    base_p, tid = ref
    if base_p.granularity == "time":
        base_p = day(base_p.start)
    if step == "year" and base_p.granularity == "day":
        base_p = period_of("year", base_p.start)
    return _derived(point(shift(base_p, count, step), anchor=tid))


def _derived(norm: Norm) -> Norm:
    norm.antecedent = False
    return norm


def year_ago(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"year-earlier", "the year-ago quarter", "the year-earlier period": the period under discussion, a year back;
    "the year-ago third quarter": that quarter of the year before the narrative's (or the publication) year."""
    ref = ctx.latest_period(("quarter",) if "quarter" in g["all"].lower() else ("month", "quarter", "half"))
    if g.get("ord"):
        if ref is None and ctx.dct is None:
            return unresolved("DATE", None, "quarter")
        base, anchor = (ref[0].start, ref[1]) if ref is not None else (ctx.dct, "dct")
        n = min(ORDINALS[g["ord"].lower()], 4)
        return _derived(point(Period("quarter", date(base.year - 1, 3 * n - 2, 1)), anchor=anchor))
    if ref is not None:
        return _derived(point(shift(ref[0], -1, "year"), anchor=ref[1]))
    if ctx.dct is None:
        return unresolved("DATE", None, "year")
    return _derived(point(shift(period_of("year", ctx.dct), -1, "year"), anchor="dct"))


def year_end(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"year-end", "year's end": the end of the narrative's year, else of the publication year (mod END)."""
    ref = ctx.reference("year")
    if ref is not None and ref[1] != "dct":
        norm = point(period_of("year", ref[0].start), anchor=ref[1])
    elif ctx.dct is not None:
        norm = point(period_of("year", ctx.dct), anchor="dct")
    else:
        return unresolved("DATE", None, "year")
    norm.mod = "END"
    return norm


def period_year_back(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the same period last year", "the corresponding quarter a year ago", "the same month a year ago": the
    narrative's period of that kind ("period": its month, quarter or half), a year back."""
    unit = g["unit"].lower()
    if unit == "period":
        return year_ago({"all": unit}, ctx, start, end)
    ref = ctx.reference(unit)
    if ref is not None and ref[1] != "dct":
        return _derived(point(shift(period_of(unit, ref[0].start), -1, "year"), anchor=ref[1]))
    if ctx.dct is None:
        return unresolved("DATE", None, unit, "no earlier date in the text and the publication date is unknown")
    return _derived(point(shift(period_of(unit, ctx.dct), -1, "year"), anchor="dct"))


def year_period(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the 1988 quarter", "the 1989 period": the narrative's quarter (or half) in that year, else the year."""
    y = year_number(g["y"])
    ref = ctx.reference("half")
    if ref is not None and ref[0].granularity in ("quarter", "half"):  # a comparison period, not the story's
        return _derived(point(Period(ref[0].granularity, ref[0].start.replace(year=y)), anchor=ref[1]))
    return point(Period("year", date(y, 1, 1)))


# "the year ended Sept. 30": twelve months up to a date, a duration.
_ENDING = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\b", re.I)
# "the quarter ended Sept. 30", "the quarter ending July 31, 1989": a quarter known by its last day
_ENDING_ON = re.compile(r"\s+(?:that\s+)?(?P<v>ended|ending|ends)\s+(?:on\s+)?(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d)\b"
                        r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")
# The calendar quarter a three-month period is counted in: the one holding its middle, this many days before its
# last day (a quarter ended July 31 is the second: May to July; not tuned).
_MIDDLE_OF_QUARTER = 45


def the_period(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the quarter", "the latest quarter", "the year", "the current fiscal year": the narrative's period of that
    kind, else the one containing the publication date (the last completed one for "latest"/"past tense");
    "the year ended Sept. 30" is a one-year duration."""
    unit = " ".join(g["unit"].lower().split())
    gran = {"fiscal year": "year", "period": "quarter"}.get(unit, unit)
    if gran == "year" and _ENDING.match(ctx.text, end):
        return Norm("DURATION", "P1Y", "duration")
    if gran == "quarter" and (ended := _quarter_ended(ctx, start, end)) is not None:
        return ended
    if gran not in ("quarter", "half", "year", "month", "week"):
        return None
    adj = (g.get("adj") or "").lower()
    ref = ctx.reference(gran)
    if ref is not None and ref[1] != "dct" and adj not in ("current", "latest", "last", "previous", "past"):
        return point(period_of(gran, ref[0].start), anchor=ref[1])
    if ctx.dct is None:
        return unresolved("DATE", None, gran)
    p = period_of(gran, ctx.dct)
    if adj in ("latest", "last", "previous", "past", "most recent", "just-ended") or (not adj and gran == "quarter" and ctx.tense(start, end) == "past"):
        p = shift(p, -1, gran)
    return point(p, anchor="dct")


def _last_day(ctx: Context, end: int) -> tuple[date, bool] | None:
    """The day a period written just before ``end`` ends on ("... ended Sept. 30", "ending Dec. 31"), and whether
    its year is written. Without one: for "ended", the last such day by the publication date (a period reported on
    is over); for "ending", the first one from ``SLACK_DAYS`` before it (the current period, or one just over)."""
    found = _ENDING_ON.match(ctx.text, end)
    if found is None or found["m"].lower() not in MONTHS:
        return None
    m, d = MONTHS[found["m"].lower()], int(found["d"])
    if found["y"]:
        last = _safe_date(int(found["y"]), m, d)
    elif ctx.dct is None:
        return None
    else:
        over = found["v"].lower() == "ended"
        last = ctx.pick(lambda y: (dd := _safe_date(y, m, d)) and day(dd), "past" if over else "future",
                        slack=0 if over else SLACK_DAYS)
        last = last.start if last is not None else None
    return (last, bool(found["y"])) if last is not None else None


def _quarter_ended(ctx: Context, start: int, end: int) -> Norm | None:
    """"the quarter ended Sept. 30": the calendar quarter holding most of the three months up to that day (a fiscal
    quarter need not be a calendar one)."""
    if (found := _last_day(ctx, end)) is None:
        return None
    last, written = found
    return point(period_of("quarter", last - timedelta(days=_MIDDLE_OF_QUARTER)), anchor=None if written else "dct")


# --- durations and sets --------------------------------------------------------------------------------------

# The unit a fraction is written in: 2 1/2 years = P2Y6M, 1 1/2 days = P1DT12H, a minute and a half = PT1M30S.
_FINER = {("Y", False): ("M", 12), ("M", False): ("D", 30), ("W", False): ("D", 7), ("D", False): ("H", 24),
          ("H", True): ("M", 60), ("M", True): ("S", 60)}


def duration_value(n: float | None, unit: str) -> str:
    """``P3Y``, ``PT5H30M`` (5 1/2 hours), ``P2Y6M``, ``PXD`` (some days; ``n`` None), decades as years (``P20Y``,
    and ``PXY`` for "decades")."""
    letter, is_time, mult = UNITS[unit]
    if n is None:
        return "PXC" if unit == "century" else f"P{'T' if is_time else ''}X{letter}"
    n *= mult
    whole = int(n)
    rest = ""
    if n != whole:
        finer = _FINER.get((letter, is_time))
        if finer:
            sub, factor = finer
            rest = ("T" if letter == "D" else "") + f"{round((n - whole) * factor)}{sub}"
    if whole == 0 and rest:
        return "P" + ("T" if is_time and not rest.startswith("T") else "") + rest
    return f"P{'T' if is_time else ''}{whole}{letter}{rest}"


def duration(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"three years", "the past two months", "a few days", "two-year", "decades-long", "the first nine months"."""
    unit = unit_of(g["unit"])
    if unit not in UNITS:
        return None
    q = g.get("q")
    plural = g["unit"].lower() in PLURAL_UNITS
    n = number_value(q) if q else (None if plural else 1.0)
    if n is not None and n == 0:
        return None
    if n is not None and (g.get("half") or g.get("half2")):  # "a minute and a half", "two and a half years"
        n += 0.5
    norm = Norm("DURATION", duration_value(n, unit), "duration")
    if ctx.dct is not None and _YEAR_TO_DATE.fullmatch(ctx.text, start, end):
        # "the first nine months" of a results story: later year-ago comparisons are to that part of last year,
        # which TIMEX3 can only write as the year (TempEval-3 train, TBAQ: 5 right, 2 wrong, against the quarter)
        norm.period = Period("year", date(ctx.dct.year, 1, 1), YEAR_TO_DATE)
    return norm


_YEAR_TO_DATE = re.compile(r"the\s+(?:first\s+|latest\s+)?nine\s+months", re.I)


_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
              "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W"}


def set_expr(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"daily", "every week", "each year", "Tuesdays", "every Monday", "each July", "every summer"."""
    if g.get("w"):
        return Norm("SET", _SET_WORDS[g["w"].lower()], "set")
    if g.get("wd"):
        part = DAY_PARTS.get((g.get("part") or "").lower().rstrip("s"))
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[g['wd'].lower()]}" + (f"T{part}" if part else ""), "set")
    if g.get("m"):
        return Norm("SET", f"XXXX-{month_number(g['m']):02d}", "set")
    if g.get("s"):
        return Norm("SET", f"XXXX-{SEASONS[g['s'].lower()]}", "set")
    unit = unit_of(g["unit"])
    if unit in DAY_PARTS:
        return Norm("SET", f"XXXX-XX-XXT{DAY_PARTS[unit]}", "set")
    if unit not in UNITS:
        return None
    return Norm("SET", duration_value(2.0 if g.get("other") else 1.0, unit), "set")


def holiday(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"Christmas", "Eid al-Fitr 2024", "Yom Kippur", "Thanksgiving", "the eve of Passover": the day the calendar
    gives for the year written, else for the year nearest the publication date consistent with tense."""
    name = day_key(g["h"])
    make = DAYS.get(name)
    if make is None:
        return None
    before = 1 if g.get("eve") else 0
    return _on_calendar(g, ctx, start, end, lambda y: (d := make(y)) and day(d - timedelta(days=before)))


def day_of_period(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"the first Sunday of Lent", "the last Friday of Ramadan", "the second Tuesday in March", "the third day of
    Ramadan": a day counted within a period of the calendar or a month."""
    ordinal = g["ord"].lower()
    n = -1 if ordinal in ("last", "final") else ORDINALS.get(ordinal, 5 if ordinal == "fifth" else 0)
    period_word = g["p"]
    weekday_ = WEEKDAYS.get(g["wd"].lower())  # None: "the third day of"

    def make(y: int) -> Period | None:
        if period_word.lower() in MONTHS:
            first = date(y, month_number(period_word), 1)
            bounds: tuple[date, date] | None = (first, add_months(first, 1) - timedelta(days=1))
        else:
            bounds = PERIODS[day_key(period_word)](y)
        if bounds is None:
            return None
        days = [bounds[0] + timedelta(days=i) for i in range((bounds[1] - bounds[0]).days + 1)]
        if weekday_ is not None:
            days = [d for d in days if d.isoweekday() == weekday_]
        if not days or n > len(days) or n == 0:
            return None
        return day(days[n - 1] if n > 0 else days[-1])

    return _on_calendar(g, ctx, start, end, make)


def holy_week(g: Groups, ctx: Context, start: int, end: int) -> Norm | None:
    """"Holy Week", "Easter week": the ISO week that ends on Easter Sunday."""
    return _on_calendar(g, ctx, start, end, lambda y: period_of("week", DAYS["easter"](y)))  # type: ignore[arg-type]


def _on_calendar(g: Groups, ctx: Context, start: int, end: int, make: Callable[[int], Period | None]) -> Norm | None:
    """The period ``make`` gives for the year written (``g["y"]``), else for the year the publication date and the
    tense point to; unresolved when neither is known, or when the calendar cannot place it."""
    if g.get("y"):
        found = make(year_number(g["y"]))
        return point(found) if found is not None else None
    if ctx.dct is None:
        return unresolved("DATE", None, "day", "no year given and the publication date is unknown")
    found = ctx.pick(make, ctx.tense(start, end), start=start)
    return point(found, anchor="dct") if found is not None else None
