"""Turn rule and tagger findings into ``Quote`` records with resolved speakers; set sentence voices."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsline.analysis.doctext import text_of
from newsline.analysis.quotes.cues import REPORTING_VERBS, SPEECH_VERBS
from newsline.analysis.quotes.headlines import headline_attributions, resolve_headlines
from newsline.analysis.quotations import Quoted, find_quoted
from newsline.analysis.quotes.rules import (
    Found, cue_subject, find_attributions, overlaps, quote_kind, relayed_source, reports_other,
)
from newsline.analysis.quotes.speakers import MentionIndex, resolve_speaker
from newsline.analysis.quotes.tagger import tagged_spans
from newsline.analysis.zones import zone_kind
from newsline.model import Entity, Quote, Sentence, Span, Voice, Zone

_SPACES = re.compile(r"\s")
_LINE_BREAK = re.compile(r"\n\s*")  # not r"\s*\n\s*", which backtracks quadratically over long runs of spaces
# Hand-set, no tuning recorded (docs/attribution.md, checked by tests/test_documented_constants.py):
# ATTRIBUTED_SHARE is the definition of an attributed sentence; the confidences rank the tagger among the rules
# (quotes/rules.py) and discount a speaker reached through a pronoun.
ATTRIBUTED_SHARE = 0.5  # a sentence is attributed when quote contents cover at least this share of it
_TAGGER_CONFIDENCE = 0.75
PRONOUN_DISCOUNT = 0.9  # the confidence of a quote whose speaker was reached through a pronoun, times this


def _paragraph_of(doc: Doc) -> list[int]:
    """The paragraph number of each token (a line break ends a paragraph)."""
    breaks = [m.end() for m in _LINE_BREAK.finditer(text_of(doc))]
    return numpy.searchsorted(breaks, doc.to_array([IDX]), side="right").tolist()


def from_tagger(doc: Doc, spans: list[SpacySpan], quoted: Sequence[Quoted]) -> list[Found]:
    """Group tagged SOURCE/CUE/CONTENT spans into attributions: each source and content joins the nearest cue
    of its paragraph(s), and each cue with a content takes its nearest source (a quote-only paragraph with no
    cue is left to the rules' continuation)."""
    cues = [s for s in spans if s.label_ == "CUE"]
    paragraph = _paragraph_of(doc)
    groups: dict[int, dict[str, list[SpacySpan]]] = {id(c): {"SOURCE": [], "CONTENT": []} for c in cues}

    def gap(span: SpacySpan, cue: SpacySpan) -> int:
        return max(cue.start - span.end, span.start - cue.end, 0)

    for span in spans:
        paragraphs = range(paragraph[span.start], paragraph[span.end - 1] + 1)
        candidates = [c for c in cues if paragraph[c.start] in paragraphs]
        if span.label_ != "CUE" and candidates:
            groups[id(min(candidates, key=lambda c: gap(span, c)))][span.label_].append(span)
    found = []
    for cue in cues:
        sources, contents = groups[id(cue)]["SOURCE"], groups[id(cue)]["CONTENT"]
        source = min(sources, key=lambda s: gap(s, cue)) if sources else None
        for rng in sorted(_to_quote_marks(doc, (c.start, c.end), quoted) for c in contents):
            found.append(Found(
                quote_kind(doc, rng, quoted), rng, (source.start, source.end) if source else None,
                (cue.start, cue.end), _TAGGER_CONFIDENCE,
            ))
    return found


def _to_quote_marks(doc: Doc, rng: tuple[int, int], quoted: Sequence[Quoted]) -> tuple[int, int]:
    """A content that opens (or closes) an outermost quotation, stretched to the whole quotation."""
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])
    for quote in quoted:
        if quote.depth == 0 and (quote.start == start and end < quote.end or quote.end == end and quote.start < start):
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            return (span.start, span.end) if span is not None else rng
    return rng


