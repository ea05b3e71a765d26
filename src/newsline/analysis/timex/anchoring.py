"""What relative expressions are relative to: the publication date (deictic), the narrative (anaphoric), and the
tense of the governing verb, which picks the past or the future occurrence of "Monday" or "in March"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Token

from newsline.analysis.timex.calendar import Period, finer_or_equal, period_of, shift

# "nearest": ahead of a past moment ("was due to fly out Thursday"), so as likely just before publication as after
Tense = Literal["past", "present", "future", "nearest"]

NO_DCT = "relative to the publication date, which is unknown"
# The ``part`` of a year's Period that stands for the part of it reported so far ("the first nine months").
YEAR_TO_DATE = "to date"
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_MODALS = {"should", "must", "can", "may"}
# "as soon as Tuesday", "no later than Friday", "closed until Friday" (a deadline), "effective Feb. 1" (when a
# change takes effect): a time still to come.
_FUTURE_SIGNAL = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|until|till|effective)\s+$", re.I)
# "has extended the loans through January": the end of a stretch that goes on, unless the clause is in the past
# ("had bought shares through Sept. 29", "rose through August").
_THROUGH = re.compile(r"\bthrough\s+$", re.I)
# Verbs that put what they govern ahead of them: "has scheduled a news conference Thursday" is a future Thursday.
_FUTURE_GOVERNORS = {"plan", "expect", "schedule", "intend", "aim", "hope", "want", "set", "prepare", "due", "slate", "seek", "agree", "promise", "vow", "threaten", "propose"}
# Of those, the ones whose object is ahead of them in any tense ("planned a rally on Saturday").
_FUTURE_IN_ANY_TENSE = {"plan", "schedule", "expect", "intend", "slate"}
# What stands between two coordinated dates: "October or November", "May and March", "March to May".
_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|or|to|through|until|till|-|–)?\s*(?:in\s+|on\s+)?", re.I)
# Prepositions that put the noun they govern before the verb's event ("after a protest at the weekend").
_EARLIER_PREPS = {"after", "since", "following"}
_LATER_PREPS = {"before", "ahead", "until", "till", "pending", "for"}
# Verbs whose negated "would" is a past refusal ("would not say", "would not comment"), not a future.
_DISCLOSING = {"say", "comment", "confirm", "disclose", "elaborate", "reveal", "specify", "discuss", "answer",
               "respond", "identify", "name", "give"}


@dataclass(slots=True)
class Context:
    """The reference points while tagging one document, in reading order."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    dct: date | None
    narrative: list[tuple[Period, str]] = field(default_factory=list)  # resolved dates so far, with their timex id
    # the day of the expression written right after the one being normalised ("7am on Friday"), and its timex id
    attached: tuple[date, str] | None = None
    previous: tuple[int, Period, str] | None = None  # where the last calendar expression ended, its period and id

    def tense(self, start: int, end: int) -> Tense | None:
        """The tense of the clause the expression at ``[start, end)`` dates, None when it has none.

        A date that modifies a noun has the time of what the noun names: a present-tense verb says nothing about
        it ("follows Tuesday's vote", "a contest in November is likely"), nor does any verb when the noun is a
        reference point before it ("should not expect support after a protest at the weekend")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        token = span.root
        noun: Token | None = None  # the noun the date modifies, if any
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                break
            token = token.head
            if noun is None and token.pos_ == "NOUN" and token.i not in range(span.start, span.end):
                noun = token
        until = _FUTURE_SIGNAL.search(self.text, max(0, start - 16), start) is not None
        if token.pos_ not in ("VERB", "AUX"):
            return "future" if until else None
        tense = _verb_tense(token, depth=0)
        if until and not (span.start < token.i and _simple_past(token)):
            return "future"  # "closed until Friday", but "Until Thursday, they had not called him a suspect"
        if tense == "past" and not _simple_past(token) and _THROUGH.search(self.text, max(0, start - 9), start):
            return "future"
        if token.lemma_ in _FUTURE_IN_ANY_TENSE and span.start < token.i:
            return _verb_tense(token, depth=0, own_time=True)  # "On Friday, the government planned to pay"
        if noun is None and tense != "past" and _after_phrase(self.doc, token, span.start):
            return None  # "expect no support after a protest in Stockholm at the weekend", the date parsed as the verb's
        if noun is not None:
            if tense == "present" or tense == "future" and (_progressive(token) or token.dep_ == "xcomp" and _progressive(token.head)):
                return None  # "is continuing to sell itself under a June agreement": nothing about the agreement
            link = next((t for t in noun.ancestors if t.dep_ == "prep" and t.head.i == token.i), None)
            word = link.lower_ if link is not None else ""
            # "after a protest at the weekend", "get around Wednesday's ruling": a point of reference, not ahead
            if tense != "past" and (word in _EARLIER_PREPS or span.root.dep_ == "poss" and word not in _LATER_PREPS):
                return None
        return tense

    def reference(self, needed: str) -> tuple[Period, str] | None:
        """The most recent narrative date at least as fine as ``needed`` (an anaphor's antecedent)."""
        for period, tid in reversed(self.narrative):
            if finer_or_equal(period.granularity, needed) or (needed == "week" and period.granularity == "day"):
                return period, tid
        return None

    def latest_period(self, granularities: tuple[str, ...]) -> tuple[Period, str] | None:
        """The most recent narrative date of one of ``granularities`` that was over by the publication date (the
        quarter a results story is about, past the days it names since: "the quarter ended Sept. 30 ... the
        year-ago quarter"; not a forecast's "losses through the third quarter of 1990", nor "the fourth quarter"
        just begun), or the year of a year-to-date period named since ("for the nine months")."""
        for p, tid in reversed(self.narrative):
            if p.part == YEAR_TO_DATE:
                return p, tid  # "for the nine months, ... a year earlier": the nine months are a part of that year
            if p.granularity in granularities and (self.dct is None or _end(p) <= self.dct):
                return p, tid
        return None

    def later_reference(self, after: date) -> tuple[Period, str] | None:
        """The most recent narrative day or time that lies after ``after`` (a day the story has named ahead)."""
        for period, tid in reversed(self.narrative):
            if period.granularity in ("day", "time") and period.start > after:
                return period, tid
        return None

    def coordinated(self, start: int) -> Period | None:
        """The date just before an expression starting at ``start`` when the two are coordinated ("in October or
        November", "May and March", "from March to May"): such dates lie close together."""
        if self.previous is None or not _COORDINATION.fullmatch(self.text, self.previous[0], start):
            return None
        return self.previous[1]

    def pick(self, make: Callable[[int], Period | None], tense: Tense | None, slack: int = 0,
             start: int | None = None) -> Period | None:
        """The occurrence of a yearless date (``make(year)``) nearest the publication date, consistent with tense:
        past = the latest one starting at most ``slack`` days after it, future = the earliest one starting at most
        ``slack`` days before it, otherwise (or when tense and proximity disagree) the nearest. A date coordinated
        with the one before it (``start`` given) is the occurrence nearest that one."""
        assert self.dct is not None
        candidates = [p for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1) if (p := make(y)) is not None]
        if not candidates:
            return None
        partner = self.coordinated(start) if start is not None else None
        if partner is not None:
            inside = [p for p in candidates if partner.start <= p.start < _end(partner)]
            return inside[0] if inside else min(candidates, key=lambda p: abs((p.start - partner.start).days))
        here = period_of(candidates[0].granularity, self.dct, candidates[0].part).start
        if tense == "past":
            past = [p for p in candidates if (p.start - here).days <= slack]
            return past[-1] if past else candidates[0]
        if tense == "future":
            future = [p for p in candidates if (here - p.start).days <= slack]
            return future[0] if future else candidates[-1]
        return min(candidates, key=lambda p: abs((p.start - here).days))  # none, or "nearest"


