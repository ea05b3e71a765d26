"""Words like "today" or "next week" inside a quotation are the speaker's: 'Kuleba said on Monday: "Today we agreed
..."' is that Monday, whatever day the article appeared. The speech time is the day dating the quotation's speech
verb."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc

from newsline.analysis.quotes.cues import SPEECH_VERBS
from newsline.analysis.timex.calendar import period_of, shift
from newsline.analysis.quotations import Quoted, find_quoted
from newsline.model import Timex

# Deictic days and their distance from the speech day.
SPEECH_RELATIVE = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
# Deictic weeks and months: the unit and how many from the speech day's.
SPEECH_PERIODS = {f"{rel} {unit}": (unit, shift_by) for rel, shift_by in (("last", -1), ("this", 0), ("next", 1))
                  for unit in ("week", "month")}


def anchor_quoted_days(doc: Doc, text: str, timexes: list[Timex]) -> None:
    """Re-anchor "today", "yesterday", "tomorrow", "tonight", "last/this/next week/month" written inside a
    quotation on the day its speech verb is dated by ("said on Monday", "told reporters on Thursday"), when that day
    is not the reference day they were resolved against. Changes ``timexes`` in place."""
    deictic = [t for t in timexes if (_word(t) in SPEECH_RELATIVE or _phrase(t) in SPEECH_PERIODS)
               and t.anchor is not None]
    if not deictic:
        return
    for timex in deictic:
        start, end = _paragraph(text, timex.span.start)  # quotations are balanced within a paragraph
        quoted = [Quoted(q.start + start, q.end + start, q.depth) for q in find_quoted(text[start:end]) if q.depth == 0]
        quote = next((q for q in quoted if q.start < timex.span.start < q.end), None)
        if quote is None:
            continue
        speech = _speech_day(doc, timexes, quote.start, quote.end, quoted)
        if speech is None or timex.value is None:
            continue
        day, tid = speech
        if _phrase(timex) in SPEECH_PERIODS:  # '"We meet next week," she said on Friday': the week after Friday's
            unit, count = SPEECH_PERIODS[_phrase(timex)]
            timex.value = shift(period_of(unit, day), count, unit).value
        else:
            shifted = day + timedelta(days=SPEECH_RELATIVE[_word(timex)])
            timex.value = shifted.isoformat() + timex.value[10:]
        timex.anchor = tid


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _phrase(timex: Timex) -> str:
    return " ".join(timex.span.text.lower().split())


def _word(timex: Timex) -> str:
    """"today" for "today" and "later today"; anything else for longer expressions."""
    words = timex.span.text.lower().split()
    return words[-1] if len(words) == 1 or words[0] in ("earlier", "later") and len(words) == 2 else ""


def _speech_day(doc: Doc, timexes: list[Timex], start: int, end: int,
                quoted: list[Quoted]) -> tuple[date, str] | None:
    """The day dating the speech verb of the quotation at ``[start, end)``: a day-level timex outside every
    quotation, in the sentence where the quotation starts or ends, governed by a verb of saying."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if first is None or last is None or not len(first) or not len(last):
        return None
    lo, hi = first[0].sent.start_char, last[0].sent.end_char
    for timex in timexes:
        if not (lo <= timex.span.start < hi) or timex.granularity != "day" or not timex.resolved or not timex.value:
            continue
        if any(q.start <= timex.span.start < q.end for q in quoted):
            continue
        span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None) if span is not None else None
        if verb is not None and verb.lemma_.lower() in SPEECH_VERBS:
            return date.fromisoformat(timex.value[:10]), timex.id
    return None
