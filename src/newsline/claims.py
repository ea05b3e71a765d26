"""Claims: the sentences an outlet asserts in its own voice (``Sentence.voice == "outlet"``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsline.model import Article
from newsline.query import make_filter
from newsline.store.base import Store

_PAGE = 200


@dataclass(frozen=True, slots=True)
class Claim:
    article: str  # article id
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str


def outlet_claims(article: Article) -> list[Claim]:
    """The outlet-voice sentences of an analysed article (none when it was not analysed)."""
    return [
        Claim(article.id, article.outlet, article.published, s.start, s.end, article.text[s.start : s.end].strip())
        for s in article.sentences if s.voice == "outlet" and article.text[s.start : s.end].strip()
    ]


def stored_claims(
    store: Store, *, outlet: str | None = None, since: str | date | None = None, until: str | date | None = None,
) -> Iterator[Claim]:
    """Outlet-voice sentences of every stored article matching the filters, in publication order."""
    where = make_filter(outlet, since, until)
    offset = 0
    while page := store.list_articles(where, _PAGE, offset):
        for summary in page:
            stored = store.get_article(summary.id)
            if stored is not None:
                yield from outlet_claims(stored.article)
        offset += len(page)
