"""WARC and WARC.gz archives: HTML response records become articles (URL and fetch date from the headers)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from newsline.ingest.decode import decode_bytes
from newsline.ingest.html import read_html
from newsline.errors import RejectedInput
from newsline.ingest.records import RawRecord, Rejection

_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)


def read_warc(label: str, stream: BinaryIO, max_bytes: int) -> Iterator[RawRecord | Rejection]:
    """Yield one record per HTML response; a corrupt or truncated archive is reported where it breaks.

    A record is truncated when its Content-Length runs past the end of the file (or of its gzip member): in an
    uncompressed WARC it has swallowed every record after it, so those cannot be read; it is reported, and the
    records before it are kept."""
    number = 0
    records = ArchiveIterator(stream)
    previous: ArcWarcRecord | None = None
    gzipped = False
    try:
        for record in records:
            if previous is not None and (broken := _truncated(label, number, previous, gzipped)):
                yield broken
            number += 1
            previous = record
            gzipped = records.reader.decompressor is not None
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
            if broken := _truncated(label, number, record, gzipped):
                previous = None
                yield broken
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
    if previous is not None and (broken := _truncated(label, number, previous, gzipped)):
        yield broken
        return
    while records.fh.read(1 << 20):  # to the end, to learn the size of a stream that cannot seek
        pass
    size = records.fh.tell()
    if records.offset < size:  # warcio stops quietly at a member it cannot finish
        yield Rejection(
            f"{label}:record {number + 1}",
            f"truncated or corrupt WARC: the last {size - records.offset:,} bytes hold no complete record; "
            "records before it were read",
        )


def _truncated(label: str, number: int, record: ArcWarcRecord, gzipped: bool) -> Rejection | None:
    """A Rejection if ``record`` (read to its end) holds fewer bytes than its Content-Length says."""
    missing = getattr(record.raw_stream, "limit", 0)
    if not missing:
        return None
    declared = int(record.rec_headers.get_header("Content-Length") or 0)
    got = f"{declared - missing:,} of them"
    what = (f"its gzip member ends after {got}; this record was skipped, the records around it were read" if gzipped
            else f"the file ends after {got}: every record after it was swallowed as its content and could not be "
                 "read; records before it were read")
    return Rejection(f"{label}:record {number}",
                     f"truncated or corrupt WARC: the record's Content-Length is {declared:,} bytes but {what}")
