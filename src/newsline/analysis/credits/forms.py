"""The ways a text credits a source, as regular expressions, and what makes an unknown name look like an outlet.

Each form names the cue (the words that make it a credit) and where the credited name sits: after the cue
("according to X", "told X", "[Source: X]"), before it ("X reported"), or inside a dateline's brackets
("MOSCOW, May 18 (Interfax) -", "ST. PETERSBURG, June 17. /TASS/.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A capitalised name: words starting with a capital (any script), joined by a few lower-case particles, with an
# optional trailing "(news) agency" ("Anadolu agency"). The particles may not end it, nor does a sentence's full
# stop run it into the next sentence.
_WORD = r"[A-ZА-ЯЁ][\w&'’.-]*"
NAME = rf"{_WORD}(?:(?<!\.)[ \t]+(?:(?:of|de|del|for|and|&)[ \t]+)?{_WORD})*(?:(?<!\.)[ \t]+(?:news[ \t]+)?agency)?"
_THE = r"(?:[Tt]he[ \t]+)?"

# Last words that make an unknown name an outlet rather than a person or an institution ("the Harbour Gazette",
# "Anadolu agency"); known outlets come from the origins table whatever their name.
MEDIA_WORDS = frozenset("""
agency news press wire wires media times post gazette herald journal telegraph observer review daily tribune
chronicle ledger tv television radio broadcasting broadcaster channel record guardian independent mirror express
standard today insider globe star courier inquirer bulletin monitor dispatch examiner register sentinel mail week
weekly magazine network newspaper bureau pravda messenger citizen voice nation argus advertiser leader reporter
informer digest online newswire newsroom report
агентство новости известия газета ведомости
""".split())


@dataclass(frozen=True, slots=True)
class Form:
    """A credit form: ``pattern`` has groups ``cue`` and ``name``. ``text`` forms credit the whole text (a source
    line), the others a claim in it; ``quote`` forms credit the outlet a speaker talked to; ``any_name`` forms
    (which can only be about a publication: "first published by X") accept any capitalised name, the others
    only a known origin or a name that looks like an outlet ("Source: NATO" under a chart is no credit)."""

    kind: str
    pattern: re.Pattern[str]
    text: bool = False
    quote: bool = False
    any_name: bool = False
    cyrillic: bool = False  # its cues are Russian: not tried on a text without Cyrillic letters


def _form(kind: str, regex: str, **flags: bool) -> Form:
    return Form(kind, re.compile(regex, re.MULTILINE), **flags)


_RU_CLAIM_CUES = "|".join((
    r"[Сс]ообща(?:ет|ют|ло|ли)", r"[Сс]ообщил[аио]?", r"[Пп]ереда(?:ет|ют|ло|ли)", r"[Пп]иш(?:ет|ут)", r"[Ии]нформиру(?:ет|ют)",
    r"[Пп]ривод(?:ит|ят)", r"[Цц]итир(?:ует|уют)", r"[Цц]итата[ \t]+по", r"[Сс]о[ \t]+ссылкой[ \t]+на",
    r"[Пп]о[ \t]+(?:данным|информации|сообщению)", r"[Кк]ак[ \t]+(?:сообщ(?:ает|ают|ил|ила|ило|или)|пиш(?:ет|ут))",
    r"[Сс]ообщени[ея][ \t]+(?:опубликовал[аио]?|появилось[ \t]+на[ \t]+сайте)",
))
_RU_TOLD_CUES = "|".join((
    r"в[ \t]+интервью", r"в[ \t]+беседе[ \t]+с", r"во[ \t]+время[ \t]+беседы[ \t]+с", r"в[ \t]+разговоре[ \t]+с",
    r"в[ \t]+эфире",
))
_RU_OUTLET_WORDS = (r"(?:российск(?:ий|ое|ая|ому|ой|им)|агентств(?:о|у|а|ом)|издани(?:е|ю|я|ем)|газет(?:а|е|ы|ой)"
                    r"|телеканал(?:а|у|ом)?|радиостанци(?:я|и|ей)|портал(?:а|у|ом)?|сайт(?:а|у)?)")

# What may stand between a clause-final cue and the outlet's name: "reports Russian news agency TASS", "writes the
# newspaper Kommersant".
_EN_OUTLET_WORDS = r"(?:[Rr]ussian|[Ss]tate|[Nn]ews|[Aa]gency|[Nn]ewspaper|[Dd]aily|[Pp]ublication|[Pp]ortal|[Cc]hannel)"

FORMS: tuple[Form, ...] = (
    # source lines: the whole text is someone else's
    _form("source", rf"(?P<cue>[\[(]?\b(?:[Ss]ources?|SOURCES?)[ \t]*:)[ \t]*{_THE}(?P<name>{NAME})", text=True),
    _form("source", rf"(?P<cue>\b(?:[Tt]his|[Tt]he)[ \t]+(?:story|article|report|item|piece|news|text)[ \t]+"
                    rf"(?:was[ \t]+|is[ \t]+|has[ \t]+been[ \t]+)?(?:(?:first|originally)[ \t]+)?"
                    rf"(?:published|appeared|reported|written|produced|posted)[ \t]+(?:by|in|on|at)[ \t]+)"
                    rf"{_THE}(?P<name>{NAME})", text=True, any_name=True),
    _form("source", rf"(?P<cue>\b(?:[Tt]his|[Ii]t)[ \t]+was[ \t]+(?:first[ \t]+)?reported[ \t]+by[ \t]+)"
                    rf"{_THE}(?P<name>{NAME})", text=True, any_name=True),
    _form("source", rf"(?P<cue>\b(?:[Oo]riginally|[Ff]irst)[ \t]+(?:published|reported|appeared)[ \t]+"
                    rf"(?:by|in|on|at)[ \t]+){_THE}(?P<name>{NAME})", text=True, any_name=True),
    _form("source", rf"(?P<cue>\b[Rr]ead[ \t]+(?:the|this|more|our)[^.\n]{{0,100}}?[ \t](?:in|on|at|from)[ \t]+)"
                    rf"{_THE}(?P<name>{NAME})", text=True, any_name=True),
    _form("source", rf"(?P<cue>\b(?:[Rr]epublished|[Rr]eprinted|[Ss]yndicated)[ \t]+(?:with[ \t]+permission[ \t]+)?"
                    rf"(?:from|by)[ \t]+){_THE}(?P<name>{NAME})", text=True, any_name=True),
    _form("source", rf"(?P<cue>\b[Cc]opyright[ \t]+(?:©[ \t]*)?(?:\d{{4}}[ \t]+)?){_THE}(?P<name>{NAME})", text=True),
    _form("source", rf"{_THE}(?P<name>{NAME})(?P<cue>[ \t]+contributed[ \t]+to[ \t]+this[ \t]+(?:report|story))",
          text=True),
    _form("source", rf"(?P<cue>\b[Ww]ith[ \t]+(?:additional[ \t]+)?inputs?[ \t]+from[ \t]+){_THE}(?P<name>{NAME})",
          text=True),
    # claims credited to an outlet
    _form("reported", rf"{_THE}(?P<name>{NAME})(?P<cue>[ \t]+(?:has[ \t]+|had[ \t]+|first[ \t]+)?"
                      rf"(?:reported|reports|wrote|writes|quoted|quotes|cited|cites"
                      rf"|said[ \t]+in[ \t]+a[ \t]+report)\b)"),
    _form("reported", rf"(?P<cue>\b(?:[Aa]s[ \t]+)?(?:first[ \t]+)?(?:reported|wrote)[ \t]+(?:(?:by|in|on)[ \t]+)?)"
                      rf"{_THE}(?P<name>{NAME})"),
    _form("reported", rf"(?P<cue>\b[Ii]n[ \t]+a[ \t]+report[ \t]+(?:by|in|from|published[ \t]+by)[ \t]+)"
                      rf"{_THE}(?P<name>{NAME})"),
    # ... clause-final, the verb first, as a translation from Russian puts "сообщают «Известия»": "..., report
    # “News”", "..., reports Russian news Agency TASS", "..., writes Kommersant"
    _form("reported", rf"(?<=,)[ \t]+(?P<cue>(?:reports?|writes?|informs?|transmits?)[ \t]+{_THE}"
                      rf"(?:{_EN_OUTLET_WORDS}[ \t]+)*)[“\"«]?(?P<name>{NAME})"),
    _form("according", rf"(?P<cue>\b[Aa]ccording[ \t]+to[ \t]+){_THE}(?P<name>{NAME})"),
    _form("citing", rf"(?P<cue>\b(?:[Cc]iting|[Cc]ited[ \t]+by|[Qq]uoted[ \t]+by|[Vv]ia|[Pp]er|[Cc]ourtesy(?:[ \t]+of)?)"
                    rf"[ \t]+){_THE}(?P<name>{NAME})"),
    # the outlet a speaker talked to
    _form("told", rf"(?P<cue>\b(?:told|telling|[Ss]peaking[ \t]+to|[Ii]n[ \t]+comments[ \t]+to|"
                  rf"[Ii]n[ \t]+an?[ \t]+(?:exclusive[ \t]+)?interview[ \t]+(?:with|for|to))[ \t]+)"
                  rf"{_THE}(?P<name>{NAME})", quote=True),
    # Russian: "сообщают «Известия»", "передает ТАСС", "цитата по Интерфаксу", "со ссылкой на РИА Новости", "как
    # пишет газета «Коммерсантъ»" (a name in guillemets or quotes, after an optional kind of outlet) ...
    _form("reported", rf"(?P<cue>\b(?:{_RU_CLAIM_CUES})[ \t]+(?:{_RU_OUTLET_WORDS}[ \t]+)*)«(?P<name>[А-ЯЁA-Z][^»\n]{{1,60}})»",
          cyrillic=True),  # a name in guillemets runs to the closing one: «Российская газета», «Новая газета»
    _form("reported", rf"(?P<cue>\b(?:{_RU_CLAIM_CUES})[ \t]+(?:{_RU_OUTLET_WORDS}[ \t]+)*)[«\"“„]?(?P<name>{NAME})",
          cyrillic=True),
    # ... and the outlet a speaker talked to: "заявил в интервью «Известиям»", "во время беседы с РИА «Новости»"
    _form("told", rf"(?P<cue>\b(?:{_RU_TOLD_CUES})[ \t]+(?:{_RU_OUTLET_WORDS}[ \t]+)*)[«\"“„]?(?P<name>{NAME})",
          quote=True, cyrillic=True),
)

# "MOSCOW, May 18 (Interfax) -", "BEIJING, Nov. 2 (Xinhua) --", "WASHINGTON (AP) —", "ST. PETERSBURG, June 17.
# /TASS/.", "FLINT, Mich., Oct. 4 (UPI) —", "MOSCOW (UrduPoint News / Sputnik - 03rd August, 2023)": a place in
# capitals at the start of a line (and its state), an optional date, then the credited names in brackets or
# between slashes.
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’\- ]{1,40}?)(?:,[ \t]*[A-Z][A-Za-z.]{1,12}?)?"  # "FLINT, Mich.", "HEMPSTEAD, N.Y."
    r"[ \t]*(?:[,.][ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+"
    r"[A-Z][a-z]{2,8}))?\.?[ \t]*(?:\((?P<paren>[^()\n]{2,80})\)|/(?P<slash>[^/\n]{2,40})/)",
    re.MULTILINE,
)
# "By Anadolu Agency", "by AP": a line that starts with "By".
BYLINE = re.compile(r"^[ \t]*(?P<cue>[Bb]y[ \t]+)(?P<names>[^\n]{2,80})$", re.MULTILINE)
# Russian datelines: "МОСКВА, 22 сентября. /ТАСС/.", "МОСКВА, 13 фев - РИА Новости.", "МОСКВА, 5 июл — Интерфакс."
DATELINE_RU = re.compile(
    r"^[ \t]*(?P<place>[А-ЯЁ][А-ЯЁ\- ]{1,40}?)[ \t]*,[ \t]*\d{1,2}[ \t]+[а-яё]{3,9}\.?(?:[ \t]+\d{4})?"
    r"(?:[ \t]*,?[ \t]+\d{1,2}:\d{2})?[ \t]*(?:\.[ \t]*/(?P<slash>[^/\n]{2,40})/|[-–—][ \t]*(?P<paren>[^.\n]{2,40}))",
    re.MULTILINE,
)
# Photo credits: "© REUTERS", "Photo: AFP", "REUTERS/Toby Melville", "AP Photo/Evan Vucci", "Evan Vucci/AP",
# "(Photo by Jane Doe/AFP via Getty Images)".
PHOTO_CUE = re.compile(r"(?:©|\([cC]\)|\b(?:[Pp]hoto(?:graph)?s?|[Ii]mages?|[Pp]ictures?|[Pp]ics?|[Cc]redit)"
                       r"(?:[ \t]+(?:credit|courtesy))?[ \t]*(?::|by\b))[ \t]*")
_CAPS_RUN = r"[A-Z][\w.'’-]*(?:(?<!\.)[ \t]+[A-Z][\w.'’-]*){0,3}"
PHOTO_SLASH = re.compile(rf"(?<![\w/])(?P<left>{_CAPS_RUN})[ \t]*/[ \t]*(?P<right>{_CAPS_RUN})[ \t]*(?=$|\))",
                         re.MULTILINE)  # at the end of a line (a caption's credit), not "a Reuters/Ipsos poll"
