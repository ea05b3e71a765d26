"""An article as every store keeps it: its own fields as columns, the rest of the JSON contract as one text."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsline.model import Article

ARTICLE_FIELDS = ("id", "url", "outlet", "published", "title", "language", "fetched", "text")


def annotations_json(article: Article) -> str:
    """The ``annotations`` column: the contract without ``schema`` and the ``ARTICLE_FIELDS`` columns."""
    return article.to_json(leave_out=("schema", *ARTICLE_FIELDS))


def article_from_row(fields: Sequence[object], annotations: str) -> Article:
    """The article from its ``ARTICLE_FIELDS`` columns (in that order) and its ``annotations`` column."""
    return Article.from_dict({**dict(zip(ARTICLE_FIELDS, fields)), **json.loads(annotations)})
