"""newsline: who said what, who did what to whom and when, and how each story spread across outlets."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from newsline.errors import InvalidArgument
from newsline.identity import new_article
from newsline.indexing import index
from newsline.ingest import IngestReport, ReadOptions, ingest
from newsline.ingest.load import load_shards
from newsline.ingest.shards import analyze_to_shards
from newsline.publication import normalize_published
from newsline.ingest.decode import clean_text, unpaired_surrogate
from newsline.lazy import lazy_names
from newsline.model import SCHEMA, Article
from newsline.query import NotFound, articles, count_matches, open_store, quotes, search, show, stats

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer

__getattr__ = lazy_names(__name__, {"Analyzer": "newsline.analysis.pipeline"})  # spaCy is imported on first use

__version__ = "0.1.0"


def analyze(text: str, published: str | date | None = None, url: str | None = None, outlet: str | None = None,
            title: str | None = None) -> Article:
    """Analyse one article without a database.

    ``published`` is an ISO 8601 string, a ``date`` or a ``datetime`` (None: unknown). The text is cleaned as
    ingestion cleans it (control characters removed); a text longer than the analysis cap is analysed on its
    first part, which ``analysis.reason`` states. Raises InvalidArgument for a value that is not acceptable.
    """
    body = _text("text", text)
    if not body:
        raise InvalidArgument("text", text, "no text to analyse: give the article's text as a string")
    from newsline.analysis.pipeline import Analyzer

    article = new_article(body, url=_text("url", url), outlet=_text("outlet", outlet),
                          published=normalize_published(published), title=_text("title", title))
    return Analyzer().analyze(article)


def _text(param: str, value: object) -> str | None:
    """A string argument, cleaned (stripped, no control characters); None stays None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidArgument(param, value, f"must be a string, not {type(value).__name__}")
    if problem := unpaired_surrogate(value):
        raise InvalidArgument(param, value if len(value) <= 40 else value[:40] + "...", problem)
    return clean_text(value).strip() or None


__all__ = ["SCHEMA", "Analyzer", "Article", "IngestReport", "NotFound", "ReadOptions", "analyze", "analyze_to_shards",
           "articles", "count_matches", "index", "ingest", "load_shards", "open_store", "quotes", "search", "show",
           "stats"]
