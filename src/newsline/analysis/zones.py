"""Document zones: which parts of an article's text are headline, byline, dateline, caption or related links.

Crawled news text carries page furniture around the story: headlines (often repeated), bylines and
timestamps, photo captions and credits, agency datelines, "Read more" links and feed disclaimers. The
later stages ask ``zone_kind(zones, offset)`` so that captions, bylines and headlines never move the
narrative time anchor or serve as speaker antecedents, while a dateline does anchor the narrative.

The rules are regular expressions over lines (a line is a paragraph in crawled text), written for
precision: a body sentence taken for a caption would hide a quote, so a line is zoned only on positive
evidence (a credit, a timestamp, a known boilerplate phrase, its place before the first body paragraph).
docs/zones.md lists the rules with examples and what is not detected. Pure functions of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import attrgetter
from typing import Literal, NamedTuple

from newsline.analysis.timex.lexicon import MONTHS, WEEKDAYS
from newsline.model import Zone, ZoneKind

__all__ = ["Zone", "ZoneKind", "find_zones", "zone_kind"]

# ---------------------------------------------------------------------------------------------------------
# Patterns: every word list and regular expression the rules use.
# ---------------------------------------------------------------------------------------------------------

# News agencies and wires, as they appear in bylines, datelines and credits.
_AGENCY = (
    r"(?:Reuters|REUTERS|AFP|AP|Associated Press|PA(?: Media)?|TASS|ТАСС|Interfax|INTERFAX(?:\.RU)?|Интерфакс"
    r"|RIA Novosti|РИА Новости|Sputnik|Спутник|Xinhua|Anadolu(?: Agency)?|Bloomberg|dpa|EFE|ANSA|Kyodo|Yonhap"
    r"|ANI|PTI|IANS|UNI|UPI|Bernama|IRNA|Trend|БелТА|BelTA|Ukrinform|UNIAN|MENAFN)"
)
_AGENCY_LINE = re.compile(rf"(?:[Bb]y\s+)?{_AGENCY}")
# Month and weekday names, English (the timex lexicon) and Russian (genitive forms and abbreviations).
_MONTH = (
    r"(?i:(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
    r"|(?:янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек)[а-яё]*\.?)"
)
_WEEKDAY = (
    r"(?i:" + "|".join(WEEKDAYS)
    + r"|понедельник|вторник|сред[аыу]|четверг|пятниц[аыу]|суббот[аыу]|воскресень[ея])"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_CLOCK = (
    r"\b[0-2]?\d:[0-5]\d\b(?:\s*(?i:[ap]\.?m\.?))?"
    r"(?:\s*(?:GMT|UTC|IST|BST|EST|EDT|CET|CEST|EET|EEST|MSK|AEST|ET|PT)\b)?"
)
_DAY_MONTH = rf"(?:\b{_MONTH}\s+\d{{1,2}}{_ORDINAL}\b|\b\d{{1,2}}{_ORDINAL}\s+{_MONTH}(?!\w))"
_FULL_DATE = (
    rf"(?:{_DAY_MONTH},?\s+{_YEAR}\b|\b\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d\d)\b|\b{_YEAR}-\d\d-\d\d\b)"
)
_CLOCK_OR_DATE = re.compile(rf"{_CLOCK}|{_FULL_DATE}")
# What a timestamp line may hold besides its date and time: labels, weekday and month names, separators.
_TIMESTAMP_FILLER = re.compile(
    rf"{_CLOCK}|{_FULL_DATE}|{_DAY_MONTH}|\b{_YEAR}\b|\b{_WEEKDAY}\b|{_MONTH}(?!\w)"
    r"|(?i:\b(?:last\s+)?(?:updated|modified|created|published|posted|first published|time|date|on|at)\b)"
    r"|(?i:\b(?:обновлено|опубликовано|изменено|дата)\b)"
    r"|[|,:;()\[\]/–—-]+"
)
# The zone constants below were set on the realnews and crosslingual development sets and checked on
# PolNeAR train + dev (docs/zones.md, `newsline bench news`).
_TIMESTAMP_MAX_CHARS = 120
_TIMESTAMP_MAX_OTHER_WORDS = 4  # an outlet's name ("HARBOUR GAZETTE", "Служба новостей Велморы — СНВ")

_BY_LINE = re.compile(r"[Bb]y\s+(?P<names>.+)")
_NAME_WORD = re.compile(r"[A-ZА-ЯЁ][\w'’.\-]*|and|&|of|the|de|van|von|al|el|bin|,|\|")
_NOT_A_NAME = re.compile(rf"{_WEEKDAY}|{_MONTH}|The|This|That|Then|Now")
_NAME = r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){1,2}"
_NAME_LIST = re.compile(rf"{_NAME}(?:, {_NAME})*,? and {_NAME}")
_HANDLE = re.compile(r"\(?@\w{1,15}\)?")
_URL_LINE = re.compile(r"https?://\S+")
_WIRE_CREDITS = re.compile(r"\((?:Reporting|Writing|Additional reporting|Editing|Compiled)\b[^()]*\bby\b[^()]*\)")

# Captions are recognised by a credit: who took or supplied the picture.
_CAPTION_LABEL = re.compile(
    r"(?:(?:Image|Media|Video) (?:caption|source)\b|(?:Photo(?:graph)?|Picture|Pic|Credit|Caption|Фото"
    r"|Фотография)\s*:)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?<![^\s(\[])©")  # not the © of mis-decoded UTF-8 ("Ã©")
_AGENCY_PHOTOGRAPHER = re.compile(
    rf"\b(?:{_AGENCY}|AP Photo|EPA(?:-EFE)?|Getty Images|Pool)\s*/\s*[A-ZА-ЯЁ][\w.'’\-]*"
    r"(?:\s+[A-ZА-ЯЁ][\w.'’\-]*){0,3}(?:\s*/\s*[\w.'’ \-]+){0,3}(?<!\.)\s*$"
)
_TRAILING_AGENCY = re.compile(
    r"[.!?\"”]\s+(?:AP|AFP|Reuters|REUTERS|Getty(?: Images)?|EPA|Bloomberg|Supplied|Handout|File photo)\s*$"
)
_VIA_CREDIT = re.compile(
    r",?\s+via\s+(?:PA|Reuters|REUTERS|AP|AFP|Getty Images|Twitter|X|Telegram|Instagram|Facebook|YouTube"
    r"|social media)\s*$"
)
_TRAILING_PAREN = re.compile(r"[.!?\"”]\s*\((?P<credit>[^()]{2,60})\)\s*$")
_CREDIT_WORD = re.compile(
    r"\b(?:Photos?|Image|Images|Picture|Handout|Courtesy|File|Pool|Screenshot|Screengrab|Getty|Office"
    r"|Press Service)\b"
)
_CREDIT_TOKEN = re.compile(r"(?:[A-Z][\w'’.\-]*|of|the|and|via|by|for|/|-)")
_CAPTION_MAX_WORDS = 80
_CREDIT_TAIL = 100  # characters at the end of a line that a closing credit fits in

# Related links, calls to follow or subscribe, feed disclaimers, "more to come" notes, copyright footers.
_RELATED = re.compile(
    r"(?:Read|See|Watch|Listen)\s+(?:also|more|next)\b|Also read\b|Related(?:\s+(?:news|articles?|stories))?\s*:"
    r"|Read the (?:full )?(?:article|story|report|interview)\b|Advertisement$|Sponsored$"
    r"|(?:This is a )?developing story\b|This story is developing\b|(?:More )?details to follow\b"
    r"|(?:More|Updates) to (?:come|follow)\b|Subscribe\b|Sign up\b|Click here\b|Share this\b"
    r"|For (?:all )?the latest (?:news|headlines|updates)\b|Follow (?:us|our)\b"
    r"|Читайте (?:также|ещё|еще|подробнее)\b|Смотрите также\b|Узнайте больше\b|Подписывайтесь\b|По теме\s*:",
    re.IGNORECASE,
)
_RELATED_ANYWHERE = re.compile(
    r"\b(?:READ MORE|Read more|Read also|ALSO READ|Also read)\s*:"
    r"|(?:^|[.!?…]\s+)More (?:to come|details to follow)\W*$"
    r"|\b(?:has not been|was not) edited by\b.{0,60}\b(?:staff|feed)\b|\bauto-generated from a syndicated feed\b"
    r"|\bAll rights reserved\b|\bCopyright\b.{0,5}©|©.{0,5}\bCopyright\b"
)
_RELATED_KEYS = ("read more", "read also", "also read", "more to come", "details to follow", "edited by",
                 "syndicated feed", "rights reserved", "copyright")  # literals that gate _RELATED_ANYWHERE
_RELATED_MAX_WORDS = 60

# Datelines: the place (capitals, or a title-case place with a date and an agency), date and agency at
# the head of a paragraph: "TARNOW, May 18 (Velmora Wire) - ", "WASHINGTON (AP) — ", "Тарнов. 5 июля. ТАСС - ".
_UPPER_PLACE = r"[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+\.?(?:\s[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+\.?){0,3}"
_TITLE_PLACE = r"[A-ZА-ЯЁ][a-zа-яё'’\-]+(?:\s[A-ZА-ЯЁ][a-zа-яё'’\-]+){0,2}"
_REGION = rf"(?:,\s*(?:{_TITLE_PLACE}\.?|[A-Z]\.(?:[A-Z]\.)+))?"  # ", Azerbaijan", ", Mich.", ", N.Y."
_DASH = r"(?:--|[-–—])"
_AGENCY_WORD = rf"(?:{_AGENCY}|News|Agency|Press|Wire)"  # a parenthesis naming a wire or an outlet
_AGENCY_MARK = rf"(?:\((?={_AGENCY_WORD}|[^()]*\W{_AGENCY_WORD})[^()\n]{{2,70}}\)|/[A-ZА-ЯЁ][\w\-]*/\.?)"
_DATED_PLACE = rf"(?:{_UPPER_PLACE}|{_TITLE_PLACE}){_REGION}[.,]\s*{_DAY_MONTH}(?:,?\s+{_YEAR})?"
_CREDIT_PAREN = rf"\((?={_AGENCY_WORD}|[^()]*\W{_AGENCY_WORD})[^()\n]{{2,60}}\)"  # "(MENAFN- Velmora News)"
_DATELINE = re.compile(
    rf"(?:{_CREDIT_PAREN}\s*)?"
    r"(?:"
    rf"{_DATED_PLACE}\.?\s*(?:{_AGENCY_MARK}|{_AGENCY}(?!\w))\s*(?:{_DASH}\s*|\.\s*)?"  # "TARNOW. May 18 (AP) - "
    rf"|{_UPPER_PLACE}{_REGION}[.,]\s*{_DAY_MONTH}(?:,?\s+{_YEAR})?(?:\.\s+|\s*{_DASH}\s*)(?:{_AGENCY}\.\s+)?"
    rf"|{_TITLE_PLACE}{_REGION}[.,]\s*{_DAY_MONTH}(?:,?\s+{_YEAR})?\s*{_DASH}\s*(?:{_AGENCY}\.\s+)?"
    rf"|(?P<place>{_UPPER_PLACE}){_REGION}\s*{_AGENCY_MARK}\s*(?:{_DASH}\s*)?"  # "WASHINGTON (AP) — "
    r")"
)
_LEADING_CREDIT = re.compile(rf"{_CREDIT_PAREN}\s*{_DASH}\s*")  # "(Velmora Wire) - "
# Looser forms, trusted only at the head of the first body paragraph or of the text's first lines.
_OUTLET_WORD = r"(?:Times|News|Post|Agency|Press|Daily|Today|Online|Herald|Tribune|Journal|Gazette|Telegraph|Wire)"
_FIRST_DATELINE = re.compile(
    rf"(?P<bare>{_UPPER_PLACE}){_REGION}\s*{_DASH}\s+"  # "WASHINGTON — "
    rf"|{_TITLE_PLACE},\s*{_TITLE_PLACE}\s+{_DASH}\s+"  # "Brenholt, Ruritania - "
    rf"|{_TITLE_PLACE}(?:/{_TITLE_PLACE})*\s*\|\s+"  # "Velmar/Tarnow | "
    rf"|(?:[A-Z][\w.]*\s+){{1,3}}{_OUTLET_WORD}\s+{_DASH}\s+"  # "Velmora Times - "
)
_PLACE_LINE = re.compile(rf"{_UPPER_PLACE}(?:,\s*{_TITLE_PLACE})?")
_PLACE_LINE_MAX_WORDS = 3  # "RIO DE JANEIRO"; a longer line of capitals is more likely a headline
_PLACE_LINE_MAX_CHARS = 40
# Capitals that open a paragraph without being a place.
_NOT_A_PLACE = frozenset({
    "NATO", "OPEC", "ASEAN", "BRICS", "UNICEF", "UNESCO", "IAEA", "WHO", "FIFA", "UEFA", "NASA", "BREAKING",
    "NEWS", "UPDATE", "UPDATED", "EXCLUSIVE", "LIVE", "WATCH", "VIDEO", "OPINION", "ANALYSIS", "EDITORIAL",
    "SUMMARY", "ADVERTISEMENT", "PHOTOS", "READ", "MORE", "EXPLAINER", "FACT", "CHECK", "DETAILS", "EU", "UN",
    "US", "USA", "UK",
})
# Words that open a sentence, never a dateline's place.
_OPENERS = frozenset({
    "on", "in", "at", "the", "a", "an", "but", "and", "after", "before", "when", "while", "if", "as", "for",
    "by", "from", "with", "meanwhile", "however", "yesterday", "today", "tomorrow", "last", "next", "this",
    "that", "earlier", "later", "also", "then", "so", "still", "now", "here", "there", "mr", "mrs", "ms", "dr",
    "he", "she", "they", "we", "it", "в", "на", "по", "ранее", "также", "сегодня", "вчера", "он", "она", "они",
})
# A closing wire source line: "[Source: Velmora Wire, Tarnow, 18May23]".
_WIRE_SOURCE = re.compile(r"[\[(]\s*(?:Source|Источник)\s*:\s*[^\])]{2,80}[\])]")

_SENTENCE_END = ".!…"
_CLOSERS = "\"'”’»)]"
_HEADLINE_MAX_WORDS = 40
_OPENING_LINES = 3  # besides the first body paragraph, loose datelines are trusted in the text's first lines
_SHORT_QUESTION_WORDS = 20  # a headline may end in "?" or "!" or ":" up to this length
_BULLET = re.compile(r"(?:[•*·▪–—-]|\d{1,2}[.)])\s")


class _Line(NamedTuple):
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------------------------------
# Line rules.
# ---------------------------------------------------------------------------------------------------------

def _is_related(line: str) -> bool:
    """Related links, boilerplate and feed disclaimers: "Read more: ...", "More to come", "Advertisement"."""
    if len(line.split()) > _RELATED_MAX_WORDS:
        return False
    if _RELATED.match(line.lstrip("(")):
        return True
    folded = line.casefold()
    return any(key in folded for key in _RELATED_KEYS) and bool(_RELATED_ANYWHERE.search(line))


def _is_caption(line: str) -> bool:
    """A photo caption or credit line: a caption label, ©, "AGENCY/Photographer", a trailing credit."""
    if len(line.split()) > _CAPTION_MAX_WORDS:
        return False
    if _CAPTION_LABEL.match(line) or ("©" in line and _COPYRIGHT.search(line)):
        return True
    tail = line[-_CREDIT_TAIL:]  # the other credits close the line
    if ("/" in tail and _AGENCY_PHOTOGRAPHER.search(tail)) or _TRAILING_AGENCY.search(tail):
        return True
    if " via " in tail and _VIA_CREDIT.search(tail):
        return True
    paren = _TRAILING_PAREN.search(tail)
    return bool(paren and _is_photo_credit(paren["credit"]))


def _is_photo_credit(credit: str) -> bool:
    """ "Getty Images", "Port Velmar Harbour Office": capitalised words naming a picture's source."""
    tokens = credit.replace("/", " / ").split()
    return (len(tokens) <= 8 and bool(_CREDIT_WORD.search(credit))
            and all(_CREDIT_TOKEN.fullmatch(t) for t in tokens))


