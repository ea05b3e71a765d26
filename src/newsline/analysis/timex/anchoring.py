"""What relative expressions are relative to: the publication date (deictic), the narrative (anaphoric), and the
tense of the governing verb, which picks the past or the future occurrence of "Monday" or "in March"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Token

from newsline.analysis.timex.calendar import Period, finer_or_equal, period_of

Tense = Literal["past", "present", "future"]

NO_DCT = "relative to the publication date, which is unknown"
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_MODALS = {"should", "must", "can", "may"}
# "as soon as Tuesday", "no later than Friday", "closed until Friday" (a deadline): a time still to come.
_FUTURE_SIGNAL = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|until|till)\s+$", re.I)
# Verbs that put what they govern ahead of them: "has scheduled a news conference Thursday" is a future Thursday.
_FUTURE_GOVERNORS = {"plan", "expect", "schedule", "intend", "aim", "hope", "want", "set", "prepare", "due", "slate", "seek", "agree", "promise", "vow", "threaten", "propose"}
# Of those, the ones whose object is ahead of them in any tense ("planned a rally on Saturday").
_FUTURE_IN_ANY_TENSE = {"plan", "schedule", "expect", "intend", "slate"}


@dataclass(slots=True)
class Context:
    """The reference points while tagging one document, in reading order."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    dct: date | None
    narrative: list[tuple[Period, str]] = field(default_factory=list)  # resolved dates so far, with their timex id

    def tense(self, start: int, end: int) -> Tense | None:
        """The tense of the verb governing the expression at ``[start, end)``, None when there is none."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        if _FUTURE_SIGNAL.search(self.text, max(0, start - 16), start):
            return "future"
        token = span.root
        in_noun_phrase = False  # "follows Tuesday's declaration": the date modifies a noun, not the verb
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                break
            token = token.head
            in_noun_phrase = in_noun_phrase or (token.pos_ == "NOUN" and token.i not in range(span.start, span.end))
        if token.pos_ not in ("VERB", "AUX"):
            return None
        tense = _verb_tense(token, depth=0)
        # A present-tense verb says nothing about when the event its noun names took place.
        return None if in_noun_phrase and tense == "present" else tense

    def reference(self, needed: str) -> tuple[Period, str] | None:
        """The most recent narrative date at least as fine as ``needed`` (an anaphor's antecedent)."""
        for period, tid in reversed(self.narrative):
            if finer_or_equal(period.granularity, needed) or (needed == "week" and period.granularity == "day"):
                return period, tid
        return None

    def pick(self, make: Callable[[int], Period | None], tense: Tense | None, slack: int = 0) -> Period | None:
        """The occurrence of a yearless date (``make(year)``) nearest the publication date, consistent with tense:
        past = the latest one starting at most ``slack`` days after it, future = the earliest one starting at most
        ``slack`` days before it, otherwise (or when tense and proximity disagree) the nearest."""
        assert self.dct is not None
        candidates = [p for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1) if (p := make(y)) is not None]
        if not candidates:
            return None
        here = period_of(candidates[0].granularity, self.dct, candidates[0].part).start
        if tense == "past":
            past = [p for p in candidates if (p.start - here).days <= slack]
            return past[-1] if past else candidates[0]
        if tense == "future":
            future = [p for p in candidates if (here - p.start).days <= slack]
            return future[0] if future else candidates[-1]
        return min(candidates, key=lambda p: abs((p.start - here).days))

def _verb_tense(verb: Token, depth: int) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.lemma_ in _FUTURE_IN_ANY_TENSE:
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
            return "future"
        if head.i != verb.i and head.lemma_ == "go" and head.tag_ == "VBG":
            return "future"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and depth < 2:
            return _verb_tense(head, depth + 1)
        if head.i == verb.i and any(a.lower_ == "to" for a in auxes):
            return "future"  # a headline: "Valdorian ports to reopen Monday"
        return None
    if verb.lemma_ in _FUTURE_GOVERNORS and verb.tag_ == "VBN" and any(a.lemma_ == "be" for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes):  # perfect: "has been searching since the Oct. 23 attack"
        return "past"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "VBN":  # a participle without auxiliary: "the decision, announced Wednesday"
        return "past"
    return None
