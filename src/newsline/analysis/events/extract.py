"""The event extraction stage: quotes become statements, action clauses become PLOVER-coded events."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Sequence
from itertools import groupby

import numpy
from spacy.symbols import AUX, POS, VERB
from spacy.tokens import Doc, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.events import lexicon as lx
from newsline.analysis.events.clauses import (
    Frame, MentionIndex, analyse, asserted, called_off, dated_noun_frame, generic_frame, is_anchor, obligation_frame,
    subject_actor,
)
from newsline.analysis.events.dating import Narrative, TimexAttachments, dateline_date
from newsline.analysis.events.status import status_of
from newsline.model import Entity, Event, EventDate, Predicate, Quote, Span, Timex, Zone, trimmed

def extract_events(doc: Doc, entities: list[Entity], timexes: list[Timex], quotes: list[Quote],
                   published: str | None, zones: Sequence[Zone] = ()) -> list[Event]:
    """Events in text order, ids ``v1``, ``v2``, ...

    Every quote is an event of its speaker (STATEMENT, or the category its cue or clause evokes: an accusation
    is DISAPPROVE); quotes that share one cue are one statement. Every other clause whose verb (or event noun) is
    in the lexicon and whose actor is an entity is a PLOVER-coded event; a clause outside the lexicon is an
    ``OTHER`` event when an entity does it and the text dates it. Dates come from a timex attached to the clause
    (one event per date when several coordinated dates are: "raised rates in May and March"), else the
    paragraph's narrative date, else the dateline's date (a wire item's) or the publication date, with
    ``date.source`` saying which. ``zones``: dates in headlines, bylines and captions date their own events only.
    """
    text = text_of(doc)
    mentions = MentionIndex(doc, entities, zones)
    sentences = Sentences(doc, text)
    attachments = TimexAttachments(doc, timexes, zones)
    frames: dict[int, Frame] = {}
    # only verbs head clauses, and verbs with a date (read as an array: a Token per word costs more)
    pos = doc.to_array(POS)
    verbs = numpy.flatnonzero((pos == VERB) | (pos == AUX)).tolist()
    for i in sorted({*verbs, *attachments.by_verb}):
        token = doc[i]
        if (is_anchor(token) or token.i in attachments.by_verb and _dated_participle(token)) \
                and asserted(token) and token.i not in frames:
            frame = obligation_frame(token, mentions) or analyse(token, mentions)
            if (frame is None or frame.category is None) and _dated(token, attachments):
                frame = generic_frame(token, mentions) or frame
            if frame is not None and frame.anchor.i not in frames:
                frames[frame.anchor.i] = frame
    pending: list[tuple[int, Event, list[Token], Frame | None]] = []
    for _, same_cue in groupby(sorted(quotes, key=_cue_key), key=_cue_key):
        shared = list(same_cue)
        cue = _cue_token(doc, shared[0])
        frame = frames.pop(cue.i, None) if cue is not None else None
        pending.append(_quote_event(shared, cue, frame, mentions, sentences))
    nouns = {frame.noun.i for frame in frames.values() if frame.noun is not None}
    for i in attachments.by_noun:  # an event noun its own phrase dates: "Protests in Velmar on Saturday have ..."
        if i not in nouns and i not in frames and (noun_frame := dated_noun_frame(doc[i], mentions)) is not None:
            frames[i] = noun_frame
    for frame in list(frames.values()):  # the event a clause calls off, besides the calling off
        if (cancelled := called_off(frame, mentions)) is not None and cancelled.anchor.i not in frames:
            frames[cancelled.anchor.i] = cancelled
    _resolve_event_anaphora(frames)
    for frame in frames.values():
        if frame.category is None:
            continue
        dated = attachments.for_verbs(frame.verbs) is not None
        if frame.category == lx.OTHER and not dated:
            continue  # an action outside the lexicon is kept only when the text dates it
        if frame.actor is None and not dated and not (frame.category in lx.MATERIAL_CONFLICT and frame.target is not None):
            continue  # no named actor, no date of its own, no named victim: nothing to put on a timeline
        pending.append((frame.anchor.idx, _frame_event(doc, frame, sentences), frame.verbs, frame))
    pending.sort(key=lambda item: item[0])
    narrative = Narrative(text, zones, dateline_date(timexes, zones))
    events: list[Event] = []
    for offset, event, verbs, frame in pending:
        dates = attachments.all_for_verbs(verbs) or (attachments.by_verb and attachments.all_for_verbs(_planned(verbs)))
        for i, own in enumerate(dates or [None]):
            occurrence = event if i == 0 else dataclasses.replace(event)
            occurrence.id = f"v{len(events) + 1}"
            occurrence.date = narrative.date(offset, own, published,
                                             referred=any(v.i in attachments.referred for v in verbs[:1]))
            occurrence.status = (frame.status if frame and frame.status else
                                 status_of(verbs, frame.noun if frame else None, occurrence.hypothetical,
                                           occurrence.date, published) if verbs else "occurred")
            # the story is told at what happened, not at what is planned, nor at a date inside a noun phrase
            if occurrence.status == "occurred" and (frame is None or frame.anchor.pos_ in ("VERB", "AUX")):
                narrative.advance(offset, occurrence.date)
            events.append(occurrence)
    return events


def _planned(verbs: list[Token]) -> list[Token]:
    """What a clause announces ahead: "announced plans to do so in February", "unveiled a decision to hold talks
    on Monday" -- the infinitive under a planning noun, whose date is the planned event's."""
    if not verbs or verbs[0].lemma_.lower() not in lx.ANNOUNCING:
        return []
    return [inner for noun in verbs[0].children if noun.dep_ in ("dobj", "nsubjpass")
            and noun.lemma_.lower() in lx.PLAN_NOUNS for inner in noun.children
            if inner.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in inner.children)]


