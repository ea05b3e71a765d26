"""WARC and WARC.gz archives: HTML response records become articles (URL and fetch date from the headers)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsline.ingest.decode import decode_bytes
from newsline.ingest.html import read_html
from newsline.errors import RejectedInput
from newsline.ingest.records import RawRecord, Rejection

_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)


def read_warc(label: str, stream: BinaryIO, max_bytes: int) -> Iterator[RawRecord | Rejection]:
    """Yield one record per HTML response; a corrupt or truncated archive is reported where it breaks."""
    number = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            origin = f"{label}:record {number}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            fetched = record.rec_headers.get_header("WARC-Date")
            status = record.http_headers.get_statuscode()
            if status and not status.startswith("2"):
                yield Rejection(origin, f"HTTP status {status} for {url}: not an article page")
                continue
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield Rejection(origin, f"HTML response larger than {max_bytes:,} bytes")
                continue
            charset = _CHARSET.search(content_type)
            try:
                html = decode_bytes(payload, charset.group(1) if charset else None)
                yield read_html(origin, html, url=url, fetched=fetched)
            except RejectedInput as exc:
                yield Rejection(origin, str(exc))
    except Exception as exc:  # warcio raises a variety of errors for damaged archives
        yield Rejection(
            f"{label}:record {number + 1}",
            f"truncated or corrupt WARC ({type(exc).__name__}: {exc}); records before it were read",
        )
        return
    size = stream.seek(0, 2)
    if records.offset < size:  # warcio stops quietly at a member it cannot finish
        yield Rejection(
            f"{label}:record {number + 1}",
            f"truncated or corrupt WARC: the last {size - records.offset:,} bytes hold no complete record; "
            "records before it were read",
        )
