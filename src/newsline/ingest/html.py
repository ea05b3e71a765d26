"""HTML pages: main text, title, date, site name and canonical URL, extracted with trafilatura."""

from __future__ import annotations

import trafilatura

from newsline.publication import normalize_published
from newsline.errors import RejectedInput
from newsline.ingest.records import RawRecord

# Only dates stated in the page's markup; no guessing from the text, so a date is never invented.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Hand-set (no tuning recorded): what a stub page is.
MIN_WORDS = 10  # fewer words than this is a menu or a stub, not an article


def looks_html(head: str) -> bool:
    start = head.lstrip("\ufeff \t\r\n")[:512].lower()
    return start.startswith(("<!doctype html", "<html")) or "<html" in start or "<head" in start


def read_html(origin: str, html: str, url: str | None = None, fetched: str | None = None) -> RawRecord:
    """One page as a record; raises RejectedInput when it has no main text."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise RejectedInput("HTML page has no main text (nothing that reads as an article)")
    try:
        published = normalize_published(doc.date)
    except ValueError:
        published = None  # a malformed date in the markup is no date at all
    return RawRecord(
        origin=origin, text=text, url=doc.url or url, published=published,
        title=doc.title or None, outlet=None if (doc.url or url) else (doc.sitename or None), fetched=fetched,
    )