def _merge(doc: Doc, tagged: list[Found], ruled: list[Found]) -> list[Found]:
    """One list of attributions from the tagger's and the rules' findings.

    - The tagger's spans win (they follow the annotation conventions exactly), except that a rule finding
      the tagger missed wins over tagger findings nested in its content ("In her opinion, ..., calling it
      ..."), a direct quote the rules delimited by quotation marks wins when the tagger cut it up, and a rule
      finding whose source and cue the tagger swallowed into a content wins over that content ("X has claimed
      that ..., but Y has argued that ...": not all X's).
    - A tagger attribution without a source takes the rules' source for the same cue, else the subject of
      its cue's verb.
    - A content the tagger cut into pieces under one cue, which the rules found whole, is taken whole.
    - Rule findings the tagger did not touch are added.
    """
    winners = [
        r for r in ruled if not any(overlaps(t.cue, r.cue) for t in tagged) and (
            any(_inside_range(t.cue, r.content) for t in tagged)
            or r.kind == "direct" and sum(overlaps(t.content, r.content) for t in tagged) >= 2
            or any(_swallowed(r, t) for t in tagged))
        or _cue_of_its_own_sentence(doc, r, tagged)
    ]
    for found in tagged:
        if found.cue is not None and (relayed := relayed_source(doc, found.cue)) is not None:
            found.source = relayed  # the medium that quotes is a credit, not the speaker
        if found.source is None:
            found.source = next((r.source for r in ruled if r.source and overlaps(r.cue, found.cue)), None)
        if found.source is None and found.cue is not None:
            found.source = cue_subject(doc, found.cue, found.content)
    kept = [t for t in tagged if not any((overlaps(t.content, w.content) or _inside_range(t.cue, w.content))
                                         and not _nested(t, w) or _swallowed(w, t) for w in winners)
            and not overlaps(t.source, t.content)  # "quotes Kuleba" tagged as content
            and not _cue_taken_in_its_sentence(doc, t, tagged + ruled)]
    for found in kept:  # the clause the parse gives, where the tagger kept only its subject ("X, Y, would ...")
        longer = next((r for r in ruled if overlaps(r.cue, found.cue) and r.content[0] == found.content[0]
                       and r.content[1] > found.content[1] and doc[found.content[1]].text == ","
                       and doc[found.content[1] + 1].lower_ not in ("which", "who", "whom", "whose")
                       and not any(t.pos_ in ("VERB", "AUX") for t in doc[found.content[0] : found.content[1]])),
                      None)
        if longer is not None:
            found.content, found.kind = longer.content, longer.kind
    for rule in ruled:  # one content of a cue the tagger cut into pieces ("He highlighted A, B, C and D")
        pieces = [t for t in kept if overlaps(t.cue, rule.cue) and _inside_range(t.content, rule.content)]
        if len(pieces) >= 2:
            pieces[0].content, pieces[0].kind = rule.content, rule.kind
            kept = [t for t in kept if t not in pieces[1:]]
    added = [r for r in ruled if r not in winners and not any(
        overlaps(r.cue, t.cue) or overlaps(r.content, t.content) for t in kept)]
    return sorted(winners + kept + added, key=lambda f: f.content)


def _swallowed(ruled: Found, tagged: Found) -> bool:
    """Whether ``tagged``'s content ends with ``ruled``'s source and cue, ``ruled``'s content following it: the
    tagger ran one speaker's content over the next speaker's "but Y has argued"."""
    return (ruled.source is not None and ruled.cue is not None and tagged.content[1] <= ruled.content[0]
            and _inside_range(ruled.source, tagged.content) and _inside_range(ruled.cue, tagged.content))


