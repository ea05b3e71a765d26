"""The text of a parsed Doc, built once: spaCy joins every token again on each ``Doc.text`` access."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsline_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, cached in the Doc's ``user_data`` for the other stages."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """``doc``, remembering ``text`` (what it was parsed from, which spaCy's tokenizer keeps verbatim: ``doc.text``)
    as its text, so that :func:`text_of` never rebuilds it."""
    doc.user_data[_KEY] = text
    return doc
