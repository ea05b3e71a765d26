"""The event extraction stage: quotes become statements, action clauses become PLOVER-coded events."""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.events import lexicon as lx
from newsline.analysis.events.clauses import Frame, MentionIndex, analyse, asserted, is_anchor, obligation_frame
from newsline.analysis.events.dating import Narrative, TimexAttachments
from newsline.model import Entity, Event, EventDate, Predicate, Quote, Span, Timex


def extract_events(doc: Doc, entities: list[Entity], timexes: list[Timex], quotes: list[Quote],
                   published: str | None) -> list[Event]:
    """Events in text order, ids ``v1``, ``v2``, ...

    Every quote is an event of its speaker (STATEMENT, or the category its cue or clause evokes: an accusation
    is DISAPPROVE). Every other clause whose verb (or event noun) is in the lexicon and whose actor is an
    entity is a PLOVER-coded event. Dates come from a timex attached to the clause, else the paragraph's
    narrative date, else the publication date, with ``date.source`` saying which.
    """
    text = text_of(doc)
    mentions = MentionIndex(doc, entities)
    frames: dict[int, Frame] = {}
    for sentence in doc.sents:
        for token in sentence:
            if is_anchor(token) and asserted(token):
                frame = obligation_frame(token, mentions) or analyse(token, mentions)
                if frame is not None and frame.anchor.i not in frames:
                    frames[frame.anchor.i] = frame
    pending: list[tuple[int, Event, list[Token]]] = []
    for quote in quotes:
        cue = _cue_token(doc, quote)
        frame = frames.pop(cue.i, None) if cue is not None else None
        pending.append(_quote_event(doc, text, quote, cue, frame))
    attachments = TimexAttachments(doc, timexes)
    for frame in frames.values():
        if frame.category is None:
            continue
        if frame.actor is None and attachments.for_verbs(frame.verbs) is None \
                and not (frame.category in lx.MATERIAL_CONFLICT and frame.target is not None):
            continue  # no named actor, no date of its own, no named victim: nothing to put on a timeline
        pending.append((frame.anchor.idx, _frame_event(doc, text, frame), frame.verbs))
    pending.sort(key=lambda item: item[0])
    narrative = Narrative(text)
    events = []
    for number, (offset, event, verbs) in enumerate(pending, 1):
        event.id = f"v{number}"
        event.date = narrative.date(offset, attachments.for_verbs(verbs), published)
        events.append(event)
    return events


def _frame_event(doc: Doc, text: str, frame: Frame) -> Event:
    start = min([frame.anchor, *(c for c in frame.anchor.children if c.dep_ in ("aux", "auxpass", "neg")
                                 and c.i < frame.anchor.i)], key=lambda t: t.i)
    predicate = doc[start.i : frame.last.i + 1]
    return Event(
        id="", actor=frame.actor, predicate=Predicate(frame.anchor.lemma_.lower(), predicate.text),
        category=frame.category or lx.STATEMENT, date=_undated(), evidence=_sentence_span(text, frame.anchor.sent),
        target=frame.target, negated=frame.negated, hypothetical=frame.hypothetical,
        confidence=frame.confidence,
    )


def _quote_event(doc: Doc, text: str, quote: Quote, cue: Token | None,
                 frame: Frame | None) -> tuple[int, Event, list[Token]]:
    """A quote as its speaker's event; its category comes from the cue ("accused") or the cue's clause."""
    lemma = cue.lemma_.lower() if cue is not None and cue.pos_ == "VERB" else "say"  # "according to": say
    category = lx.SPEECH_CUE_CATEGORIES.get(lemma) or (frame.category if frame else None) or lx.STATEMENT
    anchor = quote.cue or quote.content
    sentence = _sentence_of(doc, anchor.start)
    return anchor.start, Event(
        id="", actor=quote.speaker, predicate=Predicate(lemma, quote.cue.text if quote.cue else ""),
        category=category, date=_undated(), evidence=_sentence_span(text, sentence), quote=quote.id,
        target=frame.target if frame else None, negated=frame.negated if frame else False,
        hypothetical=frame.hypothetical if frame else False, confidence=quote.confidence,
    ), ([cue, *(frame.verbs if frame else [])] if cue is not None else [])


def _cue_token(doc: Doc, quote: Quote) -> Token | None:
    if quote.cue is None:
        return None
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _sentence_of(doc: Doc, offset: int) -> SpacySpan:
    token = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return token[0].sent if token is not None and len(token) else doc[:]


def _sentence_span(text: str, sentence: SpacySpan) -> Span:
    start, end = sentence.start_char, sentence.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


def _undated() -> EventDate:
    """Placeholder until ``extract_events`` dates the event (dating needs every event in text order)."""
    return EventDate(None, None, None, "publication")
