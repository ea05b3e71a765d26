"""Credits: the sources an article's text names for itself (docs/stories.md, "Credits").

A pure stage over the text, its quotes and its zones: datelines ("MOSCOW, May 18 (Interfax) -"), bylines ("By
Anadolu Agency", a line naming an agency alone), source lines ("[Source: Tass, Moscow, 18May23]", "This was
reported by Anadolu agency"), claims credited inline ("..., the Harbour Gazette reported", "according to
Reuters", "told RIA Novosti", which credits the outlet as the origin of that quote) and photo credits ("©
REUTERS", "REUTERS/Toby Melville"), which credit the picture, not the text. Each credit's ``where`` comes from
the zone it sits in when the zone says byline, dateline or caption, else from its form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsline.analysis.credits.forms import (
    BYLINE, DATELINE, FORMS, MEDIA_WORDS, NAME, PHOTO_CUE, PHOTO_SLASH, Form,
)
from newsline.analysis.zones import zone_kind
from newsline.model import Credit, CreditPlace, CreditScope, Quote, Span, Zone
from newsline.origins import Origins, default_origins

_NAME_AT = re.compile(NAME)
_SPLIT = re.compile(r"[ \t]*(?:/|,|;|\||\band\b|[ \t][-–—][ \t])[ \t]*")
PHOTO_SPLIT = re.compile(r"[ \t]*(?:/|,|;|\||\bvia\b|\bfor\b|[ \t][-–—][ \t])[ \t]*")
_LINE_HEAD = re.compile(r"^[ \t]*", re.MULTILINE)
_AGENCY_LEAD = re.compile(r"(?:[-–—]+|\()?[ \t]*")  # "— AFP", "(AFP)" on a line of their own
_TRIM = ".-'’ \t"
# Hand-set (no tuning recorded); the credit figures of `newsline bench news` (realnews dev) measure it.
QUOTE_REACH = 80  # characters between a quote's source or cue and "told X" for the credit to be that quote's


def find_credits(text: str, quotes: Sequence[Quote] = (), zones: Sequence[Zone] = (),
                 origins: Origins | None = None) -> list[Credit]:
    """Every credit in ``text``, in text order; a name is credited once (the first form that finds it wins:
    datelines, bylines, photo credits, then the inline forms, then known names anywhere in a byline or dateline
    zone)."""
    finder = _Finder(text, quotes, zones, origins or default_origins())
    finder.datelines()
    finder.bylines()
    finder.photos()
    for form in FORMS:
        finder.form(form)
    finder.zone_names()
    return sorted(finder.found, key=lambda c: (c.span.start, c.span.end))


def looks_like_outlet(name: str) -> bool:
    """An unknown name that ends in a media word: "the Harbour Gazette", "Anadolu agency", "UrduPoint News"."""
    words = name.lower().replace("-", " ").split()
    return bool(words) and words[-1].strip(".") in MEDIA_WORDS


class _Finder:
    def __init__(self, text: str, quotes: Sequence[Quote], zones: Sequence[Zone], origins: Origins) -> None:
        self.text, self.quotes, self.zones, self.origins = text, quotes, zones, origins
        self.found: list[Credit] = []
        self.taken: list[tuple[int, int]] = []

    # -- forms --------------------------------------------------------------------------------------------------

    def datelines(self) -> None:
        for m in DATELINE.finditer(self.text):
            group = "paren" if m.group("paren") else "slash"
            for start, end in self._parts(m.start(group), m.end(group)):
                self._add(start, end, "dateline", "text", None, accept_unknown=False)

    def bylines(self) -> None:
        for m in BYLINE.finditer(self.text):
            cue = Span.of(self.text, m.start("cue"), m.end("cue") - 1)
            for start, end in self._parts(m.start("names"), m.end("names")):
                self._add(start, end, "byline", "text", cue, accept_unknown=False)
        known = self.origins.pattern()
        for head in _LINE_HEAD.finditer(self.text):  # a line that starts with an agency's name: "Reuters |", "— AFP"
            m = known.match(self.text, _AGENCY_LEAD.match(self.text, head.end()).end())
            if m and re.match(r"[ \t]*(?:$|\||\)|[-–—]|,?[ \t]*\d)", self.text[m.end():], re.MULTILINE):
                self._add(m.start(), m.end(), "byline", "text", None, accept_unknown=False)

    def photos(self) -> None:
        """Photo credits: every name after a photo cue up to the end of its line or bracket ("Photo: Jane
        Doe/AFP via Getty Images"), and "NAME/Person" or "Person/NAME" where NAME is a known origin or written in
        capitals ("REUTERS/Toby Melville", "Evan Vucci/AP")."""
        for m in PHOTO_CUE.finditer(self.text):
            cue = self._span_stripped(m.start(), m.end())
            stop = re.compile(r"[\n)\]]").search(self.text, m.end())
            for start, end in self._parts(m.end(), stop.start() if stop else len(self.text), PHOTO_SPLIT):
                if self.text[start:end][:1].isupper():
                    self._add(start, end, "photo", "photo", cue, accept_unknown=True)
        known_names = self.origins.pattern()
        for m in PHOTO_SLASH.finditer(self.text):
            whole = known_names.search(self.text, m.start(), m.end())
            if whole and whole.start() < m.end("left") < whole.end():  # one name with a slash: "RFE/RL"
                continue
            sides = {side: self._stripped(m.start(side), m.end(side)) for side in ("left", "right")}
            for side, other in (("left", "right"), ("right", "left")):
                start, end = sides[side]
                name = re.sub(r"\s+Photo$", "", self.text[start:end])
                known = self.origins.by_name(name) is not None
                capitals = name.isupper() and len(name) >= 2
                if (known or capitals) and self.text[slice(*sides[other])][:1].isupper():
                    self._add(start, start + len(name), "photo", "photo", None, accept_unknown=True)

    def form(self, form: Form) -> None:
        for m in form.pattern.finditer(self.text):
            cue = self._span_stripped(m.start("cue"), m.end("cue"))
            scope: CreditScope = "text" if form.text else "quote" if form.quote else "claim"
            self._named_run(m.start("name"), m.end("name"), "inline", scope, cue, any_name=form.any_name,
                            quote=self._quote_for(m.start("cue"), m.end("cue")) if form.quote else None,
                            last=m.start("name") < m.start("cue"))

    def zone_names(self) -> None:
        known = self.origins.pattern()
        for zone in self.zones:
            if zone.kind in ("byline", "dateline", "caption"):
                for m in known.finditer(self.text, zone.start, zone.end):
                    where = "photo" if zone.kind == "caption" else zone.kind
                    self._add(m.start(), m.end(), where, "text", None, accept_unknown=False)

    # -- helpers ------------------------------------------------------------------------------------------------

    def _parts(self, start: int, end: int, split: re.Pattern[str] = _SPLIT) -> list[tuple[int, int]]:
        """The names in a dateline's brackets or a byline, split at slashes, commas, "and" and dashes."""
        parts, cursor = [], start
        for sep in [*split.finditer(self.text, start, end), None]:
            stop = sep.start() if sep else end
            a, b = self._stripped(cursor, stop)
            if b > a and not any(c.isdigit() for c in self.text[a:b]):
                parts.append((a, b))
            if sep:
                cursor = sep.end()
        return parts

    def _named_run(self, start: int, end: int, where: CreditPlace, scope: CreditScope, cue: Span | None, *,
                   any_name: bool,
                   quote: str | None = None, last: bool = False) -> None:
        """Credit the known names inside a capitalised run (the last one when the name precedes its cue), else
        the run itself when any name will do or it looks like an outlet."""
        known = list(self.origins.pattern().finditer(self.text, start, end))
        if known:
            m = known[-1] if last else known[0]
            self._add(m.start(), m.end(), where, scope, cue, quote=quote, accept_unknown=False)
            return
        a, b = self._stripped(start, end)
        if b > a and (any_name or looks_like_outlet(self.text[a:b])):
            self._add(a, b, where, scope, cue, quote=quote, accept_unknown=True)

    def _add(self, start: int, end: int, where: CreditPlace, scope: CreditScope, cue: Span | None, *,
             quote: str | None = None, accept_unknown: bool) -> None:
        name = self.text[start:end]
        origin = self.origins.by_name(name)
        if origin is None and not (accept_unknown or looks_like_outlet(name)):
            return
        zone = self._zone(start)
        if any(a < end and start < b for a, b in self.taken):
            return
        if zone == "related" and not (where == "inline" and scope == "text"):  # links to other stories, unless a
            return  # source line ("Read the article ... in the Financial Review") sits among them
        if zone == "caption" or where == "photo":
            where, scope = "photo", "photo"
        elif zone in ("byline", "dateline"):
            where, scope = zone, "text"  # type: ignore[assignment]
        self.taken.append((start, end))
        self.found.append(Credit(name, origin.id if origin else None, Span(start, end, name), where, scope, cue,
                                 quote if scope == "quote" else None))

    def _zone(self, offset: int) -> str:
        return zone_kind(self.zones, offset)

    def _stripped(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        if self.text[start:end].endswith(("'s", "’s")):
            end -= 2
        if re.match(r"[Tt]he\s", self.text[start:end]):
            start += 4
        return start, end

    def _span_stripped(self, start: int, end: int) -> Span:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span.of(self.text, start, end)

    def _quote_for(self, cue_start: int, cue_end: int) -> str | None:
        """The quote whose source or cue ends shortly before "told X" (or whose cue is "told" itself)."""
        best, distance = None, QUOTE_REACH + 1
        for q in self.quotes:
            for span in (q.cue, q.source, q.content):
                if span is None:
                    continue
                if span.start <= cue_end and span.end >= cue_start - QUOTE_REACH:
                    gap = max(0, cue_start - span.end)
                    if gap < distance:
                        best, distance = q.id, gap
        return best


__all__ = ["find_credits", "looks_like_outlet"]