def _dated(token: Token, attachments: TimexAttachments) -> bool:
    """Whether a date is attached to ``token`` or to the verbs its infinitives chain to ("is expected to speak
    on Friday")."""
    return token.i in attachments.by_verb or token.i in attachments.chain_heads


def _dated_participle(token: Token) -> bool:
    """A past participle on a noun (that has a date of its own: the caller checks): "a Velmora Herald poll
    published on Thursday" (what was done to the noun, then); not a plan's "scheduled for Monday", which dates the
    noun's own event."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and token.lemma_.lower() not in lx.PLANNING


def _resolve_event_anaphora(frames: dict[int, Frame]) -> None:
    """"A truce between A and B will begin on Friday. ... the truce will begin at 7am": an event noun taken up
    again with a definite article has the parties it had when introduced."""
    parties: dict[str, str] = {}
    for i in sorted(frames):
        frame = frames[i]
        if frame.noun is None:
            continue
        lemma = lx.NOUN_KINDS.get(frame.noun.lemma_.lower(), frame.noun.lemma_.lower())
        if frame.actor is not None:
            parties[lemma] = frame.actor
        elif lemma in parties and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in frame.noun.children):
            frame.actor = parties[lemma]


def _frame_event(doc: Doc, frame: Frame, sentences: Sentences) -> Event:
    start = min([frame.anchor, *(c for c in frame.anchor.children if c.dep_ in ("aux", "auxpass", "neg")
                                 and c.i < frame.anchor.i)], key=lambda t: t.i)
    predicate = doc[start.i : frame.last.i + 1]
    return Event(
        id="", actor=frame.actor, predicate=Predicate(frame.anchor.lemma_.lower(), predicate.text),
        category=frame.category or lx.STATEMENT, date=_undated(), evidence=sentences.evidence(frame.anchor.idx),
        target=frame.target, negated=frame.negated, hypothetical=frame.hypothetical,
        confidence=frame.confidence,
    )


def _quote_event(quotes: list[Quote], cue: Token | None, frame: Frame | None, mentions: MentionIndex,
                 sentences: Sentences) -> tuple[int, Event, list[Token], Frame | None]:
    """Quotes sharing one cue as their speaker's statement; its category comes from the cue ("accused") or the
    cue's clause. The cue's subject is the actor when it is a group ("A and B said") or when the quote has no
    speaker ("the Tarnow Group's members agreed")."""
    quote = quotes[0]
    lemma = cue.lemma_.lower() if cue is not None and cue.pos_ == "VERB" else "say"  # "according to": say
    category = lx.SPEECH_CUE_CATEGORIES.get(lemma) or (frame.category if frame else None) or lx.STATEMENT
    anchor = quote.cue or quote.content
    actor = quote.speaker
    if cue is not None and cue.pos_ == "VERB" and (actor is None or mentions.group_heads):
        subject = subject_actor(cue, mentions)
        if subject is not None and (actor is None or subject in mentions.group_ids):
            actor = subject  # the speaker the quote stage left open, or the group that said it
    return anchor.start, Event(
        id="", actor=actor, predicate=Predicate(lemma, quote.cue.text if quote.cue else ""),
        category=category, date=_undated(), evidence=sentences.evidence(anchor.start), quote=quote.id,
        target=frame.target if frame else None, negated=frame.negated if frame else False,
        hypothetical=frame.hypothetical if frame else False, confidence=max(q.confidence for q in quotes),
    ), ([cue, *(frame.verbs if frame else [])] if cue is not None else []), frame


def _cue_key(quote: Quote) -> tuple[int, int, int]:
    """Quotes with the same cue span share a key; a quote without a cue is alone."""
    if quote.cue is None:
        return (quote.content.start, -1, -1)
    return (quote.cue.start, quote.cue.end, 0)


def _cue_token(doc: Doc, quote: Quote) -> Token | None:
    if quote.cue is None:
        return None
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


class Sentences:
    """The sentences' character bounds: the evidence of an event at an offset without a Token per word."""

    def __init__(self, doc: Doc, text: str) -> None:
        self._text = text
        self._bounds = [(s.start_char, s.end_char) for s in doc.sents]
        self._starts = [start for start, _ in self._bounds]

    def evidence(self, offset: int) -> Span:
        """The sentence holding ``offset``, trimmed."""
        start, end = self._bounds[max(0, bisect_right(self._starts, offset) - 1)]
        return Span.of(self._text, *trimmed(self._text, start, end))


def _undated() -> EventDate:
    """Placeholder until ``extract_events`` dates the event (dating needs every event in text order)."""
    return EventDate(None, None, None, "publication")
