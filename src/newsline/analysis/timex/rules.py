"""The recognition rules: one regular expression per family of temporal expression, each paired with the
normaliser that gives it a TIMEX3 value (see ``normalize.py``). Extents follow the TimeML guidelines: the
expression with its determiner ("the third quarter", "a year ago"), without the preposition ("on", "in")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsline.analysis.timex import normalize as n
from newsline.analysis.timex.anchoring import Context
from newsline.analysis.timex.holidays import DAY_NAMES, DAYS as HOLIDAY_NAMES, PERIOD_NAMES
from newsline.analysis.timex.lexicon import NUMBER, ZONE_ABBREVIATIONS, ZONE_NAMES

Normaliser = Callable[[n.Groups, Context, int, int], "n.Norm | None"]


Windows = list[tuple[int, int]]
# What a rule is only tried near: lowercase words (found by ``str.find``) or, for what words cannot say (a digit
# pattern, a capitalised name), a regular expression.
Trigger = tuple[str, ...] | re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    keywords: tuple[str, ...] = ()  # the rule is only tried on texts containing one of these (lowercase)
    # Speed: when set, the rule is only tried near the trigger's hits (every match of the rule contains one), no
    # further than BEFORE characters before them and ``after`` characters past them. A trigger word is found in
    # the lowercased text at the start of a word ("day" in "days", "two-day", not in "Monday").
    trigger: Trigger = ()
    after: int = 30

    def finditer(self, text: str, lowered: str, windows: dict[tuple[Trigger, int], Windows]) -> Iterator[re.Match[str]]:
        """The pattern's matches; ``windows`` caches, per text, the windows of the triggers already looked up
        (several rules share one)."""
        if self.keywords and not any(k in lowered for k in self.keywords):
            return
        if not self.trigger:
            yield from self.pattern.finditer(text)
            return
        key = (self.trigger, self.after)
        found = windows.get(key)
        if found is None:
            found = windows[key] = _windows(text, lowered, self.trigger, self.after)
        for start, end in found:  # no match reaches further than BEFORE / ``after`` from its trigger word
            yield from self.pattern.finditer(text, start, end)


def _windows(text: str, lowered: str, trigger: Trigger, after: int) -> Windows:
    """The merged stretches of text around every hit of ``trigger``."""
    if isinstance(trigger, re.Pattern):
        hits = [hit.span() for hit in trigger.finditer(text)]
    else:
        hits = []
        for word in trigger:
            i = lowered.find(word)
            while i >= 0:
                if i == 0 or not lowered[i - 1].isalpha():  # at the start of a word ("day", not "Monday")
                    hits.append((i, i + len(word)))
                i = lowered.find(word, i + 1)
        hits.sort()
    merged: list[list[int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - BEFORE), min(len(lowered), hit_end + after)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


# Month names are matched capitalised (or all caps) so that "may", "march" and "sat" stay verbs.
_MONTH_ANY = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
              r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
              r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)")
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final)"
# Quantities that name no number: the duration gets an "X" (PXY = "some years"); "a couple of" is 2.
_VAGUE = r"(?:several|a\s+few|few|many|some|a\s+couple\s+of|couple\s+of|a\s+number\s+of|numerous|dozens\s+of|hundreds\s+of)"
_AMPM = r"(?P<ap>[AaPp]\.\s?[Mm]\.?|[AaPp][Mm]\b)"
_ZONE_ABBR = "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))
_ZONE_WORDS = "|".join(sorted((k.replace(" ", r"\s+") for k in ZONE_NAMES), key=len, reverse=True))
_NOT_PLACE = r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|The\b|Same\b|That\b|This\b|Any\b|Prime\b)"


def _zone(tag: str) -> str:
    """A time zone after a clock time: "GMT", "UTC+3", "GMT +8", "British Summer Time", "Khartoum time", "UK time"."""
    return (rf"(?P<{tag}>(?:{_ZONE_ABBR})(?:\s?[+-]\s?\d{{1,2}}(?::?\d\d)?)?(?![\w])|(?i:{_ZONE_WORDS})\b"
            rf"|{_NOT_PLACE}(?:[A-Z][a-z]+|[A-Z]{{2,3}})\s+time\b)")


# the zone, bare or in parentheses ("5am (UK time)")
_TZ = rf"(?:\s*\(\s*{_zone('tzp')}\s*\)|\s+{_zone('tz')})"
_END = r"(?![\w-])"
_TENS_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# "nineteen ninety-six", "two thousand and three"
_SPELLED_YEAR = (rf"(?:(?:nineteen|twenty)[\s-]+{_TENS_WORD}(?:[\s-]+{_UNITS_WORD})?"
                 rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS_WORD}|{_TENS_WORD}))?)")


def _rule(name: str, pattern: str, normalise: Normaliser, flags: int = 0, keywords: tuple[str, ...] = (),
          trigger: Trigger = (), after: int = 30) -> Rule:
    return Rule(name, re.compile(pattern, flags), normalise, keywords, trigger, after)


# Not a tuned threshold: how far before a trigger word a rule's pattern may start (a search window).
BEFORE = 60
# A clock time, by its digits or its words: "8:30", "9.45pm", "7 a.m.", "0915 GMT", "noon".
# (Trigger expressions start with a literal or a set of characters, not "\b", so that the regular expression
# engine can skip ahead to where they may match.)
_CLOCK_WORDS = re.compile(rf"[\dnm](?:(?<=\d)(?:[:.][0-5]\d|\s*[AaPp]\.?\s?[Mm]\b|\d\d\s*\(?\s*(?:{_ZONE_ABBR}|hours|hrs)\b)|(?<=n)oon|(?<=m)id(?:night|day))")
# The ordinal a day counted in a period starts with: "(the) first (Sunday of Lent)", "(the) last (Friday in March)".
_DAY_ORDINALS = ("first", "second", "third", "fourth", "fifth", "final", "last", "1st", "2nd", "3rd", "4th")
# A named day, by the first word of its name, capitalised as names are: "Christmas", "Eid", "Yom", "Good".
_HOLIDAY_WORDS = re.compile(r"(?:" + "|".join(sorted({re.match(r"[a-z]+", name)[0].capitalize()  # type: ignore[index]
                                                        for name in HOLIDAY_NAMES})) + r")\b")
_UNIT_WORDS = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade", "centur")
_PERIOD_WORDS = ("week", "month", "quarter", "year", "decade", "day", "morning", "afternoon", "evening", "night")
_MONTH_WORDS = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)")
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_THE_DAY_AFTER = "(?:" + "|".join(f"(?<=\\b{w}\\s)" for w in (
    "end", "ends", "ended", "ending", "finish", "finished", "finishing", "close", "closed", "closing", "start", "started",
    "for", "in", "on", "during", "of")) + ")"
_I = re.IGNORECASE
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
RULES: tuple[Rule, ...] = (
    # absolute dates
    _rule("iso_date", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?{_END}", n.calendar_date, 0, ("-",)),
    _rule("numeric_date", rf"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>{_YEAR}|\d\d)(?:\s+(?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?(?![\d/])", n.calendar_date,
          trigger=("/",)),
    # day first with dots or dashes ("03.08.2023", "23-01-2023 22:07 IST"), as written outside the US
    _rule("day_first_date", rf"(?<![\d/.-])(?P<d>[0-3]?\d)(?P<sep>[.-])(?P<m>[01]?\d)(?P=sep)(?P<y>{_YEAR})(?:,?\s+(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?:{_TZ})?)?(?![\d.-]\d)", n.day_first_date,
          trigger=re.compile(r"\d[.-][01]?\d[.-](?:19|20)\d\d")),
    # "18May23", "29Jun2023": wire and agency datelines
    _rule("run_together_date", r"\b(?P<d>[0-3]?\d)(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?P<y>\d\d|(?:19|20)\d\d)\b", n.calendar_date,
          trigger=re.compile(r"\d(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\d")),
    _rule("compact_date", rf"\b(?P<y>{_YEAR})(?P<m>0[1-9]|1[0-2])(?P<d>[0-3]\d)\b", n.calendar_date),
    _rule("month_day", rf"(?:(?:{_WEEKDAY}),?\s+)?\b(?P<m>{_MONTH_ANY})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?", n.calendar_date, trigger=_MONTH_WORDS),
    _rule("day_month", rf"(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTH_ANY})(?:,?\s+(?P<y>{_YEAR})\b)?", n.calendar_date, trigger=_MONTH_WORDS),
    _rule("month_year", rf"\b(?P<m>{_MONTH_ANY}),?\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPELLED_YEAR})\b", n.month_year, trigger=_MONTH_WORDS),
    _rule("month", rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?P<m>{_MONTH_FULL}|Sept\.|Jan\.|Feb\.|Aug\.|Oct\.|Nov\.|Dec\.)(?!\w|\s*[0-3]?\d\b)(?:\s+(?:of\s+)?(?P<rel2>this|last|next)\s+year\b)?", lambda g, c, s, e: n.month_alone({**g, "rel": f"{g['rel2']} year" if g.get("rel2") else g.get("rel")}, c, s, e),
          trigger=_MONTH_WORDS),
    # "last year in February", "next year in March": the month of that year
    _rule("year_then_month", rf"\b(?P<rel2>[Tt]his|[Ll]ast|[Nn]ext)\s+year\s+in\s+(?P<m>{_MONTH_FULL})\b", lambda g, c, s, e: n.month_alone({**g, "rel": f"{g['rel2'].lower()} year"}, c, s, e),
          trigger=_MONTH_WORDS),
    _rule("week_of", rf"\bthe\s+week\s+of\s+(?P<m>{_MONTH_ANY})\s+(?P<d>[0-3]?\d)\b(?:,?\s+(?P<y>{_YEAR})\b)?", n.week_of, 0, ("week of",)),
    _rule("year", rf"(?:(?<=\bmid-)|\b(?P<pre>[Pp]ost-|[Pp]re-)|(?<![\w$£€.,/#-]))(?:(?:[Ff]iscal(?:[\s-]+year)?|[Tt]he\s+(?:fiscal\s+)?year|[Cc]alendar(?:\s+year)?|[Mm]odel\s+year)[\s-]+)?(?P<y>{_YEAR})(?![\w%]|[.,]\d|-\d|\s*(?:%|percent))", n.year, trigger=_FOUR_DIGITS),
    _rule("fiscal_year", rf"\b(?:[Tt]he\s+)?(?P<y>{_YEAR})\s+(?:fiscal|calendar|financial|model)\s+year\b", n.year,
          trigger=("fiscal", "calendar", "financial", "model")),
    _rule("spelled_year", rf"\b(?:the\s+year\s+)?(?P<y>{_SPELLED_YEAR})\b(?![\s-]+{_UNIT})", n.year, _I, ("nineteen", "twenty", "thousand")),
    _rule("decade", r"(?<![\w$])(?:the\s+)?(?P<y>(?:1[5-9]|20)\d0|'\d0)'?s\b", n.decade, _I, ("0s", "0's")),
    # "the nineties", "the sixties": the latest such decade begun by publication
    _rule("decade_word", r"\bthe\s+(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", n.decade_word, _I,
          trigger=("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")),
    _rule("century", r"\b(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|this|last|next|the\s+last|the\s+next|the\s+past|the\s+current)[\s-]+century\b", n.century, _I, ("century",)),
    _rule("quarter", rf"\b(?:(?:the|this)\s+(?!(?:(?:fiscal|calendar)[\s-]+)?{_ORD}-))?(?:(?P<yp>{_YEAR})\s+|(?P<rel>this|last|next)\s+year'?s\s+|fiscal\s+(?P<y3>{_YEAR})'?s\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>{_ORD}|last(?=[\s-]+(?:quarter|half)\s+of\b))[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)\b(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<y>{_YEAR})\b|\s+(?P<y2>{_YEAR})\b|\s+of\s+(?P<rel2>this|last|next)\s+year\b)?", n.quarter, _I, trigger=("quarter", "half")),
    # "the first two quarters of 1990", "the last two quarters of this year": a half
    _rule("two_quarters", rf"\b(?:the\s+)?(?P<ord>first|last|final|second)\s+two\s+quarters\s+of\s+(?:(?P<y>{_YEAR})\b|(?P<rel2>this|last|next)\s+year\b)",
          lambda g, c, s, e: n.quarter({**g, "ord": "first" if g["ord"].lower() == "first" else "second", "unit": "half"}, c, s, e), _I,
          trigger=("two",), after=40),
    # "since '82", "in '98": a year written with two digits
    _rule("short_year", r"(?:(?<=\bsince\s)|(?<=\bin\s)|(?<=\bof\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s))(?P<y>['’]\d\d)\b(?!['’]?s\b)",
          lambda g, c, s, e: n.year({"y": g["y"].replace("’", "'")}, c, s, e), _I, trigger=re.compile(r"['’]\d\d")),
    _rule("the_period", r"\b(?:the|this|its)\s+(?:(?P<adj>current|latest|last|previous|past|same|most\s+recent|just-ended|recent|comparable)\s+)?(?:fiscal\s+)?(?P<unit>quarter|half|fiscal\s+year)\b(?!-)", n.the_period, _I, trigger=("quarter", "half", "fiscal")),
    # In business news "the latest period" is the reporting quarter.
    _rule("reporting_period", r"\bthe\s+(?P<adj>latest|most\s+recent|just-ended)\s+(?P<unit>period)\b", n.the_period, _I, trigger=("period",)),
    _rule("year_period", rf"\bthe\s+(?P<y>{_YEAR})\s+(?:quarter|period)\b", n.year_period, 0, trigger=("quarter", "period")),
    _rule("the_year_month_week", r"\bthe\s+(?P<adj>current|latest|full|same)?\s*(?P<unit>year|month|week)\b(?!-|\s+(?:before|after|earlier|later|ago|to\b|\d))", n.the_period, _I, trigger=("year", "month", "week")),
    # "ended the day", "for the day", "later in the day": the day the story is about (idiom "at the end of the day"
    # excluded).
    _rule("day_of_story", r"\b(?:earlier|later)\s+(?:in|on)\s+(?P<rel>the\s+same|same|the|that)\s+(?P<unit>day)\b(?!\s+(?:before|after)\b)", lambda g, c, s, e: n.relative_period({**g, "rel": "the same"}, c, s, e), _I,
          trigger=("earlier", "later")),
    _rule("the_day", rf"{_THE_DAY_AFTER}(?<!at\sthe\send\sof\s)\b(?P<rel>the)\s+(?P<unit>day)\b(?![\w-]|\s+(?:before|after|of|when|that|which|it|he|she|they|we|on)\b|\s+{_WEEKDAY})",
          n.relative_period, _I, trigger=re.compile(r"[Tt][Hh][Ee]\s+[Dd][Aa][Yy]\b")),
    _rule("year_end", r"\b(?P<w>year[\s-]end|year['’]s\s+end)\b", n.year_end, _I, trigger=("end",)),
    _rule("season", rf"\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|that|early|late)\s+|mid-)?(?P<s>spring|summer|autumn|winter|(?<=the\s)fall|(?<=this\s)fall|(?<=last\s)fall|(?<=next\s)fall|(?<=past\s)fall|(?<=coming\s)fall)\b(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPELLED_YEAR})\b)?", n.season_date, _I, trigger=("spring", "summer", "autumn", "winter", "fall")),
    # named days ("Christmas Day 2023", "Eid al-Fitr", "Yom Kippur", "the eve of Passover") and days counted within a
    # period ("the first Sunday of Lent", "the last Friday of Ramadan", "the last Friday of March", "the third day of
    # Ramadan"); "Holy Week", "Easter week" are that week (timex/holidays.py holds the calendars)
    _rule("holiday", rf"(?:\b(?P<eve>[Tt]he\s+eve\s+of)\s+)?(?=[A-Z])\b(?P<h>(?i:{DAY_NAMES}))\b(?:,?\s+(?P<y>{_YEAR})\b)?", n.holiday,
          trigger=_HOLIDAY_WORDS),
    _rule("day_of_period", rf"\b(?:[Tt]he\s+)?(?P<ord>{_ORD}|fifth|last)\s+(?P<wd>{_WEEKDAY}|day)\s+(?:of|in)\s+(?P<p>(?=[A-Z])(?i:{PERIOD_NAMES})|{_MONTH_FULL})\b(?:\s+(?P<y>{_YEAR})\b)?",
          n.day_of_period, trigger=_DAY_ORDINALS, after=50),
    _rule("holy_week", rf"\b(?P<h>Holy\s+Week|Easter\s+[Ww]eek)\b(?:,?\s+(?P<y>{_YEAR})\b)?", n.holy_week, 0, ("week",)),
    # deictic
    _rule("deictic_day", r"\b(?:(?:earlier|later)\s+(?=today|tonight|yesterday|tomorrow))?(?P<w>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tomorrow|yesterday|tonight)\b", n.deictic_day, _I,
          trigger=("today", "tomorrow", "yesterday", "tonight")),
    _rule("reference", r"\b(?P<w>previously|now|currently|nowadays|these\s+days|at\s+present|presently|the\s+present|at\s+the\s+moment|recently|lately|to\s+date|soon|a\s+while\s+ago|the\s+past|the\s+(?:near\s+)?future|recent\s+(?:years|months|weeks|days)|(?:the\s+)?coming\s+(?:days|weeks|months|quarters|years)|future\s+(?:months|quarters|years)|the\s+(?:days|weeks|months|years)\s+ahead|a\s+later\s+date|the\s+(?:near|short|long)\s+term|current|recent)\b", n.reference_word, _I,
          trigger=("previously", "now", "current", "days", "present", "moment", "recent", "lately", "date", "soon", "while", "past", "future", "coming", "ahead", "term")),
    # "will one day be", "could one day replace", "hopes to one day join": some time ahead, not a day's duration
    _rule("one_day_ahead", r"(?:(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmay\s)|(?<=\bmight\s)|(?<=\bcan\s)|(?<=\bto\s))(?P<w>one\s+day)\b(?!\s+(?:after|before|later|earlier|ago)\b)",
          n.reference_word, _I, trigger=("one",)),
    _rule("relative_period", r"\b(?:(?P<pre>earlier|later|early|late)\s+)?(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|this|last|next|past|coming|previous|current|that\s+same|that|the\s+same|the\s+previous|the\s+following|the\s+next|the\s+prior|the\s+preceding|the\s+current|the\s+coming)\s+(?P<unit>week|weekend|month|quarter|year|decade|day|morning|afternoon|evening|night)\b", n.relative_period, _I, trigger=_PERIOD_WORDS),
    _rule("weekend", r"\b(?P<rel>the|this|last|next|this\s+past|this\s+coming)\s+(?P<unit>weekend)\b", n.weekend, _I, ("weekend",)),
    _rule("weekday", rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his\s+(?:coming|past)|[Tt]his|[Tt]he\s+(?:previous|following|next|preceding))\s+)?\b(?P<wd>{_WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?\b", n.weekday, trigger=_WEEKDAY_WORDS),
    _rule("day_part", r"\b(?:(?P<rel>this|yesterday|tomorrow|last|tonight)\s+(?P<part>morning|afternoon|evening|night)|(?P<part2>overnight)"
          r"|(?:mid-?\s?)?(?P<part3>morning|afternoon|evening)\s+(?P<rel3>yesterday|today|tomorrow))\b",
          lambda g, c, s, e: n.day_part({"rel": g.get("rel") or g.get("rel3"), "part": g.get("part") or g.get("part2") or g.get("part3")}, c, s, e), _I,
          trigger=("morning", "afternoon", "evening", "night", "overnight", "midmorning", "midafternoon", "midevening")),
    # "4 in the morning", "8 in the evening": a clock time with its part of the day
    _rule("clock_in_part", r"\b(?P<H>1[0-2]|0?[1-9])(?::(?P<M>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<part>morning|afternoon|evening)\b",
          lambda g, c, s, e: n.clock_time({**g, "ap": "am" if g["part"].lower() == "morning" else "pm"}, c, s, e), _I,
          trigger=("morning", "afternoon", "evening")),
    # "by mid-afternoon", "in midmorning": that part of the story's day
    _rule("mid_part", r"\bmid[-\s]?(?P<part>morning|afternoon)\b", n.mid_part, _I, trigger=("mid",)),
    # "8:30 a.m.", "9.45pm", "noon", "0915 GMT", "18:00 UTC", "12:33" (kept only beside a date, see tagger), each with
    # an optional zone and an optional day after it ("3 p.m. EST Tuesday", "13:15 BST 3 August 2023")
    _rule("clock_time", rf"(?:(?:\b(?P<H>[01]?\d)(?:[:.](?P<M>[0-5]\d))?\s*{_AMPM})|\b(?P<nm>noon|midnight|midday)\b"
          rf"|\b(?P<H24>[01]?\d|2[0-3])[:.]?(?P<M24>[0-5]\d)(?=\s*\(?\s*(?:{_ZONE_ABBR}|hours|hrs)\b|\s+(?i:{_ZONE_WORDS})\b)"
          rf"|(?<![\d:.,/])(?P<Hb>[01]?\d|2[0-3]):(?P<Mb>[0-5]\d)(?![\d:]|\s*[AaPp]\.?[Mm]\b))(?:{_TZ}|\s+(?:hours|hrs)\b)?"
          rf"(?:,?\s+(?:(?P<wd>{_WEEKDAY}|today|tomorrow|yesterday)\b|(?P<m>{_MONTH_ANY})\s+(?P<d>[0-3]?\d)\b(?:,?\s+(?P<y>{_YEAR})\b)?"
          rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_ANY})(?:,?\s+(?P<y2>{_YEAR})\b)?"
          rf"|(?P<d3>[0-3]?\d)[./](?P<m3>[01]?\d)[./](?P<y3>{_YEAR})\b))?", n.clock_time, trigger=_CLOCK_WORDS, after=80),
    # offsets
    _rule("offset", rf"\b(?P<q>{NUMBER}|a|an|{_VAGUE})[\s-]+(?:(?:full|more|additional|short)\s+)?(?P<unit>{_UNIT})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|back|from\s+now|hence|before(?=\s*[,.;:)]|\s+(?:that|this|then)\b)|after(?=\s*[,.;:)]|\s+(?:that|this|then)\b))\b", n.offset, _I, trigger=_UNIT_WORDS),
    _rule("the_unit_before", r"\b(?P<q>the)\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|later)(?=\s*[,.;:)]|\s+(?:that|this|then)\b)", lambda g, c, s, e: n.offset({**g, "q": "a"}, c, s, e), _I, trigger=("before", "after", "earlier", "later")),
    _rule("year_ago", rf"\b(?P<all>the\s+(?:comparable\s+)?(?:year|12-month)[\s-](?:ago|earlier)\s+(?:(?P<ord>{_ORD})[\s-]+)?(?:quarter|period)|(?:a\s+)?(?:year|12-month)[\s-](?:ago|earlier)(?:\s+(?:quarter|period))?)\b", n.year_ago, _I, trigger=("ago", "earlier")),
    # "the same period last year", "the corresponding quarter a year ago", "last year's quarter": the period under
    # discussion, a year back
    _rule("period_year_back", r"\b(?:the\s+(?:(?:same|corresponding|comparable)\s+)?(?P<unit>period|quarter|month|week|half)\s+(?:of\s+)?(?:last\s+year|the\s+(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))|(?:last|the\s+previous)\s+year'?s\s+(?P<unit2>period|quarter|month|half))\b",
          lambda g, c, s, e: n.period_year_back({"unit": g.get("unit") or g.get("unit2")}, c, s, e), _I, trigger=("year",)),
    # durations and sets
    _rule("duration", rf"\b(?:(?:the\s+)?(?:past|last|next|first|final|previous|following|coming|remaining|latest|initial|ensuing|preceding|year-earlier|year-ago)\s+|another\s+)?(?P<q>{NUMBER}|a|an|{_VAGUE})(?P<half2>\s+and\s+a\s+half)?[\s-]+(?:(?:more|additional|full|straight|consecutive|short|long|trading|business|working)\s+)?(?P<unit>{_UNIT})(?P<half>\s+and\s+a\s+half)?(?:[\s-](?:long|old))?\b", n.duration, _I, trigger=_UNIT_WORDS),
    _rule("the_n_units", rf"\bthe\s+(?P<q>{NUMBER})\s+(?P<unit>{_UNIT})\b", n.duration, _I, trigger=_UNIT_WORDS),
    _rule("bare_units", r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bin\s)|(?<=\bthan\s)|(?<=\bonly\s)(?=\w+\s+(?:after|before|ago|later|earlier)\b)|(?<=\bjust\s)(?=\w+\s+(?:after|before|ago|later|earlier)\b)|(?<=\bmere\s)|(?<=\bbarely\s))(?:the\s+(?:past|last|next|coming)\s+|(?<=\bover\s)the\s+(?=years\b))?(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)\b(?:[\s-]long)?", n.duration, _I, trigger=_UNIT_WORDS),
    # "the months leading up to the takeover", "the weeks before the vote": some months, up to an event
    _rule("units_before_event", r"(?<=\bthe\s)(?P<unit>years|months|weeks|days|hours)(?=\s+(?:leading\s+up\s+to|running\s+up\s+to|before|preceding|after|following|since)\b)", n.duration, _I,
          trigger=("years", "months", "weeks", "days", "hours")),
    _rule("plural_long", r"\b(?P<unit>years?|months?|weeks?|days?|hours?|decades?)-long\b", n.duration, _I, ("-long",)),
    _rule("set_word", r"\b(?P<w>daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly)\b", n.set_expr, _I,
          trigger=("daily", "nightly", "weekly", "biweekly", "monthly", "annually", "yearly", "hourly")),
    _rule("set_every", rf"\b(?:every|each|per)\s+(?P<other>other\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<m>{_MONTH_FULL})|(?P<s>spring|summer|autumn|winter|fall)|(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|afternoon|evening))\b", n.set_expr, _I, trigger=("every", "each", "per")),
    _rule("set_weekdays", r"\b(?P<wd>[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)s(?:\s+(?P<part>mornings|afternoons|evenings|nights))?\b", n.set_expr,
          trigger=tuple(f"{day}s" for day in _WEEKDAY_WORDS)),
)
PRIORITY = {rule.name: i for i, rule in enumerate(RULES)}
