"""Event dates: a timex governing the clause, else the narrative's current date, else publication (said so)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsline.analysis import zones as zoning  # a module import: zones reads the timex lexicon
from newsline.model import EventDate, Timex, Zone
from newsline.publication import publication_day

# Calendar values an event can be placed at (not durations, sets or PRESENT_REF-style references): dates, and
# times of day as clock times or parts of the day ("2023-11-24T07:00", "2023-11-24TMO", "2009-06-01T12:00Z").
_CALENDAR = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(-(\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI)(-\d{2})?)?"
                       r"(T(\d\d(:\d\d){0,2}Z?|MO|AF|EV|NI|MI))?$")
# A date inside a phrase after these is the date of that phrase's event, not of the clause: "expects support
# after a protest at the weekend", "has searched since the Oct. 23 attack", "ahead of Sunday's vote".
_REFERENCE_PREPS = frozenset({"after", "since", "before", "following", "until", "ahead", "prior"})
# A date written as a modifier of a noun ("a June 4 election", "Sunday's vote", "his April agreement") dates that
# noun's event; the clause's only when the noun sets its scene ("in Thursday's statement", "at Monday's summit").
_NOUN_MODIFIERS = frozenset({"compound", "nmod", "poss", "amod"})
_SETTING_PREPS = frozenset({"in", "at", "during"})
_REFERENCES = frozenset({"PAST_REF", "FUTURE_REF"})
# The adverbs that place a clause before or after now without a day: the clause keeps no narrative date.
_CLAUSE_REFERENCES = frozenset({"previously", "recently", "lately", "soon", "earlier"})
# "the first since 2022", "the highest level since 2008": a date that bounds a comparison
_COMPARISON = frozenset({"first", "last", "only", "highest", "lowest", "biggest", "largest", "worst", "best"})


class TimexAttachments:
    """Which verb each usable timex dates: the nearest verb above it in the dependency tree, unless the timex
    modifies a noun phrase that is not the clause's event (:func:`dates_clause`)."""

    def __init__(self, doc: Doc, timexes: list[Timex], zones: Sequence[Zone] = ()) -> None:
        self.by_verb: dict[int, list[tuple[Token, Timex]]] = {}
        # event nouns dated by their own phrase when that date does not date the clause ("Protests in Velmar on
        # Saturday have raised tensions", "fired the starting gun for a July 4 election")
        self.by_noun: dict[int, list[tuple[Token, Timex]]] = {}
        self.chain_heads: set[int] = set()  # verbs whose infinitive chain holds a dated verb ("is expected to speak")
        # verbs a reference word dates ("Ankara has previously said"): before (after) now, but not on any day the
        # story names, so not at the narrative's date either
        self.referred: set[int] = set()
        for timex in timexes:
            if not usable(timex):
                if timex.value in _REFERENCES and timex.span.text.lower() in _CLAUSE_REFERENCES:
                    span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
                    if span is not None and span.root.dep_ == "advmod" and span.root.head.pos_ in ("VERB", "AUX"):
                        self.referred.add(span.root.head.i)
                continue
            span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
            if span is None:
                continue
            verb = governing_verb(span.root)
            if verb is not None and zoning.zone_kind(zones, verb.idx) != zoning.zone_kind(zones, timex.span.start):
                continue  # a byline's timestamp run into the first sentence dates nothing in it
            if verb is None or not dates_clause(span.root, verb):
                if (noun := _modified_noun(span.root)) is not None:
                    self.by_noun.setdefault(noun.i, []).append((span.root, timex))
                continue
            if verb is not None:
                self.by_verb.setdefault(verb.i, []).append((span.root, timex))
                node = verb
                while node.dep_ == "xcomp" and node.head.i != node.i:  # "expected to speak", "due to fly"
                    node = node.head.head if node.head.dep_ == "acomp" else node.head
                    self.chain_heads.add(node.i)
                if (setting := _setting_verb(verb)) is not None:
                    self.by_verb.setdefault(setting.i, []).append((span.root, timex))

    def for_verbs(self, verbs: list[Token]) -> Timex | None:
        found = self.all_for_verbs(verbs)
        return found[0] if found else None

    def all_for_verbs(self, verbs: list[Token]) -> list[Timex]:
        """The dates of the first of ``verbs`` that has any: one, or several when they are coordinated ("raised
        rates in May and March", "in March, ... in June"), each a separate occurrence of the event."""
        attached = next((found for v in verbs if (found := self.by_verb.get(v.i) or self.by_noun.get(v.i))), [])
        if not attached:
            return []
        first_root, first = attached[0]
        for _, timex in attached[1:]:  # "on Thursday at 10:13 p.m.": the time of that day
            if first.granularity == "day" and timex.granularity == "time" and (timex.value or "")[:10] == first.value:
                first = timex
        roots, found = [first_root], [first]
        for root, timex in attached[1:]:
            if any(_coordinated(r, root) for r in roots) and timex.value not in (t.value for t in found):
                roots.append(root)
                found.append(timex)
        return found


