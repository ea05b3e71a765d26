"""The attribution span tagger: a small spaCy NER-style model that labels SOURCE, CUE and CONTENT spans.

It is trained on PolNeAR (``python -m newsline.analyze.quotes.train``) and ships in ``quotes/model/``. Its
token features include the tag and dependency label of the en_core_web_sm parse, so it runs on a copy of the
already-parsed Doc and never re-parses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import DEP, HEAD, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

MODEL_DIR = Path(__file__).with_name("model")
LABELS = ("SOURCE", "CUE", "CONTENT")


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    label: str  # one of LABELS
    start: int  # character offsets into the Doc's text
    end: int
    first_token: int  # token indices, end exclusive
    end_token: int


@lru_cache(maxsize=1)
def load_tagger() -> Language | None:
    """The shipped tagger, or None when the package was built without it (then only the rules run)."""
    if not (MODEL_DIR / "meta.json").exists():
        return None
    return spacy.load(MODEL_DIR)


def with_parse(doc: Doc, vocab: Vocab) -> Doc:
    """A copy of ``doc``'s tokens, tags and dependencies in ``vocab`` (the tagger's own string store)."""
    copy = Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    for token in doc:  # make the strings known to the tagger's vocab before loading their hashes
        vocab.strings.add(token.tag_)
        vocab.strings.add(token.dep_)
    copy.from_array([TAG, DEP, HEAD], doc.to_array([TAG, DEP, HEAD]))
    return copy


def tag_spans(doc: Doc, tagger: Language) -> list[TaggedSpan]:
    """The SOURCE/CUE/CONTENT spans the tagger finds in the parsed ``doc``, in text order."""
    copy = with_parse(doc, tagger.vocab)
    for _, component in tagger.pipeline:
        copy = component(copy)
    return [TaggedSpan(e.label_, e.start_char, e.end_char, e.start, e.end) for e in copy.ents if e.label_ in LABELS]
