"""What the entity passes share: the article's parse read once, and the clusters of mentions they build."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD, IDX, LOWER, SENT_START
from spacy.symbols import det
from spacy.tokens import Doc, Span, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.entities.names import fold_name
from newsline.folding import fold_chars
from newsline.analysis.quotes.cues import CLAIM_NOUNS, SPEECH_VERBS
from newsline.analysis.tokens import that_clause
from newsline.analysis.zones import zone_kind
from newsline.analysis.quotations import Quoted, find_quoted
from newsline.model import MentionKind, Zone


@dataclass(frozen=True, slots=True)
class Parsed:
    """What several passes read from the parse, computed once per article."""

    doc: Doc
    text: str  # doc.text (spaCy rebuilds it on every access)
    folded: str  # fold_chars(text)
    the_phrases: list[Span]  # "the (Republican) spokesman": from "the" to the noun it determines
    sentence_starts: list[int]  # character offsets
    zones: Sequence[Zone] = ()  # headlines, bylines, captions, ... (newsline.analysis.zones)
    quoted: Sequence[Quoted] = ()  # the quoted segments (newsline.analysis.quotations)

    @classmethod
    def of(cls, doc: Doc, zones: Sequence[Zone] = (), quoted: Sequence[Quoted] | None = None) -> Parsed:
        """``quoted``: the text's quoted segments, found here when not given."""
        marks = doc.to_array([SENT_START, IDX])
        starts = marks[marks[:, 0] == 1, 1].tolist()
        text = text_of(doc)
        return cls(doc, text, fold_chars(text), the_phrases(doc), starts, zones,
                   find_quoted(text) if quoted is None else quoted)

    def zone(self, char: int) -> str:
        """The zone kind at ``char``: "body", "headline", "byline", "dateline", "caption" or "related"."""
        return zone_kind(self.zones, char)

    def antecedent(self, span: Span) -> bool:
        """Whether a mention may be what a later pronoun or description refers to: not in a headline, byline,
        caption or related link (the story's text is its body; a caption is never an antecedent)."""
        return not self.zones or self.zone(span.start_char) in ("body", "dateline")

    def sentence_of(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char) - 1

    def horizon(self, char: int, sentences: int) -> int:
        """The start of the sentence ``sentences`` before the one holding ``char``."""
        return self.sentence_starts[max(0, self.sentence_of(char) - sentences)]


def the_phrases(doc: Doc) -> list[Span]:
    """Noun phrases opening with the definite article, up to the noun it determines (read from token arrays:
    spaCy's noun_chunks costs about 1% of the parse)."""
    lower, dep, heads = doc.to_array([LOWER, DEP, HEAD]).T.astype("int64")
    phrases = []
    for i in numpy.flatnonzero((lower == doc.vocab.strings["the"]) & (dep == det)).tolist():
        head = doc[i + int(heads[i])]
        if head.i > i and head.pos_ in ("NOUN", "PROPN"):
            phrases.append(doc[i : head.i + 1])
    return phrases


@dataclass(slots=True)
class Cluster:
    type: str
    mentions: list[tuple[Span, MentionKind]] = field(default_factory=list)
    roles: list[Span] = field(default_factory=list)
    given: set[str] = field(default_factory=set)
    surname: str | None = None
    gender: str | None = None
    name: str | None = None  # the entity name when no mention gives it ("Trump campaign")

    @property
    def first(self) -> int:
        return min(span.start_char for span, _ in self.mentions)

    def last_before(self, char: int) -> int:
        return max((span.start_char for span, _ in self.mentions if span.start_char < char), default=-1)

    def last_subject_before(self, char: int) -> int:
        return max((span.start_char for span, _ in self.mentions if span.start_char < char and main_subject(span)),
                   default=-1)


def strip_article(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def content_words(span: Span) -> set[str]:
    return {fold_name(t.text) for t in span if not (t.is_stop or t.is_punct)}


def proper_modifiers(span: Span) -> set[str]:
    """The capitalised words before the head of a description: "Democratic" in "the Democratic nominee"."""
    return {fold_name(t.text) for t in span[1:] if t.i < span.root.i and t.text[:1].isupper()}


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def main_subject(span: Span) -> bool:
    """The subject of its sentence's main verb (or of a verb conjoined to it)."""
    head = span.root.head
    return span.root.dep_ in SUBJECT_DEPS and (head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT")


def speaks(token: Token) -> bool:
    """The subject of a verb of saying, its passive agent, the object of "according to", or a claim noun with a
    "that" clause ("reports that ...")."""
    if token.lemma_.lower() in CLAIM_NOUNS and that_clause(token) is not None:
        return True
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_ in SPEECH_VERBS and head.pos_ in ("VERB", "AUX")
    if token.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and head.doc[head.i - 1].lower_ == "according":
        return True
    return token.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_ in SPEECH_VERBS