def _cue_taken_in_its_sentence(doc: Doc, found: Found, others: list[Found]) -> bool:
    """“…” Analysts have been saying that ...: a cue whose own sentence holds its own clause is not also the
    cue of a quotation in an earlier sentence (that one continues the previous speaker)."""
    if found.cue is None or found.kind != "direct":
        return False
    sentence = doc[found.cue[0]].sent
    verb = doc[found.cue[0] : found.cue[1]].root
    return found.content[1] <= sentence.start and reports_other(verb, found.content) and any(
        o is not found and o.kind == "indirect" and overlaps(o.cue, found.cue)
        and sentence.start <= o.content[0] < sentence.end for o in others)


def _relay(doc: Doc, outer: Found, found: list[Found]) -> bool:
    """"Berg said the talks would resume, Velmora Wire reported": the wire relays Berg's words, whose
    attribution is inside what it reported; it is a credit, not a quote of its own."""
    if outer.cue is None or doc[outer.cue[0] : outer.cue[1]].root.lemma_ not in REPORTING_VERBS:
        return False
    said = doc[outer.content[0] : outer.content[1]].root  # what was reported is that someone said something
    return any(inner is not outer and inner.source is not None and inner.cue is not None
               and _inside_range(inner.source, outer.content) and inner.cue[0] <= said.i < inner.cue[1]
               and said.lemma_ in SPEECH_VERBS for inner in found)


def _nested(inner: Found, outer: Found) -> bool:
    """An attribution inside another one's content, with its own source and cue ("Kovač said the mayor is
    wrong when he says that ...": the mayor's words inside Kovač's)."""
    return inner.source is not None and inner.cue is not None and all(
        _inside_range(span, outer.content) for span in (inner.source, inner.cue, inner.content))


def _cue_of_its_own_sentence(doc: Doc, ruled: Found, tagged: list[Found]) -> bool:
    """“…,” Peskov explained. “…”: the rules gave the cue to the quotation (or the clause holding one) of its own
    sentence, the tagger to the next one. The quotation sharing the cue's sentence has it (the next one continues
    the speaker)."""
    if ruled.kind == "indirect" or ruled.cue is None:
        return False
    sentence = doc[ruled.cue[0]].sent
    rivals = [t for t in tagged if overlaps(t.cue, ruled.cue)]
    return bool(rivals) and sentence.start <= ruled.content[1] - 1 and ruled.content[0] < sentence.end and all(
        not overlaps(t.content, ruled.content) and not (t.content[0] < sentence.end and sentence.start < t.content[1])
        for t in rivals)


def _inside_range(inner: tuple[int, int] | None, outer: tuple[int, int]) -> bool:
    return inner is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _char_span(doc: Doc, text: str, rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return Span.of(text, doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1]))


def find_quotes(doc: Doc, entities: list[Entity], zones: Sequence[Zone] = (),
                quoted: Sequence[Quoted] | None = None) -> list[Quote]:
    """Every attribution in ``doc`` (direct, indirect, mixed) with its source, cue, content and speaker.

    The shipped span tagger supplies exact boundaries where it finds an attribution; the rules add what it
    misses. ``speaker`` is the entity the source phrase resolves to, or None (never guessed). With the
    article's ``zones``: headlines' own forms are read (``headlines.py``) and their speakers resolved as the
    body's are; bylines, captions and related links are not speech. ``quoted``: the quotations stage's segments
    (found here when not given).
    """
    text = text_of(doc)
    quoted = find_quoted(text) if quoted is None else quoted
    ruled = find_attributions(doc, quoted)
    found = _merge(doc, from_tagger(doc, tagged_spans(doc), quoted), ruled)
    if zones:
        headline = headline_attributions(doc, zones)
        found = sorted([f for f in found if _spoken(doc, f, zones) and not any(
            overlaps(f.content, h.content) for h in headline)] + headline, key=lambda f: f.content)
    found = [f for f in found if not _relay(doc, f, found)]
    for item in found:
        item.source = _after_colon(doc, item.source, item.cue)
        item.content = _past_dateline(doc, item.content, zones)
    index = MentionIndex(doc, entities)
    quotes: list[Quote] = []
    resolved: list[tuple[tuple[int, int], str | None]] = []
    for item in found:
        speaker, kind = resolve_speaker(doc, item.source, index) if item.source else (None, None)
        if item.continues is not None:  # the speaker of the quote it continues (as kept after merging)
            speaker = next((s for rng, s in resolved if overlaps(rng, item.continues.content)), None)
        resolved.append((item.content, speaker))
        confidence = item.confidence * (PRONOUN_DISCOUNT if kind == "pronoun" else 1.0)
        content = _char_span(doc, text, item.content)
        assert content is not None
        quotes.append(Quote(
            id=f"q{len(quotes) + 1}", kind=item.kind, content=content, speaker=speaker,
            source=_char_span(doc, text, item.source), cue=_char_span(doc, text, item.cue), confidence=round(confidence, 2),
        ))
    resolve_headlines(doc, quotes, entities, zones)
    return quotes


