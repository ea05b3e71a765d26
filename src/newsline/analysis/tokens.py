"""Token helpers the extraction stages share: tokens by their word or lemma, and a noun's "that" clause.

They read token attributes as arrays (computed once per document), because building a spaCy Token for every
word of an article costs more than the rules that look at them.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

_KEY = "newsline_token_attrs"


def _attributes(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """The LOWER, LEMMA and POS hashes of every token, cached in the Doc's ``user_data``."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        lower, lemma, pos = doc.to_array([LOWER, LEMMA, POS]).T.tolist() if len(doc) else ([], [], [])
        cached = doc.user_data[_KEY] = (lower, lemma, pos)
    return cached


def tokens_of(doc: Doc, words: Collection[str]) -> list[Token]:
    """The tokens whose lower-cased form is one of ``words``."""
    wanted = {doc.vocab.strings[w] for w in words}
    return [doc[i] for i, h in enumerate(_attributes(doc)[0]) if h in wanted]


def lemmas_of(doc: Doc, lemmas: Collection[str], pos: Collection[str]) -> list[Token]:
    """The tokens with one of ``lemmas`` and a part of speech in ``pos`` ("VERB", "AUX", ...)."""
    wanted = {doc.vocab.strings[w] for w in lemmas}
    parts = {doc.vocab.strings[p] for p in pos}
    _, lemma, tags = _attributes(doc)
    return [doc[i] for i, (h, p) in enumerate(zip(lemma, tags)) if h in wanted and p in parts]


def that_clause(noun: Token) -> Token | None:
    """The "that" clause a noun takes ("reports that he was killed"), if any."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