def _modified_noun(root: Token) -> Token | None:
    """The common noun a date modifies: "a June 4 election", "Sunday's vote", "protests on Saturday"."""
    head = root.head
    if root.dep_ in _NOUN_MODIFIERS and head.pos_ == "NOUN":
        return head
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("on", "in", "at", "during") \
            and head.head.pos_ == "NOUN":
        return head.head
    return None


def _coordinated(a: Token, b: Token) -> bool:
    """Two dates of one verb that are alternatives or repetitions: conjoined ("in May and March") or each in its
    own phrase with the same preposition ("in February ..., in June ...")."""
    if b in a.conjuncts:
        return True
    return a.dep_ == b.dep_ == "pobj" and a.head.lower_ == b.head.lower_ and a.head.i != b.head.i


def _setting_verb(verb: Token) -> Token | None:
    """"At its meeting ending on 2 August, the committee voted": a participle on an event noun that sets the scene
    of another clause dates that clause too."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ in ("at", "during") and prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    return None


def dates_clause(root: Token, verb: Token) -> bool:
    """Whether a timex (its root token) dates the clause of ``verb`` rather than a noun phrase inside it: not when
    it sits in the clause's active subject ("Protests in Stockholm on Saturday have heightened tensions"), in a phrase
    after *after/since/before...* ("after a protest at the weekend"), bounds a comparison ("the first since
    2022"), or modifies a noun that is not the clause's setting ("fired the starting gun for a July 4 election",
    but "in Thursday's statement, X said")."""
    if root.dep_ in _NOUN_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != verb.i:
        phrase = _phrase_under(root.head, verb)
        if phrase is not None and (phrase.dep_ in ("nsubj", "csubj", "dobj", "attr")
                                   or phrase.dep_ == "prep" and phrase.lower_ not in _SETTING_PREPS):
            return False  # "fired the starting gun for a July 4 election": the election's date
    node = root
    while node.head.i != node.i and node.i != verb.i:
        child, node = node, node.head
        if node.i == verb.i:
            return True
        if node.dep_ == "prep" and node.lower_ in ("from", "than") and child.dep_ == "prep":
            return False  # "slowed to 2.3% in April, down from 3.2% in March": the March figure's date
        if node.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and node.i != root.i and root.dep_ == "pobj":
            if child.dep_ == "prep" and child.lower_ == "since" or node.lower_ in _COMPARISON \
                    or any(c.lower_ in _COMPARISON and c.dep_ in ("amod", "advmod") for c in node.children):
                return False
            phrase = _phrase_under(node, verb)
            # a passive's subject may be the event itself ("such a statement on Monday was made by ...")
            if phrase is not None and (phrase.dep_ in ("nsubj", "csubj")
                                       or phrase.dep_ == "prep" and phrase.lower_ in _REFERENCE_PREPS):
                return False
    return True


def _phrase_under(token: Token, verb: Token) -> Token | None:
    """The child of ``verb`` whose subtree holds ``token``."""
    node = token
    while node.head.i != node.i:
        if node.head.i == verb.i:
            return node
        node = node.head
    return None


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
    return EventDate(timex.value, timex.granularity, timex.mod, "timex", timex.id, timex.tz)


def from_publication(published: str | None) -> EventDate:
    """The publication day, marked as such; value None when the article has no publication date either."""
    day = publication_day(published)
    return EventDate(day.isoformat() if day else None, "day" if day else None, None, "publication")


def dateline_date(timexes: list[Timex], zones: Sequence[Zone]) -> EventDate | None:
    """The day a dateline states ("ST. VELMAR, June 17. /TASS/."), the day a wire item reports on."""
    for timex in timexes:
        if timex.granularity == "day" and timex.resolved and zoning.zone_kind(zones, timex.span.start) == "dateline":
            return EventDate(timex.value, "day", None, "dateline", timex.id)
    return None


class Narrative:
    """The narrative's current date per paragraph: the date of the last event the text dates and says took
    place. Planned or supposed events, and events in headlines, bylines and captions, keep their own dates
    without setting it."""

    def __init__(self, text: str, zones: Sequence[Zone] = (), dateline: EventDate | None = None) -> None:
        self._breaks = [m.end() for m in re.finditer(r"\n\s*", text)]
        self._current: dict[int, EventDate] = {}
        self._zones = zones
        self._dateline = dateline

    def paragraph(self, offset: int) -> int:
        return bisect_right(self._breaks, offset)

    def date(self, offset: int, own: Timex | None, published: str | None, referred: bool = False) -> EventDate:
        """An event's date: its own timex's, else the paragraph's current date (not for a clause a reference word
        places: ``referred``), else the dateline's or the publication date."""
        if own is not None:
            return from_timex(own)
        current = None if referred else self._current.get(self.paragraph(offset))
        if current is not None:
            return EventDate(current.value, current.granularity, current.mod, "narrative", current.timex, current.tz)
        return self._dateline or from_publication(published)

    def advance(self, offset: int, date: EventDate) -> None:
        """An event at ``offset`` took place at ``date``: a date of its own becomes the paragraph's current date
        (not in headlines, bylines and captions)."""
        if date.source == "timex" and zoning.zone_kind(self._zones, offset) in ("body", "dateline"):
            self._current[self.paragraph(offset)] = date
