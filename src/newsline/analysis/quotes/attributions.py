"""Turn rule and tagger findings into ``Quote`` records with resolved speakers; set sentence voices."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsline.analysis.doctext import text_of
from newsline.analysis.quotes.marks import Quoted, find_quoted
from newsline.analysis.quotes.rules import Found, cue_subject, find_attributions, overlaps, quote_kind
from newsline.analysis.quotes.speakers import MentionIndex, resolve_speaker
from newsline.analysis.quotes.tagger import tagged_spans
from newsline.model import Article, Entity, Quote, Sentence, Span

_SPACES = re.compile(r"\s")
_LINE_BREAK = re.compile(r"\n\s*")  # not r"\s*\n\s*", which backtracks quadratically over long runs of spaces
ATTRIBUTED_SHARE = 0.5  # a sentence is attributed when quote contents cover at least this share of it
_TAGGER_CONFIDENCE = 0.75


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
      ..."), and a direct quote the rules delimited by quotation marks wins when the tagger cut it up.
    - A tagger attribution without a source takes the rules' source for the same cue, else the subject of
      its cue's verb.
    - Rule findings the tagger did not touch are added.
    """
    winners = [
        r for r in ruled if not any(overlaps(t.cue, r.cue) for t in tagged) and (
            any(_inside_range(t.cue, r.content) for t in tagged)
            or r.kind == "direct" and sum(overlaps(t.content, r.content) for t in tagged) >= 2)
    ]
    kept = [t for t in tagged if not any(overlaps(t.content, w.content) or _inside_range(t.cue, w.content)
                                         for w in winners)]
    for found in kept:
        if found.source is None:
            found.source = next((r.source for r in ruled if r.source and overlaps(r.cue, found.cue)), None)
        if found.source is None and found.cue is not None:
            found.source = cue_subject(doc, found.cue, found.content)
    added = [r for r in ruled if r not in winners and not any(
        overlaps(r.cue, t.cue) or overlaps(r.content, t.content) for t in kept)]
    return sorted(winners + kept + added, key=lambda f: f.content)


def _inside_range(inner: tuple[int, int] | None, outer: tuple[int, int]) -> bool:
    return inner is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _char_span(doc: Doc, text: str, rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return Span.of(text, doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1]))


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every attribution in ``doc`` (direct, indirect, mixed) with its source, cue, content and speaker.

    The shipped span tagger supplies exact boundaries where it finds an attribution; the rules add what it
    misses. ``speaker`` is the entity the source phrase resolves to, or None (never guessed).
    """
    text = text_of(doc)
    quoted = find_quoted(text)
    ruled = find_attributions(doc, quoted)
    found = _merge(doc, from_tagger(doc, tagged_spans(doc), quoted), ruled)
    index = MentionIndex(doc, entities)
    quotes: list[Quote] = []
    resolved: list[tuple[tuple[int, int], str | None]] = []
    for item in found:
        speaker, kind = resolve_speaker(doc, item.source, index) if item.source else (None, None)
        if item.continues is not None:  # the speaker of the quote it continues (as kept after merging)
            speaker = next((s for rng, s in resolved if overlaps(rng, item.continues.content)), None)
        resolved.append((item.content, speaker))
        confidence = item.confidence * (0.9 if kind == "pronoun" else 1.0)
        content = _char_span(doc, text, item.content)
        assert content is not None
        quotes.append(Quote(
            id=f"q{len(quotes) + 1}", kind=item.kind, content=content, speaker=speaker,
            source=_char_span(doc, text, item.source), cue=_char_span(doc, text, item.cue), confidence=round(confidence, 2),
        ))
    return quotes


def set_voices(article: Article) -> None:
    """Mark each sentence "attributed" or "outlet".

    Attributed: quote contents cover at least half of the sentence, or the sentence reports speech itself
    (it holds a quote's cue and part of that quote's content: "X said that ..."). Everything else is the
    outlet's own voice.
    """
    for sentence in article.sentences:
        reports = any(_inside(q.cue, sentence) and _overlap(q.content, sentence) for q in article.quotes if q.cue)
        share = _attributed_share(article, sentence)
        sentence.voice = "attributed" if reports or share >= ATTRIBUTED_SHARE else "outlet"


def _inside(span: Span, sentence: Sentence) -> bool:
    return sentence.start <= span.start and span.end <= sentence.end


def _overlap(span: Span, sentence: Sentence) -> bool:
    return span.start < sentence.end and sentence.start < span.end


def _attributed_share(article: Article, sentence: Sentence) -> float:
    """The share of the sentence's non-space characters that lie inside some quote's content."""
    pieces = sorted((max(q.content.start, sentence.start), min(q.content.end, sentence.end)) for q in article.quotes)
    covered, reach = 0, sentence.start
    for start, end in pieces:  # the union of the contents' overlaps with the sentence
        start = max(start, reach)
        if start < end:
            covered += _visible(article.text[start:end])
            reach = end
    total = _visible(article.text[sentence.start : sentence.end])
    return covered / total if total else 0.0


def _visible(text: str) -> int:
    return len(text) - len(_SPACES.findall(text))
