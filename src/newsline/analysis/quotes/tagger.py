"""The attribution span tagger: a small spaCy NER-style model that labels SOURCE, CUE and CONTENT spans.

It is trained on PolNeAR (``python -m newsline.analysis.quotes.train``) and ships in ``quotes/model/``. It
reuses the en_core_web_sm parse (tags, dependency labels and the tok2vec tensor, see ``layers.py``), so it
runs on a copy of the already-parsed Doc and never re-parses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsline.analysis.quotes.layers import with_parse  # also registers the model's architecture

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


def tag_spans(doc: Doc, tagger: Language) -> list[TaggedSpan]:
    """The SOURCE/CUE/CONTENT spans the tagger finds in the parsed ``doc``, in text order."""
    copy = with_parse(doc, tagger.vocab)
    for _, component in tagger.pipeline:
        copy = component(copy)
    return [TaggedSpan(e.label_, e.start_char, e.end_char, e.start, e.end) for e in copy.ents if e.label_ in LABELS]
