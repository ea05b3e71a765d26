"""Article identity and outlet names derived from text and URLs."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

import tldextract

from newsline.analysis.language import detect_language
from newsline.model import Article


def normalize_text(text: str) -> str:
    """Text as compared for identity: NFC, whitespace runs collapsed, ends stripped (``str.split`` splits at the
    characters ``\\s`` matches, 4x faster than ``re.sub``: ``newsline load`` hashes every text, benchmarks/scale.py)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    """Equal for exact copies of one text, whatever their URLs."""
    return _digest(normalize_text(text))


def article_id(text: str, url: str | None) -> str:
    """A stable 16-hex-digit id from the normalised text and the URL (the same text at two URLs: two ids)."""
    return _digest(normalize_text(text), url or "")


# Reserved documentation and test domains (RFC 2606, RFC 6761): under them the site is one level down, as under a
# public suffix, so harbourgazette.example.com and coastline.example.net are two outlets, not one.
RESERVED_SUFFIXES = ("example", "example.com", "example.net", "example.org", "test", "invalid", "localhost")


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The public suffix list snapshot bundled with tldextract (no network, no cache writes), including its private
    # section, where hosting platforms list domains whose subdomains are separate sites (x.blogspot.com).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True,
                                 extra_suffixes=RESERVED_SUFFIXES)


def outlet_from_url(url: str | None) -> str | None:
    """The URL's registered domain (``www.bbc.co.uk/x`` -> ``bbc.co.uk``), or None when there is none."""
    if not url:
        return None
    domain = _extractor()(url).top_domain_under_public_suffix
    return domain.lower() or None


def new_article(
    text: str, *, url: str | None = None, outlet: str | None = None, published: str | None = None,
    title: str | None = None, fetched: str | None = None,
) -> Article:
    """An unanalysed Article with its id, outlet (given, else the URL's domain) and detected language."""
    return Article(
        id=article_id(text, url), text=text, url=url, outlet=outlet or outlet_from_url(url),
        published=published, title=title, language=detect_language(text), fetched=fetched,
    )
