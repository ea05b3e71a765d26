"""newsline: who said what, who did what to whom and when, and how each story spread across outlets."""

from __future__ import annotations

from newsline.analysis.pipeline import Analyzer, new_article
from newsline.ingest import IngestReport, ReadOptions, ingest
from newsline.ingest.dates import normalize_published
from newsline.model import SCHEMA, Article
from newsline.query import NotFound, articles, open_store, quotes, search, show, stats

__version__ = "0.1.0"


def analyze(text: str, published: str | None = None, url: str | None = None, outlet: str | None = None,
            title: str | None = None) -> Article:
    """Analyse one article without a database. ``published`` is an ISO date; None means unknown."""
    article = new_article(text.strip(), url=url, outlet=outlet, published=normalize_published(published), title=title)
    return Analyzer().analyze(article)


__all__ = ["SCHEMA", "Analyzer", "Article", "IngestReport", "NotFound", "ReadOptions", "analyze", "articles",
           "ingest", "open_store", "quotes", "search", "show", "stats"]
