"""Reading inputs: walk paths, detect each file's format by content and extension, dispatch to its reader."""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsline.ingest.datemarked import looks_date_marked, read_date_marked
from newsline.ingest.decode import SAMPLE_BYTES, decode_bytes, detect_encoding
from newsline.ingest.html import looks_html, read_html
from newsline.ingest.jsonl import read_jsonl
from newsline.errors import RejectedInput
from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.warc import read_warc

STDIN = "-"
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# What a folder walk picks up (also gzipped); files named on the command line are read whatever their name.
INPUT_SUFFIXES = {"", ".txt", ".text", ".warc", ".arc", *JSONL_SUFFIXES, *HTML_SUFFIXES}
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class ReadOptions:
    published: str | None = None  # publication date for plain-text files, which carry none
    field_map: Mapping[str, str] = field(default_factory=dict)
    max_document_bytes: int = 10 * 1024 * 1024  # a single plain-text or HTML document larger than this is rejected


def is_input_name(name: str) -> bool:
    """Whether a folder walk should read this file: a known input suffix, optionally followed by ``.gz``."""
    path = Path(name.removesuffix(".gz"))
    return not name.startswith(".") and path.suffix.lower() in INPUT_SUFFIXES


def iter_files(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Expand folders recursively (sorted; hidden entries and non-input files such as ``.md`` or ``.py`` skipped,
    and appended to ``skipped``); ``-`` stands for standard input."""
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if is_input_name(name):
                        yield str(Path(root) / name)
                    elif skipped is not None and not name.startswith("."):
                        skipped.append(str(Path(root) / name))
        else:
            yield raw


def read_inputs(paths: Iterable[str], options: ReadOptions,
                skipped: list[str] | None = None) -> Iterator[RawRecord | Rejection]:
    for name in iter_files(paths, skipped):
        yield from read_file(name, options)


def read_file(name: str, options: ReadOptions) -> Iterator[RawRecord | Rejection]:
    """All records of one file (or of stdin for ``-``); problems become Rejections, never exceptions."""
    label = "<stdin>" if name == STDIN else name
    try:
        stream = io.BytesIO(sys.stdin.buffer.read()) if name == STDIN else open(name, "rb")
    except OSError as exc:
        yield Rejection(label, f"cannot open: {exc.strerror or exc}")
        return
    with stream:
        try:
            yield from _read_stream(label, name, stream, options)
        except RejectedInput as exc:
            yield Rejection(label, str(exc))
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield Rejection(label, f"truncated or corrupt gzip data ({exc}); records before it were read")
        except UnicodeDecodeError as exc:
            yield Rejection(label, f"undecodable: not valid {exc.encoding} ({exc.reason})")
        except OSError as exc:
            yield Rejection(label, f"read error: {exc}")


def _read_stream(label: str, name: str, raw: BinaryIO, options: ReadOptions) -> Iterator[RawRecord | Rejection]:
    suffixes = [s.lower() for s in Path(name).suffixes]
    magic = raw.read(2)
    raw.seek(0)
    if not magic:
        raise RejectedInput("empty file")
    gzipped = magic == _GZIP_MAGIC
    stream: BinaryIO = gzip.GzipFile(fileobj=raw) if gzipped else raw
    if gzipped and suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    head = _gunzip_head(raw) if gzipped else stream.read(SAMPLE_BYTES)
    if not head.strip():
        raise RejectedInput("empty file" if not head else "file holds only whitespace")

    if head.startswith(b"WARC/") or suffix in {".warc", ".arc"}:
        raw.seek(0)  # warcio reads gzip members itself
        yield from read_warc(label, raw, options.max_document_bytes)
        return

    encoding = detect_encoding(head)
    text_head = head.decode(encoding, errors="ignore")
    if suffix in JSONL_SUFFIXES or text_head.lstrip("\ufeff \t\r\n").startswith("{"):
        yield from read_jsonl(label, _lines(stream, encoding), options.field_map)
    elif looks_date_marked(text_head) and suffix not in HTML_SUFFIXES:
        yield from read_date_marked(label, _lines(stream, encoding))
    else:
        data = head + stream.read(options.max_document_bytes + 1 - len(head))
        if len(data) > options.max_document_bytes:
            raise RejectedInput(
                f"document larger than {options.max_document_bytes // (1024 * 1024)} MB: a single article "
                "is never this long; split it, or use JSON Lines / date-marked records for many articles"
            )
        text = decode_bytes(data)
        if suffix in HTML_SUFFIXES or looks_html(text_head):
            yield read_html(label, text)
        else:
            yield RawRecord(origin=label, text=text.strip(), published=options.published)


def _gunzip_head(raw: BinaryIO) -> bytes:
    """The first SAMPLE_BYTES of gzip data (all members), or as much as a truncated file holds."""
    data = raw.read(SAMPLE_BYTES)
    raw.seek(0)
    out = b""
    while data and len(out) < SAMPLE_BYTES:
        member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            out += member.decompress(data)
        except zlib.error:
            break
        data = member.unused_data
    return out[:SAMPLE_BYTES]


def _lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    stream.seek(0)
    yield from io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline=None)
