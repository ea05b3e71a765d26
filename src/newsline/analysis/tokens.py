"""Token helpers the extraction stages share: tokens by their word, and a noun's "that" clause."""

from __future__ import annotations

from collections.abc import Collection

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token


def tokens_of(doc: Doc, words: Collection[str]) -> list[Token]:
    """The tokens whose lower-cased form is one of ``words``, without building a Token for every word."""
    lower = doc.to_array(LOWER)
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(lower, [doc.vocab.strings[w] for w in words]))]


def that_clause(noun: Token) -> Token | None:
    """The "that" clause a noun takes ("reports that he was killed"), if any."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