def _is_byline(line: str) -> bool:
    """A byline or page metadata anywhere: a timestamp, "By Name", an agency alone, a handle, a URL."""
    if _URL_LINE.fullmatch(line) or (line[0] == "(" and _WIRE_CREDITS.fullmatch(line)):
        return True
    if len(line) > _TIMESTAMP_MAX_CHARS:
        return False
    return (_is_timestamp(line) or _is_by_names(line)
            or bool(_AGENCY_LINE.fullmatch(line) or _HANDLE.fullmatch(line)))


def _is_timestamp(line: str) -> bool:
    """ "18 May 2023 12:30", "Velmora Wire | Updated: 23-01-2023 22:07 IST", "21 июня 2023, 12:40 — СНВ": a date
    with a year or a clock time, and besides dates, labels and separators at most a few words (an outlet)."""
    if len(line) > _TIMESTAMP_MAX_CHARS or not _CLOCK_OR_DATE.search(line):
        return False
    if line.rstrip(_CLOSERS).endswith("."):
        return False  # a sentence that gives a date or time ("This story was updated at 10:13 p.m.")
    return len(_TIMESTAMP_FILLER.sub(" ", line).split()) <= _TIMESTAMP_MAX_OTHER_WORDS


def _is_by_names(line: str) -> bool:
    """ "By Jane Doe and Ivo Brenholt", "by Velmora Agency": "By" then capitalised names only."""
    match = _BY_LINE.fullmatch(line)
    if not match or line.endswith("."):
        return False
    words = re.findall(r"[\w'’.\-&|]+|,", match["names"])
    return (0 < len(words) <= 12 and not _NOT_A_NAME.fullmatch(words[0]) and words[0][:1].isupper()
            and all(_NAME_WORD.fullmatch(w) for w in words))


