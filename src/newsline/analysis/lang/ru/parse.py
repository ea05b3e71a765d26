"""The Russian parse: natasha's bundled models (tokens, sentences, morphology, lemmas, syntax, NER with normal
forms), loaded once per process and read into plain records the Russian stages work on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from typing import Any

from natasha import (
    Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter,
)
from natasha.doc import DocSent

MODEL = f"ru_natasha-{version('natasha')}"
_LINE = re.compile(r"[^\n]+")


@dataclass(slots=True)
class Token:
    i: int  # index in the document
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: dict[str, str]
    head: int | None  # index of the head token, None for a sentence root
    rel: str
    sent: int  # index of its sentence


@dataclass(slots=True)
class Name:
    """A named-entity span: natasha's PER, ORG or LOC, with its normal (nominative) form."""

    start: int
    end: int
    text: str
    type: str
    normal: str
    tokens: range  # token indices


@dataclass(slots=True)
class Parsed:
    text: str
    tokens: list[Token]
    sents: list[range]  # token indices of each sentence
    names: list[Name]
    children: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.children = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head is not None:
                self.children[t.head].append(t.i)

    def sent_span(self, s: int) -> tuple[int, int]:
        r = self.sents[s]
        return self.tokens[r.start].start, self.tokens[r.stop - 1].end

    def subtree(self, i: int) -> list[int]:
        """Token ``i`` and everything below it, in text order."""
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(self.children[j])
        return sorted(out)

    def token_at(self, char: int) -> Token | None:
        for t in self.tokens:
            if t.start <= char < t.end:
                return t
        return None


@dataclass(slots=True)
class Models:
    segmenter: Segmenter
    vocab: MorphVocab
    morph: NewsMorphTagger
    syntax: NewsSyntaxParser
    ner: NewsNERTagger


@lru_cache(maxsize=1)
def load_models() -> Models:
    """natasha's models, loaded once per process (they ship inside the natasha, slovnet and navec packages)."""
    embedding = NewsEmbedding()
    return Models(Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding),
                  NewsNERTagger(embedding))


def bare_parse(text: str, models: Models | None = None) -> Doc:
    """natasha's own parse of ``text``, sentences cut at line breaks too (headlines and bylines have no stop)."""
    models = models or load_models()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.sents = [DocSent(s.start + m.start(), s.start + m.end(), m.group())
                 for s in doc.sents for m in _LINE.finditer(s.text) if m.group().strip()]
    doc.envelop_sent_tokens()
    doc.sents = [s for s in doc.sents if s.tokens]
    doc.tag_morph(models.morph)
    doc.parse_syntax(models.syntax)
    doc.tag_ner(models.ner)
    return doc


def parse(text: str, models: Models | None = None) -> Parsed:
    """``text`` parsed and read into :class:`Parsed` (lemmas and normal forms included)."""
    models = models or load_models()
    doc = bare_parse(text, models)
    tokens: list[Token] = []
    sents: list[range] = []
    ids: dict[str, int] = {}
    heads: list[tuple[Any, str]] = []
    for s, sent in enumerate(doc.sents):
        first = len(tokens)
        for t in sent.tokens:
            t.lemmatize(models.vocab)
            ids[t.id] = len(tokens)
            tokens.append(Token(len(tokens), t.start, t.stop, t.text, (t.lemma or t.text).lower(), t.pos or "X",
                                dict(t.feats or {}), None, t.rel or "", s))
            heads.append((t.head_id, t.id))
        sents.append(range(first, len(tokens)))
    for token, (head_id, own_id) in zip(tokens, heads):
        head = ids.get(head_id) if head_id != own_id else None
        token.head = head if head is not None and tokens[head].sent == token.sent else None
    starts = {t.start: t.i for t in tokens}
    ends = {t.end: t.i for t in tokens}
    names = []
    for span in doc.spans:
        if span.start not in starts or span.stop not in ends:
            continue
        span.normalize(models.vocab)
        names.append(Name(span.start, span.stop, span.text, span.type, span.normal or span.text,
                          range(starts[span.start], ends[span.stop] + 1)))
    return Parsed(text, tokens, sents, names)