def _end(period: Period) -> date:
    """The day after ``period`` ("this year through August": August of that year)."""
    unit = {"time": "day", "season": "quarter"}.get(period.granularity, period.granularity)
    return shift(period_of(unit, period.start), 1, unit).start if unit in _SHIFTABLE else period.start


_SHIFTABLE = frozenset({"day", "week", "month", "quarter", "half", "year", "decade", "century"})


def _nominal(token: Token) -> bool:
    """A noun, or a word the parser tags as a verb but uses as one ("Truce/VB to begin early Friday"); an
    imperative without subject counts too (what it tells to do is ahead either way)."""
    if token.dep_ == "ROOT" and token.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in token.children):
        return True
    return token.pos_ not in ("VERB", "AUX") or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos")


def _progressive(verb: Token) -> bool:
    """A present progressive ("is meeting"), which is a future only for what the verb itself does."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _after_phrase(doc: Doc, verb: Token, start: int) -> bool:
    """Whether the tokens from ``verb`` to the date at token ``start`` hold an "after", "since" or "following"
    whose phrase runs, without another verb, up to the date: the date is the noun phrase's reference point even when
    the parser hangs it from the verb."""
    if verb.i >= start:
        return False
    for token in reversed(doc[verb.i + 1 : start]):
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in _EARLIER_PREPS and token.dep_ == "prep":
            return True
    return False


def _simple_past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _verb_tense(verb: Token, depth: int, own_time: bool = False) -> Tense | None:
    """The tense of ``verb``'s clause; ``own_time``: when the verb itself happens (not what it schedules)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if "would" in words and any(c.dep_ == "neg" for c in verb.children) and verb.lemma_ in _DISCLOSING:
        return "past"  # "sources on Thursday night would not say": a refusal, not a future
    if verb.lemma_ in _FUTURE_IN_ANY_TENSE and not own_time:
        if verb.tag_ == "VBN" and verb.dep_ == "acl" and _simple_past(verb.head.head):
            return "nearest"  # "A service planned for Saturday was canceled": planned from a past moment
        return "future"
    if "would" in words:
        return "future"
    if "could" in words or "might" in words:
        return None
    if words & _MODALS and not any(a.lemma_ == "have" for a in auxes):  # "should be completed in October"
        return "future"
    if any(a.lower_ == "to" for a in auxes) or verb.tag_ == "VB":
        head = verb.head
        if head.i != verb.i and head.lemma_ in _FUTURE_GOVERNORS:
            # "was due to fly out Thursday night", "had planned to meet on Monday": ahead of a past moment, so
            # as likely before publication as after it
            return "nearest" if _simple_past(head) or head.dep_ == "acomp" and _simple_past(head.head) else "future"
        if head.i != verb.i and head.lemma_ == "go" and head.tag_ == "VBG":
            return "future"
        if any(a.lower_ == "to" for a in auxes) and (head.i == verb.i or _nominal(head)):
            return "future"  # a headline: "Valdorian ports to reopen Monday", "Truce to begin early Friday"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and depth < 2:
            return _verb_tense(head, depth + 1)
        return None
    if verb.lemma_ in _FUTURE_GOVERNORS and verb.tag_ == "VBN" and any(a.lemma_ == "be" for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes):  # perfect: "has been searching since the Oct. 23 attack"
        return "past"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"
    if verb.tag_ == "VBP" and not auxes and verb.lemma_ not in ("be", "have") \
            and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children):
        return "past"  # "Weakness in big stocks hurt the index": after a singular subject, a past form read as VBP
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "VBN":  # a participle without auxiliary: "the decision, announced Wednesday"
        return "past"
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "xcomp", "conj") and depth < 2:
        # a participle clause has its main clause's time: "has fluctuated, rising ... from $29.75 in March"
        return _verb_tense(verb.head, depth + 1) if verb.head.pos_ in ("VERB", "AUX") else None
    return None