def _is_author_list(line: str) -> bool:
    """ "Jane Doe, Ivo Brenholt and Mara Velt": two or more full names (trusted before the body only)."""
    return bool(_NAME_LIST.fullmatch(line))


def _is_wire_source(line: str) -> bool:
    """A wire source line closing the item, "[Source: Velmora Agency, Tarnow, 18May23]": a dateline."""
    return bool(_WIRE_SOURCE.fullmatch(line))


def _is_place_line(line: str) -> bool:
    """A dateline on its own line before the body: "TARNOW"."""
    if len(line) > _PLACE_LINE_MAX_CHARS or line.endswith(".") or not _PLACE_LINE.fullmatch(line):
        return False
    words = re.findall(r"\w+", line)
    return len(words) <= _PLACE_LINE_MAX_WORDS and not _NOT_A_PLACE.intersection(words)


def _dateline_length(line: str, *, first_paragraph: bool) -> int:
    """How many leading characters of a body paragraph are a dateline (0 when none)."""
    match = _DATELINE.match(line) or _LEADING_CREDIT.match(line)
    if match is None and first_paragraph:
        match = _FIRST_DATELINE.match(line)
    if match is None:
        return 0
    first_word = re.search(r"\w+", match.group().lstrip("(")).group().casefold()
    if first_word in _OPENERS or first_word in MONTHS or first_word in WEEKDAYS:
        return 0  # "On Friday, Velt — ", "Monday, May 5 - ": a sentence, not a place
    place = match.groupdict().get("bare") or match.groupdict().get("place")
    if place is not None and (_NOT_A_PLACE.intersection(words := re.findall(r"\w+", place))
                              or len(words) > _PLACE_LINE_MAX_WORDS):
        return 0
    return match.end()