_NOT_SPEECH = frozenset({"byline", "caption", "related"})


def _spoken(doc: Doc, found: Found, zones: Sequence[Zone]) -> bool:
    """Whether an attribution is in the story's text: not in a byline, caption or related link."""
    at = found.cue if found.cue is not None else found.content
    return zone_kind(zones, doc[at[0]].idx) not in _NOT_SPEECH


def _past_dateline(doc: Doc, content: tuple[int, int], zones: Sequence[Zone]) -> tuple[int, int]:
    """A content that opens the story after its dateline ("TARNOW — the parties have agreed ..., mediators said")
    starts after it: the dateline says where the story was filed, not what was said."""
    start, end = content
    while start < end and (zone_kind(zones, doc[start].idx) == "dateline" or doc[start].is_space):
        start += 1
    return (start, end) if start < end else content


def _after_colon(doc: Doc, source: tuple[int, int] | None, cue: tuple[int, int] | None) -> tuple[int, int] | None:
    """A colon between a source and its cue ends a label, not the speaker's name: "General election called:
    Tomas Berg announces vote" is Berg's."""
    if source is None or cue is None or source[1] > cue[0]:
        return source
    colon = next((i for i in range(cue[0] - 1, source[0] - 1, -1) if doc[i].text == ":"), None)
    if colon is None or colon + 1 >= cue[0]:
        return source
    start, end = colon + 1, cue[0]
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return (start, end) if start < end else source


def sentence_voices(text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> list[Voice]:
    """Each sentence's voice, "attributed" or "outlet".

    Attributed: quote contents cover at least half of the sentence, or the sentence reports speech itself
    (it holds a quote's cue and part of that quote's content: "X said that ..."). Everything else is the
    outlet's own voice.
    """
    voices: list[Voice] = []
    for sentence in sentences:
        overlapping = [q for q in quotes if _overlap(q.content, sentence)]  # only these count
        reports = any(q.cue and _inside(q.cue, sentence) for q in overlapping)
        share = _attributed_share(text, overlapping, sentence)
        voices.append("attributed" if reports or share >= ATTRIBUTED_SHARE else "outlet")
    return voices


def _inside(span: Span, sentence: Sentence) -> bool:
    return sentence.start <= span.start and span.end <= sentence.end


def _overlap(span: Span, sentence: Sentence) -> bool:
    return span.start < sentence.end and sentence.start < span.end


def _attributed_share(text: str, quotes: Sequence[Quote], sentence: Sentence) -> float:
    """The share of the sentence's non-space characters that lie inside the contents of ``quotes``."""
    pieces = sorted((max(q.content.start, sentence.start), min(q.content.end, sentence.end)) for q in quotes)
    covered, reach = 0, sentence.start
    for start, end in pieces:  # the union of the contents' overlaps with the sentence
        start = max(start, reach)
        if start < end:
            covered += _visible(text[start:end])
            reach = end
    total = _visible(text[sentence.start : sentence.end])
    return covered / total if total else 0.0


def _visible(text: str) -> int:
    return len(text) - len(_SPACES.findall(text))
