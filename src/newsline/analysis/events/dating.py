"""Event dates: a timex governing the clause, else the narrative's current date, else publication (said so)."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from newsline.model import EventDate, Timex

# Calendar values an event can be placed at (not durations, sets or PRESENT_REF-style references).
_CALENDAR = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(-(\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI)(-\d{2})?)?(T[\d:]+)?$")


class TimexAttachments:
    """Which verb each usable timex modifies: the nearest verb above the timex in the dependency tree."""

    def __init__(self, doc: Doc, timexes: list[Timex]) -> None:
        self.by_verb: dict[int, Timex] = {}
        for timex in timexes:
            if not usable(timex):
                continue
            span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
            if span is None:
                continue
            verb = governing_verb(span.root)
            if verb is not None:
                self.by_verb.setdefault(verb.i, timex)

    def for_verbs(self, verbs: list[Token]) -> Timex | None:
        return next((self.by_verb[v.i] for v in verbs if v.i in self.by_verb), None)


def usable(timex: Timex) -> bool:
    """A resolved calendar date or time (a timeline can place it)."""
    return (timex.type in ("DATE", "TIME") and timex.resolved and timex.value is not None
            and bool(_CALENDAR.match(timex.value)))


def governing_verb(token: Token) -> Token | None:
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node if node.pos_ in ("VERB", "AUX") else None


def from_timex(timex: Timex) -> EventDate:
    return EventDate(timex.value, timex.granularity, timex.mod, "timex", timex.id)


def from_publication(published: str | None) -> EventDate:
    """The publication day, marked as such; value None when the article has no publication date either."""
    day = published[:10] if published else None
    return EventDate(day, "day" if day else None, None, "publication")


class Narrative:
    """The narrative's current date per paragraph: the date of the last event dated by the text."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.end() for m in re.finditer(r"\n\s*", text)]
        self._current: dict[int, EventDate] = {}

    def paragraph(self, offset: int) -> int:
        return bisect_right(self._breaks, offset)

    def date(self, offset: int, own: Timex | None, published: str | None) -> EventDate:
        paragraph = self.paragraph(offset)
        if own is not None:
            date = from_timex(own)
            self._current[paragraph] = date
            return date
        current = self._current.get(paragraph)
        if current is not None:
            return EventDate(current.value, current.granularity, current.mod, "narrative", current.timex)
        return from_publication(published)