def _looks_like_headline(line: str) -> bool:
    """Short, not a list item, and not ending like a sentence ("?", "!" and ":" only when short)."""
    words = len(line.split())
    if words > _HEADLINE_MAX_WORDS or _BULLET.match(line):
        return False
    last = line.rstrip(_CLOSERS).rstrip()[-1:]
    if last in "?!:":
        return words <= _SHORT_QUESTION_WORDS
    return last not in _SENTENCE_END + ",;"


def _static_kind(line: str) -> ZoneKind | None:
    """The zone a line is wherever it stands, by its own content."""
    if _is_related(line):
        return "related"
    if _is_caption(line):
        return "caption"
    if _is_byline(line):
        return "byline"
    if _is_wire_source(line):
        return "dateline"
    return None


# ---------------------------------------------------------------------------------------------------------
# The document pass.
# ---------------------------------------------------------------------------------------------------------

def _lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text`` with their offsets, surrounding whitespace excluded."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            lines.append(_Line(start, start + len(stripped), stripped))
    return lines


def _normal(line: str) -> str:
    return " ".join(line.split()).casefold()


def find_zones(text: str) -> list[Zone]:
    """The zones of an article's text, sorted and non-overlapping; text outside them is body.

    Each line is first classified by its content (related, caption, byline, wire source). The lines before
    the first body paragraph that look like headlines are headlines (only when a body paragraph follows),
    and so are later exact repeats of them; the head of each body paragraph may be a dateline."""
    lines = _lines(text)
    kinds: list[ZoneKind | None] = [_static_kind(line.text) for line in lines]
    for i in range(len(lines) - 1):  # a caption's text shown twice, once without its credit
        if kinds[i] is None and kinds[i + 1] == "caption" and lines[i + 1].text.startswith(lines[i].text):
            kinds[i] = "caption"

    zones: list[Zone] = []
    head: list[Zone] = []  # zones found before the first body paragraph; headlines need a body to follow
    headlines: set[str] = set()
    in_head = True
    for number, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind is not None:
            (head if in_head else zones).append(Zone(line.start, line.end, kind))
            continue
        if in_head:
            dateline = _dateline_length(line.text, first_paragraph=True)
            if not dateline:
                if _is_place_line(line.text):
                    head.append(Zone(line.start, line.end, "dateline"))
                    continue
                if _is_author_list(line.text):
                    head.append(Zone(line.start, line.end, "byline"))
                    continue
                if _looks_like_headline(line.text):
                    head.append(Zone(line.start, line.end, "headline"))
                    headlines.add(_normal(line.text))
                    continue
            in_head = False
            zones.extend(head)
        else:
            if _normal(line.text) in headlines:
                zones.append(Zone(line.start, line.end, "headline"))
                continue
            dateline = _dateline_length(line.text, first_paragraph=number < _OPENING_LINES)
        if dateline:
            zones.append(Zone(line.start, line.start + dateline, "dateline"))
    if in_head:  # no body paragraph: keep what the line content says, but claim no headlines
        zones.extend(z for z in head if z.kind != "headline")
    return zones


def zone_kind(zones: Sequence[Zone], offset: int) -> ZoneKind | Literal["body"]:
    """The kind of zone holding character ``offset``, or ``"body"``; ``zones`` as ``find_zones`` returns them."""
    i = bisect_right(zones, offset, key=attrgetter("start")) - 1
    if i >= 0 and offset < zones[i].end:
        return zones[i].kind
    return "body"
