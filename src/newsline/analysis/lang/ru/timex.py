"""Russian time expressions with TIMEX3 values, anchored on the publication date.

Recognised: dates ("13 февраля", "13 февраля 2023 года", "17 ИЮЛ"), months ("в январе", "в конце января" with
mod START/MID/END, "в феврале 2023 года"), years ("в 2023 году"), deictic days ("сегодня", "вчера", "завтра",
"накануне" = the day before publication), weeks, months and years relative to publication ("на прошлой неделе",
"в следующем месяце", "в этом году"), weekdays ("в среду": the nearest one before publication, or after it when
its verb is in the future tense), clock times ("в 12:40") and durations ("три дня", "два года"). The extent
leaves out the leading preposition ("в", "на"), as TimeML does. Values and calendar arithmetic are the English
tagger's (:mod:`newsline.analysis.timex.calendar`, :mod:`~newsline.analysis.timex.normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsline.analysis.lang.ru.lexicon import MONTHS, WEEKDAYS
from newsline.analysis.lang.ru.parse import Parsed
from newsline.analysis.timex.calendar import day, period_of, shift
from newsline.analysis.timex.normalize import Norm, duration_value, point, unresolved
from newsline.analysis.timex.tagger import publication_date
from newsline.model import Span, Timex

# A yearless date more than this many days after publication is last year's ("13 февраля" in a March article is
# this year's; "20 декабря" in a January one is last year's). Half a year, set on the crosslingual dev set.
_YEAR_BACK_DAYS = 183
_MONTH = (r"(?P<month>январ[яеьи]|феврал[яеьи]|март[аеу]?|апрел[яеьи]|ма[йяею]|июн[яеьи]|июл[яеьи]|"
          r"август[аеу]?|сентябр[яеьи]|октябр[яеьи]|ноябр[яеьи]|декабр[яеьи]|"
          r"янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек)")
_YEAR = r"(?P<year>\d{4})(?:\s*(?:года|году|год|г\.))?"
_NUMBERS = {"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
            "восемь": 8, "девять": 9, "десять": 10, "несколько": None}
_UNITS = (("дн", "day"), ("ден", "day"), ("сут", "day"), ("недел", "week"), ("месяц", "month"), ("год", "year"),
          ("лет", "year"), ("час", "hour"), ("минут", "minute"))
_REL = {"прошл": -1, "предыдущ": -1, "минувш": -1, "эт": 0, "текущ": 0, "нынешн": 0, "следующ": 1, "будущ": 1,
        "предстоящ": 1}
_DEICTIC = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2, "накануне": -1}
_PARTS = {"начал": "START", "середин": "MID", "конц": "END", "конец": "END"}

Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str], date | None, Parsed], Norm | None]]


def _month(word: str) -> int:
    """The month of a month word or its abbreviation ("февраля", "фев"; "мар" is March, "мая" May)."""
    word = word.lower()
    return next(n for prefix, n in sorted(MONTHS.items(), key=lambda kv: -len(kv[0]))
                if word.startswith(prefix) or (len(word) >= 3 and prefix.startswith(word)))


def _yearless(dct: date | None, month: int, d: int | None) -> date | None:
    if dct is None:
        return None
    candidate = date(dct.year, month, d or 1)
    return candidate.replace(year=dct.year - 1) if (candidate - dct).days > _YEAR_BACK_DAYS else candidate


def _day_month(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    month, d = _month(m["month"]), int(m["day"])
    try:
        if m["year"]:
            when = date(int(m["year"]), month, d)
        else:
            yearless = _yearless(dct, month, d)
            if yearless is None:
                return unresolved("DATE", f"XXXX-{month:02d}-{d:02d}", "day")
            when = yearless
    except ValueError:
        return None
    if m["hh"]:
        return point(period_of("time", when, f"T{int(m['hh']):02d}:{m['mm']}"), anchor=None if m["year"] else "dct")
    return point(day(when), anchor=None if m["year"] else "dct")


def _month_rule(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    month = _month(m["month"])
    if m["year"]:
        norm = point(period_of("month", date(int(m["year"]), month, 1)))
    else:
        first = _yearless(dct, month, None)
        if first is None:
            return unresolved("DATE", f"XXXX-{month:02d}", "month")
        norm = point(period_of("month", first), anchor="dct")
    if m["part"]:
        norm.mod = next(v for k, v in _PARTS.items() if m["part"].lower().startswith(k))
    return norm


def _year(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    return point(period_of("year", date(int(m["year"]), 1, 1)))


def _deictic(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    word = m["word"].lower()
    if word == "накануне" and _noun_follows(parsed, m.end()):
        return None  # "накануне выборов" is the eve of an event, not a date
    if dct is None:
        return unresolved("DATE", None, "day")
    return point(day(dct + timedelta(days=_DEICTIC[word])), anchor="dct")


def _noun_follows(parsed: Parsed, at: int) -> bool:
    token = parsed.token_at(at + 1)
    return token is not None and token.start <= at + 1 and token.pos in ("NOUN", "PROPN", "ADJ", "NUM")


def _relative(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    word = m["unit"].lower()
    unit = "week" if word.startswith("недел") else "month" if word.startswith("месяц") else "year"
    n = next(v for k, v in _REL.items() if m["rel"].lower().startswith(k))
    if dct is None:
        return unresolved("DATE", None, unit)
    return point(shift(period_of(unit, dct), n, unit), anchor="dct")


def _weekday(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    wd = WEEKDAYS[m["wd"].lower()]
    if dct is None:
        return unresolved("DATE", f"XXXX-WXX-{wd}", "day")
    delta = wd - dct.isoweekday()
    if _future(parsed, m.start("wd")):
        return point(day(dct + timedelta(days=delta if delta >= 0 else delta + 7)), anchor="dct")
    return point(day(dct + timedelta(days=delta if delta <= 0 else delta - 7)), anchor="dct")


def _future(parsed: Parsed, at: int) -> bool:
    token = parsed.token_at(at)
    for _ in range(4):
        if token is None:
            return False
        if token.pos in ("VERB", "AUX"):
            return token.feats.get("Tense") == "Fut"
        token = parsed.tokens[token.head] if token.head is not None else None
    return False


def _clock(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    hh, mm = int(m["hh"]), m["mm"]
    if hh > 23 or int(mm) > 59:
        return None
    if dct is None:
        return unresolved("TIME", f"XXXX-XX-XXT{hh:02d}:{mm}", "time")
    return point(period_of("time", dct, f"T{hh:02d}:{mm}"), anchor="dct")


def _duration(m: re.Match[str], dct: date | None, parsed: Parsed) -> Norm | None:
    amount = m["n"].lower()
    n = int(amount) if amount.isdigit() else _NUMBERS[amount]
    unit = next(u for prefix, u in _UNITS if m["unit"].lower().startswith(prefix))
    return Norm("DURATION", duration_value(n, unit), None)


_RULES: list[Rule] = [
    ("day_month", re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?"
                             r"(?:,?\s+(?:в\s+)?(?P<hh>\d{1,2}):(?P<mm>\d{2}))?(?!\w)", re.I), _day_month),
    ("month", re.compile(r"(?:(?<=\bв\s)|(?<=\bс\s)|(?<=\bдо\s)|(?<=\bк\s)|(?<=\bпосле\s)|(?<=\bот\s)|"
                         r"(?P<part>начале|середине|конце|конец)\s+)" + _MONTH + r"(?:\s+" + _YEAR + r")?(?!\w)",
                         re.I), _month_rule),
    ("month_year", re.compile(r"\b" + _MONTH + r"\s+" + _YEAR.replace("(?:\\s*", "(?:\\s+") + r"(?!\w)", re.I),
     _month_rule),
    ("year", re.compile(r"\b" + _YEAR.replace("))?", "))") + r"(?!\w)", re.I), _year),
    ("relative", re.compile(r"\b(?P<rel>прошл|предыдущ|минувш|эт|текущ|нынешн|следующ|будущ|предстоящ)\w*\s+"
                            r"(?P<unit>недел[еиюя]|месяц[еау]?|год[ау]?)\b", re.I), _relative),
    ("deictic", re.compile(r"\b(?P<word>позавчера|вчера|сегодня|завтра|послезавтра|накануне)\b", re.I), _deictic),
    ("weekday", re.compile(r"(?<=\bв\s)(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
                           re.I), _weekday),
    ("clock", re.compile(r"(?<!\d)(?P<hh>\d{1,2}):(?P<mm>\d{2})(?!\d)"), _clock),
    ("duration", re.compile(r"\b(?P<n>\d{1,3}|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|"
                            r"несколько)\s+(?P<unit>дн[яей]|день|суток|недел[иью]|месяц[аев]*|год[а]?|лет|"
                            r"час[аов]*|минут)\b", re.I), _duration),
]


def tag_timexes(parsed: Parsed, published: str | None) -> list[Timex]:
    """The TIMEX3 expressions of a Russian text, ids ``t1``, ``t2``... in text order (earlier rules win overlaps)."""
    dct = publication_date(published)
    taken: list[tuple[int, int, Norm]] = []
    for _name, pattern, normalise in _RULES:
        for m in pattern.finditer(parsed.text):
            start, end = m.start(), m.end()
            if any(start < b and a < end for a, b, _ in taken):
                continue
            norm = normalise(m, dct, parsed)
            if norm is not None:
                taken.append((start, end, norm))
    timexes = []
    for n, (start, end, norm) in enumerate(sorted(taken, key=lambda x: x[0]), 1):
        timexes.append(Timex(f"t{n}", Span.of(parsed.text, start, end), norm.type, norm.value,  # type: ignore[arg-type]
                             norm.mod, norm.granularity, norm.anchor, norm.resolved, norm.reason))
    return timexes
