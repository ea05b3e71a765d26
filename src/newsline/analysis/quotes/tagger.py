"""The attribution span tagger: a small spaCy NER-style model that labels SOURCE, CUE and CONTENT spans.

It is trained on PolNeAR (``training/train_quote_tagger.py``) and ships in ``quotes/model/``. It
reuses the en_core_web_sm parse (tags, dependency labels and the tok2vec tensor, see ``layers.py``), so it
never re-parses. It runs as the last component of newsline's spaCy pipeline (``newsline_attributions``),
which tags a whole batch of documents at once and leaves the spans in ``doc.spans["newsline_attributions"]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from newsline.analysis.quotes.layers import with_parse  # also registers the model's architecture

MODEL_DIR = Path(__file__).with_name("model")
TAGGER_CONFIG = Path(__file__).with_name("tagger.cfg")  # the training configuration (training/train_quote_tagger.py)
LABELS = ("SOURCE", "CUE", "CONTENT")
SPANS_KEY = "newsline_attributions"


@lru_cache(maxsize=1)
def load_tagger() -> Language | None:
    """The shipped tagger, or None when the package was built without it (then only the rules run)."""
    if not (MODEL_DIR / "meta.json").exists():
        return None
    return spacy.load(MODEL_DIR)


class AttributionTagger:
    """spaCy pipeline component: SOURCE/CUE/CONTENT spans of parsed docs into ``doc.spans[SPANS_KEY]``."""

    def __init__(self, tagger: Language) -> None:
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            copies = self.tagger.pipe((with_parse(doc, self.tagger.vocab) for doc in batch), batch_size=batch_size)
            for doc, copy in zip(batch, copies, strict=True):
                doc.spans[SPANS_KEY] = [Span(doc, e.start, e.end, e.label_) for e in copy.ents if e.label_ in LABELS]
                yield doc


@Language.factory(SPANS_KEY)
def make_attribution_tagger(nlp: Language, name: str) -> AttributionTagger:
    tagger = load_tagger()
    if tagger is None:
        raise ValueError(f"no attribution tagger model in {MODEL_DIR}: train one with "
                         "`python training/train_quote_tagger.py ../shared/bench/polnear/train --out DIR` and copy DIR here")
    return AttributionTagger(tagger)


def tagged_spans(doc: Doc) -> list[Span]:
    """The tagger's spans of ``doc`` in text order: from the pipeline component, else tagged now (or none
    when no model ships)."""
    if SPANS_KEY not in doc.spans:
        tagger = load_tagger()
        if tagger is None:
            return []
        AttributionTagger(tagger)(doc)
    return sorted(doc.spans[SPANS_KEY], key=lambda s: s.start)
