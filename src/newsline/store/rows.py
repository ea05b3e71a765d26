"""An article as every store keeps it: its own fields as columns, the rest of the JSON contract as one text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

import msgspec

from newsline.identity import text_hash
from newsline.model import ARTICLE_FIELD_NAMES, SCHEMA, Article

ARTICLE_FIELDS = ("id", "url", "outlet", "published", "title", "language", "fetched", "text")
ANNOTATION_FIELDS = tuple(name for name in ARTICLE_FIELD_NAMES if name not in ARTICLE_FIELDS)


class ArticleRow(NamedTuple):
    """An article ready to store: its ``ARTICLE_FIELDS`` columns and its ``annotations`` column (JSON text).
    ``newsline load`` reads shards into rows, without building the Articles (``row_from_json``)."""

    id: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    language: str | None
    fetched: str | None
    text: str
    annotations: str


def annotations_json(article: Article) -> str:
    """The ``annotations`` column: the contract without ``schema`` and the ``ARTICLE_FIELDS`` columns."""
    return article.to_json(leave_out=("schema", *ARTICLE_FIELDS))


def article_from_row(fields: Sequence[object], annotations: str) -> Article:
    """The article from its ``ARTICLE_FIELDS`` columns (in that order) and its ``annotations`` column."""
    return Article.from_dict({**dict(zip(ARTICLE_FIELDS, fields)), **json.loads(annotations)})


def insert_values(articles: Sequence[tuple[Article | ArticleRow, str]], now: str) -> list[tuple[Any, ...]]:
    """The values of each ``(article or row, origin)`` for ``INSERT INTO articles (ARTICLE_FIELDS, text_hash,
    origin, ingested_at, annotations)``, as both stores insert them."""
    values = []
    for item, origin in articles:
        row = item if isinstance(item, ArticleRow) else ArticleRow(
            *(getattr(item, f) for f in ARTICLE_FIELDS), annotations_json(item))
        values.append((*row[:-1], text_hash(row.text), origin, now, row.annotations))
    return values


# A line of the contract as its columns, decoded, and its annotations, each kept as the JSON text it is (msgspec
# checks the syntax and skips the insides): ten times faster than decoding the line and encoding the annotations
# again, most of a load's time before (benchmarks/scale.py).
_Line = msgspec.defstruct("_Line", [
    ("schema", str, SCHEMA), ("id", str), ("text", str),
    *((name, str | None, None) for name in ARTICLE_FIELDS if name not in ("id", "text")),
    *((name, msgspec.Raw, msgspec.Raw(b"null" if name == "analysis" else b"[]")) for name in ANNOTATION_FIELDS),
], kw_only=True)
_decode_line = msgspec.json.Decoder(_Line).decode
_KEYS = tuple(b'"%s":' % name.encode() for name in ANNOTATION_FIELDS)


def row_from_json(line: bytes | str) -> ArticleRow:
    """The row of an article given as one JSON object of the contract (a shard's line, ``Article.to_json``):
    the same row as ``Article.from_dict``, then ``annotations_json``, would give for a line ``to_json`` wrote.
    Raises ValueError when the line is not JSON, lacks a field's type, or is of another schema."""
    try:
        parsed = _decode_line(line)
    except msgspec.DecodeError as exc:  # ValidationError included
        raise ValueError(str(exc)) from None
    if parsed.schema != SCHEMA:
        raise ValueError(f"unsupported article schema {parsed.schema!r}; expected {SCHEMA!r}")
    annotations = b",".join(key + bytes(getattr(parsed, name)) for key, name in zip(_KEYS, ANNOTATION_FIELDS))
    return ArticleRow(*(getattr(parsed, f) for f in ARTICLE_FIELDS), (b"{" + annotations + b"}").decode())
